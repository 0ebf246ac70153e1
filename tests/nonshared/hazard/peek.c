/* Uses new_peek, which is left out for its hazard. */
#include <stdio.h>
int old_bump(void);
int new_peek(void);
int main(void)
{
	old_bump();
	printf("peek %d\n", new_peek());
	return 0;
}

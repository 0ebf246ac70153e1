/* Uses the shared old_bump and the private new_pure. */
#include <stdio.h>
int old_bump(void);
int new_pure(int x);
int main(void)
{
	old_bump();
	printf("bumped to %d, pure %d\n", old_bump(), new_pure(21));
	return 0;
}

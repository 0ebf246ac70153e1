#include <stdio.h>

int greet(char *buf, int size);

int main(void)
{
	char buf[64];
	greet(buf, sizeof buf);
	puts(buf);
	return 0;
}

/* getaddrinfo_a: in libanl.so.1 before glibc 2.34. */
#define _GNU_SOURCE
#include <stddef.h>
#include <netdb.h>

int main(void)
{
	struct gaicb *list[1] = { 0 };
	return getaddrinfo_a(GAI_NOWAIT, list, 0, NULL);
}

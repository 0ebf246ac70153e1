/* shm_open (librt) and dlopen (libdl) before glibc 2.34, called without
 * naming either library, as code written for a newer glibc does. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	char name[64];
	snprintf(name, sizeof name, "/manyguard-shm-%ld", (long)getpid());
	int fd = shm_open(name, O_CREAT | O_RDWR, 0600);
	if (fd >= 0)
		shm_unlink(name);
	void *m = dlopen("libm.so.6", RTLD_NOW);
	printf("shm_open: %s, dlopen: %s\n", fd >= 0 ? "ok" : "failed", m ? "ok" : "failed");
	return 0;
}

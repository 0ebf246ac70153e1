/* gettid for targets before glibc 2.30: the system call, which every
 * Linux has. */
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "shim.h"

MG_SHIM pid_t gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

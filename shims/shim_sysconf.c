/* sysconf's _SC_MINSIGSTKSZ and _SC_SIGSTKSZ for targets before glibc 2.34.
 *
 * glibc 2.34 made SIGSTKSZ and MINSIGSTKSZ sysconf() calls when
 * _DYNAMIC_STACK_SIZE_SOURCE or _GNU_SOURCE is defined (C++ always
 * defines _GNU_SOURCE), because the signal frame grows with the CPU's
 * register state (AVX-512, AMX).  An older sysconf does not know these
 * names and returns -1, so `char stack[SIGSTKSZ]` becomes a huge size and
 * sigaltstack gets a bad one.  This hidden sysconf answers the two names
 * as glibc 2.34 does: MINSIGSTKSZ from the kernel's AT_MINSIGSTKSZ (Linux
 * 5.14 and later on x86, 4.18 on arm64) and never below the legacy
 * constant, SIGSTKSZ four times that and never below the legacy SIGSTKSZ.
 * Every other name goes to the target's own sysconf. */
#include <sys/auxv.h>
#include <unistd.h>

#include "shim.h"

MG_SHIM_BELOW("GLIBC_2.34");

/* glibc 2.34's numbers: after the last name older releases knew. */
#define MG_SC_MINSIGSTKSZ 249
#define MG_SC_SIGSTKSZ 250
#define MG_AT_MINSIGSTKSZ 51

extern long mg_old_sysconf(int name);
MG_SHIM_OLD(mg_old_sysconf, __sysconf, MG_GLIBC_BASE);

static long mg_sysconf_minsigstksz(void)
{
	long kernel = (long)getauxval(MG_AT_MINSIGSTKSZ);
	return kernel > MG_LEGACY_MINSIGSTKSZ ? kernel : MG_LEGACY_MINSIGSTKSZ;
}

MG_SHIM long sysconf(int name)
{
	if (name == MG_SC_MINSIGSTKSZ)
		return mg_sysconf_minsigstksz();
	if (name == MG_SC_SIGSTKSZ) {
		long four = 4 * mg_sysconf_minsigstksz();
		return four > MG_LEGACY_SIGSTKSZ ? four : MG_LEGACY_SIGSTKSZ;
	}
	return mg_old_sysconf(name);
}

/* x86_64's facts for the glibc shims: the version names glibc gave the
 * interfaces the shims call (x86_64's oldest is GLIBC_2.2.5; the *at
 * variants came in 2.4), the interface versions of __xstat and __xmknod
 * (<bits/stat.h> of glibc 2.32: _STAT_VER_LINUX 1, _MKNOD_VER_LINUX 0),
 * and the signal stack sizes of <bits/sigstack.h> before 2.34 made
 * SIGSTKSZ a sysconf() call. */
#ifndef MG_SHIM_X86_64_H
#define MG_SHIM_X86_64_H

#define MG_GLIBC_BASE "GLIBC_2.2.5"
#define MG_GLIBC_AT "GLIBC_2.4"
#define MG_STAT_VER 1
#define MG_MKNOD_VER 0
#define MG_LEGACY_MINSIGSTKSZ 2048L
#define MG_LEGACY_SIGSTKSZ 8192L

#endif

/* aarch64's facts for the glibc shims (see shim_x86_64.h): every interface
 * is as old as the port, GLIBC_2.17; the generic stat interface version
 * is 0; the legacy signal stack sizes are larger. */
#ifndef MG_SHIM_AARCH64_H
#define MG_SHIM_AARCH64_H

#define MG_GLIBC_BASE "GLIBC_2.17"
#define MG_GLIBC_AT "GLIBC_2.17"
#define MG_STAT_VER 0
#define MG_MKNOD_VER 0
#define MG_LEGACY_MINSIGSTKSZ 5120L
#define MG_LEGACY_SIGSTKSZ 16384L

#endif

/* What every glibc shim shares: the hidden definition, the binding of a
 * call to an old glibc version, and the marker for a shim whose need is
 * not a missing name.
 *
 * A shim is linked into an output only when the target glibc lacks what it
 * provides (lib/rtdir/glibc_shims.c picks the members), and always as a
 * hidden definition: it serves the output it is linked into and is never
 * exported, so two shared objects in one process never share or fight
 * over a copy.  A shim calls only what glibc 2.17 has; a call whose plain
 * name the host's headers or libraries would bind to a newer version is
 * bound to the old one with MG_SHIM_OLD.  The architecture's facts (its
 * oldest symbol version, the stat and mknod interface versions, the
 * legacy signal stack sizes) come from shim_<arch>.h. */
#ifndef MG_SHIM_H
#define MG_SHIM_H

#if defined(__x86_64__) && !defined(__ILP32__)
#include "shim_x86_64.h"
#elif defined(__aarch64__)
#include "shim_aarch64.h"
#else
#error "no glibc shims for this architecture: add shims/shim_<arch>.h"
#endif

/* A definition the output keeps to itself. */
#define MG_SHIM __attribute__((visibility("hidden")))

/* Make the undefined symbol LOCAL a reference to NAME@VERSION. */
#define MG_SHIM_STR(x) #x
#define MG_SHIM_OLD(local, name, version) \
	__asm__(".symver " MG_SHIM_STR(local) "," MG_SHIM_STR(name) "@" version)

/* The member is needed by targets older than VERSION even though they have
 * every name it defines (the start fix: 2.34's crt1.o calling convention;
 * sysconf: the _SC_SIGSTKSZ values).  Read by the selection from the
 * SHF_EXCLUDE section .manyguard.shim, which no link output keeps. */
#define MG_SHIM_BELOW(version) \
	__asm__(".pushsection .manyguard.shim,\"e\"\n" \
		".asciz \"below " version "\"\n" \
		".popsection")

#endif

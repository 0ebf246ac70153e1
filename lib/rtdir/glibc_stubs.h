/* Link-time stubs of an old glibc's libraries (rtdir/stub.h), each holding
 * exactly what that library defined: from the glibc ABI table for a
 * release (policy/glibc_abi.h), or from the real libraries of an old glibc
 * (--baseline-libc).  A symbol is stubbed in the library the *target*
 * release had it in, so the NEEDED entries and version requirements of an
 * output come out as those of a native old build: an old ld.so refuses a
 * versioned reference whose requirement names another file. */
#ifndef MG_RTDIR_GLIBC_STUBS_H
#define MG_RTDIR_GLIBC_STUBS_H

#include "base/error.h"
#include "policy/glibc_abi.h"
#include "rtdir/stub.h"

/* The stub of library LIB (an index of mg_glibc_abi_lib_at) as release REL
 * built it: its version nodes in definition order with their verdef
 * parents, every symbol with its version, default or compat (glibc's own
 * configuration: the obsolete RPC/NSL interfaces stay compat), kind and
 * data size (copy relocations are sized by it).  The table does not say
 * which data symbols are aliases of one another, nor which are weak
 * (environ is a weak alias of __environ): HOST_LIB, the same library of a
 * newer glibc (the compiler's), says it when given; glibc keeps these
 * aliases from release to release.  NULL with ERR when REL does not build
 * LIB or HOST_LIB cannot be read.  Free with mg_stub_free. */
mg_stub *mg_glibc_stub_from_table(const mg_glibc_abi *abi, int rel, size_t lib,
				  const char *host_lib, mg_error *err);

/* The stub of the real library at PATH, without its GLIBC_PRIVATE
 * interface (internal to glibc: nothing outside it may bind to it). */
mg_stub *mg_glibc_stub_from_lib(const char *path, mg_error *err);

/* The glibc release a real libc.so.6 is: its highest GLIBC_2.N version
 * node ("2.17"), into BUF of SIZE bytes.  -1 with ERR when PATH defines no
 * GLIBC_2.N version (not glibc's libc). */
int mg_glibc_lib_release(const char *path, char *buf, size_t size, mg_error *err);

#endif

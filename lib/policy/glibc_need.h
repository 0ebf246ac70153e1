/* The GLIBC versions a shared library needs (its version requirements),
 * judged by a policy's cap: what the OpenMP runtime of a link needs, the
 * one `manyguard openmp` built (checked before it is kept) and the
 * compiler's own (which the compiler wrapper warns about and the manifest
 * records when a link binds to it). */
#ifndef MG_POLICY_GLIBC_NEED_H
#define MG_POLICY_GLIBC_NEED_H

#include <stdbool.h>

#include "base/error.h"
#include "policy/policy.h"
#include "policy/symver.h"

typedef struct mg_glibc_need {
	char max[MG_SYMVER_MAX_NAME];   /* the highest GLIBC version needed; "" when none */
	bool within;                    /* every one within the policy's cap */
	char cap[MG_SYMVER_MAX_NAME];   /* the policy's GLIBC cap */
	/* When not within: the first version above the cap, and the library
	 * it is needed from ("libc.so.6"). */
	char over[MG_SYMVER_MAX_NAME];
	char over_file[MG_SYMVER_MAX_NAME];
} mg_glibc_need;

/* Read what the ELF file LIB needs of GLIBC and judge it by POLICY's caps
 * for LIB's machine.  0 with NEED filled, or -1 with ERR naming LIB (not
 * readable, corrupted) or the policy (no rules for the machine). */
int mg_glibc_need_read(const char *lib, const mg_policy *policy, mg_glibc_need *need,
		       mg_error *err);

#endif

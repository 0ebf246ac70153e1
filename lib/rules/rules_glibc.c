/* glibc's facts for the rules: the release that judges a file's GLIBC
 * requirements (the policy's cap, or a real old glibc's release), which
 * files are glibc's libraries, and the names refused by name because no
 * shim can give them to an older glibc, each with why and what to do
 * instead.  Where each name is at
 * each release, the ABI table says (policy/glibc_abi.h). */
#include "config.h"
#include "rules/rules_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

int mg_rules_glibc_table(const mg_policy *policy, const char *arch, mg_glibc_abi **abi,
			 mg_error *err)
{
	const char *file = mg_policy_path(policy);
	char *dir = xstrndup(file, (size_t)(lbasename(file) - file));
	char *path = mg_glibc_abi_arch_path(*dir ? dir : ".", arch);
	*abi = NULL;
	int rc = 0;
	if (access(path, F_OK) == 0 && !(*abi = mg_glibc_abi_load(path, err)))
		rc = -1;
	free(path);
	free(dir);
	return rc;
}

int rules_glibc_release(const mg_rules_opts *o, const char **name)
{
	const mg_glibc_abi *abi = o->glibc ? o->glibc->abi : NULL;
	*name = NULL;
	if (!abi)
		return -1;
	const char *release = o->glibc->release;
	if (!release) {
		const mg_caps *caps = o->policy ? mg_policy_caps(o->policy, mg_glibc_abi_arch(abi))
						: NULL;
		const char *cap = caps ? mg_caps_get(caps, "GLIBC", NULL) : NULL;
		if (!cap || strncmp(cap, "GLIBC_", 6) != 0)
			return -1;
		release = cap + 6;
	}
	int rel = mg_glibc_abi_release_index(abi, release);
	if (rel >= 0)
		*name = mg_glibc_abi_release_at(abi, (size_t)rel);
	return rel;
}

int rules_glibc_library(const mg_glibc_abi *abi, const char *file, int rel)
{
	for (size_t i = 0; i < mg_glibc_abi_lib_count(abi); i++) {
		const mg_glibc_abi_lib *lib = mg_glibc_abi_lib_at(abi, i);
		if (strcmp(lib->soname, file) == 0 && mg_glibc_abi_in(lib->releases, rel))
			return (int)i;
	}
	return -1;
}

/* Names, or prefixes of names (ending in '_' or "ZGV"), that no shim can
 * stand for. */
static const struct {
	const char *name;
	bool prefix;
	const char *why, *instead;
} refused[] = {
	{ "close_range", false,
	  "it cannot be shimmed: it is a system call of Linux 5.9, which the kernels of older "
	  "glibc's systems lack, so a shim could only fail with ENOSYS where the caller expects "
	  "the descriptors closed",
	  "close the descriptors in a loop (up to getrlimit(RLIMIT_NOFILE)), or mark them "
	  "close-on-exec when they are opened (O_CLOEXEC)" },
	{ "pidfd_", true,
	  "it cannot be shimmed: process file descriptors are system calls of Linux 5.3 and "
	  "later, and nothing older gives a descriptor for a process",
	  "wait for and signal processes by pid (waitpid, kill)" },
	{ "_ZGV", true,
	  "it cannot be shimmed: it is a vector variant of a libm function from libmvec.so.1 "
	  "(vector math, glibc 2.22 and later), which GCC calls in vectorized loops when "
	  "glibc's <math.h> declares SIMD variants (under -ffast-math)",
	  "compile the loops that call libm without -ffast-math, or with "
	  "-fno-tree-loop-vectorize" },
	{ "_dl_find_object", false,
	  "it cannot be shimmed: it is ld.so's index of the loaded objects (glibc 2.35), which "
	  "the unwinder of GCC 12 and later calls when linked in statically (libgcc_eh.a, "
	  "-static-libgcc)",
	  "link libgcc_s dynamically (no -static-libgcc): the target's own libgcc_s.so.1 finds "
	  "the objects its way" },
};

bool rules_glibc_refused(const char *name, const char **why, const char **instead)
{
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		size_t n = strlen(refused[i].name);
		if (refused[i].prefix ? strncmp(name, refused[i].name, n) != 0
				      : strcmp(name, refused[i].name) != 0)
			continue;
		*why = refused[i].why;
		*instead = refused[i].instead;
		return true;
	}
	return false;
}

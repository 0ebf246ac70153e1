/* The OpenMP runtime in the cache, and any runtime directory checked
 * before a link uses it.
 *
 * A cached runtime is GCC MAJOR's libgomp for a policy: its name is a
 * SHA-256 of the major version (the source package is gcc-MAJOR, and a
 * program compiled by any GCC MAJOR.x calls only what that libgomp
 * exports), the policy's name and its file's text and the directory's
 * format, so the wrappers (which know the compiler's major from its
 * -dumpversion) and `manyguard openmp` find the same directory, and an
 * edited policy gets a new one.  The source tree, the compiler and the
 * glibc it was linked against are recorded in openmp.json, and the cap is
 * checked on the result and on every use, not trusted from the key.  Creation runs
 * under flock on "DIR.lock"; mg_openmp_make stages and renames, so the
 * directory existing means it is complete, and SHA256SUMS is checked on
 * every use. */
#include "config.h"

#include "rtdir/openmp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/atomic_file.h"
#include "base/dirdigest.h"
#include "base/sha256.h"
#include "base/small_file.h"
#include "policy/caps.h"
#include "policy/policy.h"

int mg_openmp_check(const char *dir, const char *policy_name, const char *policy_dir,
		    mg_ompinfo *info, mg_error *err)
{
	mg_policy *policy = NULL;
	int rc = -1, got;

	memset(info, 0, sizeof *info);
	if (mg_dirdigest_check(dir, err) != 0)
		goto out;
	if ((got = mg_ompinfo_read(dir, info, err)) <= 0) {
		if (got == 0)
			mg_error_set(err, dir, "not an OpenMP runtime directory: no " MG_OPENMP_INFO);
		goto out;
	}
	policy = mg_policy_load(policy_dir, policy_name ? policy_name : MG_DEFAULT_POLICY, err);
	if (!policy)
		goto out;
	/* The runtime's machine is x86_64 for now (mg_openmp_make builds
	 * for this host only). */
	const mg_caps *caps = mg_policy_caps(policy, "x86_64");
	mg_caps_result res;
	if (!caps) {
		mg_error_set(err, mg_policy_path(policy), "policy %s has no rules for x86_64",
			     mg_policy_name(policy));
		goto out;
	}
	if (info->glibc_max[0] && mg_caps_check(caps, info->glibc_max, &res, err) != 0)
		goto out;
	if (info->glibc_max[0] && res.verdict != MG_CAPS_WITHIN) {
		mg_error_set(err, info->library,
			     "needs %s, above %s's cap %s: it was built for %s; build one for "
			     "%s with `manyguard openmp --policy %s`",
			     info->glibc_max, mg_policy_name(policy), res.cap, info->policy,
			     mg_policy_name(policy), mg_policy_name(policy));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		mg_ompinfo_free(info);
	mg_policy_free(policy);
	return rc;
}

char *mg_openmp_cache_path(const char *root, const char *gcc_major, const char *policy_name,
			   const char *policy_dir, mg_error *err)
{
	mg_policy *policy = NULL;
	char *text = NULL, *dir = NULL;
	size_t len;
	mg_sha256 h;

	mg_sha256_init(&h);
	const char *format = "manyguard " PACKAGE_VERSION " openmp " MG_OPENMP_FORMAT "\n";
	mg_sha256_update(&h, format, strlen(format));
	mg_sha256_update(&h, gcc_major, strlen(gcc_major) + 1);
	policy = mg_policy_load(policy_dir, policy_name ? policy_name : MG_DEFAULT_POLICY, err);
	if (!policy || !(text = mg_small_file_read(mg_policy_path(policy), 1 << 20, &len, err)))
		goto out;
	mg_sha256_update(&h, mg_policy_name(policy), strlen(mg_policy_name(policy)) + 1);
	mg_sha256_update(&h, text, len);
	unsigned char digest[MG_SHA256_SIZE];
	char hex[MG_SHA256_HEX];
	mg_sha256_final(&h, digest);
	mg_sha256_hex(digest, hex);
	dir = mg_asprintf("%s/openmp/%s-gcc%s-%.16s", root, mg_policy_name(policy), gcc_major,
			  hex);
out:
	mg_policy_free(policy);
	free(text);
	return dir;
}

char *mg_openmp_source_path(const char *root, const char *gcc_major)
{
	return mg_asprintf("%s/sources/openmp-gcc%s", root, gcc_major);
}

int mg_openmp_cache_make(const mg_openmp_opts *o, const char *dir, bool *made,
			 mg_openmp_summary *summary, mg_error *err)
{
	char *parent = xstrdup(dir), *lock = concat(dir, ".lock", NULL);
	char *slash = strrchr(parent, '/');
	int fd = -1, rc = -1;

	if (made)
		*made = false;
	if (slash && slash != parent) {
		*slash = '\0';
		if (mg_atomic_file_mkdir_p(parent, err) != 0)
			goto out;
	}
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		mg_error_set(err, lock, "cannot open lock file: %s", strerror(errno));
		goto out;
	}
	while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
		;
	if (rc != 0) {
		rc = mg_error_set(err, lock, "cannot lock: %s", strerror(errno));
		goto out;
	}
	mg_error ignored;
	if (access(dir, F_OK) == 0 && mg_dirdigest_check(dir, &ignored) == 0) {
		rc = 0;
		goto out;
	}
	rc = mg_openmp_make(o, dir, summary, err);
	if (rc == 0 && made)
		*made = true;
out:
	if (fd >= 0)
		close(fd); /* releases the lock */
	free(parent);
	free(lock);
	return rc;
}

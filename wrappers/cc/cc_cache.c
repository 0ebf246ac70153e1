/* The wrapper's cache.
 *
 * Two kinds of directories, made the same way: runtime directories (the
 * C++ runtime's split) and glibc directories (stubs of an old glibc); and
 * the OpenMP runtime's, which `manyguard openmp` shares (its key and lock
 * are lib/rtdir/openmp_cache.c's), built by a link only from a source tree
 * already on this machine.
 * A runtime directory depends on the compiler's runtime files, the policy
 * and the baseline; its name is a hash of exactly those (paths, sizes,
 * modification times, the policy file's text, manyguard's version), so a
 * compiler upgrade or an edited policy gets a new directory and never a
 * stale one.  Creation runs under flock on "<dir>.lock": of 32 parallel
 * first links one creates it, the others wait and find it made.
 * mg_runtime_dir_make builds it in a staging directory and renames it into
 * place, so the directory existing means it is complete. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
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
#include "base/input.h"
#include "base/outdir.h"
#include "cc/cc_cache.h"
#include "policy/policy.h"
#include "base/run.h"
#include "rtdir/glibc_dir.h"
#include "rtdir/glibc_shims.h"
#include "rtdir/openmp.h"
#include "rtdir/runtime_dir.h"
#include "policy/glibc_abi.h"

/* ---- hashing (64-bit FNV-1a) ---------------------------------------------- */

static void hash_bytes(uint64_t *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		*h ^= p[i];
		*h *= UINT64_C(0x100000001b3);
	}
}

static void hash_str(uint64_t *h, const char *s)
{
	hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* A file's identity: where it really is, its size and modification time. */
static int hash_file_id(uint64_t *h, const char *path, mg_error *err)
{
	struct stat st;
	char *real = realpath(path, NULL);
	if (!real || stat(real, &st) != 0) {
		int rc = mg_error_set(err, path, "%s", strerror(errno));
		free(real);
		return rc;
	}
	int64_t id[3] = { (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
			  (int64_t)st.st_mtim.tv_nsec };
	hash_str(h, real);
	hash_bytes(h, id, sizeof id);
	free(real);
	return 0;
}

/* PATH opened for reading if it is a regular file (base/input.h: a FIFO
 * left in the cache never blocks a build), or NULL with ERR (may be NULL). */
static FILE *open_input(const char *path, mg_error *err)
{
	int fd = mg_input_open(path, NULL, err);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f && fd >= 0) {
		mg_error_set(err, path, "cannot open: %s", strerror(errno));
		close(fd);
	}
	return f;
}

static int hash_file_text(uint64_t *h, const char *path, mg_error *err)
{
	FILE *f = open_input(path, err);
	if (!f)
		return -1;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		hash_bytes(h, buf, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return mg_error_set(err, path, "cannot read");
	return 0;
}

/* ---- the compiler's runtime files ------------------------------------------ */

enum { RT_ARCHIVE, RT_RUNTIME, RT_GCC_S, RT_COUNT };
static const char *const runtime_files[RT_COUNT] = {
	"libstdc++.a", "libstdc++.so.6", "libgcc_s.so.1",
};

typedef struct runtime_paths {
	char *path[RT_COUNT];
} runtime_paths;

static void runtime_paths_free(runtime_paths *rp)
{
	for (int i = 0; i < RT_COUNT; i++)
		free(rp->path[i]);
}

/* Read a lookup written earlier; false if absent or no longer valid. */
static bool read_lookup(const char *file, runtime_paths *rp)
{
	FILE *f = open_input(file, NULL);
	if (!f)
		return false;
	char line[PATH_MAX + 2];
	int n = 0;
	while (n < RT_COUNT && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (access(line, R_OK) != 0)
			break;
		rp->path[n++] = xstrdup(line);
	}
	fclose(f);
	if (n == RT_COUNT)
		return true;
	runtime_paths_free(rp);
	memset(rp, 0, sizeof *rp);
	return false;
}


/* The compiler's libstdc++.a, libstdc++.so.6 and libgcc_s.so.1.  Asking
 * costs three processes, so the answer is kept in a file named after the
 * compiler's identity. */
static int compiler_runtime(const cc_compiler *cc, const char *cache, runtime_paths *rp,
			    mg_error *err)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	memset(rp, 0, sizeof *rp);
	if (hash_file_id(&h, cc->real, err) != 0)
		return -1;
	hash_str(&h, cc->path);
	char *dir = concat(cache, "/compilers", NULL);
	char *file = mg_asprintf("%s/%016llx", dir, (unsigned long long)h);
	int rc = 0;
	if (read_lookup(file, rp))
		goto out;
	for (int i = 0; i < RT_COUNT; i++)
		if (!(rp->path[i] = mg_run_compiler_file(cc->path, runtime_files[i], err))) {
			rc = -1;
			goto out;
		}
	char *text = concat(rp->path[0], "\n", rp->path[1], "\n", rp->path[2], "\n", NULL);
	rc = mg_atomic_file_mkdir_p(dir, err);
	if (rc == 0)
		rc = mg_atomic_file_write(file, text, strlen(text), mg_atomic_file_mode(),
					  err);
	free(text);
out:
	if (rc != 0) {
		runtime_paths_free(rp);
		memset(rp, 0, sizeof *rp);
	}
	free(dir);
	free(file);
	return rc;
}

char *cc_cache_compiler_answer(const cc_compiler *cc, const char *query, mg_error *err)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	if (hash_file_id(&h, cc->real, err) != 0)
		return NULL;
	hash_str(&h, cc->path);
	hash_str(&h, query);
	char *cache = mg_outdir_cache_root();
	char *dir = concat(cache, "/compilers", NULL);
	char *file = mg_asprintf("%s/answer-%016llx", dir, (unsigned long long)h);
	char *answer = NULL;
	FILE *f = open_input(file, NULL);
	if (f) {
		char line[4096];
		if (fgets(line, sizeof line, f) && strchr(line, '\n')) {
			line[strcspn(line, "\n")] = '\0';
			answer = xstrdup(line);
		}
		fclose(f);
	}
	if (!answer) {
		const char *argv[] = { cc->path, query, NULL };
		char *out = NULL;
		if (mg_run(argv, cc->path, &out, err) == 0) {
			out[strcspn(out, "\n")] = '\0';
			char *text = concat(out, "\n", NULL);
			/* The answer is good whether or not it could be kept. */
			mg_error ignored;
			if (mg_atomic_file_mkdir_p(dir, &ignored) == 0)
				mg_atomic_file_write(file, text, strlen(text),
						     mg_atomic_file_mode(), &ignored);
			free(text);
			answer = out;
		}
	}
	free(cache);
	free(dir);
	free(file);
	return answer;
}

/* ---- the runtime directory ------------------------------------------------- */

/* The policy's file: DIR/NAME.json, or found through its aliases. */
static char *policy_file(const char *dir, const char *name, mg_error *err)
{
	if (!dir)
		dir = mg_policy_default_dir();
	char *path = concat(dir, "/", name, ".json", NULL);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	mg_policy *policy = mg_policy_load(dir, name, err);
	if (!policy)
		return NULL;
	path = xstrdup(mg_policy_path(policy));
	mg_policy_free(policy);
	return path;
}

static int runtime_key(const cc_runtime_request *req, const runtime_paths *rp, uint64_t *key,
		       mg_error *err)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	hash_str(&h, "manyguard " PACKAGE_VERSION " runtime directory " MG_RUNTIME_DIR_FORMAT);
	for (size_t i = 0; i < req->n_allow_hazard; i++) {
		hash_str(&h, "allow-hazard");
		hash_str(&h, req->allow_hazard[i]);
	}
	for (int i = 0; i < RT_COUNT; i++)
		if (hash_file_id(&h, rp->path[i], err) != 0)
			return -1;
	if (req->baseline) {
		hash_str(&h, "baseline");
		if (hash_file_id(&h, req->baseline, err) != 0)
			return -1;
		if (req->baseline_gcc_s && hash_file_id(&h, req->baseline_gcc_s, err) != 0)
			return -1;
	} else {
		char *file = policy_file(req->policy_dir, req->policy, err);
		if (!file)
			return -1;
		hash_str(&h, req->policy);
		int rc = hash_file_text(&h, file, err);
		free(file);
		if (rc != 0)
			return -1;
	}
	*key = h;
	return 0;
}

/* Make DIR with MAKE unless another process did (or repaired it) while
 * this one waited for LOCK; DAMAGE says what was wrong with a DIR made
 * again. */
static int make_locked(const char *dir, const char *lock,
		       int (*make)(const void *ctx, const char *dir, mg_error *err),
		       const void *ctx, mg_error *damage, mg_error *err)
{
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return mg_error_set(err, lock, "cannot open lock file: %s", strerror(errno));
	int rc;
	while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
		;
	mg_error_clear(damage);
	if (rc != 0)
		rc = mg_error_set(err, lock, "cannot lock: %s", strerror(errno));
	else if (access(dir, F_OK) != 0 || mg_dirdigest_check(dir, damage) != 0)
		rc = make(ctx, dir, err);
	close(fd); /* releases the lock */
	return rc;
}

/* DIR (under the cache's folder PARENT) as it is, or made under
 * DIR.lock when it is missing or (unless UNCHECKED) does not match its
 * digest. */
static int cached_dir(const char *parent, const char *dir, bool unchecked,
		      int (*make)(const void *ctx, const char *dir, mg_error *err),
		      const void *ctx, mg_error *damage, mg_error *err)
{
	mg_error_clear(damage);
	if (access(dir, F_OK) == 0 && (unchecked || mg_dirdigest_check(dir, damage) == 0))
		return 0;
	char *lock = concat(dir, ".lock", NULL);
	int rc = mg_atomic_file_mkdir_p(parent, err);
	if (rc == 0)
		rc = make_locked(dir, lock, make, ctx, damage, err);
	free(lock);
	return rc;
}

typedef struct runtime_ctx {
	const cc_runtime_request *req;
	const runtime_paths *rp;
} runtime_ctx;

static int make_runtime(const void *ctx, const char *dir, mg_error *err)
{
	const cc_runtime_request *req = ((const runtime_ctx *)ctx)->req;
	const runtime_paths *rp = ((const runtime_ctx *)ctx)->rp;
	mg_runtime_dir_opts opts = {
		.cxx = req->compiler->path,
		.archive = rp->path[RT_ARCHIVE],
		.runtime = rp->path[RT_RUNTIME],
		.libgcc_s = rp->path[RT_GCC_S],
		.baseline = req->baseline,
		.baseline_gcc_s = req->baseline_gcc_s,
		.policy = req->policy,
		.policy_dir = req->policy_dir,
		.allow = req->allow_hazard,
		.n_allow = req->n_allow_hazard,
	};
	return mg_runtime_dir_make(&opts, dir, NULL, err);
}

char *cc_cache_runtime_dir(const cc_runtime_request *req, mg_error *damage, mg_error *err)
{
	char *cache = mg_outdir_cache_root();
	char *dir = NULL, *parent = NULL;
	runtime_paths rp = { 0 };
	uint64_t key = 0;
	int rc = -1;

	if (compiler_runtime(req->compiler, cache, &rp, err) != 0 ||
	    runtime_key(req, &rp, &key, err) != 0)
		goto out;
	parent = concat(cache, "/runtime", NULL);
	dir = mg_asprintf("%s/%s-%016llx", parent, req->baseline ? "baseline" : req->policy,
			(unsigned long long)key);
	runtime_ctx ctx = { req, &rp };
	rc = cached_dir(parent, dir, req->unchecked, make_runtime, &ctx, damage, err);
out:
	runtime_paths_free(&rp);
	free(cache);
	free(parent);
	if (rc != 0) {
		free(dir);
		dir = NULL;
	}
	return dir;
}

/* ---- the glibc directory ---------------------------------------------------- */

/* The target's architecture as the glibc tables name it: the first part of
 * the compiler's -dumpmachine (asked once per compiler). */
static char *compiler_arch(const cc_compiler *cc, mg_error *err)
{
	char *machine = cc_cache_compiler_answer(cc, "-dumpmachine", err);
	if (machine)
		machine[strcspn(machine, "-")] = '\0';
	return machine;
}

/* The identity of every shim object of DIR, in name order. */
static int hash_shims(uint64_t *h, const char *dir, mg_error *err)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return mg_error_set(err, dir, "cannot read the shims: %s", strerror(errno));
	int rc = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (rc == 0 && len > 2 && strcmp(names[i]->d_name + len - 2, ".o") == 0) {
			char *path = concat(dir, "/", names[i]->d_name, NULL);
			rc = hash_file_id(h, path, err);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* What a glibc directory depends on: the compiler's glibc, libc_nonshared.a,
 * libgcc_s and target, the target glibc (the policy's text, or the
 * baseline's libc.so.6), the ABI table of the architecture, the shims.
 * Returns 1 when there is nothing to key: a compiler whose target is not
 * glibc's (it has no libc.so.6), or an architecture without a table. */
static int glibc_key(const cc_glibc_request *req, uint64_t *key, mg_error *err)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	hash_str(&h, "manyguard " PACKAGE_VERSION " glibc directory " MG_GLIBC_DIR_FORMAT);
	/* Not the driver itself: gcc, g++ and clang of one system share the
	 * directory.  What it is made from: the glibc the compiler links with
	 * (which an upgrade of glibc alone changes) and its libgcc_s. */
	static const char *const files[] = { "-print-file-name=libc.so.6",
					     "-print-file-name=libc_nonshared.a",
					     "-print-file-name=libgcc_s.so.1" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *file = cc_cache_compiler_answer(req->compiler, files[i], err);
		if (!file)
			return -1;
		/* The compiler prints the name back when it has no such file:
		 * no glibc, no glibc directory; no libgcc_s, nothing to cap. */
		bool found = strchr(file, '/') != NULL;
		int frc = found ? hash_file_id(&h, file, err) : i < 2 ? 1 : 0;
		free(file);
		if (frc != 0)
			return frc;
	}
	char *arch = compiler_arch(req->compiler, err);
	if (!arch)
		return -1;
	hash_str(&h, arch);
	char *table = mg_glibc_abi_arch_path(req->policy_dir, arch);
	int rc = access(table, F_OK) == 0 ? hash_file_id(&h, table, err) : 1;
	free(table);
	if (rc == 0) {
		char *shims = concat(req->shim_dir ? req->shim_dir : mg_glibc_shims_default_dir(), "/",
				     arch, NULL);
		rc = hash_shims(&h, shims, err);
		free(shims);
	}
	free(arch);
	if (rc != 0)
		return rc;
	/* The policy: its GLIBC cap, or with a baseline its GCC cap (libgcc_s). */
	char *file = policy_file(req->policy_dir, req->policy, err);
	if (!file)
		return -1;
	hash_str(&h, req->policy);
	rc = hash_file_text(&h, file, err);
	free(file);
	if (rc == 0 && req->baseline_libc) {
		hash_str(&h, "baseline-libc");
		char *libc = concat(req->baseline_libc, "/libc.so.6", NULL);
		rc = hash_file_id(&h, libc, err);
		free(libc);
	}
	if (rc != 0)
		return -1;
	*key = h;
	return 0;
}

static int make_glibc(const void *ctx, const char *dir, mg_error *err)
{
	const cc_glibc_request *req = ctx;
	mg_glibc_dir_opts opts = {
		.cc = req->compiler->path,
		.policy = req->policy,
		.policy_dir = req->policy_dir,
		.baseline_libc = req->baseline_libc,
		.shim_dir = req->shim_dir,
	};
	return mg_glibc_dir_make(&opts, dir, NULL, err);
}

char *cc_cache_glibc_dir(const cc_glibc_request *req, bool *needed, mg_error *damage,
			 mg_error *err)
{
	char *cache = mg_outdir_cache_root();
	char *dir = NULL, *parent = NULL;
	uint64_t key = 0;
	int rc = -1;
	*needed = false;
	mg_error_clear(err);
	int krc = glibc_key(req, &key, err);
	if (krc != 0) {
		rc = krc > 0 ? 0 : -1;
		goto out;
	}
	parent = concat(cache, "/glibc", NULL);
	dir = mg_asprintf("%s/%s-%016llx", parent, req->baseline_libc ? "baseline" : req->policy,
			  (unsigned long long)key);
	rc = cached_dir(parent, dir, false, make_glibc, req, damage, err);
	if (rc == 0) {
		char *script = concat(dir, "/" MG_GLIBC_DIR_SCRIPT, NULL);
		*needed = access(script, F_OK) == 0;
		free(script);
	}
out:
	free(cache);
	free(parent);
	if (rc != 0) {
		free(dir);
		dir = NULL;
	}
	return dir;
}

/* ---- the OpenMP runtime ------------------------------------------------------ */

void cc_openmp_free(cc_openmp *o)
{
	free(o->dir);
	free(o->cache_dir);
	free(o->source);
	free(o->c_driver);
	free(o->fix_cc);
	free(o->compiler_lib);
	memset(o, 0, sizeof *o);
}

/* PROGRAM on PATH, resolved (malloc'd), or NULL. */
static char *real_on_path(const char *program)
{
	char *file = mg_run_find_program(program);
	char *real = file ? realpath(file, NULL) : NULL;
	free(file);
	return real;
}

/* The C driver of GCC compiler CC (libgomp is C): CC itself, or the gcc
 * next to a g++ ("x86_64-linux-gnu-g++-12" -> "x86_64-linux-gnu-gcc-12"),
 * or NULL when there is none. */
static char *c_driver(const cc_compiler *cc)
{
	const char *base = lbasename(cc->real);
	const char *gxx = strstr(base, "g++");
	if (!gxx)
		return strstr(base, "c++") ? NULL : xstrdup(cc->real);
	char *name = xstrdup(cc->real);
	memcpy(name + (gxx - cc->real), "gcc", 3);
	if (access(name, X_OK) == 0)
		return name;
	free(name);
	return NULL;
}

/* What the compiler's own libgomp.so.1 needs of GLIBC, for POLICY. */
static void compiler_runtime_need(const cc_compiler *cc, const char *policy_name,
				  const char *policy_dir, cc_openmp *out)
{
	mg_error *err = &out->need_error;
	char *lib = cc_cache_compiler_answer(cc, "-print-file-name=libgomp.so.1", err);
	if (!lib)
		return;
	if (!strchr(lib, '/')) {
		mg_error_set(err, cc->path, "the compiler has no libgomp.so.1");
		free(lib);
		return;
	}
	/* Shown as a user finds it: the directory resolved, not the name. */
	char *dir = xstrdup(lib);
	*strrchr(dir, '/') = '\0';
	char *real = realpath(*dir ? dir : "/", NULL);
	out->compiler_lib = real ? concat(real, "/", lbasename(lib), NULL) : xstrdup(lib);
	free(real);
	free(dir);
	mg_policy *policy = mg_policy_load(policy_dir, policy_name, err);
	if (policy && mg_glibc_need_read(lib, policy, &out->need, err) == 0)
		mg_error_clear(err);
	mg_policy_free(policy);
	free(lib);
}

static int check_dir(const char *dir, const char *policy, const char *policy_dir,
		     cc_openmp *out, mg_error *err)
{
	mg_ompinfo info;
	if (mg_openmp_check(dir, policy, policy_dir, &info, err) != 0)
		return -1;
	out->dir = xstrdup(info.dir);
	mg_ompinfo_free(&info);
	return 0;
}

int cc_cache_openmp(const cc_compiler *cc, const char *policy, const char *policy_dir,
		    cc_openmp *out, mg_error *err)
{
	char *major = NULL, *cache = NULL, *gcc = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	mg_error_clear(err);
	mg_error_clear(&out->need_error);
	const char *env = getenv("MANYGUARD_OPENMP_DIR");
	if (env && *env)
		return check_dir(env, policy, policy_dir, out, err);
	if (cc->family != CC_FAMILY_GCC)
		return 0;
	if (!(major = cc_cache_compiler_answer(cc, "-dumpversion", err)))
		goto out;
	major[strcspn(major, ".")] = '\0';
	cache = mg_outdir_cache_root();
	if (!(out->cache_dir = mg_openmp_cache_path(cache, major, policy, policy_dir, err)))
		goto out;
	if (access(out->cache_dir, F_OK) == 0) {
		rc = check_dir(out->cache_dir, policy, policy_dir, out, err);
		goto out;
	}
	/* None yet: built here when a source tree is at hand (a link never
	 * fetches: builds run offline), else the compiler's libgomp. */
	out->c_driver = c_driver(cc);
	gcc = real_on_path("gcc");
	if (out->c_driver && !(gcc && strcmp(gcc, out->c_driver) == 0))
		out->fix_cc = xstrdup(out->c_driver);
	const char *source = getenv("MANYGUARD_OPENMP_SOURCE");
	char *cached = mg_openmp_source_path(cache, major);
	char *mark = concat(source && *source ? source : cached, "/" MG_OPENMP_SOURCE_FILE, NULL);
	if (access(mark, R_OK) == 0)
		out->source = xstrdup(source && *source ? source : cached);
	else if (source && *source)
		mg_error_set(err, source, "MANYGUARD_OPENMP_SOURCE is no source tree of "
			     "fetch-openmp-source (it has no " MG_OPENMP_SOURCE_FILE ")");
	free(cached);
	free(mark);
	if (err->reason[0])
		goto out;
	if (out->source && !out->c_driver) {
		mg_error_set(err, cc->real, "no gcc next to the compiler to build the OpenMP "
			     "runtime with: build it with `manyguard openmp --policy %s --cc CC`",
			     policy);
		goto out;
	}
	if (!out->source)
		compiler_runtime_need(cc, policy, policy_dir, out);
	rc = 0;
out:
	free(major);
	free(cache);
	free(gcc);
	if (rc != 0)
		cc_openmp_free(out);
	return rc;
}

int cc_cache_openmp_build(const char *policy, const char *policy_dir, cc_openmp *out,
			  mg_error *err)
{
	const char *shim_dir = getenv(MG_GLIBC_SHIMS_ENV);
	mg_openmp_opts o = {
		.cc = out->c_driver,
		.source = out->source,
		.glibc_auto = true,
		.shim_dir = shim_dir && *shim_dir ? shim_dir : NULL,
		.policy = policy,
		.policy_dir = policy_dir,
	};
	mg_openmp_summary sum = { 0 };
	if (mg_openmp_cache_make(&o, out->cache_dir, &out->built, &sum, err) != 0)
		return -1;
	out->seconds = sum.seconds;
	return check_dir(out->cache_dir, policy, policy_dir, out, err);
}

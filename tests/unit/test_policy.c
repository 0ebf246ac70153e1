/* The shipped policies (from $top_srcdir/policy), validation of broken
 * policy files, and `--policy auto` on the real requirements of libraries
 * of this machine (listed by readelf). */
#include "config.h"

#include <libiberty/libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policy/policy.h"
#include "tests/unit/tap.h"

static char policy_dir[1024];

static void setup_dir(void)
{
	const char *src = getenv("top_srcdir");
	snprintf(policy_dir, sizeof policy_dir, "%s/policy", src ? src : MG_TEST_SRCDIR);
}

static void check_cap(const mg_policy *p, const char *arch, const char *prefix, const char *want)
{
	const mg_caps *caps = mg_policy_caps(p, arch);
	bool known = false;
	const char *got = caps ? mg_caps_get(caps, prefix, &known) : NULL;
	char what[128];

	snprintf(what, sizeof what, "%s %s %s", mg_policy_name(p), arch, prefix);
	if (want)
		tap_eq_str(got ? got : "(none)", want, what);
	else
		tap_ok(known && !got, "%s: absent", what);
}

static void test_shipped(void)
{
	mg_error err;
	mg_policy *p = mg_policy_load(policy_dir, "manylinux_2_17", &err);
	if (!tap_ok(p != NULL, "load manylinux_2_17")) {
		char buf[5200];
		tap_bail("%s", mg_error_format(&err, buf, sizeof buf));
	}
	tap_eq_int(mg_policy_priority(p), 80, "priority");
	tap_eq_str(mg_policy_alias_at(p, 0), "manylinux2014", "alias");
	check_cap(p, "x86_64", "GLIBC", "GLIBC_2.17");
	check_cap(p, "x86_64", "GLIBCXX", "GLIBCXX_3.4.19");
	check_cap(p, "x86_64", "CXXABI", "CXXABI_1.3.7");
	check_cap(p, "x86_64", "GCC", "GCC_4.8.0");
	check_cap(p, "x86_64", "LIBATOMIC", NULL);
	check_cap(p, "aarch64", "GLIBC", "GLIBC_2.18");
	check_cap(p, "aarch64", "GCC", "GCC_4.7.0");
	tap_ok(mg_policy_caps(p, "ppc64le") == NULL, "no ppc64le section");
	tap_ok(!mg_policy_library_allowed(p, "libmvec.so.1"), "2014 lacks libmvec");
	tap_ok(mg_policy_library_allowed(p, "libexpat.so.1"), "2014 allows libexpat");
	tap_ok(mg_policy_symbol_blacklisted(p, "libc.so.6", "__cxa_thread_atexit_impl"),
	       "2014 blacklists libc's __cxa_thread_atexit_impl");
	mg_policy_free(p);

	p = mg_policy_load(policy_dir, "manylinux2014", &err);
	tap_ok(p && strcmp(mg_policy_name(p), "manylinux_2_17") == 0, "load by alias");
	mg_policy_free(p);

	static const struct {
		const char *name, *glibc, *glibcxx, *cxxabi, *gcc_x86, *gcc_arm;
	} facts[] = {
		{"manylinux_2_28", "GLIBC_2.28", "GLIBCXX_3.4.24", "CXXABI_1.3.11", "GCC_7.0.0", "GCC_7.0.0"},
		{"manylinux_2_34", "GLIBC_2.34", "GLIBCXX_3.4.29", "CXXABI_1.3.13", "GCC_7.0.0", "GCC_11.0"},
		{"manylinux_2_35", "GLIBC_2.35", "GLIBCXX_3.4.30", "CXXABI_1.3.13", "GCC_12.0.0", "GCC_11.0"},
	};
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		p = mg_policy_load(policy_dir, facts[i].name, &err);
		if (!tap_ok(p != NULL, "load %s", facts[i].name))
			continue;
		check_cap(p, "x86_64", "GLIBC", facts[i].glibc);
		check_cap(p, "x86_64", "GLIBCXX", facts[i].glibcxx);
		check_cap(p, "x86_64", "CXXABI", facts[i].cxxabi);
		check_cap(p, "x86_64", "GCC", facts[i].gcc_x86);
		check_cap(p, "aarch64", "GLIBC", facts[i].glibc);
		check_cap(p, "aarch64", "GLIBCXX", facts[i].glibcxx);
		check_cap(p, "aarch64", "GCC", facts[i].gcc_arm);
		check_cap(p, "aarch64", "CXXABI_FLOAT128", NULL);
		tap_ok(mg_policy_library_allowed(p, "libmvec.so.1"), "%s allows libmvec", facts[i].name);
		tap_ok(mg_policy_library_allowed(p, "libstdc++.so.6"), "allows libstdc++");
		tap_ok(!mg_policy_library_allowed(p, "libgomp.so.1"), "%s refuses libgomp", facts[i].name);
		tap_ok(mg_policy_symbol_blacklisted(p, "libz.so.1", "_tr_flush_block"),
		       "blacklists libz's _tr_flush_block");
		tap_ok(!mg_policy_symbol_blacklisted(p, "libz.so.1", "deflate"), "deflate is fine");
		mg_policy_free(p);
	}

	p = mg_policy_load(policy_dir, "manylinux_9_99", &err);
	tap_ok(p == NULL, "unknown policy");
	tap_ok(strstr(err.reason, "manylinux_9_99") && strstr(err.reason, "manylinux_2_28"),
	       "error lists the available ones: %s", err.reason);
	tap_ok(mg_policy_load(policy_dir, "../policy/manylinux_2_28", &err) == NULL,
	       "a path is not a name");
}

static void test_set(void)
{
	mg_error err;
	mg_policy_set *set = mg_policy_set_load(policy_dir, &err);
	if (!tap_ok(set != NULL, "load the policy directory"))
		return;
	tap_eq_int((long long)mg_policy_set_count(set), 4, "four policies");
	static const char *const order[] = {"manylinux_2_17", "manylinux_2_28", "manylinux_2_34",
					    "manylinux_2_35"};
	for (size_t i = 0; i < 4; i++)
		tap_eq_str(mg_policy_name(mg_policy_set_at(set, i)), order[i], "priority order");
	tap_ok(mg_policy_set_find(set, "manylinux2014") == mg_policy_set_at(set, 0), "find alias");

	const char *v1[] = {"GLIBC_2.17", "GLIBCXX_3.4.19", "CXXABI_TM_1", "VERS_1.0"};
	const char *libs1[] = {"libstdc++.so.6", "libc.so.6"};
	const mg_policy *best = mg_policy_set_best(set, "x86_64", v1, 4, libs1, 2);
	tap_eq_str(best ? mg_policy_name(best) : "(none)", "manylinux_2_17", "old requirements");

	const char *v2[] = {"GLIBCXX_3.4.30"};
	best = mg_policy_set_best(set, "x86_64", v2, 1, NULL, 0);
	tap_eq_str(best ? mg_policy_name(best) : "(none)", "manylinux_2_35", "GCC 12 libstdc++");

	const char *v3[] = {"CXXABI_FLOAT128"};
	best = mg_policy_set_best(set, "x86_64", v3, 1, NULL, 0);
	tap_eq_str(best ? mg_policy_name(best) : "(none)", "manylinux_2_28",
		   "CXXABI_FLOAT128: not in 2014, in 2_28 (x86_64)");
	tap_ok(mg_policy_set_best(set, "aarch64", v3, 1, NULL, 0) == NULL,
	       "CXXABI_FLOAT128 never on aarch64");

	const char *v4[] = {"GCC_12.0.0"};
	best = mg_policy_set_best(set, "x86_64", v4, 1, NULL, 0);
	tap_eq_str(best ? mg_policy_name(best) : "(none)", "manylinux_2_35", "GCC_12.0.0 x86_64");
	tap_ok(mg_policy_set_best(set, "aarch64", v4, 1, NULL, 0) == NULL,
	       "GCC_12.0.0 exceeds every aarch64 policy (GCC_11.0)");

	const char *v5[] = {"GLIBC_PRIVATE"};
	tap_ok(mg_policy_set_best(set, "x86_64", v5, 1, NULL, 0) == NULL, "GLIBC_PRIVATE: none");
	const char *libs2[] = {"libgomp.so.1"};
	tap_ok(mg_policy_set_best(set, "x86_64", NULL, 0, libs2, 1) == NULL, "libgomp: none");
	const char *libs3[] = {"libmvec.so.1"};
	best = mg_policy_set_best(set, "x86_64", NULL, 0, libs3, 1);
	tap_eq_str(best ? mg_policy_name(best) : "(none)", "manylinux_2_28", "libmvec needs 2_28");
	tap_ok(mg_policy_set_best(set, "riscv64", NULL, 0, NULL, 0) == NULL, "unknown arch: none");
	mg_policy_set_free(set);
}

/* Lines of `readelf ARGS PATH` through pex; the callback keeps what it wants. */
static int readelf_lines(const char *opt, const char *path, void (*cb)(const char *, void *),
			 void *ctx)
{
	const char *readelf = getenv("READELF") ? getenv("READELF") : "readelf";
	char *const argv[] = {(char *)readelf, (char *)opt, "--wide", (char *)path, NULL};
	struct pex_obj *pex = pex_init(PEX_USE_PIPES, "test_policy", NULL);
	int errnum, status = -1;
	char line[1024];

	if (!pex)
		return -1;
	const char *errmsg = pex_run(pex, PEX_SEARCH, readelf, argv, NULL, NULL, &errnum);
	FILE *out = errmsg ? NULL : pex_read_output(pex, 0);
	while (out && fgets(line, sizeof line, out))
		cb(line, ctx);
	if (out && !pex_get_status(pex, 1, &status))
		status = -1;
	pex_free(pex);
	return status;
}

typedef struct reqs {
	char *names[64];
	size_t n;
	bool in_needs;
} reqs;

static void keep(reqs *r, const char *start, size_t len)
{
	if (r->n < 64)
		r->names[r->n++] = xstrndup(start, len);
}

/* "  0x0010:   Name: GLIBC_2.2.5  Flags: none  Version: 3" in the needs section. */
static void verneed_line(const char *line, void *ctx)
{
	reqs *r = ctx;
	if (strncmp(line, "Version needs section", 21) == 0)
		r->in_needs = true;
	else if (strncmp(line, "Version ", 8) == 0)
		r->in_needs = false;
	const char *name = strstr(line, "Name: ");
	if (r->in_needs && name && strstr(line, "Flags:"))
		keep(r, name + 6, strcspn(name + 6, " \n"));
}

/* " 0x...0001 (NEEDED)  Shared library: [libc.so.6]" */
static void needed_line(const char *line, void *ctx)
{
	const char *lib = strstr(line, "(NEEDED)");
	if (lib && (lib = strchr(lib, '[')))
		keep(ctx, lib + 1, strcspn(lib + 1, "]"));
}

static void check_real(const mg_policy_set *set, const char *path, const char *want)
{
	reqs versions = {0}, libs = {0};

	if (access(path, R_OK) != 0) {
		tap_skip("%s is not installed on this machine", path);
		return;
	}
	tap_ok(readelf_lines("-V", path, verneed_line, &versions) == 0 && versions.n > 0,
	       "%s: %zu required versions", path, versions.n);
	tap_ok(readelf_lines("-d", path, needed_line, &libs) == 0 && libs.n > 0,
	       "%s: %zu NEEDED entries", path, libs.n);
	const mg_policy *best = mg_policy_set_best(set, "x86_64", (const char *const *)versions.names,
						   versions.n, (const char *const *)libs.names, libs.n);
	tap_eq_str(best ? mg_policy_name(best) : "(none)", want, path);
	for (size_t i = 0; i < versions.n; i++)
		free(versions.names[i]);
	for (size_t i = 0; i < libs.n; i++)
		free(libs.names[i]);
}

static void test_real_requirements(void)
{
	mg_policy_set *set = mg_policy_set_load(policy_dir, NULL);
	if (!set)
		return;
	/* Debian 12's libraries, by the newest GLIBC version each needs. */
	check_real(set, "/usr/lib/x86_64-linux-gnu/libz.so.1", "manylinux_2_17");      /* 2.14 */
	check_real(set, "/usr/lib/x86_64-linux-gnu/libffi.so.8", "manylinux_2_28");    /* 2.27 */
	check_real(set, "/usr/lib/x86_64-linux-gnu/libgomp.so.1", "manylinux_2_34");   /* 2.34 */
	check_real(set, "/usr/lib/x86_64-linux-gnu/libexpat.so.1", "(none)");          /* 2.36 */
	mg_policy_set_free(set);
}

/* ---- broken files ------------------------------------------------------ */

static char tmpdir[] = "/tmp/mgpolicy.XXXXXX";

static const char *write_policy(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s.json", tmpdir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		tap_bail("cannot write %s", path);
	fputs(text, f);
	fclose(f);
	return path;
}

#define GOOD_ARCH "\"arch\": {\"x86_64\": {\"caps\": {\"GLIBC\": \"2.17\"}}}"

static void expect_error(const char *name, const char *text, const char *want)
{
	mg_error err;
	const char *path = write_policy(name, text);
	mg_policy *p = mg_policy_load_file(path, &err);

	tap_ok(p == NULL, "%s is refused", name);
	tap_ok(strcmp(err.file, path) == 0, "error names the file");
	tap_ok(strstr(err.reason, want) != NULL, "error \"%s\" contains \"%s\"", err.reason, want);
	mg_policy_free(p);
	unlink(path);
}

static void test_broken(void)
{
	if (!mkdtemp(tmpdir))
		tap_bail("mkdtemp failed");
	expect_error("empty", "", "line");
	expect_error("syntax", "{\"name\": \"syntax\",", "line 1");
	expect_error("array", "[]", "top level");
	expect_error("version",
		     "{\"name\": \"version\", \"priority\": 1, \"libraries\": [],"
		     " \"arch\": {\"x86_64\": {\"caps\": {\"GLIBCXX\": 3.4}}}}",
		     "arch.x86_64.caps.GLIBCXX: expected a version string or null");
	expect_error("badnum",
		     "{\"name\": \"badnum\", \"priority\": 1, \"libraries\": [],"
		     " \"arch\": {\"x86_64\": {\"caps\": {\"GLIBC\": \"2.x\"}}}}",
		     "arch.x86_64.caps.GLIBC:");
	expect_error("mismatch",
		     "{\"name\": \"other\", \"priority\": 1, \"libraries\": [], " GOOD_ARCH "}",
		     "name: \"other\" does not match the file name");
	expect_error("typo",
		     "{\"name\": \"typo\", \"priority\": 1, \"libaries\": [], " GOOD_ARCH "}",
		     "libaries: unknown key");
	expect_error("nolibs", "{\"name\": \"nolibs\", \"priority\": 1, " GOOD_ARCH "}",
		     "libraries: missing");
	expect_error("libtype",
		     "{\"name\": \"libtype\", \"priority\": 1, \"libraries\": [\"libc.so.6\", 7], "
		     GOOD_ARCH "}",
		     "libraries[1]: expected a non-empty string");
	expect_error("dup",
		     "{\"name\": \"dup\", \"priority\": 1, \"libraries\": [], \"priority\": 2, "
		     GOOD_ARCH "}",
		     "duplicate");
	expect_error("prio", "{\"name\": \"prio\", \"priority\": \"high\", \"libraries\": [], "
		     GOOD_ARCH "}", "priority: expected an integer");
	expect_error("noarch", "{\"name\": \"noarch\", \"priority\": 1, \"libraries\": []}",
		     "arch: missing");
	expect_error("archkey",
		     "{\"name\": \"archkey\", \"priority\": 1, \"libraries\": [],"
		     " \"arch\": {\"x86_64\": {\"caps\": {\"GLIBC\": \"2.17\"}, \"cap\": {}}}}",
		     "arch.x86_64.cap: unknown key");
	expect_error("nocaps",
		     "{\"name\": \"nocaps\", \"priority\": 1, \"libraries\": [],"
		     " \"arch\": {\"x86_64\": {}}}",
		     "arch.x86_64.caps: missing");
	expect_error("blk",
		     "{\"name\": \"blk\", \"priority\": 1, \"libraries\": [], " GOOD_ARCH ","
		     " \"blacklist\": {\"libz.so.1\": \"x\"}}",
		     "blacklist.libz.so.1: expected an array of strings");

	mg_error err;
	char missing[300];
	snprintf(missing, sizeof missing, "%s/missing.json", tmpdir);
	tap_ok(mg_policy_load_file(missing, &err) == NULL, "missing file is refused");
	tap_ok(strstr(err.reason, "cannot read") != NULL, "says it cannot read: %s", err.reason);

	tap_ok(mg_policy_set_load(tmpdir, &err) == NULL, "empty directory is refused");
	tap_ok(strstr(err.reason, "no policy files") != NULL, "says so: %s", err.reason);

	/* Two files claiming one alias make `--policy NAME` ambiguous. */
	write_policy("a_1", "{\"name\": \"a_1\", \"aliases\": [\"a\"], \"priority\": 2,"
		     " \"libraries\": [], " GOOD_ARCH "}");
	write_policy("b_1", "{\"name\": \"b_1\", \"aliases\": [\"a\"], \"priority\": 1,"
		     " \"libraries\": [], " GOOD_ARCH "}");
	tap_ok(mg_policy_set_load(tmpdir, &err) == NULL, "duplicate alias is refused");
	tap_ok(strstr(err.reason, "aliases[0]: \"a\" is also used by") != NULL, "%s", err.reason);
	write_policy("b_1", "{\"name\": \"b_1\", \"priority\": 1, \"libraries\": [], " GOOD_ARCH "}");
	mg_policy *p = mg_policy_load(tmpdir, "a", &err);
	tap_ok(p && strcmp(mg_policy_name(p), "a_1") == 0, "alias found by scanning the directory");
	mg_policy_free(p);

	char path[300];
	snprintf(path, sizeof path, "%s/a_1.json", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/b_1.json", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	tap_ok(mg_policy_set_load(tmpdir, &err) == NULL, "missing directory is refused");
}

int main(void)
{
	setup_dir();
	tap_diag("policies from %s; default dir %s", policy_dir, mg_policy_default_dir());
	test_shipped();
	test_set();
	test_real_requirements();
	test_broken();
	return tap_done();
}

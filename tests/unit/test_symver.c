/* Version names, caps and version sets; the sets come from the version
 * definitions of this machine's libstdc++ and libc (listed by readelf). */
#include "config.h"

#include <libiberty/libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/caps.h"
#include "policy/symver.h"
#include "policy/verset.h"
#include "tests/unit/tap.h"

static void check_parse(const char *name, const char *prefix, unsigned nparts,
			unsigned long first, unsigned long last)
{
	mg_symver v;
	mg_error err;

	if (!tap_ok(mg_symver_parse(name, &v, &err) == 0, "parse %s", name))
		return;
	tap_eq_str(v.prefix, prefix, "prefix");
	tap_eq_int(v.nparts, nparts, "number of components");
	if (nparts) {
		tap_eq_int((long long)v.parts[0], (long long)first, "first component");
		tap_eq_int((long long)v.parts[nparts - 1], (long long)last, "last component");
	}
}

static void test_parse(void)
{
	check_parse("GLIBCXX_3.4.9", "GLIBCXX", 3, 3, 9);
	check_parse("CXXABI_1.3.11", "CXXABI", 3, 1, 11);
	check_parse("GCC_7.0.0", "GCC", 3, 7, 0);
	check_parse("GLIBC_2.2.5", "GLIBC", 3, 2, 5);
	check_parse("GCC_3.0", "GCC", 2, 3, 0);
	check_parse("OMP_5.0.2", "OMP", 3, 5, 2);
	check_parse("GOMP_4.0", "GOMP", 2, 4, 0);
	check_parse("CXXABI_TM_1", "CXXABI_TM", 1, 1, 1);
	check_parse("CXXABI_FLOAT128", "CXXABI_FLOAT128", 0, 0, 0);
	check_parse("GLIBCXX_LDBL_3.4", "GLIBCXX_LDBL", 2, 3, 4);
	check_parse("GLIBCXX_LDBL_3.4.31", "GLIBCXX_LDBL", 3, 3, 31);
	check_parse("GLIBC_PRIVATE", "GLIBC_PRIVATE", 0, 0, 0);
	check_parse("GLIBC_ABI_DT_RELR", "GLIBC_ABI_DT_RELR", 0, 0, 0);
	check_parse("VERS_1.0", "VERS", 2, 1, 0);
	check_parse("ZLIB_1.2.0.2", "ZLIB", 4, 1, 2);
	check_parse("XZ_5.1.2alpha", "XZ_5.1.2alpha", 0, 0, 0);
	check_parse("OPENSSL_1.0.1_EC", "OPENSSL_1.0.1_EC", 0, 0, 0);
	check_parse("VERSION", "VERSION", 0, 0, 0);
	check_parse("libstdc++.so.6", "libstdc++.so.6", 0, 0, 0);
	check_parse("_1.0", "_1.0", 0, 0, 0);
	check_parse("X_1..2", "X_1..2", 0, 0, 0);
	check_parse("X_99999999999", "X_99999999999", 0, 0, 0);
	check_parse("X_1.2.3.4.5.6.7.8.9", "X_1.2.3.4.5.6.7.8.9", 0, 0, 0);

	mg_symver v;
	mg_error err;
	tap_ok(mg_symver_parse("", &v, &err) < 0, "empty name is an error");
	tap_ok(strstr(err.reason, "empty") != NULL, "error says empty: %s", err.reason);
	tap_ok(mg_symver_parse(NULL, &v, &err) < 0, "NULL name is an error");
	char big[400];
	memset(big, 'A', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	tap_ok(mg_symver_parse(big, &v, &err) < 0, "overlong name is an error");

	char buf[64];
	mg_symver_parse("GLIBCXX_3.4.30", &v, NULL);
	tap_eq_str(mg_symver_format(&v, buf, sizeof buf), "GLIBCXX_3.4.30", "format round-trips");
	mg_symver_parse("GLIBC_PRIVATE", &v, NULL);
	tap_eq_str(mg_symver_format(&v, buf, sizeof buf), "GLIBC_PRIVATE", "format of a tag");
}

static int cmp(const char *a, const char *b)
{
	int c = mg_symver_cmp_names(a, b);
	return c < 0 ? -1 : c > 0;
}

static void test_compare(void)
{
	tap_eq_int(cmp("GLIBCXX_3.4.9", "GLIBCXX_3.4.10"), -1, "3.4.9 < 3.4.10 (numeric, not text)");
	tap_eq_int(cmp("GLIBCXX_3.4.10", "GLIBCXX_3.4.9"), 1, "3.4.10 > 3.4.9");
	tap_eq_int(cmp("GLIBCXX_3.4", "GLIBCXX_3.4.1"), -1, "3.4 < 3.4.1");
	tap_eq_int(cmp("GLIBC_2.2.5", "GLIBC_2.17"), -1, "2.2.5 < 2.17");
	tap_eq_int(cmp("GCC_12.0.0", "GCC_7.0.0"), 1, "12.0.0 > 7.0.0");
	tap_eq_int(cmp("CXXABI_1.3.13", "CXXABI_1.3.13"), 0, "equal");

	mg_symver a, b;
	mg_symver_parse("GCC_11.0", &a, NULL);
	mg_symver_parse("GCC_11.0.0", &b, NULL);
	tap_eq_int(mg_symver_cmp(&a, &b), 0, "11.0 == 11.0.0 numerically");
	tap_ok(cmp("GCC_11.0", "GCC_11.0.0") != 0, "but the names stay distinct in sets");
	tap_ok(cmp("CXXABI_1.3", "GLIBCXX_3.4") < 0, "different prefixes order by prefix");
}

static void expect(const mg_caps *caps, const char *version, mg_caps_verdict verdict,
		   const char *compared)
{
	mg_caps_result r;
	mg_error err;

	if (!tap_ok(mg_caps_check(caps, version, &r, &err) == 0, "check %s", version))
		return;
	static const char *const names[] = {"within", "exceeds", "forbidden", "uncapped"};
	tap_eq_str(names[r.verdict], names[verdict], version);
	if (compared)
		tap_eq_str(r.compared, compared, "compared as");
}

static void test_caps(void)
{
	mg_caps *caps = mg_caps_new();
	mg_error err;

	tap_ok(mg_caps_set(caps, "GLIBC", "2.28", &err) == 0, "cap GLIBC");
	tap_ok(mg_caps_set(caps, "GLIBCXX", "3.4.24", &err) == 0, "cap GLIBCXX");
	tap_ok(mg_caps_set(caps, "CXXABI", "1.3.11", &err) == 0, "cap CXXABI");
	tap_ok(mg_caps_set(caps, "GCC", "7.0.0", &err) == 0, "cap GCC");
	tap_ok(mg_caps_set(caps, "LIBATOMIC", NULL, &err) == 0, "LIBATOMIC absent");
	tap_ok(mg_caps_set(caps, "GLIBCXX", "3.4.x", &err) < 0, "a non-number cap is refused");
	tap_ok(strstr(err.reason, "3.4.x") != NULL, "error names the value: %s", err.reason);
	tap_ok(mg_caps_set(caps, "", "1", &err) < 0, "an empty prefix is refused");
	tap_eq_int((long long)mg_caps_count(caps), 5, "five prefixes");
	tap_eq_str(mg_caps_get(caps, "GLIBCXX", NULL), "GLIBCXX_3.4.24", "get formats the cap");
	bool known = false;
	tap_ok(mg_caps_get(caps, "LIBATOMIC", &known) == NULL && known, "absent but known");
	tap_ok(mg_caps_get(caps, "NOPE", &known) == NULL && !known, "unknown prefix");

	expect(caps, "GLIBCXX_3.4.24", MG_CAPS_WITHIN, "GLIBCXX_3.4.24");
	expect(caps, "GLIBCXX_3.4.9", MG_CAPS_WITHIN, NULL);
	expect(caps, "GLIBCXX_3.4.25", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "GLIBCXX_3.4.30", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "GLIBC_2.2.5", MG_CAPS_WITHIN, NULL);
	expect(caps, "GLIBC_2.29", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "GCC_12.0.0", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "GCC_3.0", MG_CAPS_WITHIN, NULL);
	expect(caps, "LIBATOMIC_1.0", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "GLIBC_PRIVATE", MG_CAPS_FORBIDDEN, NULL);
	expect(caps, "GLIBC_ABI_DT_RELR", MG_CAPS_EXCEEDS, "GLIBC_2.36");
	expect(caps, "CXXABI_TM_1", MG_CAPS_WITHIN, "CXXABI_1.3.6");
	expect(caps, "CXXABI_FLOAT128", MG_CAPS_WITHIN, "CXXABI_1.3.10");
	expect(caps, "GLIBCXX_LDBL_3.4", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "CXXABI_IEEE128_1.3.13", MG_CAPS_EXCEEDS, NULL);
	expect(caps, "VERS_1.0", MG_CAPS_UNCAPPED, NULL);
	expect(caps, "OMP_5.0", MG_CAPS_UNCAPPED, NULL);

	mg_caps_result r;
	mg_caps_check(caps, "GLIBCXX_3.4.30", &r, NULL);
	tap_eq_str(r.cap, "GLIBCXX_3.4.24", "result names the cap");
	mg_caps_check(caps, "CXXABI_TM_1", &r, NULL);
	tap_ok(r.rule && strstr(r.rule, "GCC 4.7"), "special rule is explained");
	tap_ok(mg_caps_check(caps, "", &r, &err) < 0, "empty version is an error");

	/* A baseline with old CXXABI: the special ones follow their release. */
	mg_caps *old = mg_caps_new();
	mg_caps_set(old, "CXXABI", "1.3.3", NULL);
	mg_caps_set(old, "GLIBC", "2.36", NULL);
	expect(old, "CXXABI_TM_1", MG_CAPS_EXCEEDS, "CXXABI_1.3.6");
	expect(old, "CXXABI_FLOAT128", MG_CAPS_EXCEEDS, "CXXABI_1.3.10");
	expect(old, "GLIBC_ABI_DT_RELR", MG_CAPS_WITHIN, "GLIBC_2.36");
	/* An explicit cap for a special prefix wins over the built-in rule. */
	mg_caps_set(old, "CXXABI_FLOAT128", NULL, NULL);
	mg_caps_set(old, "CXXABI_TM", "1", NULL);
	expect(old, "CXXABI_FLOAT128", MG_CAPS_EXCEEDS, "CXXABI_FLOAT128");
	expect(old, "CXXABI_TM_1", MG_CAPS_WITHIN, "CXXABI_TM_1");
	mg_caps_free(old);
	mg_caps_free(caps);
}

/* Version definitions of a real library, as `readelf -V --wide` lists
 * them (run through libiberty's pex, no shell): the "Name:" entries of the
 * version definition section, without the BASE entry (the file name). */
static int read_verdefs(const char *path, mg_verset *set)
{
	const char *readelf = getenv("READELF") ? getenv("READELF") : "readelf";
	char *const argv[] = {(char *)readelf, "-V", "--wide", (char *)path, NULL};
	struct pex_obj *pex = pex_init(PEX_USE_PIPES, "test_symver", NULL);
	const char *errmsg;
	int errnum, status = -1;
	char line[1024];
	bool in_verdef = false;
	size_t added = 0;

	if (!pex)
		return -1;
	errmsg = pex_run(pex, PEX_SEARCH, readelf, argv, NULL, NULL, &errnum);
	FILE *out = errmsg ? NULL : pex_read_output(pex, 0);
	while (out && fgets(line, sizeof line, out)) {
		if (strncmp(line, "Version definition section", 26) == 0)
			in_verdef = true;
		else if (strncmp(line, "Version ", 8) == 0)
			in_verdef = false;
		char *name = strstr(line, "Name: ");
		if (!in_verdef || !name || strstr(line, "Flags: BASE") || strstr(line, "Parent"))
			continue;
		name += 6;
		name[strcspn(name, " \n")] = '\0';
		if (mg_verset_add(set, name, NULL) == 0)
			added++;
	}
	if (out && !pex_get_status(pex, 1, &status))
		status = -1;
	pex_free(pex);
	return status == 0 && added > 0 ? 0 : -1;
}

static const char *find_lib(const char *name)
{
	static const char *const dirs[] = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
					   "/usr/lib/aarch64-linux-gnu", "/usr/lib64"};
	static char path[512];

	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dirs[i], name);
		if (access(path, R_OK) == 0)
			return path;
	}
	return NULL;
}

static void test_verset_manual(void)
{
	mg_verset *set = mg_verset_new();
	const char *names[] = {"GLIBCXX_3.4.10", "GLIBCXX_3.4.9", "GLIBCXX_3.4", "CXXABI_TM_1",
			       "CXXABI_1.3.2", "GLIBCXX_3.4.9", "CXXABI_FLOAT128"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		mg_verset_add(set, names[i], NULL);
	tap_eq_int((long long)mg_verset_count(set), 6, "duplicates kept once");
	tap_eq_str(mg_verset_at(set, 0), "CXXABI_1.3.2", "sorted: CXXABI first");
	tap_eq_str(mg_verset_at(set, 3), "GLIBCXX_3.4", "then GLIBCXX_3.4");
	tap_eq_str(mg_verset_at(set, 5), "GLIBCXX_3.4.10", "3.4.10 after 3.4.9");
	tap_eq_str(mg_verset_highest(set, "GLIBCXX"), "GLIBCXX_3.4.10", "highest GLIBCXX");
	tap_ok(mg_verset_highest(set, "GCC") == NULL, "no GCC versions");
	tap_ok(mg_verset_contains(set, "CXXABI_TM_1"), "contains CXXABI_TM_1");
	tap_ok(!mg_verset_contains(set, "GLIBCXX_3.4.11"), "lacks GLIBCXX_3.4.11");
	mg_error err;
	tap_ok(mg_verset_add(set, "", &err) < 0, "adding an empty name fails");
	mg_verset_free(set);
}

static void test_verset_real(void)
{
	const char *path = find_lib("libstdc++.so.6");
	if (!path) {
		tap_skip("no libstdc++.so.6 on this machine");
		return;
	}
	mg_verset *set = mg_verset_new();
	tap_ok(read_verdefs(path, set) == 0, "read verdefs of %s", path);
	tap_diag("%s defines %zu versions", path, mg_verset_count(set));
	/* Debian 12 ships GCC 12's libstdc++ (libstdc++.so.6.0.30). */
	tap_eq_str(mg_verset_highest(set, "GLIBCXX"), "GLIBCXX_3.4.30", "GCC 12 libstdc++: GLIBCXX");
	tap_eq_str(mg_verset_highest(set, "CXXABI"), "CXXABI_1.3.13", "GCC 12 libstdc++: CXXABI");
	tap_ok(mg_verset_contains(set, "CXXABI_TM_1"), "defines CXXABI_TM_1");
	tap_ok(mg_verset_contains(set, "CXXABI_FLOAT128"), "defines CXXABI_FLOAT128 (x86_64)");
	tap_ok(!mg_verset_contains(set, "GLIBCXX_LDBL_3.4"), "no GLIBCXX_LDBL_* on x86_64");
	tap_ok(!mg_verset_contains(set, "libstdc++.so.6"), "the base entry is not a version");

	mg_caps *caps = mg_caps_new();
	tap_ok(mg_verset_to_caps(set, caps, NULL) == 0, "caps from the real library");
	tap_eq_str(mg_caps_get(caps, "GLIBCXX", NULL), "GLIBCXX_3.4.30", "cap GLIBCXX");
	tap_eq_str(mg_caps_get(caps, "CXXABI_TM", NULL), "CXXABI_TM_1", "cap CXXABI_TM");
	bool known = true;
	mg_caps_get(caps, "CXXABI_FLOAT128", &known);
	tap_ok(!known, "tags are not caps");
	expect(caps, "GLIBCXX_3.4.31", MG_CAPS_EXCEEDS, NULL); /* GCC 13 */
	expect(caps, "GLIBCXX_3.4.30", MG_CAPS_WITHIN, NULL);
	expect(caps, "CXXABI_FLOAT128", MG_CAPS_WITHIN, "CXXABI_1.3.10");
	mg_caps_free(caps);
	mg_verset_free(set);

	path = find_lib("libc.so.6");
	if (!path) {
		tap_skip("no libc.so.6 on this machine");
		return;
	}
	set = mg_verset_new();
	tap_ok(read_verdefs(path, set) == 0, "read verdefs of %s", path);
	tap_eq_str(mg_verset_highest(set, "GLIBC"), "GLIBC_2.36", "Debian 12 glibc is 2.36");
	tap_ok(mg_verset_contains(set, "GLIBC_PRIVATE"), "libc defines GLIBC_PRIVATE");
	tap_ok(mg_verset_contains(set, "GLIBC_ABI_DT_RELR"), "libc defines GLIBC_ABI_DT_RELR");
	tap_eq_str(mg_verset_at(set, 0), "GLIBC_2.2.5", "oldest x86_64 GLIBC version first");
	mg_verset_free(set);
}

int main(void)
{
	test_parse();
	test_compare();
	test_caps();
	test_verset_manual();
	test_verset_real();
	return tap_done();
}

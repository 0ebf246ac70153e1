/* The compiler wrapper's command-line classification (wrappers/cc/cc_scan.c):
 * modes, C++/OpenMP detection, and each static-runtime spelling with the
 * rule it breaks; what must not be flagged is checked too. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "cc/cc_scan.h"
#include "tests/unit/tap.h"

/* Scan the NULL-terminated arguments after CXX. */
static void scan(cc_scan *s, bool cxx, ...)
{
	char *argv[64];
	int argc = 0;
	va_list ap;
	va_start(ap, cxx);
	for (char *a; (a = va_arg(ap, char *)) != NULL && argc < 64;)
		argv[argc++] = a;
	va_end(ap);
	cc_scan_args(argc, argv, cxx, s);
}

/* A finding of RULE whose text contains PART. */
static bool has(const cc_scan *s, mg_rule rule, const char *part)
{
	for (size_t i = 0; i < s->findings.count; i++)
		if (s->findings.v[i].rule == rule && strstr(s->findings.v[i].message, part))
			return true;
	return false;
}

static void expect_mode(bool cxx, cc_mode mode, const char *what, ...)
{
	char *argv[16];
	int argc = 0;
	va_list ap;
	va_start(ap, what);
	for (char *a; (a = va_arg(ap, char *)) != NULL && argc < 16;)
		argv[argc++] = a;
	va_end(ap);
	cc_scan s;
	cc_scan_args(argc, argv, cxx, &s);
	tap_eq_int(s.mode, mode, what);
	cc_scan_free(&s);
}

int main(void)
{
	cc_scan s;

	expect_mode(false, CC_MODE_INFO, "--version is a query", "--version", NULL);
	expect_mode(false, CC_MODE_INFO, "-print-file-name= is a query", "-print-file-name=libgomp.a", NULL);
	expect_mode(false, CC_MODE_INFO, "-### with inputs is a query", "-###", "a.c", NULL);
	expect_mode(false, CC_MODE_NO_INPUT, "-v alone has no input", "-v", NULL);
	expect_mode(false, CC_MODE_PREPROCESS, "-E", "-E", "a.c", NULL);
	expect_mode(false, CC_MODE_PREPROCESS, "-M alone preprocesses", "-M", "a.c", NULL);
	expect_mode(false, CC_MODE_COMPILE, "-MD with -c compiles", "-MD", "-c", "a.c", NULL);
	expect_mode(false, CC_MODE_LINK, "-MMD without -c links", "-MMD", "a.c", NULL);
	expect_mode(false, CC_MODE_COMPILE, "-S", "-S", "a.c", NULL);
	expect_mode(false, CC_MODE_LINK, "-o's value is not an input", "-o", "a.c", "b.o", NULL);
	expect_mode(false, CC_MODE_NO_INPUT, "-include's value is not an input", "-include", "x.h", NULL);
	expect_mode(false, CC_MODE_LINK, "-lfoo alone is a link input", "-shared", "-lfoo", NULL);

	scan(&s, true, "-static-libstdc++", "a.cc", "-o", "a", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_LIBSTDCXX, "-static-libstdc++"), "-static-libstdc++ flagged");
	cc_scan_free(&s);

	scan(&s, false, "-static", "a.c", NULL);
	tap_eq_int((long long)s.findings.count, 0, "-static in a C link is fine");
	tap_ok(!s.cxx, "a C link is not C++");
	cc_scan_free(&s);

	scan(&s, false, "-static", "a.cpp", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_LIBSTDCXX, "-static links libstdc++"), "-static with a .cpp input");
	cc_scan_free(&s);

	scan(&s, false, "-x", "c++", "a.c", "-x", "none", "-static", NULL);
	tap_ok(s.cxx && s.findings.count == 1, "-x c++ makes the link C++");
	cc_scan_free(&s);

	scan(&s, false, "-static-pie", "-fopenmp", "a.c", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_OPENMP, "-fopenmp"), "-static-pie with -fopenmp");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-Wl,-Bstatic", "-lgomp", "-Wl,-Bdynamic", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_OPENMP, "-Wl,-Bstatic ... -lgomp"), "-Wl,-Bstatic -lgomp");
	tap_ok(s.openmp, "-lgomp is OpenMP");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-Xlinker", "-dn", "-Xlinker", "-l", "-Xlinker", "iomp5", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_OPENMP, "-Xlinker -dn ... "), "-Xlinker -dn, -Xlinker -l iomp5");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-Wl,-Bstatic,--library=omp,-Bdynamic", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_OPENMP, "libomp.a"), "--library=omp inside one -Wl");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-Wl,--push-state,-Bstatic", "-lm", "-Wl,--pop-state", "-lgomp", NULL);
	tap_eq_int((long long)s.findings.count, 0, "--pop-state restores -Bdynamic");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-l:libgomp.a", "-l:libfoo.a", NULL);
	tap_eq_int((long long)s.findings.count, 1, "-l:libgomp.a flagged, -l:libfoo.a not");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-Wl,--whole-archive", "/x/libiomp5.a", "-Wl,--no-whole-archive",
	     "/x/libomp.so", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_OPENMP, "/x/libiomp5.a (inside --whole-archive)"),
	       "a path to libiomp5.a inside --whole-archive");
	tap_eq_int((long long)s.findings.count, 1, "libomp.so is not flagged");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "/x/libstdc++.a", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_LIBSTDCXX, "libstdc++.a"), "a path to libstdc++.a");
	cc_scan_free(&s);

	scan(&s, true, "a.cc", "-Wl,-Bstatic", "-lz", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_LIBSTDCXX, "still in effect"), "-Bstatic left on before g++'s -lstdc++");
	cc_scan_free(&s);

	scan(&s, true, "-nostdlib", "a.o", "-Wl,-Bstatic", "-lz", NULL);
	tap_eq_int((long long)s.findings.count, 0, "-nostdlib: no implicit -lstdc++");
	cc_scan_free(&s);

	scan(&s, false, "-x", "c", "libgomp.a", NULL);
	tap_eq_int((long long)s.findings.count, 0, "a source file named libgomp.a under -x c is not an archive");
	cc_scan_free(&s);

	scan(&s, false, "-static-openmp", "-fopenmp", "a.c", NULL);
	tap_ok(has(&s, MG_RULE_STATIC_OPENMP, "-static-openmp"), "clang's -static-openmp");
	cc_scan_free(&s);

	scan(&s, false, "a.c", "-lstdc++", NULL);
	tap_ok(s.cxx && s.lstdcxx && s.findings.count == 0, "-lstdc++ dynamic: C++, not flagged");
	cc_scan_free(&s);
	/* What decides whether a link gets the glibc directory. */
	scan(&s, false, "-m32", "a.c", "-o", "a", NULL);
	tap_ok(s.other_abi && !s.static_all, "-m32 is another ABI than the compiler's default");
	cc_scan_free(&s);
	scan(&s, false, "-static", "a.c", "-o", "a", NULL);
	tap_ok(s.static_all && !s.other_abi, "-static is a static link");
	cc_scan_free(&s);
	scan(&s, false, "a.c", "-o", "a", NULL);
	tap_ok(!s.static_all && !s.other_abi, "a plain link is neither");
	cc_scan_free(&s);

	return tap_done();
}

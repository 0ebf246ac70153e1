/* The glibc ABI table reader: the facts the glibc baseline is built on, read
 * from the source tree's x86_64 table, and the errors of malformed tables.
 * (glibc_abi_reader.sh compares the whole table with policy/glibc/query.) */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"
#include "policy/glibc_abi.h"
#include "tests/unit/tap.h"

static const char *lib_of(const mg_glibc_abi *abi, const mg_glibc_abi_symbol *s)
{
	return s ? mg_glibc_abi_lib_at(abi, s->lib)->name : "(none)";
}

static void facts(const mg_glibc_abi *abi)
{
	int r217 = mg_glibc_abi_release_index(abi, "2.17");
	int r228 = mg_glibc_abi_release_index(abi, "2.28");
	int r234 = mg_glibc_abi_release_index(abi, "2.34");
	tap_ok(r217 == 0 && r228 == 11 && r234 == 17, "releases are indexed oldest first");
	tap_ok(mg_glibc_abi_release_index(abi, "2.16") < 0, "a release the table lacks has no index");
	tap_eq_str(mg_glibc_abi_base_version(abi), "GLIBC_2.2.5", "x86_64's base version");
	tap_eq_int((long long)strlen(mg_glibc_abi_digest(abi)), 64, "the digest is 64 hex digits");

	const mg_glibc_abi_symbol *w[4];
	size_t n = mg_glibc_abi_where(abi, "pthread_create", r217, w, 4);
	tap_ok(n == 1 && strcmp(lib_of(abi, w[0]), "libpthread") == 0 &&
		       strcmp(w[0]->version, "GLIBC_2.2.5") == 0,
	       "pthread_create is libpthread's GLIBC_2.2.5 at 2.17");
	n = mg_glibc_abi_where(abi, "pthread_create", r234, w, 4);
	tap_ok(n == 1 && strcmp(lib_of(abi, w[0]), "libc") == 0 &&
		       strcmp(w[0]->version, "GLIBC_2.34") == 0,
	       "pthread_create is libc's GLIBC_2.34 at 2.34");
	n = mg_glibc_abi_where(abi, "clock_gettime", r217, w, 4);
	tap_ok(n == 2 && strcmp(lib_of(abi, w[0]), "libc") == 0 &&
		       strcmp(w[0]->version, "GLIBC_2.17") == 0 &&
		       strcmp(lib_of(abi, w[1]), "librt") == 0 &&
		       strcmp(w[1]->version, "GLIBC_2.2.5") == 0,
	       "clock_gettime is default in libc (GLIBC_2.17) and librt (GLIBC_2.2.5) at 2.17");
	tap_ok(mg_glibc_abi_where(abi, "close_range", r228, w, 4) == 0,
	       "close_range is not defined at 2.28");

	const mg_glibc_abi_symbol *first = NULL;
	int r = mg_glibc_abi_first_release(abi, "close_range", r217, &first);
	tap_ok(r == r234 && first && strcmp(first->version, "GLIBC_2.34") == 0 &&
		       strcmp(lib_of(abi, first), "libc") == 0,
	       "close_range first appears in 2.34 as libc's GLIBC_2.34");
	tap_ok(mg_glibc_abi_first_release(abi, "no_such_function", 0, NULL) < 0,
	       "a name glibc never defined has no first release");

	const mg_glibc_abi_symbol *s = mg_glibc_abi_find(abi, "memcpy", "GLIBC_2.2.5", r217);
	tap_ok(s && s->status == MG_GLIBC_ABI_COMPAT && s->kind == 'F',
	       "memcpy@GLIBC_2.2.5 is a compat function at 2.17");
	s = mg_glibc_abi_find(abi, "pthread_create", "GLIBC_2.2.5", r234);
	tap_ok(s && strcmp(lib_of(abi, s), "libc") == 0 && !mg_glibc_abi_is_default(s, 0),
	       "pthread_create@GLIBC_2.2.5 is libc's compat at 2.34");
	tap_ok(!mg_glibc_abi_find(abi, "stat", "GLIBC_2.33", r228), "stat@GLIBC_2.33 is not at 2.28");
	s = mg_glibc_abi_find(abi, "sys_errlist", "GLIBC_2.12", r217);
	tap_ok(s && s->kind == 'D' && s->size == 0x438 && mg_glibc_abi_is_default(s, 0),
	       "sys_errlist@@GLIBC_2.12 is data of 0x438 bytes at 2.17");
	s = mg_glibc_abi_find(abi, "clnt_create", "GLIBC_2.2.5", r217);
	tap_ok(s && s->status == MG_GLIBC_ABI_OBSOLETE_RPC && !mg_glibc_abi_is_default(s, 0) &&
		       mg_glibc_abi_is_default(s, MG_GLIBC_ABI_ENABLE_OBSOLETE_RPC),
	       "clnt_create is compat unless glibc was configured with --enable-obsolete-rpc");
	tap_ok(mg_glibc_abi_defines(abi, "__xstat", r217) && !mg_glibc_abi_defines(abi, "stat", r217),
	       "2.17 defines __xstat, not stat");

	int pthread = mg_glibc_abi_lib_index(abi, "libpthread");
	tap_ok(pthread > 0 && strcmp(mg_glibc_abi_lib_at(abi, (size_t)pthread)->soname,
				     "libpthread.so.0") == 0,
	       "libpthread's SONAME is libpthread.so.0");
	const mg_glibc_abi_version *v = mg_glibc_abi_version_at(abi, 0, 0);
	tap_ok(v && strcmp(v->name, "GLIBC_2.2.5") == 0, "libc's first version node is GLIBC_2.2.5");
}

static void parents(void)
{
	tap_ok(mg_glibc_abi_version_parent(NULL, "GLIBC_2.2.5") == NULL, "the first node has no parent");
	const char *p = mg_glibc_abi_version_parent("GLIBC_2.2.6", "GLIBC_2.3");
	tap_ok(p && strcmp(p, "GLIBC_2.2.6") == 0, "GLIBC_2.3's parent is GLIBC_2.2.6");
	p = mg_glibc_abi_version_parent("GLIBC_2.36", "GLIBC_ABI_DT_RELR");
	tap_ok(p && strcmp(p, "GLIBC_2.36") == 0, "GLIBC_ABI_DT_RELR's parent is GLIBC_2.36");
	tap_ok(!mg_glibc_abi_version_parent("GLIBC_ABI_DT_RELR", "GLIBC_PRIVATE"),
	       "GLIBC_PRIVATE has no parent after GLIBC_ABI_DT_RELR");
	tap_ok(!mg_glibc_abi_version_parent("GLIBC_ABI_DT_X86_64_PLT", "GLIBC_ABI_GNU2_TLS"),
	       "GLIBC_ABI_GNU2_TLS has no parent after GLIBC_ABI_DT_X86_64_PLT");
	tap_ok(mg_glibc_abi_release_cmp("2.9", "2.17") < 0 && mg_glibc_abi_release_cmp("2.17", "2.17") == 0 &&
		       mg_glibc_abi_release_cmp("2.36", "2.4") > 0 &&
		       mg_glibc_abi_release_cmp("2.17", "x") < 0,
	       "releases compare numerically");
}

static void malformed(void)
{
	static const char head[] = "format manyguard-glibc-abi 1\narch x86_64 GLIBC_2.2.5\n"
				   "source s\nrelease 2.17 t c\nrelease 2.18 t c\n";
	static const struct {
		const char *body, *reason;
	} cases[] = {
		{ "lib libc libc.so.6 2.16-\n", "unknown release in range '2.16-'" },
		{ "lib libc libc.so.6 2.18-2.17\n", "empty range" },
		{ "ver libc GLIBC_2.2.5 2.17-\n", "undeclared library 'libc'" },
		{ "lib libc libc.so.6 2.17-\nsym libc f GLIBC_2.2.5 F default 2.17-\n",
		  "undeclared version 'GLIBC_2.2.5'" },
		{ "lib libc libc.so.6 2.17-\nver libc V 2.17-\nsym libc f V X default 2.17-\n",
		  "bad kind 'X'" },
		{ "lib libc libc.so.6 2.17-\nver libc V 2.17-\nsym libc f V D:0x default 2.17-\n",
		  "bad kind" },
		{ "lib libc libc.so.6 2.17-\nver libc V 2.17-\nsym libc f V F hidden 2.17-\n",
		  "bad status 'hidden'" },
		{ "lib libc libc.so.6  2.17-\n", "empty field" },
		{ " lib libc libc.so.6 2.17-\n", "line 6: a line that starts with a space" },
		{ "bogus line\n", "cannot parse" },
		{ "", "no table" },
	};
	mg_error err;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(head) + strlen(cases[i].body);
		char *text = malloc(len + 1);
		strcpy(text, head);
		strcat(text, cases[i].body);
		mg_glibc_abi *abi = mg_glibc_abi_parse(text, len, "t.abi", &err);
		tap_ok(!abi && strcmp(err.file, "t.abi") == 0 && strstr(err.reason, cases[i].reason),
		       "refused: %s (%s)", cases[i].reason, abi ? "accepted" : err.reason);
		mg_glibc_abi_free(abi);
		free(text);
	}
	mg_glibc_abi *abi = mg_glibc_abi_parse("lib libc libc.so.6 2.17-\n", 25, "t.abi", &err);
	tap_ok(!abi && strstr(err.reason, "line 1: 'lib' before the header"),
	       "a body line before the header is refused with its line number");
	abi = mg_glibc_abi_parse("format manyguard-glibc-abi 2\n", 29, "t.abi", &err);
	tap_ok(!abi && strstr(err.reason, "unsupported format"), "another format version is refused");
	abi = mg_glibc_abi_parse("format\0", 7, "t.abi", &err);
	tap_ok(!abi && strstr(err.reason, "NUL"), "a NUL byte is refused");
	abi = mg_glibc_abi_load("/nonexistent/x86_64.abi", &err);
	tap_ok(!abi && strcmp(err.file, "/nonexistent/x86_64.abi") == 0, "a missing file names itself");
	abi = mg_glibc_abi_load_arch(MG_TEST_SRCDIR "/policy", "aarch64", &err);
	tap_ok(abi && strcmp(mg_glibc_abi_arch(abi), "aarch64") == 0 &&
		       strcmp(mg_glibc_abi_base_version(abi), "GLIBC_2.17") == 0,
	       "the aarch64 table is found under a policy directory");
	mg_glibc_abi_free(abi);
}

/* The digest, computed on first use, is the SHA-256 of the file's bytes,
 * asked once or twice. */
static void digest(void)
{
	const char *path = MG_TEST_SRCDIR "/policy/glibc/x86_64.abi";
	mg_error err;
	char want[MG_SHA256_HEX];
	int fd = open(path, O_RDONLY);
	if (fd < 0 || mg_sha256_fd(fd, path, want, &err) < 0)
		tap_bail("cannot hash %s", path);
	close(fd);
	mg_glibc_abi *abi = mg_glibc_abi_load(path, &err);
	if (!abi)
		tap_bail("%s: %s", err.file, err.reason);
	tap_eq_str(mg_glibc_abi_digest(abi), want, "the digest is the SHA-256 of the table's bytes");
	tap_eq_str(mg_glibc_abi_digest(abi), want, "... asked again, the same");
	mg_glibc_abi_free(abi);
}

int main(void)
{
	mg_error err;
	mg_glibc_abi *abi = mg_glibc_abi_load_arch(MG_TEST_SRCDIR "/policy", "x86_64", &err);
	if (!abi)
		tap_bail("%s: %s", err.file, err.reason);
	facts(abi);
	mg_glibc_abi_free(abi);
	digest();
	parents();
	malformed();
	return tap_done();
}

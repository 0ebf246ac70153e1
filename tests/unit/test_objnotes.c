/* lib/objnotes: the parser on exact bytes (good units, padding, escapes,
 * and each kind of damage), and the ELF reader on objects compiled here
 * with a hand-written section (the plugin's own output is tested by
 * tests/integration/plugin_notes.sh). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf/objnotes.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"

static const char two_units[] =
	"manyguard-objnotes 1\n"
	"producer=manyguard-plugin 0.1.0\n"
	"compiler=gcc 12.2.0\n"
	"language=c++\n"
	"std=gnu++17\n"
	"pic=2\n"
	"pie=0\n"
	"openmp=1\n"
	"openmp_version=201511\n"
	"glibcxx_use_cxx11_abi=1\n"
	"exceptions=1\n"
	"rtti=0\n"
	"baseline=manylinux_2_28\n"
	"future_key=ignored\n"
	"symbol=_ZSt8to_charsPcS_d\tGLIBCXX_3.4.29\tprovided\t14\t24\tsrc/a\\x09b\\\\c.cc\n"
	"symbol=_ZTINSt3pmr15memory_resourceE\tGLIBCXX_3.4.28\thazard\t35\t8\tuses.cc\n"
	"end\n"
	"\0\0\0"
	"manyguard-objnotes 1\n"
	"language=lto\n"
	"end\n";

static void test_good(void)
{
	mg_objnotes *n = NULL;
	mg_error err;
	int rc = mg_objnotes_parse(two_units, sizeof two_units - 1, "t.o", &n, &err);
	if (!tap_ok(rc == 0 && n, "two units with padding between them parse")) {
		tap_diag("%s", err.reason);
		return;
	}
	tap_eq_int((long long)n->count, 2, "two units");
	const mg_objnotes_unit *u = &n->units[0];
	tap_eq_str(u->producer, "manyguard-plugin 0.1.0", "producer");
	tap_eq_str(u->compiler, "gcc 12.2.0", "compiler");
	tap_eq_str(u->language, "c++", "language");
	tap_eq_str(u->std, "gnu++17", "std");
	tap_eq_int(u->pic, 2, "pic");
	tap_eq_int(u->pie, 0, "pie");
	tap_eq_int(u->openmp, 1, "openmp");
	tap_eq_str(u->openmp_version, "201511", "openmp_version");
	tap_eq_str(u->cxx11_abi, "1", "glibcxx_use_cxx11_abi");
	tap_eq_int(u->exceptions, 1, "exceptions");
	tap_eq_int(u->rtti, 0, "rtti");
	tap_eq_str(u->baseline, "manylinux_2_28", "baseline");
	tap_eq_int((long long)u->n_uses, 2, "two uses");
	tap_eq_str(u->uses[0].symbol, "_ZSt8to_charsPcS_d", "use 0 symbol");
	tap_eq_str(u->uses[0].version, "GLIBCXX_3.4.29", "use 0 version");
	tap_eq_str(u->uses[0].status, "provided", "use 0 status");
	tap_eq_int((long long)u->uses[0].line, 14, "use 0 line");
	tap_eq_int((long long)u->uses[0].column, 24, "use 0 column");
	tap_eq_str(u->uses[0].file, "src/a\tb\\c.cc", "use 0 file: \\x09 and \\\\ unescaped");
	tap_eq_str(u->uses[1].status, "hazard", "use 1 status");
	const mg_objnotes_unit *l = &n->units[1];
	tap_eq_str(l->language, "lto", "second unit: language");
	tap_ok(!l->std && !l->compiler && l->pic == -1 && l->rtti == -1 && l->n_uses == 0,
	       "second unit: what it does not record is NULL / -1");
	mg_objnotes_free(n);
}

struct bad_case {
	const char *text;
	const char *reason; /* a substring of the error */
};

static void test_bad(void)
{
	static const struct bad_case cases[] = {
		{"", "holds no notes"},
		{"\0\0\0\0", "holds no notes"},
		{"manyguard-objnotes 2\nend\n", "has format 2"},
		{"manyguard-objnotes x\nend\n", "decimal number"},
		{"hello\n", "at the start of a unit"},
		{"manyguard-objnotes 1\nlanguage=c\n", "no \"end\" line"},
		{"manyguard-objnotes 1\nlanguage=c", "without its newline"},
		{"manyguard-objnotes 1\nnot a pair\nend\n", "expected key=value"},
		{"manyguard-objnotes 1\n=x\nend\n", "expected key=value"},
		{"manyguard-objnotes 1\npic=3\nend\n", "out of range"},
		{"manyguard-objnotes 1\nrtti=-1\nend\n", "decimal number"},
		{"manyguard-objnotes 1\nstd=a\\qb\nend\n", "bad escape"},
		{"manyguard-objnotes 1\nstd=ab\\x0\nend\n", "bad escape"},
		{"manyguard-objnotes 1\nstd=a\\x00b\nend\n", "escaped NUL"},
		{"manyguard-objnotes 1\nsymbol=a\tb\tc\t1\t2\nend\n", "6 tab-separated"},
		{"manyguard-objnotes 1\nsymbol=a\tb\tc\t1\t2\tf\tg\nend\n", "6 tab-separated"},
		{"manyguard-objnotes 1\nsymbol=\tb\tc\t1\t2\tf\nend\n", "empty symbol"},
		{"manyguard-objnotes 1\nsymbol=a\tb\tc\t99999999999\t2\tf\nend\n", "decimal number"},
		{"manyguard-objnotes 1\nsymbol=a\tb\tc\t1\t\tf\nend\n", "decimal number"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mg_objnotes *n = (mg_objnotes *)1;
		mg_error err;
		size_t len = strlen(cases[i].text);
		if (i == 1)
			len = 4;
		int rc = mg_objnotes_parse(cases[i].text, len, "bad.o", &n, &err);
		bool ok = rc == -1 && n == NULL && strcmp(err.file, "bad.o") == 0 &&
			  strstr(err.reason, cases[i].reason) != NULL;
		if (!tap_ok(ok, "bad input %zu rejected: %s", i, cases[i].reason))
			tap_diag("rc %d, reason \"%s\"", rc, rc ? err.reason : "");
	}
	/* A NUL inside a line (not padding between units). */
	static const char nul_inside[] = "manyguard-objnotes 1\nstd=a\0b\nend\n";
	mg_objnotes *n;
	mg_error err;
	tap_ok(mg_objnotes_parse(nul_inside, sizeof nul_inside - 1, "n.o", &n, &err) == -1 &&
	       strstr(err.reason, "NUL byte inside") != NULL, "NUL inside a line rejected");
}

/* An object with a hand-written notes section, compiled by cc. */
static void test_read_elf(void)
{
	char dir[] = "/tmp/test_objnotes.XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip("mkdtemp failed");
		return;
	}
	char src[256], obj[256], plain[256], psrc[256], qsrc[256], kept[256];
	snprintf(qsrc, sizeof qsrc, "%s/q.c", dir);
	snprintf(kept, sizeof kept, "%s/q.o", dir);
	snprintf(src, sizeof src, "%s/n.c", dir);
	snprintf(obj, sizeof obj, "%s/n.o", dir);
	snprintf(psrc, sizeof psrc, "%s/p.c", dir);
	snprintf(plain, sizeof plain, "%s/p.o", dir);
	tu_write_file(src, "__asm__(\".section .manyguard.objnotes,\\\"e\\\",@progbits\\n"
			   ".ascii \\\"manyguard-objnotes 1\\\\nlanguage=c\\\\n"
			   "symbol=f\\\\tV_1\\\\tprovided\\\\t3\\\\t4\\\\tn.c\\\\nend\\\\n\\\"\\n"
			   ".previous\");\nint x;\n");
	tu_write_file(psrc, "int y;\n");
	/* The same bytes in a section of that name without SHF_EXCLUDE. */
	tu_write_file(qsrc, "__asm__(\".section .manyguard.objnotes,\\\"\\\",@progbits\\n"
			    ".ascii \\\"manyguard-objnotes 1\\\\nlanguage=c\\\\nend\\\\n\\\"\\n"
			    ".previous\");\nint z;\n");
	char *cc1[] = {"cc", "-c", "-o", obj, src, NULL};
	char *cc2[] = {"cc", "-c", "-o", plain, psrc, NULL};
	char *cc3[] = {"cc", "-c", "-o", kept, qsrc, NULL};
	if (!tu_run(NULL, cc1) || !tu_run(NULL, cc2) || !tu_run(NULL, cc3)) {
		tap_ok(false, "cc compiles the test objects");
		goto out;
	}
	mg_elf *elf;
	mg_objnotes *n = NULL;
	mg_error err;
	if (mg_elf_open(obj, &elf, &err) == 0) {
		int rc = mg_objnotes_read(elf, &n, &err);
		tap_ok(rc == 0 && n && n->count == 1 && n->units[0].n_uses == 1,
		       "notes read from an object");
		if (n) {
			tap_eq_str(n->units[0].uses[0].symbol, "f", "symbol from the object");
			tap_eq_int((long long)n->units[0].uses[0].column, 4, "column from the object");
		}
		mg_objnotes_free(n);
		mg_elf_close(elf);
	} else {
		tap_ok(false, "open %s: %s", obj, err.reason);
	}
	if (mg_elf_open(plain, &elf, &err) == 0) {
		n = (mg_objnotes *)1;
		tap_ok(mg_objnotes_read(elf, &n, &err) == 0 && n == NULL,
		       "an object without the section: 0 and no notes");
		mg_elf_close(elf);
	}
	if (mg_elf_open(kept, &elf, &err) == 0) {
		const mg_elf_section *sec = mg_elf_section_by_name(elf, ".manyguard.objnotes");
		tap_ok(sec && !(sec->flags & SHF_EXCLUDE), "q.o has the section name, not the flag");
		n = (mg_objnotes *)1;
		tap_ok(mg_objnotes_read(elf, &n, &err) == 0 && n == NULL,
		       "a section of that name without SHF_EXCLUDE is not the notes");
		mg_elf_close(elf);
	}
out:
	unlink(qsrc);
	unlink(kept);
	unlink(src);
	unlink(obj);
	unlink(psrc);
	unlink(plain);
	rmdir(dir);
}

int main(void)
{
	test_good();
	test_bad();
	test_read_elf();
	return tap_done();
}

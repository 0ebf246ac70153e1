/* lib/elf/elf_edit.h on objects compiled here: symbol edits land exactly where
 * intended (and nowhere else), survive a write/re-open cycle, keep
 * SHT_SYMTAB_SHNDX consistent in an object with more than 65280 sections,
 * and bad requests or inputs give errors. */
#include "config.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "elf/elf_edit.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"


static mg_elf_edit *open_file(const char *path, char **buf, size_t *size, mg_error *err)
{
	*buf = tu_slurp(path, size);
	if (!*buf)
		tap_bail("cannot read %s", path);
	return mg_elf_edit_open(*buf, *size, path, err);
}

static size_t must_find(mg_elf_edit *ed, const char *name)
{
	size_t index;
	mg_error err;
	if (mg_elf_edit_find(ed, name, &index, &err) != 0)
		tap_bail("%s: %s", name, err.reason);
	return index;
}

/* [start, end) of .symtab in the image */
static void symtab_range(char *buf, size_t size, size_t *start, size_t *end)
{
	Elf *elf = elf_memory(buf, size);
	*start = *end = 0;
	for (Elf_Scn *scn = NULL; elf && (scn = elf_nextscn(elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB) {
			*start = sh.sh_offset;
			*end = sh.sh_offset + sh.sh_size;
		}
	}
	elf_end(elf);
}

static void test_edits(void)
{
	if (!tu_write_file("a.c", "int foo(void) { return 42; }\nint bar = 7;\n"
			"static int counter;\nint next(void) { return ++counter + bar; }\n"
			"__attribute__((weak)) int wk(void) { return 1; }\n"
			"int call(void) { return foo() + wk(); }\n"))
		tap_bail("cannot write a.c");
	char *argv[] = { "cc", "-O2", "-fPIC", "-c", "a.c", "-o", "a.o", NULL };
	if (!tu_run(NULL, argv))
		tap_bail("cc -c a.c failed");
	mg_error err;
	char *in;
	size_t in_size;
	mg_elf_edit *ed = open_file("a.o", &in, &in_size, &err);
	if (!tap_ok(ed != NULL, "a.o opens"))
		tap_bail("%s", err.reason);
	size_t foo = must_find(ed, "foo"), bar = must_find(ed, "bar"), wk = must_find(ed, "wk");
	mg_elf_edit_symbol_info s;
	tap_ok(mg_elf_edit_symbol(ed, foo, &s, &err) == 0 && s.defined && s.type == STT_FUNC &&
	       s.bind == STB_GLOBAL && s.visibility == STV_DEFAULT && strcmp(s.name, "foo") == 0,
	       "foo: defined global function");
	tap_ok(mg_elf_edit_find(ed, "counter", &foo, &err) == -1 &&
	       strstr(err.reason, "no global symbol named counter"), "local counter is not found");
	foo = must_find(ed, "foo");

	tap_ok(mg_elf_edit_set_visibility(ed, foo, STV_HIDDEN, &err) == 0, "hide foo");
	tap_ok(mg_elf_edit_undefine(ed, bar, &err) == 0, "undefine bar");
	tap_ok(mg_elf_edit_undefine(ed, wk, &err) == 0, "undefine weak wk");
	tap_ok(mg_elf_edit_symbol(ed, bar, &s, &err) == 0 && !s.defined && s.value == 0 &&
	       s.size == 0 && s.bind == STB_GLOBAL && s.type == STT_NOTYPE,
	       "bar: UND, 0, 0, GLOBAL NOTYPE");
	tap_ok(mg_elf_edit_symbol(ed, wk, &s, &err) == 0 && s.bind == STB_GLOBAL && !s.defined,
	       "weak wk becomes a GLOBAL reference");

	/* The hazard queries answer for the input's definition. */
	size_t *mates, nmates;
	tap_ok(mg_elf_edit_section_mates(ed, bar, &mates, &nmates, &err) == 0,
	       "section mates of undefined-by-edit bar use the input");
	tap_eq_int((long long)nmates, 0, "bar is alone in .data");
	free(mates);
	size_t next = must_find(ed, "next");
	tap_ok(mg_elf_edit_section_mates(ed, next, &mates, &nmates, &err) == 0 && nmates >= 2,
	       "next shares .text with other functions");
	free(mates);

	void *out;
	size_t out_size;
	if (!tap_ok(mg_elf_edit_write(ed, &out, &out_size, &err) == 0, "write")) {
		tap_diag("%s", err.reason);
		tap_bail("cannot continue");
	}
	tap_eq_int((long long)out_size, (long long)in_size, "same size (layout kept)");
	size_t start, end, outside = 0, inside = 0;
	symtab_range(in, in_size, &start, &end);
	for (size_t i = 0; i < in_size && i < out_size; i++) {
		if (in[i] == ((char *)out)[i])
			continue;
		if (i >= start && i < end)
			inside++;
		else
			outside++;
	}
	tap_ok(outside == 0 && inside > 0, "only .symtab bytes changed (%zu inside, %zu outside)",
	       inside, outside);

	mg_elf_edit *again = mg_elf_edit_open(out, out_size, "rewritten", &err);
	if (tap_ok(again != NULL, "rewritten object re-opens")) {
		tap_ok(mg_elf_edit_symbol(again, must_find(again, "foo"), &s, &err) == 0 &&
		       s.visibility == STV_HIDDEN && s.defined && s.bind == STB_GLOBAL,
		       "foo is hidden after the round trip");
		tap_ok(mg_elf_edit_symbol(again, must_find(again, "bar"), &s, &err) == 0 &&
		       !s.defined, "bar is undefined after the round trip");
		tap_ok(mg_elf_edit_undefine(again, must_find(again, "bar"), &err) == -1 &&
		       strstr(err.reason, "is not defined"), "undefining it again is an error");
		mg_elf_edit_close(again);
	}
	free(out);

	/* Bad requests. */
	size_t count = mg_elf_edit_symbol_count(ed);
	tap_ok(mg_elf_edit_set_visibility(ed, count, STV_HIDDEN, &err) == -1 &&
	       strstr(err.reason, "out of range"), "symbol index out of range");
	tap_ok(mg_elf_edit_undefine(ed, 0, &err) == -1, "symbol 0 cannot be edited");
	tap_ok(mg_elf_edit_set_visibility(ed, 1, STV_HIDDEN, &err) == -1 &&
	       strstr(err.reason, "is local"), "a local symbol cannot be hidden");
	tap_ok(mg_elf_edit_set_visibility(ed, foo, 9, &err) == -1, "bad visibility value");
	tap_ok(mg_elf_edit_save(ed, "/nonexistent-dir/x.o", &err) == -1 &&
	       strstr(err.reason, "temporary"), "save into a missing directory fails");
	tap_ok(mg_elf_edit_save(ed, "saved.o", &err) == 0, "save");
	size_t saved_size;
	char *saved = tu_slurp("saved.o", &saved_size);
	tap_ok(saved && saved_size == in_size, "saved file has the whole object");
	free(saved);
	mg_elf_edit_close(ed);
	free(in);
}

/* An object with more sections than SHN_LORESERVE: the symbols' section
 * indices live in SHT_SYMTAB_SHNDX, which an undefine must update too. */
static void test_xindex(void)
{
	FILE *f = fopen("many.s", "w");
	if (!f)
		tap_bail("cannot write many.s");
	for (int i = 0; i < 66000; i++)
		fprintf(f, "\t.section .s%d,\"a\"\n\t.byte %d\n", i, i & 0x7f);
	fprintf(f, "\t.globl last\nlast:\t.byte 1\n\t.globl last2\nlast2:\t.byte 2\n");
	fclose(f);
	char *argv[] = { "cc", "-c", "many.s", "-o", "many.o", NULL };
	if (!tu_run(NULL, argv)) {
		tap_skip("the assembler cannot make an object with 66000 sections");
		return;
	}
	mg_error err;
	char *in;
	size_t in_size;
	mg_elf_edit *ed = open_file("many.o", &in, &in_size, &err);
	if (!tap_ok(ed != NULL, "many.o opens")) {
		tap_diag("%s", err.reason);
		free(in);
		return;
	}
	size_t last = must_find(ed, "last"), last2 = must_find(ed, "last2");
	mg_elf_edit_symbol_info s;
	if (mg_elf_edit_symbol(ed, last, &s, &err) != 0)
		tap_bail("%s", err.reason);
	tap_ok(s.shndx > SHN_LORESERVE, "last lives in section %u (extended index)",
	       (unsigned)s.shndx);
	size_t *mates, nmates;
	tap_ok(mg_elf_edit_section_mates(ed, last, &mates, &nmates, &err) == 0 && nmates == 1 &&
	       mates[0] == last2, "last2 is its section mate");
	free(mates);
	tap_ok(mg_elf_edit_undefine(ed, last, &err) == 0, "undefine last");
	tap_ok(mg_elf_edit_set_visibility(ed, last2, STV_HIDDEN, &err) == 0, "hide last2");
	void *out;
	size_t out_size;
	if (tap_ok(mg_elf_edit_write(ed, &out, &out_size, &err) == 0, "write many.o")) {
		Elf *elf = elf_memory(out, out_size);
		Elf_Data *syms = NULL, *xndx = NULL;
		for (Elf_Scn *scn = NULL; elf && (scn = elf_nextscn(elf, scn)) != NULL;) {
			GElf_Shdr sh;
			if (!gelf_getshdr(scn, &sh))
				continue;
			if (sh.sh_type == SHT_SYMTAB)
				syms = elf_getdata(scn, NULL);
			if (sh.sh_type == SHT_SYMTAB_SHNDX)
				xndx = elf_getdata(scn, NULL);
		}
		GElf_Sym sym;
		Elf32_Word x = 12345, x2 = 0;
		GElf_Sym sym2;
		tap_ok(syms && xndx && gelf_getsymshndx(syms, xndx, (int)last, &sym, &x) &&
		       sym.st_shndx == SHN_UNDEF && x == 0,
		       "undefined last: st_shndx UNDEF and its SHNDX entry 0");
		tap_ok(syms && xndx && gelf_getsymshndx(syms, xndx, (int)last2, &sym2, &x2) &&
		       sym2.st_shndx == SHN_XINDEX && x2 > SHN_LORESERVE &&
		       GELF_ST_VISIBILITY(sym2.st_other) == STV_HIDDEN,
		       "hidden last2 keeps its extended section index");
		elf_end(elf);
		FILE *o = fopen("many_out.o", "wb");
		if (o) {
			fwrite(out, 1, out_size, o);
			fclose(o);
		}
		char *ra[] = { "readelf", "-sW", "many_out.o", NULL };
		tap_ok(tu_run("many.sym", ra), "readelf -s reads the rewritten object");
		free(out);
	}
	mg_elf_edit_close(ed);
	free(in);
}

static void expect_open_error(const char *what, const void *buf, size_t size, const char *reason)
{
	mg_error err;
	mg_error_clear(&err);
	mg_elf_edit *ed = mg_elf_edit_open(buf, size, what, &err);
	if (!tap_ok(ed == NULL && strstr(err.reason, reason) != NULL, "%s: error", what))
		tap_diag("got '%s'", err.reason);
	mg_elf_edit_close(ed);
}

static void test_bad_inputs(void)
{
	size_t size;
	char *buf = tu_slurp("a.o", &size);
	if (!buf)
		tap_bail("a.o missing");
	expect_open_error("empty", buf, 0, "not an ELF file");
	expect_open_error("truncated", buf, size / 2, "");
	char *copy = malloc(size);
	memcpy(copy, buf, size);
	copy[16] = ET_DYN;
	expect_open_error("et-dyn", copy, size, "not a relocatable object");

	/* .symtab's sh_info (first global) moved down: order check fires. */
	memcpy(copy, buf, size);
	Elf *elf = elf_memory(copy, size);
	size_t info_off = 0;
	GElf_Ehdr eh;
	for (Elf_Scn *scn = NULL; elf && (scn = elf_nextscn(elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB && gelf_getehdr(elf, &eh))
			info_off = eh.e_shoff + elf_ndxscn(scn) * eh.e_shentsize + 44;
	}
	elf_end(elf);
	tap_ok(info_off > 0, "found .symtab's section header");
	copy[info_off] = 2;
	copy[info_off + 1] = copy[info_off + 2] = copy[info_off + 3] = 0;
	expect_open_error("bad-sh-info", copy, size, "breaks the symbol table order");
	free(copy);
	free(buf);
}

int main(void)
{
	char dir[] = "/tmp/mg-test-elf-edit.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		tap_bail("cannot make a scratch directory");
	elf_version(EV_CURRENT);
	test_edits();
	test_xindex();
	test_bad_inputs();
	char *rm[] = { "rm", "-rf", dir, NULL };
	tu_run(NULL, rm);
	return tap_done();
}

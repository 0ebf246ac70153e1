/* lib/elf/elf_reloc.h on real objects of this machine: every relocation of
 * libstdc++.a members matches readelf -r (offset, type name, symbol, addend)
 * and is PIC-safe; objects compiled here give the expected classes; bad
 * inputs give errors. */
#include "config.h"

#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "elf/elf_reloc.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"


static mg_elf_reloc_set *read_set(const char *path, mg_error *err)
{
	size_t size;
	char *buf = tu_slurp(path, &size);
	if (!buf)
		tap_bail("cannot read %s", path);
	mg_elf_reloc_set *set = mg_elf_reloc_read(buf, size, path, err);
	free(buf);
	return set;
}

/* Every relocation agrees with readelf -rW, in order. */
static void compare_with_readelf(const char *path, const mg_elf_reloc_set *set)
{
	char *argv[] = { "readelf", "-rW", (char *)path, NULL };
	if (!tu_run("readelf.out", argv)) {
		tap_skip("readelf -r %s failed", path);
		return;
	}
	FILE *f = fopen("readelf.out", "r");
	char line[4096];
	size_t s = 0, i = 0, lines = 0, total = 0, mismatches = 0;
	for (size_t k = 0; k < set->nsections; k++)
		total += set->sections[k].count;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long long off, info;
		char type[128], rest[2048] = "";
		if (sscanf(line, "%16llx %16llx %127s %*s %2047[^\n]", &off, &info, type, rest) < 3)
			continue;
		while (s < set->nsections && i >= set->sections[s].count) {
			s++;
			i = 0;
		}
		if (s == set->nsections) {
			mismatches++;
			break;
		}
		const mg_elf_reloc *r = &set->sections[s].relocs[i++];
		lines++;
		/* rest is "NAME + ADDEND" or "NAME - ADDEND" */
		char want[2100];
		snprintf(want, sizeof want, "%s %c %llx", r->sym_name, r->addend < 0 ? '-' : '+',
			 r->addend < 0 ? -(unsigned long long)r->addend : (unsigned long long)r->addend);
		if (off != r->offset || strcmp(type, r->type_name) != 0 ||
		    (r->sym_index && strcmp(rest, want) != 0)) {
			if (mismatches++ < 3)
				tap_diag("%s: readelf '%s %s' vs '%s %s'", path, type, rest,
					 r->type_name, want);
		}
	}
	if (f)
		fclose(f);
	tap_ok(mismatches == 0 && lines == total,
	       "%s: %zu relocations match readelf -r (offset, type, symbol, addend)", path, total);
}

static const mg_elf_reloc *find_reloc(const mg_elf_reloc_set *set, const char *type_name,
				  const char *sym)
{
	for (size_t s = 0; s < set->nsections; s++)
		for (size_t i = 0; i < set->sections[s].count; i++) {
			const mg_elf_reloc *r = &set->sections[s].relocs[i];
			if (strcmp(r->type_name, type_name) == 0 &&
			    (!sym || strcmp(r->sym_name, sym) == 0))
				return r;
		}
	return NULL;
}

static void test_libstdcxx(void)
{
	char *argv[] = { "g++", "-print-file-name=libstdc++.a", NULL };
	size_t n;
	if (!tu_run("libpath", argv)) {
		tap_skip("no g++ on this machine");
		return;
	}
	char *path = tu_slurp("libpath", &n);
	if (!path || n < 2 || path[0] != '/') {
		free(path);
		tap_skip("g++ has no libstdc++.a");
		return;
	}
	path[strcspn(path, "\n")] = '\0';
	static const char *members[] = { "floating_to_chars.o", "string-inst.o", "ios_init.o",
					 "compatibility.o", "eh_globals.o" };
	char *ar[] = { "ar", "x", path, "floating_to_chars.o", "string-inst.o", "ios_init.o",
		       "compatibility.o", "eh_globals.o", NULL };
	if (!tu_run(NULL, ar))
		tap_bail("ar x %s failed", path);
	free(path);
	for (size_t m = 0; m < sizeof members / sizeof members[0]; m++) {
		mg_error err;
		mg_elf_reloc_set *set = read_set(members[m], &err);
		if (!tap_ok(set != NULL, "%s: relocations read", members[m])) {
			tap_diag("%s", err.reason);
			continue;
		}
		tap_eq_int(set->machine, EM_X86_64, "machine is x86_64");
		tap_ok(mg_elf_reloc_shared_ok(set) && set->noffenders == 0 &&
		       set->counts[MG_ELF_RELOC_PIC] > 0,
		       "%s is PIC-safe (worst: %s)", members[m], mg_elf_reloc_class_name(set->worst));
		compare_with_readelf(members[m], set);
		if (strcmp(members[m], "eh_globals.o") == 0) {
			const mg_elf_reloc *r = find_reloc(set, "R_X86_64_TLSLD", NULL);
			tap_ok(r && r->cls == MG_ELF_RELOC_PIC && r->kind == MG_ELF_RELOC_KIND_TLS_DYN,
			       "eh_globals.o: TLS local-dynamic is PIC");
		}
		if (strcmp(members[m], "compatibility.o") == 0) {
			const mg_elf_reloc *r = find_reloc(set, "R_X86_64_64", NULL);
			tap_ok(r && r->cls == MG_ELF_RELOC_DYNAMIC, "compatibility.o: R_X86_64_64 in "
			       "writable data needs a dynamic relocation");
			tap_eq_int((long long)set->counts[MG_ELF_RELOC_DYNAMIC], 2, "two of them");
		}
		mg_elf_reloc_free(set);
	}
}

static bool compile(const char *src, const char *obj, const char *flag1, const char *flag2)
{
	char *argv[] = { "cc", "-O2", "-c", (char *)flag1, (char *)flag2, (char *)src, "-o",
			 (char *)obj, NULL };
	if (!flag2) {
		argv[4] = (char *)src;
		argv[5] = "-o";
		argv[6] = (char *)obj;
		argv[7] = NULL;
	}
	return tu_run(NULL, argv);
}

static void test_compiled(void)
{
	if (!tu_write_file("addr.c", "int g;\nunsigned addr(void) { return (unsigned)(unsigned long)&g; }\n") ||
	    !compile("addr.c", "nopic.o", "-fno-pic", "-mcmodel=small") ||
	    !compile("addr.c", "pic.o", "-fPIC", NULL))
		tap_bail("cannot compile addr.c with cc");
	mg_error err;
	mg_elf_reloc_set *set = read_set("nopic.o", &err);
	if (tap_ok(set != NULL, "nopic.o read")) {
		tap_ok(!mg_elf_reloc_shared_ok(set), "non-PIC object is not linkable into a DSO");
		tap_eq_int(set->worst, MG_ELF_RELOC_NOT_SHARED, "worst class");
		tap_ok(set->noffenders == 1, "one offender");
		if (set->noffenders >= 1) {
			tap_eq_str(set->offenders[0].section, ".text", "offender section");
			tap_eq_str(set->offenders[0].symbol, "g", "offender symbol");
			tap_eq_str(set->offenders[0].type_name, "R_X86_64_32", "offender type");
		}
		tap_eq_int((long long)set->sections[0].target_flags & (SHF_ALLOC | SHF_EXECINSTR | SHF_WRITE),
			   SHF_ALLOC | SHF_EXECINSTR, ".text flags: ALLOC|EXECINSTR");
		tap_eq_str(set->sections[0].name, ".rela.text", "relocation section name");
		mg_elf_reloc_free(set);
	}
	set = read_set("pic.o", &err);
	if (tap_ok(set != NULL, "pic.o read")) {
		tap_ok(mg_elf_reloc_shared_ok(set) && set->noffenders == 0, "-fPIC object is clean");
		const mg_elf_reloc *r = find_reloc(set, "R_X86_64_GOTPCRELX", "g");
		tap_ok(r && r->cls == MG_ELF_RELOC_PIC && r->addend == -4, "GOT load of g, addend -4");
		mg_elf_reloc_free(set);
	}

	if (!tu_write_file("ro.s", "\t.section .rodata\n\t.globl table\ntable:\t.quad g\n\t.quad .Lx\n"
			"\t.data\n\t.globl g\ng:\t.long 1\n.Lx:\t.long 2\n"
			"\t.section .note.GNU-stack,\"\",@progbits\n") ||
	    !compile("ro.s", "ro.o", "-fno-pic", NULL))
		tap_bail("cannot assemble ro.s");
	set = read_set("ro.o", &err);
	if (tap_ok(set != NULL, "ro.o read")) {
		tap_eq_int(set->worst, MG_ELF_RELOC_TEXTREL, ".quad in .rodata is a text relocation");
		tap_eq_int((long long)set->counts[MG_ELF_RELOC_TEXTREL], 2, "both pointers");
		tap_ok(!mg_elf_reloc_shared_ok(set), "textrel is not shared-ok");
		const mg_elf_reloc *r = find_reloc(set, "R_X86_64_64", ".data");
		tap_ok(r && r->sym_type == STT_SECTION && r->addend == 4,
		       "local label resolves to .data + 4 (section symbol named by its section)");
		if (set->noffenders == 2)
			tap_ok(strcmp(set->offenders[0].section, ".rodata") == 0 &&
			       strcmp(set->offenders[0].symbol, "g") == 0 &&
			       set->offenders[0].cls == MG_ELF_RELOC_TEXTREL, "offender .rodata/g/textrel");
		else
			tap_ok(false, "two offenders, got %zu", set->noffenders);
		mg_elf_reloc_free(set);
	}
}

/* aarch64 objects from clang's integrated assembler (there is no aarch64
 * linker here, so ld cannot be asked; readelf still names every type). */
static void test_aarch64(void)
{
	if (!tu_write_file("tls.c", "__thread int t;\nint get(void) { return t; }\n"))
		tap_bail("cannot write tls.c");
	char *pic[] = { "clang", "-target", "aarch64-linux-gnu", "-O2", "-fPIC", "-c", "addr.c",
			"-o", "a64pic.o", NULL };
	char *le[] = { "clang", "-target", "aarch64-linux-gnu", "-O2", "-fno-pic", "-c", "tls.c",
		       "-o", "a64le.o", NULL };
	char *gd[] = { "clang", "-target", "aarch64-linux-gnu", "-O2", "-fPIC", "-c", "tls.c",
		       "-o", "a64gd.o", NULL };
	if (!tu_run(NULL, pic) || !tu_run(NULL, le) || !tu_run(NULL, gd)) {
		tap_skip("clang cannot target aarch64 on this machine");
		return;
	}
	mg_error err;
	mg_elf_reloc_set *set = read_set("a64pic.o", &err);
	if (tap_ok(set != NULL, "a64pic.o read")) {
		tap_eq_int(set->machine, EM_AARCH64, "machine is aarch64");
		const mg_elf_reloc *r = find_reloc(set, "R_AARCH64_ADR_GOT_PAGE", "g");
		tap_ok(r && r->cls == MG_ELF_RELOC_PIC, "GOT page of g is PIC");
		tap_ok(mg_elf_reloc_shared_ok(set), "-fPIC aarch64 object is shared-ok");
		compare_with_readelf("a64pic.o", set);
		mg_elf_reloc_free(set);
	}
	set = read_set("a64le.o", &err);
	if (tap_ok(set != NULL, "a64le.o read")) {
		tap_eq_int(set->worst, MG_ELF_RELOC_NOT_SHARED, "local-exec TLS is not shared-ok");
		tap_ok(set->noffenders == 2 &&
		       strcmp(set->offenders[0].type_name, "R_AARCH64_TLSLE_ADD_TPREL_HI12") == 0 &&
		       strcmp(set->offenders[0].symbol, "t") == 0, "offender: TLSLE HI12 against t");
		compare_with_readelf("a64le.o", set);
		mg_elf_reloc_free(set);
	}
	set = read_set("a64gd.o", &err);
	if (tap_ok(set != NULL, "a64gd.o read")) {
		const mg_elf_reloc *r = find_reloc(set, "R_AARCH64_TLSDESC_CALL", "t");
		tap_ok(r && r->cls == MG_ELF_RELOC_PIC && mg_elf_reloc_shared_ok(set),
		       "TLS descriptors are PIC");
		compare_with_readelf("a64gd.o", set);
		mg_elf_reloc_free(set);
	}
}

static void test_type_table(void)
{
	mg_elf_reloc_type_info info;
	mg_error err;
	tap_ok(mg_elf_reloc_type_lookup(EM_X86_64, R_X86_64_PC32, &info, &err) == 0 &&
	       strcmp(info.name, "R_X86_64_PC32") == 0 && info.kind == MG_ELF_RELOC_KIND_PCREL,
	       "R_X86_64_PC32 is PC-relative");
	tap_ok(mg_elf_reloc_type_lookup(EM_X86_64, 200, &info, &err) == 0 && info.name == NULL &&
	       info.kind == MG_ELF_RELOC_KIND_UNKNOWN, "unknown x86_64 type is reported as unknown");
	tap_ok(mg_elf_reloc_type_lookup(EM_AARCH64, R_AARCH64_TLSLE_ADD_TPREL_HI12, &info, &err) == 0 &&
	       info.kind == MG_ELF_RELOC_KIND_TLS_LE, "aarch64 local-exec TLS");
	tap_ok(mg_elf_reloc_type_lookup(EM_AARCH64, R_AARCH64_ADD_ABS_LO12_NC, &info, &err) == 0 &&
	       info.kind == MG_ELF_RELOC_KIND_PAGE_OFF, "aarch64 :lo12: is a page offset");
	tap_ok(mg_elf_reloc_type_lookup(EM_386, 1, &info, &err) == -1 &&
	       strstr(err.reason, "unsupported machine") != NULL, "i386 is an unsupported machine");
}

/* File offset of the first SHT_RELA section of PATH's image BUF, or 0. */
static size_t first_rela_offset(char *buf, size_t size)
{
	Elf *elf = elf_memory(buf, size);
	size_t off = 0;
	for (Elf_Scn *scn = NULL; elf && (scn = elf_nextscn(elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_RELA) {
			off = sh.sh_offset;
			break;
		}
	}
	elf_end(elf);
	return off;
}

static void expect_error(const char *what, const void *buf, size_t size, const char *reason)
{
	mg_error err;
	mg_error_clear(&err);
	mg_elf_reloc_set *set = mg_elf_reloc_read(buf, size, what, &err);
	if (!tap_ok(set == NULL && strstr(err.reason, reason) != NULL, "%s: error", what))
		tap_diag("got %s: '%s'", set ? "a set" : "error", err.reason);
	tap_eq_str(err.file, what, "error names the file");
	mg_elf_reloc_free(set);
}

static void test_bad_inputs(void)
{
	elf_version(EV_CURRENT);
	size_t size;
	char *buf = tu_slurp("pic.o", &size);
	if (!buf)
		tap_bail("pic.o missing");
	expect_error("empty", buf, 0, "not an ELF file");
	expect_error("text", "hello world, this is not ELF at all\n", 36, "not an ELF file");
	expect_error("truncated-64", buf, 64, "section header table");

	char *copy = malloc(size);
	memcpy(copy, buf, size);
	size_t rela = first_rela_offset(copy, size);
	tap_ok(rela > 0, "pic.o has a .rela section");
	/* r_info of the first relocation: symbol 0xffffff, type kept */
	copy[rela + 12] = (char)0xff;
	copy[rela + 13] = (char)0xff;
	copy[rela + 14] = (char)0xff;
	expect_error("bad-symbol-index", copy, size, "symbol index 16777215 out of range");

	memcpy(copy, buf, size);
	copy[16] = ET_EXEC; /* e_type */
	expect_error("et-exec", copy, size, "not a relocatable object");
	memcpy(copy, buf, size);
	copy[18] = (char)EM_386; /* e_machine, little-endian */
	copy[19] = 0;
	expect_error("em-386", copy, size, "unsupported machine 3");
	memcpy(copy, buf, size);
	memset(copy + 0x28, 0x7f, 8); /* e_shoff far beyond the file */
	expect_error("bad-shoff", copy, size, "lies outside the file");
	free(copy);
	free(buf);
}

int main(void)
{
	char dir[] = "/tmp/mg-test-elf-reloc.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		tap_bail("cannot make a scratch directory");
	test_type_table();
	test_libstdcxx();
	test_compiled();
	test_aarch64();
	test_bad_inputs();
	char *rm[] = { "rm", "-rf", dir, NULL };
	tu_run(NULL, rm);
	return tap_done();
}

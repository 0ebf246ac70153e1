/* The ELF model on real inputs of this machine: the system's libstdc++,
 * libc, libgomp and LLVM's libomp, objects and programs compiled here by the
 * system cc, and corrupted copies of them that must give errors, not
 * crashes. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/small_file.h"
#include "elf/elf.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"

extern char **environ;

static char tmpdir[] = "/tmp/mg-test-elf.XXXXXX";

/* ---- helpers ------------------------------------------------------------ */

/* Run ARGV (searched on PATH) with stdout into OUT (NUL-terminated, SIZE
 * bytes at most) when OUT is not NULL; the exit status, or -1. */
static int run(char *const argv[], char *out, size_t size)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return -1;
	}
	size_t len = 0;
	char sink[4096];
	ssize_t got;
	while ((got = read(fds[0], out && len + 1 < size ? out + len : sink,
			   out && len + 1 < size ? size - len - 1 : sizeof sink)) > 0)
		if (out && len + 1 < size)
			len += (size_t)got;
	close(fds[0]);
	if (out)
		out[len] = '\0';
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *tmp_path(const char *name)
{
	static char paths[16][PATH_MAX];
	static int next;
	char *p = paths[next++ % 16];
	snprintf(p, PATH_MAX, "%s/%s", tmpdir, name);
	return p;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		tap_bail("cannot write %s", path);
}

static unsigned char *slurp(const char *path, size_t *size)
{
	unsigned char *buf = (unsigned char *)tu_slurp(path, size);
	if (!buf)
		tap_bail("cannot read %s", path);
	return buf;
}

/* The system library NAME as the compiler finds it, symlinks resolved;
 * NULL when the compiler does not know it. */
static char *compiler_lib(const char *compiler, const char *name)
{
	static char resolved[4][PATH_MAX];
	static int next;
	char arg[256], out[PATH_MAX];
	snprintf(arg, sizeof arg, "-print-file-name=%s", name);
	char *argv[] = { (char *)compiler, arg, NULL };
	if (run(argv, out, sizeof out) != 0)
		return NULL;
	out[strcspn(out, "\n")] = '\0';
	char *r = resolved[next++ % 4];
	/* -print-file-name echoes the bare name when it finds nothing. */
	if (!strchr(out, '/') || !realpath(out, r))
		return NULL;
	return r;
}

static mg_elf *open_or_bail(const char *path)
{
	mg_elf *elf;
	mg_error err;
	char msg[6000];
	if (mg_elf_open(path, &elf, &err) != 0)
		tap_bail("%s", mg_error_format(&err, msg, sizeof msg));
	return elf;
}

static bool has_needed(const mg_elf_dynamic *d, const char *name)
{
	for (size_t i = 0; i < d->n_needed; i++)
		if (strcmp(d->needed[i], name) == 0)
			return true;
	return false;
}

static const mg_elf_verdef *find_verdef(const mg_elf_verdefs *v, const char *name)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->defs[i].name, name) == 0)
			return &v->defs[i];
	return NULL;
}

/* The Vernaux of version NAME required from FILE. */
static const mg_elf_vernaux *find_vernaux(const mg_elf_verneeds *v, const char *file,
					  const char *name)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->needs[i].file, file) == 0)
			for (size_t j = 0; j < v->needs[i].count; j++)
				if (strcmp(v->needs[i].aux[j].name, name) == 0)
					return &v->needs[i].aux[j];
	return NULL;
}

static bool aux_has_user(const mg_elf_symbols *syms, const mg_elf_vernaux *a,
			 const char *symbol)
{
	for (size_t i = 0; a && i < a->n_symbols; i++)
		if (strcmp(syms->symbols[a->symbols[i]].name, symbol) == 0)
			return true;
	return false;
}

/* The dynsym entry NAME with version VERSION (NULL: unversioned). */
static const mg_elf_symbol *find_versioned(const mg_elf_symbols *t, const char *name,
					   const char *version)
{
	for (size_t i = 0; i < t->count; i++) {
		const mg_elf_symbol *s = &t->symbols[i];
		if (strcmp(s->name, name) == 0 &&
		    (version ? s->version && strcmp(s->version, version) == 0 : !s->version))
			return s;
	}
	return NULL;
}

/* Every versioned symbol agrees with the verneed lists, both ways. */
static bool users_consistent(const mg_elf_symbols *syms, const mg_elf_verneeds *v)
{
	size_t listed = 0, needing = 0;
	for (size_t i = 0; i < v->count; i++)
		for (size_t j = 0; j < v->needs[i].count; j++) {
			const mg_elf_vernaux *a = &v->needs[i].aux[j];
			for (size_t k = 0; k < a->n_symbols; k++) {
				const mg_elf_symbol *s = &syms->symbols[a->symbols[k]];
				if (s->ver_kind != MG_ELF_VER_NEED || strcmp(s->version, a->name) != 0 ||
				    strcmp(s->version_file, v->needs[i].file) != 0)
					return false;
			}
			listed += a->n_symbols;
		}
	for (size_t i = 0; i < syms->count; i++)
		needing += syms->symbols[i].ver_kind == MG_ELF_VER_NEED;
	return listed == needing;
}

/* ---- system libraries --------------------------------------------------- */

static void test_libstdcxx(void)
{
	char *path = compiler_lib("g++", "libstdc++.so.6");
	if (!path) {
		tap_skip("g++ -print-file-name=libstdc++.so.6 finds no libstdc++ (g++ missing)");
		return;
	}
	tap_diag("libstdc++: %s", path);
	mg_elf *elf = open_or_bail(path);
	mg_error err;
	mg_elf_type type;
	tap_eq_int(mg_elf_class(elf), 64, "libstdc++ is ELF64");
	tap_eq_int(mg_elf_data(elf), ELFDATA2LSB, "libstdc++ is little endian");
	tap_eq_int(mg_elf_machine(elf), EM_X86_64, "libstdc++ e_machine");
	tap_eq_str(mg_elf_machine_name(elf), "x86_64", "libstdc++ machine name");
	tap_ok(mg_elf_type_of(elf, &type, &err) == 0 && type == MG_ELF_TYPE_DYN,
	       "libstdc++ is a shared object, not a PIE");

	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	if (!tap_ok(d && d->present, "libstdc++ has a dynamic section"))
		tap_bail("no dynamic section in %s", path);
	tap_eq_str(d->soname, "libstdc++.so.6", "libstdc++ SONAME");
	tap_ok(has_needed(d, "libc.so.6") && has_needed(d, "libm.so.6"),
	       "libstdc++ NEEDs libc.so.6 and libm.so.6");
	tap_ok(!d->rpath && !d->runpath, "libstdc++ has no RPATH/RUNPATH");

	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, &err);
	tap_ok(defs && defs->count > 30, "libstdc++ has version definitions");
	tap_eq_int(defs->defs[0].flags, VER_FLG_BASE, "first verdef is BASE");
	tap_eq_str(defs->defs[0].name, "libstdc++.so.6", "BASE verdef names the file");
	const mg_elf_verdef *v30 = find_verdef(defs, "GLIBCXX_3.4.30");
	tap_ok(v30 != NULL, "GLIBCXX_3.4.30 is defined");
	tap_ok(v30 && v30->n_parents == 1 && strcmp(v30->parents[0], "GLIBCXX_3.4.29") == 0,
	       "GLIBCXX_3.4.30's parent is GLIBCXX_3.4.29");
	tap_eq_int(defs->count, mg_elf_section_at(elf, defs->section)->info,
		   "verdef count matches sh_info");

	const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
	tap_ok(syms && syms->count > 5000, "libstdc++ .dynsym read");
	/* GCC 13 added basic_string::_M_replace_cold; GCC 12's library
	 * (Debian 12) does not export it, so only say what we see. */
	const char *cold = "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE15_M_replace_coldEPcmPKcmm";
	const mg_elf_symbol *s = mg_elf_symbols_find(syms, cold);
	tap_diag("_M_replace_cold: %s", s ? (s->version ? s->version : "unversioned")
					  : "not exported by this libstdc++");
	/* std::condition_variable::wait(unique_lock&) was re-versioned in
	 * GCC 12: the old entry stays as @GLIBCXX_3.4.11 (hidden). */
	const char *wait = "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE";
	s = find_versioned(syms, wait, "GLIBCXX_3.4.30");
	tap_ok(s && s->ver_kind == MG_ELF_VER_DEF && !s->hidden && s->defined &&
	       s->type == STT_FUNC && s->bind == STB_GLOBAL && !s->version_file,
	       "condition_variable::wait@@GLIBCXX_3.4.30 is the default definition");
	s = find_versioned(syms, wait, "GLIBCXX_3.4.11");
	tap_ok(s && s->hidden && s->defined, "condition_variable::wait@GLIBCXX_3.4.11 is hidden");
	s = mg_elf_symbols_find(syms, "_ZSt21__glibcxx_assert_failPKciS0_S0_");
	tap_ok(s && s->version && strcmp(s->version, "GLIBCXX_3.4.30") == 0,
	       "std::__glibcxx_assert_fail has version GLIBCXX_3.4.30");
	s = mg_elf_symbols_find(syms, "_ZNSbIwSt11char_traitsIwESaIwEE7_M_moveEPwPKwm");
	tap_ok(s && s->hidden && s->version && strcmp(s->version, "GLIBCXX_3.4") == 0,
	       "basic_string<wchar_t>::_M_move is hidden (@GLIBCXX_3.4 only)");
	tap_ok(s && (s->versym & MG_ELF_VERSYM_HIDDEN), "its raw versym has the hidden bit");
	s = mg_elf_symbols_find(syms, "strlen");
	tap_ok(s && !s->defined && s->shndx == SHN_UNDEF && s->ver_kind == MG_ELF_VER_NEED &&
	       strcmp(s->version, "GLIBC_2.2.5") == 0 && strcmp(s->version_file, "libc.so.6") == 0,
	       "strlen is needed as GLIBC_2.2.5 from libc.so.6");

	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, &err);
	tap_ok(needs && needs->count >= 3, "libstdc++ has version requirements");
	const mg_elf_vernaux *libc225 = find_vernaux(needs, "libc.so.6", "GLIBC_2.2.5");
	tap_ok(libc225 != NULL, "libstdc++ requires GLIBC_2.2.5 from libc.so.6");
	tap_ok(aux_has_user(syms, libc225, "strlen"), "GLIBC_2.2.5 from libc is needed by strlen");
	tap_ok(!aux_has_user(syms, libc225, "frexpl"), "... and not by libm's frexpl");
	const mg_elf_vernaux *libm225 = find_vernaux(needs, "libm.so.6", "GLIBC_2.2.5");
	tap_ok(aux_has_user(syms, libm225, "frexpl"), "GLIBC_2.2.5 from libm is needed by frexpl");
	tap_ok(libc225 && libm225 && libc225->other != libm225->other,
	       "the two GLIBC_2.2.5 requirements have distinct indices");
	tap_ok(users_consistent(syms, needs), "verneed symbol lists agree with the symbols");
	const mg_elf_vernaux *found;
	const char *file;
	tap_ok(mg_elf_find_required(elf, "GCC_3.0", &found, &file, &err) == 0 && found &&
	       strcmp(file, "libgcc_s.so.1") == 0, "GCC_3.0 is required from libgcc_s.so.1");
	tap_ok(mg_elf_find_required(elf, "GLIBCXX_3.4", &found, &file, &err) == 0 && !found &&
	       !file, "GLIBCXX_3.4 is not required (it is defined)");

	const mg_elf_section *text = mg_elf_section_by_name(elf, ".text");
	tap_ok(text && text->type == SHT_PROGBITS && (text->flags & SHF_EXECINSTR),
	       ".text found by name");
	tap_ok(mg_elf_section_by_name(elf, ".no-such") == NULL, "unknown section name -> NULL");
	const char *id = mg_elf_build_id(elf, &err);
	tap_ok(id && strlen(id) == 40, "libstdc++ has a 20-byte build-id (%s)", id ? id : "?");
	mg_elf_close(elf);
}

static void test_libc(void)
{
	char *path = compiler_lib("cc", "libc.so.6");
	if (!path) {
		tap_skip("cc -print-file-name=libc.so.6 finds no libc.so.6");
		return;
	}
	mg_elf *elf = open_or_bail(path);
	mg_error err;
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	tap_eq_str(d ? d->soname : NULL, "libc.so.6", "libc SONAME");
	tap_ok(d && has_needed(d, "ld-linux-x86-64.so.2"), "libc NEEDs the dynamic loader");
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, &err);
	tap_ok(defs && find_verdef(defs, "GLIBC_2.2.5") && find_verdef(defs, "GLIBC_PRIVATE"),
	       "libc defines GLIBC_2.2.5 and GLIBC_PRIVATE");
	const mg_elf_verdef *v23 = defs ? find_verdef(defs, "GLIBC_2.3") : NULL;
	tap_ok(v23 && v23->n_parents == 1 && strcmp(v23->parents[0], "GLIBC_2.2.6") == 0,
	       "GLIBC_2.3's parent is GLIBC_2.2.6");
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
	const mg_elf_symbol *old = syms ? find_versioned(syms, "memcpy", "GLIBC_2.2.5") : NULL;
	const mg_elf_symbol *cur = syms ? find_versioned(syms, "memcpy", "GLIBC_2.14") : NULL;
	tap_ok(old && old->hidden && old->defined, "memcpy@GLIBC_2.2.5 is hidden");
	tap_ok(cur && !cur->hidden && cur->type == STT_GNU_IFUNC, "memcpy@@GLIBC_2.14 is the default IFUNC");
	mg_elf_close(elf);
}

static void test_openmp(void)
{
	const char *gomp_path = "/usr/lib/x86_64-linux-gnu/libgomp.so.1";
	const char *omp_path = "/usr/lib/llvm-14/lib/libomp.so.5";
	mg_error err;
	if (access(gomp_path, R_OK) != 0) {
		tap_skip("%s missing (Debian package libgomp1)", gomp_path);
	} else {
		mg_elf *elf = open_or_bail(gomp_path);
		const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
		tap_eq_str(d ? d->soname : NULL, "libgomp.so.1", "libgomp SONAME");
		const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
		const mg_elf_symbol *s = syms ? mg_elf_symbols_find(syms, "GOMP_parallel") : NULL;
		tap_ok(s && s->version && strcmp(s->version, "GOMP_4.0") == 0 && !s->hidden,
		       "libgomp: GOMP_parallel@@GOMP_4.0");
		s = syms ? mg_elf_symbols_find(syms, "omp_get_num_threads") : NULL;
		tap_ok(s && s->version && strcmp(s->version, "OMP_1.0") == 0,
		       "libgomp: omp_get_num_threads@@OMP_1.0");
		tap_ok(syms && !mg_elf_symbols_find(syms, "__kmpc_fork_call"),
		       "libgomp has no __kmpc_fork_call");
		mg_elf_close(elf);
	}
	if (access(omp_path, R_OK) != 0) {
		tap_skip("%s missing (Debian package libomp5-14)", omp_path);
		return;
	}
	mg_elf *elf = open_or_bail(omp_path);
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	tap_eq_str(d ? d->soname : NULL, "libomp.so.5", "libomp SONAME");
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
	const mg_elf_symbol *s = syms ? mg_elf_symbols_find(syms, "__kmpc_fork_call") : NULL;
	tap_ok(s && s->defined && s->version && strcmp(s->version, "VERSION") == 0,
	       "libomp defines __kmpc_fork_call@@VERSION");
	const mg_elf_symbol *dflt = syms ? find_versioned(syms, "GOMP_parallel", "VERSION") : NULL;
	const mg_elf_symbol *compat = syms ? find_versioned(syms, "GOMP_parallel", "GOMP_4.0") : NULL;
	tap_ok(dflt && !dflt->hidden && compat && compat->hidden,
	       "libomp exports GOMP_parallel@@VERSION and hidden GOMP_parallel@GOMP_4.0");
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, &err);
	const mg_elf_verdef *o2 = defs ? find_verdef(defs, "OMP_2.0") : NULL;
	tap_ok(o2 && o2->index == 4 && o2->offset == 0x54 && o2->n_parents == 1 &&
	       o2->parent_offsets[0] == 0x70 && strcmp(o2->parents[0], "OMP_1.0") == 0,
	       "libomp OMP_2.0: index 4 at 0x54, parent OMP_1.0 at 0x70");
	mg_elf_close(elf);
}

/* ---- compiled here ------------------------------------------------------ */

/* The System V ELF hash, which vd_hash and vna_hash hold. */
static long long sysv_hash(const char *name)
{
	uint32_t h = 0, g;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h = (h << 4) + *p;
		g = h & 0xf0000000u;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static bool compile(const char *const *args)
{
	char *argv[32];
	size_t n = 0;
	argv[n++] = "cc";
	for (; *args && n < 31; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	return run(argv, NULL, 0) == 0;
}

/* Two versions of mgt_value (@MGT_1.0 hidden, @@MGT_2.0 default), and
 * calls that need GLIBC_2.2.5 from libm and GLIBC_2.2.5 + GLIBC_2.14
 * (memcpy) from libc, so libc's Verneed has two Vernaux. */
static const char lib_source[] =
	"#include <math.h>\n"
	"#include <string.h>\n"
	"int mgt_old(int x) { return x + 1; }\n"
	"int mgt_new(int x) { return x + 2; }\n"
	"__asm__(\".symver mgt_old, mgt_value@MGT_1.0\");\n"
	"__asm__(\".symver mgt_new, mgt_value@@MGT_2.0\");\n"
	"double mgt_cos(double x) { return cos(x); }\n"
	"unsigned long mgt_len(const char *s) { return strlen(s); }\n"
	"void mgt_copy(void *d, const void *s, unsigned long n) { memcpy(d, s, n); }\n";

static const char lib_map[] =
	"MGT_1.0 { global: mgt_cos; mgt_value; local: *; };\n"
	"MGT_2.0 { global: mgt_value; mgt_len; mgt_copy; } MGT_1.0;\n";

static void test_object(void)
{
	const char *src = tmp_path("obj.c"), *obj = tmp_path("obj.o");
	write_text(src, "#include <stdio.h>\nint mgt_counter;\nstatic int hidden_fn(void) { return 3; }\n"
			"int mgt_main(void) { puts(\"hi\"); return hidden_fn() + mgt_counter; }\n");
	if (!tap_ok(compile((const char *[]){ "-c", "-O0", "-fcommon", "-o", obj, src, NULL }),
		    "cc -c compiles an object"))
		return;
	mg_elf *elf = open_or_bail(obj);
	mg_error err;
	mg_elf_type type;
	tap_ok(mg_elf_type_of(elf, &type, &err) == 0 && type == MG_ELF_TYPE_REL, "object is REL");
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	tap_ok(d && !d->present && d->n_needed == 0, "object has no dynamic section");
	const mg_elf_symbols *dyn = mg_elf_dynsym(elf, &err);
	tap_ok(dyn && !dyn->present && dyn->count == 0, "object has no .dynsym");
	const mg_elf_symbols *st = mg_elf_symtab(elf, &err);
	tap_ok(st && st->present, "object has .symtab");
	const mg_elf_symbol *s = st ? mg_elf_symbols_find(st, "mgt_main") : NULL;
	const mg_elf_section *text = mg_elf_section_by_name(elf, ".text");
	tap_ok(s && text && s->defined && s->shndx == text->index && s->bind == STB_GLOBAL &&
	       s->type == STT_FUNC && !s->version, "mgt_main is a global function in .text");
	s = st ? mg_elf_symbols_find(st, "puts") : NULL;
	tap_ok(s && !s->defined && s->shndx == SHN_UNDEF, "puts is undefined");
	s = st ? mg_elf_symbols_find(st, "hidden_fn") : NULL;
	tap_ok(s && s->bind == STB_LOCAL, "hidden_fn is local");
	s = st ? mg_elf_symbols_find(st, "mgt_counter") : NULL;
	tap_ok(s && s->shndx == SHN_COMMON && s->defined, "mgt_counter is COMMON (-fcommon)");
	tap_eq_str(mg_elf_build_id(elf, &err), "", "an object has no build-id");
	mg_elf_close(elf);

	/* A 32-bit object, when the compiler can make one (no headers: the
	 * 32-bit libc headers are rarely installed). */
	const char *src32 = tmp_path("obj32.c"), *obj32 = tmp_path("obj32.o");
	write_text(src32, "int mgt_main(void) { return 3; }\n");
	if (!compile((const char *[]){ "-m32", "-c", "-o", obj32, src32, NULL })) {
		tap_skip("cc -m32 -c does not work here (no 32-bit support)");
		return;
	}
	elf = open_or_bail(obj32);
	tap_ok(mg_elf_class(elf) == 32 && mg_elf_machine(elf) == EM_386 &&
	       strcmp(mg_elf_machine_name(elf), "i686") == 0, "-m32 object is ELF32 i686");
	st = mg_elf_symtab(elf, &err);
	tap_ok(st && mg_elf_symbols_find(st, "mgt_main"), "ELF32 .symtab read");
	mg_elf_close(elf);
}

/* One e_machine, several ABIs: x32 is EM_X86_64 in ELFCLASS32, AArch64's
 * ILP32 EM_AARCH64 in ELFCLASS32.  Neither loads into an x86_64 or
 * aarch64 process; their names must tell them apart. */
static void test_abi_names(void)
{
	const char *src = tmp_path("x32.s"), *obj = tmp_path("x32.o");
	write_text(src, ".globl f\n.type f,@function\nf: ret\n");
	char *as[] = { "as", "--x32", "-o", (char *)obj, (char *)src, NULL };
	if (run(as, NULL, 0) != 0) {
		tap_skip("as --x32 does not work here");
		return;
	}
	mg_elf *elf = open_or_bail(obj);
	tap_ok(mg_elf_class(elf) == 32 && mg_elf_machine(elf) == EM_X86_64,
	       "as --x32 makes an ELF32 EM_X86_64 object");
	tap_eq_str(mg_elf_machine_name(elf), "x32", "its machine is x32, not x86_64");
	mg_elf_close(elf);
	/* The same file as AArch64 ILP32: e_machine patched (offset 18, LSB). */
	size_t size;
	char *bytes = mg_small_file_read(obj, 1 << 20, &size, NULL);
	if (!tap_ok(bytes && size > 20, "read the object back"))
		return;
	bytes[18] = (char)(EM_AARCH64 & 0xff);
	bytes[19] = (char)(EM_AARCH64 >> 8);
	mg_error err;
	if (tap_ok(mg_elf_open_memory(bytes, size, "ilp32.o", &elf, &err) == 0, "ELF32 AArch64 reads"))
		tap_eq_str(mg_elf_machine_name(elf), "aarch64_ilp32", "its machine is aarch64_ilp32");
	mg_elf_close(elf);
	free(bytes);
}

static void test_pie(void)
{
	const char *src = tmp_path("pie.c"), *exe = tmp_path("pie");
	write_text(src, "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n");
	if (!tap_ok(compile((const char *[]){ "-fPIE", "-pie", "-o", exe, src,
					       "-Wl,--disable-new-dtags,-rpath,/opt/mgt/lib",
					       "-Wl,--build-id=0x0123456789abcdef", "-Wl,-z,now",
					       NULL }),
		    "cc -pie links a PIE"))
		return;
	mg_elf *elf = open_or_bail(exe);
	mg_error err;
	mg_elf_type type;
	tap_ok(mg_elf_type_of(elf, &type, &err) == 0 && type == MG_ELF_TYPE_PIE, "PIE is PIE");
	tap_eq_str(mg_elf_type_name(type), "PIE", "type name");
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	tap_ok(d && d->n_needed == 1 && strcmp(d->needed[0], "libc.so.6") == 0,
	       "PIE NEEDs exactly libc.so.6");
	tap_eq_str(d ? d->rpath : NULL, "/opt/mgt/lib", "--disable-new-dtags gives DT_RPATH");
	tap_ok(d && !d->runpath && !d->soname, "no RUNPATH, no SONAME");
	tap_ok(d && d->has_flags_1 && (d->flags_1 & DF_1_PIE) && (d->flags_1 & DF_1_NOW),
	       "DT_FLAGS_1 has PIE and NOW");
	tap_ok(d && !d->has_flags, "--disable-new-dtags leaves out DT_FLAGS");
	tap_eq_str(mg_elf_build_id(elf, &err), "0123456789abcdef", "build-id as given to ld");
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
	const mg_elf_symbol *s = syms ? mg_elf_symbols_find(syms, "puts") : NULL;
	tap_ok(s && !s->defined && s->ver_kind == MG_ELF_VER_NEED &&
	       strcmp(s->version_file, "libc.so.6") == 0, "puts needed from libc.so.6");
	mg_elf_close(elf);
}

/* The shared library every corruption test starts from. */
static const char *build_shared(void)
{
	const char *src = tmp_path("lib.c"), *map = tmp_path("lib.map");
	const char *so = tmp_path("libmgt.so.1");
	write_text(src, lib_source);
	write_text(map, lib_map);
	char vs[PATH_MAX + 32];
	snprintf(vs, sizeof vs, "-Wl,--version-script=%s", map);
	if (!compile((const char *[]){ "-shared", "-fPIC", "-o", so, src, vs,
				       "-Wl,-soname,libmgt.so.1", "-Wl,--enable-new-dtags",
				       "-Wl,-rpath,$ORIGIN/../lib", "-Wl,-z,now", "-lm", NULL }))
		return NULL;
	return so;
}

static void test_shared(const char *so)
{
	mg_elf *elf = open_or_bail(so);
	mg_error err;
	mg_elf_type type;
	tap_ok(mg_elf_type_of(elf, &type, &err) == 0 && type == MG_ELF_TYPE_DYN,
	       "shared library is DYN");
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	tap_eq_str(d ? d->soname : NULL, "libmgt.so.1", "-Wl,-soname gives SONAME");
	tap_eq_str(d ? d->runpath : NULL, "$ORIGIN/../lib", "--enable-new-dtags gives RUNPATH");
	tap_ok(d && !d->rpath, "and no RPATH");
	tap_ok(d && d->has_flags && d->flags == DF_BIND_NOW, "-z now gives DT_FLAGS BIND_NOW");
	tap_ok(d && d->has_flags_1 && d->flags_1 == DF_1_NOW, "and DT_FLAGS_1 NOW, not PIE");
	tap_ok(d && d->n_needed == 2 && strcmp(d->needed[0], "libm.so.6") == 0 &&
	       strcmp(d->needed[1], "libc.so.6") == 0, "NEEDED is libm.so.6, libc.so.6 in order");
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, &err);
	tap_ok(defs && defs->count == 3, "three verdefs: BASE, MGT_1.0, MGT_2.0");
	if (defs && defs->count == 3) {
		tap_ok(defs->defs[0].flags == VER_FLG_BASE && defs->defs[0].index == 1 &&
		       strcmp(defs->defs[0].name, "libmgt.so.1") == 0, "BASE names the SONAME");
		tap_ok(strcmp(defs->defs[2].name, "MGT_2.0") == 0 && defs->defs[2].n_parents == 1 &&
		       strcmp(defs->defs[2].parents[0], "MGT_1.0") == 0, "MGT_2.0 inherits MGT_1.0");
		tap_eq_int(defs->defs[1].hash, sysv_hash("MGT_1.0"), "vd_hash is the ELF hash of MGT_1.0");
	}
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
	const mg_elf_symbol *old = syms ? find_versioned(syms, "mgt_value", "MGT_1.0") : NULL;
	const mg_elf_symbol *cur = syms ? find_versioned(syms, "mgt_value", "MGT_2.0") : NULL;
	tap_ok(old && old->hidden && old->ver_kind == MG_ELF_VER_DEF, "mgt_value@MGT_1.0 hidden");
	tap_ok(cur && !cur->hidden && cur->ver_kind == MG_ELF_VER_DEF, "mgt_value@@MGT_2.0 default");
	tap_ok(syms && !mg_elf_symbols_find(syms, "mgt_old"), "local: * hides mgt_old");
	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, &err);
	tap_ok(needs && needs->count == 2, "verneed for libm and libc");
	tap_ok(needs && aux_has_user(syms, find_vernaux(needs, "libm.so.6", "GLIBC_2.2.5"), "cos"),
	       "cos needs GLIBC_2.2.5 from libm.so.6");
	const mg_elf_vernaux *a = needs ? find_vernaux(needs, "libc.so.6", "GLIBC_2.14") : NULL;
	tap_ok(a && a->n_symbols == 1 && aux_has_user(syms, a, "memcpy"),
	       "GLIBC_2.14 from libc.so.6 is needed by memcpy alone");
	tap_ok(a && a->hash == sysv_hash("GLIBC_2.14"), "vna_hash is the ELF hash of GLIBC_2.14");
	tap_ok(needs && users_consistent(syms, needs), "verneed users consistent");
	mg_elf_close(elf);
}

/* ---- bad inputs --------------------------------------------------------- */

/* Open a patched copy from memory: must fail with an error naming the file
 * (NAME) and containing WANT, or (WANT NULL) fail in any accessor. */
static void expect_error(const unsigned char *buf, size_t size, const char *what,
			 const char *want)
{
	mg_elf *elf;
	mg_error err;
	mg_error_clear(&err);
	char msg[6000];
	int rc = mg_elf_open_memory(buf, size, "bad.so", &elf, &err);
	if (rc == 0) {
		mg_elf_type type;
		bool ok = mg_elf_type_of(elf, &type, &err) == 0 && mg_elf_dynamic_info(elf, &err) &&
			  mg_elf_dynsym(elf, &err) && mg_elf_symtab(elf, &err) &&
			  mg_elf_verdef_info(elf, &err) && mg_elf_verneed_info(elf, &err) &&
			  mg_elf_build_id(elf, &err);
		mg_elf_close(elf);
		rc = ok ? 0 : -1;
	}
	mg_error_format(&err, msg, sizeof msg);
	tap_ok(rc == -1 && strcmp(err.file, "bad.so") == 0 && (!want || strstr(err.reason, want)),
	       "%s -> error \"%s\"", what, rc == 0 ? "(none)" : msg);
}

/* An opened copy of BUF, to find the offsets to corrupt. */
static mg_elf *open_copy(const unsigned char *buf, size_t size)
{
	mg_elf *elf;
	mg_error err;
	if (mg_elf_open_memory(buf, size, "copy", &elf, &err) != 0)
		tap_bail("cannot reopen the test library: %s", err.reason);
	return elf;
}

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put16(unsigned char *p, uint16_t v) { memcpy(p, &v, 2); }
static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }

static void test_bad_inputs(const char *so)
{
	size_t size;
	unsigned char *orig = slurp(so, &size);
	unsigned char *buf = malloc(size);
	mg_elf *model = open_copy(orig, size);
	mg_error err;
	Elf64_Ehdr eh;
	memcpy(&eh, orig, sizeof eh);
	const mg_elf_verneeds *needs = mg_elf_verneed_info(model, &err);
	const mg_elf_section *vr = mg_elf_section_at(model, needs->section);
	const mg_elf_section *dynsym = mg_elf_section_by_name(model, ".dynsym");
	const mg_elf_section *versym = mg_elf_section_by_name(model, ".gnu.version");
	const mg_elf_section *vd = mg_elf_section_by_name(model, ".gnu.version_d");
	if (!needs || !dynsym || !versym || !vd || needs->count < 2 || needs->needs[0].count < 1)
		tap_bail("test library lacks the sections the corruption tests need");
	size_t shdr = sizeof(Elf64_Shdr);

	/* The file itself: zero length, not ELF, wrong class. */
	const char *empty = tmp_path("empty");
	write_text(empty, "");
	mg_elf *elf;
	tap_ok(mg_elf_open(empty, &elf, &err) == -1 && elf == NULL && strstr(err.reason, "empty") &&
	       strcmp(err.file, empty) == 0, "zero-length file -> \"%s\"", err.reason);
	tap_ok(mg_elf_open(tmp_path("no-such-file"), &elf, &err) == -1 &&
	       strstr(err.reason, "No such file"), "missing file -> \"%s\"", err.reason);
	tap_ok(mg_elf_open(tmpdir, &elf, &err) == -1, "a directory -> \"%s\"", err.reason);
	expect_error(orig, 0, "zero bytes in memory", "empty");
	memcpy(buf, orig, size);
	buf[1] = 'X';
	expect_error(buf, size, "wrong magic", "not an ELF file");
	tap_ok(!mg_elf_is_elf(buf, size) && mg_elf_is_elf(orig, size) && !mg_elf_is_elf(orig, 3),
	       "mg_elf_is_elf");
	expect_error((const unsigned char *)"!<arch>\nxxxxxxxx", 16, "ar archive", "ar archive");
	memcpy(buf, orig, size);
	buf[EI_CLASS] = 3;
	expect_error(buf, size, "EI_CLASS 3", "unknown ELF class 3");
	memcpy(buf, orig, size);
	buf[EI_DATA] = 7;
	expect_error(buf, size, "EI_DATA 7", "data encoding");

	/* Truncated at several points: inside the ident, inside the header,
	 * before the section headers, inside them, one byte short. */
	size_t cuts[] = { 4, 10, 20, 63, 64, 1000, size / 2, (size_t)eh.e_shoff,
			  (size_t)eh.e_shoff + 100, size - 1 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "truncated to %zu of %zu bytes", cuts[i], size);
		expect_error(orig, cuts[i], what, NULL);
	}
	expect_error(orig, (size_t)eh.e_shoff + 10, "truncated in the section headers",
		     "section header table out of range");

	memcpy(buf, orig, size);
	put64(buf + offsetof(Elf64_Ehdr, e_shoff), size + 4096);
	expect_error(buf, size, "e_shoff beyond the end", "section header table out of range");
	memcpy(buf, orig, size);
	put16(buf + offsetof(Elf64_Ehdr, e_shnum), 0xfeff);
	expect_error(buf, size, "e_shnum huge", "section header table out of range");
	memcpy(buf, orig, size);
	put16(buf + offsetof(Elf64_Ehdr, e_shstrndx), (uint16_t)(eh.e_shnum + 5));
	expect_error(buf, size, "e_shstrndx out of range", NULL);

	unsigned char *sh_dynsym = buf + eh.e_shoff + dynsym->index * shdr;
	memcpy(buf, orig, size);
	put64(sh_dynsym + offsetof(Elf64_Shdr, sh_offset), 0x4141414141414141ull);
	expect_error(buf, size, "garbage sh_offset in .dynsym", "extends past the end");
	memcpy(buf, orig, size);
	put64(sh_dynsym + offsetof(Elf64_Shdr, sh_size), size);
	expect_error(buf, size, "huge sh_size in .dynsym", "extends past the end");
	memcpy(buf, orig, size);
	put32(sh_dynsym + offsetof(Elf64_Shdr, sh_link), 9999);
	expect_error(buf, size, ".dynsym sh_link pointing nowhere", "points nowhere");
	memcpy(buf, orig, size);
	put32(sh_dynsym + offsetof(Elf64_Shdr, sh_link), (uint32_t)dynsym->index);
	expect_error(buf, size, ".dynsym sh_link to itself", "expected");

	unsigned char *sh_versym = buf + eh.e_shoff + versym->index * shdr;
	memcpy(buf, orig, size);
	put64(sh_versym + offsetof(Elf64_Shdr, sh_size), versym->size - 2);
	expect_error(buf, size, "versym count != dynsym count", "does not match");

	/* Version chains. */
	unsigned char *vn0 = buf + vr->offset;
	memcpy(buf, orig, size);
	put32(vn0 + offsetof(Elf64_Verneed, vn_next), 0);
	expect_error(buf, size, "verneed chain that loops (vn_next 0)", "loops");
	memcpy(buf, orig, size);
	put32(vn0 + offsetof(Elf64_Verneed, vn_next), 4);
	expect_error(buf, size, "verneed chain that overlaps (vn_next 4)", "overlaps");
	memcpy(buf, orig, size);
	put32(vn0 + offsetof(Elf64_Verneed, vn_next), 0x7fff0000);
	expect_error(buf, size, "verneed chain off the end", "runs off the end");
	memcpy(buf, orig, size);
	put32(vn0 + offsetof(Elf64_Verneed, vn_aux), 0x10000);
	expect_error(buf, size, "vn_aux off the end", "runs off the end");
	memcpy(buf, orig, size);
	put16(vn0 + offsetof(Elf64_Verneed, vn_cnt), 0xffff);
	expect_error(buf, size, "vn_cnt huge", "does not fit");
	memcpy(buf, orig, size);
	put32(vn0 + offsetof(Elf64_Verneed, vn_file), 0x7fffffff);
	expect_error(buf, size, "vn_file string offset out of range", "bad string offset");
	memcpy(buf, orig, size);
	put32(buf + eh.e_shoff + vr->index * shdr + offsetof(Elf64_Shdr, sh_info), 0x7fffffff);
	expect_error(buf, size, "verneed sh_info huge", "do not fit");
	memcpy(buf, orig, size);
	put32(buf + eh.e_shoff + vr->index * shdr + offsetof(Elf64_Shdr, sh_info), 3);
	expect_error(buf, size, "verneed sh_info one too many", "loops");
	const mg_elf_vernaux *a0 = &needs->needs[needs->count - 1].aux[0];
	if (needs->needs[needs->count - 1].count >= 2) {
		memcpy(buf, orig, size);
		put32(buf + vr->offset + a0->offset + offsetof(Elf64_Vernaux, vna_next), 0);
		expect_error(buf, size, "vernaux chain that loops (vna_next 0)", "loops");
	} else {
		tap_skip("test library needs only one version from %s", needs->needs[needs->count - 1].file);
	}
	memcpy(buf, orig, size);
	put16(buf + vr->offset + a0->offset + offsetof(Elf64_Vernaux, vna_other), 0x7000);
	expect_error(buf, size, "versym index no version declares", "no version definition");
	memcpy(buf, orig, size);
	put32(buf + vd->offset + offsetof(Elf64_Verdef, vd_next), 0);
	expect_error(buf, size, "verdef chain that loops (vd_next 0)", "loops");
	memcpy(buf, orig, size);
	put16(buf + vd->offset + offsetof(Elf64_Verdef, vd_cnt), 0);
	expect_error(buf, size, "verdef with vd_cnt 0", "no name");
	memcpy(buf, orig, size);
	put16(buf + vd->offset + 0x1c + offsetof(Elf64_Verdef, vd_ndx), 1);
	expect_error(buf, size, "verdef index defined twice", "twice");

	/* A model from memory must not depend on the caller's buffer. */
	memcpy(buf, orig, size);
	mg_elf *mem;
	tap_ok(mg_elf_open_memory(buf, size, "mem.so", &mem, &err) == 0, "open from memory");
	memset(buf, 0xa5, size);
	free(buf);
	const mg_elf_dynamic *d = mg_elf_dynamic_info(mem, &err);
	tap_eq_str(d ? d->soname : NULL, "libmgt.so.1", "the model keeps its own copy");
	tap_eq_str(mg_elf_name(mem), "mem.so", "name kept");
	mg_elf_close(mem);
	mg_elf_close(model);
	free(orig);
}

/* An object with more than 65280 sections uses extended section numbering
 * (e_shnum 0, SHN_XINDEX symbols, SHT_SYMTAB_SHNDX). */
static void test_many_sections(void)
{
	const char *src = tmp_path("many.s"), *obj = tmp_path("many.o");
	FILE *f = fopen(src, "w");
	if (!f)
		tap_bail("cannot write %s", src);
	const int n = 66000;
	for (int i = 0; i < n; i++)
		fprintf(f, ".section .text.f%d,\"ax\",@progbits\n.globl f%d\nf%d: ret\n", i, i, i);
	fclose(f);
	if (!compile((const char *[]){ "-c", "-o", obj, src, NULL })) {
		tap_skip("the assembler cannot make an object with %d sections", n);
		return;
	}
	mg_elf *elf = open_or_bail(obj);
	mg_error err;
	tap_ok(mg_elf_section_count(elf) > (size_t)n, "%zu sections read",
	       mg_elf_section_count(elf));
	const mg_elf_symbols *st = mg_elf_symtab(elf, &err);
	const mg_elf_symbol *s = st ? mg_elf_symbols_find(st, "f65999") : NULL;
	const mg_elf_section *sec = mg_elf_section_by_name(elf, ".text.f65999");
	tap_ok(s && sec && sec->index > SHN_LORESERVE && s->shndx == sec->index,
	       "SHN_XINDEX symbol resolved to section %zu", sec ? sec->index : 0);
	mg_elf_close(elf);
}

int main(void)
{
	if (!mkdtemp(tmpdir))
		tap_bail("mkdtemp failed");
	test_libstdcxx();
	test_libc();
	test_openmp();
	test_object();
	test_pie();
	test_abi_names();
	const char *so = build_shared();
	if (tap_ok(so != NULL, "cc -shared builds a versioned library")) {
		test_shared(so);
		test_bad_inputs(so);
	}
	test_many_sections();
	char *rm[] = { "rm", "-rf", tmpdir, NULL };
	run(rm, NULL, 0);
	return tap_done();
}

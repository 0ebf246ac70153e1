/* mg_runtime_scan_symbols (lib/policy/runtime_symbols.c) reads names in memory
 * order for speed but must judge exactly as adding each definition in
 * table order does: same findings, counts and evidence, in that order. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elf/elf.h"
#include "policy/runtime.h"
#include "tests/unit/tap.h"

/* The findings of TAB added one by one, in table order, as callers did. */
static size_t naive(const mg_elf_symbols *tab, mg_runtime_scan *scan, mg_runtime_finding *f)
{
	for (size_t i = 1; i < tab->count; i++) {
		const mg_elf_symbol *s = &tab->symbols[i];
		if (s->defined && s->bind != STB_LOCAL && s->name && s->name[0])
			mg_runtime_scan_add(scan, s->name, NULL);
	}
	return mg_runtime_scan_result(scan, f, 8);
}

/* Both ways of scanning TAB agree in every finding and evidence entry. */
static void same_as_naive(const mg_elf_symbols *tab, const char *what, size_t want_findings)
{
	mg_runtime_scan *a = mg_runtime_scan_new(), *b = mg_runtime_scan_new();
	mg_runtime_finding fa[8], fb[8];
	mg_error err;
	size_t na = naive(tab, a, fa);
	tap_ok(mg_runtime_scan_symbols(b, tab, &err) == 0, "%s: scanned", what);
	size_t nb = mg_runtime_scan_result(b, fb, 8);
	tap_eq_int((long long)nb, (long long)na, what);
	tap_ok(na >= want_findings, "%s: %zu findings (at least %zu)", what, na, want_findings);
	bool same = na == nb;
	for (size_t i = 0; same && i < na && i < 8; i++) {
		same = fa[i].impl == fb[i].impl && fa[i].count == fb[i].count;
		for (size_t k = 0; same && k < MG_RUNTIME_MAX_EVIDENCE; k++)
			same = (!fa[i].evidence[k] && !fb[i].evidence[k]) ||
			       (fa[i].evidence[k] && fb[i].evidence[k] &&
				strcmp(fa[i].evidence[k], fb[i].evidence[k]) == 0);
	}
	tap_ok(same, "%s: same runtimes, counts and evidence in the same order", what);
	mg_runtime_scan_free(a);
	mg_runtime_scan_free(b);
}

static void test_real_libraries(void)
{
	static const struct {
		const char *path;
		size_t findings;
	} libs[] = {
		{"/usr/lib/x86_64-linux-gnu/libstdc++.so.6", 1},
		{"/usr/lib/x86_64-linux-gnu/libgomp.so.1", 1},
		{"/usr/lib/x86_64-linux-gnu/libgcc_s.so.1", 1},
		{"/usr/lib/llvm-14/lib/libomp.so.5", 1},
	};
	for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++) {
		mg_elf *elf = NULL;
		mg_error err;
		if (access(libs[i].path, R_OK) != 0) {
			tap_skip("%s is not installed on this machine", libs[i].path);
			continue;
		}
		if (!tap_ok(mg_elf_open(libs[i].path, &elf, &err) == 0, "open %s", libs[i].path))
			continue;
		const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, &err);
		if (tap_ok(dynsym != NULL, "%s: dynamic symbols", libs[i].path))
			same_as_naive(dynsym, libs[i].path, libs[i].findings);
		mg_elf_close(elf);
	}
}

#define N_SYNTH 9

/* Names laid out in STORE back to front (the last symbol's name first),
 * as .gnu.hash leaves a table's names out of table order. */
static void fill_backwards(mg_elf_symbol *syms, char *store, size_t cap,
			   const char *const *names, size_t n)
{
	size_t at = 0;
	for (size_t i = n; i-- > 1;) {
		size_t len = strlen(names[i]) + 1;
		if (at + len > cap)
			break;
		memcpy(store + at, names[i], len);
		syms[i].name = store + at;
		at += len;
	}
}

static const char *const synth_names[N_SYNTH] = {
	"", "GOMP_single_start", "GOMP_parallel@@GOMP_4.0", "GOMP_barrier", "PyInit_ext",
	"GOMP_critical_start", "GOMP_parallel@GOMP_1.0", "GOMP_loop_end", "GOMP_ordered_end",
};

static void synth_table(mg_elf_symbol *syms, mg_elf_symbols *tab)
{
	memset(syms, 0, N_SYNTH * sizeof *syms);
	for (size_t i = 1; i < N_SYNTH; i++) {
		syms[i].defined = true;
		syms[i].bind = STB_GLOBAL;
	}
	syms[0].name = "";
	/* Neither an undefined reference nor a local definition counts. */
	syms[4].defined = false;
	syms[7].bind = STB_LOCAL;
	*tab = (mg_elf_symbols){.present = true, .count = N_SYNTH, .symbols = syms};
}

static void test_order(void)
{
	mg_elf_symbol syms[N_SYNTH];
	mg_elf_symbols tab;
	char store[512];
	synth_table(syms, &tab);
	fill_backwards(syms, store, sizeof store, synth_names, N_SYNTH);

	mg_runtime_scan *scan = mg_runtime_scan_new();
	mg_runtime_finding f[8];
	mg_error err;
	tap_ok(mg_runtime_scan_symbols(scan, &tab, &err) == 0, "synthetic table scanned");
	size_t n = mg_runtime_scan_result(scan, f, 8);
	if (tap_eq_int((long long)n, 1, "one runtime")) {
		tap_eq_str(mg_runtime_impl_name(f[0].impl), "gnu-openmp", "libgomp");
		/* Five distinct names: the local GOMP_loop_end is not one. */
		tap_eq_int((long long)f[0].count, 5, "GOMP_parallel at two versions counts once");
		tap_eq_str(f[0].evidence[0], "GOMP_parallel", "the exact name leads the evidence");
		tap_eq_str(f[0].evidence[1], "GOMP_single_start", "then table order, not name order");
		tap_eq_str(f[0].evidence[2], "GOMP_barrier", "second prefix hit");
		tap_eq_str(f[0].evidence[3], "GOMP_critical_start", "third prefix hit");
		tap_eq_str(f[0].evidence[4], "GOMP_ordered_end", "last prefix hit");
	}
	mg_runtime_scan_free(scan);
	same_as_naive(&tab, "synthetic table, names back to front", 1);
}

/* Names more than 4 GiB apart cannot be sorted by a 32-bit offset: the
 * scan falls back to table order with the same result. */
static void test_far_apart(void)
{
	const size_t gap = (size_t)8 << 30;
	long page = sysconf(_SC_PAGESIZE);
	char *region = mmap(NULL, gap + (size_t)page, PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (!tap_ok(region != MAP_FAILED, "reserved 8 GiB of address space")) {
		return;
	}
	char *lo = region, *hi = region + gap;
	mprotect(lo, (size_t)page, PROT_READ | PROT_WRITE);
	mprotect(hi, (size_t)page, PROT_READ | PROT_WRITE);
	mg_elf_symbol syms[N_SYNTH];
	mg_elf_symbols tab;
	synth_table(syms, &tab);
	/* Odd names in the low page, even ones 8 GiB above. */
	size_t at_lo = 0, at_hi = 0;
	for (size_t i = 1; i < N_SYNTH; i++) {
		size_t len = strlen(synth_names[i]) + 1;
		char *dst = i % 2 ? lo + at_lo : hi + at_hi;
		memcpy(dst, synth_names[i], len);
		syms[i].name = dst;
		*(i % 2 ? &at_lo : &at_hi) += len;
	}
	same_as_naive(&tab, "names 8 GiB apart", 1);
	munmap(region, gap + (size_t)page);
}

static void test_empty(void)
{
	mg_elf_symbol none = {.name = ""};
	mg_elf_symbols tab = {.present = true, .count = 1, .symbols = &none};
	mg_runtime_scan *scan = mg_runtime_scan_new();
	mg_runtime_finding f[8];
	mg_error err;
	tap_ok(mg_runtime_scan_symbols(scan, &tab, &err) == 0, "a table of the null symbol only");
	tap_eq_int((long long)mg_runtime_scan_result(scan, f, 8), 0, "finds nothing");
	tab.count = 0;
	tap_ok(mg_runtime_scan_symbols(scan, &tab, &err) == 0, "an empty table");
	mg_runtime_scan_free(scan);
}

int main(void)
{
	test_real_libraries();
	test_order();
	test_far_apart();
	test_empty();
	return tap_done();
}

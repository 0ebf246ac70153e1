/* A symbol table's definitions fed to a runtime scan (lib/policy/runtime.h).
 *
 * The dynamic symbols of a large output are in .gnu.hash bucket order,
 * their names scattered over megabytes of .dynstr: read in table order,
 * nearly every name was a cache miss, and that was most of the scan's
 * time.  So the names are read in the order they lie in memory, page by
 * page (a counting sort of their offsets), and the few that match a rule
 * are then added in table order, which keeps the evidence ("the first
 * ones") as before. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy/runtime.h"

/* Whether S is a definition the scan looks at.  Its name is not read
 * here (an empty one matches no rule): that is the point of the order. */
static bool counts(const mg_elf_symbol *s)
{
	return s->defined && s->bind != STB_LOCAL && s->name;
}

/* At most this many buckets: the counters stay in the cache. */
#define MAX_BUCKETS 65536u

/* Order ORDER (N symbol indices) and KEY (their names' offsets from the
 * lowest, at most SPAN) by the page of memory the names lie on, through
 * TMP_ORDER and TMP_KEY: one counting pass.  Within a page the order does
 * not matter to the cache, and the names of a large table span a few
 * thousand pages. */
static void sort_by_page(uint32_t *order, uint32_t *key, uint32_t *tmp_order, uint32_t *tmp_key,
			 size_t n, uint32_t span)
{
	unsigned shift = 12;
	while ((span >> shift) >= MAX_BUCKETS)
		shift++;
	size_t buckets = ((size_t)span >> shift) + 1;
	uint32_t *count = calloc(buckets + 1, sizeof *count);
	if (!count)
		return; /* table order: slower, same result */
	for (size_t i = 0; i < n; i++)
		count[(key[i] >> shift) + 1]++;
	for (size_t b = 0; b < buckets; b++)
		count[b + 1] += count[b];
	for (size_t i = 0; i < n; i++) {
		uint32_t to = count[key[i] >> shift]++;
		tmp_order[to] = order[i];
		tmp_key[to] = key[i];
	}
	memcpy(order, tmp_order, n * sizeof *order);
	memcpy(key, tmp_key, n * sizeof *key);
	free(count);
}

/* Flag in HIT the symbols whose names a rule matches, reading the names
 * in address order.  One pass over the symbols takes their names'
 * addresses (the symbol array is megabytes too, and visited in name order
 * it missed the cache as the names did); the names are then read from the
 * sorted addresses alone.  Returns false when that order cannot be had
 * (names more than 4 GiB apart: never in one string table). */
static bool flag_in_name_order(const mg_runtime_scan *scan, const mg_elf_symbols *tab,
			       unsigned char *hit, uintptr_t *addr, uint32_t *buf)
{
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	uint32_t *order = buf;
	size_t n = 0;
	for (size_t i = 1; i < tab->count; i++)
		if (counts(&tab->symbols[i])) {
			uintptr_t p = (uintptr_t)tab->symbols[i].name;
			lo = p < lo ? p : lo;
			hi = p > hi ? p : hi;
			order[n] = (uint32_t)i;
			addr[n++] = p;
		}
	if (n == 0 || hi - lo > UINT32_MAX)
		return n == 0;
	uint32_t *key = buf + n, *tmp_order = buf + 2 * n, *tmp_key = buf + 3 * n;
	for (size_t j = 0; j < n; j++)
		key[j] = (uint32_t)(addr[j] - lo);
	sort_by_page(order, key, tmp_order, tmp_key, n, (uint32_t)(hi - lo));
	for (size_t j = 0; j < n; j++)
		if (mg_runtime_scan_wants(scan, (const char *)(lo + key[j])))
			hit[order[j]] = 1;
	return true;
}

int mg_runtime_scan_symbols(mg_runtime_scan *scan, const mg_elf_symbols *tab, mg_error *err)
{
	/* Symbol indices are 32-bit in ELF (st_shndx of SHT_SYMTAB_SHNDX too). */
	if (tab->count > UINT32_MAX)
		return mg_error_set(err, NULL, "symbol table of %zu entries", tab->count);
	size_t cap = tab->count ? tab->count : 1;
	unsigned char *hit = calloc(cap, 1);
	uintptr_t *addr = malloc(cap * sizeof *addr);
	uint32_t *buf = malloc(cap * 4 * sizeof *buf);
	int rc = 0;
	if (!hit || !addr || !buf) {
		rc = mg_error_set(err, NULL, "out of memory (symbol table of %zu entries)",
				  tab->count);
		goto out;
	}
	if (!flag_in_name_order(scan, tab, hit, addr, buf))
		for (size_t i = 1; i < tab->count; i++)
			hit[i] = counts(&tab->symbols[i]);
	for (size_t i = 1; i < tab->count && rc == 0; i++)
		if (hit[i])
			rc = mg_runtime_scan_add(scan, tab->symbols[i].name, err);
out:
	free(hit);
	free(addr);
	free(buf);
	return rc < 0 ? -1 : 0;
}

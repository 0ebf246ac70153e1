/* The .gnu.hash lookups (lib/elf/elf_gnuhash.c) agree
 * with a linear scan of .dynsym: every defined dynamic symbol of real
 * libraries is found at its own index, and names that are not there (or
 * only undefined there) are not. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/elf.h"
#include "elf/elf_gnuhash.h"
#include "tests/unit/tap.h"

typedef struct hits {
	size_t count;
	size_t want; /* index that must be among the hits */
	bool seen;
} hits;

static void on_hit(size_t index, void *arg)
{
	hits *h = arg;
	h->count++;
	if (index == h->want)
		h->seen = true;
}

/* Every defined symbol of PATH is found; undefined ones and a made-up
 * name are not. */
static void check_library(const char *path)
{
	mg_elf *elf = NULL;
	mg_error err;
	if (mg_elf_open(path, &elf, &err) < 0) {
		tap_skip("%s: cannot open (%s)", path, err.reason);
		return;
	}
	const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, &err);
	mg_elf_gnuhash h;
	if (!tap_ok(dynsym && mg_elf_gnuhash_open(elf, dynsym, &h), "%s: .gnu.hash opens", path)) {
		mg_elf_close(elf);
		return;
	}
	size_t defined = 0, missed = 0, wrong = 0;
	for (size_t i = 1; i < dynsym->count; i++) {
		const mg_elf_symbol *s = &dynsym->symbols[i];
		hits hit = {0, i, false};
		mg_elf_gnuhash_find(&h, dynsym, s->name, on_hit, &hit);
		if (s->defined && i >= h.symoffset) {
			defined++;
			missed += !hit.seen;
		} else if (hit.seen) {
			wrong++; /* an undefined symbol is not in the table */
		}
	}
	tap_ok(defined > 100, "%s: %zu defined symbols looked up", path, defined);
	tap_eq_int((long long)missed, 0, "defined symbols the table did not find");
	tap_eq_int((long long)wrong, 0, "undefined symbols the table claimed");
	hits none = {0, 0, false};
	mg_elf_gnuhash_find(&h, dynsym, "manyguard_no_such_symbol_ZZ", on_hit, &none);
	tap_eq_int((long long)none.count, 0, "a name that is not there is not found");
	mg_elf_close(elf);
}

int main(int argc, char **argv)
{
	/* The build's own libraries, found as the tests find them. */
	for (int i = 1; i < argc; i++)
		check_library(argv[i]);
	if (argc == 1) {
		const char *libs[] = {"/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
				      "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libelf.so.1"};
		for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
			check_library(libs[i]);
	}
	return tap_done();
}

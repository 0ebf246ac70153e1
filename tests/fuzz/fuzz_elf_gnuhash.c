/* The .gnu.hash reader (lib/elf/elf_gnuhash.c) on arbitrary ELF files: whatever
 * the table says (bucket and chain indices, sizes, the Bloom filter), a
 * lookup stays inside the section and the dynamic symbol table, and finds
 * only symbols of the name asked for. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "elf/elf.h"
#include "elf/elf_gnuhash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct probe {
	const mg_elf_symbols *dynsym;
	const char *name;
} probe;

static void on_hit(size_t index, void *arg)
{
	const probe *p = arg;
	if (index >= p->dynsym->count || strcmp(p->dynsym->symbols[index].name, p->name) != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_elf *elf = NULL;
	mg_error err;
	if (mg_elf_open_memory(data, size, "fuzz", &elf, &err) < 0)
		return 0;
	const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, &err);
	mg_elf_gnuhash h;
	if (dynsym && mg_elf_gnuhash_open(elf, dynsym, &h)) {
		/* Every name of the table, and one that is in none. */
		for (size_t i = 0; i < dynsym->count && i < 4096; i++) {
			probe p = {dynsym, dynsym->symbols[i].name};
			mg_elf_gnuhash_find(&h, dynsym, p.name, on_hit, &p);
		}
		probe none = {dynsym, "manyguard_fuzz_absent"};
		mg_elf_gnuhash_find(&h, dynsym, none.name, on_hit, &none);
	}
	mg_elf_close(elf);
	return 0;
}

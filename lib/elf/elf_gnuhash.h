/* Name lookups in a linked file's own GNU hash table (.gnu.hash), so that
 * asking whether a few hundred names are exported costs a few hundred
 * probes instead of hashing every dynamic symbol of a large output. */
#ifndef LD_GNUHASH_H
#define LD_GNUHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf/elf.h"

typedef struct mg_elf_gnuhash {
	uint32_t nbuckets, symoffset, bloom_size, bloom_shift;
	const unsigned char *bloom; /* bloom_size words of the file's class */
	unsigned word_bits;         /* 32 or 64 */
	const uint32_t *buckets;
	const uint32_t *chain;      /* chain[i] is symbol symoffset + i */
	size_t nchain;
} mg_elf_gnuhash;

/* The .gnu.hash of ELF, checked against DYNSYM (its symbol count).  False
 * when the file has none or it does not fit (the caller falls back to a
 * scan).  The table points into ELF's data: valid while ELF is open. */
bool mg_elf_gnuhash_open(mg_elf *elf, const mg_elf_symbols *dynsym, mg_elf_gnuhash *h);

/* Call FN(index, ARG) for each symbol of DYNSYM named NAME that the table
 * lists (the defined ones), in table order. */
void mg_elf_gnuhash_find(const mg_elf_gnuhash *h, const mg_elf_symbols *dynsym, const char *name,
			void (*fn)(size_t index, void *arg), void *arg);

#endif

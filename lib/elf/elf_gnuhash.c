/* The layout (as written by GNU ld, gold and lld): nbuckets, symoffset,
 * bloom_size, bloom_shift (32-bit words); the Bloom filter (bloom_size
 * words of the ELF class's size); nbuckets bucket heads; then one 32-bit
 * hash per symbol from symoffset on, the low bit ending a chain. */
#include "config.h"
#include "elf/elf_gnuhash.h"

#include <gelf.h>
#include <string.h>

static uint32_t gnu_hash(const char *name)
{
	uint32_t h = 5381;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = h * 33 + *p;
	return h;
}

bool mg_elf_gnuhash_open(mg_elf *elf, const mg_elf_symbols *dynsym, mg_elf_gnuhash *h)
{
	const mg_elf_section *sec = NULL;
	for (size_t i = 1; i < mg_elf_section_count(elf) && !sec; i++) {
		const mg_elf_section *s = mg_elf_section_at(elf, i);
		if (s && s->type == SHT_GNU_HASH && s->link == dynsym->section)
			sec = s;
	}
	if (!sec || !dynsym->present)
		return false;
	Elf_Scn *scn = elf_getscn(mg_elf_libelf(elf), sec->index);
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;
	if (!data || !data->d_buf || data->d_size < 16)
		return false;
	const unsigned char *base = data->d_buf;
	uint32_t head[4];
	memcpy(head, base, sizeof head);
	h->nbuckets = head[0];
	h->symoffset = head[1];
	h->bloom_size = head[2];
	h->bloom_shift = head[3];
	h->word_bits = mg_elf_class(elf) == 64 ? 64 : 32;
	/* Sizes in bytes, checked before any pointer is formed. */
	size_t bloom_bytes = (size_t)h->bloom_size * (h->word_bits / 8);
	size_t bucket_bytes = (size_t)h->nbuckets * 4;
	/* A shift of 32 or more is not a table any linker writes (and would
	 * shift a 32-bit hash out of range). */
	if (h->nbuckets == 0 || h->bloom_size == 0 || h->bloom_shift >= 32 ||
	    h->symoffset > dynsym->count ||
	    bloom_bytes / (h->word_bits / 8) != h->bloom_size ||
	    data->d_size - 16 < bloom_bytes || data->d_size - 16 - bloom_bytes < bucket_bytes)
		return false;
	size_t chain_bytes = data->d_size - 16 - bloom_bytes - bucket_bytes;
	/* libelf hands out section data aligned for its type; the words are
	 * read in place. */
	if ((uintptr_t)base % 4 != 0)
		return false;
	h->bloom = base + 16;
	h->buckets = (const uint32_t *)(base + 16 + bloom_bytes);
	h->chain = (const uint32_t *)(base + 16 + bloom_bytes + bucket_bytes);
	h->nchain = chain_bytes / 4;
	if (h->nchain > dynsym->count - h->symoffset)
		h->nchain = dynsym->count - h->symoffset;
	return true;
}

/* Whether the Bloom filter lets HASH through. */
static bool bloom_pass(const mg_elf_gnuhash *h, uint32_t hash)
{
	unsigned bits = h->word_bits;
	size_t word = (hash / bits) % h->bloom_size;
	uint64_t value;
	if (bits == 64) {
		memcpy(&value, h->bloom + word * 8, 8);
	} else {
		uint32_t v32;
		memcpy(&v32, h->bloom + word * 4, 4);
		value = v32;
	}
	uint64_t mask = (UINT64_C(1) << (hash % bits)) |
			(UINT64_C(1) << ((hash >> h->bloom_shift) % bits));
	return (value & mask) == mask;
}

void mg_elf_gnuhash_find(const mg_elf_gnuhash *h, const mg_elf_symbols *dynsym, const char *name,
			void (*fn)(size_t index, void *arg), void *arg)
{
	uint32_t hash = gnu_hash(name);
	if (!bloom_pass(h, hash))
		return;
	uint32_t sym = h->buckets[hash % h->nbuckets];
	if (sym < h->symoffset)
		return;
	for (size_t i = sym - h->symoffset; i < h->nchain; i++) {
		uint32_t chained = h->chain[i];
		size_t index = h->symoffset + i;
		if ((chained | 1) == (hash | 1) && strcmp(dynsym->symbols[index].name, name) == 0)
			fn(index, arg);
		if (chained & 1)
			break;
	}
}

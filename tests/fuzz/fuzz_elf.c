/* Fuzz target for the ELF model: open the input from memory and ask every
 * accessor, touching every string and index it hands out (so that a bad
 * pointer shows up under ASan here, not in a caller). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "elf/elf.h"
#include "policy/runtime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read every byte of S; the sum is returned so it cannot be optimized out. */
static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t touch_symbols(const mg_elf_symbols *t)
{
	size_t sum = 0;
	for (size_t i = 0; t && i < t->count; i++) {
		const mg_elf_symbol *s = &t->symbols[i];
		sum += touch(s->name) + touch(s->version) + touch(s->version_file);
		sum += s->shndx + s->defined + s->hidden;
	}
	return sum;
}

static size_t touch_versions(const mg_elf_verdefs *defs, const mg_elf_verneeds *needs,
			     const mg_elf_symbols *dynsym)
{
	size_t sum = 0;
	for (size_t i = 0; defs && i < defs->count; i++) {
		const mg_elf_verdef *d = &defs->defs[i];
		sum += touch(d->name) + d->offset;
		for (size_t j = 0; j < d->n_parents; j++)
			sum += touch(d->parents[j]) + d->parent_offsets[j];
	}
	for (size_t i = 0; needs && i < needs->count; i++) {
		const mg_elf_verneed *n = &needs->needs[i];
		sum += touch(n->file);
		for (size_t j = 0; j < n->count; j++) {
			sum += touch(n->aux[j].name);
			for (size_t k = 0; k < n->aux[j].n_symbols; k++)
				sum += touch(dynsym->symbols[n->aux[j].symbols[k]].name);
		}
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_elf *elf;
	mg_error err;
	volatile size_t sum = mg_elf_is_elf(data, size);
	if (mg_elf_open_memory(data, size, "fuzz", &elf, &err) != 0)
		return 0;
	mg_elf_type type;
	sum += (size_t)mg_elf_class(elf) + (size_t)mg_elf_data(elf) + mg_elf_machine(elf);
	sum += touch(mg_elf_machine_name(elf)) + mg_elf_etype(elf);
	if (mg_elf_type_of(elf, &type, &err) == 0)
		sum += touch(mg_elf_type_name(type));
	for (size_t i = 0; i < mg_elf_section_count(elf); i++)
		sum += touch(mg_elf_section_at(elf, i)->name);
	sum += mg_elf_section_by_name(elf, ".dynsym") != NULL;
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
	if (d) {
		for (size_t i = 0; i < d->n_needed; i++)
			sum += touch(d->needed[i]);
		sum += touch(d->soname) + touch(d->rpath) + touch(d->runpath);
	}
	sum += touch_symbols(mg_elf_symtab(elf, &err));
	const mg_elf_symbols *dynsym = mg_elf_dynsym(elf, &err);
	sum += touch_symbols(dynsym);
	if (dynsym)
		sum += mg_elf_symbols_find(dynsym, "malloc") != NULL;
	/* The runtime scan reads the names in memory order, not table order. */
	mg_runtime_scan *scan = dynsym ? mg_runtime_scan_new() : NULL;
	if (scan && mg_runtime_scan_symbols(scan, dynsym, &err) == 0) {
		mg_runtime_finding found[4];
		sum += mg_runtime_scan_result(scan, found, 4);
	}
	mg_runtime_scan_free(scan);
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, &err);
	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, &err);
	if (needs && dynsym)
		sum += touch_versions(defs, needs, dynsym);
	const mg_elf_vernaux *aux;
	const char *file;
	if (mg_elf_find_required(elf, "GLIBC_2.2.5", &aux, &file, &err) == 0)
		sum += touch(file);
	sum += touch(mg_elf_build_id(elf, &err));
	mg_elf_close(elf);
	(void)sum;
	return 0;
}

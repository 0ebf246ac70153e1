/* Private to lib/elf*.c: the mg_elf struct and the helpers the lazy loaders
 * share.  Not part of the public API. */
#ifndef MG_ELF_INTERNAL_H
#define MG_ELF_INTERNAL_H

#include <gelf.h>

#include "elf/elf.h"

/* A lazily read part: loaded once; a failure is not cached, so asking again
 * reports the same error again. */
struct mg_elf {
	char *name;
	int fd;               /* -1 for an in-memory image */
	void *image;          /* private copy of an in-memory image */
	size_t size;          /* file or image size */
	Elf *e;
	GElf_Ehdr ehdr;
	size_t shnum;
	size_t shstrndx;
	mg_elf_section *sections;

	/* Every allocation handed out to callers, freed at close. */
	void **allocs;
	size_t n_allocs, cap_allocs;

	bool dynamic_loaded;
	mg_elf_dynamic dynamic;
	bool verdefs_loaded;
	mg_elf_verdefs verdefs;
	bool verneeds_loaded;   /* the entries */
	bool verneed_users_loaded; /* the symbols needing each version */
	mg_elf_verneeds verneeds;
	bool dynsym_loaded;
	mg_elf_symbols dynsym;
	bool symtab_loaded;
	mg_elf_symbols symtab;
	bool build_id_loaded;
	const char *build_id;
};

/* Zeroed memory of N * SIZE bytes owned by ELF (freed at close), or NULL
 * with ERR set. */
void *elf_alloc(mg_elf *elf, size_t n, size_t size, mg_error *err);

/* The data of section INDEX, after checking that INDEX exists, has type
 * TYPE (0: any) and lies inside the file; WHAT names it in errors.  An empty
 * section gives an Elf_Data with d_size 0. */
Elf_Data *elf_section_data(mg_elf *elf, size_t index, uint32_t type,
			      const char *what, mg_error *err);

/* The string at OFFSET of string table STRNDX, or NULL with ERR set (offset
 * out of range, unterminated, not a string table).  WHAT names the user. */
const char *elf_string(mg_elf *elf, size_t strndx, size_t offset,
			  const char *what, mg_error *err);

/* Check that section INDEX's sh_link names a SHT_STRTAB (or, with TYPE, a
 * section of that type); returns the link or (size_t)-1 with ERR set. */
size_t elf_linked(mg_elf *elf, size_t index, uint32_t type, mg_error *err);

/* Read a symbol table section into OUT (no versions). */
int elf_read_symbols(mg_elf *elf, size_t index, mg_elf_symbols *out,
			mg_error *err);

#endif

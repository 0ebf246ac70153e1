/* Rewriting the symbol table of an ELF relocatable object (ET_REL) held in
 * memory: the building block of `manyguard nonshared`, which hides every
 * global definition of a libstdc++.a member and turns the definitions that
 * the baseline runtime already provides into undefined references.
 *
 * Every edit is in place (same symbol count, same names, same layout):
 * locals stay before globals, .symtab's sh_info, .strtab and
 * SHT_SYMTAB_SHNDX stay consistent, and section offsets are kept
 * (ELF_F_LAYOUT).  The bytes are produced by libelf's elf_update(ELF_C_WRITE)
 * on an in-memory file and re-read before they are handed out.
 *
 * Ownership: an mg_elf_edit owns a copy of the input; strings it returns
 * (names) stay valid until mg_elf_edit_close.  Arrays returned through
 * out-parameters are malloc'd and freed by the caller with free(). */
#ifndef MG_ELF_EDIT_H
#define MG_ELF_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

typedef struct mg_elf_edit mg_elf_edit;

/* Open the ET_REL object in BUF (SIZE bytes, copied; NAME for errors).
 * Any machine: only mg_elf_edit_section_refs needs x86_64 or aarch64.
 * Returns NULL with ERR filled for non-ELF, non-ET_REL, truncated input or an
 * inconsistent symbol table. */
mg_elf_edit *mg_elf_edit_open(const void *buf, size_t size, const char *name,
			      mg_error *err);
void mg_elf_edit_close(mg_elf_edit *ed);

typedef struct mg_elf_edit_symbol_info {
	size_t index;
	const char *name;         /* owned by the edit */
	uint64_t value, size;
	unsigned char type;       /* STT_* */
	unsigned char bind;       /* STB_* */
	unsigned char visibility; /* STV_* */
	uint32_t shndx;           /* SHN_XINDEX resolved */
	bool defined;             /* shndx != SHN_UNDEF */
} mg_elf_edit_symbol_info;

/* Number of .symtab entries, including the null entry 0. */
size_t mg_elf_edit_symbol_count(const mg_elf_edit *ed);

/* Symbol INDEX as it is now (after earlier edits). */
int mg_elf_edit_symbol(const mg_elf_edit *ed, size_t index, mg_elf_edit_symbol_info *out,
		       mg_error *err);

/* Index of the non-local symbol called NAME (the one other objects can
 * reference); -1 with ERR when there is none. */
int mg_elf_edit_find(const mg_elf_edit *ed, const char *name, size_t *index,
		     mg_error *err);

/* Set the visibility (STV_DEFAULT/INTERNAL/HIDDEN/PROTECTED) of non-local
 * symbol INDEX.  Binding stays: a hidden symbol in an ET_REL is still
 * GLOBAL/WEAK so other members of the same link can use it; the linker makes
 * it local in the output. */
int mg_elf_edit_set_visibility(mg_elf_edit *ed, size_t index, unsigned char stv,
			       mg_error *err);
int mg_elf_edit_set_visibility_by_name(mg_elf_edit *ed, const char *name,
				       unsigned char stv, mg_error *err);

/* Give every defined non-local symbol of default or protected visibility
 * STV_HIDDEN, so nothing of the object is ever exported from a DSO; *COUNT
 * (may be NULL) gets the number changed. */
int mg_elf_edit_hide_definitions(mg_elf_edit *ed, size_t *count, mg_error *err);

/* Turn the defined non-local symbol INDEX into an undefined reference:
 * SHN_UNDEF, value 0, size 0, STV_DEFAULT, type NOTYPE (TLS stays TLS, or ld
 * reports a TLS mismatch), binding GLOBAL.  GNU_UNIQUE becomes GLOBAL.
 * WEAK becomes GLOBAL too: ld treats a weak undefined reference as optional
 * (it does not count for --as-needed, does not pull archive members, and
 * silently resolves to 0 when nothing defines it), while the point of the
 * edit is that the shared runtime's definition is used, so a missing one
 * must be a link error.  Visibility becomes default because a hidden or
 * protected undefined reference cannot bind to a shared library.
 * The code/data of the old definition stays in its section; see
 * mg_elf_edit_section_refs for references that keep using it. */
int mg_elf_edit_undefine(mg_elf_edit *ed, size_t index, mg_error *err);
int mg_elf_edit_undefine_by_name(mg_elf_edit *ed, const char *name, mg_error *err);

/* A relocation that reaches a symbol's definition through its section's
 * STT_SECTION symbol (section + addend) instead of the symbol itself: after
 * undefining the symbol it still uses the local copy. */
typedef struct mg_elf_edit_ref {
	const char *reloc_section; /* ".rela.text" */
	const char *section;       /* the patched section, ".text" */
	uint64_t offset;           /* in the patched section */
	uint32_t type;
	int64_t addend;
} mg_elf_edit_ref;

/* References to symbol INDEX's definition via its section symbol, from
 * allocated sections other than .eh_frame (unwind tables only describe the
 * local copy) and not from inside the definition itself (that code dies with
 * it).  A reference hits when the section offset it names lies in
 * [value, value + max(size, 1)); x86_64 PC-relative instruction operands
 * carry a bias of -4..-8 in the addend, so for them the window is widened by
 * 8 bytes: conservative, a hazard is never missed.  References the
 * assembler resolved inside one section leave no relocation at all: the
 * functions that may hold them are the symbol's section mates (below).
 * *REFS is malloc'd (NULL when *COUNT is 0).  Needs x86_64 or aarch64. */
int mg_elf_edit_section_refs(mg_elf_edit *ed, size_t index, mg_elf_edit_ref **refs,
			     size_t *count, mg_error *err);

typedef struct mg_elf_edit_group {
	bool in_group;         /* the symbol's section is in an SHT_GROUP */
	bool comdat;           /* ... with GRP_COMDAT */
	const char *signature; /* the group's signature symbol name, or NULL */
	size_t group_index;    /* section index of the SHT_GROUP, or 0 */
} mg_elf_edit_group;

/* The section group of symbol INDEX's section.  An undefined symbol is in no
 * group.  A COMDAT definition can be replaced by another object's copy of
 * the same group at link time, whatever this object says. */
int mg_elf_edit_symbol_group(const mg_elf_edit *ed, size_t index, mg_elf_edit_group *out,
			     mg_error *err);

/* Indices of the other symbols (local or global, not STT_SECTION/STT_FILE)
 * defined in the same section as symbol INDEX: state they may share with it.
 * *MATES is malloc'd (NULL when *COUNT is 0). */
int mg_elf_edit_section_mates(const mg_elf_edit *ed, size_t index, size_t **mates,
			      size_t *count, mg_error *err);

/* The rewritten object: *OUT (malloc'd, caller frees) of *SIZE bytes, checked
 * by reading it back.  The edit stays usable. */
int mg_elf_edit_write(mg_elf_edit *ed, void **out, size_t *size, mg_error *err);

/* Write the rewritten object to PATH atomically (temporary file next to it,
 * then rename), so PATH is either the old file or the whole new one.  A new
 * file gets mode 0666 minus the umask (read with umask(2), which is not
 * thread-safe), an existing one keeps its mode. */
int mg_elf_edit_save(mg_elf_edit *ed, const char *path, mg_error *err);

#endif

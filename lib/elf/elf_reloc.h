/* Relocations of an ELF relocatable object (ET_REL) and whether the object
 * can be linked into a shared object.
 *
 * `manyguard nonshared` links members of libstdc++.a into users' DSOs, so it
 * must know, before it ships an archive, that every member is position
 * independent.  Each relocation is classified by what the static linker does
 * with it under -shared (binutils 2.40 bfd semantics):
 *
 *   MG_ELF_RELOC_LINK_TIME   in a non-allocated section (debug info, notes): the
 *                        linker resolves it, nothing happens at run time.
 *   MG_ELF_RELOC_PIC         position independent: PC-relative against a symbol
 *                        that binds locally, GOT/PLT-relative, page offsets,
 *                        TLS general/local-dynamic and descriptors.
 *   MG_ELF_RELOC_DYNAMIC     needs a dynamic relocation in a writable place: an
 *                        absolute pointer in .data/.data.rel.ro, or an
 *                        initial-exec TLS GOT entry.  Fine in a DSO.
 *   MG_ELF_RELOC_TEXTREL     absolute pointer into an allocated read-only section:
 *                        links, but the DSO gets DT_TEXTREL (unshareable
 *                        pages, refused by SELinux/hardened loaders).
 *   MG_ELF_RELOC_UNKNOWN     a type this module has no entry for: never guessed.
 *   MG_ELF_RELOC_NOT_SHARED  ld refuses it with -shared ("recompile with -fPIC"):
 *                        narrow absolute addresses, local-exec TLS, PC-relative
 *                        references to symbols that may bind externally, and
 *                        dynamic-only types that have no place in an ET_REL.
 *
 * The enum is ordered by severity: a summary is the maximum. */
#ifndef MG_ELF_RELOC_H
#define MG_ELF_RELOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

typedef enum mg_elf_reloc_class {
	MG_ELF_RELOC_LINK_TIME,
	MG_ELF_RELOC_PIC,
	MG_ELF_RELOC_DYNAMIC,
	MG_ELF_RELOC_TEXTREL,
	MG_ELF_RELOC_UNKNOWN,
	MG_ELF_RELOC_NOT_SHARED,
} mg_elf_reloc_class;
#define MG_ELF_RELOC_NCLASSES (MG_ELF_RELOC_NOT_SHARED + 1)

/* What a relocation type computes; the class follows from the kind, the
 * section it patches and the symbol it names. */
typedef enum mg_elf_reloc_kind {
	MG_ELF_RELOC_KIND_UNKNOWN,    /* not in the table */
	MG_ELF_RELOC_KIND_NONE,       /* R_*_NONE: no effect */
	MG_ELF_RELOC_KIND_ABS_PTR,    /* pointer-sized absolute address: dynamic reloc */
	MG_ELF_RELOC_KIND_ABS_NARROW, /* absolute address narrower than a pointer */
	MG_ELF_RELOC_KIND_PCREL,      /* S+A-P or S+A-GOT: needs S to bind locally */
	MG_ELF_RELOC_KIND_GOT_PLT,    /* through the GOT or PLT: always PIC */
	MG_ELF_RELOC_KIND_PAGE_OFF,   /* low 12 bits of S+A (aarch64): base-invariant */
	MG_ELF_RELOC_KIND_LINK_CONST, /* link-time constant (symbol size, DTP offset) */
	MG_ELF_RELOC_KIND_TLS_DYN,    /* TLS general/local dynamic, descriptors */
	MG_ELF_RELOC_KIND_TLS_IE,     /* initial-exec TLS: GOT entry + static TLS */
	MG_ELF_RELOC_KIND_TLS_LE,     /* local-exec TLS: executables only */
	MG_ELF_RELOC_KIND_DYN_ONLY,   /* only valid in dynamic relocation tables */
} mg_elf_reloc_kind;

/* A relocation type of one machine.  All strings are static. */
typedef struct mg_elf_reloc_type_info {
	const char *name; /* "R_X86_64_PC32"; NULL when unknown */
	mg_elf_reloc_kind kind;
	const char *why;  /* why the kind is classified as it is */
} mg_elf_reloc_type_info;

/* Whether MACHINE (EM_*) has a relocation table here (x86_64, aarch64). */
bool mg_elf_reloc_machine_known(unsigned machine);

/* Fill INFO for relocation TYPE of ELF machine MACHINE (EM_X86_64 or
 * EM_AARCH64).  Returns -1 (ERR names "unsupported machine") for other
 * machines; an unknown type of a supported machine returns 0 with
 * kind MG_ELF_RELOC_KIND_UNKNOWN. */
int mg_elf_reloc_type_lookup(unsigned machine, uint32_t type, mg_elf_reloc_type_info *info,
			 mg_error *err);

typedef struct mg_elf_reloc {
	uint64_t offset;        /* in the target section */
	uint32_t type;
	const char *type_name;  /* static; "unknown" for unknown types */
	size_t sym_index;       /* 0: no symbol */
	const char *sym_name;   /* the section's name for STT_SECTION, "" for 0 */
	unsigned char sym_type; /* STT_* */
	unsigned char sym_bind; /* STB_* */
	unsigned char sym_vis;  /* STV_* */
	uint32_t sym_shndx;     /* section of the symbol (SHN_XINDEX resolved) */
	int64_t addend;         /* 0 in SHT_REL sections (implicit addends) */
	mg_elf_reloc_kind kind;
	mg_elf_reloc_class cls;
	const char *why;        /* static reason for CLS */
} mg_elf_reloc;

typedef struct mg_elf_reloc_section {
	const char *name;        /* ".rela.text" */
	size_t index;            /* section header index */
	bool rela;               /* SHT_RELA (explicit addends) */
	const char *target_name; /* ".text" */
	size_t target_index;
	uint64_t target_flags;   /* sh_flags of the target (SHF_ALLOC|WRITE|EXECINSTR) */
	mg_elf_reloc *relocs;
	size_t count;
} mg_elf_reloc_section;

/* A relocation that makes the object unfit (or TEXTREL) in a DSO. */
typedef struct mg_elf_reloc_offender {
	const char *section;   /* the patched section, ".text" */
	const char *symbol;    /* as in mg_elf_reloc.sym_name */
	const char *type_name; /* "R_X86_64_32S", or "unknown" */
	uint32_t type;
	uint64_t offset;
	mg_elf_reloc_class cls;    /* TEXTREL, UNKNOWN or NOT_SHARED */
	const char *why;
} mg_elf_reloc_offender;

typedef struct mg_elf_reloc_set {
	unsigned machine;             /* EM_X86_64 or EM_AARCH64 */
	mg_elf_reloc_section *sections;
	size_t nsections;
	size_t counts[MG_ELF_RELOC_NCLASSES]; /* relocations per class */
	mg_elf_reloc_class worst;         /* LINK_TIME when there are none */
	mg_elf_reloc_offender *offenders; /* classes TEXTREL and above, in order */
	size_t noffenders;
	void *priv;                   /* the image and libelf handle the strings live in */
} mg_elf_reloc_set;

/* Read every relocation section of the ET_REL object in BUF (SIZE bytes;
 * NAME is used in errors only).  BUF is copied: the caller may free it at
 * once.  Returns a set the caller frees with mg_elf_reloc_free (all strings in it
 * are owned by the set), or NULL with ERR filled: not ELF, not ET_REL,
 * unsupported machine, truncated or inconsistent headers, a symbol index out
 * of range. */
mg_elf_reloc_set *mg_elf_reloc_read(const void *buf, size_t size, const char *name, mg_error *err);

void mg_elf_reloc_free(mg_elf_reloc_set *set);

/* True when the object links into a shared object without text relocations:
 * every relocation is LINK_TIME, PIC or DYNAMIC. */
bool mg_elf_reloc_shared_ok(const mg_elf_reloc_set *set);

/* "pic", "dynamic", "textrel", "not-shared", "unknown", "link-time". */
const char *mg_elf_reloc_class_name(mg_elf_reloc_class cls);

#endif

/* A read-only model of one ELF file over libelf/gelf: identity (class,
 * byte order, machine, type), the dynamic section, symbols with their GNU
 * symbol versions, version definitions and requirements, the section list
 * and the build-id.
 *
 * Opening reads the ELF header and the section header table only (one cheap
 * pass: every later question needs them, and bad headers are best reported
 * at once).  Everything else is read on first use and cached, so a caller
 * that only wants NEEDED pays only for .dynamic and its string table.
 *
 * Every structure is bounds-checked: a truncated or corrupted file gives -1
 * or NULL with an mg_error naming the file and the problem, never a crash,
 * a hang or a silently wrong answer.
 *
 * Ownership: an mg_elf owns everything it hands out.  Every pointer returned
 * by an accessor (structs, arrays, strings) stays valid until mg_elf_close()
 * and must not be freed by the caller.  An mg_elf is not thread-safe (the
 * lazy loaders mutate it); separate mg_elf objects are independent. */

#ifndef MG_ELF_H
#define MG_ELF_H

/* The system's ELF definitions (STB_*, VER_FLG_*, ...): the build puts lib/
 * on the quote path only (-iquote), so <elf.h> is never this file. */
#include <elf.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* libelf's handle (libelf.h includes <elf.h>, i.e. this file, so it
 * cannot be included from here). */
typedef struct Elf Elf;

typedef struct mg_elf mg_elf;

/* ---- opening ------------------------------------------------------------ */

/* True when BUF (SIZE bytes) starts like an ELF file: the magic, a known
 * class and a known data encoding.  Cheap; reads at most 6 bytes. */
bool mg_elf_is_elf(const void *buf, size_t size);

/* Open the ELF file PATH (mapped, read lazily).  On success *OUT is a new
 * model the caller frees with mg_elf_close(); on failure returns -1, *OUT is
 * NULL and ERR names PATH and the reason. */
int mg_elf_open(const char *path, mg_elf **out, mg_error *err);

/* The same for the regular file open at FD, which the model owns from now
 * on (closed by mg_elf_close, or here on failure); NAME names it. */
int mg_elf_open_fd(int fd, const char *name, mg_elf **out, mg_error *err);

/* Open an ELF image held in memory (an archive or wheel member).  The model
 * takes a private copy of BUF, so the caller may free or reuse BUF as soon
 * as this returns.  NAME (copied too) is used in error messages, e.g.
 * "wheel.whl!pkg/ext.so" or "libfoo.a(bar.o)". */
int mg_elf_open_memory(const void *buf, size_t size, const char *name,
		       mg_elf **out, mg_error *err);

/* Free ELF and everything it handed out.  NULL is allowed. */
void mg_elf_close(mg_elf *elf);

/* The name given at open (the path, or NAME of mg_elf_open_memory). */
const char *mg_elf_name(const mg_elf *elf);

/* The libelf handle, for modules that need raw access (relocations).  Owned
 * by ELF: do not elf_end() it. */
Elf *mg_elf_libelf(const mg_elf *elf);

/* ---- identity ----------------------------------------------------------- */

/* 32 or 64 (ELFCLASS32/ELFCLASS64). */
int mg_elf_class(const mg_elf *elf);

/* ELFDATA2LSB or ELFDATA2MSB. */
int mg_elf_data(const mg_elf *elf);

/* e_machine (EM_X86_64, EM_AARCH64, ...). */
unsigned mg_elf_machine(const mg_elf *elf);

/* The machine as uname -m / Python's platform tags spell it: "x86_64",
 * "i686", "aarch64", "armv7l", "ppc64le", "ppc64", "s390x", "riscv64",
 * "loongarch64", ...; another ABI of the same e_machine has its own name:
 * "x32" (ELFCLASS32 EM_X86_64), "aarch64_ilp32", "aarch64_be", "armv7b";
 * "unknown" for anything else.  Static string. */
const char *mg_elf_machine_name(const mg_elf *elf);

typedef enum mg_elf_type {
	MG_ELF_TYPE_OTHER, /* ET_NONE, ET_CORE, processor/OS specific */
	MG_ELF_TYPE_REL,   /* relocatable object */
	MG_ELF_TYPE_EXEC,  /* fixed-address executable */
	MG_ELF_TYPE_DYN,   /* shared object */
	MG_ELF_TYPE_PIE,   /* ET_DYN whose DT_FLAGS_1 has DF_1_PIE */
} mg_elf_type;

/* e_type of the header. */
unsigned mg_elf_etype(const mg_elf *elf);

/* The file's type; telling a PIE from a shared object reads the dynamic
 * section, so this can fail (-1, ERR set) on a corrupted one. */
int mg_elf_type_of(mg_elf *elf, mg_elf_type *out, mg_error *err);

/* "REL", "EXEC", "DYN", "PIE", "OTHER".  Static string. */
const char *mg_elf_type_name(mg_elf_type type);

/* ---- sections (read at open) -------------------------------------------- */

typedef struct mg_elf_section {
	size_t index;      /* section header index */
	const char *name;  /* "" when the file has no section name table */
	uint32_t type;     /* SHT_* */
	uint64_t flags;    /* SHF_* */
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t entsize;
} mg_elf_section;

/* Number of section headers (including the null section 0). */
size_t mg_elf_section_count(const mg_elf *elf);

/* Section header INDEX, or NULL when out of range. */
const mg_elf_section *mg_elf_section_at(const mg_elf *elf, size_t index);

/* The first section of type TYPE, or 0 (the null section) when none. */
size_t mg_elf_find_type(const mg_elf *elf, uint32_t type);

/* The first section called NAME, or NULL. */
const mg_elf_section *mg_elf_section_by_name(const mg_elf *elf, const char *name);

/* ---- dynamic section ---------------------------------------------------- */

typedef struct mg_elf_dynamic {
	bool present;         /* the file has a SHT_DYNAMIC section */
	size_t n_needed;
	const char **needed;  /* DT_NEEDED in file order */
	const char *soname;   /* DT_SONAME, NULL when absent */
	const char *rpath;    /* DT_RPATH, NULL when absent */
	const char *runpath;  /* DT_RUNPATH, NULL when absent */
	bool has_flags;       /* DT_FLAGS present */
	uint64_t flags;       /* DF_* */
	bool has_flags_1;     /* DT_FLAGS_1 present */
	uint64_t flags_1;     /* DF_1_* */
} mg_elf_dynamic;

/* The dynamic section (present == false for objects and static
 * executables), or NULL with ERR set when it is corrupted. */
const mg_elf_dynamic *mg_elf_dynamic_info(mg_elf *elf, mg_error *err);

/* ---- symbol versions ---------------------------------------------------- */

#define MG_ELF_VERSYM_HIDDEN 0x8000u /* binutils' VERSYM_HIDDEN */
#define MG_ELF_VERSYM_VERSION 0x7fffu

/* One .gnu.version_d entry.  Offsets are from the start of the section, as
 * readelf -V prints them. */
typedef struct mg_elf_verdef {
	size_t offset;           /* of the Verdef */
	uint16_t revision;       /* vd_version */
	uint16_t flags;          /* VER_FLG_BASE, VER_FLG_WEAK, ... */
	uint16_t index;          /* vd_ndx: the value .gnu.version uses */
	uint16_t count;          /* vd_cnt: the name plus the parents */
	uint32_t hash;           /* vd_hash */
	const char *name;        /* the first Verdaux */
	size_t n_parents;        /* count - 1 */
	const char **parents;    /* the following Verdaux names, in order */
	const size_t *parent_offsets; /* each parent's Verdaux offset */
} mg_elf_verdef;

typedef struct mg_elf_verdefs {
	bool present;            /* the file has .gnu.version_d */
	size_t section;          /* its section index when present */
	size_t count;
	const mg_elf_verdef *defs; /* in file order */
} mg_elf_verdefs;

/* The version definitions, or NULL with ERR set on corruption. */
const mg_elf_verdefs *mg_elf_verdef_info(mg_elf *elf, mg_error *err);

/* One version required from a library (a Vernaux). */
typedef struct mg_elf_vernaux {
	size_t offset;           /* of the Vernaux, from the section start */
	const char *name;        /* "GLIBCXX_3.4.30" */
	uint32_t hash;           /* vna_hash */
	uint16_t flags;          /* VER_FLG_WEAK, ... */
	uint16_t other;          /* vna_other: the version index */
	size_t n_symbols;
	const size_t *symbols;   /* dynsym indices of the symbols needing it,
				    ascending */
} mg_elf_vernaux;

/* The versions required from one library file (a Verneed). */
typedef struct mg_elf_verneed {
	size_t offset;           /* of the Verneed, from the section start */
	uint16_t version;        /* vn_version */
	uint16_t count;          /* vn_cnt */
	const char *file;        /* "libc.so.6" */
	const mg_elf_vernaux *aux; /* count entries, in file order */
} mg_elf_verneed;

typedef struct mg_elf_verneeds {
	bool present;            /* the file has .gnu.version_r */
	size_t section;          /* its section index when present */
	size_t count;
	const mg_elf_verneed *needs; /* in file order */
} mg_elf_verneeds;

/* The version requirements, with for each required version the dynamic
 * symbols that need it (this reads .dynsym and .gnu.version too), or NULL
 * with ERR set on corruption. */
const mg_elf_verneeds *mg_elf_verneed_info(mg_elf *elf, mg_error *err);

/* Look up the requirement of version NAME (from whichever file): *AUX is
 * its Vernaux and *FILE (when FILE is not NULL) the library, both NULL when
 * nothing requires NAME.  Returns 0, or -1 with ERR set on corruption. */
int mg_elf_find_required(mg_elf *elf, const char *name, const mg_elf_vernaux **aux,
			 const char **file, mg_error *err);

/* ---- symbols ------------------------------------------------------------ */

typedef enum mg_elf_ver_kind {
	MG_ELF_VER_NONE, /* unversioned: no .gnu.version, or index 0/1 */
	MG_ELF_VER_DEF,  /* a version this file defines (verdef) */
	MG_ELF_VER_NEED, /* a version required from another file (verneed) */
} mg_elf_ver_kind;

typedef struct mg_elf_symbol {
	const char *name;
	uint64_t value;
	uint64_t size;
	unsigned char bind;       /* STB_* */
	unsigned char type;       /* STT_* */
	unsigned char visibility; /* STV_* */
	uint32_t shndx;           /* the real section index (SHN_XINDEX
				     resolved through SHT_SYMTAB_SHNDX), or
				     SHN_UNDEF, SHN_ABS, SHN_COMMON */
	bool defined;             /* shndx != SHN_UNDEF */
	/* Versions (dynsym only; zero/NULL for .symtab): */
	uint16_t versym;          /* raw .gnu.version entry, 0 when none */
	const char *version;      /* NULL when unversioned */
	bool hidden;              /* VERSYM_HIDDEN: name@V rather than name@@V */
	mg_elf_ver_kind ver_kind;
	const char *version_file; /* MG_ELF_VER_NEED: the library it is needed
				     from ("libc.so.6"); NULL otherwise */
} mg_elf_symbol;

typedef struct mg_elf_symbols {
	bool present;             /* the section exists */
	size_t section;           /* its index when present */
	size_t count;             /* entries, including the null symbol 0 */
	const mg_elf_symbol *symbols; /* indexed like the section */
} mg_elf_symbols;

/* .dynsym with versions resolved (versym, verdef, verneed are read and
 * cross-checked), or NULL with ERR set on corruption. */
const mg_elf_symbols *mg_elf_dynsym(mg_elf *elf, mg_error *err);

/* .symtab (absent in stripped files; no versions), or NULL with ERR set. */
const mg_elf_symbols *mg_elf_symtab(mg_elf *elf, mg_error *err);

/* Which dynamic symbols a linked file's dynamic relocations (SHT_RELA and
 * SHT_REL sections linked to .dynsym: .rela.dyn, .rela.plt) refer to: a
 * table of one flag per .dynsym index, owned by ELF, or NULL with ERR set
 * (a relocation naming a symbol past the table is an error).  A symbol no
 * relocation names is never looked up by the loader. */
const unsigned char *mg_elf_dynsym_relocated(mg_elf *elf, mg_error *err);

/* The first symbol called NAME in TAB, or NULL.  Linear: callers that look
 * many names up build their own index. */
const mg_elf_symbol *mg_elf_symbols_find(const mg_elf_symbols *tab, const char *name);

/* ---- notes -------------------------------------------------------------- */

/* The NT_GNU_BUILD_ID as lowercase hex ("" when the file has none), or
 * NULL with ERR set when a note section is corrupted. */
const char *mg_elf_build_id(mg_elf *elf, mg_error *err);

#endif

/* Object notes: the .manyguard.objnotes section manyguard's GCC plugin
 * writes into every object it compiles (docs/plugin.md has the format):
 * producer, compiler, language and standard, PIC/PIE, OpenMP, the C++ ABI
 * macro, exceptions/RTTI, and each use of a runtime symbol newer than the
 * baseline with its source location.  The section is SHF_EXCLUDE, so it is
 * read from input objects and archive members, never from linked outputs.
 *
 * A section can hold several units (`ld -r` concatenates them); each is
 * parsed into one mg_objnotes_unit.  Bad input gives -1 and an error,
 * never a crash. */
#ifndef MG_OBJNOTES_H
#define MG_OBJNOTES_H

#include <stddef.h>

#include "base/error.h"
#include "elf/elf.h"
#include "elf/objnotes_format.h"

/* One use of a newer symbol. */
typedef struct mg_objnotes_use {
	char *symbol;          /* mangled name, e.g. _ZSt8to_charsPcS_d */
	char *version;         /* GLIBCXX_3.4.29 */
	char *status;          /* as in newer-symbols.txt: provided, hazard, ... */
	char *file;            /* source file as the compiler named it */
	unsigned long line;    /* 1-based */
	unsigned long column;  /* 1-based, in bytes */
} mg_objnotes_use;

/* One compilation unit's notes.  Strings are NULL and numbers -1 when the
 * unit does not record them (an LTRANS unit records only the symbols). */
typedef struct mg_objnotes_unit {
	char *producer;        /* "manyguard-plugin 0.1.0" */
	char *compiler;        /* "gcc 12.2.0" */
	char *language;        /* "c", "c++", "lto" */
	char *std;             /* "gnu++17", "c11", ... */
	char *openmp_version;  /* value of _OPENMP, e.g. "201511" */
	char *cxx11_abi;       /* value of _GLIBCXX_USE_CXX11_ABI: "1" or "0" */
	char *baseline;        /* "manylinux_2_28" */
	int pic;               /* 0, 1 (-fpic), 2 (-fPIC) */
	int pie;               /* 0, 1 (-fpie), 2 (-fPIE) */
	int openmp;            /* 0 or 1 (-fopenmp) */
	int exceptions;        /* 0 or 1 */
	int rtti;              /* 0 or 1 (C++ only) */
	mg_objnotes_use *uses;  /* sorted by file, line, column, symbol */
	size_t n_uses, cap_uses;
} mg_objnotes_unit;

typedef struct mg_objnotes {
	mg_objnotes_unit *units;
	size_t count;          /* >= 1 */
	size_t cap_units;
} mg_objnotes;

/* Parse a section's contents (DATA, SIZE bytes; not NUL-terminated).  NAME
 * (e.g. "libfoo.a(bar.o)") is used in errors.  On success *OUT is new, the
 * caller frees it with mg_objnotes_free(); on failure -1, *OUT NULL, ERR
 * names NAME, the line and the reason. */
int mg_objnotes_parse(const void *data, size_t size, const char *name,
		      mg_objnotes **out, mg_error *err);

/* The notes of the object ELF: 0 with *OUT NULL when it has no
 * .manyguard.objnotes section, 0 with *OUT set (caller frees) when it has
 * one, -1 with ERR set when the section or its contents are bad. */
int mg_objnotes_read(mg_elf *elf, mg_objnotes **out, mg_error *err);

/* Free NOTES and everything in it.  NULL is allowed. */
void mg_objnotes_free(mg_objnotes *notes);

#endif

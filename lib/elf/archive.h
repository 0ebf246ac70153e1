/* ar archives: read the members and the symbol index of an archive, and
 * write deterministic archives that are byte-identical to GNU ar's
 * `ar rcD` (binutils 2.40) for the same members in the same order.
 *
 * Reading understands GNU archives (`//` long-name table, `/123` name
 * references, `name/` short names, the `/` and `/SYM64/` symbol indexes)
 * and BSD archives (`#1/len` names stored in front of the member bytes).
 * Thin archives are refused: their members live outside the archive.
 * The whole archive is validated when it is opened, so a truncated or
 * corrupt archive fails there, with the member and the problem named. */
#ifndef MG_ARCHIVE_H
#define MG_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef struct mg_archive mg_archive;

typedef struct mg_archive_member {
	const char *name;          /* resolved name, owned by the mg_archive */
	const unsigned char *data; /* the member's bytes (see lifetime below) */
	size_t size;               /* bytes at DATA (a BSD name is not counted) */
	unsigned mode;             /* permission bits, parsed as octal */
	unsigned long long mtime;  /* seconds since the epoch */
	unsigned uid, gid;
	size_t header_offset;      /* offset of the member's header in the archive */
} mg_archive_member;

typedef struct mg_archive_symbol {
	const char *name; /* owned by the mg_archive */
	size_t member;    /* index for mg_archive_member_at() */
} mg_archive_symbol;

typedef enum mg_archive_index_kind {
	MG_ARCHIVE_INDEX_NONE,  /* the archive has no symbol index */
	MG_ARCHIVE_INDEX_GNU,   /* GNU `/` index, 32-bit offsets */
	MG_ARCHIVE_INDEX_GNU64, /* GNU `/SYM64/` index, 64-bit offsets */
	MG_ARCHIVE_INDEX_BSD    /* BSD `__.SYMDEF`: present but not parsed (no symbols) */
} mg_archive_index_kind;

/* Open the archive at PATH (mapped read-only).  Returns NULL and fills ERR
 * when the file cannot be read, is not an ar archive, is a thin archive,
 * or is malformed.  Member data and all names stay valid until
 * mg_archive_close(). */
mg_archive *mg_archive_open(const char *path, mg_error *err);

/* Like mg_archive_open() for an archive held in memory; NAME is used in error
 * messages.  The archive does not copy BUF: member data points into it,
 * so BUF must stay valid and unchanged until mg_archive_close(). */
mg_archive *mg_archive_open_memory(const void *buf, size_t size, const char *name,
			 mg_error *err);

/* Release everything mg_archive_open*() allocated (or mapped).  NULL is ok. */
void mg_archive_close(mg_archive *ar);

/* Members in archive order, without the special members (symbol indexes
 * and the long-name table).  Names need not be unique. */
size_t mg_archive_member_count(const mg_archive *ar);
const mg_archive_member *mg_archive_member_at(const mg_archive *ar, size_t i);

/* The symbol index in archive order: each symbol with the member that
 * defines it.  Empty for MG_ARCHIVE_INDEX_NONE and MG_ARCHIVE_INDEX_BSD. */
mg_archive_index_kind mg_archive_index(const mg_archive *ar);
size_t mg_archive_symbol_count(const mg_archive *ar);
const mg_archive_symbol *mg_archive_symbol_at(const mg_archive *ar, size_t i);

/* True for names reserved for a symbol index: "/", "/SYM64/" (GNU) and
 * "__.SYMDEF", "__.SYMDEF SORTED", "__.SYMDEF_64", "__.SYMDEF_64 SORTED"
 * (BSD). */
bool mg_archive_is_index_name(const char *name);

/* Writer.  Members are written in the order added, with zero mtime, uid
 * and gid, mode 644, GNU long names for names longer than 15 characters,
 * and a GNU symbol index listing the defined global, weak and unique
 * symbols (hidden ones included, as GNU ar does) of every ELF member. */
typedef struct mg_archive_writer mg_archive_writer;

/* A new, empty writer; free it with mg_archive_writer_free. */
mg_archive_writer *mg_archive_writer_new(void);

/* Append a member.  NAME is copied; DATA is NOT: it must stay valid and
 * unchanged until the last mg_archive_writer_write*() call.  Fails for names
 * an archive cannot hold: empty, containing '/' or '\n', or reserved for
 * a symbol index (`__.SYMDEF...`), and for sizes above 9999999999. */
int mg_archive_writer_add(mg_archive_writer *w, const char *name, const void *data,
		     size_t size, mg_error *err);

/* Build the archive into a new malloc'ed buffer (*OUT, freed by the
 * caller) of *OUT_SIZE bytes.  Fails when an ELF member's symbol table
 * cannot be read (GNU ar fails there too). */
int mg_archive_writer_write_memory(mg_archive_writer *w, unsigned char **out,
			      size_t *out_size, mg_error *err);

/* Build the archive and write it to PATH atomically: a temporary file next
 * to PATH is written, fsync'ed and renamed over PATH; on any error no file
 * is left behind.  The file gets mode 0644. */
int mg_archive_writer_write(mg_archive_writer *w, const char *path, mg_error *err);

/* Free the writer and its copies of the names.  NULL is ok. */
void mg_archive_writer_free(mg_archive_writer *w);

#endif

/* The content digest of a directory that must be trusted when it is used
 * again later (the wrappers' runtime directories, kept in a cache that
 * anything may damage): SHA256SUMS, the SHA-256 of every file below the
 * directory in `sha256sum` format, written last and checked on use.
 * Generic: whatever files the directory holds are covered, whoever adds
 * them. */
#ifndef MG_BASE_DIRDIGEST_H
#define MG_BASE_DIRDIGEST_H

#include "base/error.h"

#define MG_DIRDIGEST_FILE "SHA256SUMS"

/* Write DIR/SHA256SUMS for every regular file below DIR (subdirectories
 * included; names relative to DIR, sorted bytewise).  Anything that is
 * neither a regular file nor a directory (a symlink, a FIFO) is an error:
 * its content could change behind the digest's back.  -1 with ERR. */
int mg_dirdigest_write(const char *dir, mg_error *err);

/* Check DIR against DIR/SHA256SUMS: each file listed is there with the
 * same digest, and no other file is.  -1 with ERR naming the first file
 * that differs and how (or SHA256SUMS itself when it is missing or
 * malformed). */
int mg_dirdigest_check(const char *dir, mg_error *err);

#endif

/* Reading the members of a wheel (a zip file) in place with libzip: no
 * extraction of the wheel.  The reader is built for auditing: it lists
 * members, and opens a member as an ELF model only when its first four
 * bytes are the ELF magic, within limits on the declared member size and
 * on the compression ratio (a member claiming 4 GiB, or a zip bomb, is
 * refused before anything is allocated).  Memory does not grow with a
 * member's size: one above limits.spill_min_size is inflated into an
 * unlinked temporary file in $TMPDIR (/tmp by default) and read from there
 * lazily, like a file on disk.
 *
 * Errors name the wheel ("dist/x.whl") or the member ("dist/x.whl!pkg/a.so")
 * and say what is wrong: a broken central directory, an inconsistent
 * member, a limit exceeded.
 *
 * Ownership: an mg_wheel owns every string and buffer it hands out; they
 * stay valid as documented per call and must not be freed by the caller. */
#ifndef MG_WHEEL_H
#define MG_WHEEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "elf/elf.h"

typedef struct mg_wheel mg_wheel;

typedef struct mg_wheel_limits {
	/* Largest uncompressed member read (the biggest real shared objects
	 * in wheels are around 2 GiB: CUDA kernels). */
	uint64_t max_member_size;
	/* Largest uncompressed/compressed ratio accepted for members bigger
	 * than ratio_min_size (shared objects compress 2-10x; deflate can
	 * reach ~1000x on crafted input). */
	uint64_t max_ratio;
	uint64_t ratio_min_size;
	/* Members above this are inflated into a temporary file, not into
	 * memory (which then holds at most this much of a member). */
	uint64_t spill_min_size;
} mg_wheel_limits;

/* 2 GiB, 200x above 1 MiB, members above 8 MiB through a temporary file. */
void mg_wheel_limits_default(mg_wheel_limits *limits);

/* Open the wheel PATH.  LIMITS may be NULL (the defaults; copied).  On
 * success *OUT is a reader the caller frees with mg_wheel_close(); on
 * failure -1, *OUT NULL and ERR names PATH and the reason. */
int mg_wheel_open(const char *path, const mg_wheel_limits *limits, mg_wheel **out,
		  mg_error *err);

/* The same over a zip held in memory; BUF must outlive the reader.  NAME
 * (copied) names it in errors. */
int mg_wheel_open_memory(const void *buf, size_t size, const char *name,
			 const mg_wheel_limits *limits, mg_wheel **out, mg_error *err);

/* Free WHEEL and everything it handed out.  NULL is allowed. */
void mg_wheel_close(mg_wheel *wheel);

/* The path or NAME given at open. */
const char *mg_wheel_name(const mg_wheel *wheel);

/* Number of entries in the central directory. */
size_t mg_wheel_member_count(const mg_wheel *wheel);

typedef struct mg_wheel_member {
	const char *name;         /* as stored ("pkg/_core.so"); valid until close */
	uint64_t size;            /* declared uncompressed size */
	uint64_t compressed_size; /* declared compressed size */
	bool is_dir;              /* the name ends with '/' */
	bool is_symlink;          /* Unix mode S_IFLNK in the external attributes */
} mg_wheel_member;

/* Describe member INDEX.  Fails (-1, ERR naming the member) when the
 * central directory entry cannot be read. */
int mg_wheel_member_at(mg_wheel *wheel, size_t index, mg_wheel_member *out, mg_error *err);

/* Open member INDEX as an ELF model if it is an ELF file.  Returns 1 with
 * *ELF set (named "wheel!member"; the caller frees it with mg_elf_close,
 * and may keep it after the next call), 0 when the member is not ELF (only
 * its first bytes were inflated), -1 with ERR naming the member when it
 * cannot be read: a limit exceeded, a corrupted stream, a CRC mismatch, a
 * length other than declared, no room for the temporary file, or what
 * mg_elf_open_memory/mg_elf_open_fd refuse. */
int mg_wheel_open_elf(mg_wheel *wheel, size_t index, mg_elf **elf, mg_error *err);

/* Member INDEX read whole, when it declares at most MAX bytes (a small
 * text: the wheel's METADATA).  Returns 1 with *DATA (LEN bytes, followed
 * by a NUL; owned by WHEEL and valid until the next call that reads a
 * member), 0 when the member is larger or not a file, -1 with ERR naming
 * the member when it cannot be read or has another length than declared. */
int mg_wheel_read_small(mg_wheel *wheel, size_t index, size_t max, const char **data,
			size_t *len, mg_error *err);

/* The distribution name of a wheel file name (PEP 427:
 * "{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl"): the part
 * before the first '-' of the basename, into BUF.  Returns BUF, or NULL
 * when BUF is too small. */
char *mg_wheel_dist_name(const char *path, char *buf, size_t size);

#endif

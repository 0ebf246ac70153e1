/* SHA-256 (FIPS 180-4) of bytes and of files: the content digest of a
 * runtime directory (base/dirdigest.h).  None of the libraries we use
 * exports a hash function, and the digest must be the standard one so
 * that `sha256sum -c` checks what manyguard checks. */
#ifndef MG_BASE_SHA256_H
#define MG_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

#define MG_SHA256_SIZE 32
#define MG_SHA256_HEX (2 * MG_SHA256_SIZE + 1)

typedef struct mg_sha256 {
	uint32_t state[8];
	uint64_t length;         /* bytes hashed so far */
	unsigned char block[64]; /* the bytes of the block not yet hashed */
	size_t used;
} mg_sha256;

void mg_sha256_init(mg_sha256 *ctx);
void mg_sha256_update(mg_sha256 *ctx, const void *data, size_t size);
/* The digest into OUT; CTX must be initialised again before reuse. */
void mg_sha256_final(mg_sha256 *ctx, unsigned char out[MG_SHA256_SIZE]);

/* DIGEST as 64 lower-case hex digits into HEX. */
void mg_sha256_hex(const unsigned char digest[MG_SHA256_SIZE], char hex[MG_SHA256_HEX]);

/* The digest of the file open at FD (read from its current offset to the
 * end), as hex into HEX; -1 with ERR naming NAME when it cannot be read. */
int mg_sha256_fd(int fd, const char *name, char hex[MG_SHA256_HEX], mg_error *err);

#endif

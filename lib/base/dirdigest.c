/* SHA256SUMS of a directory.  Passes, for writing and for checking alike:
 * the walk, from a directory descriptor down with openat and O_NOFOLLOW
 * (so what is hashed is what lies below DIR, never what a symlink points
 * at), collecting each regular file's relative name and digest; the sort,
 * bytewise by name; then either the file written or the list compared
 * with the one read.
 *
 * A check reads the directory whole (a runtime directory is a few
 * megabytes: about 330 million instructions of SHA-256, more than the
 * linker wrapper's whole work on a large link, and paid by every C++
 * compile and link).  So a check that passes leaves a stamp next to the
 * directory, DIR.stamp: the inode, size, mode, mtime and ctime of the
 * directory, of every file and directory below it and of SHA256SUMS.  The
 * next check walks with fstatat only and, when that fingerprint is the
 * stamp byte for byte, stops there.  Any change to a file through the file
 * system (a write, `ar d`, a truncation, a copy or rename over it, even
 * with its mtime put back: the ctime moves) makes it differ and brings the
 * full check back; what it cannot see is a change below the file system
 * (a disk's bit rot), and a stamp that cannot be written (a read-only
 * directory) only means that every check is a full one. */
#include "config.h"
#include "base/dirdigest.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/atomic_file.h"
#include "base/grow.h"
#include "base/input.h"
#include "base/sha256.h"
#include "base/small_file.h"

/* SHA256SUMS of a directory of thousands of files stays far below this. */
#define MAX_SUMS (16u << 20)
/* Directories below the top one; deeper is no runtime directory. */
#define MAX_DEPTH 16

typedef struct entry {
	char *name; /* relative to the top */
	char hex[MG_SHA256_HEX];
	struct stat st; /* the fingerprint's walk */
} entry;

/* What a walk collects: regular files with their digests (HASH), or every
 * file and directory with its metadata (STAT, SHA256SUMS included). */
typedef enum walk_mode { WALK_HASH, WALK_STAT } walk_mode;

typedef struct entries {
	entry *v;
	size_t n, cap;
} entries;

static void entries_free(entries *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* A name SHA256SUMS can hold as it is (sha256sum escapes the others). */
static bool plain_name(const char *name)
{
	return !strpbrk(name, "\n\r\\");
}

static int walk(int fd, const char *top, const char *prefix, int depth, walk_mode mode,
		entries *out, mg_error *err);

/* The walk below directory N of D, whose relative name is REL. */
static int walk_sub(DIR *d, const char *n, const char *top, const char *rel, int depth,
		    walk_mode mode, entries *out, mg_error *err)
{
	char *shown = concat(top, "/", rel, NULL);
	int sub = depth < MAX_DEPTH ? openat(dirfd(d), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					     O_CLOEXEC) : -1;
	int rc;
	if (sub < 0) {
		rc = mg_error_set(err, shown, "cannot open directory: %s",
				  depth < MAX_DEPTH ? strerror(errno) : "too deep");
	} else {
		char *sub_prefix = concat(rel, "/", NULL);
		rc = walk(sub, top, sub_prefix, depth + 1, mode, out, err);
		free(sub_prefix);
	}
	free(shown);
	return rc;
}

/* File N of D (SHOWN in errors) with its digest added to OUT, which takes
 * *REL over. */
static int add_digest(DIR *d, const char *n, const char *shown, char **rel, entries *out,
		      mg_error *err)
{
	int ffd = mg_input_openat(dirfd(d), n, shown, NULL, err);
	MG_GROW(out->v, out->n + 1, out->cap);
	entry *e = &out->v[out->n];
	int rc = -1;
	if (ffd >= 0 && mg_sha256_fd(ffd, shown, e->hex, err) == 0) {
		e->name = *rel;
		*rel = NULL;
		out->n++;
		rc = 0;
	}
	if (ffd >= 0)
		close(ffd);
	return rc;
}

/* The walk: every file below the directory open at FD (which it closes),
 * whose names start with PREFIX ("" at the top). */
static int walk(int fd, const char *top, const char *prefix, int depth, walk_mode mode,
		entries *out, mg_error *err)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		mg_error_set(err, top, "cannot read directory: %s", strerror(errno));
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *de;
	while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
		    (mode == WALK_HASH && !*prefix && strcmp(n, MG_DIRDIGEST_FILE) == 0))
			continue;
		char *rel = concat(prefix, n, NULL);
		char *shown = concat(top, "/", rel, NULL);
		struct stat st;
		if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = mg_error_set(err, shown, "cannot stat: %s", strerror(errno));
		} else if (!plain_name(rel)) {
			rc = mg_error_set(err, shown, "a name with a newline or backslash");
		} else {
			if (mode == WALK_STAT) {
				MG_GROW(out->v, out->n + 1, out->cap);
				entry *e = &out->v[out->n++];
				e->name = xstrdup(rel);
				e->st = st;
			}
			if (S_ISDIR(st.st_mode))
				rc = walk_sub(d, n, top, rel, depth, mode, out, err);
			else if (mode == WALK_HASH && add_digest(d, n, shown, &rel, out, err) != 0)
				rc = -1;
		}
		free(rel);
		free(shown);
	}
	if (rc == 0 && errno != 0)
		rc = mg_error_set(err, top, "cannot read directory: %s", strerror(errno));
	closedir(d);
	return rc;
}

/* Every file below DIR with its digest (or, by MODE, every file and
 * directory with its metadata), sorted. */
static int collect(const char *dir, walk_mode mode, entries *out, mg_error *err)
{
	memset(out, 0, sizeof *out);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return mg_error_set(err, dir, "cannot open directory: %s", strerror(errno));
	if (walk(fd, dir, "", 0, mode, out, err) != 0) {
		entries_free(out);
		return -1;
	}
	qsort(out->v, out->n, sizeof *out->v, by_name);
	return 0;
}

int mg_dirdigest_write(const char *dir, mg_error *err)
{
	entries l;
	if (collect(dir, WALK_HASH, &l, err) != 0)
		return -1;
	size_t len = 0;
	for (size_t i = 0; i < l.n; i++)
		len += MG_SHA256_HEX + 2 + strlen(l.v[i].name);
	char *text = xmalloc(len + 1), *p = text;
	for (size_t i = 0; i < l.n; i++)
		p += sprintf(p, "%s  %s\n", l.v[i].hex, l.v[i].name);
	char *path = concat(dir, "/" MG_DIRDIGEST_FILE, NULL);
	int rc = mg_atomic_file_write(path, text, (size_t)(p - text), mg_atomic_file_mode(), err);
	free(path);
	free(text);
	entries_free(&l);
	return rc;
}

/* The lines of SHA256SUMS (TEXT, LEN bytes) as a sorted list; SUMS names
 * it in errors. */
static int parse(char *text, size_t len, const char *sums, entries *out, mg_error *err)
{
	memset(out, 0, sizeof *out);
	size_t lineno = 0;
	for (char *line = text; line < text + len;) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		lineno++;
		if (!nl) {
			entries_free(out);
			return mg_error_set(err, sums, "line %zu is cut off (no newline)", lineno);
		}
		*nl = '\0';
		size_t hexlen = strspn(line, "0123456789abcdef");
		if (hexlen != MG_SHA256_HEX - 1 || strncmp(line + hexlen, "  ", 2) != 0 ||
		    !line[hexlen + 2] || strlen(line) != (size_t)(nl - line)) {
			entries_free(out);
			return mg_error_set(err, sums, "line %zu is not \"<sha256>  <file>\"",
					    lineno);
		}
		MG_GROW(out->v, out->n + 1, out->cap);
		entry *e = &out->v[out->n++];
		memcpy(e->hex, line, MG_SHA256_HEX - 1);
		e->hex[MG_SHA256_HEX - 1] = '\0';
		e->name = xstrdup(line + hexlen + 2);
		line = nl + 1;
	}
	qsort(out->v, out->n, sizeof *out->v, by_name);
	return 0;
}

static void put_stat(char **p, const struct stat *st, const char *name)
{
	*p += sprintf(*p, "%llu %llu %o %lld %lld.%09ld %lld.%09ld %s\n",
		      (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
		      (unsigned)st->st_mode, (long long)st->st_size, (long long)st->st_mtim.tv_sec,
		      st->st_mtim.tv_nsec, (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec, name);
}

/* The metadata of DIR and of everything below it, as the stamp holds it
 * (malloc'd), or NULL when some of it cannot be read. */
static char *fingerprint(const char *dir, size_t *len)
{
	struct stat top;
	entries l;
	mg_error ignored;
	if (stat(dir, &top) != 0 || collect(dir, WALK_STAT, &l, &ignored) != 0)
		return NULL;
	size_t cap = 128;
	for (size_t i = 0; i < l.n; i++)
		cap += 128 + strlen(l.v[i].name);
	char *text = xmalloc(cap), *p = text;
	put_stat(&p, &top, ".");
	for (size_t i = 0; i < l.n; i++)
		put_stat(&p, &l.v[i].st, l.v[i].name);
	entries_free(&l);
	*len = (size_t)(p - text);
	return text;
}

int mg_dirdigest_check(const char *dir, mg_error *err)
{
	char *sums = concat(dir, "/" MG_DIRDIGEST_FILE, NULL);
	size_t dir_len = strlen(dir);
	while (dir_len > 1 && dir[dir_len - 1] == '/')
		dir_len--; /* DIR/ names DIR: its stamp is still beside it */
	char *stamp = mg_asprintf("%.*s.stamp", (int)dir_len, dir);
	size_t len = 0, fp_len = 0, stamp_len = 0;
	mg_error why;
	char *fp = fingerprint(dir, &fp_len);
	char *seen = fp ? mg_small_file_read(stamp, MAX_SUMS, &stamp_len, &why) : NULL;
	char *text = NULL;
	entries want = {0}, have = {0};
	int rc = -1;
	if (seen && stamp_len == fp_len && memcmp(seen, fp, fp_len) == 0) {
		rc = 0; /* nothing changed since the last full check */
		goto out;
	}
	text = mg_small_file_read(sums, MAX_SUMS, &len, &why);
	if (!text) {
		mg_error_set(err, sums, "%s", why.reason);
		goto out;
	}
	if (parse(text, len, sums, &want, err) != 0 ||
	    collect(dir, WALK_HASH, &have, err) != 0)
		goto out;
	size_t i = 0, j = 0;
	while (i < want.n || j < have.n) {
		int c = i == want.n ? 1 : j == have.n ? -1 : strcmp(want.v[i].name, have.v[j].name);
		const char *name = c <= 0 ? want.v[i].name : have.v[j].name;
		char *path = concat(dir, "/", name, NULL);
		if (c < 0)
			mg_error_set(err, path, "missing (" MG_DIRDIGEST_FILE " lists it)");
		else if (c > 0)
			mg_error_set(err, path, "not listed in " MG_DIRDIGEST_FILE);
		else if (strcmp(want.v[i].hex, have.v[j].hex) != 0)
			mg_error_set(err, path,
				     "its content differs from the digest in " MG_DIRDIGEST_FILE);
		free(path);
		if (c != 0 || strcmp(want.v[i].hex, have.v[j].hex) != 0)
			goto out;
		i++, j++;
	}
	rc = 0;
	/* The fingerprint taken before the check: a change made during it
	 * makes the next check a full one again. */
	if (fp)
		mg_atomic_file_write(stamp, fp, fp_len, mg_atomic_file_mode(), &why);
out:
	entries_free(&want);
	entries_free(&have);
	free(text);
	free(seen);
	free(fp);
	free(stamp);
	free(sums);
	return rc;
}

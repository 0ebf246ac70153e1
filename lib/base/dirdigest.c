/* SHA256SUMS of a directory.  Passes, for writing and for checking alike:
 * the walk, from a directory descriptor down with openat and O_NOFOLLOW
 * (so what is hashed is what lies below DIR, never what a symlink points
 * at), collecting each regular file's relative name and digest; the sort,
 * bytewise by name; then either the file written or the list compared
 * with the one read.  A checked directory is read once, whole: a runtime
 * directory is a few megabytes. */
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
} entry;

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

/* The walk: every file below the directory open at FD (which it closes),
 * whose names start with PREFIX ("" at the top). */
static int walk(int fd, const char *top, const char *prefix, int depth, entries *out,
		mg_error *err)
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
		    (!*prefix && strcmp(n, MG_DIRDIGEST_FILE) == 0))
			continue;
		char *rel = concat(prefix, n, NULL);
		char *shown = concat(top, "/", rel, NULL);
		struct stat st;
		if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = mg_error_set(err, shown, "cannot stat: %s", strerror(errno));
		} else if (!plain_name(rel)) {
			rc = mg_error_set(err, shown, "a name with a newline or backslash");
		} else if (S_ISDIR(st.st_mode)) {
			int sub = depth < MAX_DEPTH ? openat(dirfd(d), n, O_RDONLY | O_DIRECTORY |
							    O_NOFOLLOW | O_CLOEXEC) : -1;
			if (sub < 0)
				rc = mg_error_set(err, shown, "cannot open directory: %s",
						  depth < MAX_DEPTH ? strerror(errno) : "too deep");
			else {
				char *sub_prefix = concat(rel, "/", NULL);
				rc = walk(sub, top, sub_prefix, depth + 1, out, err);
				free(sub_prefix);
			}
		} else {
			int ffd = mg_input_openat(dirfd(d), n, shown, NULL, err);
			MG_GROW(out->v, out->n + 1, out->cap);
			entry *e = &out->v[out->n];
			if (ffd < 0 || mg_sha256_fd(ffd, shown, e->hex, err) != 0) {
				rc = -1;
			} else {
				e->name = rel;
				rel = NULL;
				out->n++;
			}
			if (ffd >= 0)
				close(ffd);
		}
		free(rel);
		free(shown);
	}
	if (rc == 0 && errno != 0)
		rc = mg_error_set(err, top, "cannot read directory: %s", strerror(errno));
	closedir(d);
	return rc;
}

/* Every file below DIR with its digest, sorted. */
static int collect(const char *dir, entries *out, mg_error *err)
{
	memset(out, 0, sizeof *out);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return mg_error_set(err, dir, "cannot open directory: %s", strerror(errno));
	if (walk(fd, dir, "", 0, out, err) != 0) {
		entries_free(out);
		return -1;
	}
	qsort(out->v, out->n, sizeof *out->v, by_name);
	return 0;
}

int mg_dirdigest_write(const char *dir, mg_error *err)
{
	entries l;
	if (collect(dir, &l, err) != 0)
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

int mg_dirdigest_check(const char *dir, mg_error *err)
{
	char *sums = concat(dir, "/" MG_DIRDIGEST_FILE, NULL);
	size_t len = 0;
	mg_error why;
	char *text = mg_small_file_read(sums, MAX_SUMS, &len, &why);
	entries want = {0}, have = {0};
	int rc = -1;
	if (!text) {
		mg_error_set(err, sums, "%s", why.reason);
		goto out;
	}
	if (parse(text, len, sums, &want, err) != 0 || collect(dir, &have, err) != 0)
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
out:
	entries_free(&want);
	entries_free(&have);
	free(text);
	free(sums);
	return rc;
}

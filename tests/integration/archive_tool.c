/* Test driver for lib/archive: exposes the reader and the writer to the
 * shell tests, which compare them with GNU ar, nm and llvm-ar.
 *   archive_tool list ARCHIVE          "SIZE NAME" per member
 *   archive_tool modes ARCHIVE         "MODE UID GID MTIME NAME" per member
 *   archive_tool symbols ARCHIVE       "SYMBOL in MEMBER" (like nm --print-armap)
 *   archive_tool cat ARCHIVE INDEX     member INDEX's bytes to stdout
 *   archive_tool create OUT FILE...    archive of FILEs (named by basename)
 *   archive_tool rewrite IN OUT        IN's members, re-archived by the writer
 * Errors go to stderr as "archive_tool: FILE: REASON", exit status 1. */
#include "config.h"
#include "elf/archive.h"

#include <fcntl.h>
#include <libiberty/libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const mg_error *err)
{
	char buf[6000];
	fprintf(stderr, "archive_tool: %s\n", mg_error_format(err, buf, sizeof buf));
	return 1;
}

static int list(const char *path, const char *what)
{
	mg_error err;
	mg_archive *ar = mg_archive_open(path, &err);
	if (!ar)
		return fail(&err);
	if (strcmp(what, "symbols") == 0) {
		for (size_t i = 0; i < mg_archive_symbol_count(ar); i++) {
			const mg_archive_symbol *s = mg_archive_symbol_at(ar, i);
			printf("%s in %s\n", s->name, mg_archive_member_at(ar, s->member)->name);
		}
	} else {
		for (size_t i = 0; i < mg_archive_member_count(ar); i++) {
			const mg_archive_member *m = mg_archive_member_at(ar, i);
			if (strcmp(what, "list") == 0)
				printf("%zu %s\n", m->size, m->name);
			else
				printf("%o %u %u %llu %s\n", m->mode, m->uid, m->gid,
				       m->mtime, m->name);
		}
	}
	mg_archive_close(ar);
	return 0;
}

static int cat(const char *path, const char *index)
{
	mg_error err;
	mg_archive *ar = mg_archive_open(path, &err);
	if (!ar)
		return fail(&err);
	const mg_archive_member *m = mg_archive_member_at(ar, strtoul(index, NULL, 10));
	int rc = 1;
	if (m && fwrite(m->data, 1, m->size, stdout) == m->size)
		rc = 0;
	mg_archive_close(ar);
	return rc;
}

static int create(const char *out, char **files, int n)
{
	mg_error err;
	int rc = 1;
	void **maps = xcalloc((size_t)n + 1, sizeof *maps);
	size_t *sizes = xcalloc((size_t)n + 1, sizeof *sizes);
	mg_archive_writer *w = mg_archive_writer_new();
	for (int i = 0; i < n; i++) {
		int fd = open(files[i], O_RDONLY);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) != 0) {
			perror(files[i]);
			if (fd >= 0)
				close(fd);
			goto cleanup;
		}
		sizes[i] = (size_t)st.st_size;
		if (sizes[i]) {
			maps[i] = mmap(NULL, sizes[i], PROT_READ, MAP_PRIVATE, fd, 0);
			if (maps[i] == MAP_FAILED) {
				maps[i] = NULL;
				perror(files[i]);
				close(fd);
				goto cleanup;
			}
		}
		close(fd);
		if (mg_archive_writer_add(w, lbasename(files[i]), maps[i], sizes[i], &err) != 0)
			goto cleanup;
	}
	if (mg_archive_writer_write(w, out, &err) == 0)
		rc = 0;
cleanup:
	if (rc != 0 && (w || err.reason[0]))
		fail(&err);
	mg_archive_writer_free(w);
	for (int i = 0; i < n; i++)
		if (maps[i])
			munmap(maps[i], sizes[i]);
	free(maps);
	free(sizes);
	return rc;
}

static int rewrite(const char *in, const char *out)
{
	mg_error err;
	mg_archive *ar = mg_archive_open(in, &err);
	if (!ar)
		return fail(&err);
	mg_archive_writer *w = mg_archive_writer_new();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < mg_archive_member_count(ar); i++) {
		const mg_archive_member *m = mg_archive_member_at(ar, i);
		rc = mg_archive_writer_add(w, m->name, m->data, m->size, &err);
	}
	if (rc == 0)
		rc = mg_archive_writer_write(w, out, &err);
	mg_archive_writer_free(w);
	mg_archive_close(ar);
	return rc == 0 ? 0 : fail(&err);
}

int main(int argc, char **argv)
{
	if (argc == 3 && (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "modes") == 0
			  || strcmp(argv[1], "symbols") == 0))
		return list(argv[2], argv[1]);
	if (argc == 4 && strcmp(argv[1], "cat") == 0)
		return cat(argv[2], argv[3]);
	if (argc >= 3 && strcmp(argv[1], "create") == 0)
		return create(argv[2], argv + 3, argc - 3);
	if (argc == 4 && strcmp(argv[1], "rewrite") == 0)
		return rewrite(argv[2], argv[3]);
	fprintf(stderr, "usage: archive_tool list|modes|symbols|cat|create|rewrite ...\n");
	return 2;
}

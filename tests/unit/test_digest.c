/* SHA-256 against the FIPS 180-4 examples, SHA256SUMS of a directory
 * written, checked, and refused after each kind of damage, and the safe
 * opening of inputs (a FIFO, a directory, a symlink under openat). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/dirdigest.h"
#include "base/input.h"
#include "base/outdir.h"
#include "base/sha256.h"
#include "base/small_file.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"

static void hex_of(const void *data, size_t size, size_t chunk, char hex[MG_SHA256_HEX])
{
	mg_sha256 ctx;
	unsigned char d[MG_SHA256_SIZE];
	mg_sha256_init(&ctx);
	const unsigned char *p = data;
	/* Fed in pieces, so that the partial-block path is exercised. */
	for (size_t off = 0; off < size; off += chunk)
		mg_sha256_update(&ctx, p + off, size - off < chunk ? size - off : chunk);
	mg_sha256_final(&ctx, d);
	mg_sha256_hex(d, hex);
}

static void test_sha256(void)
{
	static const struct {
		const char *text;
		const char *hex;
	} vectors[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[MG_SHA256_HEX];
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++)
		for (size_t chunk = 1; chunk <= 64; chunk *= 7) {
			size_t len = strlen(vectors[i].text);
			hex_of(vectors[i].text, len, chunk, hex);
			tap_eq_str(hex, vectors[i].hex, "SHA-256 of a FIPS 180-4 example");
		}
	size_t n = 1000000;
	char *a = xmalloc(n);
	memset(a, 'a', n);
	hex_of(a, n, 4093, hex);
	tap_eq_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
		   "SHA-256 of a million 'a'");
	free(a);
}

static char *dir_file(const char *dir, const char *name)
{
	return concat(dir, "/", name, NULL);
}

/* Check DIR and expect failure whose reason contains WANT, for FILE. */
static void expect_damage(const char *dir, const char *file, const char *want, const char *what)
{
	mg_error err;
	mg_error_clear(&err);
	int rc = mg_dirdigest_check(dir, &err);
	char *path = dir_file(dir, file);
	tap_ok(rc == -1 && strcmp(err.file, path) == 0 && strstr(err.reason, want),
	       "%s: refused, naming %s (%s: %s)", what, file, err.file, err.reason);
	free(path);
}

static void test_dirdigest(const char *tmp)
{
	char *dir = dir_file(tmp, "rt");
	char *sub = dir_file(dir, "sub");
	mkdir(dir, 0755);
	mkdir(sub, 0755);
	char *a = dir_file(dir, "a.txt"), *b = dir_file(sub, "b.a"), *sums = dir_file(dir, MG_DIRDIGEST_FILE);
	tu_write_file(a, "abc");
	tu_write_file(b, "");
	mg_error err;
	tap_ok(mg_dirdigest_write(dir, &err) == 0, "SHA256SUMS written");
	size_t len;
	char *text = mg_small_file_read(sums, 4096, &len, NULL);
	tap_eq_str(text,
		   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n"
		   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  sub/b.a\n",
		   "in sha256sum's format, every file below the directory, sorted");
	free(text);
	tap_ok(mg_dirdigest_check(dir, &err) == 0, "an intact directory passes");
	char *stamp = concat(dir, ".stamp", NULL);
	text = mg_small_file_read(stamp, 4096, &len, NULL);
	tap_ok(text && strstr(text, " .\n") && strstr(text, " sub/b.a\n") &&
	       strstr(text, " " MG_DIRDIGEST_FILE "\n"),
	       "a passed check leaves its stamp beside the directory: its metadata, every "
	       "file's and SHA256SUMS'");
	free(text);
	char *slashed = concat(dir, "/", NULL);
	tap_ok(mg_dirdigest_check(slashed, &err) == 0 && access(stamp, F_OK) == 0,
	       "checked as DIR/, it passes, its stamp still beside it (nothing added inside)");
	tap_ok(mg_dirdigest_check(dir, &err) == 0, "checked again, from its stamp");
	free(slashed);

	/* The same size and mtime after a change: the ctime still moves. */
	struct stat before;
	stat(a, &before);
	tu_write_file(a, "abd");
	struct timespec times[2] = { before.st_atim, before.st_mtim };
	utimensat(AT_FDCWD, a, times, 0);
	expect_damage(dir, "a.txt", "content differs", "a change with size and mtime put back");
	tu_write_file(a, "abc");
	tap_ok(mg_dirdigest_check(dir, &err) == 0, "restored, it passes");
	free(stamp);

	tu_write_file(a, "abd");
	expect_damage(dir, "a.txt", "content differs", "a changed file");
	tu_write_file(a, "abc");
	unlink(b);
	expect_damage(dir, "sub/b.a", "missing", "a deleted file");
	tu_write_file(b, "");
	char *c = dir_file(dir, "c.o");
	tu_write_file(c, "x");
	expect_damage(dir, "c.o", "not listed", "an added file");
	unlink(c);
	tap_ok(mg_dirdigest_check(dir, &err) == 0, "restored, it passes again");
	tu_write_file(sums, "not a digest\n");
	expect_damage(dir, MG_DIRDIGEST_FILE, "line 1", "a garbled SHA256SUMS");
	unlink(sums);
	expect_damage(dir, MG_DIRDIGEST_FILE, "cannot open", "no SHA256SUMS");

	symlink("a.txt", c);
	tap_ok(mg_dirdigest_write(dir, &err) == -1 && strstr(err.reason, "symbolic link"),
	       "a symlink inside cannot be covered: %s", err.reason);
	unlink(c);
	free(c);
	free(a);
	free(b);
	free(sums);
	free(sub);
	free(dir);
}

static void test_input(const char *tmp)
{
	char *fifo = dir_file(tmp, "fifo");
	mg_error err;
	tap_ok(mkfifo(fifo, 0600) == 0, "a FIFO made");
	/* Without O_NONBLOCK this open would wait for a writer forever. */
	tap_ok(mg_input_open(fifo, NULL, &err) == -1 && strcmp(err.reason, "not a regular file (a FIFO)") == 0,
	       "a FIFO is refused at once: %s", err.reason);
	tap_ok(mg_input_open(tmp, NULL, &err) == -1 &&
		       strcmp(err.reason, "not a regular file (a directory)") == 0,
	       "a directory is refused: %s", err.reason);
	size_t len;
	tap_ok(mg_small_file_read(fifo, 100, &len, &err) == NULL && strstr(err.reason, "FIFO"),
	       "small files: a FIFO is refused too");
	char *file = dir_file(tmp, "f"), *link = dir_file(tmp, "l");
	tu_write_file(file, "x");
	symlink("f", link);
	int fd = mg_input_open(link, NULL, &err);
	tap_ok(fd >= 0, "a symlink to a file opens by name");
	if (fd >= 0)
		close(fd);
	int dfd = open(tmp, O_RDONLY | O_DIRECTORY);
	tap_ok(mg_input_openat(dfd, "l", "shown/l", NULL, &err) == -1 &&
		       strcmp(err.file, "shown/l") == 0 && strstr(err.reason, "symbolic link"),
	       "openat never follows one: %s", err.reason);
	close(dfd);
	free(file);
	free(link);
	free(fifo);
}

int main(void)
{
	char tmpl[] = "/tmp/mg-digest.XXXXXX";
	const char *tmp = mkdtemp(tmpl);
	if (!tmp)
		tap_bail("mkdtemp: %s", strerror(errno));
	test_sha256();
	test_dirdigest(tmp);
	test_input(tmp);
	mg_outdir_remove_tree(tmp, NULL);
	return tap_done();
}

/* Unit tests for lib/archive: archives built byte by byte here (GNU and
 * BSD layouts, symbol indexes, every kind of damage), read back through
 * the reader; the writer's layout checked against the format GNU ar
 * writes.  Comparisons with the real ar, nm and linkers live in
 * tests/integration/archive_*.sh. */
#include "config.h"
#include "elf/archive.h"
#include "tests/unit/tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A growable byte buffer to assemble archives in. */
struct buf {
	unsigned char d[8192];
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->n + n > sizeof b->d)
		tap_bail("test buffer too small");
	memcpy(b->d + b->n, p, n);
	b->n += n;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* A header with the given name and size field text (GNU ar's D values). */
static void header(struct buf *b, const char *name, const char *size)
{
	char h[61];
	snprintf(h, sizeof h, "%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "0", "0", "0",
		 "644", size);
	put(b, h, 60);
}

/* GNU ar leaves date, uid, gid and mode of `//` blank. */
static void longnames_header(struct buf *b, const char *size)
{
	char h[61];
	snprintf(h, sizeof h, "%-48s%-10s`\n", "//", size);
	put(b, h, 60);
}

static void member(struct buf *b, const char *name, const char *data)
{
	char size[24];
	size_t n = strlen(data);
	snprintf(size, sizeof size, "%zu", n);
	header(b, name, size);
	put(b, data, n);
	if (n & 1)
		puts_(b, "\n");
}

static mg_archive *open_buf(const struct buf *b, mg_error *err)
{
	return mg_archive_open_memory(b->d, b->n, "t.a", err);
}

/* Expect the archive to be refused with a reason containing WANT. */
static void refused(const struct buf *b, const char *want, const char *what)
{
	mg_error err;
	mg_error_clear(&err);
	mg_archive *ar = open_buf(b, &err);
	tap_ok(ar == NULL, "%s: refused", what);
	if (!tap_ok(strstr(err.reason, want) != NULL, "%s: reason names the problem", what))
		tap_diag("reason: %s (wanted \"%s\")", err.reason, want);
	tap_eq_str(err.file, "t.a", "error names the archive");
	mg_archive_close(ar);
}

/* GNU archive: long-name table, `name/` and `/N` names, odd sizes. */
static void build_gnu(struct buf *b)
{
	b->n = 0;
	puts_(b, "!<arch>\n");
	longnames_header(b, "48");
	puts_(b, "a_name_longer_than_15.o/\nanother_long_name.txt/\n");
	member(b, "short.o/", "abc");
	member(b, "/0", "hello!");
	member(b, "/25", "x");
	member(b, "exactly15chars_/", "");
}

static void test_gnu_names(void)
{
	struct buf b;
	build_gnu(&b);
	mg_error err;
	mg_archive *ar = open_buf(&b, &err);
	if (!tap_ok(ar != NULL, "GNU archive opens"))
		tap_bail("%s", err.reason);
	tap_eq_int((long long)mg_archive_member_count(ar), 4, "4 members (`//` hidden)");
	static const char *const names[] = { "short.o", "a_name_longer_than_15.o",
					     "another_long_name.txt", "exactly15chars_" };
	static const char *const datas[] = { "abc", "hello!", "x", "" };
	for (size_t i = 0; i < 4; i++) {
		const mg_archive_member *m = mg_archive_member_at(ar, i);
		tap_eq_str(m->name, names[i], "member name");
		tap_ok(m->size == strlen(datas[i]) && memcmp(m->data, datas[i], m->size) == 0,
		       "member %zu bytes point into the buffer", i);
		tap_eq_int(m->mode, 0644, "mode parsed as octal");
	}
	tap_eq_int((long long)mg_archive_member_at(ar, 1)->header_offset, 8 + 60 + 48 + 64,
		   "header offset of the second member");
	tap_ok(mg_archive_member_at(ar, 4) == NULL, "no member past the end");
	tap_eq_int(mg_archive_index(ar), MG_ARCHIVE_INDEX_NONE, "no symbol index");
	mg_archive_close(ar);
}

/* A member whose bytes look like a broken ELF file (libelf cannot open it)
 * is still a member, and the walk goes on past it (found by fuzzing). */
static void test_broken_elf_member(void)
{
	struct buf b = { .n = 0 };
	puts_(&b, "!<arch>\n");
	longnames_header(&b, "26");
	puts_(&b, "a_broken_elf_long_name.o/\n");
	member(&b, "bad.o/", "\177ELF\3\1\1");
	member(&b, "/0", "\177ELF\1\1\1");
	member(&b, "good.txt/", "ok");
	member(&b, "#1/", "not BSD");
	mg_error err;
	mg_archive *ar = open_buf(&b, &err);
	if (!tap_ok(ar != NULL, "archive with broken ELF members opens"))
		tap_diag("%s", err.reason);
	else {
		tap_eq_int((long long)mg_archive_member_count(ar), 4, "4 members");
		tap_eq_str(mg_archive_member_at(ar, 3)->name, "#1", "\"#1/\" without a digit is a GNU name");
		tap_eq_str(mg_archive_member_at(ar, 0)->name, "bad.o", "short name of a broken ELF member");
		tap_eq_str(mg_archive_member_at(ar, 1)->name, "a_broken_elf_long_name.o",
			   "long name of a broken ELF member");
		tap_eq_str(mg_archive_member_at(ar, 2)->name, "good.txt", "member after them");
	}
	mg_archive_close(ar);
}

/* The writer must produce exactly the bytes GNU ar lays out for the same
 * non-ELF members (no symbol index then). */
static void test_writer_layout(void)
{
	struct buf want;
	build_gnu(&want);
	mg_error err;
	mg_archive_writer *w = mg_archive_writer_new();
	tap_ok(mg_archive_writer_add(w, "short.o", "abc", 3, &err) == 0, "add short name");
	tap_ok(mg_archive_writer_add(w, "a_name_longer_than_15.o", "hello!", 6, &err) == 0,
	       "add long name");
	tap_ok(mg_archive_writer_add(w, "another_long_name.txt", "x", 1, &err) == 0, "add odd size");
	tap_ok(mg_archive_writer_add(w, "exactly15chars_", "", 0, &err) == 0, "add empty member");
	unsigned char *out;
	size_t n;
	tap_ok(mg_archive_writer_write_memory(w, &out, &n, &err) == 0, "write to memory");
	tap_ok(n == want.n && memcmp(out, want.d, n) == 0, "bytes equal GNU ar's layout");
	free(out);

	tap_ok(mg_archive_writer_add(w, "", "", 0, &err) != 0, "empty name refused");
	tap_ok(mg_archive_writer_add(w, "dir/x.o", "", 0, &err) != 0, "name with '/' refused");
	tap_ok(mg_archive_writer_add(w, "a\nb", "", 0, &err) != 0, "name with newline refused");
	tap_ok(mg_archive_writer_add(w, "__.SYMDEF", "", 0, &err) != 0, "index name refused");
	tap_ok(strstr(err.reason, "reserved") != NULL, "reason says reserved");
	mg_archive_writer_free(w);

	w = mg_archive_writer_new();
	tap_ok(mg_archive_writer_write_memory(w, &out, &n, &err) == 0
	       && n == 8 && memcmp(out, "!<arch>\n", 8) == 0, "no members: just the magic");
	free(out);
	mg_archive_writer_free(w);
}

/* A GNU `/` index of COUNT symbols: "f" in two.o, "g" in one.o, and a
 * third at two.o's header offset plus SKEW. */
static void build_indexed(struct buf *b, unsigned count, unsigned skew, const char *names,
			  size_t names_len)
{
	unsigned char idx[64];
	size_t n = 0, isize = 16 + names_len;
	unsigned one = (unsigned)(8 + 60 + isize + (isize & 1)), two = one + 64;
	unsigned offs[3] = { two, one, two + skew };
	idx[n++] = 0, idx[n++] = 0, idx[n++] = 0, idx[n++] = (unsigned char)count;
	for (size_t i = 0; i < 3; i++)
		for (int s = 24; s >= 0; s -= 8)
			idx[n++] = (unsigned char)(offs[i] >> s);
	memcpy(idx + n, names, names_len);
	n += names_len;
	b->n = 0;
	puts_(b, "!<arch>\n");
	char size[24];
	snprintf(size, sizeof size, "%zu", n);
	header(b, "/", size);
	put(b, idx, n);
	if (n & 1)
		put(b, "", 1);
	member(b, "one.o/", "1111");
	member(b, "two.o/", "2222");
}

static void test_symbol_index(void)
{
	struct buf b;
	mg_error err;
	build_indexed(&b, 3, 0, "f\0g\0h\0", 6);
	mg_archive *ar = open_buf(&b, &err);
	if (!tap_ok(ar != NULL, "indexed archive opens"))
		tap_diag("%s", err.reason);
	else {
		tap_eq_int(mg_archive_index(ar), MG_ARCHIVE_INDEX_GNU, "GNU index found");
		tap_eq_int((long long)mg_archive_symbol_count(ar), 3, "3 symbols");
		tap_eq_str(mg_archive_symbol_at(ar, 0)->name, "f", "symbol 0");
		tap_eq_int((long long)mg_archive_symbol_at(ar, 0)->member, 1, "f in two.o");
		tap_eq_int((long long)mg_archive_symbol_at(ar, 1)->member, 0, "g in one.o");
		tap_eq_str(mg_archive_symbol_at(ar, 2)->name, "h", "symbol 2");
		tap_eq_int((long long)mg_archive_member_count(ar), 2, "index is not a member");
	}
	mg_archive_close(ar);

	build_indexed(&b, 3, 2, "f\0g\0h\0", 6);
	refused(&b, "where no member starts", "index offset inside a member");
	build_indexed(&b, 200, 0, "f\0g\0h\0", 6);
	refused(&b, "claims 200 symbols", "index count too large");
	build_indexed(&b, 3, 0, "f\0g\0hh", 6);
	refused(&b, "runs past the end of the index", "unterminated symbol name");
}

/* BSD layout as llvm-ar --format=bsd writes it: `#1/LEN` names stored in
 * front of the data, NUL-padded, and a __.SYMDEF index. */
static void test_bsd(void)
{
	struct buf b = { .n = 0 };
	puts_(&b, "!<arch>\n");
	header(&b, "#1/12", "16");
	put(&b, "__.SYMDEF\0\0\0" "\0\0\0\0", 16);
	header(&b, "#1/8", "11");
	put(&b, "a.o\0\0\0\0\0" "AAA", 11);
	puts_(&b, "\n");
	header(&b, "#1/24", "26");
	put(&b, "a_really_long_name.o\0\0\0\0" "BB", 26);
	mg_error err;
	mg_archive *ar = open_buf(&b, &err);
	if (!tap_ok(ar != NULL, "BSD archive opens"))
		tap_bail("%s", err.reason);
	tap_eq_int(mg_archive_index(ar), MG_ARCHIVE_INDEX_BSD, "BSD index recognised");
	tap_eq_int((long long)mg_archive_member_count(ar), 2, "2 members (__.SYMDEF hidden)");
	const mg_archive_member *m = mg_archive_member_at(ar, 0);
	tap_eq_str(m->name, "a.o", "BSD short name");
	tap_ok(m->size == 3 && memcmp(m->data, "AAA", 3) == 0, "data follows the name");
	m = mg_archive_member_at(ar, 1);
	tap_eq_str(m->name, "a_really_long_name.o", "BSD long name");
	tap_ok(m->size == 2 && memcmp(m->data, "BB", 2) == 0, "data follows the long name");
	mg_archive_close(ar);

	b.n = 8;
	header(&b, "#1/40", "11");
	put(&b, "a.o\0\0\0\0\0" "AAA\n", 12);
	refused(&b, "BSD name length 40 exceeds", "BSD name longer than the member");
}

/* Damage of every kind gives an error naming archive, member, problem. */
static void test_malformed(void)
{
	struct buf b = { .n = 0 };
	refused(&b, "empty file", "zero-length");
	puts_(&b, "!<arch>");
	refused(&b, "not an ar archive", "7-byte magic");
	b.n = 0;
	puts_(&b, "!<thin>\n");
	member(&b, "x.o/", "ab");
	refused(&b, "thin archives are not supported: members live outside the archive",
		"thin archive");
	b.n = 0;
	puts_(&b, "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0");
	refused(&b, "not an ar archive", "an ELF file");

	b.n = 0;
	puts_(&b, "!<arch>\n");
	mg_error err;
	mg_archive *ar = open_buf(&b, &err);
	tap_ok(ar && mg_archive_member_count(ar) == 0, "magic alone is an empty archive");
	mg_archive_close(ar);

	b.n = 0;
	puts_(&b, "!<arch>\n");
	member(&b, "a.o/", "12345");
	header(&b, "b.o/", "99");
	puts_(&b, "short");
	refused(&b, "member \"b.o/\" at offset 74: size 99 runs past the end of the archive (5 bytes left)",
		"size past the end");

	b.n = 0;
	puts_(&b, "!<arch>\n");
	header(&b, "a.o/", "1x");
	puts_(&b, "ab");
	refused(&b, "corrupt size field", "size field with garbage");

	b.n = 0;
	puts_(&b, "!<arch>\n");
	put(&b, "this is not a header at all, just sixty bytes of prose......", 60);
	refused(&b, "is garbage: bad terminator", "garbage header");

	build_gnu(&b);
	memcpy(b.d + 8 + 60 + 48 + 64, "/4000           ", 16);
	refused(&b, "long-name offset 4000 is outside the long-name table (48 bytes)",
		"long-name offset out of range");

	build_gnu(&b);
	memcpy(b.d + 8 + 60 + 48 + 64, "/24             ", 16);
	refused(&b, "long-name offset does not start a name", "long-name offset mid-entry");

	b.n = 0;
	puts_(&b, "!<arch>\n");
	member(&b, "/3", "abcd");
	refused(&b, "no long-name table", "long name without a table");
}

/* Cut a valid archive at every length: only cuts at member boundaries
 * (or just before the last padding byte) may open, with the members
 * wholly before the cut. */
static void test_truncation(void)
{
	struct buf b;
	build_gnu(&b);
	size_t bounds[] = { 8, 8 + 60 + 48, 8 + 60 + 48 + 64, 8 + 60 + 48 + 64 + 66,
			    8 + 60 + 48 + 64 + 66 + 62 };
	int wrong = 0;
	for (size_t cut = 0; cut < b.n; cut++) {
		struct buf t = b;
		t.n = cut;
		mg_error err;
		mg_archive *ar = open_buf(&t, &err);
		long long want = -1;
		for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++)
			if (cut == bounds[i])
				want = (long long)(i == 0 ? 0 : i - 1);
		/* odd-sized members whose padding byte is cut off */
		if (cut == 8 + 60 + 48 + 64 - 1)
			want = 1;
		if (cut == 8 + 60 + 48 + 64 + 66 + 62 - 1)
			want = 3;
		long long got = ar ? (long long)mg_archive_member_count(ar) : -1;
		if (got != want) {
			tap_diag("cut at %zu: got %lld members, want %lld", cut, got, want);
			wrong++;
		}
		mg_archive_close(ar);
	}
	tap_eq_int(wrong, 0, "every truncation is refused unless it falls on a member boundary");
}

static void test_atomic_write(void)
{
	char dir[] = "/tmp/mgartest.XXXXXX";
	if (!mkdtemp(dir))
		tap_bail("mkdtemp failed");
	char path[64], bad[96];
	snprintf(path, sizeof path, "%s/out.a", dir);
	snprintf(bad, sizeof bad, "%s/missing/out.a", dir);
	mg_error err;
	mg_archive_writer *w = mg_archive_writer_new();
	mg_archive_writer_add(w, "x.txt", "x", 1, &err);
	tap_ok(mg_archive_writer_write(w, path, &err) == 0, "write to a file");
	struct stat st;
	tap_ok(stat(path, &st) == 0 && st.st_size == 8 + 60 + 2 && (st.st_mode & 0777) == 0644,
	       "file has the archive's size and mode 0644");
	mg_archive *ar = mg_archive_open(path, &err);
	tap_ok(ar && mg_archive_member_count(ar) == 1, "written file reads back");
	mg_archive_close(ar);
	tap_ok(mg_archive_writer_write(w, bad, &err) != 0, "write into a missing directory fails");
	tap_eq_str(err.file, bad, "error names the target");
	mg_archive_writer_free(w);
	unlink(path);
	tap_ok(rmdir(dir) == 0, "no temporary file left behind");

	ar = mg_archive_open(bad, &err);
	tap_ok(ar == NULL && strstr(err.reason, "cannot open") != NULL,
	       "opening a missing file fails");
}

int main(void)
{
	test_gnu_names();
	test_writer_layout();
	test_broken_elf_member();
	test_symbol_index();
	test_bsd();
	test_malformed();
	test_truncation();
	test_atomic_write();
	return tap_done();
}

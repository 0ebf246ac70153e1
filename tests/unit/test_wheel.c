/* The wheel reader on zips written here with libzip: members listed with
 * their sizes and kinds, an ELF member opened (this test program itself),
 * in memory and through a temporary file that is gone at once, non-ELF
 * members left after their first bytes, the limits on declared size and
 * compression ratio, broken and truncated zips, the distribution name of a
 * wheel file name. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>
#include <zip.h>

#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"
#include "audit/wheel.h"
#include "elf/elf.h"

static char dir[] = "/tmp/test_wheel.XXXXXX";

/* Write a zip at PATH with NAME=DATA members (DATA copied by libzip
 * before zip_close returns); a NULL data is a directory; LINK a symlink. */
typedef struct member {
	const char *name;
	const void *data;
	size_t size;
	bool link;
} member;

static bool write_zip(const char *path, const member *members, size_t n)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!members[i].data) {
			zip_dir_add(z, members[i].name, 0);
			continue;
		}
		zip_source_t *src = zip_source_buffer(z, members[i].data, members[i].size, 0);
		zip_int64_t idx = zip_file_add(z, members[i].name, src, 0);
		if (idx < 0)
			return false;
		if (members[i].link)
			zip_file_set_external_attributes(z, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
							 (zip_uint32_t)(S_IFLNK | 0777) << 16);
	}
	return zip_close(z) == 0;
}

/* PATH followed by SUFFIX (static buffer). */
static const char *path_cat(const char *path, const char *suffix)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "%s%s", path, suffix);
	return buf;
}

/* Entries of DIR other than . and .., -1 when it cannot be read. */
static long long count_entries(const char *d)
{
	DIR *dd = opendir(d);
	if (!dd)
		return -1;
	long long n = 0;
	struct dirent *e;
	while ((e = readdir(dd)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(dd);
	return n;
}

static char *path_in(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void test_members(const char *self, size_t self_size)
{
	const char text[] = "import _core\n";
	member ms[] = {
		{ "pkg/", NULL, 0, false },
		{ "pkg/__init__.py", text, sizeof text - 1, false },
		{ "pkg/_core.so", self, self_size, false },
		{ "pkg/libcore.so", "_core.so", 8, true },
		{ "pkg/tiny", "ab", 2, false },
	};
	char *path = xstrdup(path_in("pkg-1.0-py3-none-any.whl"));
	if (!tap_ok(write_zip(path, ms, 5), "write a zip with libzip")) {
		free(path);
		return;
	}
	mg_wheel *w;
	mg_error err;
	if (!tap_ok(mg_wheel_open(path, NULL, &w, &err) == 0, "open it")) {
		free(path);
		return;
	}
	tap_eq_int((long long)mg_wheel_member_count(w), 5, "5 entries");
	mg_wheel_member m;
	tap_ok(mg_wheel_member_at(w, 0, &m, &err) == 0 && m.is_dir, "a directory entry");
	tap_ok(mg_wheel_member_at(w, 2, &m, &err) == 0 && !m.is_dir && !m.is_symlink,
	       "a regular member");
	tap_eq_str(m.name, "pkg/_core.so", "its name");
	tap_eq_int((long long)m.size, (long long)self_size, "its declared size");
	tap_ok(m.compressed_size > 0 && m.compressed_size < m.size, "deflated");
	tap_ok(mg_wheel_member_at(w, 3, &m, &err) == 0 && m.is_symlink, "a symlink member");
	tap_ok(mg_wheel_member_at(w, 9, &m, &err) == -1, "an index past the end fails");
	const char *data;
	size_t len;
	tap_ok(mg_wheel_read_small(w, 1, 64, &data, &len, &err) == 1 && len == sizeof text - 1 &&
	       memcmp(data, text, len) == 0 && data[len] == '\0',
	       "a small member read whole, NUL-terminated");
	tap_eq_int(mg_wheel_read_small(w, 1, sizeof text - 2, &data, &len, &err), 0,
		   "one above the size asked for is not read");
	tap_eq_int(mg_wheel_read_small(w, 0, 64, &data, &len, &err), 0, "nor a directory");
	tap_eq_int(mg_wheel_read_small(w, 3, 64, &data, &len, &err), 0, "nor a symlink");

	mg_elf *elf = NULL, *direct = NULL;
	tap_eq_int(mg_wheel_open_elf(w, 1, &elf, &err), 0, "a Python file is not ELF");
	tap_eq_int(mg_wheel_open_elf(w, 4, &elf, &err), 0, "a 2-byte member is not ELF");
	tap_eq_int(mg_wheel_open_elf(w, 3, &elf, &err), 0, "a symlink is not read");
	tap_eq_int(mg_wheel_open_elf(w, 2, &elf, &err), 1, "the ELF member is opened, in memory");
	if (mg_elf_open_memory(self, self_size, "self", &direct, &err) != 0)
		tap_bail("cannot open this program as ELF: %s", err.reason);
	tap_ok(elf && mg_elf_section_count(elf) == mg_elf_section_count(direct),
	       "the same sections as the file");
	tap_eq_str(elf ? mg_elf_name(elf) : "", path_cat(path, "!pkg/_core.so"), "named wheel!member");
	mg_elf_close(elf);
	mg_wheel_close(w);

	/* Every member through a temporary file: the same model, and nothing
	 * left in $TMPDIR. */
	mg_wheel_limits lim;
	mg_wheel_limits_default(&lim);
	lim.spill_min_size = 0;
	char *spill_dir = xstrdup(path_in("spill"));
	mkdir(spill_dir, 0700);
	char *old_tmpdir = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", spill_dir, 1);
	if (mg_wheel_open(path, &lim, &w, &err) == 0) {
		tap_eq_int(mg_wheel_open_elf(w, 2, &elf, &err), 1,
			   "the ELF member is opened through a temporary file");
		tap_ok(elf && mg_elf_section_count(elf) == mg_elf_section_count(direct),
		       "the same sections as the file");
		const mg_elf_dynamic *dm = elf ? mg_elf_dynamic_info(elf, &err) : NULL;
		const mg_elf_dynamic *dd = mg_elf_dynamic_info(direct, &err);
		tap_ok(dm && dd && dm->n_needed == dd->n_needed && dm->n_needed > 0 &&
		       strcmp(dm->needed[0], dd->needed[0]) == 0, "the same NEEDED entries");
		tap_eq_int(count_entries(spill_dir), 0, "the temporary file is already gone");
		mg_elf_close(elf);
		mg_wheel_close(w);
	}
	if (old_tmpdir)
		setenv("TMPDIR", old_tmpdir, 1);
	else
		unsetenv("TMPDIR");
	free(old_tmpdir);
	setenv("TMPDIR", path_in("no-such-dir"), 1);
	if (mg_wheel_open(path, &lim, &w, &err) == 0) {
		tap_eq_int(mg_wheel_open_elf(w, 2, &elf, &err), -1, "no room for the temporary file");
		tap_ok(strstr(err.reason, "cannot create a temporary file in") != NULL &&
		       strstr(err.file, ".whl!pkg/_core.so") != NULL, "says so, naming the member: %s",
		       err.reason);
		mg_wheel_close(w);
	}
	if (old_tmpdir)
		setenv("TMPDIR", old_tmpdir, 1);
	else
		unsetenv("TMPDIR");
	free(spill_dir);
	mg_elf_close(direct);

	/* The same zip with limits below the member's size or ratio. */
	mg_wheel_limits_default(&lim);
	lim.max_member_size = self_size - 1;
	if (mg_wheel_open(path, &lim, &w, &err) == 0) {
		tap_eq_int(mg_wheel_open_elf(w, 2, &elf, &err), -1, "above the size limit");
		tap_ok(strstr(err.reason, "more than the limit") != NULL, "says so: %s", err.reason);
		tap_ok(strstr(err.file, ".whl!pkg/_core.so") != NULL, "names the member: %s", err.file);
		mg_wheel_close(w);
	}
	free(path);
}

static void test_bomb(void)
{
	/* 8 MiB of zeros after an ELF magic deflate to a few KB. */
	size_t n = 8u << 20;
	char *zeros = calloc(1, n);
	memcpy(zeros, "\177ELF\2\1\1", 7);
	member ms[] = { { "bomb.so", zeros, n, false } };
	char *path = xstrdup(path_in("bomb-1.0-py3-none-any.whl"));
	mg_wheel *w;
	mg_error err;
	mg_elf *elf;
	if (tap_ok(write_zip(path, ms, 1) && mg_wheel_open(path, NULL, &w, &err) == 0,
		   "a zip bomb opens")) {
		tap_eq_int(mg_wheel_open_elf(w, 0, &elf, &err), -1, "its member is refused");
		tap_ok(strstr(err.reason, "zip bomb") != NULL, "for its ratio: %s", err.reason);
		mg_wheel_close(w);
	}
	free(zeros);
	free(path);
}

static void test_broken(const char *self, size_t self_size)
{
	mg_wheel *w;
	mg_error err;
	tap_ok(mg_wheel_open(path_in("missing.whl"), NULL, &w, &err) == -1 && !w,
	       "a missing file fails");
	char *path = xstrdup(path_in("text.whl"));
	tu_write_file(path, "not a zip at all, not even close to one\n");
	tap_ok(mg_wheel_open(path, NULL, &w, &err) == -1, "a text file is not a zip: %s",
	       err.reason);
	free(path);

	member ms[] = { { "a.so", self, self_size, false } };
	path = xstrdup(path_in("good.whl"));
	size_t size;
	char *bytes = NULL;
	if (write_zip(path, ms, 1))
		bytes = tu_slurp(path, &size);
	free(path);
	if (!tap_ok(bytes != NULL, "a zip to break"))
		return;
	/* Cut off the end of central directory record. */
	tap_ok(mg_wheel_open_memory(bytes, size - 10, "cut.whl", NULL, &w, &err) == -1,
	       "a zip without its end record fails: %s", err.reason);
	tap_eq_str(err.file, "cut.whl", "naming it");
	/* Break the central directory entry's signature. */
	char *cd = memmem(bytes, size, "PK\1\2", 4);
	if (cd) {
		memcpy(cd, "XXXX", 4);
		tap_ok(mg_wheel_open_memory(bytes, size, "cd.whl", NULL, &w, &err) == -1,
		       "a broken central directory fails: %s", err.reason);
	} else
		tap_skip("no central directory found");
	free(bytes);
}

static void test_dist_name(void)
{
	char buf[64];
	tap_eq_str(mg_wheel_dist_name("dist/scikit_learn-1.3.0-cp311-cp311-manylinux_2_17_x86_64.whl",
				      buf, sizeof buf), "scikit_learn", "dist name of a wheel");
	tap_eq_str(mg_wheel_dist_name("odd.whl", buf, sizeof buf), "odd", "a name without '-'");
	tap_ok(mg_wheel_dist_name("averyveryverylongname-1.0-py3-none-any.whl", buf, 8) == NULL,
	       "a buffer too small");
}

int main(int argc, char **argv)
{
	(void)argc;
	if (!mkdtemp(dir))
		tap_bail("mkdtemp");
	size_t self_size;
	char *self = tu_slurp(argv[0], &self_size);
	if (!self)
		tap_bail("cannot read %s", argv[0]);
	test_members(self, self_size);
	test_bomb();
	test_broken(self, self_size);
	test_dist_name();
	free(self);
	char *argv_rm[] = { "rm", "-rf", dir, NULL };
	tu_run(NULL, argv_rm);
	return tap_done();
}

/* Wheels read in place with libzip: the member list, and an ELF member
 * opened as an ELF model, within limits (member size, compression ratio)
 * so that a zip bomb is an input error, not an exhausted machine.
 *
 * Memory does not grow with a member's size.  A small member is inflated
 * into one reused buffer; a member above limits.spill_min_size is inflated
 * in chunks into an unlinked temporary file, which libelf then maps and
 * reads lazily like a file on disk: only the pages of the headers, the
 * dynamic section, the symbol and version tables and the manifest become
 * resident.  (What an audit needs is not all near the start of a file: the
 * section headers, and the manifest appended after the link, are at its
 * end, and a deflate stream cannot be entered in the middle; keeping the
 * needed parts in memory would mean knowing them before the section
 * headers arrive, or inflating twice.)  The wheel itself is never unpacked
 * to disk. */
#include "config.h"
#include "audit/wheel.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>
#include <zip.h>

#include "base/cleanup.h"
#include "base/input.h"
#include "elf/elf.h"

/* The chunk a spilled member is inflated through. */
#define SPILL_CHUNK (256u << 10)

struct mg_wheel {
	zip_t *zip;
	char *name;
	mg_wheel_limits limits;
	zip_int64_t count;
	unsigned char *buf; /* the last small member read, or a chunk of a
			       spilled one; grows to spill_min_size at most */
	size_t buf_cap;
	char *member_name;  /* "wheel!member" for errors, rebuilt per member */
};

void mg_wheel_limits_default(mg_wheel_limits *limits)
{
	limits->max_member_size = (uint64_t)2 << 30;
	limits->max_ratio = 200;
	limits->ratio_min_size = (uint64_t)1 << 20;
	limits->spill_min_size = (uint64_t)8 << 20;
}

static int open_source(zip_source_t *src, const char *name, const mg_wheel_limits *limits,
		       mg_wheel **out, mg_error *err)
{
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_t *zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!zip) {
		mg_error_set(err, name, "not a readable zip file: %s", zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		zip_source_free(src);
		return -1;
	}
	zip_error_fini(&zerr);
	mg_wheel *w = xcalloc(1, sizeof *w);
	w->zip = zip;
	w->name = xstrdup(name);
	if (limits)
		w->limits = *limits;
	else
		mg_wheel_limits_default(&w->limits);
	w->count = zip_get_num_entries(zip, 0);
	if (w->count < 0)
		w->count = 0;
	*out = w;
	return 0;
}

int mg_wheel_open(const char *path, const mg_wheel_limits *limits, mg_wheel **out,
		  mg_error *err)
{
	*out = NULL;
	/* Opened here, not by libzip, so that a FIFO is refused, not waited on. */
	int fd = mg_input_open(path, NULL, err);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		if (fd >= 0) {
			mg_error_set(err, path, "cannot open: %s", strerror(errno));
			close(fd);
		}
		return -1;
	}
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_filep_create(f, 0, -1, &zerr);
	if (!src) {
		mg_error_set(err, path, "cannot open: %s", zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		fclose(f);
		return -1;
	}
	zip_error_fini(&zerr);
	return open_source(src, path, limits, out, err);
}

int mg_wheel_open_memory(const void *buf, size_t size, const char *name,
			 const mg_wheel_limits *limits, mg_wheel **out, mg_error *err)
{
	*out = NULL;
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(buf, size, 0, &zerr);
	if (!src) {
		mg_error_set(err, name, "cannot read: %s", zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		return -1;
	}
	zip_error_fini(&zerr);
	return open_source(src, name, limits, out, err);
}

void mg_wheel_close(mg_wheel *wheel)
{
	if (!wheel)
		return;
	zip_discard(wheel->zip);
	free(wheel->name);
	free(wheel->buf);
	free(wheel->member_name);
	free(wheel);
}

const char *mg_wheel_name(const mg_wheel *wheel)
{
	return wheel->name;
}

size_t mg_wheel_member_count(const mg_wheel *wheel)
{
	return (size_t)wheel->count;
}

/* "wheel!member" (or "wheel!#INDEX" when the name is unreadable). */
static const char *member_label(mg_wheel *w, size_t index, const char *name)
{
	free(w->member_name);
	if (name)
		w->member_name = concat(w->name, "!", name, NULL);
	else {
		char num[32];
		snprintf(num, sizeof num, "!#%zu", index);
		w->member_name = concat(w->name, num, NULL);
	}
	return w->member_name;
}

int mg_wheel_member_at(mg_wheel *wheel, size_t index, mg_wheel_member *out, mg_error *err)
{
	memset(out, 0, sizeof *out);
	zip_stat_t st;
	zip_stat_init(&st);
	if ((zip_int64_t)index >= wheel->count || zip_stat_index(wheel->zip, index, 0, &st) != 0)
		return mg_error_set(err, member_label(wheel, index, NULL),
				    "unreadable central directory entry: %s",
				    zip_strerror(wheel->zip));
	if (!(st.valid & ZIP_STAT_NAME) || !st.name)
		return mg_error_set(err, member_label(wheel, index, NULL), "entry has no name");
	out->name = st.name;
	out->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
	out->compressed_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	size_t len = strlen(st.name);
	out->is_dir = len > 0 && st.name[len - 1] == '/';
	zip_uint8_t opsys;
	zip_uint32_t attr;
	if (zip_file_get_external_attributes(wheel->zip, index, 0, &opsys, &attr) == 0 &&
	    opsys == ZIP_OPSYS_UNIX && S_ISLNK((attr >> 16) & 0xffff))
		out->is_symlink = true;
	return 0;
}

/* Refuse a member before allocating for it: a declared size above the
 * limit, or a ratio only crafted input reaches. */
static int check_limits(mg_wheel *w, const mg_wheel_member *m, const char *label,
			mg_error *err)
{
	const mg_wheel_limits *l = &w->limits;
	if (m->size > l->max_member_size || m->size > SIZE_MAX - 1)
		return mg_error_set(err, label,
				    "member claims %llu bytes uncompressed, more than the limit "
				    "of %llu bytes",
				    (unsigned long long)m->size,
				    (unsigned long long)l->max_member_size);
	if (m->size > l->ratio_min_size &&
	    (m->compressed_size == 0 || m->size / m->compressed_size > l->max_ratio))
		return mg_error_set(err, label,
				    "member claims %llu bytes uncompressed from %llu compressed "
				    "(ratio above %llu: a zip bomb or a corrupted entry)",
				    (unsigned long long)m->size,
				    (unsigned long long)m->compressed_size,
				    (unsigned long long)l->max_ratio);
	return 0;
}

/* Read exactly WANT bytes into DST. */
static int read_exact(zip_file_t *zf, void *dst, size_t want, size_t *got)
{
	*got = 0;
	while (*got < want) {
		zip_int64_t n = zip_fread(zf, (char *)dst + *got, want - *got);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		*got += (size_t)n;
	}
	return 0;
}

/* W's buffer holding at least WANT bytes. */
static int reserve(mg_wheel *w, size_t want, const char *label, mg_error *err)
{
	if (want <= w->buf_cap)
		return 0;
	free(w->buf);
	w->buf = malloc(want);
	w->buf_cap = w->buf ? want : 0;
	if (!w->buf)
		return mg_error_set(err, label, "out of memory for %zu bytes", want);
	return 0;
}

/* GOT bytes inflated (at least, when more than DECLARED). */
static int length_error(const char *label, uint64_t got, uint64_t declared, mg_error *err)
{
	if (got > declared)
		return mg_error_set(err, label, "member has more bytes than its entry declares "
				    "(%llu)", (unsigned long long)declared);
	return mg_error_set(err, label, "member has %llu bytes, its entry declares %llu",
			    (unsigned long long)got, (unsigned long long)declared);
}

/* The rest of a small member (HEAD already read) in W's buffer, opened. */
static int open_in_memory(mg_wheel *w, zip_file_t *zf, const unsigned char *head,
			  const mg_wheel_member *m, const char *label, mg_elf **elf,
			  mg_error *err)
{
	/* One byte more than declared, so that a stream longer than its
	 * header says is caught. */
	size_t want = (size_t)m->size + 1, got;
	if (reserve(w, want, label, err) != 0)
		return -1;
	memcpy(w->buf, head, SELFMAG);
	if (read_exact(zf, w->buf + SELFMAG, want - SELFMAG, &got) != 0)
		return mg_error_set(err, label, "cannot read member: %s", zip_file_strerror(zf));
	got += SELFMAG;
	if (got != m->size)
		return length_error(label, got, m->size, err);
	return mg_elf_open_memory(w->buf, got, label, elf, err);
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, p, n);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		p += done;
		n -= (size_t)done;
	}
	return 0;
}

/* A temporary file in $TMPDIR (or /tmp), already unlinked: nothing is
 * left behind, whatever ends the process.  Its directory in *DIR. */
static int spill_file(const char **dir)
{
	const char *tmpdir = getenv("TMPDIR");
	*dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
	char *path = concat(*dir, "/manyguard-member.XXXXXX", NULL);
	int slot;
	int fd = mg_cleanup_mkstemp(path, &slot);
	if (fd >= 0) {
		unlink(path);
		mg_cleanup_forget(slot);
	}
	free(path);
	return fd;
}

/* The rest of a large member (HEAD already read) inflated chunk by chunk
 * into a temporary file, opened from there. */
static int open_spilled(mg_wheel *w, zip_file_t *zf, const unsigned char *head,
			const mg_wheel_member *m, const char *label, mg_elf **elf,
			mg_error *err)
{
	const char *dir;
	int fd = spill_file(&dir);
	if (fd < 0)
		return mg_error_set(err, label, "cannot create a temporary file in %s to read "
				    "the member from: %s", dir, strerror(errno));
	int rc = -1;
	uint64_t total = SELFMAG;
	if (reserve(w, SPILL_CHUNK, label, err) != 0)
		goto out;
	if (write_all(fd, head, SELFMAG) != 0)
		goto write_failed;
	for (;;) {
		zip_int64_t n = zip_fread(zf, w->buf, SPILL_CHUNK);
		if (n < 0) {
			mg_error_set(err, label, "cannot read member: %s", zip_file_strerror(zf));
			goto out;
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (total > m->size) {
			length_error(label, total, m->size, err);
			goto out;
		}
		if (write_all(fd, w->buf, (size_t)n) != 0)
			goto write_failed;
	}
	if (total != m->size) {
		length_error(label, total, m->size, err);
		goto out;
	}
	rc = mg_elf_open_fd(fd, label, elf, err);
	fd = -1; /* the model's now, even when it failed */
	goto out;
write_failed:
	mg_error_set(err, label, "cannot write the member to a temporary file in %s: %s", dir,
		     strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

int mg_wheel_open_elf(mg_wheel *wheel, size_t index, mg_elf **elf, mg_error *err)
{
	*elf = NULL;
	mg_wheel_member m;
	if (mg_wheel_member_at(wheel, index, &m, err) != 0)
		return -1;
	if (m.is_dir || m.is_symlink || m.size < 4)
		return 0;
	const char *label = member_label(wheel, index, m.name);
	zip_file_t *zf = zip_fopen_index(wheel->zip, index, 0);
	if (!zf)
		return mg_error_set(err, label, "cannot open member: %s", zip_strerror(wheel->zip));
	int status = -1;
	/* The magic decides: anything after it that is wrong is for the ELF
	 * reader to report. */
	unsigned char head[SELFMAG];
	size_t got;
	if (read_exact(zf, head, sizeof head, &got) != 0) {
		mg_error_set(err, label, "cannot read member: %s", zip_file_strerror(zf));
		goto out;
	}
	if (got < sizeof head || memcmp(head, ELFMAG, SELFMAG) != 0) {
		status = 0;
		goto out;
	}
	if (check_limits(wheel, &m, label, err) != 0)
		goto out;
	if ((m.size > wheel->limits.spill_min_size ? open_spilled : open_in_memory)(
		    wheel, zf, head, &m, label, elf, err) == 0)
		status = 1;
out:
	zip_fclose(zf);
	return status;
}

int mg_wheel_read_small(mg_wheel *wheel, size_t index, size_t max, const char **data,
			size_t *len, mg_error *err)
{
	*data = NULL;
	*len = 0;
	mg_wheel_member m;
	if (mg_wheel_member_at(wheel, index, &m, err) != 0)
		return -1;
	if (m.is_dir || m.is_symlink || m.size > max)
		return 0;
	const char *label = member_label(wheel, index, m.name);
	if (check_limits(wheel, &m, label, err) != 0)
		return -1;
	zip_file_t *zf = zip_fopen_index(wheel->zip, index, 0);
	if (!zf)
		return mg_error_set(err, label, "cannot open member: %s", zip_strerror(wheel->zip));
	int status = -1;
	/* One byte more than declared catches a longer stream; one more for
	 * the NUL. */
	size_t want = (size_t)m.size + 1, got;
	if (reserve(wheel, want + 1, label, err) != 0)
		goto out;
	if (read_exact(zf, wheel->buf, want, &got) != 0) {
		mg_error_set(err, label, "cannot read member: %s", zip_file_strerror(zf));
		goto out;
	}
	if (got != m.size) {
		length_error(label, got, m.size, err);
		goto out;
	}
	wheel->buf[got] = '\0';
	*data = (const char *)wheel->buf;
	*len = got;
	status = 1;
out:
	zip_fclose(zf);
	return status;
}

char *mg_wheel_dist_name(const char *path, char *buf, size_t size)
{
	const char *base = lbasename(path);
	size_t len = strcspn(base, "-");
	if (len == strlen(base) && len > 4 && strcmp(base + len - 4, ".whl") == 0)
		len -= 4;
	if (len + 1 > size)
		return NULL;
	memcpy(buf, base, len);
	buf[len] = '\0';
	return buf;
}

/* Reading ar archives.
 *
 * libelf walks the members (elf_begin/elf_next/elf_getarhdr) and reads the
 * GNU symbol index (elf_getarsym), but it is lenient where we must not be:
 * it clamps a member size that runs past the end of the archive, reads
 * numeric fields with atol (so garbage reads as 0), does not know BSD
 * names, and trusts the symbol index's counts and strings.  So each member
 * header libelf hands us is checked again against the raw bytes, and the
 * symbol index is bounds-checked before libelf is asked to parse it. */
#include "config.h"
#include "elf/archive.h"

#include <ar.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"
#include "base/input.h"

struct mg_archive {
	const char *name;           /* for messages; owned */
	const unsigned char *image; /* the whole archive */
	size_t size;
	void *mapping;              /* non-NULL when we mmap'ed IMAGE */
	Elf *elf;                   /* keeps the symbol names alive */
	mg_archive_member *members;
	size_t nmembers, cap_members, cap_names;
	char **names;               /* member names we allocated, one per member */
	mg_archive_symbol *symbols;
	size_t nsymbols;
	mg_archive_index_kind index;
	size_t index_offset;        /* header offset of the symbol index */
	size_t index_size;          /* its size field */
	size_t longnames_size;      /* size of `//`, 0 when absent */
	size_t longnames_off;       /* offset of its data */
};

/* A numeric header field: decimal or octal digits, then only spaces.  An
 * all-blank field reads as 0 (GNU ar leaves the `//` fields blank). */
static bool parse_field(const char *field, size_t len, int base,
			unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i = 0;
	for (; i < len && field[i] >= '0' && field[i] < '0' + base; i++)
		v = v * (unsigned)base + (unsigned)(field[i] - '0');
	for (size_t j = i; j < len; j++)
		if (field[j] != ' ')
			return false;
	*out = v;
	return true;
}

/* The name field as printable text for messages ("/999", "foo.o/"). */
static void raw_name(const struct ar_hdr *h, char out[17])
{
	size_t n = 16;
	memcpy(out, h->ar_name, 16);
	while (n > 0 && out[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < n; i++)
		if (out[i] < 0x20 || out[i] > 0x7e)
			out[i] = '?';
	out[n] = '\0';
}

/* Check the raw header at OFF: in bounds, terminated by ARFMAG, numeric
 * fields well formed, data within the archive.  Fills *FIELDS. */
struct hdr_fields {
	unsigned long long mtime, uid, gid, mode, size;
};

static int check_header(mg_archive *ar, size_t off, struct hdr_fields *f,
			mg_error *err)
{
	if (ar->size - off < sizeof(struct ar_hdr))
		return mg_error_set(err, ar->name,
				    "truncated member header at offset %zu (%zu of %zu bytes)",
				    off, ar->size - off, sizeof(struct ar_hdr));
	const struct ar_hdr *h = (const struct ar_hdr *)(ar->image + off);
	char name[17];
	raw_name(h, name);
	if (memcmp(h->ar_fmag, ARFMAG, 2) != 0)
		return mg_error_set(err, ar->name,
				    "member header at offset %zu (name field \"%s\") is garbage: bad terminator",
				    off, name);
	const struct {
		const char *field, *what;
		size_t len;
		int base;
		unsigned long long *out;
	} fields[] = {
		{ h->ar_date, "date", sizeof h->ar_date, 10, &f->mtime },
		{ h->ar_uid, "uid", sizeof h->ar_uid, 10, &f->uid },
		{ h->ar_gid, "gid", sizeof h->ar_gid, 10, &f->gid },
		{ h->ar_mode, "mode", sizeof h->ar_mode, 8, &f->mode },
		{ h->ar_size, "size", sizeof h->ar_size, 10, &f->size },
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (!parse_field(fields[i].field, fields[i].len, fields[i].base,
				 fields[i].out))
			return mg_error_set(err, ar->name,
					    "member \"%s\" at offset %zu: corrupt %s field \"%.*s\"",
					    name, off, fields[i].what,
					    (int)fields[i].len, fields[i].field);
	if (h->ar_size[0] == ' ')
		return mg_error_set(err, ar->name,
				    "member \"%s\" at offset %zu: empty size field",
				    name, off);
	size_t left = ar->size - off - sizeof(struct ar_hdr);
	if (f->size > left)
		return mg_error_set(err, ar->name,
				    "member \"%s\" at offset %zu: size %llu runs past the end of the archive (%zu bytes left)",
				    name, off, f->size, left);
	return 0;
}

/* libelf stopped at OFF although the archive goes on: say why. */
static int explain_stop(mg_archive *ar, size_t off, mg_error *err)
{
	struct hdr_fields f;
	if (check_header(ar, off, &f, err) != 0)
		return -1;
	const struct ar_hdr *h = (const struct ar_hdr *)(ar->image + off);
	char name[17];
	raw_name(h, name);
	unsigned long long ref;
	if (name[0] == '/' && name[1] >= '0' && name[1] <= '9'
	    && parse_field(h->ar_name + 1, sizeof h->ar_name - 1, 10, &ref)) {
		if (ar->longnames_size == 0)
			return mg_error_set(err, ar->name,
					    "member \"%s\" at offset %zu: long name referenced but the archive has no long-name table",
					    name, off);
		if (ref >= ar->longnames_size)
			return mg_error_set(err, ar->name,
					    "member \"%s\" at offset %zu: long-name offset %llu is outside the long-name table (%zu bytes)",
					    name, off, ref, ar->longnames_size);
	}
	return mg_error_set(err, ar->name,
			    "member \"%s\" at offset %zu: libelf cannot read it: %s",
			    name, off, elf_errmsg(-1));
}

static void add_member(mg_archive *ar, const mg_archive_member *m, char *owned)
{
	MG_GROW(ar->members, ar->nmembers + 1, ar->cap_members);
	MG_GROW(ar->names, ar->nmembers + 1, ar->cap_names);
	ar->members[ar->nmembers] = *m;
	ar->names[ar->nmembers] = owned;
	ar->nmembers++;
}

bool mg_archive_is_index_name(const char *name)
{
	static const char *const names[] = {
		"/", "/SYM64/", "__.SYMDEF", "__.SYMDEF SORTED",
		"__.SYMDEF_64", "__.SYMDEF_64 SORTED",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* A BSD name "#1/LEN": the name is the first LEN bytes of the member data,
 * NUL-padded by some archivers. */
static int take_bsd_name(mg_archive *ar, size_t off, mg_archive_member *m,
			 char **owned, mg_error *err)
{
	const struct ar_hdr *h = (const struct ar_hdr *)(ar->image + off);
	unsigned long long len;
	char name[17];
	raw_name(h, name);
	if (!parse_field(h->ar_name + 3, sizeof h->ar_name - 3, 10, &len))
		return mg_error_set(err, ar->name,
				    "member \"%s\" at offset %zu: corrupt BSD name length",
				    name, off);
	if (len > m->size)
		return mg_error_set(err, ar->name,
				    "member \"%s\" at offset %zu: BSD name length %llu exceeds the member size %zu",
				    name, off, len, m->size);
	size_t n = strnlen((const char *)m->data, len);
	if (n == 0)
		return mg_error_set(err, ar->name,
				    "member \"%s\" at offset %zu: empty BSD name",
				    name, off);
	*owned = xstrndup((const char *)m->data, n);
	m->name = *owned;
	m->data += len;
	m->size -= len;
	return 0;
}

/* The member at OFF, whose name libelf resolved to LNAME: check its
 * header, resolve BSD names, record it (or note a special member).  Sets
 * *NEXT to the offset of the following header. */
static int take_member(mg_archive *ar, size_t off, const char *lname, size_t *next,
		       mg_error *err)
{
	struct hdr_fields f;
	if (check_header(ar, off, &f, err) != 0)
		return -1;
	*next = off + sizeof(struct ar_hdr) + f.size + (f.size & 1);

	mg_archive_member m = {
		.name = lname,
		.data = ar->image + off + sizeof(struct ar_hdr),
		.size = f.size,
		.mode = (unsigned)f.mode,
		.mtime = f.mtime,
		.uid = (unsigned)f.uid,
		.gid = (unsigned)f.gid,
		.header_offset = off,
	};
	const struct ar_hdr *h = (const struct ar_hdr *)(ar->image + off);
	char raw[17];
	raw_name(h, raw);
	if (strcmp(lname, "/") == 0 || strcmp(lname, "/SYM64/") == 0) {
		if (off != SARMAG)
			return mg_error_set(err, ar->name,
					    "symbol index \"%s\" at offset %zu is not the first member",
					    lname, off);
		ar->index = lname[1] ? MG_ARCHIVE_INDEX_GNU64 : MG_ARCHIVE_INDEX_GNU;
		ar->index_offset = off;
		ar->index_size = f.size;
		return 0;
	}
	if (strcmp(lname, "//") == 0) {
		ar->longnames_size = f.size;
		ar->longnames_off = off + sizeof(struct ar_hdr);
		return 0;
	}
	char *owned = NULL;
	/* bfd's test: "#1/" and a digit; GNU ar writes a member named "#1"
	 * as "#1/" followed by spaces. */
	if (memcmp(h->ar_name, "#1/", 3) == 0 && h->ar_name[3] >= '0' && h->ar_name[3] <= '9') {
		if (take_bsd_name(ar, off, &m, &owned, err) != 0)
			return -1;
	} else {
		if (m.name[0] == '\0')
			return mg_error_set(err, ar->name,
					    "member \"%s\" at offset %zu has an empty name",
					    raw, off);
		/* GNU names end with "/\n"; a '\n' inside means the reference
		 * points into the middle of the table. */
		if (strchr(m.name, '\n'))
			return mg_error_set(err, ar->name,
					    "member \"%s\" at offset %zu: long-name offset does not start a name",
					    raw, off);
		owned = xstrdup(m.name);
		m.name = owned;
	}
	if (off == SARMAG && mg_archive_is_index_name(m.name)) {
		ar->index = MG_ARCHIVE_INDEX_BSD;
		ar->index_offset = off;
		free(owned);
		return 0;
	}
	add_member(ar, &m, owned);
	return 0;
}

/* The name of the member at OFF when libelf read its header but cannot
 * open the member (its bytes look like a broken ELF file), resolved the
 * way libelf resolves it.  Returns a malloc'ed string or NULL. */
static char *fallback_name(mg_archive *ar, size_t off, mg_error *err)
{
	const struct ar_hdr *h = (const struct ar_hdr *)(ar->image + off);
	const char *f = h->ar_name, *start = f;
	size_t len = sizeof h->ar_name;
	unsigned long long ref;
	char *name;
	if (f[0] == '/' && f[1] >= '0' && f[1] <= '9') {
		if (!parse_field(f + 1, len - 1, 10, &ref) || ref >= ar->longnames_size) {
			explain_stop(ar, off, err);
			return NULL;
		}
		start = (const char *)ar->image + ar->longnames_off + ref;
		len = ar->longnames_size - ref;
		const char *slash = memchr(start, '/', len);
		name = xstrndup(start, slash ? (size_t)(slash - start) : len);
	} else if (f[0] == '/') {
		name = xstrndup(f, len);
		name[strcspn(name, " ")] = '\0';
	} else {
		const char *slash = memchr(f, '/', len);
		if (slash)
			len = (size_t)(slash - f);
		else
			while (len > 0 && f[len - 1] == ' ')
				len--;
		name = xstrndup(f, len);
	}
	return name;
}

/* One step of the walk: the member at OFF. */
static int walk_one(mg_archive *ar, size_t off, size_t *next, mg_error *err)
{
	Elf *member = elf_begin(-1, ELF_C_READ_MMAP, ar->elf);
	Elf_Arhdr *ah = member ? elf_getarhdr(member) : NULL;
	char *fallback = NULL;
	const char *lname;
	int rc = -1;
	if (ah) {
		if (elf_getaroff(member) != (int64_t)off) {
			mg_error_set(err, ar->name,
				     "libelf placed the member at offset %lld, expected %zu",
				     (long long)elf_getaroff(member), off);
			goto out;
		}
		lname = ah->ar_name;
	} else {
		lname = fallback = fallback_name(ar, off, err);
		if (!lname)
			goto out;
	}
	rc = take_member(ar, off, lname, next, err);
out:
	free(fallback);
	if (member)
		elf_end(member);
	return rc;
}

/* Walk pass: every member, in order, until the end of the archive.
 * elf_rand() positions libelf on each header (and parses it); stepping
 * with elf_next() would need the member opened, which fails for members
 * whose bytes look like broken ELF files. */
static int walk_members(mg_archive *ar, mg_error *err)
{
	size_t next = SARMAG;
	while (next < ar->size) {
		size_t off = next;
		if (elf_rand(ar->elf, off) != off)
			return explain_stop(ar, off, err);
		if (walk_one(ar, off, &next, err) != 0)
			return -1;
	}
	/* The last member's padding byte may be missing (next == size + 1). */
	return 0;
}

static uint64_t read_be(const unsigned char *p, size_t w)
{
	uint64_t v = 0;
	for (size_t i = 0; i < w; i++)
		v = v << 8 | p[i];
	return v;
}

/* Bounds-check the GNU index before elf_getarsym() trusts it: the count
 * must fit, and every name must be NUL-terminated inside the index. */
static int check_gnu_index(mg_archive *ar, size_t *count, mg_error *err)
{
	size_t w = ar->index == MG_ARCHIVE_INDEX_GNU64 ? 8 : 4;
	size_t isize = ar->index_size;
	const unsigned char *p = ar->image + ar->index_offset + sizeof(struct ar_hdr);
	if (isize < w)
		return mg_error_set(err, ar->name,
				    "symbol index is too small (%zu bytes)", isize);
	uint64_t n = read_be(p, w);
	if (n > (isize - w) / w)
		return mg_error_set(err, ar->name,
				    "symbol index claims %llu symbols but has room for %zu",
				    (unsigned long long)n, (isize - w) / w);
	const unsigned char *s = p + w + n * w, *end = p + isize;
	for (uint64_t i = 0; i < n; i++) {
		const unsigned char *nul = memchr(s, '\0', (size_t)(end - s));
		if (!nul)
			return mg_error_set(err, ar->name,
					    "symbol index: name %llu of %llu runs past the end of the index",
					    (unsigned long long)i + 1,
					    (unsigned long long)n);
		s = nul + 1;
	}
	*count = (size_t)n;
	return 0;
}

static int find_member_at(const mg_archive *ar, size_t off, size_t *index)
{
	size_t lo = 0, hi = ar->nmembers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ar->members[mid].header_offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ar->nmembers || ar->members[lo].header_offset != off)
		return -1;
	*index = lo;
	return 0;
}

/* Index pass: symbol -> member, every offset landing on a member. */
static int read_index(mg_archive *ar, mg_error *err)
{
	if (ar->index != MG_ARCHIVE_INDEX_GNU && ar->index != MG_ARCHIVE_INDEX_GNU64)
		return 0;
	size_t n = 0;
	if (check_gnu_index(ar, &n, err) != 0)
		return -1;
	if (n == 0)
		return 0;
	size_t got;
	Elf_Arsym *syms = elf_getarsym(ar->elf, &got);
	if (!syms || got != n + 1)
		return mg_error_set(err, ar->name, "cannot read the symbol index: %s",
				    syms ? "libelf counted a different number of symbols"
					 : elf_errmsg(-1));
	ar->symbols = calloc(n, sizeof *ar->symbols);
	if (!ar->symbols)
		return mg_error_set(err, ar->name, "out of memory");
	for (size_t i = 0; i < n; i++) {
		size_t idx;
		if (find_member_at(ar, syms[i].as_off, &idx) != 0)
			return mg_error_set(err, ar->name,
					    "symbol index: \"%s\" points at offset %zu, where no member starts",
					    syms[i].as_name, (size_t)syms[i].as_off);
		ar->symbols[i].name = syms[i].as_name;
		ar->symbols[i].member = idx;
	}
	ar->nsymbols = n;
	return 0;
}

static int check_magic(const mg_archive *ar, mg_error *err)
{
	if (ar->size == 0)
		return mg_error_set(err, ar->name, "empty file, not an ar archive");
	if (ar->size >= SARMAG && memcmp(ar->image, "!<thin>\n", SARMAG) == 0)
		return mg_error_set(err, ar->name,
				    "thin archives are not supported: members live outside the archive");
	if (ar->size < SARMAG || memcmp(ar->image, ARMAG, SARMAG) != 0)
		return mg_error_set(err, ar->name, "not an ar archive");
	return 0;
}

/* Shared by both open functions: IMAGE is set, nothing parsed yet. */
static mg_archive *parse(mg_archive *ar, mg_error *err)
{
	if (check_magic(ar, err) != 0)
		goto out;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		mg_error_set(err, ar->name, "libelf is out of date: %s",
			     elf_errmsg(-1));
		goto out;
	}
	/* READ_MMAP mode: libelf never writes to the image. */
	ar->elf = elf_memory((char *)ar->image, ar->size);
	if (!ar->elf || elf_kind(ar->elf) != ELF_K_AR) {
		mg_error_set(err, ar->name, "libelf cannot read the archive: %s",
			     elf_errmsg(-1));
		goto out;
	}
	if (walk_members(ar, err) != 0 || read_index(ar, err) != 0)
		goto out;
	return ar;
out:
	mg_archive_close(ar);
	return NULL;
}

static mg_archive *new_ar(const char *name)
{
	mg_archive *ar = XCNEW(mg_archive);
	ar->name = xstrdup(name ? name : "<memory>");
	return ar;
}

mg_archive *mg_archive_open_memory(const void *buf, size_t size, const char *name,
			 mg_error *err)
{
	mg_archive *ar = new_ar(name);
	ar->image = buf;
	ar->size = buf ? size : 0;
	return parse(ar, err);
}

mg_archive *mg_archive_open(const char *path, mg_error *err)
{
	struct stat st;
	int fd = mg_input_open(path, &st, err);
	if (fd < 0)
		return NULL;
	mg_archive *ar = new_ar(path);
	if (st.st_size > 0) {
		void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED) {
			mg_error_set(err, path, "cannot map: %s", strerror(errno));
			close(fd);
			mg_archive_close(ar);
			return NULL;
		}
		ar->mapping = map;
		ar->image = map;
		ar->size = (size_t)st.st_size;
	}
	close(fd);
	return parse(ar, err);
}

void mg_archive_close(mg_archive *ar)
{
	if (!ar)
		return;
	free(ar->symbols);
	for (size_t i = 0; i < ar->nmembers; i++)
		free(ar->names[i]);
	free(ar->names);
	free(ar->members);
	if (ar->elf)
		elf_end(ar->elf);
	if (ar->mapping)
		munmap(ar->mapping, ar->size);
	free((char *)ar->name);
	free(ar);
}

size_t mg_archive_member_count(const mg_archive *ar)
{
	return ar->nmembers;
}

const mg_archive_member *mg_archive_member_at(const mg_archive *ar, size_t i)
{
	return i < ar->nmembers ? &ar->members[i] : NULL;
}

mg_archive_index_kind mg_archive_index(const mg_archive *ar)
{
	return ar->index;
}

size_t mg_archive_symbol_count(const mg_archive *ar)
{
	return ar->nsymbols;
}

const mg_archive_symbol *mg_archive_symbol_at(const mg_archive *ar, size_t i)
{
	return i < ar->nsymbols ? &ar->symbols[i] : NULL;
}

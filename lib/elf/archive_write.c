/* Writing deterministic ar archives, byte-identical to GNU ar's `ar rcD`
 * (binutils 2.40) for the same members in the same order.
 *
 * What GNU ar writes, and so what we write:
 *   "!<arch>\n"
 *   `/` symbol index, when at least one member is an ELF file (even if no
 *     member defines a symbol): big-endian count, one big-endian member
 *     header offset per symbol, the NUL-terminated names, a NUL to even
 *     size.  Header fields date, uid, gid and mode are all "0".
 *   `//` long-name table, when a name is longer than 15 characters:
 *     "name/\n" per long name (duplicates repeated), a '\n' to even size;
 *     date, uid, gid and mode are blank.
 *   the members: "name/" or "/OFFSET" into the table, date/uid/gid "0",
 *     mode "644", the bytes, a '\n' when the size is odd.
 * The symbols of a member are those of its SHT_SYMTAB, in table order,
 * that are defined (not SHN_UNDEF) and global, weak or GNU-unique, or
 * common; visibility does not matter (bfd's _bfd_compute_and_write_armap).
 * When a member holding symbols starts beyond 4 GiB, the index becomes
 * `/SYM64/` with 8-byte entries, padded to a multiple of 8 (archive64.c).
 *
 * The build runs in three passes: a symbol pass over the ELF members, a
 * layout pass that places every header, and an emission pass. */
#include "config.h"
#include "elf/archive.h"

#include <ar.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/atomic_file.h"
#include "base/grow.h"

#define SHORT_NAME_MAX 15 /* 16-byte field minus the '/' terminator */
#define MAX_MEMBER_SIZE 9999999999ULL /* the 10-digit size field */
/* x86-64 psABI large common section; glibc's <elf.h> lacks the name. */
#define SHN_X86_64_LCOMMON 0xff02

struct wmember {
	char *name;
	const unsigned char *data;
	size_t size;
};

struct mg_archive_writer {
	struct wmember *members;
	size_t n, cap;
};

/* The symbol index being collected: names back to back, and for each
 * symbol the member that defines it. */
struct symbols {
	char *names;
	size_t len, cap;
	size_t *member;
	size_t n, ncap;
	bool any_object;
};

mg_archive_writer *mg_archive_writer_new(void)
{
	return XCNEW(mg_archive_writer);
}

void mg_archive_writer_free(mg_archive_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->members[i].name);
	free(w->members);
	free(w);
}

int mg_archive_writer_add(mg_archive_writer *w, const char *name, const void *data,
		     size_t size, mg_error *err)
{
	if (name[0] == '\0')
		return mg_error_set(err, NULL, "archive member names cannot be empty");
	if (strpbrk(name, "/\n"))
		return mg_error_set(err, name,
				    "archive member names cannot contain '/' or newlines");
	if (mg_archive_is_index_name(name))
		return mg_error_set(err, name,
				    "this archive member name is reserved for a symbol index");
	if ((unsigned long long)size > MAX_MEMBER_SIZE)
		return mg_error_set(err, name,
				    "member of %zu bytes is too large for an ar archive", size);
	MG_GROW(w->members, w->n + 1, w->cap);
	w->members[w->n++] = (struct wmember){ xstrdup(name), data, size };
	return 0;
}

static void add_symbol(struct symbols *s, const char *name, size_t member)
{
	size_t len = strlen(name) + 1;
	MG_GROW(s->names, s->len + len, s->cap);
	MG_GROW(s->member, s->n + 1, s->ncap);
	memcpy(s->names + s->len, name, len);
	s->len += len;
	s->member[s->n++] = member;
}

/* bfd puts a symbol in the index when it is not undefined and is global,
 * weak, unique or common (x86-64's large common included). */
static bool indexed(const GElf_Sym *sym, Elf32_Word shndx, GElf_Half machine)
{
	if (shndx == SHN_UNDEF)
		return false;
	if (shndx == SHN_COMMON || (machine == EM_X86_64 && shndx == SHN_X86_64_LCOMMON))
		return true;
	switch (GELF_ST_BIND(sym->st_info)) {
	case STB_GLOBAL:
	case STB_WEAK:
	case STB_GNU_UNIQUE:
		return true;
	default:
		return false;
	}
}

/* The first SHT_SYMTAB (the one bfd reads), or *SCN = NULL. */
static int find_symtab(Elf *elf, Elf_Scn **found, GElf_Shdr *shdr,
		       const char *name, mg_error *err)
{
	size_t shnum;
	*found = NULL;
	if (elf_getshdrnum(elf, &shnum) != 0)
		return mg_error_set(err, NULL, "member \"%s\": cannot read the section headers: %s",
				    name, elf_errmsg(-1));
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		if (!gelf_getshdr(scn, shdr))
			return mg_error_set(err, NULL, "member \"%s\": cannot read a section header: %s",
					    name, elf_errmsg(-1));
		if (shdr->sh_type == SHT_SYMTAB) {
			*found = scn;
			return 0;
		}
	}
	return 0;
}

static int member_symbols(Elf *elf, size_t index, const char *name,
			  struct symbols *s, mg_error *err)
{
	GElf_Ehdr ehdr;
	if (!gelf_getehdr(elf, &ehdr))
		return mg_error_set(err, NULL, "member \"%s\": cannot read the ELF header: %s",
				    name, elf_errmsg(-1));
	GElf_Shdr shdr;
	Elf_Scn *scn;
	if (find_symtab(elf, &scn, &shdr, name, err) != 0)
		return -1;
	if (!scn)
		return 0;
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data)
		return mg_error_set(err, NULL, "member \"%s\": cannot read the symbol table: %s",
				    name, elf_errmsg(-1));
	Elf_Data *xdata = NULL;
	int xndx = elf_scnshndx(scn);
	if (xndx > 0) {
		Elf_Scn *xscn = elf_getscn(elf, (size_t)xndx);
		xdata = xscn ? elf_getdata(xscn, NULL) : NULL;
		if (!xdata)
			return mg_error_set(err, NULL,
					    "member \"%s\": cannot read the extended section indexes: %s",
					    name, elf_errmsg(-1));
	}
	size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	size_t count = entsize ? shdr.sh_size / entsize : 0;
	/* Symbol 0 is the null symbol; bfd skips it too. */
	for (size_t i = 1; i < count; i++) {
		GElf_Sym sym;
		Elf32_Word xshndx = 0;
		if (!gelf_getsymshndx(data, xdata, (int)i, &sym, &xshndx))
			return mg_error_set(err, NULL, "member \"%s\": cannot read symbol %zu: %s",
					    name, i, elf_errmsg(-1));
		Elf32_Word shndx = sym.st_shndx == SHN_XINDEX ? xshndx : sym.st_shndx;
		if (!indexed(&sym, shndx, ehdr.e_machine))
			continue;
		const char *sname = elf_strptr(elf, shdr.sh_link, sym.st_name);
		if (!sname)
			return mg_error_set(err, NULL, "member \"%s\": symbol %zu has no readable name: %s",
					    name, i, elf_errmsg(-1));
		add_symbol(s, sname, index);
	}
	return 0;
}

/* Symbol pass.  A member libelf does not see as ELF is not an object for
 * GNU ar either and adds no symbols. */
static int collect_symbols(const mg_archive_writer *w, struct symbols *s,
			   mg_error *err)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return mg_error_set(err, NULL, "libelf is out of date: %s",
				    elf_errmsg(-1));
	for (size_t i = 0; i < w->n; i++) {
		const struct wmember *m = &w->members[i];
		/* READ_MMAP mode: libelf never writes to the bytes. */
		Elf *elf = elf_memory((char *)m->data, m->size);
		if (!elf)
			continue;
		if (elf_kind(elf) != ELF_K_ELF) {
			elf_end(elf);
			continue;
		}
		s->any_object = true;
		int rc = member_symbols(elf, i, m->name, s, err);
		elf_end(elf);
		if (rc != 0)
			return -1;
	}
	return 0;
}

struct layout {
	size_t map_size;   /* 0: no symbol index */
	bool map64;
	char *ext;         /* long-name table */
	size_t ext_len;    /* without the padding */
	size_t *name_off;  /* per member: offset in EXT, or SIZE_MAX */
	size_t *offset;    /* per member: header offset */
	size_t total;
};

static size_t padded(size_t n)
{
	return n + (n & 1);
}

static void place_members(const mg_archive_writer *w, struct layout *l)
{
	size_t pos = SARMAG;
	if (l->map_size)
		pos += sizeof(struct ar_hdr) + l->map_size;
	if (l->ext_len)
		pos += sizeof(struct ar_hdr) + padded(l->ext_len);
	for (size_t i = 0; i < w->n; i++) {
		l->offset[i] = pos;
		pos += sizeof(struct ar_hdr) + padded(w->members[i].size);
	}
	l->total = pos;
}

/* Layout pass. */
static void lay_out(const mg_archive_writer *w, const struct symbols *s, struct layout *l)
{
	l->name_off = XNEWVEC(size_t, w->n ? w->n : 1);
	l->offset = XNEWVEC(size_t, w->n ? w->n : 1);
	size_t ext_cap = 1;
	for (size_t i = 0; i < w->n; i++)
		ext_cap += strlen(w->members[i].name) + 2;
	l->ext = xmalloc(ext_cap);
	for (size_t i = 0; i < w->n; i++) {
		const char *name = w->members[i].name;
		size_t len = strlen(name);
		l->name_off[i] = SIZE_MAX;
		if (len <= SHORT_NAME_MAX)
			continue;
		l->name_off[i] = l->ext_len;
		memcpy(l->ext + l->ext_len, name, len);
		memcpy(l->ext + l->ext_len + len, "/\n", 2);
		l->ext_len += len + 2;
	}
	if (s->any_object)
		l->map_size = padded(4 + 4 * s->n + s->len);
	place_members(w, l);
	for (size_t i = 0; s->any_object && i < s->n; i++)
		if (l->offset[s->member[i]] > UINT32_MAX) {
			size_t size = 8 + 8 * s->n + s->len;
			l->map_size = (size + 7) & ~(size_t)7;
			l->map64 = true;
			place_members(w, l);
			break;
		}
}

static void field(char *dst, size_t width, const char *text)
{
	size_t len = strlen(text);
	memset(dst, ' ', width);
	memcpy(dst, text, len < width ? len : width);
}

static unsigned char *put_header(unsigned char *p, const char *name,
				 const char *num, const char *mode,
				 unsigned long long size)
{
	struct ar_hdr h;
	char buf[24];
	field(h.ar_name, sizeof h.ar_name, name);
	field(h.ar_date, sizeof h.ar_date, num);
	field(h.ar_uid, sizeof h.ar_uid, num);
	field(h.ar_gid, sizeof h.ar_gid, num);
	field(h.ar_mode, sizeof h.ar_mode, mode);
	snprintf(buf, sizeof buf, "%llu", size);
	field(h.ar_size, sizeof h.ar_size, buf);
	memcpy(h.ar_fmag, ARFMAG, 2);
	memcpy(p, &h, sizeof h);
	return p + sizeof h;
}

static unsigned char *put_be(unsigned char *p, uint64_t v, size_t w)
{
	for (size_t i = 0; i < w; i++)
		p[i] = (unsigned char)(v >> (8 * (w - 1 - i)));
	return p + w;
}

/* Emission pass into OUT of l->total bytes. */
static void emit(const mg_archive_writer *w, const struct symbols *s,
		 const struct layout *l, unsigned char *out)
{
	unsigned char *p = out;
	memcpy(p, ARMAG, SARMAG);
	p += SARMAG;
	if (l->map_size) {
		size_t width = l->map64 ? 8 : 4;
		unsigned char *start;
		p = put_header(p, l->map64 ? "/SYM64/" : "/", "0", "0", l->map_size);
		start = p;
		p = put_be(p, s->n, width);
		for (size_t i = 0; i < s->n; i++)
			p = put_be(p, l->offset[s->member[i]], width);
		if (s->len)
			memcpy(p, s->names, s->len);
		p += s->len;
		memset(p, '\0', l->map_size - (size_t)(p - start));
		p = start + l->map_size;
	}
	if (l->ext_len) {
		p = put_header(p, "//", "", "", padded(l->ext_len));
		memcpy(p, l->ext, l->ext_len);
		p += l->ext_len;
		if (l->ext_len & 1)
			*p++ = '\n';
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct wmember *m = &w->members[i];
		char name[24];
		if (l->name_off[i] == SIZE_MAX)
			snprintf(name, sizeof name, "%s/", m->name);
		else
			snprintf(name, sizeof name, "/%zu", l->name_off[i]);
		p = put_header(p, name, "0", "644", m->size);
		if (m->size)
			memcpy(p, m->data, m->size);
		p += m->size;
		if (m->size & 1)
			*p++ = '\n';
	}
}

int mg_archive_writer_write_memory(mg_archive_writer *w, unsigned char **out,
			      size_t *out_size, mg_error *err)
{
	struct symbols s = { 0 };
	struct layout l = { 0 };
	int rc = -1;
	*out = NULL;
	*out_size = 0;
	if (collect_symbols(w, &s, err) != 0)
		goto out;
	lay_out(w, &s, &l);
	/* The size of the whole archive: its members' sizes, not a count
	 * the program controls, so a failure is an error, not an exit. */
	*out = malloc(l.total);
	if (!*out) {
		mg_error_set(err, NULL, "out of memory for an archive of %zu bytes",
			     l.total);
		goto out;
	}
	emit(w, &s, &l, *out);
	*out_size = l.total;
	rc = 0;
out:
	free(l.offset);
	free(l.name_off);
	free(l.ext);
	free(s.member);
	free(s.names);
	return rc;
}

int mg_archive_writer_write(mg_archive_writer *w, const char *path, mg_error *err)
{
	unsigned char *buf = NULL;
	size_t size;
	if (mg_archive_writer_write_memory(w, &buf, &size, err) != 0) {
		/* Errors about members name the member; say which archive. */
		if (err && !err->file[0])
			snprintf(err->file, sizeof err->file, "%s", path);
		return -1;
	}
	int rc = mg_atomic_file_write(path, buf, size, 0644, err);
	free(buf);
	return rc;
}

/* Adding the manifest section to a linked ELF file without moving anything
 * the linker placed.  Passes:
 *  - inspection: class, byte order, the section headers and the section
 *    name table of PATH (through lib/elf/elf.h, which bounds-checks them);
 *  - append: at the end of the file, a section name table that also names
 *    the manifest (when it is new), the manifest's bytes, and a section
 *    header table describing all of it;
 *  - commit: one write of the ELF header's e_shoff..e_shnum, which points
 *    readers at the new table.
 * Until the commit the file is exactly the linker's output followed by
 * bytes nothing refers to; after it, the output with its manifest: a
 * reader sees one or the other, and a failure before the commit truncates
 * the tail away.  Rewriting in place instead of copying to a temporary
 * file and renaming matters for large outputs: a copy of a 100 MB shared
 * object costs a fifth of an lld link.  (No fsync between the two writes:
 * like the linker's own output, a build product need not survive a power
 * cut; other processes see the page cache, in write order.)  The output is the linker's fresh
 * file (GNU ld, gold and lld create a new inode), so nothing else shares it.
 * The old name and header tables stay behind as unreferenced bytes (a few
 * hundred); strip or patchelf drop them when they rewrite the file.
 * libelf's own writer is not used: with ELF_F_LAYOUT it may fill the gaps
 * in front of a rewritten section, and the gaps are the linker's. */
#include "config.h"
#include "manifest/manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>


typedef struct out_order {
	bool msb;
	bool is64;
} out_order;

static void put(unsigned char *p, uint64_t v, size_t n, const out_order *o)
{
	for (size_t i = 0; i < n; i++)
		p[o->msb ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/* One section header in the file's class and byte order; returns its size. */
static size_t encode_shdr(unsigned char *p, const GElf_Shdr *s, const out_order *o)
{
	size_t w = o->is64 ? 8 : 4;
	unsigned char *q = p;
	put(q, s->sh_name, 4, o), q += 4;
	put(q, s->sh_type, 4, o), q += 4;
	put(q, s->sh_flags, w, o), q += w;
	put(q, s->sh_addr, w, o), q += w;
	put(q, s->sh_offset, w, o), q += w;
	put(q, s->sh_size, w, o), q += w;
	put(q, s->sh_link, 4, o), q += 4;
	put(q, s->sh_info, 4, o), q += 4;
	put(q, s->sh_addralign, w, o), q += w;
	put(q, s->sh_entsize, w, o), q += w;
	return (size_t)(q - p);
}

static int pwrite_all(int fd, const void *buf, size_t size, off_t off)
{
	const char *p = buf;
	while (size) {
		ssize_t n = pwrite(fd, p, size, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n, off += n, size -= (size_t)n;
	}
	return 0;
}

/* The appended tail: name table (or none), manifest, header table. */
typedef struct tail {
	unsigned char *bytes;
	size_t size;
	uint64_t shoff;
	size_t shnum;
} tail;

static int build_tail(mg_elf *elf, uint64_t file_size, const void *data, size_t size, tail *t,
		      mg_error *err)
{
	const char *path = mg_elf_name(elf);
	Elf *e = mg_elf_libelf(elf);
	size_t shstrndx, shnum = mg_elf_section_count(elf);
	if (elf_getshdrstrndx(e, &shstrndx) != 0 || shstrndx == 0 || shstrndx >= shnum)
		return mg_error_set(err, path, "no section name table: %s", elf_errmsg(-1));
	if (shnum + 1 >= SHN_LORESERVE)
		return mg_error_set(err, path, "%zu sections: too many to add the manifest", shnum);
	out_order o = {.msb = mg_elf_data(elf) == ELFDATA2MSB, .is64 = mg_elf_class(elf) == 64};
	const mg_elf_section *names = mg_elf_section_at(elf, shstrndx);
	const mg_elf_section *old = mg_elf_section_by_name(elf, MG_MANIFEST_SECTION);
	Elf_Data *nd = elf_rawdata(elf_getscn(e, shstrndx), NULL);
	if (!nd || nd->d_size != names->size || (names->size && !nd->d_buf))
		return mg_error_set(err, path, "cannot read the section name table: %s",
				    elf_errmsg(-1));

	size_t name_len = old ? 0 : sizeof MG_MANIFEST_SECTION;
	size_t strsize = old ? 0 : names->size + name_len;
	size_t align = o.is64 ? 8 : 4, shentsize = o.is64 ? 64 : 40;
	uint64_t str_off = file_size, data_off = str_off + strsize;
	uint64_t sh_off = (data_off + size + align - 1) & ~(uint64_t)(align - 1);
	t->shnum = shnum + (old ? 0 : 1);
	t->shoff = sh_off;
	t->size = (size_t)(sh_off - file_size) + t->shnum * shentsize;
	t->bytes = xcalloc(1, t->size);
	unsigned char *p = t->bytes;
	if (!old) {
		memcpy(p, nd->d_buf, names->size);
		memcpy(p + names->size, MG_MANIFEST_SECTION, name_len);
	}
	memcpy(p + strsize, data, size);
	unsigned char *sh = p + (sh_off - file_size);
	for (size_t i = 0; i < shnum; i++) {
		GElf_Shdr s;
		if (!gelf_getshdr(elf_getscn(e, i), &s)) {
			free(t->bytes);
			return mg_error_set(err, path, "section %zu: %s", i, elf_errmsg(-1));
		}
		if (i == shstrndx && !old) {
			s.sh_offset = str_off;
			s.sh_size = strsize;
		} else if (old && i == old->index) {
			s.sh_offset = data_off;
			s.sh_size = size;
		}
		sh += encode_shdr(sh, &s, &o);
	}
	if (!old) {
		GElf_Shdr s = {.sh_name = (GElf_Word)names->size, .sh_type = SHT_PROGBITS,
			       .sh_offset = data_off, .sh_size = size, .sh_addralign = 1};
		encode_shdr(sh, &s, &o);
	}
	return 0;
}

/* The commit: e_shoff and e_shnum (and the fields between them, rewritten
 * unchanged) in one write. */
static int commit_ehdr(int fd, mg_elf *elf, const tail *t)
{
	out_order o = {.msb = mg_elf_data(elf) == ELFDATA2MSB, .is64 = mg_elf_class(elf) == 64};
	off_t start = o.is64 ? 0x28 : 0x20, shnum = o.is64 ? 0x3c : 0x30;
	unsigned char buf[0x3e - 0x28];
	size_t len = (size_t)(shnum + 2 - start);
	if (pread(fd, buf, len, start) != (ssize_t)len)
		return -1;
	put(buf, t->shoff, o.is64 ? 8 : 4, &o);
	put(buf + (shnum - start), t->shnum, 2, &o);
	return pwrite_all(fd, buf, len, start);
}

int mg_manifest_embed(const char *path, const void *data, size_t size, mg_error *err)
{
	mg_elf *elf = NULL;
	tail t = {0};
	int fd = -1, rc = -1;
	struct stat st;

	/* Inspection pass. */
	if (mg_elf_open(path, &elf, err) < 0)
		return -1;
	if (mg_elf_section_count(elf) == 0) {
		mg_error_set(err, path, "no section headers");
		goto out;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		mg_error_set(err, path, "%s", strerror(errno));
		goto out;
	}
	if (build_tail(elf, (uint64_t)st.st_size, data, size, &t, err) < 0)
		goto out;

	/* Append and commit passes. */
	if (pwrite_all(fd, t.bytes, t.size, st.st_size) != 0 ||
	    commit_ehdr(fd, elf, &t) != 0) {
		mg_error_set(err, path, "cannot add the manifest: %s", strerror(errno));
		if (ftruncate(fd, st.st_size) != 0)
			mg_error_set(err, path, "cannot add the manifest, nor remove what was "
				     "appended: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = mg_error_set(err, path, "cannot add the manifest: %s", strerror(errno));
	free(t.bytes);
	mg_elf_close(elf);
	return rc;
}

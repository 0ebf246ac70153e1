/* The ELF model: opening, identity and the section list, plus the helpers
 * the lazy parts share.  The dynamic section, .symtab and the build-id are
 * in elf_dynamic.c; symbol versions and .dynsym in elf_versions.c. */
#include "config.h"

#include "elf/elf_internal.h"
#include "base/grow.h"
#include "base/input.h"

#include <ar.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

/* ---- allocation ------------------------------------------------------- */

void *elf_alloc(mg_elf *elf, size_t n, size_t size, mg_error *err)
{
	MG_GROW(elf->allocs, elf->n_allocs + 1, elf->cap_allocs);
	/* N and SIZE come from the file: a failure is an error, not an exit.
	 * calloc checks N * SIZE for overflow; never ask it for 0 bytes so
	 * that NULL always means failure. */
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		mg_error_set(err, elf->name, "out of memory (%zu x %zu bytes)", n, size);
		return NULL;
	}
	elf->allocs[elf->n_allocs++] = p;
	return p;
}

/* ---- opening ---------------------------------------------------------- */

bool mg_elf_is_elf(const void *buf, size_t size)
{
	const unsigned char *b = buf;
	if (!b || size < EI_DATA + 1 || memcmp(b, ELFMAG, SELFMAG) != 0)
		return false;
	return (b[EI_CLASS] == ELFCLASS32 || b[EI_CLASS] == ELFCLASS64) &&
	       (b[EI_DATA] == ELFDATA2LSB || b[EI_DATA] == ELFDATA2MSB);
}

/* Why BUF is not an ELF file we can read, for the error message. */
static int reject_ident(const char *name, const unsigned char *b, size_t size,
			mg_error *err)
{
	if (size == 0)
		return mg_error_set(err, name, "empty file, not an ELF file");
	if (size < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0) {
		if (size >= SARMAG && memcmp(b, ARMAG, SARMAG) == 0)
			return mg_error_set(err, name, "an ar archive, not an ELF file");
		return mg_error_set(err, name, "not an ELF file (bad magic)");
	}
	if (size < EI_NIDENT)
		return mg_error_set(err, name, "truncated ELF identification (%zu bytes)", size);
	if (b[EI_CLASS] != ELFCLASS32 && b[EI_CLASS] != ELFCLASS64)
		return mg_error_set(err, name, "unknown ELF class %u", b[EI_CLASS]);
	return mg_error_set(err, name, "unknown ELF data encoding %u", b[EI_DATA]);
}

/* elf_begin() refused the file: translate the header with libelf ourselves
 * to say which part is out of range instead of a bare "invalid ELF". */
static int explain_begin_failure(const char *name, const unsigned char *b,
				 size_t have, size_t size, mg_error *err)
{
	const char *libelf_msg = elf_errmsg(-1);
	GElf_Ehdr eh;
	bool is64 = b[EI_CLASS] == ELFCLASS64;
	size_t need = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (have < need || size < need)
		return mg_error_set(err, name, "truncated ELF header (%zu of %zu bytes)",
				    size, need);
	union { Elf32_Ehdr e32; Elf64_Ehdr e64; } raw, host;
	memcpy(&raw, b, need);
	Elf_Data src = { .d_buf = &raw, .d_type = ELF_T_EHDR, .d_size = need,
			 .d_version = EV_CURRENT };
	Elf_Data dst = { .d_buf = &host, .d_type = ELF_T_EHDR, .d_size = need,
			 .d_version = EV_CURRENT };
	Elf_Data *ok = is64 ? elf64_xlatetom(&dst, &src, b[EI_DATA])
			    : elf32_xlatetom(&dst, &src, b[EI_DATA]);
	if (!ok)
		return mg_error_set(err, name, "cannot read the ELF header: %s", libelf_msg);
	if (is64) {
		eh.e_shoff = host.e64.e_shoff;
		eh.e_shnum = host.e64.e_shnum;
		eh.e_shentsize = host.e64.e_shentsize;
	} else {
		eh.e_shoff = host.e32.e_shoff;
		eh.e_shnum = host.e32.e_shnum;
		eh.e_shentsize = host.e32.e_shentsize;
	}
	size_t shsize = is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	/* e_shnum 0 with e_shoff set means the count is in section 0. */
	size_t n = eh.e_shnum ? eh.e_shnum : 1;
	if (eh.e_shoff != 0 &&
	    (eh.e_shoff >= size || (size - eh.e_shoff) / shsize < n))
		return mg_error_set(err, name,
				    "section header table out of range (e_shoff 0x%" PRIx64
				    ", %u entries, file size %zu)",
				    (uint64_t)eh.e_shoff, (unsigned)eh.e_shnum, size);
	return mg_error_set(err, name, "invalid ELF file: %s", libelf_msg);
}

static int read_sections(mg_elf *elf, mg_error *err)
{
	if (elf_getshdrnum(elf->e, &elf->shnum) != 0)
		return mg_error_set(err, elf->name, "cannot count section headers: %s",
				    elf_errmsg(-1));
	if (elf_getshdrstrndx(elf->e, &elf->shstrndx) != 0)
		return mg_error_set(err, elf->name, "cannot find the section name table: %s",
				    elf_errmsg(-1));
	/* libelf quietly reports no sections at all when the table lies
	 * outside the file: check the header's claim ourselves.  With
	 * e_shnum 0 the real count is in section 0, which must exist. */
	size_t claimed = elf->ehdr.e_shnum ? elf->ehdr.e_shnum : 1;
	if (elf->shnum > claimed)
		claimed = elf->shnum;
	size_t shsize = gelf_fsize(elf->e, ELF_T_SHDR, 1, EV_CURRENT);
	if (elf->ehdr.e_shoff != 0 &&
	    (elf->ehdr.e_shoff >= elf->size ||
	     (elf->size - elf->ehdr.e_shoff) / shsize < claimed))
		return mg_error_set(err, elf->name,
				    "section header table out of range (e_shoff 0x%" PRIx64
				    ", %zu entries, file size %zu)",
				    (uint64_t)elf->ehdr.e_shoff, claimed, elf->size);
	if (elf->ehdr.e_shoff == 0 && elf->ehdr.e_shnum != 0)
		return mg_error_set(err, elf->name,
				    "section header table out of range (e_shoff 0, %u entries)",
				    (unsigned)elf->ehdr.e_shnum);
	if (elf->shnum == 0)
		return 0;
	if (elf->shstrndx != SHN_UNDEF && elf->shstrndx >= elf->shnum)
		return mg_error_set(err, elf->name,
				    "section name table index %zu out of range (%zu sections)",
				    elf->shstrndx, elf->shnum);
	/* The name table's type first, so that one pass over the headers
	 * (an object of a large C++ link has tens of thousands) takes both
	 * the headers and their names. */
	GElf_Shdr names;
	Elf_Scn *names_scn = elf->shstrndx != SHN_UNDEF ? elf_getscn(elf->e, elf->shstrndx) : NULL;
	if (elf->shstrndx != SHN_UNDEF && (!names_scn || !gelf_getshdr(names_scn, &names)))
		return mg_error_set(err, elf->name, "cannot read section header %zu: %s",
				    elf->shstrndx, elf_errmsg(-1));
	if (elf->shstrndx != SHN_UNDEF && names.sh_type != SHT_STRTAB)
		return mg_error_set(err, elf->name,
				    "section name table (section %zu) is not a string table",
				    elf->shstrndx);
	if (elf->shstrndx != SHN_UNDEF &&
	    (names.sh_offset > elf->size || elf->size - names.sh_offset < names.sh_size))
		return mg_error_set(err, elf->name,
				    "section %zu (offset 0x%" PRIx64 ", size 0x%" PRIx64
				    ") extends past the end of the file (size %zu)",
				    elf->shstrndx, (uint64_t)names.sh_offset,
				    (uint64_t)names.sh_size, elf->size);
	elf->sections = elf_alloc(elf, elf->shnum, sizeof *elf->sections, err);
	if (!elf->sections)
		return -1;
	for (size_t i = 0; i < elf->shnum; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(elf->e, i);
		if (!scn || !gelf_getshdr(scn, &sh))
			return mg_error_set(err, elf->name, "cannot read section header %zu: %s",
					    i, elf_errmsg(-1));
		mg_elf_section *s = &elf->sections[i];
		*s = (mg_elf_section){ .index = i, .name = "", .type = sh.sh_type,
				       .flags = sh.sh_flags, .addr = sh.sh_addr,
				       .offset = sh.sh_offset, .size = sh.sh_size,
				       .link = sh.sh_link, .info = sh.sh_info,
				       .entsize = sh.sh_entsize };
		if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL &&
		    (sh.sh_offset > elf->size || elf->size - sh.sh_offset < sh.sh_size))
			return mg_error_set(err, elf->name,
					    "section %zu (offset 0x%" PRIx64 ", size 0x%" PRIx64
					    ") extends past the end of the file (size %zu)",
					    i, (uint64_t)sh.sh_offset, (uint64_t)sh.sh_size,
					    elf->size);
		if (elf->shstrndx == SHN_UNDEF)
			continue;
		const char *n = elf_strptr(elf->e, elf->shstrndx, sh.sh_name);
		if (!n)
			return mg_error_set(err, elf->name, "section %zu: bad name offset %u: %s",
					    i, (unsigned)sh.sh_name, elf_errmsg(-1));
		s->name = n;
	}
	return 0;
}

/* Shared tail of both open functions: ELF->e is set up. */
static int finish_open(mg_elf *elf, mg_error *err)
{
	if (elf_kind(elf->e) != ELF_K_ELF)
		return mg_error_set(err, elf->name, "not an ELF file");
	if (!gelf_getehdr(elf->e, &elf->ehdr))
		return mg_error_set(err, elf->name, "cannot read the ELF header: %s",
				    elf_errmsg(-1));
	return read_sections(elf, err);
}

static mg_elf *new_model(const char *name)
{
	mg_elf *elf = XCNEW(mg_elf);
	elf->name = xstrdup(name ? name : "<memory>");
	elf->fd = -1;
	return elf;
}

/* The end of both opens, once libelf was asked for a handle: the headers
 * read and *OUT set, or ELF closed.  HEAD (HEAD_SIZE bytes, the file's
 * first ones) explains a handle libelf would not make. */
static int opened(mg_elf *elf, const void *head, size_t head_size, mg_elf **out,
		  mg_error *err)
{
	if (!elf->e) {
		explain_begin_failure(elf->name, head, head_size, elf->size, err);
	} else if (finish_open(elf, err) == 0) {
		*out = elf;
		return 0;
	}
	mg_elf_close(elf);
	return -1;
}

int mg_elf_open_memory(const void *buf, size_t size, const char *name,
		       mg_elf **out, mg_error *err)
{
	*out = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return mg_error_set(err, name, "libelf is too old: %s", elf_errmsg(-1));
	if (!mg_elf_is_elf(buf, size) || size < EI_NIDENT)
		return reject_ident(name, buf, size, err);
	mg_elf *elf = new_model(name);
	/* A private copy: libelf may keep pointers into the image, and the
	 * caller's buffer (a wheel member) is typically freed right away.  The
	 * caller holds the bytes already, so this is no size a file made up. */
	elf->image = xmalloc(size);
	memcpy(elf->image, buf, size);
	elf->size = size;
	elf->e = elf_memory(elf->image, size);
	return opened(elf, buf, size, out, err);
}

int mg_elf_open(const char *path, mg_elf **out, mg_error *err)
{
	*out = NULL;
	int fd = mg_input_open(path, NULL, err);
	if (fd < 0)
		return -1;
	return mg_elf_open_fd(fd, path, out, err);
}

int mg_elf_open_fd(int fd, const char *name, mg_elf **out, mg_error *err)
{
	*out = NULL;
	mg_elf *elf = new_model(name);
	elf->fd = fd;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		mg_error_set(err, name, "libelf is too old: %s", elf_errmsg(-1));
		goto out;
	}
	unsigned char ident[EI_NIDENT + sizeof(Elf64_Ehdr)];
	struct stat st;
	ssize_t got;
	if (fstat(fd, &st) != 0) {
		mg_error_set(err, name, "cannot stat: %s", strerror(errno));
		goto out;
	}
	elf->size = (size_t)st.st_size;
	got = pread(elf->fd, ident, sizeof ident, 0);
	if (got < 0) {
		mg_error_set(err, name, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (!mg_elf_is_elf(ident, (size_t)got) || got < EI_NIDENT) {
		reject_ident(name, ident, (size_t)got, err);
		goto out;
	}
	/* Mapped, so that only the pages of the parts asked for are read. */
	elf->e = elf_begin(elf->fd, ELF_C_READ_MMAP, NULL);
	return opened(elf, ident, (size_t)got, out, err);
out:
	mg_elf_close(elf);
	return -1;
}

void mg_elf_close(mg_elf *elf)
{
	if (!elf)
		return;
	if (elf->e)
		elf_end(elf->e);
	if (elf->fd >= 0)
		close(elf->fd);
	for (size_t i = 0; i < elf->n_allocs; i++)
		free(elf->allocs[i]);
	free(elf->allocs);
	free(elf->image);
	free(elf->name);
	free(elf);
}

const char *mg_elf_name(const mg_elf *elf)
{
	return elf->name;
}

Elf *mg_elf_libelf(const mg_elf *elf)
{
	return elf->e;
}

/* ---- identity --------------------------------------------------------- */

int mg_elf_class(const mg_elf *elf)
{
	return elf->ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? 64 : 32;
}

int mg_elf_data(const mg_elf *elf)
{
	return elf->ehdr.e_ident[EI_DATA];
}

unsigned mg_elf_machine(const mg_elf *elf)
{
	return elf->ehdr.e_machine;
}

const char *mg_elf_machine_name(const mg_elf *elf)
{
	bool is64 = mg_elf_class(elf) == 64;
	bool lsb = mg_elf_data(elf) == ELFDATA2LSB;
	/* One e_machine may stand for several ABIs (x32 is EM_X86_64 with 32-bit
	 * pointers): each gets its own name, so that no policy of another ABI
	 * judges it and the audit counts it as foreign. */
	switch (elf->ehdr.e_machine) {
	case EM_X86_64: return is64 ? "x86_64" : "x32";
	case EM_386: return "i686";
	case EM_AARCH64: return !is64 ? "aarch64_ilp32" : lsb ? "aarch64" : "aarch64_be";
	case EM_ARM: return lsb ? "armv7l" : "armv7b";
	case EM_PPC64: return lsb ? "ppc64le" : "ppc64";
	case EM_PPC: return "ppc";
	case EM_S390: return is64 ? "s390x" : "s390";
	case EM_RISCV: return is64 ? "riscv64" : "riscv32";
	case EM_LOONGARCH: return is64 ? "loongarch64" : "loongarch32";
	case EM_MIPS: return is64 ? "mips64" : "mips";
	case EM_SPARCV9: return "sparc64";
	case EM_IA_64: return "ia64";
	default: return "unknown";
	}
}

unsigned mg_elf_etype(const mg_elf *elf)
{
	return elf->ehdr.e_type;
}

int mg_elf_type_of(mg_elf *elf, mg_elf_type *out, mg_error *err)
{
	switch (elf->ehdr.e_type) {
	case ET_REL: *out = MG_ELF_TYPE_REL; return 0;
	case ET_EXEC: *out = MG_ELF_TYPE_EXEC; return 0;
	case ET_DYN: break;
	default: *out = MG_ELF_TYPE_OTHER; return 0;
	}
	const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, err);
	if (!d)
		return -1;
	*out = d->has_flags_1 && (d->flags_1 & DF_1_PIE) ? MG_ELF_TYPE_PIE : MG_ELF_TYPE_DYN;
	return 0;
}

const char *mg_elf_type_name(mg_elf_type type)
{
	switch (type) {
	case MG_ELF_TYPE_REL: return "REL";
	case MG_ELF_TYPE_EXEC: return "EXEC";
	case MG_ELF_TYPE_DYN: return "DYN";
	case MG_ELF_TYPE_PIE: return "PIE";
	default: return "OTHER";
	}
}

/* ---- sections --------------------------------------------------------- */

size_t mg_elf_section_count(const mg_elf *elf)
{
	return elf->shnum;
}

const mg_elf_section *mg_elf_section_at(const mg_elf *elf, size_t index)
{
	return index < elf->shnum ? &elf->sections[index] : NULL;
}

const mg_elf_section *mg_elf_section_by_name(const mg_elf *elf, const char *name)
{
	for (size_t i = 0; i < elf->shnum; i++)
		if (strcmp(elf->sections[i].name, name) == 0)
			return &elf->sections[i];
	return NULL;
}

size_t mg_elf_find_type(const mg_elf *elf, uint32_t type)
{
	for (size_t i = 1; i < elf->shnum; i++)
		if (elf->sections[i].type == type)
			return i;
	return 0;
}

Elf_Data *elf_section_data(mg_elf *elf, size_t index, uint32_t type,
			      const char *what, mg_error *err)
{
	if (index == 0 || index >= elf->shnum) {
		mg_error_set(err, elf->name, "%s: section index %zu out of range (%zu sections)",
			     what, index, elf->shnum);
		return NULL;
	}
	const mg_elf_section *s = &elf->sections[index];
	if (type && s->type != type) {
		mg_error_set(err, elf->name, "%s: section %zu has type 0x%x, expected 0x%x",
			     what, index, (unsigned)s->type, (unsigned)type);
		return NULL;
	}
	/* read_sections() checked the range; libelf re-checks, but its
	 * message does not name the section. */
	Elf_Data *d = elf_getdata(elf_getscn(elf->e, index), NULL);
	if (!d) {
		mg_error_set(err, elf->name, "%s: cannot read section %zu (%s): %s", what,
			     index, s->name, elf_errmsg(-1));
		return NULL;
	}
	/* gelf_get* take int indices and offsets. */
	if (d->d_size > INT_MAX) {
		mg_error_set(err, elf->name, "%s: section %zu (%s) is too large (%zu bytes)",
			     what, index, s->name, d->d_size);
		return NULL;
	}
	return d;
}

size_t elf_linked(mg_elf *elf, size_t index, uint32_t type, mg_error *err)
{
	const mg_elf_section *s = &elf->sections[index];
	uint32_t want = type ? type : SHT_STRTAB;
	if (s->link == 0 || s->link >= elf->shnum) {
		mg_error_set(err, elf->name, "section %zu (%s): sh_link %u points nowhere",
			     index, s->name, (unsigned)s->link);
		return (size_t)-1;
	}
	if (elf->sections[s->link].type != want) {
		mg_error_set(err, elf->name,
			     "section %zu (%s): sh_link %u is of type 0x%x, expected 0x%x",
			     index, s->name, (unsigned)s->link,
			     (unsigned)elf->sections[s->link].type, (unsigned)want);
		return (size_t)-1;
	}
	return s->link;
}

const char *elf_string(mg_elf *elf, size_t strndx, size_t offset,
			  const char *what, mg_error *err)
{
	/* elf_strptr checks the offset and that the string is terminated
	 * inside the section. */
	const char *s = elf_strptr(elf->e, strndx, offset);
	if (!s)
		mg_error_set(err, elf->name, "%s: bad string offset %zu in section %zu: %s",
			     what, offset, strndx, elf_errmsg(-1));
	return s;
}

/* Rewriting a relocatable object's symbol table in place: hide a
 * definition, make a definition an undefined reference, and the hazard
 * queries the split of libstdc++ asks first (references through section
 * symbols, COMDAT groups, symbols sharing a section).  Passes: the input
 * is copied and checked into a read-only view; edits go to a second view
 * on an in-memory file; writing keeps every offset (only symbol entries
 * change) and reads the image back. */
#include "config.h"
#include "elf/elf_edit.h"
#include "base/atomic_file.h"
#include "elf/elf_reloc.h"
#include "base/grow.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

/* One validated libelf view of an object's symbol table.  An edit keeps two:
 * the input as read (definitions before any edit, for the hazard queries)
 * and the image being rewritten. */
typedef struct view {
	const char *name;
	Elf *elf;
	unsigned machine;
	size_t shnum, shstrndx;
	size_t symtab_index, strtab_index;
	Elf_Data *syms, *xndx;
	size_t nsyms, first_global;
} view;

struct mg_elf_edit {
	char *name;
	char *orig;          /* copy of the input; ORIG_VIEW reads it */
	size_t orig_size;
	view orig_view;
	int fd;              /* in-memory file holding the image being edited */
	view edit_view;      /* ELF_C_RDWR on FD */
	mg_elf_reloc_set *relocs; /* of the input, read on first use */
};

static int elf_fail(mg_error *err, const char *name, const char *what)
{
	return mg_error_set(err, name, "%s: %s", what, elf_errmsg(-1));
}

/* Symbol INDEX with its section index resolved through SHT_SYMTAB_SHNDX. */
static int view_sym(const view *v, size_t index, GElf_Sym *sym, uint32_t *shndx,
		    mg_error *err)
{
	if (index == 0 || index >= v->nsyms)
		return mg_error_set(err, v->name, "symbol index %zu out of range (the "
				    "symbol table has %zu entries)", index, v->nsyms);
	Elf32_Word x = 0;
	if (!gelf_getsymshndx(v->syms, v->xndx, (int)index, sym, &x))
		return elf_fail(err, v->name, "cannot read a symbol");
	*shndx = sym->st_shndx == SHN_XINDEX ? x : sym->st_shndx;
	return 0;
}

static const char *view_sym_name(const view *v, const GElf_Sym *sym)
{
	return elf_strptr(v->elf, v->strtab_index, sym->st_name);
}

static int find_symtab(view *v, mg_error *err)
{
	v->symtab_index = 0;
	v->xndx = NULL;
	Elf_Scn *xscn = NULL;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(v->elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return elf_fail(err, v->name, "cannot read a section header");
		if (sh.sh_type == SHT_SYMTAB) {
			if (v->symtab_index)
				return mg_error_set(err, v->name, "more than one symbol table");
			v->symtab_index = elf_ndxscn(scn);
			v->strtab_index = sh.sh_link;
			v->first_global = sh.sh_info;
			if (sh.sh_entsize != gelf_fsize(v->elf, ELF_T_SYM, 1, EV_CURRENT))
				return mg_error_set(err, v->name, ".symtab has entry size %ju",
						    (uintmax_t)sh.sh_entsize);
			v->syms = elf_getdata(scn, NULL);
			if (!v->syms)
				return elf_fail(err, v->name, "cannot read .symtab");
			v->nsyms = v->syms->d_size / sh.sh_entsize;
		} else if (sh.sh_type == SHT_SYMTAB_SHNDX) {
			xscn = scn;
		}
	}
	if (!v->symtab_index)
		return mg_error_set(err, v->name, "no symbol table");
	if (xscn) {
		GElf_Shdr sh;
		if (!gelf_getshdr(xscn, &sh))
			return elf_fail(err, v->name, "cannot read a section header");
		if (sh.sh_link != v->symtab_index)
			return mg_error_set(err, v->name, "SHT_SYMTAB_SHNDX is not linked to .symtab");
		v->xndx = elf_getdata(xscn, NULL);
		if (!v->xndx)
			return elf_fail(err, v->name, "cannot read SHT_SYMTAB_SHNDX");
		if (v->xndx->d_size / sizeof(Elf32_Word) < v->nsyms)
			return mg_error_set(err, v->name, "SHT_SYMTAB_SHNDX is shorter than .symtab");
	}
	GElf_Shdr strsh;
	Elf_Scn *strscn = v->strtab_index < v->shnum ? elf_getscn(v->elf, v->strtab_index) : NULL;
	if (!strscn || !gelf_getshdr(strscn, &strsh) || strsh.sh_type != SHT_STRTAB)
		return mg_error_set(err, v->name, ".symtab is not linked to a string table");
	if (v->first_global > v->nsyms || (v->nsyms > 0 && v->first_global == 0))
		return mg_error_set(err, v->name, ".symtab sh_info %zu does not fit %zu symbols",
				    v->first_global, v->nsyms);
	return 0;
}

/* Every later query relies on what this checks once: names resolve, section
 * indices are in range, locals precede globals as sh_info says. */
static int check_symbols(view *v, mg_error *err)
{
	for (size_t i = 1; i < v->nsyms; i++) {
		GElf_Sym sym;
		uint32_t shndx = 0;
		if (view_sym(v, i, &sym, &shndx, err) != 0)
			return -1;
		if (!view_sym_name(v, &sym))
			return elf_fail(err, v->name, "bad symbol name");
		if (sym.st_shndx == SHN_XINDEX && !v->xndx)
			return mg_error_set(err, v->name, "symbol %zu uses SHN_XINDEX without "
					    "SHT_SYMTAB_SHNDX", i);
		if (shndx >= v->shnum && (sym.st_shndx == SHN_XINDEX || shndx < SHN_LORESERVE))
			return mg_error_set(err, v->name, "symbol %zu: section index %u out "
					    "of range", i, (unsigned)shndx);
		bool local = GELF_ST_BIND(sym.st_info) == STB_LOCAL;
		if (local != (i < v->first_global))
			return mg_error_set(err, v->name, "symbol %zu breaks the symbol table "
					    "order (locals first, sh_info %zu)", i,
					    v->first_global);
	}
	return 0;
}

/* libelf quietly drops a section header table that does not fit the file;
 * an ET_REL without one is truncated or corrupted. */
static int check_section_table(const view *v, const GElf_Ehdr *eh, size_t size,
			       mg_error *err)
{
	size_t n = v->shnum ? v->shnum : eh->e_shnum;
	if (n == 0 || eh->e_shoff == 0 || eh->e_shentsize == 0 || eh->e_shoff > size ||
	    n > (size - eh->e_shoff) / eh->e_shentsize)
		return mg_error_set(err, v->name, "section header table (%zu entries at "
				    "offset %ju) lies outside the file of %zu bytes: "
				    "truncated or corrupted", n, (uintmax_t)eh->e_shoff, size);
	/* ELF_F_LAYOUT makes libelf trust these offsets when it writes: a
	 * section past the end would grow the image to any size. */
	for (size_t i = 0; i < v->shnum; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(v->elf, i);
		if (!scn || !gelf_getshdr(scn, &sh))
			return elf_fail(err, v->name, "section header table unreadable");
		if (i != 0 && sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > size || sh.sh_size > size - sh.sh_offset))
			return mg_error_set(err, v->name, "section %zu (offset %ju, size %ju) "
					    "lies outside the file of %zu bytes", i,
					    (uintmax_t)sh.sh_offset, (uintmax_t)sh.sh_size, size);
	}
	return 0;
}

static int view_load(view *v, const char *name, Elf *elf, size_t size, mg_error *err)
{
	memset(v, 0, sizeof *v);
	v->name = name;
	v->elf = elf;
	if (elf_kind(elf) != ELF_K_ELF)
		return mg_error_set(err, name, "not an ELF file");
	GElf_Ehdr eh;
	if (!gelf_getehdr(elf, &eh))
		return elf_fail(err, name, "cannot read the ELF header");
	if (eh.e_type != ET_REL)
		return mg_error_set(err, name, "not a relocatable object (ELF type %u, "
				    "want ET_REL)", (unsigned)eh.e_type);
	v->machine = eh.e_machine;
	if (elf_getshdrnum(elf, &v->shnum) != 0)
		return elf_fail(err, name, "cannot count sections");
	if (elf_getshdrstrndx(elf, &v->shstrndx) != 0)
		return elf_fail(err, name, "cannot find the section name table");
	if (check_section_table(v, &eh, size, err) != 0 || find_symtab(v, err) != 0)
		return -1;
	return check_symbols(v, err);
}

/* An anonymous in-memory file: libelf's ELF_C_WRITE needs a descriptor. */
static int memfile(const void *buf, size_t size, const char *name, mg_error *err)
{
	int fd = memfd_create("manyguard-elf-edit", MFD_CLOEXEC);
	if (fd < 0)
		return mg_error_set(err, name, "memfd_create: %s", strerror(errno));
	const char *p = buf;
	size_t done = 0;
	while (done < size) {
		ssize_t n = write(fd, p + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			mg_error_set(err, name, "writing the in-memory image: %s", strerror(errno));
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	return fd;
}

mg_elf_edit *mg_elf_edit_open(const void *buf, size_t size, const char *name,
			      mg_error *err)
{
	if (elf_version(EV_CURRENT) == EV_NONE) {
		elf_fail(err, name, "libelf is out of date");
		return NULL;
	}
	mg_elf_edit *ed = XCNEW(mg_elf_edit);
	ed->fd = -1;
	ed->name = xstrdup(name ? name : "");
	ed->orig = xmalloc(size ? size : 1);
	if (size)
		memcpy(ed->orig, buf, size);
	ed->orig_size = size;
	Elf *orig = elf_memory(ed->orig, size);
	if (!orig) {
		elf_fail(err, name, "cannot open as ELF");
		goto out;
	}
	if (view_load(&ed->orig_view, ed->name, orig, size, err) != 0)
		goto out; /* view_load stored ORIG first: close frees it */
	ed->fd = memfile(buf, size, ed->name, err);
	if (ed->fd < 0)
		goto out;
	Elf *elf = elf_begin(ed->fd, ELF_C_RDWR, NULL);
	if (!elf) {
		elf_fail(err, name, "cannot open for rewriting");
		goto out;
	}
	if (view_load(&ed->edit_view, ed->name, elf, size, err) != 0)
		goto out;
	return ed;
out:
	mg_elf_edit_close(ed);
	return NULL;
}

void mg_elf_edit_close(mg_elf_edit *ed)
{
	if (!ed)
		return;
	mg_elf_reloc_free(ed->relocs);
	elf_end(ed->edit_view.elf);
	if (ed->fd >= 0)
		close(ed->fd);
	elf_end(ed->orig_view.elf);
	free(ed->orig);
	free(ed->name);
	free(ed);
}

size_t mg_elf_edit_symbol_count(const mg_elf_edit *ed)
{
	return ed->edit_view.nsyms;
}

static void fill_symbol(const view *v, size_t index, const GElf_Sym *sym, uint32_t shndx,
			mg_elf_edit_symbol_info *out)
{
	out->index = index;
	out->name = view_sym_name(v, sym);
	out->value = sym->st_value;
	out->size = sym->st_size;
	out->type = GELF_ST_TYPE(sym->st_info);
	out->bind = GELF_ST_BIND(sym->st_info);
	out->visibility = GELF_ST_VISIBILITY(sym->st_other);
	out->shndx = shndx;
	out->defined = shndx != SHN_UNDEF;
}

int mg_elf_edit_symbol(const mg_elf_edit *ed, size_t index, mg_elf_edit_symbol_info *out,
		       mg_error *err)
{
	GElf_Sym sym;
	uint32_t shndx = 0;
	if (view_sym(&ed->edit_view, index, &sym, &shndx, err) != 0)
		return -1;
	fill_symbol(&ed->edit_view, index, &sym, shndx, out);
	return 0;
}

int mg_elf_edit_find(const mg_elf_edit *ed, const char *name, size_t *index,
		     mg_error *err)
{
	const view *v = &ed->edit_view;
	for (size_t i = v->first_global; i < v->nsyms; i++) {
		GElf_Sym sym;
		uint32_t shndx = 0;
		if (view_sym(v, i, &sym, &shndx, err) != 0)
			return -1;
		if (strcmp(view_sym_name(v, &sym), name) == 0) {
			*index = i;
			return 0;
		}
	}
	return mg_error_set(err, ed->name, "no global symbol named %s", name);
}

/* Store SYM (and its extended section index) back and mark .symtab (and
 * SHT_SYMTAB_SHNDX) dirty so elf_update writes them. */
static int store_sym(mg_elf_edit *ed, size_t index, GElf_Sym *sym, uint32_t xndx,
		     mg_error *err)
{
	view *v = &ed->edit_view;
	if (!gelf_update_symshndx(v->syms, v->xndx, (int)index, sym, xndx))
		return elf_fail(err, ed->name, "cannot update a symbol");
	elf_flagdata(v->syms, ELF_C_SET, ELF_F_DIRTY);
	if (v->xndx)
		elf_flagdata(v->xndx, ELF_C_SET, ELF_F_DIRTY);
	return 0;
}

static int global_sym(mg_elf_edit *ed, size_t index, GElf_Sym *sym, uint32_t *shndx,
		      mg_error *err)
{
	if (view_sym(&ed->edit_view, index, sym, shndx, err) != 0)
		return -1;
	if (GELF_ST_BIND(sym->st_info) == STB_LOCAL)
		return mg_error_set(err, ed->name, "symbol %zu (%s) is local", index,
				    view_sym_name(&ed->edit_view, sym));
	return 0;
}

int mg_elf_edit_set_visibility(mg_elf_edit *ed, size_t index, unsigned char stv,
			       mg_error *err)
{
	if (stv > STV_PROTECTED)
		return mg_error_set(err, ed->name, "bad visibility %u", stv);
	GElf_Sym sym;
	uint32_t shndx = 0;
	if (global_sym(ed, index, &sym, &shndx, err) != 0)
		return -1;
	sym.st_other = (unsigned char)((sym.st_other & ~3u) | stv);
	return store_sym(ed, index, &sym, sym.st_shndx == SHN_XINDEX ? shndx : 0, err);
}

int mg_elf_edit_set_visibility_by_name(mg_elf_edit *ed, const char *name,
				       unsigned char stv, mg_error *err)
{
	size_t index;
	if (mg_elf_edit_find(ed, name, &index, err) != 0)
		return -1;
	return mg_elf_edit_set_visibility(ed, index, stv, err);
}

int mg_elf_edit_hide_definitions(mg_elf_edit *ed, size_t *count, mg_error *err)
{
	const view *v = &ed->edit_view;
	size_t changed = 0;
	for (size_t i = v->first_global; i < v->nsyms; i++) {
		GElf_Sym sym;
		uint32_t shndx = 0;
		if (view_sym(v, i, &sym, &shndx, err) != 0)
			return -1;
		unsigned vis = GELF_ST_VISIBILITY(sym.st_other);
		if (shndx == SHN_UNDEF || (vis != STV_DEFAULT && vis != STV_PROTECTED))
			continue;
		if (mg_elf_edit_set_visibility(ed, i, STV_HIDDEN, err) != 0)
			return -1;
		changed++;
	}
	if (count)
		*count = changed;
	return 0;
}

int mg_elf_edit_undefine(mg_elf_edit *ed, size_t index, mg_error *err)
{
	GElf_Sym sym;
	uint32_t shndx = 0;
	if (global_sym(ed, index, &sym, &shndx, err) != 0)
		return -1;
	if (shndx == SHN_UNDEF)
		return mg_error_set(err, ed->name, "symbol %zu (%s) is not defined", index,
				    view_sym_name(&ed->edit_view, &sym));
	unsigned char type = GELF_ST_TYPE(sym.st_info) == STT_TLS ? STT_TLS : STT_NOTYPE;
	sym.st_info = GELF_ST_INFO(STB_GLOBAL, type);
	sym.st_other = (unsigned char)(sym.st_other & ~3u);
	sym.st_shndx = SHN_UNDEF;
	sym.st_value = 0;
	sym.st_size = 0;
	return store_sym(ed, index, &sym, 0, err);
}

int mg_elf_edit_undefine_by_name(mg_elf_edit *ed, const char *name, mg_error *err)
{
	size_t index;
	if (mg_elf_edit_find(ed, name, &index, err) != 0)
		return -1;
	return mg_elf_edit_undefine(ed, index, err);
}

/* Symbol INDEX as the input defined it, in a regular section. */
static int input_definition(const mg_elf_edit *ed, size_t index, GElf_Sym *sym,
			    uint32_t *shndx, mg_error *err)
{
	if (view_sym(&ed->orig_view, index, sym, shndx, err) != 0)
		return -1;
	if (*shndx == SHN_UNDEF || (*shndx >= SHN_LORESERVE && sym->st_shndx != SHN_XINDEX))
		return mg_error_set(err, ed->name, "symbol %zu (%s) is not defined in a "
				    "section of the input", index,
				    view_sym_name(&ed->orig_view, sym));
	return 0;
}

/* Does relocation R reach into SYM's bytes?  A corrupt object may hold any
 * value, size and addend, so the bounds saturate instead of overflowing. */
static bool ref_hits(unsigned machine, const mg_elf_reloc *r, const GElf_Sym *sym)
{
	if (sym->st_value > (uint64_t)INT64_MAX)
		return false;
	int64_t slack = machine == EM_X86_64 && r->kind == MG_ELF_RELOC_KIND_PCREL ? 8 : 0;
	int64_t lo = r->addend;
	int64_t hi = lo > INT64_MAX - slack ? INT64_MAX : lo + slack;
	int64_t start = (int64_t)sym->st_value;
	uint64_t size = sym->st_size ? sym->st_size : 1;
	int64_t end = size > (uint64_t)(INT64_MAX - start) ? INT64_MAX : start + (int64_t)size;
	return hi >= start && lo < end;
}

int mg_elf_edit_section_refs(mg_elf_edit *ed, size_t index, mg_elf_edit_ref **refs,
			     size_t *count, mg_error *err)
{
	*refs = NULL;
	*count = 0;
	GElf_Sym sym;
	uint32_t shndx = 0;
	if (input_definition(ed, index, &sym, &shndx, err) != 0)
		return -1;
	if (!ed->relocs) {
		ed->relocs = mg_elf_reloc_read(ed->orig, ed->orig_size, ed->name, err);
		if (!ed->relocs)
			return -1;
	}
	size_t cap = 0;
	for (size_t s = 0; s < ed->relocs->nsections; s++) {
		const mg_elf_reloc_section *sec = &ed->relocs->sections[s];
		if (!(sec->target_flags & SHF_ALLOC) || strcmp(sec->target_name, ".eh_frame") == 0)
			continue;
		for (size_t i = 0; i < sec->count; i++) {
			const mg_elf_reloc *r = &sec->relocs[i];
			if (r->sym_type != STT_SECTION || r->sym_shndx != shndx)
				continue;
			bool inside = sec->target_index == shndx && r->offset >= sym.st_value &&
				      r->offset < sym.st_value + sym.st_size;
			if (inside || !ref_hits(ed->relocs->machine, r, &sym))
				continue;
			mg_elf_edit_ref ref = { .reloc_section = sec->name, .section = sec->target_name,
					   .offset = r->offset, .type = r->type,
					   .addend = r->addend };
			MG_GROW(*refs, *count + 1, cap);
			(*refs)[(*count)++] = ref;
		}
	}
	return 0;
}

/* Does SHT_GROUP section SCN list section SHNDX?  Fills OUT if so. */
static int group_lists(const mg_elf_edit *ed, Elf_Scn *scn, const GElf_Shdr *sh,
		       uint32_t shndx, mg_elf_edit_group *out, mg_error *err)
{
	const view *v = &ed->orig_view;
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data)
		return elf_fail(err, ed->name, "cannot read a section group");
	const Elf32_Word *w = data->d_buf;
	size_t n = data->d_size / sizeof *w;
	for (size_t i = 1; i < n; i++) {
		if (w[i] != shndx)
			continue;
		out->in_group = true;
		out->comdat = (w[0] & GRP_COMDAT) != 0;
		out->group_index = elf_ndxscn(scn);
		GElf_Sym sig;
		uint32_t sig_shndx = 0;
		if (sh->sh_link == v->symtab_index &&
		    view_sym(v, sh->sh_info, &sig, &sig_shndx, NULL) == 0)
			out->signature = view_sym_name(v, &sig);
		return 1;
	}
	return 0;
}

int mg_elf_edit_symbol_group(const mg_elf_edit *ed, size_t index, mg_elf_edit_group *out,
			     mg_error *err)
{
	memset(out, 0, sizeof *out);
	GElf_Sym sym;
	uint32_t shndx = 0;
	if (view_sym(&ed->orig_view, index, &sym, &shndx, err) != 0)
		return -1;
	if (shndx == SHN_UNDEF || (shndx >= SHN_LORESERVE && sym.st_shndx != SHN_XINDEX))
		return 0;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(ed->orig_view.elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return elf_fail(err, ed->name, "cannot read a section header");
		if (sh.sh_type != SHT_GROUP)
			continue;
		int found = group_lists(ed, scn, &sh, shndx, out, err);
		if (found != 0)
			return found < 0 ? -1 : 0;
	}
	return 0;
}

int mg_elf_edit_section_mates(const mg_elf_edit *ed, size_t index, size_t **mates,
			      size_t *count, mg_error *err)
{
	*mates = NULL;
	*count = 0;
	const view *v = &ed->orig_view;
	GElf_Sym sym;
	uint32_t shndx = 0;
	if (input_definition(ed, index, &sym, &shndx, err) != 0)
		return -1;
	size_t n = 0;
	size_t *list = NULL;
	for (int pass = 0; pass < 2; pass++) {
		n = 0;
		for (size_t i = 1; i < v->nsyms; i++) {
			GElf_Sym other;
			uint32_t other_shndx = 0;
			if (view_sym(v, i, &other, &other_shndx, err) != 0) {
				free(list);
				return -1;
			}
			unsigned type = GELF_ST_TYPE(other.st_info);
			if (i == index || other_shndx != shndx || type == STT_SECTION ||
			    type == STT_FILE)
				continue;
			if (list)
				list[n] = i;
			n++;
		}
		if (pass == 0) {
			if (n == 0)
				return 0;
			list = XNEWVEC(size_t, n);
		}
	}
	*mates = list;
	*count = n;
	return 0;
}

static int read_back(int fd, size_t size, char **out, const char *name, mg_error *err)
{
	char *buf = xmalloc(size ? size : 1);
	size_t done = 0;
	while (done < size) {
		ssize_t n = pread(fd, buf + done, size - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			return mg_error_set(err, name, "reading the rewritten image: %s",
					    n < 0 ? strerror(errno) : "short file");
		}
		done += (size_t)n;
	}
	*out = buf;
	return 0;
}

/* The bytes must stand on their own: read them back as a fresh object and
 * check the symbol table has the shape the edit had. */
static int verify_image(const mg_elf_edit *ed, char *buf, size_t size, mg_error *err)
{
	Elf *elf = elf_memory(buf, size);
	if (!elf)
		return elf_fail(err, ed->name, "rewritten image does not open");
	view v;
	int rc = view_load(&v, ed->name, elf, size, err);
	if (rc == 0 && (v.nsyms != ed->edit_view.nsyms ||
			v.first_global != ed->edit_view.first_global ||
			v.shnum != ed->edit_view.shnum))
		rc = mg_error_set(err, ed->name, "rewritten image lost symbols or sections");
	elf_end(elf);
	return rc;
}

/* Write pass (libelf writes the dirty .symtab/.symtab_shndx into the
 * in-memory file), read-back pass, verification pass. */
int mg_elf_edit_write(mg_elf_edit *ed, void **out, size_t *size, mg_error *err)
{
	Elf *elf = ed->edit_view.elf;
	/* Keep every offset: only symbol entries change, in place. */
	elf_flagelf(elf, ELF_C_SET, ELF_F_LAYOUT);
	off_t n = elf_update(elf, ELF_C_WRITE);
	if (n < 0)
		return elf_fail(err, ed->name, "cannot write the rewritten object");
	if ((size_t)n > ed->orig_size)
		return mg_error_set(err, ed->name, "rewritten image grew from %zu to %jd "
				    "bytes", ed->orig_size, (intmax_t)n);
	char *buf = NULL;
	if (read_back(ed->fd, (size_t)n, &buf, ed->name, err) != 0)
		return -1;
	if (verify_image(ed, buf, (size_t)n, err) != 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	*size = (size_t)n;
	return 0;
}

/* Mode for a new file: the target's if it exists, else 0666 minus umask. */
static mode_t target_mode(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	return mg_atomic_file_mode();
}
int mg_elf_edit_save(mg_elf_edit *ed, const char *path, mg_error *err)
{
	void *buf = NULL;
	size_t size;
	if (mg_elf_edit_write(ed, &buf, &size, err) != 0)
		return -1;
	int rc = mg_atomic_file_write(path, buf, size, target_mode(path), err);
	free(buf);
	return rc;
}

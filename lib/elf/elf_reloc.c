/* Reading the relocations of a relocatable object and classifying each
 * for "can this go into a shared object" (elf_reloc.h).  Passes: an
 * inspection pass over the headers and the symbol table, then one
 * collection pass per relocation section that looks each type up in the
 * machine's table (elf_reloc_types.c), classifies it by the section it
 * patches and the symbol it names, and records the offenders. */
#include "config.h"
#include "elf/elf_reloc.h"
#include "base/grow.h"

#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* A symbol binds locally when the linker may resolve a reference to it
 * inside the DSO being made: locals, section symbols, and any non-default
 * visibility (hidden/internal must be defined in the link; protected cannot
 * be preempted, and ld 2.40 accepts PC32 against protected data). */
static bool binds_locally(const mg_elf_reloc *r)
{
	return r->sym_index == 0 || r->sym_bind == STB_LOCAL ||
	       r->sym_type == STT_SECTION || r->sym_vis != STV_DEFAULT;
}

static void classify(mg_elf_reloc *r, uint64_t target_flags, const char *type_why)
{
	r->why = type_why;
	if (r->kind == MG_ELF_RELOC_KIND_UNKNOWN) {
		r->cls = MG_ELF_RELOC_UNKNOWN;
		return;
	}
	if (!(target_flags & SHF_ALLOC)) {
		r->cls = MG_ELF_RELOC_LINK_TIME;
		r->why = "in a non-allocated section: resolved by the static linker";
		return;
	}
	switch (r->kind) {
	case MG_ELF_RELOC_KIND_ABS_PTR:
		if (target_flags & SHF_WRITE) {
			r->cls = MG_ELF_RELOC_DYNAMIC;
			r->why = "absolute pointer in a writable section: ld emits a "
				 "dynamic relocation";
		} else {
			r->cls = MG_ELF_RELOC_TEXTREL;
			r->why = "absolute pointer in a read-only section: the DSO gets "
				 "a text relocation (DT_TEXTREL)";
		}
		return;
	case MG_ELF_RELOC_KIND_PCREL:
		if (binds_locally(r)) {
			r->cls = MG_ELF_RELOC_PIC;
		} else {
			r->cls = MG_ELF_RELOC_NOT_SHARED;
			r->why = r->sym_shndx == SHN_UNDEF ?
				"PC-relative reference to an undefined default-visibility "
				"symbol: ld refuses it with -shared (recompile with -fPIC)" :
				"PC-relative reference to a preemptible symbol: ld refuses "
				"it with -shared (recompile with -fPIC)";
		}
		return;
	case MG_ELF_RELOC_KIND_TLS_IE:
		r->cls = MG_ELF_RELOC_DYNAMIC;
		return;
	case MG_ELF_RELOC_KIND_ABS_NARROW:
	case MG_ELF_RELOC_KIND_TLS_LE:
	case MG_ELF_RELOC_KIND_DYN_ONLY:
		r->cls = MG_ELF_RELOC_NOT_SHARED;
		return;
	case MG_ELF_RELOC_KIND_NONE:
	case MG_ELF_RELOC_KIND_GOT_PLT:
	case MG_ELF_RELOC_KIND_PAGE_OFF:
	case MG_ELF_RELOC_KIND_LINK_CONST:
	case MG_ELF_RELOC_KIND_TLS_DYN:
	case MG_ELF_RELOC_KIND_UNKNOWN:
		break;
	}
	r->cls = MG_ELF_RELOC_PIC;
}

/* What the set keeps alive: names point into libelf's view of IMAGE. */
typedef struct reloc_priv {
	char *image;
	Elf *elf;
} reloc_priv;

/* The parts of the object every relocation needs. */
typedef struct reader {
	const char *name;
	Elf *elf;
	size_t size;
	size_t shnum, shstrndx;
	size_t symtab_index;
	Elf_Data *syms, *xndx;
	size_t nsyms;
	size_t strtab_index;
} reader;

static int elf_fail(mg_error *err, const char *name, const char *what)
{
	return mg_error_set(err, name, "%s: %s", what, elf_errmsg(-1));
}

/* libelf quietly drops a section header table that does not fit the file;
 * an ET_REL without one is truncated or corrupted, never "no relocations". */
static int check_section_table(Elf *elf, const GElf_Ehdr *eh, size_t shnum, size_t size,
			       const char *name, mg_error *err)
{
	size_t n = shnum ? shnum : eh->e_shnum;
	if (n == 0 || eh->e_shoff == 0 || eh->e_shentsize == 0 || eh->e_shoff > size ||
	    n > (size - eh->e_shoff) / eh->e_shentsize)
		return mg_error_set(err, name, "section header table (%zu entries at offset "
				    "%ju) lies outside the file of %zu bytes: truncated or "
				    "corrupted", n, (uintmax_t)eh->e_shoff, size);
	for (size_t i = 0; i < shnum; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(elf, i);
		if (!scn || !gelf_getshdr(scn, &sh))
			return elf_fail(err, name, "section header table unreadable");
	}
	return 0;
}

static int open_object(reader *rd, mg_error *err)
{
	if (elf_kind(rd->elf) != ELF_K_ELF)
		return mg_error_set(err, rd->name, "not an ELF file");
	GElf_Ehdr eh;
	if (!gelf_getehdr(rd->elf, &eh))
		return elf_fail(err, rd->name, "cannot read the ELF header");
	if (eh.e_type != ET_REL)
		return mg_error_set(err, rd->name, "not a relocatable object (ELF type %u, "
				    "want ET_REL)", (unsigned)eh.e_type);
	if (!mg_elf_reloc_machine_known(eh.e_machine))
		return mg_error_set(err, rd->name, "unsupported machine %u (only x86_64 "
				    "and aarch64 relocations are known)",
				    (unsigned)eh.e_machine);
	if (gelf_getclass(rd->elf) != ELFCLASS64)
		return mg_error_set(err, rd->name, "32-bit object of a 64-bit machine "
				    "(x32/ILP32) is not supported");
	if (elf_getshdrnum(rd->elf, &rd->shnum) != 0)
		return elf_fail(err, rd->name, "cannot count sections");
	if (elf_getshdrstrndx(rd->elf, &rd->shstrndx) != 0)
		return elf_fail(err, rd->name, "cannot find the section name table");
	if (check_section_table(rd->elf, &eh, rd->shnum, rd->size, rd->name, err) != 0)
		return -1;

	rd->symtab_index = 0;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(rd->elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return elf_fail(err, rd->name, "cannot read a section header");
		if (sh.sh_type == SHT_SYMTAB) {
			if (rd->symtab_index)
				return mg_error_set(err, rd->name, "more than one symbol table");
			rd->symtab_index = elf_ndxscn(scn);
			rd->strtab_index = sh.sh_link;
			rd->syms = elf_getdata(scn, NULL);
			if (!rd->syms)
				return elf_fail(err, rd->name, "cannot read .symtab");
			size_t ent = gelf_fsize(rd->elf, ELF_T_SYM, 1, EV_CURRENT);
			rd->nsyms = rd->syms->d_size / ent;
		}
	}
	rd->xndx = NULL;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(rd->elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB_SHNDX &&
		    sh.sh_link == rd->symtab_index && rd->symtab_index) {
			rd->xndx = elf_getdata(scn, NULL);
			if (!rd->xndx)
				return elf_fail(err, rd->name, "cannot read SHT_SYMTAB_SHNDX");
		}
	}
	return 0;
}

static const char *section_name(reader *rd, size_t index)
{
	Elf_Scn *scn = elf_getscn(rd->elf, index);
	GElf_Shdr sh;
	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	return elf_strptr(rd->elf, rd->shstrndx, sh.sh_name);
}

/* Fill the symbol fields of R from symbol R->sym_index. */
static int read_symbol(reader *rd, mg_elf_reloc *r, const char *where, mg_error *err)
{
	if (r->sym_index == 0) {
		r->sym_name = "";
		r->sym_type = STT_NOTYPE;
		r->sym_bind = STB_LOCAL;
		r->sym_vis = STV_DEFAULT;
		r->sym_shndx = SHN_UNDEF;
		return 0;
	}
	if (r->sym_index >= rd->nsyms)
		return mg_error_set(err, rd->name, "%s: symbol index %zu out of range "
				    "(the symbol table has %zu entries)", where,
				    r->sym_index, rd->nsyms);
	GElf_Sym sym;
	Elf32_Word xndx = 0;
	if (!gelf_getsymshndx(rd->syms, rd->xndx, (int)r->sym_index, &sym, &xndx))
		return elf_fail(err, rd->name, "cannot read a symbol");
	r->sym_type = GELF_ST_TYPE(sym.st_info);
	r->sym_bind = GELF_ST_BIND(sym.st_info);
	r->sym_vis = GELF_ST_VISIBILITY(sym.st_other);
	r->sym_shndx = sym.st_shndx == SHN_XINDEX ? xndx : sym.st_shndx;
	if (r->sym_type == STT_SECTION) {
		r->sym_name = r->sym_shndx < rd->shnum ? section_name(rd, r->sym_shndx) : NULL;
		if (!r->sym_name)
			return mg_error_set(err, rd->name, "%s: section symbol %zu names "
					    "a bad section %u", where, r->sym_index,
					    (unsigned)r->sym_shndx);
		return 0;
	}
	r->sym_name = elf_strptr(rd->elf, rd->strtab_index, sym.st_name);
	if (!r->sym_name)
		return elf_fail(err, rd->name, "bad symbol name");
	return 0;
}

static void add_offender(mg_elf_reloc_set *set, const mg_elf_reloc_section *sec, const mg_elf_reloc *r,
			 size_t *cap)
{
	MG_GROW(set->offenders, set->noffenders + 1, *cap);
	set->offenders[set->noffenders++] = (mg_elf_reloc_offender){
		.section = sec->target_name, .symbol = r->sym_name,
		.type_name = r->type_name, .type = r->type, .offset = r->offset,
		.cls = r->cls, .why = r->why,
	};
}

/* Collection pass over one SHT_REL/SHT_RELA section. */
static int read_section(reader *rd, mg_elf_reloc_set *set, Elf_Scn *scn, const GElf_Shdr *sh,
			mg_elf_reloc_section *out, size_t *offender_cap, mg_error *err)
{
	out->index = elf_ndxscn(scn);
	out->rela = sh->sh_type == SHT_RELA;
	out->name = elf_strptr(rd->elf, rd->shstrndx, sh->sh_name);
	if (!out->name)
		return elf_fail(err, rd->name, "bad section name");
	if (sh->sh_link != rd->symtab_index || rd->symtab_index == 0)
		return mg_error_set(err, rd->name, "%s: linked to section %u, not to the "
				    "symbol table", out->name, (unsigned)sh->sh_link);
	out->target_index = sh->sh_info;
	Elf_Scn *target = sh->sh_info && sh->sh_info < rd->shnum ?
		elf_getscn(rd->elf, sh->sh_info) : NULL;
	GElf_Shdr tsh;
	if (!target || !gelf_getshdr(target, &tsh))
		return mg_error_set(err, rd->name, "%s: applies to bad section %u",
				    out->name, (unsigned)sh->sh_info);
	out->target_flags = tsh.sh_flags;
	out->target_name = elf_strptr(rd->elf, rd->shstrndx, tsh.sh_name);
	if (!out->target_name)
		return elf_fail(err, rd->name, "bad section name");

	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data)
		return elf_fail(err, rd->name, "cannot read relocations");
	size_t ent = gelf_fsize(rd->elf, out->rela ? ELF_T_RELA : ELF_T_REL, 1, EV_CURRENT);
	size_t n = data->d_size / ent;
	out->relocs = calloc(n ? n : 1, sizeof *out->relocs);
	if (!out->relocs)
		return mg_error_set(err, rd->name, "out of memory");
	for (size_t i = 0; i < n; i++) {
		GElf_Rela rela = { 0 };
		GElf_Rel rel;
		if (out->rela) {
			if (!gelf_getrela(data, (int)i, &rela))
				return elf_fail(err, rd->name, "cannot read a relocation");
		} else {
			if (!gelf_getrel(data, (int)i, &rel))
				return elf_fail(err, rd->name, "cannot read a relocation");
			rela.r_offset = rel.r_offset;
			rela.r_info = rel.r_info;
		}
		mg_elf_reloc *r = &out->relocs[i];
		r->offset = rela.r_offset;
		r->type = (uint32_t)GELF_R_TYPE(rela.r_info);
		r->sym_index = GELF_R_SYM(rela.r_info);
		r->addend = out->rela ? rela.r_addend : 0;
		char where[256];
		snprintf(where, sizeof where, "%s entry %zu", out->name, i);
		if (read_symbol(rd, r, where, err) != 0)
			return -1;
		mg_elf_reloc_type_info info;
		mg_elf_reloc_type_lookup(set->machine, r->type, &info, NULL);
		r->type_name = info.name ? info.name : "unknown";
		r->kind = info.kind;
		classify(r, out->target_flags, info.why);
		out->count = i + 1;
		set->counts[r->cls]++;
		if (r->cls > set->worst)
			set->worst = r->cls;
		if (r->cls >= MG_ELF_RELOC_TEXTREL)
			add_offender(set, out, r, offender_cap);
	}
	return 0;
}

static int read_all(reader *rd, mg_elf_reloc_set *set, mg_error *err)
{
	GElf_Ehdr eh;
	if (!gelf_getehdr(rd->elf, &eh))
		return elf_fail(err, rd->name, "cannot read the ELF header");
	set->machine = eh.e_machine;
	size_t nrel = 0;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(rd->elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return elf_fail(err, rd->name, "cannot read a section header");
		nrel += sh.sh_type == SHT_RELA || sh.sh_type == SHT_REL;
	}
	set->sections = calloc(nrel ? nrel : 1, sizeof *set->sections);
	if (!set->sections)
		return mg_error_set(err, rd->name, "out of memory");
	size_t offender_cap = 0;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(rd->elf, scn)) != NULL;) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return elf_fail(err, rd->name, "cannot read a section header");
		if (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL)
			continue;
		mg_elf_reloc_section *sec = &set->sections[set->nsections++];
		if (read_section(rd, set, scn, &sh, sec, &offender_cap, err) != 0)
			return -1;
	}
	return 0;
}

/* Inspection pass (headers, symbol table), then one collection pass per
 * relocation section that classifies each entry as it is read and records
 * the offenders. */
mg_elf_reloc_set *mg_elf_reloc_read(const void *buf, size_t size, const char *name, mg_error *err)
{
	if (elf_version(EV_CURRENT) == EV_NONE) {
		elf_fail(err, name, "libelf is out of date");
		return NULL;
	}
	mg_elf_reloc_set *set = XCNEW(mg_elf_reloc_set);
	reloc_priv *priv = XCNEW(reloc_priv);
	/* libelf wants a writable, aligned image; the caller's may be neither. */
	char *image = xmalloc(size ? size : 1);
	if (size)
		memcpy(image, buf, size);
	priv->image = image;
	set->priv = priv;
	priv->elf = elf_memory(image, size);
	if (!priv->elf) {
		elf_fail(err, name, "cannot open as ELF");
		goto out;
	}
	reader rd = { .name = name, .elf = priv->elf, .size = size };
	if (open_object(&rd, err) != 0 || read_all(&rd, set, err) != 0)
		goto out;
	return set;
out:
	mg_elf_reloc_free(set);
	return NULL;
}

void mg_elf_reloc_free(mg_elf_reloc_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nsections; i++)
		free(set->sections[i].relocs);
	free(set->sections);
	free(set->offenders);
	reloc_priv *priv = set->priv;
	if (priv) {
		elf_end(priv->elf);
		free(priv->image);
		free(priv);
	}
	free(set);
}

bool mg_elf_reloc_shared_ok(const mg_elf_reloc_set *set)
{
	return set->worst <= MG_ELF_RELOC_DYNAMIC;
}

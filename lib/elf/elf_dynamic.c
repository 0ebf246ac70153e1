/* The ELF model's lazily read parts that need no version information: the
 * dynamic section, symbol tables (.symtab, and the raw reading of .dynsym
 * that elf_versions.c completes) and the GNU build-id note. */
#include "config.h"

#include "elf/elf_internal.h"

#include <string.h>

/* ---- dynamic section -------------------------------------------------- */

static int read_dynamic(mg_elf *elf, size_t index, mg_elf_dynamic *d, mg_error *err)
{
	Elf_Data *data = elf_section_data(elf, index, SHT_DYNAMIC, "dynamic section", err);
	if (!data)
		return -1;
	size_t strndx = elf_linked(elf, index, 0, err);
	if (strndx == (size_t)-1)
		return -1;
	size_t n = data->d_size / gelf_fsize(elf->e, ELF_T_DYN, 1, EV_CURRENT);
	d->needed = elf_alloc(elf, n, sizeof *d->needed, err);
	if (!d->needed)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Dyn dyn;
		if (!gelf_getdyn(data, (int)i, &dyn))
			return mg_error_set(err, elf->name, "dynamic entry %zu: %s", i,
					    elf_errmsg(-1));
		const char **slot = NULL;
		switch (dyn.d_tag) {
		case DT_NULL:
			return 0;
		case DT_NEEDED:
			slot = &d->needed[d->n_needed++];
			break;
		case DT_SONAME:
			slot = &d->soname;
			break;
		case DT_RPATH:
			slot = &d->rpath;
			break;
		case DT_RUNPATH:
			slot = &d->runpath;
			break;
		case DT_FLAGS:
			d->has_flags = true;
			d->flags = dyn.d_un.d_val;
			break;
		case DT_FLAGS_1:
			d->has_flags_1 = true;
			d->flags_1 = dyn.d_un.d_val;
			break;
		default:
			break;
		}
		if (slot) {
			*slot = elf_string(elf, strndx, dyn.d_un.d_val, "dynamic section", err);
			if (!*slot)
				return -1;
		}
	}
	return 0;
}

const mg_elf_dynamic *mg_elf_dynamic_info(mg_elf *elf, mg_error *err)
{
	if (elf->dynamic_loaded)
		return &elf->dynamic;
	mg_elf_dynamic d = { 0 };
	size_t index = mg_elf_find_type(elf, SHT_DYNAMIC);
	if (index) {
		d.present = true;
		if (read_dynamic(elf, index, &d, err) != 0)
			return NULL;
	}
	elf->dynamic = d;
	elf->dynamic_loaded = true;
	return &elf->dynamic;
}

/* ---- symbols ---------------------------------------------------------- */

/* The SHT_SYMTAB_SHNDX section that extends symbol table INDEX, or 0. */
static size_t find_shndx_section(const mg_elf *elf, size_t index)
{
	for (size_t i = 1; i < elf->shnum; i++)
		if (elf->sections[i].type == SHT_SYMTAB_SHNDX && elf->sections[i].link == index)
			return i;
	return 0;
}

int elf_read_symbols(mg_elf *elf, size_t index, mg_elf_symbols *out, mg_error *err)
{
	const char *what = elf->sections[index].type == SHT_DYNSYM ? "dynamic symbols"
								   : "symbols";
	Elf_Data *data = elf_section_data(elf, index, 0, what, err);
	if (!data)
		return -1;
	size_t strndx = elf_linked(elf, index, 0, err);
	if (strndx == (size_t)-1)
		return -1;
	Elf_Data *xdata = NULL;
	size_t xindex = find_shndx_section(elf, index);
	if (xindex) {
		xdata = elf_section_data(elf, xindex, SHT_SYMTAB_SHNDX, what, err);
		if (!xdata)
			return -1;
	}
	size_t n = data->d_size / gelf_fsize(elf->e, ELF_T_SYM, 1, EV_CURRENT);
	mg_elf_symbol *syms = elf_alloc(elf, n, sizeof *syms, err);
	if (!syms)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym sym;
		Elf32_Word xndx = 0;
		if (!gelf_getsymshndx(data, xdata, (int)i, &sym, &xndx))
			return mg_error_set(err, elf->name, "%s: cannot read symbol %zu: %s",
					    what, i, elf_errmsg(-1));
		mg_elf_symbol *s = &syms[i];
		s->name = elf_string(elf, strndx, sym.st_name, what, err);
		if (!s->name)
			return -1;
		s->value = sym.st_value;
		s->size = sym.st_size;
		s->bind = GELF_ST_BIND(sym.st_info);
		s->type = GELF_ST_TYPE(sym.st_info);
		s->visibility = GELF_ST_VISIBILITY(sym.st_other);
		if (sym.st_shndx == SHN_XINDEX) {
			if (!xdata)
				return mg_error_set(err, elf->name,
						    "%s: symbol %zu uses SHN_XINDEX but the file has no SHT_SYMTAB_SHNDX section",
						    what, i);
			s->shndx = xndx;
		} else {
			s->shndx = sym.st_shndx;
		}
		s->defined = s->shndx != SHN_UNDEF;
	}
	*out = (mg_elf_symbols){ .present = true, .section = index, .count = n, .symbols = syms };
	return 0;
}

const mg_elf_symbols *mg_elf_symtab(mg_elf *elf, mg_error *err)
{
	if (elf->symtab_loaded)
		return &elf->symtab;
	mg_elf_symbols t = { 0 };
	size_t index = mg_elf_find_type(elf, SHT_SYMTAB);
	if (index && elf_read_symbols(elf, index, &t, err) != 0)
		return NULL;
	elf->symtab = t;
	elf->symtab_loaded = true;
	return &elf->symtab;
}

const mg_elf_symbol *mg_elf_symbols_find(const mg_elf_symbols *tab, const char *name)
{
	for (size_t i = 0; i < tab->count; i++)
		if (strcmp(tab->symbols[i].name, name) == 0)
			return &tab->symbols[i];
	return NULL;
}

/* ---- build-id --------------------------------------------------------- */

/* Look for NT_GNU_BUILD_ID in note section INDEX; *HEX stays NULL when the
 * section has none. */
static int find_build_id(mg_elf *elf, size_t index, const char **hex, mg_error *err)
{
	Elf_Data *data = elf_section_data(elf, index, SHT_NOTE, "notes", err);
	if (!data)
		return -1;
	size_t off = 0, next;
	GElf_Nhdr nh;
	size_t name_off, desc_off;
	/* gelf_getnote returns 0 at the end and on a malformed note; each
	 * step moves forward, so this terminates. */
	while (off < data->d_size &&
	       (next = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		const char *base = data->d_buf;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == sizeof ELF_NOTE_GNU &&
		    memcmp(base + name_off, ELF_NOTE_GNU, sizeof ELF_NOTE_GNU) == 0) {
			char *s = elf_alloc(elf, 2 * (size_t)nh.n_descsz + 1, 1, err);
			if (!s)
				return -1;
			static const char digits[] = "0123456789abcdef";
			const unsigned char *d = (const unsigned char *)base + desc_off;
			for (size_t i = 0; i < nh.n_descsz; i++) {
				s[2 * i] = digits[d[i] >> 4];
				s[2 * i + 1] = digits[d[i] & 15];
			}
			*hex = s;
			return 0;
		}
		off = next;
	}
	return 0;
}

const char *mg_elf_build_id(mg_elf *elf, mg_error *err)
{
	if (elf->build_id_loaded)
		return elf->build_id;
	const char *hex = NULL;
	for (size_t i = 1; i < elf->shnum && !hex; i++)
		if (elf->sections[i].type == SHT_NOTE && find_build_id(elf, i, &hex, err) != 0)
			return NULL;
	elf->build_id = hex ? hex : "";
	elf->build_id_loaded = true;
	return elf->build_id;
}

const unsigned char *mg_elf_dynsym_relocated(mg_elf *elf, mg_error *err)
{
	const mg_elf_symbols *dyn = mg_elf_dynsym(elf, err);
	if (!dyn)
		return NULL;
	unsigned char *used = elf_alloc(elf, dyn->count ? dyn->count : 1, 1, err);
	if (!used)
		return NULL;
	size_t dynsym = mg_elf_find_type(elf, SHT_DYNSYM);
	for (size_t i = 1; dynsym && i < elf->shnum; i++) {
		const mg_elf_section *sec = &elf->sections[i];
		if ((sec->type != SHT_RELA && sec->type != SHT_REL) || sec->link != dynsym)
			continue;
		Elf_Data *data = elf_section_data(elf, i, sec->type, "dynamic relocations", err);
		if (!data)
			return NULL;
		size_t ent = sec->type == SHT_RELA ? gelf_fsize(elf->e, ELF_T_RELA, 1, EV_CURRENT)
						   : gelf_fsize(elf->e, ELF_T_REL, 1, EV_CURRENT);
		size_t n = ent ? data->d_size / ent : 0;
		for (size_t k = 0; k < n; k++) {
			GElf_Rela rela;
			GElf_Rel rel;
			uint64_t info;
			if (sec->type == SHT_RELA) {
				if (!gelf_getrela(data, (int)k, &rela))
					break;
				info = rela.r_info;
			} else {
				if (!gelf_getrel(data, (int)k, &rel))
					break;
				info = rel.r_info;
			}
			/* gelf_getrel(a) gives ELF64's r_info layout for both classes. */
			size_t sym = GELF_R_SYM(info);
			if (sym >= dyn->count) {
				mg_error_set(err, elf->name, "%s: relocation %zu names symbol %zu of %zu",
					     sec->name, k, sym, dyn->count);
				return NULL;
			}
			used[sym] = 1;
		}
	}
	return used;
}

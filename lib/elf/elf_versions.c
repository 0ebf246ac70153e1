/* GNU symbol versioning: .gnu.version_d (verdef), .gnu.version_r (verneed)
 * and .gnu.version (versym), and .dynsym with each symbol's version.
 *
 * The chains are linked by relative offsets (vd_next, vd_aux, vda_next,
 * vn_next, vn_aux, vna_next).  A corrupted file can make them loop (a zero
 * "next" while the count says more entries follow), overlap or run off the
 * end; we demand that every step moves forward by at least one entry and
 * that every count fits in the section, so each walk is bounded by the
 * section size and ends with an error rather than a hang. */
#include "config.h"

#include "elf/elf_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The step from one entry to the next of a chain that still has entries to
 * go: zero would loop, less than one entry would overlap. */
static int check_step(mg_elf *elf, const char *what, size_t at, size_t step,
		      size_t entry_size, mg_error *err)
{
	if (step == 0)
		return mg_error_set(err, elf->name,
				    "%s chain loops (next offset 0 at offset 0x%zx before the last entry)",
				    what, at);
	if (step < entry_size)
		return mg_error_set(err, elf->name,
				    "%s chain overlaps itself (next offset %zu at offset 0x%zx)",
				    what, step, at);
	return 0;
}

/* OFFSET + STEP as the next offset inside a section of SIZE bytes. */
static int advance(mg_elf *elf, const char *what, size_t *offset, size_t step,
		   size_t size, mg_error *err)
{
	if (step > size || *offset > size - step)
		return mg_error_set(err, elf->name,
				    "%s chain runs off the end of the section (offset 0x%zx + %zu > %zu)",
				    what, *offset, step, size);
	*offset += step;
	return 0;
}

/* To the next entry of a chain (the entry at *OFFSET links to it with
 * STEP): checked that it neither loops nor overlaps, nor leaves the
 * section of SIZE bytes. */
static int next_entry(mg_elf *elf, const char *what, size_t *offset, size_t step,
		      size_t entry_size, size_t size, mg_error *err)
{
	if (check_step(elf, what, *offset, step, entry_size, err) != 0)
		return -1;
	return advance(elf, what, offset, step, size, err);
}

/* The data of version section INDEX of TYPE (WHAT names it), its string
 * table and its entry count (sh_info), checked to fit ENTRY_SIZE bytes an
 * entry; NULL with ERR set. */
static Elf_Data *version_section(mg_elf *elf, size_t index, uint32_t type, size_t entry_size,
				 const char *what, size_t *strndx, size_t *count, mg_error *err)
{
	Elf_Data *data = elf_section_data(elf, index, type, what, err);
	if (!data)
		return NULL;
	*strndx = elf_linked(elf, index, 0, err);
	if (*strndx == (size_t)-1)
		return NULL;
	*count = elf->sections[index].info;
	if (*count > data->d_size / entry_size) {
		mg_error_set(err, elf->name, "%s: %zu entries (sh_info) do not fit in %zu bytes",
			     what, *count, data->d_size);
		return NULL;
	}
	return data;
}

/* ---- verdef ----------------------------------------------------------- */

static int read_verdaux(mg_elf *elf, Elf_Data *data, size_t strndx, size_t offset,
			GElf_Verdaux *aux, const char **name, mg_error *err)
{
	if (!gelf_getverdaux(data, (int)offset, aux))
		return mg_error_set(err, elf->name,
				    "version definition aux at offset 0x%zx out of range: %s",
				    offset, elf_errmsg(-1));
	*name = elf_string(elf, strndx, aux->vda_name, "version definition", err);
	return *name ? 0 : -1;
}

static int read_verdef_entry(mg_elf *elf, Elf_Data *data, size_t strndx, size_t offset,
			     mg_elf_verdef *out, GElf_Verdef *vd, mg_error *err)
{
	const size_t aux_size = sizeof(Elf64_Verdaux); /* same in both classes */
	if (!gelf_getverdef(data, (int)offset, vd))
		return mg_error_set(err, elf->name,
				    "version definition at offset 0x%zx out of range: %s",
				    offset, elf_errmsg(-1));
	if (vd->vd_cnt == 0)
		return mg_error_set(err, elf->name,
				    "version definition at offset 0x%zx has no name (vd_cnt 0)",
				    offset);
	if (vd->vd_cnt > data->d_size / aux_size)
		return mg_error_set(err, elf->name,
				    "version definition at offset 0x%zx: vd_cnt %u does not fit in the section",
				    offset, (unsigned)vd->vd_cnt);
	*out = (mg_elf_verdef){ .offset = offset, .revision = vd->vd_version,
				.flags = vd->vd_flags, .index = vd->vd_ndx,
				.count = vd->vd_cnt, .hash = vd->vd_hash,
				.n_parents = vd->vd_cnt - 1u };
	out->parents = elf_alloc(elf, out->n_parents, sizeof *out->parents, err);
	size_t *parent_offsets = elf_alloc(elf, out->n_parents, sizeof *parent_offsets, err);
	if (!out->parents || !parent_offsets)
		return -1;
	out->parent_offsets = parent_offsets;
	size_t at = offset;
	if (advance(elf, "version definition aux", &at, vd->vd_aux, data->d_size, err) != 0)
		return -1;
	GElf_Verdaux aux;
	if (read_verdaux(elf, data, strndx, at, &aux, &out->name, err) != 0)
		return -1;
	for (size_t j = 0; j < out->n_parents; j++) {
		if (next_entry(elf, "version definition aux", &at, aux.vda_next, aux_size,
			       data->d_size, err) != 0 ||
		    read_verdaux(elf, data, strndx, at, &aux, &out->parents[j], err) != 0)
			return -1;
		parent_offsets[j] = at;
	}
	return 0;
}

static int read_verdefs(mg_elf *elf, size_t index, mg_elf_verdefs *out, mg_error *err)
{
	const size_t entry_size = sizeof(Elf64_Verdef);
	size_t strndx, count;
	Elf_Data *data = version_section(elf, index, SHT_GNU_verdef, entry_size,
					 "version definitions", &strndx, &count, err);
	if (!data)
		return -1;
	mg_elf_verdef *defs = elf_alloc(elf, count, sizeof *defs, err);
	if (!defs)
		return -1;
	size_t offset = 0;
	for (size_t i = 0; i < count; i++) {
		GElf_Verdef vd;
		if (read_verdef_entry(elf, data, strndx, offset, &defs[i], &vd, err) != 0)
			return -1;
		if (i + 1 == count)
			break;
		if (next_entry(elf, "version definition", &offset, vd.vd_next, entry_size,
			       data->d_size, err) != 0)
			return -1;
	}
	*out = (mg_elf_verdefs){ .present = true, .section = index, .count = count,
				 .defs = defs };
	return 0;
}

const mg_elf_verdefs *mg_elf_verdef_info(mg_elf *elf, mg_error *err)
{
	if (elf->verdefs_loaded)
		return &elf->verdefs;
	mg_elf_verdefs v = { 0 };
	size_t index = mg_elf_find_type(elf, SHT_GNU_verdef);
	if (index && read_verdefs(elf, index, &v, err) != 0)
		return NULL;
	elf->verdefs = v;
	elf->verdefs_loaded = true;
	return &elf->verdefs;
}

/* ---- verneed ---------------------------------------------------------- */

static int read_vernaux_chain(mg_elf *elf, Elf_Data *data, size_t strndx, size_t offset,
			      const GElf_Verneed *vn, mg_elf_vernaux *aux, mg_error *err)
{
	const size_t aux_size = sizeof(Elf64_Vernaux);
	size_t at = offset;
	if (advance(elf, "version requirement aux", &at, vn->vn_aux, data->d_size, err) != 0)
		return -1;
	for (size_t j = 0; j < vn->vn_cnt; j++) {
		GElf_Vernaux a;
		if (!gelf_getvernaux(data, (int)at, &a))
			return mg_error_set(err, elf->name,
					    "version requirement aux at offset 0x%zx out of range: %s",
					    at, elf_errmsg(-1));
		aux[j] = (mg_elf_vernaux){ .offset = at, .hash = a.vna_hash,
					   .flags = a.vna_flags, .other = a.vna_other };
		aux[j].name = elf_string(elf, strndx, a.vna_name, "version requirement", err);
		if (!aux[j].name)
			return -1;
		if (j + 1 == vn->vn_cnt)
			break;
		if (next_entry(elf, "version requirement aux", &at, a.vna_next, aux_size,
			       data->d_size, err) != 0)
			return -1;
	}
	return 0;
}

static int read_verneeds(mg_elf *elf, size_t index, mg_elf_verneeds *out, mg_error *err)
{
	const size_t entry_size = sizeof(Elf64_Verneed);
	const size_t aux_size = sizeof(Elf64_Vernaux);
	size_t strndx, count;
	Elf_Data *data = version_section(elf, index, SHT_GNU_verneed, entry_size,
					 "version requirements", &strndx, &count, err);
	if (!data)
		return -1;
	mg_elf_verneed *needs = elf_alloc(elf, count, sizeof *needs, err);
	if (!needs)
		return -1;
	size_t offset = 0;
	for (size_t i = 0; i < count; i++) {
		GElf_Verneed vn;
		if (!gelf_getverneed(data, (int)offset, &vn))
			return mg_error_set(err, elf->name,
					    "version requirement at offset 0x%zx out of range: %s",
					    offset, elf_errmsg(-1));
		if (vn.vn_cnt > data->d_size / aux_size)
			return mg_error_set(err, elf->name,
					    "version requirement at offset 0x%zx: vn_cnt %u does not fit in the section",
					    offset, (unsigned)vn.vn_cnt);
		mg_elf_vernaux *aux = elf_alloc(elf, vn.vn_cnt, sizeof *aux, err);
		if (!aux)
			return -1;
		needs[i] = (mg_elf_verneed){ .offset = offset, .version = vn.vn_version,
					     .count = vn.vn_cnt, .aux = aux };
		needs[i].file = elf_string(elf, strndx, vn.vn_file, "version requirement", err);
		if (!needs[i].file ||
		    read_vernaux_chain(elf, data, strndx, offset, &vn, aux, err) != 0)
			return -1;
		if (i + 1 == count)
			break;
		if (next_entry(elf, "version requirement", &offset, vn.vn_next, entry_size,
			       data->d_size, err) != 0)
			return -1;
	}
	*out = (mg_elf_verneeds){ .present = true, .section = index, .count = count,
				  .needs = needs };
	return 0;
}

static const mg_elf_verneeds *load_verneeds(mg_elf *elf, mg_error *err)
{
	if (elf->verneeds_loaded)
		return &elf->verneeds;
	mg_elf_verneeds v = { 0 };
	size_t index = mg_elf_find_type(elf, SHT_GNU_verneed);
	if (index && read_verneeds(elf, index, &v, err) != 0)
		return NULL;
	elf->verneeds = v;
	elf->verneeds_loaded = true;
	return &elf->verneeds;
}

/* ---- dynsym with versions --------------------------------------------- */

/* What a version index (without the hidden bit) stands for. */
typedef struct version_slot {
	const char *name;
	const char *file;      /* verneed only */
	mg_elf_ver_kind kind;
	mg_elf_vernaux *aux;   /* verneed only: where the users are counted */
} version_slot;

/* Version index -> version, from verdef and verneed (*SIZE slots); an
 * index declared twice is corruption (the loader would pick one
 * arbitrarily). */
static version_slot *version_table(mg_elf *elf, const mg_elf_verdefs *defs,
				   const mg_elf_verneeds *needs, size_t *size,
				   mg_error *err)
{
	size_t max = 1;
	for (size_t i = 0; i < defs->count; i++)
		if ((defs->defs[i].index & MG_ELF_VERSYM_VERSION) > max)
			max = defs->defs[i].index & MG_ELF_VERSYM_VERSION;
	for (size_t i = 0; i < needs->count; i++)
		for (size_t j = 0; j < needs->needs[i].count; j++)
			if ((needs->needs[i].aux[j].other & MG_ELF_VERSYM_VERSION) > max)
				max = needs->needs[i].aux[j].other & MG_ELF_VERSYM_VERSION;
	version_slot *t = elf_alloc(elf, max + 1, sizeof *t, err);
	if (!t)
		return NULL;
	*size = max + 1;
	for (size_t i = 0; i < defs->count; i++) {
		const mg_elf_verdef *d = &defs->defs[i];
		unsigned ndx = d->index & MG_ELF_VERSYM_VERSION;
		if (t[ndx].name) {
			mg_error_set(err, elf->name, "version index %u is defined twice (%s, %s)",
				     ndx, t[ndx].name, d->name);
			return NULL;
		}
		t[ndx] = (version_slot){ .name = d->name, .kind = MG_ELF_VER_DEF };
	}
	for (size_t i = 0; i < needs->count; i++) {
		const mg_elf_verneed *n = &needs->needs[i];
		for (size_t j = 0; j < n->count; j++) {
			/* The aux entries were allocated by us, not libelf. */
			mg_elf_vernaux *a = (mg_elf_vernaux *)&n->aux[j];
			unsigned ndx = a->other & MG_ELF_VERSYM_VERSION;
			if (t[ndx].name) {
				mg_error_set(err, elf->name,
					     "version index %u is used twice (%s, %s)", ndx,
					     t[ndx].name, a->name);
				return NULL;
			}
			t[ndx] = (version_slot){ .name = a->name, .file = n->file,
						 .kind = MG_ELF_VER_NEED, .aux = a };
		}
	}
	return t;
}

static int apply_versions(mg_elf *elf, mg_elf_symbols *tab, size_t versym_index,
			  const version_slot *table, size_t table_size, mg_error *err)
{
	Elf_Data *data = elf_section_data(elf, versym_index, SHT_GNU_versym,
					     "symbol versions", err);
	if (!data)
		return -1;
	size_t n = data->d_size / sizeof(GElf_Versym);
	if (n != tab->count)
		return mg_error_set(err, elf->name,
				    "symbol versions: .gnu.version has %zu entries, which does not match the %zu symbols of .dynsym",
				    n, tab->count);
	mg_elf_symbol *syms = (mg_elf_symbol *)tab->symbols;
	for (size_t i = 0; i < n; i++) {
		GElf_Versym vs;
		if (!gelf_getversym(data, (int)i, &vs))
			return mg_error_set(err, elf->name, "symbol versions: entry %zu: %s", i,
					    elf_errmsg(-1));
		unsigned ndx = vs & MG_ELF_VERSYM_VERSION;
		mg_elf_symbol *s = &syms[i];
		s->versym = vs;
		s->hidden = (vs & MG_ELF_VERSYM_HIDDEN) != 0;
		/* 0 is *local*, 1 is *global* (unversioned, or the BASE
		 * version, which names the file, not a version). */
		if (ndx <= 1)
			continue;
		if (ndx >= table_size || !table[ndx].name)
			return mg_error_set(err, elf->name,
					    "symbol %zu (%s) has version index %u, which no version definition or requirement declares",
					    i, s->name, ndx);
		s->version = table[ndx].name;
		s->ver_kind = table[ndx].kind;
		s->version_file = table[ndx].file;
	}
	return 0;
}

/* Resolve the versions of dynsym TAB (section INDEX) through versym. */
static int resolve_versions(mg_elf *elf, mg_elf_symbols *tab, size_t index, mg_error *err)
{
	size_t versym = mg_elf_find_type(elf, SHT_GNU_versym);
	if (!versym)
		return 0;
	if (elf->sections[versym].link != index)
		return mg_error_set(err, elf->name,
				    "symbol versions: .gnu.version links to section %u, not .dynsym (%zu)",
				    (unsigned)elf->sections[versym].link, index);
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, err);
	const mg_elf_verneeds *needs = defs ? load_verneeds(elf, err) : NULL;
	if (!needs)
		return -1;
	size_t size;
	version_slot *table = version_table(elf, defs, needs, &size, err);
	if (!table)
		return -1;
	return apply_versions(elf, tab, versym, table, size, err);
}

const mg_elf_symbols *mg_elf_dynsym(mg_elf *elf, mg_error *err)
{
	if (elf->dynsym_loaded)
		return &elf->dynsym;
	mg_elf_symbols t = { 0 };
	size_t index = mg_elf_find_type(elf, SHT_DYNSYM);
	if (index && (elf_read_symbols(elf, index, &t, err) != 0 ||
		      resolve_versions(elf, &t, index, err) != 0))
		return NULL;
	elf->dynsym = t;
	elf->dynsym_loaded = true;
	return &elf->dynsym;
}

/* Fill each Vernaux's list of the dynsym symbols that need it.  Two passes
 * over the symbols in all (count per version index, then fill), not two
 * per Vernaux: a large output has 10^5 symbols and a dozen Vernaux. */
static int collect_users(mg_elf *elf, const mg_elf_verneeds *needs,
			 const mg_elf_symbols *syms, mg_error *err)
{
	unsigned top = 0;
	for (size_t i = 0; i < needs->count; i++)
		for (size_t j = 0; j < needs->needs[i].count; j++) {
			unsigned ndx = needs->needs[i].aux[j].other & MG_ELF_VERSYM_VERSION;
			if (ndx > top)
				top = ndx;
		}
	size_t *count = calloc((size_t)top + 1, sizeof *count);
	size_t **list = calloc((size_t)top + 1, sizeof *list);
	int rc = -1;
	if (!count || !list) {
		mg_error_set(err, elf->name, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < syms->count; k++) {
		unsigned ndx = syms->symbols[k].versym & MG_ELF_VERSYM_VERSION;
		if (syms->symbols[k].ver_kind == MG_ELF_VER_NEED && ndx <= top)
			count[ndx]++;
	}
	/* Two Vernaux of one index (a malformed file) share one list. */
	for (size_t i = 0; i < needs->count; i++)
		for (size_t j = 0; j < needs->needs[i].count; j++) {
			mg_elf_vernaux *aux = (mg_elf_vernaux *)&needs->needs[i].aux[j];
			unsigned ndx = aux->other & MG_ELF_VERSYM_VERSION;
			if (!list[ndx] && !(list[ndx] = elf_alloc(elf, count[ndx],
								     sizeof **list, err)))
				goto out;
			aux->symbols = list[ndx];
			aux->n_symbols = count[ndx];
		}
	memset(count, 0, ((size_t)top + 1) * sizeof *count);
	for (size_t k = 0; k < syms->count; k++) {
		unsigned ndx = syms->symbols[k].versym & MG_ELF_VERSYM_VERSION;
		if (syms->symbols[k].ver_kind == MG_ELF_VER_NEED && ndx <= top && list[ndx])
			list[ndx][count[ndx]++] = k;
	}
	rc = 0;
out:
	free(count);
	free(list);
	return rc;
}

const mg_elf_verneeds *mg_elf_verneed_info(mg_elf *elf, mg_error *err)
{
	if (elf->verneed_users_loaded)
		return &elf->verneeds;
	const mg_elf_verneeds *needs = load_verneeds(elf, err);
	const mg_elf_symbols *syms = needs ? mg_elf_dynsym(elf, err) : NULL;
	if (!syms || collect_users(elf, needs, syms, err) != 0)
		return NULL;
	elf->verneed_users_loaded = true;
	return needs;
}

int mg_elf_find_required(mg_elf *elf, const char *name, const mg_elf_vernaux **aux,
			 const char **file, mg_error *err)
{
	*aux = NULL;
	if (file)
		*file = NULL;
	const mg_elf_verneeds *needs = mg_elf_verneed_info(elf, err);
	if (!needs)
		return -1;
	for (size_t i = 0; i < needs->count; i++)
		for (size_t j = 0; j < needs->needs[i].count; j++)
			if (strcmp(needs->needs[i].aux[j].name, name) == 0) {
				*aux = &needs->needs[i].aux[j];
				if (file)
					*file = needs->needs[i].file;
				return 0;
			}
	return 0;
}

/* Planning and hazard passes of the split; see nonshared.h. */
#include "config.h"

#include "base/asprintf.h"
#include "elf/elf.h"
#include "elf/elf_reloc.h"
#include "rtdir/nonshared_internal.h"
#include "rtdir/stub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* ---- small string maps and sets --------------------------------------- */

struct name_entry {
	const char *name;
	size_t value;
};

static hashval_t entry_hash(const void *p)
{
	return htab_hash_string(((const struct name_entry *)p)->name);
}

static int entry_eq(const void *a, const void *b)
{
	return strcmp(((const struct name_entry *)a)->name,
		      ((const struct name_entry *)b)->name) == 0;
}

htab_t nonshared_map_new(size_t size)
{
	return htab_create_alloc(size, entry_hash, entry_eq, free, xcalloc, free);
}

/* Insert NAME (borrowed: it must outlive the map) unless present. */
void nonshared_map_put(htab_t map, const char *name, size_t value)
{
	struct name_entry probe = { name, 0 };
	void **slot = htab_find_slot(map, &probe, INSERT);
	if (*slot)
		return;
	struct name_entry *e = xmalloc(sizeof *e);
	*e = probe;
	e->value = value;
	*slot = e;
}

bool nonshared_map_get(htab_t map, const char *name, size_t *value)
{
	struct name_entry probe = { name, 0 };
	const struct name_entry *e = htab_find(map, &probe);
	if (e && value)
		*value = e->value;
	return e != NULL;
}

const char *nonshared_intern(mg_nonshared *ns, const char *s)
{
	void **slot = htab_find_slot(ns->strings, s, INSERT);
	if (!*slot)
		*slot = xstrdup(s);
	return *slot;
}

/* ---- members ----------------------------------------------------------- */

const mg_elf_symbols *nonshared_member_symtab(mg_nonshared *ns, struct nonshared_member *m,
					  mg_error *err)
{
	if (!m->elf) {
		char *name = concat(ns->archive_path, "(", m->ar->name, ")", NULL);
		int rc = mg_elf_open_memory(m->ar->data, m->ar->size, name, &m->elf, err);
		free(name);
		if (rc != 0)
			return NULL;
	}
	/* A member without .symtab (an empty translation unit) defines and
	 * needs nothing: its table is empty. */
	return mg_elf_symtab(m->elf, err);
}

mg_elf_reloc_set *nonshared_member_relocs(struct nonshared_member *m, mg_error *err)
{
	if (!m->relocs)
		m->relocs = mg_elf_reloc_read(m->ar->data, m->ar->size, m->ar->name, err);
	return m->relocs;
}

bool nonshared_is_global_definition(const mg_elf_symbol *s)
{
	return s->defined && s->bind != STB_LOCAL && s->type != STT_SECTION &&
	       s->type != STT_FILE;
}

/* Which member of the archive defines each global name (the first one, as
 * the linker's archive search finds it). */
static int index_archive(mg_nonshared *ns, mg_error *err)
{
	ns->defined_in = nonshared_map_new(8192);
	for (size_t i = 0; i < ns->nmembers; i++) {
		const mg_elf_symbols *tab = nonshared_member_symtab(ns, &ns->members[i], err);
		if (!tab)
			return -1;
		for (size_t j = 1; j < tab->count; j++)
			if (nonshared_is_global_definition(&tab->symbols[j]))
				nonshared_map_put(ns->defined_in, nonshared_intern(ns, tab->symbols[j].name), i);
	}
	return 0;
}

/* ---- selection --------------------------------------------------------- */

/* Select member I; WHY (malloc'd) says why and is taken over. */
static void select_member(mg_nonshared *ns, size_t i, char *why)
{
	struct nonshared_member *m = &ns->members[i];
	if (m->selected) {
		free(why);
		return;
	}
	m->selected = true;
	free(m->why);
	m->why = why;
}

static void add_external(mg_nonshared *ns, const char *name)
{
	for (size_t i = 0; i < ns->nexternals; i++)
		if (strcmp(ns->externals[i], name) == 0)
			return;
	MG_GROW(ns->externals, ns->nexternals + 1, ns->cexternals);
	ns->externals[ns->nexternals++] = (char *)nonshared_intern(ns, name);
}

/* Roots and closure: members defining N symbols that are not left out, and
 * the members their undefined references need. */
static int select_members(mg_nonshared *ns, const mg_stub *baseline, bool *changed,
			  mg_error *err)
{
	for (size_t i = 0; i < ns->nmembers; i++)
		ns->members[i].selected = false;
	ns->nexternals = 0;
	for (size_t i = 0; i < ns->nsymbols; i++) {
		mg_nonshared_symbol *s = &ns->symbols[i];
		size_t idx;
		if (!nonshared_map_get(ns->defined_in, s->name, &idx)) {
			s->status = MG_NONSHARED_NOT_IN_ARCHIVE;
			s->member = NULL;
			s->reason = "no member of the compiler's libstdc++.a defines it "
				    "(it exists in the shared runtime only)";
			continue;
		}
		s->member = ns->members[idx].ar->name;
		if (htab_find(ns->excluded, s->name) || s->status == MG_NONSHARED_FORWARDED)
			continue;
		select_member(ns, idx, concat("defines ", s->name, NULL));
	}

	/* Closure, to a fixed point. */
	bool grew = true;
	while (grew) {
		grew = false;
		for (size_t i = 0; i < ns->nmembers; i++) {
			struct nonshared_member *m = &ns->members[i];
			if (!m->selected)
				continue;
			const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, err);
			if (!tab)
				return -1;
			for (size_t j = 1; j < tab->count; j++) {
				const mg_elf_symbol *s = &tab->symbols[j];
				if (s->defined || s->bind != STB_GLOBAL || !s->name[0])
					continue;
				if (nonshared_redirected(ns, baseline, s->name))
					continue;
				size_t k;
				if (nonshared_map_get(ns->defined_in, s->name, &k)) {
					if (!ns->members[k].selected) {
						select_member(ns, k, concat("needed by ", m->ar->name,
									    " for ", s->name, NULL));
						grew = true;
					}
				} else if (nonshared_map_get(ns->runtime_names, s->name, NULL)) {
					/* Code that needs it cannot link: the hazard
					 * pass leaves out every symbol reaching it. */
					char *why = mg_asprintf(
						"it needs %s, which the compiler's runtime exports "
						"but neither the baseline nor libstdc++.a provides",
						s->name);
					nonshared_taint(ns, nonshared_intern(ns, s->name), MG_NONSHARED_UNRESOLVED,
						 MG_NONSHARED_CLASS_NONE, nonshared_intern(ns, why), NULL, changed);
					free(why);
				} else {
					add_external(ns, s->name);
				}
			}
		}
	}
	return 0;
}

/* ---- the plan ---------------------------------------------------------- */

/* N: every default-version definition the compiler's runtime exports whose
 * name the baseline does not define. */
static int collect_newer(mg_nonshared *ns, mg_elf *runtime, const mg_stub *baseline,
			 mg_error *err)
{
	const mg_elf_symbols *dyn = mg_elf_dynsym(runtime, err);
	if (!dyn)
		return -1;
	ns->runtime_names = nonshared_map_new(8192);
	ns->symbols = xcalloc(dyn->count ? dyn->count : 1, sizeof *ns->symbols);
	for (size_t i = 1; i < dyn->count; i++) {
		const mg_elf_symbol *s = &dyn->symbols[i];
		if (!nonshared_is_global_definition(s) || s->ver_kind != MG_ELF_VER_DEF)
			continue;
		if (s->shndx == SHN_ABS && strcmp(s->name, s->version) == 0)
			continue; /* a version node's marker symbol */
		nonshared_map_put(ns->runtime_names, nonshared_intern(ns, s->name), i);
		if (s->hidden || mg_stub_defines(baseline, s->name))
			continue;
		mg_nonshared_symbol *n = &ns->symbols[ns->nsymbols++];
		n->name = nonshared_intern(ns, s->name);
		n->version = nonshared_intern(ns, s->version);
		n->status = MG_NONSHARED_PROVIDED;
		n->reason = "linked privately (hidden) from the nonshared archive";
	}
	return 0;
}

/* The actions of the rewrite and the public view of the members. */
static int finish_plan(mg_nonshared *ns, const mg_stub *baseline, mg_error *err)
{
	ns->selected = xcalloc(ns->nmembers ? ns->nmembers : 1, sizeof *ns->selected);
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		if (!m->selected)
			continue;
		const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, err);
		if (!tab)
			return -1;
		m->nsyms = tab->count;
		m->action = xcalloc(tab->count ? tab->count : 1, 1);
		for (size_t j = 1; j < tab->count; j++) {
			const mg_elf_symbol *s = &tab->symbols[j];
			if (!nonshared_is_global_definition(s))
				continue;
			if (nonshared_redirected(ns, baseline, s->name) || htab_find(ns->excluded, s->name)) {
				m->action[j] = NS_UNDEFINE;
				m->n_undefined++;
			} else {
				m->action[j] = NS_HIDE;
				m->n_hidden++;
				mg_nonshared_symbol *n = nonshared_find_newer(ns, s->name);
				if (n && n->member == m->ar->name)
					m->n_provided++;
			}
		}
		ns->selected[ns->nselected++] = (mg_nonshared_member){
			.name = m->ar->name,
			.why = nonshared_intern(ns, m->why),
			.n_hidden = m->n_hidden,
			.n_undefined = m->n_undefined,
			.n_provided = m->n_provided,
		};
	}
	return 0;
}

mg_nonshared *mg_nonshared_plan(const char *archive, mg_elf *runtime, const mg_stub *baseline,
				const char *const *allow, size_t n_allow, mg_error *err)
{
	mg_nonshared *ns = xcalloc(1, sizeof *ns);
	ns->strings = htab_create_alloc(8192, htab_hash_string, htab_eq_string, free, xcalloc, free);
	ns->excluded = htab_create_alloc(64, htab_hash_string, htab_eq_string, NULL, xcalloc, free);
	ns->tainted = nonshared_taint_table_new();
	ns->forwarded = htab_create_alloc(16, htab_hash_string, htab_eq_string, NULL, xcalloc, free);
	ns->def_node = nonshared_map_new(8192);
	ns->archive_path = xstrdup(archive);
	ns->ar = mg_archive_open(archive, err);
	if (!ns->ar)
		goto out;
	ns->nmembers = mg_archive_member_count(ns->ar);
	ns->members = xcalloc(ns->nmembers ? ns->nmembers : 1, sizeof *ns->members);
	for (size_t i = 0; i < ns->nmembers; i++) {
		ns->members[i].ar = mg_archive_member_at(ns->ar, i);
	}
	if (collect_newer(ns, runtime, baseline, err) != 0 || index_archive(ns, err) != 0)
		goto out;
	/* What is forwarded and what is a hazard by its nature is known before
	 * anything is selected; the graph needs to know what is redirected. */
	nonshared_forward_plan(ns, baseline);
	nonshared_facts_hazards(ns, baseline, allow, n_allow);
	if (nonshared_graph_build(ns, baseline, err) != 0)
		goto out;

	/* Selection and hazards feed each other: leaving a symbol out can
	 * drop members, so repeat until nothing more is left out. */
	for (;;) {
		bool changed = false;
		if (select_members(ns, baseline, &changed, err) != 0 ||
		    nonshared_hazards(ns, baseline, allow, n_allow, &changed, err) != 0)
			goto out;
		if (!changed)
			break;
	}
	if (finish_plan(ns, baseline, err) != 0)
		goto out;
	return ns;
out:
	mg_nonshared_free(ns);
	return NULL;
}

void mg_nonshared_free(mg_nonshared *ns)
{
	if (!ns)
		return;
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		mg_elf_close(m->elf);
		mg_elf_reloc_free(m->relocs);
		free(m->why);
		free(m->action);
	}
	free(ns->members);
	if (ns->defined_in)
		htab_delete(ns->defined_in);
	if (ns->runtime_names)
		htab_delete(ns->runtime_names);
	htab_delete(ns->excluded);
	htab_delete(ns->tainted);
	htab_delete(ns->forwarded);
	htab_delete(ns->def_node);
	nonshared_graph_free(ns->graph);
	free(ns->symbols);
	free(ns->hazards);
	free(ns->selected);
	free(ns->externals);
	mg_archive_close(ns->ar);
	free(ns->archive_path);
	htab_delete(ns->strings);
	free(ns);
}

size_t mg_nonshared_symbol_count(const mg_nonshared *ns)
{
	return ns->nsymbols;
}

const mg_nonshared_symbol *mg_nonshared_symbol_at(const mg_nonshared *ns, size_t i)
{
	return i < ns->nsymbols ? &ns->symbols[i] : NULL;
}

size_t mg_nonshared_member_count(const mg_nonshared *ns)
{
	return ns->nselected;
}

const mg_nonshared_member *mg_nonshared_member_at(const mg_nonshared *ns, size_t i)
{
	return i < ns->nselected ? &ns->selected[i] : NULL;
}

size_t mg_nonshared_hazard_count(const mg_nonshared *ns)
{
	return ns->nhazards;
}

const mg_nonshared_hazard *mg_nonshared_hazard_at(const mg_nonshared *ns, size_t i)
{
	return i < ns->nhazards ? &ns->hazards[i] : NULL;
}

size_t mg_nonshared_external_count(const mg_nonshared *ns)
{
	return ns->nexternals;
}

const char *mg_nonshared_external_at(const mg_nonshared *ns, size_t i)
{
	return i < ns->nexternals ? ns->externals[i] : NULL;
}

const char *mg_nonshared_status_name(mg_nonshared_status status)
{
	switch (status) {
	case MG_NONSHARED_PROVIDED:
		return "provided";
	case MG_NONSHARED_NOT_IN_ARCHIVE:
		return "not-in-archive";
	case MG_NONSHARED_HAZARD:
		return "hazard";
	case MG_NONSHARED_HAZARD_ALLOWED:
		return "hazard-allowed";
	case MG_NONSHARED_UNRESOLVED:
		return "unresolved";
	case MG_NONSHARED_FORWARDED:
		return "forwarded";
	case MG_NONSHARED_STATUS_COUNT:
		break;
	}
	return "unknown";
}

const char *mg_nonshared_hazard_class_name(mg_nonshared_hazard_class hazard)
{
	static const char *const names[MG_NONSHARED_CLASS_COUNT] = {
		[MG_NONSHARED_CLASS_FORKED_STATE] = "forked-state",
		[MG_NONSHARED_CLASS_FACET_ID] = "facet-id",
		[MG_NONSHARED_CLASS_ERROR_CATEGORY] = "error-category",
		[MG_NONSHARED_CLASS_EXCEPTION_TYPE] = "exception-type",
		[MG_NONSHARED_CLASS_REPRESENTATION] = "representation",
	};
	return hazard < MG_NONSHARED_CLASS_COUNT ? names[hazard] : NULL;
}

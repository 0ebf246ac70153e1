/* Planning and hazard passes of the split; see nonshared.h. */
#include "config.h"

#include "elf.h"
#include "elf_reloc.h"
#include "nonshared_internal.h"
#include "stub.h"

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

static htab_t map_new(size_t size)
{
	return htab_create_alloc(size, entry_hash, entry_eq, free, xcalloc, free);
}

/* Insert NAME (borrowed: it must outlive the map) unless present. */
static void map_put(htab_t map, const char *name, size_t value)
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

static bool map_get(htab_t map, const char *name, size_t *value)
{
	struct name_entry probe = { name, 0 };
	const struct name_entry *e = htab_find(map, &probe);
	if (e && value)
		*value = e->value;
	return e != NULL;
}

static hashval_t str_hash(const void *p)
{
	return htab_hash_string(p);
}

static int str_eq(const void *a, const void *b)
{
	return strcmp(a, b) == 0;
}

const char *ns_intern(mg_nonshared *ns, const char *s)
{
	void **slot = htab_find_slot(ns->strings, s, INSERT);
	if (!*slot)
		*slot = xstrdup(s);
	return *slot;
}

/* ---- members ----------------------------------------------------------- */

static const mg_elf_symbols *member_symtab(mg_nonshared *ns, struct ns_member *m,
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

static mg_reloc_set *member_relocs(struct ns_member *m, mg_error *err)
{
	if (!m->relocs)
		m->relocs = mg_reloc_read(m->ar->data, m->ar->size, m->ar->name, err);
	return m->relocs;
}

static bool is_global_definition(const mg_elf_symbol *s)
{
	return s->defined && s->bind != STB_LOCAL && s->type != STT_SECTION &&
	       s->type != STT_FILE;
}

/* Which member of the archive defines each global name (the first one, as
 * the linker's archive search finds it). */
static int index_archive(mg_nonshared *ns, mg_error *err)
{
	ns->defined_in = map_new(8192);
	for (size_t i = 0; i < ns->nmembers; i++) {
		const mg_elf_symbols *tab = member_symtab(ns, &ns->members[i], err);
		if (!tab)
			return -1;
		for (size_t j = 1; j < tab->count; j++)
			if (is_global_definition(&tab->symbols[j]))
				map_put(ns->defined_in, ns_intern(ns, tab->symbols[j].name), i);
	}
	return 0;
}

/* ---- selection --------------------------------------------------------- */

/* Select member I; WHY (malloc'd) says why and is taken over. */
static void select_member(mg_nonshared *ns, size_t i, char *why)
{
	struct ns_member *m = &ns->members[i];
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
	if (ns->nexternals == ns->cexternals) {
		ns->cexternals = ns->cexternals ? 2 * ns->cexternals : 64;
		ns->externals = xrealloc(ns->externals, ns->cexternals * sizeof *ns->externals);
	}
	ns->externals[ns->nexternals++] = (char *)ns_intern(ns, name);
}

static void taint(mg_nonshared *ns, const char *name, mg_ns_status status,
		  const char *reason, bool *changed);

/* Roots and closure: members defining N symbols that are not left out, and
 * the members their undefined references need. */
static int select_members(mg_nonshared *ns, const mg_stub *baseline, bool *changed,
			  mg_error *err)
{
	for (size_t i = 0; i < ns->nmembers; i++)
		ns->members[i].selected = false;
	ns->nexternals = 0;
	for (size_t i = 0; i < ns->nsymbols; i++) {
		mg_ns_symbol *s = &ns->symbols[i];
		size_t idx;
		if (!map_get(ns->defined_in, s->name, &idx)) {
			s->status = MG_NS_NOT_IN_ARCHIVE;
			s->member = NULL;
			s->reason = "no member of the compiler's libstdc++.a defines it "
				    "(it exists in the shared runtime only)";
			continue;
		}
		s->member = ns->members[idx].ar->name;
		if (htab_find(ns->excluded, s->name))
			continue;
		select_member(ns, idx, concat("defines ", s->name, NULL));
	}

	/* Closure, to a fixed point. */
	bool grew = true;
	while (grew) {
		grew = false;
		for (size_t i = 0; i < ns->nmembers; i++) {
			struct ns_member *m = &ns->members[i];
			if (!m->selected)
				continue;
			const mg_elf_symbols *tab = member_symtab(ns, m, err);
			if (!tab)
				return -1;
			for (size_t j = 1; j < tab->count; j++) {
				const mg_elf_symbol *s = &tab->symbols[j];
				if (s->defined || s->bind != STB_GLOBAL || !s->name[0])
					continue;
				if (mg_stub_defines(baseline, s->name))
					continue;
				size_t k;
				if (map_get(ns->defined_in, s->name, &k)) {
					if (!ns->members[k].selected) {
						select_member(ns, k, concat("needed by ", m->ar->name,
									    " for ", s->name, NULL));
						grew = true;
					}
				} else if (map_get(ns->runtime_names, s->name, NULL)) {
					/* Code that needs it cannot link: the hazard
					 * pass leaves out every symbol reaching it. */
					char *why = xasprintf(
						"it needs %s, which the compiler's runtime exports "
						"but neither the baseline nor libstdc++.a provides",
						s->name);
					taint(ns, ns_intern(ns, s->name), MG_NS_UNRESOLVED,
					      ns_intern(ns, why), changed);
					free(why);
				} else {
					add_external(ns, s->name);
				}
			}
		}
	}
	return 0;
}

/* ---- hazards ----------------------------------------------------------- */

/* The section graph of one member: an edge from section A to section B when
 * code or data in A refers to B in a way that stays inside the member after
 * the rewrite (section symbols, local symbols, kept global definitions). */
struct graph {
	size_t nsec;
	size_t **edges;
	size_t *nedges, *cedges;
};

static void graph_add(struct graph *g, size_t from, size_t to)
{
	if (from >= g->nsec || to >= g->nsec || from == to)
		return;
	for (size_t i = 0; i < g->nedges[from]; i++)
		if (g->edges[from][i] == to)
			return;
	if (g->nedges[from] == g->cedges[from]) {
		g->cedges[from] = g->cedges[from] ? 2 * g->cedges[from] : 4;
		g->edges[from] = xrealloc(g->edges[from], g->cedges[from] * sizeof(size_t));
	}
	g->edges[from][g->nedges[from]++] = to;
}

static void graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->nsec; i++)
		free(g->edges[i]);
	free(g->edges);
	free(g->nedges);
	free(g->cedges);
}

/* Mark in SEEN every section reachable from START. */
static void reach(const struct graph *g, size_t start, unsigned char *seen, size_t *stack)
{
	if (start >= g->nsec || seen[start])
		return;
	size_t top = 0;
	stack[top++] = start;
	seen[start] = 1;
	while (top) {
		size_t s = stack[--top];
		for (size_t i = 0; i < g->nedges[s]; i++) {
			size_t t = g->edges[s][i];
			if (!seen[t]) {
				seen[t] = 1;
				stack[top++] = t;
			}
		}
	}
}

/* Mutable state: allocated and writable or thread-local, and not RELRO
 * (vtables and typeinfo are written once by the loader, then read-only). */
static bool is_state_section(const mg_elf_section *sec)
{
	if (!sec || !(sec->flags & SHF_ALLOC) || sec->size == 0)
		return false;
	if (!(sec->flags & (SHF_WRITE | SHF_TLS)))
		return false;
	return strncmp(sec->name, ".data.rel.ro", 12) != 0;
}

static const char *name_of_section_state(mg_nonshared *ns, const mg_elf_symbols *tab,
					 const mg_elf_section *sec)
{
	for (size_t j = 1; j < tab->count; j++) {
		const mg_elf_symbol *s = &tab->symbols[j];
		if (s->defined && s->shndx == sec->index && s->type != STT_SECTION &&
		    s->type != STT_FILE)
			return ns_intern(ns, s->name);
	}
	return ns_intern(ns, sec->name);
}

static void add_hazard(mg_nonshared *ns, const mg_ns_hazard *h)
{
	for (size_t i = 0; i < ns->nhazards; i++)
		if (ns->hazards[i].member == h->member && ns->hazards[i].state == h->state &&
		    ns->hazards[i].kept == h->kept)
			return;
	if (ns->nhazards == ns->chazards) {
		ns->chazards = ns->chazards ? 2 * ns->chazards : 16;
		ns->hazards = xrealloc(ns->hazards, ns->chazards * sizeof *ns->hazards);
	}
	ns->hazards[ns->nhazards++] = *h;
}

static mg_ns_symbol *find_n(mg_nonshared *ns, const char *name)
{
	for (size_t i = 0; i < ns->nsymbols; i++)
		if (strcmp(ns->symbols[i].name, name) == 0)
			return &ns->symbols[i];
	return NULL;
}

static bool allowed(const char *name, const char *const *allow, size_t n_allow)
{
	for (size_t i = 0; i < n_allow; i++)
		if (strcmp(allow[i], name) == 0)
			return true;
	return false;
}

/* A name whose code must not be used privately, and why: the N symbols
 * reaching it are left out. */
struct taint_entry {
	const char *name;
	mg_ns_status status;
	const char *reason;
};

static hashval_t taint_hash(const void *p)
{
	return htab_hash_string(((const struct taint_entry *)p)->name);
}

static int taint_eq(const void *a, const void *b)
{
	return strcmp(((const struct taint_entry *)a)->name,
		      ((const struct taint_entry *)b)->name) == 0;
}

static const struct taint_entry *tainted(mg_nonshared *ns, const char *name)
{
	struct taint_entry probe = { name, 0, NULL };
	return htab_find(ns->tainted, &probe);
}

static void taint(mg_nonshared *ns, const char *name, mg_ns_status status,
		  const char *reason, bool *changed)
{
	struct taint_entry probe = { name, status, reason };
	void **slot = htab_find_slot(ns->tainted, &probe, INSERT);
	if (*slot)
		return;
	struct taint_entry *e = xmalloc(sizeof *e);
	*e = probe;
	*slot = e;
	*changed = true;
}

/* Leave out N symbol NAME (if it is one) for REASON. */
static void exclude_name(mg_nonshared *ns, const char *name, mg_ns_status status,
			 const char *reason, bool *changed)
{
	mg_ns_symbol *s = find_n(ns, name);
	if (!s || htab_find(ns->excluded, name))
		return;
	void **slot = htab_find_slot(ns->excluded, s->name, INSERT);
	*slot = (void *)s->name;
	s->status = status;
	s->reason = reason;
	*changed = true;
}

/* Find forked state in one selected member and leave out the N symbols
 * whose code reaches it. */
static int member_hazards(mg_nonshared *ns, struct ns_member *m, const mg_stub *baseline,
			  const char *const *allow, size_t n_allow, bool *changed,
			  mg_error *err)
{
	const mg_elf_symbols *tab = member_symtab(ns, m, err);
	if (!tab)
		return -1;
	mg_reloc_set *rs = member_relocs(m, err);
	if (!rs)
		return -1;
	if (!mg_reloc_shared_ok(rs)) {
		const mg_reloc_offender *o = &rs->offenders[0];
		char *where = concat(ns->archive_path, "(", m->ar->name, ")", NULL);
		mg_error_set(err, where,
				    "cannot go into a shared object: %s relocation %s against %s "
				    "in %s (%s)", mg_reloc_class_name(o->cls), o->type_name,
				    o->symbol, o->section, o->why);
		free(where);
		return -1;
	}

	struct graph g = { .nsec = mg_elf_section_count(m->elf) };
	g.edges = xcalloc(g.nsec, sizeof *g.edges);
	g.nedges = xcalloc(g.nsec, sizeof *g.nedges);
	g.cedges = xcalloc(g.nsec, sizeof *g.cedges);
	/* Per section, the first tainted name it references from outside. */
	const struct taint_entry **uses_tainted = xcalloc(g.nsec, sizeof *uses_tainted);
	for (size_t i = 0; i < rs->nsections; i++) {
		const mg_reloc_section *rsec = &rs->sections[i];
		if (!(rsec->target_flags & SHF_ALLOC))
			continue;
		for (size_t j = 0; j < rsec->count; j++) {
			const mg_reloc *r = &rsec->relocs[j];
			if (r->sym_index == 0 || r->sym_index >= tab->count)
				continue;
			const mg_elf_symbol *s = &tab->symbols[r->sym_index];
			if (s->bind != STB_LOCAL && rsec->target_index < g.nsec &&
			    !uses_tainted[rsec->target_index])
				uses_tainted[rsec->target_index] = tainted(ns, s->name);
			if (!s->defined || s->shndx >= g.nsec)
				continue;
			bool stays = s->bind == STB_LOCAL || s->type == STT_SECTION ||
				     !mg_stub_defines(baseline, s->name);
			if (stays)
				graph_add(&g, rsec->target_index, s->shndx);
		}
	}

	/* Sections reachable from redirected definitions: state the shared
	 * runtime's copy of this member uses. */
	unsigned char *from_redirected = xcalloc(g.nsec, 1);
	unsigned char *seen = xcalloc(g.nsec, 1);
	size_t *stack = xcalloc(g.nsec + 1, sizeof *stack);
	const char **redirected_by = xcalloc(g.nsec, sizeof *redirected_by);
	for (size_t j = 1; j < tab->count; j++) {
		const mg_elf_symbol *s = &tab->symbols[j];
		if (!is_global_definition(s) || !mg_stub_defines(baseline, s->name))
			continue;
		memset(seen, 0, g.nsec);
		reach(&g, s->shndx, seen, stack);
		for (size_t k = 0; k < g.nsec; k++)
			if (seen[k] && !from_redirected[k]) {
				from_redirected[k] = 1;
				redirected_by[k] = s->name;
			}
	}

	/* Each kept definition: does its code reach that state, or use a
	 * tainted name?  A tainted N symbol is left out; a tainted internal
	 * helper taints its users in the next round. */
	for (size_t j = 1; j < tab->count; j++) {
		const mg_elf_symbol *s = &tab->symbols[j];
		if (!is_global_definition(s) || mg_stub_defines(baseline, s->name))
			continue;
		memset(seen, 0, g.nsec);
		reach(&g, s->shndx, seen, stack);
		const char *reason = NULL;
		mg_ns_status status = MG_NS_HAZARD;
		for (size_t k = 0; k < g.nsec && !reason; k++) {
			const mg_elf_section *sec = mg_elf_section_at(m->elf, k);
			if (!seen[k])
				continue;
			if (uses_tainted[k] && strcmp(uses_tainted[k]->name, s->name) != 0) {
				char *why = xasprintf("it uses %s, which is left out: %s",
						      uses_tainted[k]->name, uses_tainted[k]->reason);
				reason = ns_intern(ns, why);
				status = uses_tainted[k]->status;
				free(why);
				break;
			}
			if (!from_redirected[k] || !is_state_section(sec))
				continue;
			mg_ns_hazard h = {
				.member = m->ar->name,
				.state = name_of_section_state(ns, tab, sec),
				.kept = ns_intern(ns, s->name),
				.redirected = ns_intern(ns, redirected_by[k]),
			};
			add_hazard(ns, &h);
			char *why = xasprintf(
				"its code in %s reaches %s, state that %s (left to the shared "
				"runtime) also uses: a private copy would fork it",
				m->ar->name, h.state, h.redirected);
			reason = ns_intern(ns, why);
			free(why);
		}
		if (!reason)
			continue;
		mg_ns_symbol *n = find_n(ns, s->name);
		if (n && status == MG_NS_HAZARD && allowed(n->name, allow, n_allow)) {
			n->status = MG_NS_HAZARD_ALLOWED;
			n->reason = reason;
			continue;
		}
		if (n)
			exclude_name(ns, n->name, status, reason, changed);
		taint(ns, ns_intern(ns, s->name), status, reason, changed);
	}
	free(from_redirected);
	free(seen);
	free(stack);
	free(redirected_by);
	free(uses_tainted);
	graph_free(&g);
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
	ns->runtime_names = map_new(8192);
	ns->symbols = xcalloc(dyn->count ? dyn->count : 1, sizeof *ns->symbols);
	for (size_t i = 1; i < dyn->count; i++) {
		const mg_elf_symbol *s = &dyn->symbols[i];
		if (!is_global_definition(s) || s->ver_kind != MG_ELF_VER_DEF)
			continue;
		if (s->shndx == SHN_ABS && strcmp(s->name, s->version) == 0)
			continue; /* a version node's marker symbol */
		map_put(ns->runtime_names, ns_intern(ns, s->name), i);
		if (s->hidden || mg_stub_defines(baseline, s->name))
			continue;
		mg_ns_symbol *n = &ns->symbols[ns->nsymbols++];
		n->name = ns_intern(ns, s->name);
		n->version = ns_intern(ns, s->version);
		n->status = MG_NS_PROVIDED;
		n->reason = "linked privately (hidden) from the nonshared archive";
	}
	return 0;
}

/* The actions of the rewrite and the public view of the members. */
static int finish_plan(mg_nonshared *ns, const mg_stub *baseline, mg_error *err)
{
	ns->selected = xcalloc(ns->nmembers ? ns->nmembers : 1, sizeof *ns->selected);
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct ns_member *m = &ns->members[i];
		if (!m->selected)
			continue;
		const mg_elf_symbols *tab = member_symtab(ns, m, err);
		if (!tab)
			return -1;
		m->nsyms = tab->count;
		m->action = xcalloc(tab->count ? tab->count : 1, 1);
		for (size_t j = 1; j < tab->count; j++) {
			const mg_elf_symbol *s = &tab->symbols[j];
			if (!is_global_definition(s))
				continue;
			if (mg_stub_defines(baseline, s->name) || htab_find(ns->excluded, s->name)) {
				m->action[j] = NS_UNDEFINE;
				m->n_undefined++;
			} else {
				m->action[j] = NS_HIDE;
				m->n_hidden++;
				mg_ns_symbol *n = find_n(ns, s->name);
				if (n && n->member == m->ar->name)
					m->n_provided++;
			}
		}
		ns->selected[ns->nselected++] = (mg_ns_member){
			.name = m->ar->name,
			.why = ns_intern(ns, m->why),
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
	ns->strings = htab_create_alloc(8192, str_hash, str_eq, free, xcalloc, free);
	ns->excluded = htab_create_alloc(64, str_hash, str_eq, NULL, xcalloc, free);
	ns->tainted = htab_create_alloc(64, taint_hash, taint_eq, free, xcalloc, free);
	ns->archive_path = xstrdup(archive);
	ns->ar = mg_ar_open(archive, err);
	if (!ns->ar)
		goto fail;
	ns->nmembers = mg_ar_member_count(ns->ar);
	ns->members = xcalloc(ns->nmembers ? ns->nmembers : 1, sizeof *ns->members);
	for (size_t i = 0; i < ns->nmembers; i++) {
		ns->members[i].ar = mg_ar_member_at(ns->ar, i);
	}
	if (collect_newer(ns, runtime, baseline, err) != 0 || index_archive(ns, err) != 0)
		goto fail;

	/* Selection and hazards feed each other: leaving a symbol out can
	 * drop members, so repeat until nothing more is left out. */
	for (;;) {
		bool changed = false;
		if (select_members(ns, baseline, &changed, err) != 0)
			goto fail;
		for (size_t i = 0; i < ns->nmembers; i++)
			if (ns->members[i].selected &&
			    member_hazards(ns, &ns->members[i], baseline, allow, n_allow,
					   &changed, err) != 0)
				goto fail;
		if (!changed)
			break;
	}
	if (finish_plan(ns, baseline, err) != 0)
		goto fail;
	return ns;
fail:
	mg_nonshared_free(ns);
	return NULL;
}

void mg_nonshared_free(mg_nonshared *ns)
{
	if (!ns)
		return;
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct ns_member *m = &ns->members[i];
		mg_elf_close(m->elf);
		mg_reloc_free(m->relocs);
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
	free(ns->symbols);
	free(ns->hazards);
	free(ns->selected);
	free(ns->externals);
	mg_ar_close(ns->ar);
	free(ns->archive_path);
	htab_delete(ns->strings);
	free(ns);
}

size_t mg_nonshared_symbol_count(const mg_nonshared *ns)
{
	return ns->nsymbols;
}

const mg_ns_symbol *mg_nonshared_symbol_at(const mg_nonshared *ns, size_t i)
{
	return i < ns->nsymbols ? &ns->symbols[i] : NULL;
}

size_t mg_nonshared_member_count(const mg_nonshared *ns)
{
	return ns->nselected;
}

const mg_ns_member *mg_nonshared_member_at(const mg_nonshared *ns, size_t i)
{
	return i < ns->nselected ? &ns->selected[i] : NULL;
}

size_t mg_nonshared_hazard_count(const mg_nonshared *ns)
{
	return ns->nhazards;
}

const mg_ns_hazard *mg_nonshared_hazard_at(const mg_nonshared *ns, size_t i)
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

const char *mg_ns_status_name(mg_ns_status status)
{
	switch (status) {
	case MG_NS_PROVIDED:
		return "provided";
	case MG_NS_NOT_IN_ARCHIVE:
		return "not-in-archive";
	case MG_NS_HAZARD:
		return "hazard";
	case MG_NS_HAZARD_ALLOWED:
		return "hazard-allowed";
	case MG_NS_UNRESOLVED:
		return "unresolved";
	}
	return "unknown";
}

/* Hazard pass of the split (see nonshared.h): the section graph of each
 * selected member, forked state, and the taint that leaves newer symbols out. */
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
	MG_GROW(g->edges[from], g->nedges[from] + 1, g->cedges[from]);
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
			return nonshared_intern(ns, s->name);
	}
	return nonshared_intern(ns, sec->name);
}

static void add_hazard(mg_nonshared *ns, const mg_nonshared_hazard *h)
{
	for (size_t i = 0; i < ns->nhazards; i++)
		if (ns->hazards[i].member == h->member && ns->hazards[i].state == h->state &&
		    ns->hazards[i].kept == h->kept)
			return;
	MG_GROW(ns->hazards, ns->nhazards + 1, ns->chazards);
	ns->hazards[ns->nhazards++] = *h;
}

mg_nonshared_symbol *nonshared_find_newer(mg_nonshared *ns, const char *name)
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
	mg_nonshared_status status;
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

htab_t nonshared_taint_table_new(void)
{
	return htab_create_alloc(64, taint_hash, taint_eq, free, xcalloc, free);
}

static const struct taint_entry *tainted(mg_nonshared *ns, const char *name)
{
	struct taint_entry probe = { name, 0, NULL };
	return htab_find(ns->tainted, &probe);
}

void nonshared_taint(mg_nonshared *ns, const char *name, mg_nonshared_status status,
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
static void exclude_name(mg_nonshared *ns, const char *name, mg_nonshared_status status,
			 const char *reason, bool *changed)
{
	mg_nonshared_symbol *s = nonshared_find_newer(ns, name);
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
int nonshared_member_hazards(mg_nonshared *ns, struct nonshared_member *m, const mg_stub *baseline,
			  const char *const *allow, size_t n_allow, bool *changed,
			  mg_error *err)
{
	const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, err);
	if (!tab)
		return -1;
	mg_elf_reloc_set *rs = nonshared_member_relocs(m, err);
	if (!rs)
		return -1;
	if (!mg_elf_reloc_shared_ok(rs)) {
		const mg_elf_reloc_offender *o = &rs->offenders[0];
		char *where = concat(ns->archive_path, "(", m->ar->name, ")", NULL);
		mg_error_set(err, where,
				    "cannot go into a shared object: %s relocation %s against %s "
				    "in %s (%s)", mg_elf_reloc_class_name(o->cls), o->type_name,
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
		const mg_elf_reloc_section *rsec = &rs->sections[i];
		if (!(rsec->target_flags & SHF_ALLOC))
			continue;
		for (size_t j = 0; j < rsec->count; j++) {
			const mg_elf_reloc *r = &rsec->relocs[j];
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
		if (!nonshared_is_global_definition(s) || !mg_stub_defines(baseline, s->name))
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
		if (!nonshared_is_global_definition(s) || mg_stub_defines(baseline, s->name))
			continue;
		memset(seen, 0, g.nsec);
		reach(&g, s->shndx, seen, stack);
		const char *reason = NULL;
		mg_nonshared_status status = MG_NONSHARED_HAZARD;
		for (size_t k = 0; k < g.nsec && !reason; k++) {
			const mg_elf_section *sec = mg_elf_section_at(m->elf, k);
			if (!seen[k])
				continue;
			if (uses_tainted[k] && strcmp(uses_tainted[k]->name, s->name) != 0) {
				char *why = mg_asprintf("it uses %s, which is left out: %s",
						      uses_tainted[k]->name, uses_tainted[k]->reason);
				reason = nonshared_intern(ns, why);
				status = uses_tainted[k]->status;
				free(why);
				break;
			}
			if (!from_redirected[k] || !is_state_section(sec))
				continue;
			mg_nonshared_hazard h = {
				.member = m->ar->name,
				.state = name_of_section_state(ns, tab, sec),
				.kept = nonshared_intern(ns, s->name),
				.redirected = nonshared_intern(ns, redirected_by[k]),
			};
			add_hazard(ns, &h);
			char *why = mg_asprintf(
				"its code in %s reaches %s, state that %s (left to the shared "
				"runtime) also uses: a private copy would fork it",
				m->ar->name, h.state, h.redirected);
			reason = nonshared_intern(ns, why);
			free(why);
		}
		if (!reason)
			continue;
		mg_nonshared_symbol *n = nonshared_find_newer(ns, s->name);
		if (n && status == MG_NONSHARED_HAZARD && allowed(n->name, allow, n_allow)) {
			n->status = MG_NONSHARED_HAZARD_ALLOWED;
			n->reason = reason;
			continue;
		}
		if (n)
			exclude_name(ns, n->name, status, reason, changed);
		nonshared_taint(ns, nonshared_intern(ns, s->name), status, reason, changed);
	}
	free(from_redirected);
	free(seen);
	free(stack);
	free(redirected_by);
	free(uses_tainted);
	graph_free(&g);
	return 0;
}


/* Hazard pass of the split (see nonshared.h): state that code kept private
 * would share with code redirected to the shared runtime, found on the
 * section graph of the whole archive, and the taint that leaves newer
 * symbols out.
 *
 * Graph pass (once): a node per section of every member, an edge for each
 * relocation that stays private after the rewrite (struct nonshared_graph).  State
 * defined in one member and used by another (eh_term_handler.o's
 * __terminate_handler, read by eh_terminate.o) is reached through the
 * global name, so a member is no boundary.
 * Redirected pass (per round): every section the archive's own copy of a
 * baseline function reaches, in any member.  The shared runtime's copy of
 * that code uses the runtime's copy of that state.
 * Bad nodes: mutable sections of selected members reached that way (a
 * private copy would fork them), and sections that use a name left out.
 * Reverse pass: every node that reaches a bad node, with one witness, in
 * one breadth-first walk of the reversed graph.
 * Verdict: each kept definition of a selected member whose section reaches
 * a bad node is tainted; an N symbol is left out (or allowed), and a
 * tainted internal helper taints its users in the next round. */
#include "config.h"

#include "base/demangle.h"
#include "base/grow.h"
#include "elf/elf.h"
#include "elf/elf_reloc.h"
#include "rtdir/nonshared_internal.h"
#include "rtdir/stub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* ---- names ------------------------------------------------------------- */

bool nonshared_redirected(const mg_nonshared *ns, const mg_stub *baseline, const char *name)
{
	return mg_stub_defines(baseline, name) || htab_find(ns->forwarded, name) != NULL;
}

mg_nonshared_symbol *nonshared_find_newer(mg_nonshared *ns, const char *name)
{
	for (size_t i = 0; i < ns->nsymbols; i++)
		if (strcmp(ns->symbols[i].name, name) == 0)
			return &ns->symbols[i];
	return NULL;
}

bool nonshared_allowed(const char *name, const char *const *allow, size_t n_allow)
{
	for (size_t i = 0; i < n_allow; i++)
		if (strcmp(allow[i], name) == 0)
			return true;
	return false;
}

void nonshared_add_hazard(mg_nonshared *ns, const mg_nonshared_hazard *h)
{
	for (size_t i = 0; i < ns->nhazards; i++)
		if (ns->hazards[i].member == h->member && ns->hazards[i].state == h->state &&
		    ns->hazards[i].kept == h->kept)
			return;
	MG_GROW(ns->hazards, ns->nhazards + 1, ns->chazards);
	ns->hazards[ns->nhazards++] = *h;
}

/* A name whose code must not be used privately, and why: the N symbols
 * reaching it are left out. */
struct taint_entry {
	const char *name;
	mg_nonshared_status status;
	mg_nonshared_hazard_class cls;
	const char *reason;
	const char *root;      /* the first name left out, whose taint this is */
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
	struct taint_entry probe = { name, 0, 0, NULL, NULL };
	return htab_find(ns->tainted, &probe);
}

void nonshared_taint(mg_nonshared *ns, const char *name, mg_nonshared_status status, mg_nonshared_hazard_class cls,
	      const char *reason, const char *root, bool *changed)
{
	struct taint_entry probe = { name, status, cls, reason, root ? root : name };
	void **slot = htab_find_slot(ns->tainted, &probe, INSERT);
	if (*slot)
		return;
	struct taint_entry *e = xmalloc(sizeof *e);
	*e = probe;
	*slot = e;
	*changed = true;
}

void nonshared_exclude(mg_nonshared *ns, mg_nonshared_symbol *s, mg_nonshared_status status, mg_nonshared_hazard_class cls,
		const char *reason, const char *root, bool *changed)
{
	if (htab_find(ns->excluded, s->name))
		return;
	void **slot = htab_find_slot(ns->excluded, s->name, INSERT);
	*slot = (void *)s->name;
	s->status = status;
	s->hazard = cls;
	s->reason = reason;
	s->root = root;
	*changed = true;
}

/* ---- the graph --------------------------------------------------------- */

struct edge_list {
	size_t *from, *to;
	size_t n, cap;
};

static void edge_add(struct edge_list *l, size_t from, size_t to)
{
	if (from == to)
		return;
	size_t cap = l->cap;
	MG_GROW(l->from, l->n + 1, l->cap);
	if (l->cap != cap)
		l->to = xrealloc(l->to, l->cap * sizeof *l->to);
	l->from[l->n] = from;
	l->to[l->n++] = to;
}

struct ref_list {
	size_t *from;
	const char **name;
	size_t n, cap;
};

static void ref_add(struct ref_list *l, size_t from, const char *name)
{
	size_t cap = l->cap;
	MG_GROW(l->from, l->n + 1, l->cap);
	if (l->cap != cap)
		l->name = xrealloc(l->name, l->cap * sizeof *l->name);
	l->from[l->n] = from;
	l->name[l->n++] = name;
}

/* Counting sort of pairs into compressed rows: START[n] .. START[n + 1]. */
static size_t *rows(size_t nnodes, const size_t *from, size_t n, size_t **order)
{
	size_t *start = xcalloc(nnodes + 2, sizeof *start);
	for (size_t i = 0; i < n; i++)
		start[from[i] + 2]++;
	for (size_t i = 2; i < nnodes + 2; i++)
		start[i] += start[i - 1];
	*order = xmalloc((n ? n : 1) * sizeof **order);
	for (size_t i = 0; i < n; i++)
		(*order)[start[from[i] + 1]++] = i;
	return start;
}

int nonshared_graph_build(mg_nonshared *ns, const mg_stub *baseline, mg_error *err)
{
	struct nonshared_graph *g = xcalloc(1, sizeof *g);
	struct edge_list el = { 0 };
	struct ref_list rl = { 0 };
	int rc = -1;

	/* Nodes, and where each global name is first defined. */
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, err);
		if (!tab)
			goto out;
		m->node_base = g->nnodes;
		g->nnodes += mg_elf_section_count(m->elf);
		for (size_t j = 1; j < tab->count; j++) {
			const mg_elf_symbol *s = &tab->symbols[j];
			if (!nonshared_is_global_definition(s) || s->shndx >= mg_elf_section_count(m->elf))
				continue;
			nonshared_map_put(ns->def_node, nonshared_intern(ns, s->name), g->nnodes - mg_elf_section_count(m->elf) + s->shndx);
		}
	}
	g->member_of = xmalloc((g->nnodes ? g->nnodes : 1) * sizeof *g->member_of);
	for (size_t i = 0; i < ns->nmembers; i++)
		for (size_t k = 0; k < mg_elf_section_count(ns->members[i].elf); k++)
			g->member_of[ns->members[i].node_base + k] = i;

	/* Edges and references. */
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, err);
		mg_elf_reloc_set *rs = tab ? nonshared_member_relocs(m, err) : NULL;
		if (!rs)
			goto out;
		size_t nsec = mg_elf_section_count(m->elf);
		for (size_t r = 0; r < rs->nsections; r++) {
			const mg_elf_reloc_section *rsec = &rs->sections[r];
			if (!(rsec->target_flags & SHF_ALLOC) || rsec->target_index >= nsec)
				continue;
			size_t from = m->node_base + rsec->target_index;
			for (size_t j = 0; j < rsec->count; j++) {
				const mg_elf_reloc *rel = &rsec->relocs[j];
				if (rel->sym_index == 0 || rel->sym_index >= tab->count)
					continue;
				const mg_elf_symbol *s = &tab->symbols[rel->sym_index];
				if (s->bind == STB_LOCAL || s->type == STT_SECTION) {
					if (s->defined && s->shndx < nsec)
						edge_add(&el, from, m->node_base + s->shndx);
					continue;
				}
				if (!s->name[0])
					continue;
				const char *name = nonshared_intern(ns, s->name);
				ref_add(&rl, from, name);
				if (nonshared_redirected(ns, baseline, name))
					continue; /* the shared runtime's */
				if (s->defined && s->shndx < nsec) {
					edge_add(&el, from, m->node_base + s->shndx);
					continue;
				}
				size_t k;
				if (nonshared_map_get(ns->def_node, name, &k))
					edge_add(&el, from, k);
			}
		}
	}

	size_t *order;
	g->edge_start = rows(g->nnodes, el.from, el.n, &order);
	g->edges = xmalloc((el.n ? el.n : 1) * sizeof *g->edges);
	for (size_t i = 0; i < el.n; i++)
		g->edges[i] = el.to[order[i]];
	free(order);
	g->ref_start = rows(g->nnodes, rl.from, rl.n, &order);
	g->refs = xmalloc((rl.n ? rl.n : 1) * sizeof *g->refs);
	for (size_t i = 0; i < rl.n; i++)
		g->refs[i] = rl.name[order[i]];
	free(order);
	ns->graph = g;
	g = NULL;
	rc = 0;
out:
	free(el.from);
	free(el.to);
	free(rl.from);
	free(rl.name);
	nonshared_graph_free(g);
	return rc;
}

void nonshared_graph_free(struct nonshared_graph *g)
{
	if (!g)
		return;
	free(g->edge_start);
	free(g->edges);
	free(g->ref_start);
	free(g->refs);
	free(g->member_of);
	free(g);
}

/* ---- the passes -------------------------------------------------------- */

int nonshared_member_relocs_ok(mg_nonshared *ns, struct nonshared_member *m, mg_error *err)
{
	mg_elf_reloc_set *rs = nonshared_member_relocs(m, err);
	if (!rs)
		return -1;
	if (mg_elf_reloc_shared_ok(rs))
		return 0;
	const mg_elf_reloc_offender *o = &rs->offenders[0];
	char *where = concat(ns->archive_path, "(", m->ar->name, ")", NULL);
	mg_error_set(err, where,
		     "cannot go into a shared object: %s relocation %s against %s in %s (%s)",
		     mg_elf_reloc_class_name(o->cls), o->type_name, o->symbol, o->section, o->why);
	free(where);
	return -1;
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

static const char *name_of_section_state(mg_nonshared *ns, struct nonshared_member *m,
					 const mg_elf_section *sec)
{
	const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, NULL);
	for (size_t j = 1; tab && j < tab->count; j++) {
		const mg_elf_symbol *s = &tab->symbols[j];
		if (s->defined && s->shndx == sec->index && s->type != STT_SECTION &&
		    s->type != STT_FILE)
			return nonshared_intern(ns, s->name);
	}
	return nonshared_intern(ns, sec->name);
}

/* Multi-source walk from every definition of a baseline function, in any
 * member: BY[n] is the first one that reaches node n (NULL: none). */
static void walk_redirected(mg_nonshared *ns, const mg_stub *baseline, const char **by,
			    size_t *queue)
{
	const struct nonshared_graph *g = ns->graph;
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, NULL);
		size_t nsec = mg_elf_section_count(m->elf);
		for (size_t j = 1; tab && j < tab->count; j++) {
			const mg_elf_symbol *s = &tab->symbols[j];
			if (!nonshared_is_global_definition(s) || s->shndx >= nsec ||
			    !nonshared_redirected(ns, baseline, s->name))
				continue;
			size_t n = m->node_base + s->shndx;
			if (!by[n]) {
				by[n] = nonshared_intern(ns, s->name);
				queue[tail++] = n;
			}
		}
	}
	while (head < tail) {
		size_t n = queue[head++];
		for (size_t e = g->edge_start[n]; e < g->edge_start[n + 1]; e++)
			if (!by[g->edges[e]]) {
				by[g->edges[e]] = by[n];
				queue[tail++] = g->edges[e];
			}
	}
}

/* What makes a node bad, for the verdict's words. */
struct witness {
	const struct taint_entry *uses;  /* it uses a tainted name, or */
	size_t state;                    /* it is forked state (node), and */
	const char *redirected;          /* the baseline function reaching it */
	bool set;
};

int nonshared_hazards(mg_nonshared *ns, const mg_stub *baseline, const char *const *allow,
	       size_t n_allow, bool *changed, mg_error *err)
{
	const struct nonshared_graph *g = ns->graph;
	const char **by = xcalloc(g->nnodes ? g->nnodes : 1, sizeof *by);
	size_t *queue = xmalloc((g->nnodes ? g->nnodes : 1) * sizeof *queue);
	struct witness *w = xcalloc(g->nnodes ? g->nnodes : 1, sizeof *w);
	size_t *rstart = NULL, *redges = NULL;
	unsigned char *barrier = NULL;
	int rc = -1;

	for (size_t i = 0; i < ns->nmembers; i++)
		if (ns->members[i].selected && nonshared_member_relocs_ok(ns, &ns->members[i], err) != 0)
			goto out;
	walk_redirected(ns, baseline, by, queue);

	/* Bad nodes. */
	size_t head = 0, tail = 0;
	for (size_t n = 0; n < g->nnodes; n++) {
		struct nonshared_member *m = &ns->members[g->member_of[n]];
		if (!m->selected)
			continue;
		for (size_t r = g->ref_start[n]; r < g->ref_start[n + 1]; r++) {
			const struct taint_entry *t = tainted(ns, g->refs[r]);
			if (t) {
				w[n] = (struct witness){ .uses = t, .set = true };
				break;
			}
		}
		if (!w[n].set && by[n] &&
		    is_state_section(mg_elf_section_at(m->elf, n - m->node_base)))
			w[n] = (struct witness){ .state = n, .redirected = by[n], .set = true };
		if (w[n].set)
			queue[tail++] = n;
	}

	/* Definitions the user allowed despite their hazard stop the walk:
	 * their callers share the state only through them. */
	barrier = xcalloc(g->nnodes ? g->nnodes : 1, 1);
	for (size_t i = 0; i < n_allow; i++) {
		size_t k;
		if (nonshared_map_get(ns->def_node, allow[i], &k))
			barrier[k] = 1;
	}

	/* Reverse pass: who reaches a bad node. */
	size_t nedges = g->edge_start[g->nnodes];
	size_t *from = xmalloc((nedges ? nedges : 1) * sizeof *from);
	for (size_t n = 0; n < g->nnodes; n++)
		for (size_t e = g->edge_start[n]; e < g->edge_start[n + 1]; e++)
			from[e] = g->edges[e];
	size_t *order;
	rstart = rows(g->nnodes, from, nedges, &order);
	redges = xmalloc((nedges ? nedges : 1) * sizeof *redges);
	for (size_t n = 0; n < g->nnodes; n++)
		for (size_t e = g->edge_start[n]; e < g->edge_start[n + 1]; e++)
			from[e] = n;
	for (size_t i = 0; i < nedges; i++)
		redges[i] = from[order[i]];
	free(order);
	free(from);
	while (head < tail) {
		size_t n = queue[head++];
		if (barrier[n])
			continue;
		for (size_t e = rstart[n]; e < rstart[n + 1]; e++) {
			size_t p = redges[e];
			if (!w[p].set && ns->members[g->member_of[p]].selected) {
				w[p] = w[n];
				queue[tail++] = p;
			}
		}
	}

	/* Verdicts on the kept definitions of the selected members. */
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		if (!m->selected)
			continue;
		const mg_elf_symbols *tab = nonshared_member_symtab(ns, m, err);
		if (!tab)
			goto out;
		size_t nsec = mg_elf_section_count(m->elf);
		for (size_t j = 1; j < tab->count; j++) {
			const mg_elf_symbol *s = &tab->symbols[j];
			if (!nonshared_is_global_definition(s) || s->shndx >= nsec ||
			    nonshared_redirected(ns, baseline, s->name))
				continue;
			const struct witness *wn = &w[m->node_base + s->shndx];
			if (!wn->set || (wn->uses && strcmp(wn->uses->name, s->name) == 0))
				continue;
			const char *reason, *root = NULL;
			mg_nonshared_status status = MG_NONSHARED_HAZARD;
			mg_nonshared_hazard_class cls = MG_NONSHARED_CLASS_FORKED_STATE;
			char *why;
			if (wn->uses) {
				char *plain = mg_demangle(wn->uses->name);
				why = xasprintf("it uses %s, which is left out: %s",
						plain ? plain : wn->uses->name, wn->uses->reason);
				free(plain);
				status = wn->uses->status;
				cls = wn->uses->cls;
				root = wn->uses->root;
			} else {
				struct nonshared_member *sm = &ns->members[g->member_of[wn->state]];
				mg_nonshared_hazard h = {
					.hazard = MG_NONSHARED_CLASS_FORKED_STATE,
					.member = sm->ar->name,
					.state = name_of_section_state(
						ns, sm, mg_elf_section_at(sm->elf, wn->state - sm->node_base)),
					.kept = nonshared_intern(ns, s->name),
					.redirected = wn->redirected,
				};
				nonshared_add_hazard(ns, &h);
				why = xasprintf("its code (%s) reaches %s in %s, state that %s (left to "
						"the shared runtime) also uses: a private copy would fork it",
						m->ar->name, h.state, h.member, h.redirected);
			}
			reason = nonshared_intern(ns, why);
			free(why);
			mg_nonshared_symbol *n = nonshared_find_newer(ns, s->name);
			if (n && status == MG_NONSHARED_HAZARD && nonshared_allowed(n->name, allow, n_allow)) {
				if (n->status != MG_NONSHARED_HAZARD_ALLOWED) {
					n->status = MG_NONSHARED_HAZARD_ALLOWED;
					n->hazard = cls;
					n->reason = reason;
				}
				continue;
			}
			if (n)
				nonshared_exclude(ns, n, status, cls, reason, root, changed);
			nonshared_taint(ns, nonshared_intern(ns, s->name), status, cls, reason, root, changed);
		}
	}
	rc = 0;
out:
	free(barrier);
	free(by);
	free(queue);
	free(w);
	free(rstart);
	free(redges);
	return rc;
}

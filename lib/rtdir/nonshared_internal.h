/* State shared by the planning (nonshared.c) and rewriting
 * (nonshared_write.c) passes of the split. */
#ifndef MG_NONSHARED_INTERNAL_H
#define MG_NONSHARED_INTERNAL_H

#include "base/grow.h"
#include "elf/archive.h"
#include "rtdir/nonshared.h"

#include <libiberty/hashtab.h>

/* What the rewrite does to one .symtab entry of a selected member. */
enum nonshared_action {
	NS_KEEP = 0,     /* leave as it is (locals, undefined references) */
	NS_HIDE,         /* a private definition: make it hidden */
	NS_UNDEFINE,     /* the shared runtime's (or a left-out) definition */
};

struct nonshared_member {
	const mg_archive_member *ar;
	size_t node_base;              /* its sections' first node in the graph */
	struct mg_elf *elf;            /* opened on first use */
	struct mg_elf_reloc_set *relocs;   /* read on first use */
	bool selected;
	char *why;
	unsigned char *action;         /* per .symtab index, when selected */
	size_t nsyms;
	size_t n_hidden, n_undefined, n_provided;
};

struct mg_nonshared {
	char *archive_path;
	mg_archive *ar;
	struct nonshared_member *members;
	size_t nmembers;
	htab_t defined_in;             /* name -> first member defining it (+1) */
	htab_t runtime_names;          /* every name the compiler's runtime exports */
	htab_t excluded;               /* N names left out */
	htab_t tainted;                /* names whose code must not be used privately */
	mg_nonshared_symbol *symbols;         /* N */
	size_t nsymbols;
	mg_nonshared_hazard *hazards;
	size_t nhazards, chazards;
	mg_nonshared_member *selected;        /* public view of selected members */
	size_t nselected;
	char **externals;
	size_t nexternals, cexternals;
	htab_t strings;                /* interned strings the public views use */
	htab_t forwarded;              /* N names manyguard's forwarders provide */
	htab_t def_node;               /* name -> node of its first definition */
	struct nonshared_graph *graph;        /* the section graph of the whole archive */
};

/* The section graph of the whole archive (nonshared_hazard.c): a node per
 * section of every member; an edge from A to B when code or data in A
 * refers to B in a way that stays private after the rewrite: a local or
 * section symbol of its member, or a global name the baseline does not
 * define, to its first definition in the archive (in any member: state
 * defined in one member is used by code of another). */
struct nonshared_graph {
	size_t nnodes;
	size_t *edge_start;            /* CSR: edges of node n are
					  edges[edge_start[n] .. edge_start[n + 1]) */
	size_t *edges;
	size_t *ref_start;             /* global names each node refers to */
	const char **refs;
	size_t *member_of;             /* node -> member index */
};

struct mg_elf_symbols;
struct mg_elf_symbol;
struct mg_stub;

/* Maps from a name (borrowed: it must outlive the map) to a number. */
htab_t nonshared_map_new(size_t size);
void nonshared_map_put(htab_t map, const char *name, size_t value); /* unless present */
bool nonshared_map_get(htab_t map, const char *name, size_t *value);

/* An interned copy of S, owned by NS. */
const char *nonshared_intern(mg_nonshared *ns, const char *s);

/* A member's .symtab and relocations, read on first use (NULL + ERR on a
 * corrupted member). */
const struct mg_elf_symbols *nonshared_member_symtab(mg_nonshared *ns, struct nonshared_member *m,
					      mg_error *err);
struct mg_elf_reloc_set *nonshared_member_relocs(struct nonshared_member *m, mg_error *err);

/* A global, weak or unique definition (not a section or file symbol). */
bool nonshared_is_global_definition(const struct mg_elf_symbol *s);

/* The N symbol called NAME, or NULL. */
mg_nonshared_symbol *nonshared_find_newer(mg_nonshared *ns, const char *name);

/* The table of tainted names, and marking NAME tainted (sets *CHANGED). */
htab_t nonshared_taint_table_new(void);
void nonshared_taint(mg_nonshared *ns, const char *name, mg_nonshared_status status,
	      mg_nonshared_hazard_class cls, const char *reason, const char *root, bool *changed);

/* Build NS->graph once, after the archive is indexed (nonshared_hazard.c). */
int nonshared_graph_build(mg_nonshared *ns, const struct mg_stub *baseline, mg_error *err);
void nonshared_graph_free(struct nonshared_graph *g);

/* A member's relocations must fit a shared object (an error otherwise). */
int nonshared_member_relocs_ok(mg_nonshared *ns, struct nonshared_member *m, mg_error *err);

/* The hazard pass over the selected members: state that kept code shares
 * with redirected code, and the taint of names left out. */
int nonshared_hazards(mg_nonshared *ns, const struct mg_stub *baseline, const char *const *allow,
	       size_t n_allow, bool *changed, mg_error *err);

/* Whether the baseline's runtime has NAME: the stub defines it, or a
 * manyguard forwarder provides it from the baseline's functions.  Either
 * way a definition of NAME in the archive is not used privately. */
bool nonshared_redirected(const mg_nonshared *ns, const struct mg_stub *baseline, const char *name);

/* The hazard classes named by what a symbol is (nonshared_facts.c): a
 * facet id, an error category, an exception type the baseline throws
 * untagged, a function of a runtime-owned representation.  Marks each N
 * symbol of such a class left out (or allowed) before selection. */
void nonshared_facts_hazards(mg_nonshared *ns, const struct mg_stub *baseline,
		      const char *const *allow, size_t n_allow);

/* Forwarders (nonshared_forward.c): N symbols manyguard provides from the
 * baseline's own functions.  Marks them MG_NONSHARED_FORWARDED in NS when the
 * baseline has what they need. */
void nonshared_forward_plan(mg_nonshared *ns, const struct mg_stub *baseline);
/* The member holding the planned forwarders, compiled with CC into a
 * malloc'd object (*OUT, *SIZE); *OUT NULL when none is planned. */
int nonshared_forward_object(const mg_nonshared *ns, const char *cc, void **out, size_t *size,
		      mg_error *err);
/* The member name the forwarders take in the archive. */
#define NONSHARED_FORWARD_MEMBER "manyguard-forward.o"

/* Whether N symbol NAME may be provided despite its hazard (--allow-hazard). */
bool nonshared_allowed(const char *name, const char *const *allow, size_t n_allow);
/* Leave out N symbol S with STATUS, hazard class CLS and REASON; ROOT is
 * the symbol left out first whose taint it inherits, or NULL (sets
 * *CHANGED when it was not left out yet). */
void nonshared_exclude(mg_nonshared *ns, mg_nonshared_symbol *s, mg_nonshared_status status,
		mg_nonshared_hazard_class cls, const char *reason, const char *root, bool *changed);
/* Record a hazard finding (duplicates are dropped). */
void nonshared_add_hazard(mg_nonshared *ns, const mg_nonshared_hazard *h);

#endif

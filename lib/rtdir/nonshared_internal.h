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
};

struct mg_elf_symbols;
struct mg_elf_symbol;
struct mg_stub;

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
	      const char *reason, bool *changed);

/* The hazard pass over one selected member (nonshared_hazard.c). */
int nonshared_member_hazards(mg_nonshared *ns, struct nonshared_member *m, const struct mg_stub *baseline,
		      const char *const *allow, size_t n_allow, bool *changed, mg_error *err);

#endif

/* The split of a C++ runtime into what the baseline runtime provides (left
 * to the one shared libstdc++.so.6 of the process) and what it lacks (linked
 * privately, every symbol hidden, from libstdc++_nonshared.a).
 *
 * Planning pass: N, the symbols the compiler's runtime exports that the
 * baseline does not define, are looked up in the compiler's libstdc++.a; the
 * members defining them are selected, plus the closure of members that
 * their undefined references need and the baseline does not provide.
 * Hazard pass: in each selected member, writable or thread-local file-local
 * state reachable both from code that stays (hidden) and from code whose
 * definition is redirected to the shared runtime would exist twice at run
 * time; the N symbols whose code reaches such state are left out unless
 * allowed.  Relocations that cannot go into a shared object are an error.
 * Rewrite pass: in the selected members every definition of a baseline
 * symbol becomes an undefined reference and every other global definition
 * becomes hidden; the members go into a deterministic archive.
 *
 * docs/nonshared.md describes the model for users. */
#ifndef MG_NONSHARED_H
#define MG_NONSHARED_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

struct mg_elf;
struct mg_stub;

typedef enum mg_nonshared_status {
	MG_NONSHARED_PROVIDED,      /* linked privately from the nonshared archive */
	MG_NONSHARED_NOT_IN_ARCHIVE, /* no member of libstdc++.a defines it */
	MG_NONSHARED_HAZARD,        /* left out: its code would fork runtime state */
	MG_NONSHARED_HAZARD_ALLOWED, /* provided although hazardous: allowed by the user */
	MG_NONSHARED_UNRESOLVED,    /* left out: it needs a symbol nothing provides */
	MG_NONSHARED_FORWARDED,     /* provided by a manyguard forwarder built on the
				baseline's own functions (nonshared_forward.c) */
	MG_NONSHARED_STATUS_COUNT
} mg_nonshared_status;

/* Why sharing code between the private archive and the shared runtime
 * would go wrong (docs/nonshared.md, "Hazards"). */
typedef enum mg_nonshared_hazard_class {
	MG_NONSHARED_CLASS_NONE,
	/* state (a variable) that private and redirected code would both use:
	 * the process would have two copies */
	MG_NONSHARED_CLASS_FORKED_STATE,
	/* a std::locale::id: the shared runtime's locales hold facets under
	 * its own ids, a private id finds none of them */
	MG_NONSHARED_CLASS_FACET_ID,
	/* an error category: categories are compared by address, a private
	 * copy is another category in every shared object */
	MG_NONSHARED_CLASS_ERROR_CATEGORY,
	/* the typeinfo of an exception type the baseline throws under another
	 * (untagged) type: a handler for the private one never catches it */
	MG_NONSHARED_CLASS_EXCEPTION_TYPE,
	/* a member function of a class whose object representation belongs
	 * to the runtime and changed: the baseline's functions would read what
	 * private code wrote, in another layout */
	MG_NONSHARED_CLASS_REPRESENTATION,
	MG_NONSHARED_CLASS_COUNT
} mg_nonshared_hazard_class;

/* One symbol of N. */
typedef struct mg_nonshared_symbol {
	const char *name;
	const char *version;   /* its version in the compiler's runtime */
	mg_nonshared_status status;
	const char *member;    /* defining member, NULL when none */
	const char *reason;    /* why it has its status, for people */
	mg_nonshared_hazard_class hazard; /* HAZARD, HAZARD_ALLOWED: which kind (also for
				      a symbol left out because it uses one) */
	const char *root;      /* left out because it uses a symbol left out: that
				  symbol, the one --allow-hazard must name; NULL */
} mg_nonshared_symbol;

/* State (or identity) a member's kept code would share with the shared
 * runtime's code. */
typedef struct mg_nonshared_hazard {
	mg_nonshared_hazard_class hazard;
	const char *member;
	const char *state;     /* the symbol or section holding the state; for
				  the classes named after symbols, the symbol */
	const char *kept;      /* a kept symbol whose code reaches it */
	const char *redirected; /* a redirected (baseline) symbol whose code reaches it */
} mg_nonshared_hazard;

/* One selected member. */
typedef struct mg_nonshared_member {
	const char *name;
	const char *why;       /* "defines _ZSt8to_charsPcS_d" or "needed by ..." */
	size_t n_hidden;       /* definitions made hidden */
	size_t n_undefined;    /* definitions turned into references */
	size_t n_provided;     /* N symbols it provides */
} mg_nonshared_member;

typedef struct mg_nonshared mg_nonshared;

/* Plan the split.  ARCHIVE is the compiler's libstdc++.a, RUNTIME its
 * libstdc++.so.6, BASELINE the stub description of the baseline (a real old
 * runtime, or the compiler's runtime capped by a policy).  ALLOW lists N
 * symbols (mangled names) whose hazards the user accepts.  Returns NULL with
 * ERR set on unreadable input or a member unfit for a shared object. */
mg_nonshared *mg_nonshared_plan(const char *archive, struct mg_elf *runtime,
				const struct mg_stub *baseline,
				const char *const *allow, size_t n_allow, mg_error *err);
void mg_nonshared_free(mg_nonshared *ns);

size_t mg_nonshared_symbol_count(const mg_nonshared *ns);
const mg_nonshared_symbol *mg_nonshared_symbol_at(const mg_nonshared *ns, size_t i);
size_t mg_nonshared_member_count(const mg_nonshared *ns);
const mg_nonshared_member *mg_nonshared_member_at(const mg_nonshared *ns, size_t i);
size_t mg_nonshared_hazard_count(const mg_nonshared *ns);
const mg_nonshared_hazard *mg_nonshared_hazard_at(const mg_nonshared *ns, size_t i);

/* Undefined references of the selected members that neither the baseline,
 * nor the archive provide: they must come from libc, libm or libgcc. */
size_t mg_nonshared_external_count(const mg_nonshared *ns);
const char *mg_nonshared_external_at(const mg_nonshared *ns, size_t i);

/* Rewrite the selected members and write the archive to PATH atomically;
 * CC compiles the forwarders. */
int mg_nonshared_write_archive(mg_nonshared *ns, const char *path, const char *cc,
			       mg_error *err);

const char *mg_nonshared_status_name(mg_nonshared_status status);
/* "forked-state", "facet-id", "error-category", "exception-type",
 * "representation"; NULL for MG_NONSHARED_CLASS_NONE. */
const char *mg_nonshared_hazard_class_name(mg_nonshared_hazard_class hazard);

#endif

/* Hazards the section graph cannot see, named by what a newer symbol is
 * (docs/nonshared.md, "Hazards").  Their state is not a variable that two
 * copies of code share but something the shared runtime registered or
 * compares, or an object it reads:
 *   - a std::locale::id (facet id): the runtime's locales hold facets
 *     under the runtime's own ids; a private id matches none of them;
 *   - an error category: error codes compare categories by address, so a
 *     private copy is a different category in every shared object, and the
 *     runtime's own error codes carry the baseline's categories;
 *   - the typeinfo of an exception type whose untagged twin is what the
 *     baseline throws (ios_base::failure[abi:cxx11]): a handler for the
 *     private type never catches the runtime's exception;
 *   - a member function of a class whose representation the runtime owns
 *     and changed (std::random_device), when the baseline keeps others:
 *     the two releases' functions would read each other's objects.
 * Each such N symbol is left out before selection (or provided, when the
 * user allows it); the graph's taint then leaves out its users. */
#include "config.h"

#include "base/demangle.h"
#include "rtdir/nonshared_internal.h"
#include "rtdir/stub.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Classes whose object representation is private to the runtime (every
 * access goes through out-of-line members) and changed between releases,
 * by the mangled prefixes of their members, with what changed. */
static const struct {
	const char *prefixes[2];
	const char *what;
} owned_representations[] = {
	{ { "_ZNSt13random_device", "_ZNKSt13random_device" },
	  "std::random_device's representation belongs to the runtime: GCC 10 changed the "
	  "meaning of its union (a source function and a file descriptor next to the FILE "
	  "pointer of older releases), and _M_init, _M_getval, _M_fini and _M_getentropy "
	  "read it; all of them must come from one runtime" },
};

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* "X::id" (a variable: a facet's static std::locale::id). */
static bool is_facet_id(const char *name, const char *plain)
{
	return has_prefix(name, "_ZN") && ends_with(name, "2idE") && plain &&
	       ends_with(plain, "::id");
}

/* "std::_V2::generic_category()", "std::iostream_category()". */
static bool is_error_category(const char *plain)
{
	if (!plain || !ends_with(plain, "_category()"))
		return false;
	const char *colon = strrchr(plain, ':');
	const char *base = colon ? colon + 1 : plain;
	for (const char *p = base; *p != '('; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z')))
			return false;
	return true;
}

/* The typeinfo of an ABI-tagged class whose untagged twin the baseline
 * defines: the twin's name, malloc'd, or NULL. */
static char *exception_twin(const char *name, const mg_stub *baseline)
{
	const char *tag = strstr(name, "B5cxx11");
	if (!has_prefix(name, "_ZTI") || !tag)
		return NULL;
	char *twin = xmalloc(strlen(name) + 1);
	memcpy(twin, name, (size_t)(tag - name));
	strcpy(twin + (tag - name), tag + 7);
	if (mg_stub_defines(baseline, twin))
		return twin;
	free(twin);
	return NULL;
}

/* The owned representation N symbol NAME belongs to, when the baseline
 * defines another member of it; -1 otherwise. */
static int owned_split(const char *name, const mg_nonshared *ns, const mg_stub *baseline)
{
	for (size_t i = 0; i < sizeof owned_representations / sizeof owned_representations[0];
	     i++) {
		const char *const *pre = owned_representations[i].prefixes;
		if (!has_prefix(name, pre[0]) && !has_prefix(name, pre[1]))
			continue;
		/* Does the baseline keep a member of the class? */
		for (size_t j = 0; j < mg_stub_symbol_count(baseline); j++) {
			const char *b = mg_stub_symbol_at(baseline, j)->name;
			if (has_prefix(b, pre[0]) || has_prefix(b, pre[1]))
				return (int)i;
		}
		(void)ns;
	}
	return -1;
}

static void leave_out(mg_nonshared *ns, mg_nonshared_symbol *s, mg_nonshared_hazard_class cls,
		      const char *state, const char *redirected, char *why,
		      const char *const *allow, size_t n_allow)
{
	const char *reason = nonshared_intern(ns, why);
	free(why);
	size_t idx;
	mg_nonshared_hazard h = {
		.hazard = cls,
		.member = nonshared_map_get(ns->defined_in, s->name, &idx) ? ns->members[idx].ar->name
								    : "(none)",
		.state = nonshared_intern(ns, state),
		.kept = s->name,
		.redirected = nonshared_intern(ns, redirected),
	};
	nonshared_add_hazard(ns, &h);
	bool changed = false;
	if (nonshared_allowed(s->name, allow, n_allow)) {
		s->status = MG_NONSHARED_HAZARD_ALLOWED;
		s->hazard = cls;
		s->reason = reason;
		return;
	}
	nonshared_exclude(ns, s, MG_NONSHARED_HAZARD, cls, reason, NULL, &changed);
	nonshared_taint(ns, s->name, MG_NONSHARED_HAZARD, cls, reason, NULL, &changed);
}

void nonshared_facts_hazards(mg_nonshared *ns, const mg_stub *baseline, const char *const *allow,
		      size_t n_allow)
{
	for (size_t i = 0; i < ns->nsymbols; i++) {
		mg_nonshared_symbol *s = &ns->symbols[i];
		if (s->status == MG_NONSHARED_FORWARDED)
			continue;
		char *plain = mg_demangle(s->name);
		const char *shown = plain ? plain : s->name;
		char *twin = NULL;
		int owned;
		if (is_facet_id(s->name, plain)) {
			leave_out(ns, s, MG_NONSHARED_CLASS_FACET_ID, s->name, "the runtime's std::locale",
				  xasprintf("%s is a facet id (std::locale::id): the shared runtime's "
					    "locales hold their facets under the runtime's own ids, and "
					    "a private id finds none of them (use_facet throws bad_cast, "
					    "a stream sets badbit and prints nothing)", shown),
				  allow, n_allow);
		} else if (is_error_category(plain)) {
			leave_out(ns, s, MG_NONSHARED_CLASS_ERROR_CATEGORY, s->name,
				  "the runtime's error codes",
				  xasprintf("%s is an error category: error codes compare categories "
					    "by address, so a private copy is another category in "
					    "every shared object (== with std::errc is false across "
					    "them), and the runtime's own error codes use its own "
					    "categories", shown),
				  allow, n_allow);
		} else if ((twin = exception_twin(s->name, baseline)) != NULL) {
			char *twin_plain = mg_demangle(twin);
			leave_out(ns, s, MG_NONSHARED_CLASS_EXCEPTION_TYPE, s->name, twin,
				  xasprintf("%s is the type information of an exception type whose "
					    "untagged twin (%s) is what the baseline runtime throws: a "
					    "handler for this type never catches the runtime's exception",
					    shown, twin_plain ? twin_plain : twin),
				  allow, n_allow);
			free(twin_plain);
		} else if ((owned = owned_split(s->name, ns, baseline)) >= 0) {
			leave_out(ns, s, MG_NONSHARED_CLASS_REPRESENTATION, s->name,
				  owned_representations[owned].prefixes[0],
				  xasprintf("%s: %s; the baseline keeps some of them",
					    shown, owned_representations[owned].what),
				  allow, n_allow);
		}
		free(twin);
		free(plain);
	}
}

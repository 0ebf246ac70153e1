/* The set of names newer than a policy's caps: a libiberty hash table of
 * entries, filled from a runtime's dynamic symbols judged against the
 * caps. */
#include "config.h"
#include "policy/newer.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>
#include <libiberty/hashtab.h>

#include "base/grow.h"

struct mg_newer {
	htab_t names;
	char **strings; /* the strings the entries point to */
	size_t n_strings, cap_strings;
};

static hashval_t hash_entry(const void *p)
{
	return htab_hash_string(((const mg_newer_symbol *)p)->name);
}

static int eq_entry(const void *a, const void *b)
{
	return strcmp(((const mg_newer_symbol *)a)->name, ((const mg_newer_symbol *)b)->name) == 0;
}

static mg_newer *new_set(void)
{
	mg_newer *set = XCNEW(mg_newer);
	set->names = htab_create_alloc(1024, hash_entry, eq_entry, free, xcalloc, free);
	return set;
}

static const char *keep(mg_newer *set, char *s)
{
	MG_GROW(set->strings, set->n_strings + 1, set->cap_strings);
	return set->strings[set->n_strings++] = s;
}

/* Add NAME; the strings live as long as SET (kept). */
static void add(mg_newer *set, const char *name, const char *version)
{
	mg_newer_symbol key = {.name = name};
	void **slot = htab_find_slot(set->names, &key, INSERT);
	if (*slot)
		return;
	mg_newer_symbol *e = XNEW(mg_newer_symbol);
	e->name = name;
	e->version = version;
	*slot = e;
}

void mg_newer_free(mg_newer *set)
{
	if (!set)
		return;
	htab_delete(set->names);
	for (size_t i = 0; i < set->n_strings; i++)
		free(set->strings[i]);
	free(set->strings);
	free(set);
}

const mg_newer_symbol *mg_newer_find(const mg_newer *set, const char *name)
{
	mg_newer_symbol key = {.name = name};
	return htab_find(set->names, &key);
}

size_t mg_newer_count(const mg_newer *set)
{
	return htab_elements(set->names);
}

mg_newer *mg_newer_from_runtime(mg_elf *runtime, const mg_caps *caps, mg_error *err)
{
	const mg_elf_symbols *dyn = mg_elf_dynsym(runtime, err);
	if (!dyn)
		return NULL;
	/* Pass 1: the names defined at a version within the caps (a name may
	 * be defined at two versions: name@OLD and name@@NEW). */
	htab_t old = htab_create_alloc(1024, htab_hash_string, htab_eq_string, NULL, xcalloc, free);
	mg_newer *set = new_set();
	for (int pass = 1; pass <= 2; pass++)
		for (size_t i = 1; i < dyn->count; i++) {
			const mg_elf_symbol *s = &dyn->symbols[i];
			if (!s->defined || !s->version || !s->name[0] ||
			    s->ver_kind != MG_ELF_VER_DEF)
				continue;
			mg_caps_result res;
			if (mg_caps_check(caps, s->version, &res, NULL) < 0)
				continue; /* a version name no cap can judge: not ours */
			bool newer = res.verdict == MG_CAPS_EXCEEDS;
			if (pass == 1 && !newer)
				*htab_find_slot(old, s->name, INSERT) = (void *)s->name;
			else if (pass == 2 && newer && !htab_find(old, s->name))
				add(set, keep(set, xstrdup(s->name)), keep(set, xstrdup(s->version)));
		}
	htab_delete(old);
	return set;
}

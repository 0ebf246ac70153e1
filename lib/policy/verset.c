/* Sets of version names, kept sorted for lookups and for the highest
 * version of a prefix. */
#include "config.h"
#include "policy/verset.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"

struct mg_verset {
	char **v; /* sorted by mg_symver_cmp_names, no duplicates */
	size_t n, cap;
};

mg_verset *mg_verset_new(void)
{
	return XCNEW(mg_verset);
}

void mg_verset_free(mg_verset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i]);
	free(set->v);
	free(set);
}

/* Index of NAME, or of where it would go; *FOUND says which. */
static size_t verset_search(const mg_verset *set, const char *name, bool *found)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = mg_symver_cmp_names(set->v[mid], name);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

int mg_verset_add(mg_verset *set, const char *name, mg_error *err)
{
	mg_symver v;
	bool found;

	if (mg_symver_parse(name, &v, err) < 0)
		return -1;
	size_t at = verset_search(set, name, &found);
	if (found)
		return 0;
	MG_GROW(set->v, set->n + 1, set->cap);
	memmove(set->v + at + 1, set->v + at, (set->n - at) * sizeof *set->v);
	set->v[at] = xstrdup(name);
	set->n++;
	return 0;
}

bool mg_verset_contains(const mg_verset *set, const char *name)
{
	bool found;
	mg_symver v;

	if (mg_symver_parse(name, &v, NULL) < 0)
		return false;
	verset_search(set, name, &found);
	return found;
}

size_t mg_verset_count(const mg_verset *set)
{
	return set->n;
}

const char *mg_verset_at(const mg_verset *set, size_t i)
{
	return i < set->n ? set->v[i] : NULL;
}

const char *mg_verset_highest(const mg_verset *set, const char *prefix)
{
	const char *best = NULL;
	mg_symver v;

	/* Sorted by prefix then number: the last numbered match wins. */
	for (size_t i = 0; i < set->n; i++) {
		if (mg_symver_parse(set->v[i], &v, NULL) < 0)
			continue;
		if (v.nparts > 0 && strcmp(v.prefix, prefix) == 0)
			best = set->v[i];
	}
	return best;
}

int mg_verset_to_caps(const mg_verset *set, mg_caps *caps, mg_error *err)
{
	mg_symver v;

	for (size_t i = 0; i < set->n; i++) {
		if (mg_symver_parse(set->v[i], &v, err) < 0)
			return -1;
		if (v.nparts == 0)
			continue;
		const char *high = mg_verset_highest(set, v.prefix);
		if (high != set->v[i])
			continue;
		const char *number = high + strlen(v.prefix) + 1;
		if (mg_caps_set(caps, v.prefix, number, err) < 0)
			return -1;
	}
	return 0;
}

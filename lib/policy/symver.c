#include "config.h"
#include "policy/symver.h"
#include "base/grow.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Components above this are not version numbers but something else
 * spelled with digits; such names are kept whole as tags. */
#define MAX_COMPONENT 999999999UL

/* Parse "N(.N)*" into V; false if TEXT is not exactly that. */
static bool parse_dotted(const char *text, mg_symver *v)
{
	const char *p = text;
	unsigned n = 0;

	if (!*p)
		return false;
	for (;;) {
		if (!isdigit((unsigned char)*p) || n == MG_SYMVER_MAX_PARTS)
			return false;
		unsigned long value = 0;
		while (isdigit((unsigned char)*p)) {
			value = value * 10 + (unsigned long)(*p - '0');
			if (value > MAX_COMPONENT)
				return false;
			p++;
		}
		v->parts[n++] = value;
		if (*p == '\0')
			break;
		if (*p != '.')
			return false;
		p++;
	}
	v->nparts = n;
	return true;
}

int mg_symver_parse(const char *name, mg_symver *out, mg_error *err)
{
	size_t len = name ? strlen(name) : 0;

	if (len == 0)
		return mg_error_set(err, NULL, "empty symbol version name");
	if (len >= sizeof out->prefix)
		return mg_error_set(err, NULL, "symbol version name longer than %d bytes: %.40s...",
				    MG_SYMVER_MAX_NAME - 1, name);
	memset(out, 0, sizeof *out);

	const char *us = strrchr(name, '_');
	if (us && us != name && parse_dotted(us + 1, out)) {
		memcpy(out->prefix, name, (size_t)(us - name));
		out->prefix[us - name] = '\0';
		return 0;
	}
	out->nparts = 0;
	memcpy(out->prefix, name, len + 1);
	return 0;
}

int mg_symver_cmp(const mg_symver *a, const mg_symver *b)
{
	int c = strcmp(a->prefix, b->prefix);
	if (c)
		return c;
	unsigned n = a->nparts > b->nparts ? a->nparts : b->nparts;
	for (unsigned i = 0; i < n; i++) {
		unsigned long x = i < a->nparts ? a->parts[i] : 0;
		unsigned long y = i < b->nparts ? b->parts[i] : 0;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

int mg_symver_cmp_names(const char *a, const char *b)
{
	mg_symver va, vb;

	if (mg_symver_parse(a, &va, NULL) < 0 || mg_symver_parse(b, &vb, NULL) < 0)
		return strcmp(a ? a : "", b ? b : "");
	int c = mg_symver_cmp(&va, &vb);
	/* Keep distinct spellings of equal versions (GCC_11.0, GCC_11.0.0)
	 * apart so sets stay sets. */
	return c ? c : strcmp(a, b);
}

const char *mg_symver_format(const mg_symver *v, char *buf, size_t size)
{
	size_t used = 0;
	int n = snprintf(buf, size, "%s", v->prefix);

	if (n < 0 || (size_t)n >= size)
		return buf;
	used = (size_t)n;
	for (unsigned i = 0; i < v->nparts; i++) {
		n = snprintf(buf + used, size - used, "%c%lu", i ? '.' : '_', v->parts[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

/* ---- caps ---------------------------------------------------------------- */

/* A handful of prefixes per policy: a plain array is the right size. */
typedef struct cap_entry {
	char *prefix;
	bool present;
	mg_symver max;
	char max_name[MG_SYMVER_MAX_NAME];
} cap_entry;

struct mg_caps {
	cap_entry *v;
	size_t n, cap;
};

mg_caps *mg_caps_new(void)
{
	return calloc(1, sizeof(mg_caps));
}

void mg_caps_free(mg_caps *caps)
{
	if (!caps)
		return;
	for (size_t i = 0; i < caps->n; i++)
		free(caps->v[i].prefix);
	free(caps->v);
	free(caps);
}

static cap_entry *caps_find(const mg_caps *caps, const char *prefix)
{
	for (size_t i = 0; i < caps->n; i++)
		if (strcmp(caps->v[i].prefix, prefix) == 0)
			return &caps->v[i];
	return NULL;
}

static bool valid_prefix(const char *p)
{
	if (!*p)
		return false;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '+' && *p != '-')
			return false;
	return true;
}

int mg_caps_set(mg_caps *caps, const char *prefix, const char *max, mg_error *err)
{
	mg_symver v;

	if (!prefix || !valid_prefix(prefix) || strlen(prefix) >= MG_SYMVER_MAX_NAME / 2)
		return mg_error_set(err, NULL, "invalid version prefix \"%s\"", prefix ? prefix : "");
	memset(&v, 0, sizeof v);
	snprintf(v.prefix, sizeof v.prefix, "%s", prefix);
	if (max && *max && !parse_dotted(max, &v))
		return mg_error_set(err, NULL, "%s: \"%s\" is not a dotted version number",
				    prefix, max);

	cap_entry *e = caps_find(caps, prefix);
	if (!e) {
		MG_GROW(caps->v, caps->n + 1, caps->cap);
		e = &caps->v[caps->n++];
		memset(e, 0, sizeof *e);
		e->prefix = xstrdup(prefix);
	}
	e->present = max != NULL;
	e->max = v;
	mg_symver_format(&v, e->max_name, sizeof e->max_name);
	return 0;
}

size_t mg_caps_count(const mg_caps *caps)
{
	return caps->n;
}

const char *mg_caps_prefix_at(const mg_caps *caps, size_t i)
{
	return i < caps->n ? caps->v[i].prefix : NULL;
}

const char *mg_caps_max_at(const mg_caps *caps, size_t i)
{
	return i < caps->n && caps->v[i].present ? caps->v[i].max_name : NULL;
}

const char *mg_caps_get(const mg_caps *caps, const char *prefix, bool *known)
{
	const cap_entry *e = caps_find(caps, prefix);

	if (known)
		*known = e != NULL;
	return e && e->present ? e->max_name : NULL;
}

/* Version nodes without a number that still have a release behind them:
 * each is judged as the numbered version of the release that introduced
 * it (facts and sources in docs/versions.md). */
static const struct special {
	const char *name;
	const char *equivalent;
	const char *rule;
} specials[] = {
	{"GLIBC_ABI_DT_RELR", "GLIBC_2.36",
	 "GLIBC_ABI_DT_RELR marks DT_RELR relocations, which need glibc 2.36"},
	{"CXXABI_TM_1", "CXXABI_1.3.6",
	 "CXXABI_TM_1 (libitm transactional memory support) came with GCC 4.7, as CXXABI_1.3.6 did"},
	{"CXXABI_FLOAT128", "CXXABI_1.3.10",
	 "CXXABI_FLOAT128 (__float128 typeinfo, x86 only) is judged as CXXABI_1.3.10 (GCC 6), "
	 "the oldest release known to have it"},
};

static void compare_with(const cap_entry *e, const mg_symver *v, mg_caps_result *res)
{
	if (!e->present) {
		res->verdict = MG_CAPS_EXCEEDS;
		snprintf(res->cap, sizeof res->cap, "no %.200s versions", e->prefix);
		return;
	}
	snprintf(res->cap, sizeof res->cap, "%s", e->max_name);
	res->verdict = mg_symver_cmp(v, &e->max) <= 0 ? MG_CAPS_WITHIN : MG_CAPS_EXCEEDS;
}

int mg_caps_check(const mg_caps *caps, const char *version, mg_caps_result *res,
		  mg_error *err)
{
	mg_symver v;

	memset(res, 0, sizeof *res);
	if (mg_symver_parse(version, &v, err) < 0)
		return -1;
	snprintf(res->compared, sizeof res->compared, "%s", version);

	/* glibc's internal interface between its own libraries: no baseline
	 * promises it, whatever the caps say. */
	if (strcmp(version, "GLIBC_PRIVATE") == 0) {
		res->verdict = MG_CAPS_FORBIDDEN;
		res->rule = "GLIBC_PRIVATE is glibc's internal interface and changes in every release";
		return 0;
	}

	const cap_entry *e = caps_find(caps, v.prefix);
	if (e) {
		compare_with(e, &v, res);
		return 0;
	}

	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
		if (strcmp(version, specials[i].name) != 0)
			continue;
		mg_symver eq;
		mg_symver_parse(specials[i].equivalent, &eq, NULL);
		snprintf(res->compared, sizeof res->compared, "%s", specials[i].equivalent);
		res->rule = specials[i].rule;
		e = caps_find(caps, eq.prefix);
		if (e)
			compare_with(e, &eq, res);
		else
			res->verdict = MG_CAPS_UNCAPPED;
		return 0;
	}

	/* A variant node of a capped library (GLIBCXX_LDBL_3.4 on x86_64,
	 * CXXABI_IEEE128_1.3.13): the caps list every node the baseline
	 * has, so one they do not list is one the baseline lacks. */
	const char *us = strchr(v.prefix, '_');
	if (us) {
		char root[MG_SYMVER_MAX_NAME];
		snprintf(root, sizeof root, "%.*s", (int)(us - v.prefix), v.prefix);
		e = caps_find(caps, root);
		if (e) {
			res->verdict = MG_CAPS_EXCEEDS;
			res->rule = "the baseline defines no such version node of this library";
			snprintf(res->cap, sizeof res->cap, "no %.200s versions", v.prefix);
			return 0;
		}
	}
	res->verdict = MG_CAPS_UNCAPPED;
	return 0;
}

/* ---- version sets ------------------------------------------------------- */

struct mg_verset {
	char **v; /* sorted by mg_symver_cmp_names, no duplicates */
	size_t n, cap;
};

mg_verset *mg_verset_new(void)
{
	return calloc(1, sizeof(mg_verset));
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

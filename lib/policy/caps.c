/* Caps and the verdict on one version against them, special versions
 * included (docs/versions.md, "Special versions"). */
#include "config.h"
#include "policy/caps.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"

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
	return XCNEW(mg_caps);
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
	if (max && *max && !mg_symver_parse_number(max, &v))
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


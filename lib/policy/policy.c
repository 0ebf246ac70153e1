/* Policy files (docs/policies.md): a JSON document per policy, validated
 * key by key with errors naming the file and the JSON path, and the set of
 * all policies of a directory with the best one a file's needs satisfy
 * (--policy auto). */
#include "config.h"
#include "policy/policy.h"
#include "base/grow.h"
#include "base/small_file.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <libiberty/libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MG_POLICY_DIR
#define MG_POLICY_DIR "policy"
#endif

/* A policy file is a few kilobytes; anything far larger is not one. */
#define MAX_POLICY_FILE (16u << 20)

typedef struct strlist {
	char **v;
	size_t n;
} strlist;

typedef struct policy_arch {
	char *name;
	mg_caps *caps;
} policy_arch;

typedef struct policy_blacklist {
	char *library;
	strlist symbols;
} policy_blacklist;

struct mg_policy {
	char *name;
	char *path;
	int priority;
	strlist aliases;
	strlist libraries;
	policy_arch *archs;
	size_t narchs;
	policy_blacklist *blacklist;
	size_t nblacklist;
};

struct mg_policy_set {
	mg_policy **v;
	size_t n;
};

const char *mg_policy_default_dir(void)
{
	return MG_POLICY_DIR;
}

static void strlist_free(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static bool strlist_has(const strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void mg_policy_free(mg_policy *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->narchs; i++) {
		free(p->archs[i].name);
		mg_caps_free(p->archs[i].caps);
	}
	free(p->archs);
	for (size_t i = 0; i < p->nblacklist; i++) {
		free(p->blacklist[i].library);
		strlist_free(&p->blacklist[i].symbols);
	}
	free(p->blacklist);
	strlist_free(&p->aliases);
	strlist_free(&p->libraries);
	free(p->name);
	free(p->path);
	free(p);
}

/* ---- loading: one small function per JSON member ------------------------ */

/* JSON array of non-empty, distinct strings at JPATH into OUT. */
static int load_strings(const json_t *arr, const char *path, const char *jpath,
			strlist *out, mg_error *err)
{
	if (!json_is_array(arr))
		return mg_error_set(err, path, "%s: expected an array of strings", jpath);
	size_t n = json_array_size(arr);
	out->v = XCNEWVEC(char *, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const json_t *item = json_array_get(arr, i);
		const char *s = json_string_value(item);
		if (!s || !*s)
			return mg_error_set(err, path, "%s[%zu]: expected a non-empty string",
					    jpath, i);
		if (strlist_has(out, s))
			return mg_error_set(err, path, "%s[%zu]: \"%s\" is listed twice",
					    jpath, i, s);
		out->v[out->n++] = xstrdup(s);
	}
	return 0;
}

/* Every key of OBJ must be one of ALLOWED: a misspelt key would otherwise
 * silently drop a rule. */
static int check_keys(const json_t *obj, const char *const *allowed, const char *path,
		      const char *jpath, mg_error *err)
{
	const char *key;
	const json_t *value;

	json_object_foreach((json_t *)obj, key, value) {
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(key, *a) == 0)
				ok = true;
		if (!ok)
			return mg_error_set(err, path, "%s%s%s: unknown key", jpath,
					    *jpath ? "." : "", key);
	}
	return 0;
}

static int load_caps(const json_t *obj, const char *path, const char *jpath,
		     mg_caps *caps, mg_error *err)
{
	const char *prefix;
	const json_t *value;

	if (!json_is_object(obj))
		return mg_error_set(err, path, "%s: expected an object", jpath);
	if (json_object_size(obj) == 0)
		return mg_error_set(err, path, "%s: no caps", jpath);
	json_object_foreach((json_t *)obj, prefix, value) {
		mg_error inner;
		const char *max = NULL;
		if (json_is_string(value))
			max = json_string_value(value);
		else if (!json_is_null(value))
			return mg_error_set(err, path, "%s.%s: expected a version string or null",
					    jpath, prefix);
		if (mg_caps_set(caps, prefix, max, &inner) < 0)
			return mg_error_set(err, path, "%s.%s: %s", jpath, prefix, inner.reason);
	}
	return 0;
}

static int load_arch(const char *name, const json_t *obj, const char *path,
		     policy_arch *arch, mg_error *err)
{
	static const char *const keys[] = {"caps", "comment", NULL};
	char jpath[512];

	snprintf(jpath, sizeof jpath, "arch.%s", name);
	if (!json_is_object(obj))
		return mg_error_set(err, path, "%s: expected an object", jpath);
	if (check_keys(obj, keys, path, jpath, err) < 0)
		return -1;
	arch->name = xstrdup(name);
	arch->caps = mg_caps_new();
	const json_t *caps = json_object_get(obj, "caps");
	if (!caps)
		return mg_error_set(err, path, "%s.caps: missing", jpath);
	snprintf(jpath, sizeof jpath, "arch.%s.caps", name);
	return load_caps(caps, path, jpath, arch->caps, err);
}

static int load_archs(const json_t *obj, const char *path, mg_policy *p, mg_error *err)
{
	const char *name;
	const json_t *value;

	if (!json_is_object(obj) || json_object_size(obj) == 0)
		return mg_error_set(err, path, "arch: expected an object with one member per architecture");
	p->archs = XCNEWVEC(policy_arch, json_object_size(obj));
	json_object_foreach((json_t *)obj, name, value) {
		if (load_arch(name, value, path, &p->archs[p->narchs++], err) < 0)
			return -1;
	}
	return 0;
}

static int load_blacklist(const json_t *obj, const char *path, mg_policy *p, mg_error *err)
{
	const char *lib;
	const json_t *value;
	char jpath[512];

	if (!json_is_object(obj))
		return mg_error_set(err, path, "blacklist: expected an object");
	p->blacklist = XCNEWVEC(policy_blacklist, json_object_size(obj) + 1);
	json_object_foreach((json_t *)obj, lib, value) {
		policy_blacklist *b = &p->blacklist[p->nblacklist++];
		b->library = xstrdup(lib);
		snprintf(jpath, sizeof jpath, "blacklist.%s", lib);
		if (load_strings(value, path, jpath, &b->symbols, err) < 0)
			return -1;
	}
	return 0;
}

/* The file name is the policy's name: `--policy NAME` finds NAME.json. */
static int check_name(const char *name, const char *path, mg_error *err)
{
	const char *base = lbasename(path);
	size_t len = strlen(name);

	if (!*name)
		return mg_error_set(err, path, "name: expected a non-empty string");
	if (strncmp(base, name, len) != 0 || strcmp(base + len, ".json") != 0)
		return mg_error_set(err, path, "name: \"%s\" does not match the file name", name);
	return 0;
}

static int load_policy(const json_t *root, const char *path, mg_policy *p, mg_error *err)
{
	static const char *const keys[] = {"name", "aliases", "priority", "comment",
					   "libraries", "arch", "blacklist", NULL};

	if (!json_is_object(root))
		return mg_error_set(err, path, "expected a JSON object at the top level");
	if (check_keys(root, keys, path, "", err) < 0)
		return -1;

	const char *name = json_string_value(json_object_get(root, "name"));
	if (!name)
		return mg_error_set(err, path, "name: expected a string");
	if (check_name(name, path, err) < 0)
		return -1;
	p->name = xstrdup(name);

	const json_t *prio = json_object_get(root, "priority");
	if (!json_is_integer(prio) || json_integer_value(prio) < 0 ||
	    json_integer_value(prio) > 1000)
		return mg_error_set(err, path, "priority: expected an integer from 0 to 1000");
	p->priority = (int)json_integer_value(prio);

	const json_t *aliases = json_object_get(root, "aliases");
	if (aliases && load_strings(aliases, path, "aliases", &p->aliases, err) < 0)
		return -1;

	const json_t *libs = json_object_get(root, "libraries");
	if (!libs)
		return mg_error_set(err, path, "libraries: missing");
	if (load_strings(libs, path, "libraries", &p->libraries, err) < 0)
		return -1;

	const json_t *arch = json_object_get(root, "arch");
	if (!arch)
		return mg_error_set(err, path, "arch: missing");
	if (load_archs(arch, path, p, err) < 0)
		return -1;

	const json_t *bl = json_object_get(root, "blacklist");
	if (bl && load_blacklist(bl, path, p, err) < 0)
		return -1;
	return 0;
}

mg_policy *mg_policy_load_file(const char *path, mg_error *err)
{
	json_error_t jerr;
	size_t len;
	mg_error why;
	char *text = mg_small_file_read(path, MAX_POLICY_FILE, &len, &why);
	if (!text) {
		mg_error_set(err, path, "cannot read policy: %s", why.reason);
		return NULL;
	}
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (!root) {
		mg_error_set(err, path, "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	mg_policy *p = XCNEW(mg_policy);
	p->path = xstrdup(path);
	if (load_policy(root, path, p, err) < 0)
		goto out;
	json_decref(root);
	return p;
out:
	json_decref(root);
	mg_policy_free(p);
	return NULL;
}

/* ---- queries -------------------------------------------------------------- */

const char *mg_policy_name(const mg_policy *p)
{
	return p->name;
}

const char *mg_policy_path(const mg_policy *p)
{
	return p->path;
}

int mg_policy_priority(const mg_policy *p)
{
	return p->priority;
}

size_t mg_policy_alias_count(const mg_policy *p)
{
	return p->aliases.n;
}

const char *mg_policy_alias_at(const mg_policy *p, size_t i)
{
	return i < p->aliases.n ? p->aliases.v[i] : NULL;
}

bool mg_policy_matches(const mg_policy *p, const char *name)
{
	return strcmp(p->name, name) == 0 || strlist_has(&p->aliases, name);
}

size_t mg_policy_arch_count(const mg_policy *p)
{
	return p->narchs;
}

const char *mg_policy_arch_at(const mg_policy *p, size_t i)
{
	return i < p->narchs ? p->archs[i].name : NULL;
}

const mg_caps *mg_policy_caps(const mg_policy *p, const char *arch)
{
	for (size_t i = 0; i < p->narchs; i++)
		if (strcmp(p->archs[i].name, arch) == 0)
			return p->archs[i].caps;
	return NULL;
}

bool mg_policy_library_allowed(const mg_policy *p, const char *soname)
{
	return strlist_has(&p->libraries, soname);
}

size_t mg_policy_library_count(const mg_policy *p)
{
	return p->libraries.n;
}

const char *mg_policy_library_at(const mg_policy *p, size_t i)
{
	return i < p->libraries.n ? p->libraries.v[i] : NULL;
}

bool mg_policy_symbol_blacklisted(const mg_policy *p, const char *library, const char *symbol)
{
	for (size_t i = 0; i < p->nblacklist; i++)
		if (strcmp(p->blacklist[i].library, library) == 0)
			return strlist_has(&p->blacklist[i].symbols, symbol);
	return false;
}

bool mg_policy_accepts(const mg_policy *p, const char *arch, const char *const *versions,
		       size_t nversions, const char *const *libs, size_t nlibs)
{
	const mg_caps *caps = mg_policy_caps(p, arch);

	if (!caps)
		return false;
	for (size_t i = 0; i < nlibs; i++)
		if (!mg_policy_library_allowed(p, libs[i]))
			return false;
	for (size_t i = 0; i < nversions; i++) {
		mg_caps_result r;
		if (mg_caps_check(caps, versions[i], &r, NULL) < 0)
			return false;
		if (r.verdict == MG_CAPS_EXCEEDS || r.verdict == MG_CAPS_FORBIDDEN)
			return false;
	}
	return true;
}

/* ---- directories ------------------------------------------------------ */

void mg_policy_set_free(mg_policy_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		mg_policy_free(set->v[i]);
	free(set->v);
	free(set);
}

static int by_priority(const void *a, const void *b)
{
	const mg_policy *pa = *(const mg_policy *const *)a;
	const mg_policy *pb = *(const mg_policy *const *)b;

	if (pa->priority != pb->priority)
		return pa->priority > pb->priority ? -1 : 1;
	return strcmp(pa->name, pb->name);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted *.json names of DIR (freed by the caller with strlist_free). */
static int list_json(const char *dir, strlist *out, mg_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	if (!d)
		return mg_error_set(err, dir, "cannot open policy directory: %s", strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		MG_GROW(out->v, out->n + 1, cap);
		out->v[out->n] = concat(dir, "/", de->d_name, NULL);
		out->n++;
	}
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, by_string);
	return 0;
}

/* A name or alias used twice would make `--policy NAME` ambiguous. */
static int check_unique(const mg_policy_set *set, const mg_policy *p, mg_error *err)
{
	for (size_t i = 0; i < set->n; i++) {
		if (mg_policy_matches(set->v[i], p->name))
			return mg_error_set(err, p->path, "name: \"%s\" is also used by %s",
					    p->name, set->v[i]->path);
		for (size_t a = 0; a < p->aliases.n; a++)
			if (mg_policy_matches(set->v[i], p->aliases.v[a]))
				return mg_error_set(err, p->path,
						    "aliases[%zu]: \"%s\" is also used by %s", a,
						    p->aliases.v[a], set->v[i]->path);
	}
	return 0;
}

mg_policy_set *mg_policy_set_load(const char *dir, mg_error *err)
{
	strlist files = {0};
	mg_policy_set *set = NULL;

	if (!dir)
		dir = mg_policy_default_dir();
	if (list_json(dir, &files, err) < 0)
		goto out;
	if (files.n == 0) {
		mg_error_set(err, dir, "no policy files (*.json) in this directory");
		goto out;
	}
	set = XCNEW(mg_policy_set);
	set->v = XCNEWVEC(mg_policy *, files.n);
	for (size_t i = 0; i < files.n; i++) {
		mg_policy *p = mg_policy_load_file(files.v[i], err);
		if (!p)
			goto out;
		if (check_unique(set, p, err) < 0) {
			mg_policy_free(p);
			goto out;
		}
		set->v[set->n++] = p;
	}
	qsort(set->v, set->n, sizeof *set->v, by_priority);
	strlist_free(&files);
	return set;
out:
	strlist_free(&files);
	mg_policy_set_free(set);
	return NULL;
}

size_t mg_policy_set_count(const mg_policy_set *set)
{
	return set->n;
}

const mg_policy *mg_policy_set_at(const mg_policy_set *set, size_t i)
{
	return i < set->n ? set->v[i] : NULL;
}

const mg_policy *mg_policy_set_find(const mg_policy_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (mg_policy_matches(set->v[i], name))
			return set->v[i];
	return NULL;
}

const mg_policy *mg_policy_set_best(const mg_policy_set *set, const char *arch,
				    const char *const *versions, size_t nversions,
				    const char *const *libs, size_t nlibs)
{
	for (size_t i = 0; i < set->n; i++)
		if (mg_policy_accepts(set->v[i], arch, versions, nversions, libs, nlibs))
			return set->v[i];
	return NULL;
}

/* Names available in SET, for the "no such policy" message. */
static void list_names(const mg_policy_set *set, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < set->n && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", set->v[i]->name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

mg_policy *mg_policy_load(const char *dir, const char *name, mg_error *err)
{
	if (!dir)
		dir = mg_policy_default_dir();
	if (!name || !*name || strchr(name, '/'))
		return mg_error_set(err, dir, "invalid policy name \"%s\"", name ? name : ""),
		       NULL;

	/* The common case: NAME.json exists; aliases need the whole set. */
	char *path = concat(dir, "/", name, ".json", NULL);
	if (access(path, F_OK) == 0) {
		mg_policy *p = mg_policy_load_file(path, err);
		free(path);
		return p;
	}
	free(path);

	mg_policy_set *set = mg_policy_set_load(dir, err);
	if (!set)
		return NULL;
	for (size_t i = 0; i < set->n; i++) {
		if (mg_policy_matches(set->v[i], name)) {
			mg_policy *p = set->v[i];
			set->v[i] = set->v[--set->n];
			mg_policy_set_free(set);
			return p;
		}
	}
	char names[1024];
	list_names(set, names, sizeof names);
	mg_error_set(err, dir, "no policy named \"%s\" (available: %s)", name, names);
	mg_policy_set_free(set);
	return NULL;
}

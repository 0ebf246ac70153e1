/* Reading a runtime directory's report.json into a table of its newer
 * symbols by mangled and by demangled name; see split.h. */
#include "config.h"
#include "policy/split.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

struct mg_split {
	char *dir;
	json_t *root;          /* owns every string of the symbols */
	mg_split_symbol *symbols;
	size_t count;
	htab_t by_name;        /* name or demangled -> symbol */
	const char *baseline;
	bool cxx11_abi;
};

struct entry {
	const char *key;
	const mg_split_symbol *sym;
};

static hashval_t entry_hash(const void *p)
{
	return htab_hash_string(((const struct entry *)p)->key);
}

static int entry_eq(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key) == 0;
}

static void put(htab_t t, const char *key, const mg_split_symbol *sym)
{
	struct entry probe = { key, sym };
	void **slot = htab_find_slot(t, &probe, INSERT);
	if (*slot)
		return;
	struct entry *e = xmalloc(sizeof *e);
	*e = probe;
	*slot = e;
}

static const char *str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

mg_split *mg_split_load(const char *dir, mg_error *err)
{
	char *path = concat(dir, "/report.json", NULL);
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	mg_split *s = NULL;
	if (!root) {
		mg_error_set(err, path, "cannot read the runtime directory's report: %s", jerr.text);
		goto out;
	}
	const json_t *syms = json_object_get(root, "newer_symbols");
	const json_t *base = json_object_get(root, "baseline");
	if (json_integer_value(json_object_get(root, "schema")) != 1 || !json_is_array(syms) ||
	    !json_is_object(base)) {
		mg_error_set(err, path, "not a runtime directory report of schema 1");
		json_decref(root);
		goto out;
	}
	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->root = root;
	s->baseline = str(base, "policy") ? str(base, "policy") : str(base, "libstdc++.so.6");
	if (!s->baseline)
		s->baseline = "the baseline";
	const json_t *abi = json_object_get(base, "cxx11_abi");
	s->cxx11_abi = !abi || json_integer_value(abi) != 0;
	s->count = json_array_size(syms);
	s->symbols = xcalloc(s->count ? s->count : 1, sizeof *s->symbols);
	s->by_name = htab_create_alloc(s->count * 2 + 16, entry_hash, entry_eq, free, xcalloc, free);
	size_t n = 0;
	for (size_t i = 0; i < s->count; i++) {
		const json_t *o = json_array_get(syms, i);
		mg_split_symbol *sym = &s->symbols[n];
		sym->name = str(o, "symbol");
		sym->version = str(o, "version");
		sym->status = str(o, "status");
		if (!sym->name || !sym->version || !sym->status)
			continue; /* not a symbol entry: nothing to say about it */
		sym->demangled = str(o, "demangled") ? str(o, "demangled") : sym->name;
		sym->hazard = str(o, "hazard");
		sym->root = str(o, "hazard_root");
		sym->reason = str(o, "reason") ? str(o, "reason") : "";
		put(s->by_name, sym->name, sym);
		put(s->by_name, sym->demangled, sym);
		n++;
	}
	s->count = n;
out:
	free(path);
	return s;
}

void mg_split_free(mg_split *s)
{
	if (!s)
		return;
	htab_delete(s->by_name);
	free(s->symbols);
	json_decref(s->root);
	free(s->dir);
	free(s);
}

const mg_split_symbol *mg_split_find(const mg_split *s, const char *name)
{
	struct entry probe = { name, NULL };
	const struct entry *e = htab_find(s->by_name, &probe);
	return e ? e->sym : NULL;
}

bool mg_split_links(const mg_split_symbol *sym)
{
	return strcmp(sym->status, "provided") == 0 || strcmp(sym->status, "forwarded") == 0 ||
	       strcmp(sym->status, "hazard-allowed") == 0;
}

const char *mg_split_baseline(const mg_split *s)
{
	return s->baseline;
}

bool mg_split_cxx11_abi(const mg_split *s)
{
	return s->cxx11_abi;
}

const char *mg_split_dir(const mg_split *s)
{
	return s->dir;
}

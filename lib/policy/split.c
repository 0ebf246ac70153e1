/* Reading a runtime directory's split into a table of its newer symbols
 * by mangled and by demangled name; see split.h.
 *
 * report.json says everything, but it is a quarter of a megabyte and
 * jansson takes 40 million instructions to parse it: more than everything
 * else the linker wrapper does for a link.  What every link asks (a
 * symbol's version and status, whether the baseline has the C++11 ABI)
 * the directory says in two small files too, written from the same facts
 * and covered by the same digest: newer-symbols.txt (the GCC plugin's
 * table: symbol, version, status, demangled name; one line each) and
 * cxxflags (MG_CXXABI_OLD_FLAGS for a baseline without the C++11 ABI).
 * So the table comes from those, and report.json is read only when a
 * symbol the split does not plainly provide is looked up (its hazard and
 * reason) or the baseline is named: the explanations of what went wrong.
 * A directory without the small files has its report read at once. */
#include "config.h"
#include "policy/split.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#include "base/small_file.h"
#include "policy/cxxabi.h"

/* The first line of newer-symbols.txt (docs/nonshared.md). */
#define TABLE_HEADER "# manyguard newer-symbols 1:"
/* Larger files are no table of libstdc++'s newer symbols. */
#define TABLE_MAX (16u << 20)

/* report.json, read on first need. */
struct split_report {
	bool read;             /* tried: ROOT and BASELINE are what it gave */
	json_t *root;          /* owns the details' strings */
	const char *baseline;
};

struct mg_split {
	char *dir;             /* NULL: a table given in memory (no report) */
	char *text;            /* newer-symbols.txt, split in place: owns the
				  table's strings (NULL: ROOT owns them) */
	mg_split_symbol *symbols;
	size_t count;
	htab_t by_name;        /* name or demangled -> symbol */
	bool cxx11_abi;
	/* Filled through a const mg_split too: reading the report changes no
	 * answer, only when the work is done. */
	struct split_report *report;
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

static mg_split *new_split(const char *dir, size_t count)
{
	mg_split *s = xcalloc(1, sizeof *s);
	s->dir = dir ? xstrdup(dir) : NULL;
	s->report = xcalloc(1, sizeof *s->report);
	s->symbols = xcalloc(count ? count : 1, sizeof *s->symbols);
	s->by_name = htab_create_alloc(count * 2 + 16, entry_hash, entry_eq, free, xcalloc, free);
	return s;
}

static void add_symbol(mg_split *s, const mg_split_symbol *sym)
{
	mg_split_symbol *kept = &s->symbols[s->count++];
	*kept = *sym;
	put(s->by_name, kept->name, kept);
	put(s->by_name, kept->demangled, kept);
}

/* DIR/report.json's root, checked to be a report of schema 1; NULL with
 * ERR. */
static json_t *load_report(const char *dir, mg_error *err)
{
	char *path = concat(dir, "/report.json", NULL);
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) {
		mg_error_set(err, path, "cannot read the runtime directory's report: %s", jerr.text);
	} else if (json_integer_value(json_object_get(root, "schema")) != 1 ||
		   !json_is_array(json_object_get(root, "newer_symbols")) ||
		   !json_is_object(json_object_get(root, "baseline"))) {
		mg_error_set(err, path, "not a runtime directory report of schema 1");
		json_decref(root);
		root = NULL;
	}
	free(path);
	return root;
}

/* ROOT, report.json, kept in R with what it says of the split as a whole. */
static void take_report(struct split_report *r, json_t *root)
{
	const json_t *base = json_object_get(root, "baseline");
	r->read = true;
	r->root = root;
	r->baseline = str(base, "policy") ? str(base, "policy") : str(base, "libstdc++.so.6");
}

/* The symbol entry O of report.json, or false: not a symbol entry. */
static bool report_symbol(const json_t *o, mg_split_symbol *sym)
{
	sym->name = str(o, "symbol");
	sym->version = str(o, "version");
	sym->status = str(o, "status");
	if (!sym->name || !sym->version || !sym->status)
		return false;
	sym->demangled = str(o, "demangled") ? str(o, "demangled") : sym->name;
	sym->hazard = str(o, "hazard");
	sym->root = str(o, "hazard_root");
	sym->reason = str(o, "reason") ? str(o, "reason") : "";
	return true;
}

/* The split from report.json alone. */
static mg_split *split_from_report(const char *dir, mg_error *err)
{
	json_t *root = load_report(dir, err);
	if (!root)
		return NULL;
	const json_t *syms = json_object_get(root, "newer_symbols");
	mg_split *s = new_split(dir, json_array_size(syms));
	take_report(s->report, root);
	for (size_t i = 0; i < json_array_size(syms); i++) {
		mg_split_symbol sym;
		if (report_symbol(json_array_get(syms, i), &sym))
			add_symbol(s, &sym);
	}
	const json_t *abi = json_object_get(json_object_get(root, "baseline"), "cxx11_abi");
	s->cxx11_abi = !abi || json_integer_value(abi) != 0;
	return s;
}

/* The hazards and reasons of report.json, now: into the symbols of the
 * table by name.  A report that cannot be read by then (the runtime
 * directory matched its digest: it is the one `manyguard nonshared`
 * wrote) leaves them empty. */
static void read_details(const mg_split *s)
{
	mg_error err;
	if (s->report->read)
		return;
	s->report->read = true;
	json_t *root = s->dir ? load_report(s->dir, &err) : NULL;
	if (!root)
		return;
	take_report(s->report, root);
	const json_t *syms = json_object_get(root, "newer_symbols");
	for (size_t i = 0; i < json_array_size(syms); i++) {
		mg_split_symbol from;
		struct entry probe = { NULL, NULL };
		if (!report_symbol(json_array_get(syms, i), &from))
			continue;
		probe.key = from.name;
		const struct entry *e = htab_find(s->by_name, &probe);
		if (!e || strcmp(e->sym->name, from.name) != 0)
			continue;
		mg_split_symbol *sym = &s->symbols[e->sym - s->symbols];
		sym->hazard = from.hazard;
		sym->root = from.root;
		sym->reason = from.reason;
	}
}

/* newer-symbols.txt's TEXT (LEN bytes, NUL-terminated; the split takes
 * it) as S's table: after the header, one "symbol<TAB>version<TAB>status
 * <TAB>demangled" per line.  -1 with ERR naming NAME and the line. */
static int parse_table(mg_split *s, char *text, size_t len, const char *name, mg_error *err)
{
	s->text = text;
	char *end = text + len;
	char *p = memchr(text, '\n', len);
	if (len < sizeof TABLE_HEADER - 1 || memcmp(text, TABLE_HEADER, sizeof TABLE_HEADER - 1) != 0 ||
	    !p)
		return mg_error_set(err, name, "not a newer-symbols table (its first line is not "
				    "\"%s ...\")", TABLE_HEADER);
	for (size_t line = 2; ++p < end; line++) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		*nl = '\0';
		char *field[4] = { p, NULL, NULL, NULL };
		for (int f = 1; f < 4; f++) {
			char *tab = memchr(field[f - 1], '\t', (size_t)(nl - field[f - 1]));
			if (!tab)
				break;
			*tab = '\0';
			field[f] = tab + 1;
		}
		if (!field[3] || !*field[0] || !*field[1] || !*field[2])
			return mg_error_set(err, name, "line %zu: not \"symbol<TAB>version<TAB>status"
					    "<TAB>demangled\"", line);
		mg_split_symbol sym = { .name = field[0], .version = field[1], .status = field[2],
					.demangled = *field[3] ? field[3] : field[0], .reason = "" };
		add_symbol(s, &sym);
		p = nl;
	}
	return 0;
}

/* Lines in TEXT: the table has fewer symbols. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 1;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
		n++;
	return n;
}

mg_split *mg_split_from_table(const char *text, size_t len, mg_error *err)
{
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	mg_split *s = new_split(NULL, count_lines(copy, len));
	s->cxx11_abi = true;
	if (parse_table(s, copy, len, "newer-symbols.txt", err) < 0) {
		mg_split_free(s);
		return NULL;
	}
	return s;
}

mg_split *mg_split_load(const char *dir, mg_error *err)
{
	char *flags_path = concat(dir, "/cxxflags", NULL);
	char *table_path = concat(dir, "/newer-symbols.txt", NULL);
	size_t len;
	char *flags = mg_small_file_read(flags_path, 4096, &len, NULL);
	char *text = flags ? mg_small_file_read(table_path, TABLE_MAX, &len, NULL) : NULL;
	mg_split *s = NULL;
	if (text) {
		s = new_split(dir, count_lines(text, len));
		s->cxx11_abi = strstr(flags, MG_CXXABI_OLD_FLAGS) == NULL;
		if (parse_table(s, text, len, table_path, err) < 0) {
			mg_split_free(s);
			s = NULL;
		}
	} else {
		s = split_from_report(dir, err);
	}
	free(flags);
	free(flags_path);
	free(table_path);
	return s;
}

void mg_split_free(mg_split *s)
{
	if (!s)
		return;
	htab_delete(s->by_name);
	free(s->symbols);
	free(s->text);
	json_decref(s->report->root);
	free(s->report);
	free(s->dir);
	free(s);
}

const mg_split_symbol *mg_split_find(const mg_split *s, const char *name)
{
	struct entry probe = { name, NULL };
	const struct entry *e = htab_find(s->by_name, &probe);
	if (!e)
		return NULL;
	if (strcmp(e->sym->status, "provided") != 0)
		read_details(s);
	return e->sym;
}

bool mg_split_links(const mg_split_symbol *sym)
{
	return strcmp(sym->status, "provided") == 0 || strcmp(sym->status, "forwarded") == 0 ||
	       strcmp(sym->status, "hazard-allowed") == 0;
}

const char *mg_split_baseline(const mg_split *s)
{
	read_details(s);
	return s->report->baseline ? s->report->baseline : "the baseline";
}

bool mg_split_cxx11_abi(const mg_split *s)
{
	return s->cxx11_abi;
}

const char *mg_split_dir(const mg_split *s)
{
	return s->dir;
}

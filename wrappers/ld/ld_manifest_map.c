/* Where each archive member and library of a link came from, read from
 * what the linker itself reports: GNU ld's map file ("Archive member
 * included to satisfy reference by file (symbol)"), lld's --why-extract
 * table, gold's --trace output (passed on to the user's own stream). */
#include "config.h"
#include "ld/ld_manifest_map.h"
#include "base/demangle.h"
#include "base/grow.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libiberty/libiberty.h>

/* GNU ld and gold pad the first column of these tables to 30 characters;
 * a longer name ends its line and the reason follows on the next one. */
#define MAP_COLUMN 30

enum section { NONE, PULLS, KEPT };

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Symbols the way GNU ld and lld print them: gold leaves them mangled. */
char *ld_manifest_map_symbol_name(const char *s)
{
	char *dem = mg_demangle(s);
	return dem ? dem : xstrdup(s);
}

/* "FILE (SYMBOL)", where FILE may be "x.a(y.o)" and SYMBOL
 * "f(int)": the symbol is the last balanced parenthesis. */
static bool split_reason(char *s, char **file, char **symbol)
{
	size_t n = strlen(s);
	if (n < 3 || s[n - 1] != ')')
		return false;
	int depth = 0;
	for (size_t i = n; i-- > 0;) {
		if (s[i] == ')')
			depth++;
		else if (s[i] == '(' && --depth == 0) {
			if (i == 0 || s[i - 1] != ' ')
				return false;
			s[n - 1] = '\0';
			s[i - 1] = '\0';
			*file = s;
			*symbol = s + i + 1;
			return true;
		}
	}
	return false;
}

/* "ARCHIVE(MEMBER)". */
static bool split_member(char *s, char **archive, char **member)
{
	size_t n = strlen(s);
	char *open = n > 2 && s[n - 1] == ')' ? strrchr(s, '(') : NULL;
	if (!open || open == s)
		return false;
	s[n - 1] = '\0';
	*open = '\0';
	*archive = s;
	*member = open + 1;
	return **member != '\0';
}

static void add_pull(ld_provenance *out, char *token, char *reason)
{
	char *archive, *member, *file = NULL, *symbol = NULL;
	if (!split_member(token, &archive, &member))
		return;
	bool whole = strcmp(reason, "(--whole-archive)") == 0;
	if (!whole && !split_reason(reason, &file, &symbol))
		return;
	MG_GROW(out->pulls, out->n_pulls + 1, out->cap_pulls);
	out->pulls[out->n_pulls++] = (ld_pull){
		.archive = xstrdup(archive),
		.member = xstrdup(member),
		.referenced_by = whole ? NULL : xstrdup(file),
		.symbol = whole ? NULL : ld_manifest_map_symbol_name(symbol),
		.whole_archive = whole,
	};
}

static void add_kept(ld_provenance *out, char *library, char *reason)
{
	char *file, *symbol;
	if (!*library || !split_reason(reason, &file, &symbol))
		return;
	MG_GROW(out->kept, out->n_kept + 1, out->cap_kept);
	out->kept[out->n_kept++] = (ld_kept){
		.library = xstrdup(library),
		.referenced_by = xstrdup(file),
		.symbol = xstrdup(symbol),
	};
}

void ld_manifest_map_read(FILE *in, ld_provenance *out)
{
	char *line = NULL, *pending = NULL;
	size_t cap = 0;
	enum section sec = NONE;
	bool started = false;

	while (getline(&line, &cap, in) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "Archive member included ", 24) == 0) {
			sec = PULLS, started = false;
			continue;
		}
		if (strncmp(line, "As-needed library included ", 27) == 0) {
			sec = KEPT, started = false;
			continue;
		}
		/* The memory map is all that follows. */
		if (strncmp(line, "Memory map", 10) == 0 ||
		    strncmp(line, "Linker script and memory map", 28) == 0)
			break;
		if (sec == NONE)
			continue;
		if (!*line) {
			/* One blank line between the heading and the table; the
			 * next ends it. */
			if (started)
				sec = NONE;
			free(pending);
			pending = NULL;
			continue;
		}
		started = true;
		if (line[0] == ' ' || line[0] == '\t') {
			/* The reason for the name on the line before. */
			if (pending) {
				char *reason = trim(line);
				if (sec == PULLS)
					add_pull(out, pending, reason);
				else
					add_kept(out, pending, reason);
				free(pending);
				pending = NULL;
			}
			continue;
		}
		free(pending);
		pending = NULL;
		size_t n = strlen(line);
		if (n > MAP_COLUMN && line[MAP_COLUMN - 1] == ' ') {
			line[MAP_COLUMN - 1] = '\0';
			char *name = trim(line), *reason = trim(line + MAP_COLUMN);
			if (sec == PULLS)
				add_pull(out, name, reason);
			else
				add_kept(out, name, reason);
		} else {
			pending = xstrdup(trim(line));
		}
	}
	free(pending);
	free(line);
}

void ld_manifest_map_why_extract(FILE *in, ld_provenance *out)
{
	char *line = NULL;
	size_t cap = 0;
	bool header = true;
	while (getline(&line, &cap, in) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (header) {
			header = false;
			if (strncmp(line, "reference\t", 10) == 0)
				continue;
		}
		char *ref = line, *tab1 = strchr(ref, '\t');
		char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		if (!tab2)
			continue;
		*tab1 = *tab2 = '\0';
		char *extracted = tab1 + 1, *symbol = tab2 + 1, *archive, *member;
		if (!*ref || !*symbol || !split_member(extracted, &archive, &member))
			continue;
		MG_GROW(out->pulls, out->n_pulls + 1, out->cap_pulls);
		out->pulls[out->n_pulls++] = (ld_pull){
			.archive = xstrdup(archive),
			.member = xstrdup(member),
			.referenced_by = xstrdup(ref),
			.symbol = ld_manifest_map_symbol_name(symbol),
		};
	}
	free(line);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* PATH names a file directly inside DIR. */
static bool in_dir(const char *path, const char *dir)
{
	size_t n = dir ? strlen(dir) : 0;
	return n && strncmp(path, dir, n) == 0 && path[n] == '/' && path[n + 1] &&
	       !strchr(path + n + 1, '/');
}

void ld_manifest_map_trace(FILE *in, FILE *forward, const char *temp_dir, ld_provenance *out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, in)) >= 0) {
		char *copy = xstrdup(line), *archive = NULL, *member = NULL;
		copy[strcspn(copy, "\r\n")] = '\0';
		if (*copy && (is_file(copy) || in_dir(copy, temp_dir))) {
			/* An object or library the linker opened. */
			free(copy);
			continue;
		}
		char *close = copy[0] == '(' ? strchr(copy, ')') : NULL;
		bool found = false;
		if (close && close[1]) {
			/* GNU ld: (archive)member */
			*close = '\0';
			archive = copy + 1;
			member = close + 1;
			found = is_file(archive);
		} else if (split_member(copy, &archive, &member)) {
			/* gold: archive(member) */
			found = is_file(archive);
		}
		if (found) {
			MG_GROW(out->pulls, out->n_pulls + 1, out->cap_pulls);
			out->pulls[out->n_pulls++] =
				(ld_pull){.archive = xstrdup(archive), .member = xstrdup(member)};
		} else {
			fwrite(line, 1, (size_t)n, forward);
		}
		free(copy);
	}
	free(line);
}

/* The resolutions of a prevailing definition, and of a reference that
 * left the LTO objects (include/plugin-api.h's ld_plugin_symbol_resolution,
 * as lto-plugin.c spells them). */
static const char *const prevailing[] = {"PREVAILING_DEF", "PREVAILING_DEF_IRONLY",
					 "PREVAILING_DEF_IRONLY_EXP", NULL};
static const char *const outside[] = {"RESOLVED_EXEC", "RESOLVED_DYN", "UNDEF", NULL};

static bool one_of(const char *word, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (strcmp(word, words[i]) == 0)
			return true;
	return false;
}

void ld_manifest_map_resolution(FILE *in, ld_lto *out)
{
	char *line = NULL;
	size_t cap = 0;
	ld_lto_object *obj = NULL;
	size_t left = 0; /* symbol lines still to come for OBJ */
	bool counted = false;
	while (getline(&line, &cap, in) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!counted) {
			counted = true; /* the number of objects: the lines say it */
			continue;
		}
		if (left == 0) {
			/* "PATH NSYMS": the path may hold blanks, the count is last. */
			char *blank = strrchr(line, ' '), *end;
			if (!blank || blank == line)
				continue;
			unsigned long long n = strtoull(blank + 1, &end, 10);
			if (*end || end == blank + 1)
				continue;
			*blank = '\0';
			MG_GROW(out->objects, out->n + 1, out->cap);
			obj = &out->objects[out->n++];
			*obj = (ld_lto_object){.path = xstrdup(line)};
			left = (size_t)n;
			continue;
		}
		left--;
		/* "ID HASH RESOLUTION NAME" (NAME may be followed by more). */
		char *save = NULL, *id = strtok_r(line, " ", &save);
		char *hash = id ? strtok_r(NULL, " ", &save) : NULL;
		char *res = hash ? strtok_r(NULL, " ", &save) : NULL;
		char *name = res ? strtok_r(NULL, " ", &save) : NULL;
		if (!name || !obj)
			continue;
		if (one_of(res, prevailing)) {
			MG_GROW(obj->defs, obj->n_defs + 1, obj->cap_defs);
			obj->defs[obj->n_defs++] = xstrdup(name);
		} else if (one_of(res, outside)) {
			MG_GROW(obj->refs, obj->n_refs + 1, obj->cap_refs);
			obj->refs[obj->n_refs++] = xstrdup(name);
		}
	}
	free(line);
}

const ld_lto_object *ld_manifest_map_lto_object(const ld_lto *lto, const char *path)
{
	for (size_t i = 0; i < lto->n; i++)
		if (strcmp(lto->objects[i].path, path) == 0)
			return &lto->objects[i];
	struct stat a, b;
	if (stat(path, &a) != 0)
		return NULL;
	for (size_t i = 0; i < lto->n; i++)
		if (stat(lto->objects[i].path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return &lto->objects[i];
	return NULL;
}

void ld_manifest_map_lto_free(ld_lto *lto)
{
	for (size_t i = 0; i < lto->n; i++) {
		ld_lto_object *o = &lto->objects[i];
		for (size_t k = 0; k < o->n_defs; k++)
			free(o->defs[k]);
		for (size_t k = 0; k < o->n_refs; k++)
			free(o->refs[k]);
		free(o->defs);
		free(o->refs);
		free(o->path);
	}
	free(lto->objects);
	memset(lto, 0, sizeof *lto);
}

void ld_manifest_map_free(ld_provenance *out)
{
	for (size_t i = 0; i < out->n_pulls; i++) {
		free(out->pulls[i].archive);
		free(out->pulls[i].member);
		free(out->pulls[i].referenced_by);
		free(out->pulls[i].symbol);
	}
	for (size_t i = 0; i < out->n_kept; i++) {
		free(out->kept[i].library);
		free(out->kept[i].referenced_by);
		free(out->kept[i].symbol);
	}
	free(out->pulls);
	free(out->kept);
	memset(out, 0, sizeof *out);
}

/* The glibc ABI table reader (docs/glibc-table.md): one pass over the lines
 * of a table fills the releases, libraries, version nodes and symbol lines,
 * their strings pointing into the table's own text (copied once, spaces and
 * newlines turned into NULs); a second pass chains the symbol lines of each
 * name and hashes the chains by name.  The lookups then walk one chain. */
#include "config.h"
#include "policy/glibc_abi.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#include "base/grow.h"
#include "base/sha256.h"
#include "base/small_file.h"
#include "policy/policy.h"

#define FORMAT "manyguard-glibc-abi 1"
/* The tables are a few hundred kilobytes; anything far larger is not one. */
#define MAX_TABLE_FILE (64u << 20)
#define MAX_FIELDS 8

typedef struct abi_release {
	const char *name, *tag, *commit;
} abi_release;

typedef struct abi_lib {
	mg_glibc_abi_lib pub;
	mg_glibc_abi_version *versions;
	size_t nversions, cversions;
} abi_lib;

/* The symbol lines of one name, a chain through mg_glibc_abi.next. */
typedef struct abi_chain {
	const char *name;
	size_t first, last;
} abi_chain;

struct mg_glibc_abi {
	char *text; /* the table's bytes, NUL-separated fields */
	const char *arch, *base;
	/* SHA-256 of the table's bytes (RAW, LEN), computed at the first
	 * mg_glibc_abi_digest: the glibc directory's cache key, which a link
	 * never asks for (half of a link's cost of reading the table). */
	char *raw;
	size_t len;
	char digest[MG_SHA256_HEX];
	abi_release releases[MG_GLIBC_ABI_MAX_RELEASES];
	size_t nreleases;
	abi_lib *libs;
	size_t nlibs, clibs;
	mg_glibc_abi_symbol *symbols;
	size_t nsymbols, csymbols;
	size_t *next; /* per symbol line: the next line of its name, or SIZE_MAX */
	htab_t names; /* abi_chain by name */
};

/* ---- parsing ---------------------------------------------------------- */

typedef struct parser {
	mg_glibc_abi *abi;
	const char *path;
	size_t line;
	mg_error *err;
} parser;

static int fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(parser *p, const char *fmt, ...)
{
	char reason[sizeof p->err->reason];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	return mg_error_set(p->err, p->path, "line %zu: %s", p->line, reason);
}

static int find_release(const mg_glibc_abi *abi, const char *name)
{
	for (size_t i = 0; i < abi->nreleases; i++)
		if (strcmp(abi->releases[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* "2.17-2.33,2.35", "2.34-", "2.30" into a mask. */
static int parse_ranges(parser *p, char *text, uint64_t *mask)
{
	const mg_glibc_abi *abi = p->abi;
	*mask = 0;
	for (char *part = text, *comma; part; part = comma) {
		comma = strchr(part, ',');
		if (comma)
			*comma++ = '\0';
		char *dash = strchr(part, '-');
		if (dash)
			*dash = '\0';
		int lo = find_release(abi, part);
		int hi = !dash ? lo : dash[1] ? find_release(abi, dash + 1) : (int)abi->nreleases - 1;
		if (dash)
			*dash = '-';
		if (lo < 0 || hi < 0)
			return fail(p, "unknown release in range '%s'", part);
		if (hi < lo)
			return fail(p, "empty range '%s'", part);
		for (int i = lo; i <= hi; i++)
			*mask |= (uint64_t)1 << i;
	}
	return 0;
}

static abi_lib *find_lib(mg_glibc_abi *abi, const char *name)
{
	for (size_t i = 0; i < abi->nlibs; i++)
		if (strcmp(abi->libs[i].pub.name, name) == 0)
			return &abi->libs[i];
	return NULL;
}

static bool lib_has_version(const abi_lib *lib, const char *version)
{
	for (size_t i = 0; i < lib->nversions; i++)
		if (strcmp(lib->versions[i].name, version) == 0)
			return true;
	return false;
}

/* F, D:0xSIZE or T:0xSIZE (lower-case hex, as the generator writes). */
static bool parse_kind(const char *text, char *kind, uint64_t *size)
{
	*kind = text[0];
	*size = 0;
	if (strcmp(text, "F") == 0)
		return true;
	if ((text[0] != 'D' && text[0] != 'T') || strncmp(text + 1, ":0x", 3) != 0)
		return false;
	const char *hex = text + 4;
	size_t n = strspn(hex, "0123456789abcdef");
	if (n == 0 || hex[n] != '\0' || n > 16)
		return false;
	*size = strtoull(hex, NULL, 16);
	return true;
}

static bool parse_status(const char *text, mg_glibc_abi_status *status)
{
	static const char *const names[] = {
		[MG_GLIBC_ABI_DEFAULT] = "default",
		[MG_GLIBC_ABI_COMPAT] = "compat",
		[MG_GLIBC_ABI_OBSOLETE_RPC] = "compat/obsolete-rpc",
		[MG_GLIBC_ABI_OBSOLETE_NSL] = "compat/obsolete-nsl",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(text, names[i]) == 0) {
			*status = (mg_glibc_abi_status)i;
			return true;
		}
	return false;
}

static int parse_lib(parser *p, char **f)
{
	mg_glibc_abi *abi = p->abi;
	if (find_lib(abi, f[1]))
		return fail(p, "library '%s' declared twice", f[1]);
	uint64_t mask;
	if (parse_ranges(p, f[3], &mask) < 0)
		return -1;
	MG_GROW(abi->libs, abi->nlibs + 1, abi->clibs);
	abi->libs[abi->nlibs++] = (abi_lib){ .pub = { f[1], f[2], mask } };
	return 0;
}

static int parse_ver(parser *p, char **f)
{
	abi_lib *lib = find_lib(p->abi, f[1]);
	if (!lib)
		return fail(p, "version of undeclared library '%s'", f[1]);
	if (lib_has_version(lib, f[2]))
		return fail(p, "version '%s' declared twice", f[2]);
	uint64_t mask;
	if (parse_ranges(p, f[3], &mask) < 0)
		return -1;
	MG_GROW(lib->versions, lib->nversions + 1, lib->cversions);
	lib->versions[lib->nversions++] = (mg_glibc_abi_version){ f[2], mask };
	return 0;
}

static int parse_sym(parser *p, char **f)
{
	mg_glibc_abi *abi = p->abi;
	abi_lib *lib = find_lib(abi, f[1]);
	if (!lib || !lib_has_version(lib, f[3]))
		return fail(p, "symbol at undeclared version '%s'", f[3]);
	mg_glibc_abi_symbol s = { .lib = (size_t)(lib - abi->libs), .name = f[2], .version = f[3] };
	if (!parse_kind(f[4], &s.kind, &s.size))
		return fail(p, "bad kind '%s'", f[4]);
	if (!parse_status(f[5], &s.status))
		return fail(p, "bad status '%s'", f[5]);
	if (parse_ranges(p, f[6], &s.releases) < 0)
		return -1;
	MG_GROW(abi->symbols, abi->nsymbols + 1, abi->csymbols);
	abi->symbols[abi->nsymbols++] = s;
	return 0;
}

/* The header lines: format, arch, source, release. */
static int parse_header(parser *p, char **f, size_t n, bool *known)
{
	mg_glibc_abi *abi = p->abi;
	*known = true;
	if (strcmp(f[0], "format") == 0) {
		if (n != 3 || strcmp(f[1], "manyguard-glibc-abi") != 0 || strcmp(f[2], "1") != 0)
			return fail(p, "unsupported format (this reader knows '%s')", FORMAT);
	} else if (strcmp(f[0], "arch") == 0 && n == 3) {
		abi->arch = f[1];
		abi->base = f[2];
	} else if (strcmp(f[0], "source") == 0 && n == 2) {
		/* provenance only */
	} else if (strcmp(f[0], "release") == 0 && n == 4) {
		if (abi->nreleases == MG_GLIBC_ABI_MAX_RELEASES)
			return fail(p, "more than %d releases", MG_GLIBC_ABI_MAX_RELEASES);
		if (find_release(abi, f[1]) >= 0)
			return fail(p, "release %s declared twice", f[1]);
		abi->releases[abi->nreleases++] = (abi_release){ f[1], f[2], f[3] };
	} else {
		*known = false;
	}
	return 0;
}

static int parse_line(parser *p, char *line, bool *in_body)
{
	char *f[MAX_FIELDS];
	size_t n = 0;
	for (char *field = line, *space; field; field = space) {
		space = strchr(field, ' ');
		if (space)
			*space++ = '\0';
		if (n == MAX_FIELDS)
			return fail(p, "too many fields in a '%s' line", f[0]);
		if (!*field && n == 0)
			return fail(p, "a line that starts with a space");
		if (!*field)
			return fail(p, "an empty field (two spaces) in a '%s' line", f[0]);
		f[n++] = field;
	}
	if (!*in_body) {
		bool known;
		if (parse_header(p, f, n, &known) < 0)
			return -1;
		if (known)
			return 0;
		if (!p->abi->arch || !p->abi->nreleases)
			return fail(p, "'%s' before the header (format, arch, source, release) is complete",
				    f[0]);
		*in_body = true;
	}
	if (strcmp(f[0], "lib") == 0 && n == 4)
		return parse_lib(p, f);
	if (strcmp(f[0], "ver") == 0 && n == 4)
		return parse_ver(p, f);
	if (strcmp(f[0], "sym") == 0 && n == 7)
		return parse_sym(p, f);
	return fail(p, "cannot parse a '%s' line", f[0]);
}

/* ---- the name index ----------------------------------------------------- */

static hashval_t hash_chain(const void *e)
{
	return htab_hash_string(((const abi_chain *)e)->name);
}

static int eq_chain(const void *a, const void *b)
{
	return strcmp(((const abi_chain *)a)->name, ((const abi_chain *)b)->name) == 0;
}

static void index_names(mg_glibc_abi *abi)
{
	abi->names = htab_create_alloc(abi->nsymbols / 2 + 16, hash_chain, eq_chain, free,
				       xcalloc, free);
	abi->next = XNEWVEC(size_t, abi->nsymbols + 1);
	for (size_t i = 0; i < abi->nsymbols; i++) {
		abi->next[i] = SIZE_MAX;
		abi_chain probe = { .name = abi->symbols[i].name };
		void **slot = htab_find_slot(abi->names, &probe, INSERT);
		abi_chain *c = *slot;
		if (!c) {
			c = XNEW(abi_chain);
			*c = (abi_chain){ abi->symbols[i].name, i, i };
			*slot = c;
		} else {
			abi->next[c->last] = i;
			c->last = i;
		}
	}
}

/* ---- loading ------------------------------------------------------------ */

mg_glibc_abi *mg_glibc_abi_parse(const char *text, size_t len, const char *path, mg_error *err)
{
	mg_glibc_abi *abi = XCNEW(mg_glibc_abi);
	parser p = { .abi = abi, .path = path, .err = err };
	bool in_body = false, ok = false;
	if (memchr(text, '\0', len)) {
		mg_error_set(err, path, "a NUL byte: not a glibc ABI table");
		goto out;
	}
	abi->raw = xmalloc(len + 1);
	memcpy(abi->raw, text, len);
	abi->len = len;
	abi->text = xmalloc(len + 1);
	memcpy(abi->text, text, len);
	abi->text[len] = '\0';
	for (char *line = abi->text, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		p.line++;
		if (!*line || *line == '#')
			continue;
		if (parse_line(&p, line, &in_body) < 0)
			goto out;
	}
	if (!in_body) {
		mg_error_set(err, path, "no table (empty or header only)");
		goto out;
	}
	index_names(abi);
	ok = true;
out:
	if (!ok) {
		mg_glibc_abi_free(abi);
		abi = NULL;
	}
	return abi;
}

mg_glibc_abi *mg_glibc_abi_load(const char *path, mg_error *err)
{
	size_t len;
	char *text = mg_small_file_read(path, MAX_TABLE_FILE, &len, err);
	if (!text)
		return NULL;
	mg_glibc_abi *abi = mg_glibc_abi_parse(text, len, path, err);
	free(text);
	return abi;
}

char *mg_glibc_abi_arch_path(const char *policy_dir, const char *arch)
{
	return concat(policy_dir ? policy_dir : mg_policy_default_dir(), "/glibc/", arch, ".abi",
		      NULL);
}

mg_glibc_abi *mg_glibc_abi_load_arch(const char *policy_dir, const char *arch, mg_error *err)
{
	char *path = mg_glibc_abi_arch_path(policy_dir, arch);
	mg_glibc_abi *abi = mg_glibc_abi_load(path, err);
	if (abi && strcmp(abi->arch, arch) != 0) {
		mg_error_set(err, path, "a table of %s, not %s", abi->arch, arch);
		mg_glibc_abi_free(abi);
		abi = NULL;
	}
	free(path);
	return abi;
}

void mg_glibc_abi_free(mg_glibc_abi *abi)
{
	if (!abi)
		return;
	for (size_t i = 0; i < abi->nlibs; i++)
		free(abi->libs[i].versions);
	free(abi->libs);
	free(abi->symbols);
	free(abi->next);
	if (abi->names)
		htab_delete(abi->names);
	free(abi->text);
	free(abi->raw);
	free(abi);
}

/* ---- the table ---------------------------------------------------------- */

const char *mg_glibc_abi_arch(const mg_glibc_abi *abi)
{
	return abi->arch;
}

const char *mg_glibc_abi_base_version(const mg_glibc_abi *abi)
{
	return abi->base;
}

const char *mg_glibc_abi_digest(const mg_glibc_abi *abi)
{
	/* A cache inside the table, filled once; the table itself is unchanged. */
	mg_glibc_abi *cache = (mg_glibc_abi *)abi;
	if (!cache->digest[0]) {
		unsigned char digest[MG_SHA256_SIZE];
		mg_sha256 ctx;
		mg_sha256_init(&ctx);
		mg_sha256_update(&ctx, cache->raw, cache->len);
		mg_sha256_final(&ctx, digest);
		mg_sha256_hex(digest, cache->digest);
	}
	return abi->digest;
}

size_t mg_glibc_abi_release_count(const mg_glibc_abi *abi)
{
	return abi->nreleases;
}

const char *mg_glibc_abi_release_at(const mg_glibc_abi *abi, size_t i)
{
	return i < abi->nreleases ? abi->releases[i].name : NULL;
}

const char *mg_glibc_abi_release_tag(const mg_glibc_abi *abi, size_t i)
{
	return i < abi->nreleases ? abi->releases[i].tag : NULL;
}

int mg_glibc_abi_release_index(const mg_glibc_abi *abi, const char *name)
{
	return find_release(abi, name);
}

/* The numbers of a dotted release name, false when it is not one. */
static bool release_numbers(const char *s, unsigned long v[4], size_t *n)
{
	*n = 0;
	for (;;) {
		if (*s < '0' || *s > '9' || *n == 4)
			return false;
		char *end;
		v[(*n)++] = strtoul(s, &end, 10);
		if (*end == '\0')
			return true;
		if (*end != '.')
			return false;
		s = end + 1;
	}
}

int mg_glibc_abi_release_cmp(const char *a, const char *b)
{
	unsigned long va[4], vb[4];
	size_t na, nb;
	bool oka = release_numbers(a, va, &na), okb = release_numbers(b, vb, &nb);
	if (!oka || !okb)
		return oka != okb ? (oka ? -1 : 1) : strcmp(a, b);
	for (size_t i = 0; i < na || i < nb; i++) {
		unsigned long x = i < na ? va[i] : 0, y = i < nb ? vb[i] : 0;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

size_t mg_glibc_abi_lib_count(const mg_glibc_abi *abi)
{
	return abi->nlibs;
}

const mg_glibc_abi_lib *mg_glibc_abi_lib_at(const mg_glibc_abi *abi, size_t i)
{
	return i < abi->nlibs ? &abi->libs[i].pub : NULL;
}

int mg_glibc_abi_lib_index(const mg_glibc_abi *abi, const char *name)
{
	const abi_lib *lib = find_lib((mg_glibc_abi *)abi, name);
	return lib ? (int)(lib - abi->libs) : -1;
}

size_t mg_glibc_abi_version_count(const mg_glibc_abi *abi, size_t lib)
{
	return lib < abi->nlibs ? abi->libs[lib].nversions : 0;
}

const mg_glibc_abi_version *mg_glibc_abi_version_at(const mg_glibc_abi *abi, size_t lib, size_t i)
{
	return lib < abi->nlibs && i < abi->libs[lib].nversions ? &abi->libs[lib].versions[i] : NULL;
}

const char *mg_glibc_abi_version_parent(const char *previous, const char *version)
{
	if (!previous)
		return NULL;
	/* versions.awk turns the first run of digits and dots of PREVIOUS into
	 * ".+" and searches VERSION for that pattern: HEAD, one character or
	 * more, TAIL. */
	size_t head = strcspn(previous, "0123456789.");
	if (!previous[head])
		return strstr(version, previous) ? previous : NULL;
	const char *tail = previous + head + strspn(previous + head, "0123456789.");
	for (const char *at = version; *at; at++) {
		if (strncmp(at, previous, head) != 0)
			continue;
		const char *rest = at + head;
		if (!*rest)
			break;
		if (*tail == '\0' || strstr(rest + 1, tail))
			return previous;
	}
	return NULL;
}

size_t mg_glibc_abi_symbol_count(const mg_glibc_abi *abi)
{
	return abi->nsymbols;
}

const mg_glibc_abi_symbol *mg_glibc_abi_symbol_at(const mg_glibc_abi *abi, size_t i)
{
	return i < abi->nsymbols ? &abi->symbols[i] : NULL;
}

bool mg_glibc_abi_is_default(const mg_glibc_abi_symbol *s, unsigned enable)
{
	switch (s->status) {
	case MG_GLIBC_ABI_DEFAULT:
		return true;
	case MG_GLIBC_ABI_OBSOLETE_RPC:
		return enable & MG_GLIBC_ABI_ENABLE_OBSOLETE_RPC;
	case MG_GLIBC_ABI_OBSOLETE_NSL:
		return enable & MG_GLIBC_ABI_ENABLE_OBSOLETE_NSL;
	default:
		return false;
	}
}

/* ---- lookups by name ---------------------------------------------------- */

const mg_glibc_abi_symbol *mg_glibc_abi_lookup(const mg_glibc_abi *abi, const char *name)
{
	abi_chain probe = { .name = name };
	const abi_chain *c = htab_find(abi->names, &probe);
	return c ? &abi->symbols[c->first] : NULL;
}

const mg_glibc_abi_symbol *mg_glibc_abi_lookup_next(const mg_glibc_abi *abi,
						    const mg_glibc_abi_symbol *s)
{
	size_t next = abi->next[s - abi->symbols];
	return next == SIZE_MAX ? NULL : &abi->symbols[next];
}

size_t mg_glibc_abi_where(const mg_glibc_abi *abi, const char *name, int rel,
			  const mg_glibc_abi_symbol **out, size_t max)
{
	size_t n = 0;
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s;
	     s = mg_glibc_abi_lookup_next(abi, s))
		if (mg_glibc_abi_in(s->releases, rel) && mg_glibc_abi_is_default(s, 0)) {
			if (n < max)
				out[n] = s;
			n++;
		}
	return n;
}

const mg_glibc_abi_symbol *mg_glibc_abi_find(const mg_glibc_abi *abi, const char *name,
					     const char *version, int rel)
{
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s;
	     s = mg_glibc_abi_lookup_next(abi, s))
		if (mg_glibc_abi_in(s->releases, rel) && strcmp(s->version, version) == 0)
			return s;
	return NULL;
}

bool mg_glibc_abi_defines(const mg_glibc_abi *abi, const char *name, int rel)
{
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s;
	     s = mg_glibc_abi_lookup_next(abi, s))
		if (mg_glibc_abi_in(s->releases, rel))
			return true;
	return false;
}

int mg_glibc_abi_first_release(const mg_glibc_abi *abi, const char *name, int from,
			       const mg_glibc_abi_symbol **first)
{
	int best = -1;
	const mg_glibc_abi_symbol *found = NULL;
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s;
	     s = mg_glibc_abi_lookup_next(abi, s)) {
		if (!mg_glibc_abi_is_default(s, 0))
			continue;
		for (int r = from < 0 ? 0 : from; r < (int)abi->nreleases && (best < 0 || r < best);
		     r++)
			if (mg_glibc_abi_in(s->releases, r)) {
				/* Lines are in library order: an earlier line wins a tie. */
				best = r;
				found = s;
				break;
			}
	}
	if (first)
		*first = found;
	return best;
}

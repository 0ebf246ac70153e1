/* Reading the GCC plugin's object notes (format: objnotes.h,
 * docs/plugin.md).  One pass over the bytes: split into lines, each line
 * either starts a unit, sets a key of the current one, adds a symbol use,
 * or ends the unit. */
#include "config.h"
#include "elf/objnotes.h"

#include <errno.h>
#include <gelf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"


typedef struct parser {
	const char *name;
	size_t lineno;
	mg_error *err;
} parser;

static int fail(parser *p, const char *reason)
{
	return mg_error_set(p->err, p->name, "line %zu of section " MG_OBJNOTES_SECTION ": %s",
			    p->lineno, reason);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The value S (LEN bytes) with \\ and \xHH undone, as a new string; NULL
 * (after fail()) on a bad escape or an escaped NUL. */
static char *unescape(parser *p, const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\\') {
			*o++ = s[i];
			continue;
		}
		if (i + 1 < len && s[i + 1] == '\\') {
			*o++ = '\\';
			i++;
		} else if (i + 3 < len && s[i + 1] == 'x' && hex_digit(s[i + 2]) >= 0 &&
			   hex_digit(s[i + 3]) >= 0) {
			int c = hex_digit(s[i + 2]) * 16 + hex_digit(s[i + 3]);
			if (c == 0) {
				free(out);
				fail(p, "escaped NUL byte in a value");
				return NULL;
			}
			*o++ = (char)c;
			i += 3;
		} else {
			free(out);
			fail(p, "bad escape in a value (only \\\\ and \\xHH are defined)");
			return NULL;
		}
	}
	*o = '\0';
	return out;
}

/* A decimal number S (LEN bytes) in [0, MAX]; -1 (after fail()) otherwise. */
static int parse_number(parser *p, const char *s, size_t len, unsigned long max,
			unsigned long *out)
{
	unsigned long v = 0;
	if (len == 0 || len > 10)
		return fail(p, "expected a decimal number");
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return fail(p, "expected a decimal number");
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > max)
		return fail(p, "number out of range");
	*out = v;
	return 0;
}

static void free_use(mg_objnotes_use *u)
{
	free(u->symbol);
	free(u->version);
	free(u->status);
	free(u->file);
}

static void free_unit(mg_objnotes_unit *u)
{
	free(u->producer);
	free(u->compiler);
	free(u->language);
	free(u->std);
	free(u->openmp_version);
	free(u->cxx11_abi);
	free(u->baseline);
	for (size_t i = 0; i < u->n_uses; i++)
		free_use(&u->uses[i]);
	free(u->uses);
}

void mg_objnotes_free(mg_objnotes *notes)
{
	if (!notes)
		return;
	for (size_t i = 0; i < notes->count; i++)
		free_unit(&notes->units[i]);
	free(notes->units);
	free(notes);
}

/* symbol=MANGLED TAB VERSION TAB STATUS TAB LINE TAB COLUMN TAB FILE */
static int parse_use(parser *p, mg_objnotes_unit *unit, const char *s, size_t len)
{
	const char *field[MG_OBJNOTES_SYMBOL_FIELDS];
	size_t flen[MG_OBJNOTES_SYMBOL_FIELDS], n = 0;
	const char *start = s, *end = s + len;
	for (const char *c = s; c <= end && n < MG_OBJNOTES_SYMBOL_FIELDS; c++) {
		if (c == end || *c == '\t') {
			field[n] = start;
			flen[n++] = (size_t)(c - start);
			start = c + 1;
		}
	}
	if (n != MG_OBJNOTES_SYMBOL_FIELDS || start <= end)
		return fail(p, "a symbol line needs 6 tab-separated fields");
	for (size_t i = 0; i < 3; i++)
		if (flen[i] == 0)
			return fail(p, "empty symbol, version or status");
	mg_objnotes_use u = {0};
	if (parse_number(p, field[3], flen[3], UINT_MAX, &u.line) != 0 ||
	    parse_number(p, field[4], flen[4], UINT_MAX, &u.column) != 0)
		return -1;
	char **strings[] = {&u.symbol, &u.version, &u.status, &u.file};
	const size_t which[] = {0, 1, 2, 5};
	for (size_t i = 0; i < 4; i++) {
		*strings[i] = unescape(p, field[which[i]], flen[which[i]]);
		if (!*strings[i]) {
			free_use(&u);
			return -1;
		}
	}
	MG_GROW(unit->uses, unit->n_uses + 1, unit->cap_uses);
	unit->uses[unit->n_uses++] = u;
	return 0;
}

static int set_string(parser *p, char **slot, const char *value, size_t len)
{
	char *s = unescape(p, value, len);
	if (!s)
		return -1;
	free(*slot);
	*slot = s;
	return 0;
}

static int set_int(parser *p, int *slot, const char *value, size_t len, unsigned long max)
{
	unsigned long v;
	if (parse_number(p, value, len, max, &v) != 0)
		return -1;
	*slot = (int)v;
	return 0;
}

/* One key=value line of UNIT.  Unknown keys are skipped: format 1 may gain
 * keys, readers of format 1 ignore them. */
static int parse_pair(parser *p, mg_objnotes_unit *u, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	if (!eq || eq == s)
		return fail(p, "expected key=value, \"end\" or a unit header");
	size_t klen = (size_t)(eq - s), vlen = len - klen - 1;
	const char *v = eq + 1;
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(s, k, klen) == 0)
	if (KEY(MG_OBJNOTES_KEY_SYMBOL))
		return parse_use(p, u, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_PRODUCER))
		return set_string(p, &u->producer, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_COMPILER))
		return set_string(p, &u->compiler, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_LANGUAGE))
		return set_string(p, &u->language, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_STD))
		return set_string(p, &u->std, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_OPENMP_VERSION))
		return set_string(p, &u->openmp_version, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_CXX11_ABI))
		return set_string(p, &u->cxx11_abi, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_BASELINE))
		return set_string(p, &u->baseline, v, vlen);
	if (KEY(MG_OBJNOTES_KEY_PIC))
		return set_int(p, &u->pic, v, vlen, 2);
	if (KEY(MG_OBJNOTES_KEY_PIE))
		return set_int(p, &u->pie, v, vlen, 2);
	if (KEY(MG_OBJNOTES_KEY_OPENMP))
		return set_int(p, &u->openmp, v, vlen, 1);
	if (KEY(MG_OBJNOTES_KEY_EXCEPTIONS))
		return set_int(p, &u->exceptions, v, vlen, 1);
	if (KEY(MG_OBJNOTES_KEY_RTTI))
		return set_int(p, &u->rtti, v, vlen, 1);
#undef KEY
	return 0;
}

/* A unit header line: "manyguard-objnotes N". */
static int parse_header(parser *p, const char *s, size_t len)
{
	size_t hlen = sizeof MG_OBJNOTES_HEADER - 1;
	unsigned long format;
	if (len < hlen || memcmp(s, MG_OBJNOTES_HEADER, hlen) != 0)
		return fail(p, "expected \"manyguard-objnotes 1\" at the start of a unit");
	if (parse_number(p, s + hlen, len - hlen, ULONG_MAX, &format) != 0)
		return -1;
	if (format != MG_OBJNOTES_FORMAT)
		return mg_error_set(p->err, p->name,
				    "section " MG_OBJNOTES_SECTION " has format %lu; this "
				    "manyguard reads format %d only", format, MG_OBJNOTES_FORMAT);
	return 0;
}

static mg_objnotes_unit *new_unit(mg_objnotes *notes)
{
	MG_GROW(notes->units, notes->count + 1, notes->cap_units);
	mg_objnotes_unit *u = &notes->units[notes->count++];
	memset(u, 0, sizeof *u);
	u->pic = u->pie = u->openmp = u->exceptions = u->rtti = -1;
	return u;
}

int mg_objnotes_parse(const void *data, size_t size, const char *name,
		      mg_objnotes **out, mg_error *err)
{
	parser p = {name, 0, err};
	const char *s = data, *end = s + size;
	mg_objnotes *notes = xcalloc(1, sizeof *notes);
	mg_objnotes_unit *unit = NULL;
	*out = NULL;
	while (s < end) {
		/* NUL bytes between units: alignment padding of `ld -r`. */
		if (!unit && *s == '\0') {
			s++;
			continue;
		}
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		p.lineno++;
		if (!nl) {
			fail(&p, "truncated (a line without its newline)");
			goto out;
		}
		size_t len = (size_t)(nl - s);
		if (memchr(s, '\0', len)) {
			fail(&p, "NUL byte inside a line");
			goto out;
		}
		if (!unit) {
			if (parse_header(&p, s, len) != 0)
				goto out;
			unit = new_unit(notes);
		} else if (len == sizeof MG_OBJNOTES_END - 1 &&
			   memcmp(s, MG_OBJNOTES_END, len) == 0) {
			unit = NULL;
		} else if (parse_pair(&p, unit, s, len) != 0) {
			goto out;
		}
		s = nl + 1;
	}
	if (unit) {
		fail(&p, "truncated (the last unit has no \"end\" line)");
		goto out;
	}
	if (notes->count == 0) {
		mg_error_set(err, name, "section " MG_OBJNOTES_SECTION " holds no notes");
		goto out;
	}
	*out = notes;
	return 0;
out:
	mg_objnotes_free(notes);
	return -1;
}

int mg_objnotes_read(mg_elf *elf, mg_objnotes **out, mg_error *err)
{
	*out = NULL;
	/* The section is SHF_EXCLUDE (docs/plugin.md): only those few names
	 * are compared, not the tens of thousands of a large C++ object. */
	const mg_elf_section *sec = NULL;
	for (size_t i = 1; i < mg_elf_section_count(elf) && !sec; i++) {
		const mg_elf_section *s = mg_elf_section_at(elf, i);
		if ((s->flags & SHF_EXCLUDE) && strcmp(s->name, MG_OBJNOTES_SECTION) == 0)
			sec = s;
	}
	if (!sec)
		return 0;
	if (sec->type == SHT_NOBITS)
		return mg_error_set(err, mg_elf_name(elf),
				    "section " MG_OBJNOTES_SECTION " has no contents (SHT_NOBITS)");
	Elf_Scn *scn = elf_getscn(mg_elf_libelf(elf), sec->index);
	Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
	if (!d)
		return mg_error_set(err, mg_elf_name(elf), "cannot read section "
				    MG_OBJNOTES_SECTION ": %s", elf_errmsg(-1));
	if (!d->d_buf || d->d_size == 0)
		return mg_error_set(err, mg_elf_name(elf), "section " MG_OBJNOTES_SECTION
				    " is empty");
	return mg_objnotes_parse(d->d_buf, d->d_size, mg_elf_name(elf), out, err);
}

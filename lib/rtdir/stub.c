/* Stub libraries: a model of the versions and symbols a library exports
 * (filtered by caps), and the assembly and version script that make a
 * link-time stub of it (stub_build.c runs the assembler and linker). */
#include "config.h"
#include "rtdir/stub.h"
#include "base/grow.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

struct mg_stub {
	char *soname;
	mg_stub_version *versions;
	size_t nversions, cversions;
	mg_stub_symbol *symbols;
	size_t nsymbols, csymbols;
	htab_t seen; /* "name@version" of every symbol, for duplicates */
	htab_t names; /* symbol names, built by mg_stub_defines, dropped on change */
};

static void forget_names(mg_stub *stub)
{
	if (stub->names) {
		htab_delete(stub->names);
		stub->names = NULL;
	}
}

/* Every string the stub holds is its own copy. */
static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

mg_stub *mg_stub_new(const char *soname)
{
	mg_stub *stub = xcalloc(1, sizeof *stub);
	stub->soname = xstrdup(soname);
	stub->seen = htab_create_alloc(4096, htab_hash_string, htab_eq_string, free, xcalloc, free);
	return stub;
}

void mg_stub_free(mg_stub *stub)
{
	if (!stub)
		return;
	for (size_t i = 0; i < stub->nversions; i++) {
		free((char *)stub->versions[i].name);
		free((char *)stub->versions[i].parent);
	}
	for (size_t i = 0; i < stub->nsymbols; i++) {
		free((char *)stub->symbols[i].name);
		free((char *)stub->symbols[i].version);
	}
	free(stub->versions);
	free(stub->symbols);
	htab_delete(stub->seen);
	forget_names(stub);
	free(stub->soname);
	free(stub);
}

static const mg_stub_version *find_version(const mg_stub *stub, const char *name)
{
	for (size_t i = 0; i < stub->nversions; i++)
		if (strcmp(stub->versions[i].name, name) == 0)
			return &stub->versions[i];
	return NULL;
}

int mg_stub_add_version(mg_stub *stub, const mg_stub_version *v, mg_error *err)
{
	if (find_version(stub, v->name))
		return mg_error_set(err, stub->soname, "version %s defined twice", v->name);
	if (v->parent && !find_version(stub, v->parent))
		return mg_error_set(err, stub->soname,
				    "version %s names parent %s, which is not defined before it",
				    v->name, v->parent);
	MG_GROW(stub->versions, stub->nversions + 1, stub->cversions);
	stub->versions[stub->nversions++] = (mg_stub_version){
		.name = xstrdup(v->name),
		.parent = dup_or_null(v->parent),
		.weak = v->weak,
	};
	return 0;
}

int mg_stub_add_symbol(mg_stub *stub, const mg_stub_symbol *s, mg_error *err)
{
	if (s->version && !find_version(stub, s->version))
		return mg_error_set(err, stub->soname,
				    "symbol %s has version %s, which is not defined",
				    s->name, s->version);
	char *key = concat(s->name, "@", s->version ? s->version : "", NULL);
	void **slot = htab_find_slot(stub->seen, key, INSERT);
	if (*slot) {
		free(key);
		return mg_error_set(err, stub->soname, "symbol %s@%s defined twice",
				    s->name, s->version ? s->version : "");
	}
	*slot = key;
	forget_names(stub);
	MG_GROW(stub->symbols, stub->nsymbols + 1, stub->csymbols);
	mg_stub_symbol copy = *s;
	copy.name = xstrdup(s->name);
	copy.version = dup_or_null(s->version);
	stub->symbols[stub->nsymbols++] = copy;
	return 0;
}

/* Per symbol name during filtering: whether a default version survived, and
 * the highest surviving hidden one. */
struct name_state {
	char *name; /* own copy: filtering frees the symbols' names */
	bool had_default;
	bool has_default;
	size_t best_hidden; /* index into symbols, or SIZE_MAX */
};

static hashval_t hash_state(const void *p)
{
	return htab_hash_string(((const struct name_state *)p)->name);
}

static int eq_state(const void *a, const void *b)
{
	return strcmp(((const struct name_state *)a)->name,
		      ((const struct name_state *)b)->name) == 0;
}

static void free_state(void *p)
{
	struct name_state *st = p;
	free(st->name);
	free(st);
}

static struct name_state *state_for(htab_t states, const char *name)
{
	struct name_state probe = { .name = (char *)name };
	void **slot = htab_find_slot(states, &probe, INSERT);
	if (!*slot) {
		struct name_state *st = xcalloc(1, sizeof *st);
		st->name = xstrdup(name);
		st->best_hidden = SIZE_MAX;
		*slot = st;
	}
	return *slot;
}

size_t mg_stub_filter_versions(mg_stub *stub,
			       bool (*keep)(const char *version, void *ctx),
			       int (*order)(const char *a, const char *b),
			       void *ctx)
{
	forget_names(stub);
	/* Pass 1: drop versions the caller does not keep. */
	size_t nv = 0;
	for (size_t i = 0; i < stub->nversions; i++) {
		mg_stub_version *v = &stub->versions[i];
		if (keep(v->name, ctx)) {
			stub->versions[nv++] = *v;
		} else {
			free((char *)v->name);
			free((char *)v->parent);
		}
	}
	stub->nversions = nv;
	/* A kept version whose parent was dropped keeps no parent link. */
	for (size_t i = 0; i < stub->nversions; i++) {
		mg_stub_version *v = &stub->versions[i];
		if (v->parent && !find_version(stub, v->parent)) {
			free((char *)v->parent);
			v->parent = NULL;
		}
	}

	/* Pass 2: drop symbols of dropped versions, noting per name whether
	 * its default version went with them. */
	htab_t states = htab_create_alloc(4096, hash_state, eq_state, free_state, xcalloc, free);
	size_t ns = 0, dropped = 0;
	for (size_t i = 0; i < stub->nsymbols; i++) {
		mg_stub_symbol *s = &stub->symbols[i];
		bool kept = !s->version || find_version(stub, s->version);
		if (!s->hidden)
			state_for(states, s->name)->had_default = true;
		if (kept) {
			stub->symbols[ns++] = *s;
		} else {
			char *key = concat(s->name, "@", s->version, NULL);
			htab_remove_elt(stub->seen, key);
			free(key);
			free((char *)s->name);
			free((char *)s->version);
			dropped++;
		}
	}
	stub->nsymbols = ns;

	/* Pass 3: where the default went, the highest surviving version was
	 * the default of the older library: promote it. */
	for (size_t i = 0; i < stub->nsymbols; i++) {
		mg_stub_symbol *s = &stub->symbols[i];
		struct name_state *st = state_for(states, s->name);
		if (!s->hidden) {
			st->has_default = true;
		} else if (st->best_hidden == SIZE_MAX ||
			   order(s->version, stub->symbols[st->best_hidden].version) > 0) {
			st->best_hidden = i;
		}
	}
	for (size_t i = 0; i < stub->nsymbols; i++) {
		struct name_state *st = state_for(states, stub->symbols[i].name);
		if (st->had_default && !st->has_default && st->best_hidden == i)
			stub->symbols[i].hidden = false;
	}
	htab_delete(states);
	return dropped;
}

size_t mg_stub_symbol_count(const mg_stub *stub)
{
	return stub->nsymbols;
}

const mg_stub_symbol *mg_stub_symbol_at(const mg_stub *stub, size_t i)
{
	return i < stub->nsymbols ? &stub->symbols[i] : NULL;
}

bool mg_stub_defines(const mg_stub *stub, const char *name)
{
	mg_stub *s = (mg_stub *)stub;
	if (!s->names) {
		s->names = htab_create_alloc(s->nsymbols * 2 + 16, htab_hash_string, htab_eq_string, NULL,
					     xcalloc, free);
		for (size_t i = 0; i < s->nsymbols; i++) {
			void **slot = htab_find_slot(s->names, s->symbols[i].name, INSERT);
			*slot = (void *)s->symbols[i].name;
		}
	}
	return htab_find(s->names, name) != NULL;
}

size_t mg_stub_version_count(const mg_stub *stub)
{
	return stub->nversions;
}

const char *mg_stub_soname(const mg_stub *stub)
{
	return stub->soname;
}

/* A growable string; the stub texts are built with it. */
struct text {
	char *buf;
	size_t len, cap;
};

static void text_printf(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_printf(struct text *t, const char *fmt, ...)
{
	/* Printed where the buffer ends; grown and printed again only when it
	 * did not fit. */
	size_t want = 256;
	for (;;) {
		MG_GROW(t->buf, t->len + want + 1, t->cap);
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		want = (size_t)n;
	}
}

/* Where a symbol of TYPE lives in the stub and how gas spells its type.
 * Data gets real (zero-filled, NOBITS) space of its real size so that copy
 * relocations in executables are sized right; code needs one byte. */
static void symbol_place(unsigned char type, const char **section, const char **gas_type)
{
	switch (type) {
	case STT_FUNC:
	case STT_GNU_IFUNC:
		*section = ".text";
		*gas_type = "@function";
		return;
	case STT_OBJECT:
	case STT_COMMON:
		*section = ".bss";
		*gas_type = "@object";
		return;
	case STT_TLS:
		*section = ".tbss";
		*gas_type = "@tls_object";
		return;
	default:
		*section = ".bss";
		*gas_type = NULL;
		return;
	}
}

/* The first data symbol at each place, by place. */
struct place_entry {
	uint64_t place;
	size_t first;
};

static hashval_t hash_place(const void *p)
{
	uint64_t v = ((const struct place_entry *)p)->place;
	return (hashval_t)(v ^ (v >> 32));
}

static int eq_place(const void *a, const void *b)
{
	return ((const struct place_entry *)a)->place == ((const struct place_entry *)b)->place;
}

/* The symbol whose storage symbol I shares (an earlier data symbol at the
 * same place, of the same type and size), or I itself. */
static size_t storage_of(const mg_stub *stub, htab_t places, size_t i)
{
	const mg_stub_symbol *s = &stub->symbols[i];
	if (!s->place || (s->type != STT_OBJECT && s->type != STT_TLS))
		return i;
	struct place_entry probe = { .place = s->place };
	void **slot = htab_find_slot(places, &probe, INSERT);
	if (!*slot) {
		struct place_entry *e = XNEW(struct place_entry);
		*e = (struct place_entry){ s->place, i };
		*slot = e;
		return i;
	}
	const mg_stub_symbol *first = &stub->symbols[((struct place_entry *)*slot)->first];
	if (first->type != s->type || first->size != s->size)
		return i;
	return ((struct place_entry *)*slot)->first;
}

/* A versioned symbol is defined under a local label that .symver names;
 * BUF holds that label. */
static const char *symbol_label(const mg_stub_symbol *s, size_t i, char buf[32])
{
	if (!s->version)
		return s->name;
	snprintf(buf, 32, "__mg_stub_%zu", i);
	return buf;
}

char *mg_stub_assembly(const mg_stub *stub)
{
	struct text t = { 0 };
	htab_t places = htab_create_alloc(64, hash_place, eq_place, free, xcalloc, free);
	text_printf(&t, "/* link-time stub of %s generated by manyguard: no code */\n",
		    stub->soname);
	text_printf(&t, "\t.section .note.GNU-stack,\"\",@progbits\n");
	for (size_t i = 0; i < stub->nsymbols; i++) {
		const mg_stub_symbol *s = &stub->symbols[i];
		const char *section, *gas_type;
		symbol_place(s->type, &section, &gas_type);
		if (s->bind == STB_GNU_UNIQUE && s->type == STT_OBJECT)
			gas_type = "@gnu_unique_object";
		char label_buf[32], storage_buf[32];
		const char *label = symbol_label(s, i, label_buf);
		size_t first = storage_of(stub, places, i);
		const char *storage = symbol_label(&stub->symbols[first], first, storage_buf);
		if (strcmp(section, ".tbss") == 0)
			text_printf(&t, "\t.section .tbss,\"awT\",@nobits\n");
		else if (strcmp(section, ".bss") == 0)
			text_printf(&t, "\t.bss\n");
		else
			text_printf(&t, "\t.text\n");
		text_printf(&t, "\t%s \"%s\"\n", s->bind == STB_WEAK ? ".weak" : ".globl", label);
		if (gas_type)
			text_printf(&t, "\t.type \"%s\", %s\n", label, gas_type);
		uint64_t space = strcmp(section, ".text") == 0 ? 1 : s->size;
		text_printf(&t, "\t.size \"%s\", %llu\n", label, (unsigned long long)s->size);
		if (first != i) {
			text_printf(&t, "\t.set \"%s\", \"%s\"\n", label, storage);
		} else {
			text_printf(&t, "\"%s\":\n", label);
			if (space)
				text_printf(&t, "\t.zero %llu\n", (unsigned long long)space);
		}
		if (s->version)
			text_printf(&t, "\t.symver \"%s\", \"%s%s%s\", remove\n", label, s->name,
				    s->hidden ? "@" : "@@", s->version);
	}
	htab_delete(places);
	return t.buf;
}

char *mg_stub_version_script(const mg_stub *stub)
{
	struct text t = { 0 };
	text_printf(&t, "/* versions of %s, in its order; generated by manyguard.\n"
		    " * The nodes are empty: .symver in the assembly binds every symbol,\n"
		    " * and unversioned symbols keep the base version. */\n",
		    stub->soname);
	for (size_t i = 0; i < stub->nversions; i++) {
		const mg_stub_version *v = &stub->versions[i];
		text_printf(&t, "%s {\n}%s%s;\n", v->name, v->parent ? " " : "",
			    v->parent ? v->parent : "");
	}
	return t.buf;
}

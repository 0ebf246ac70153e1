/* Stub descriptions of glibc libraries: from the table's lines for one
 * library and release, or from a real library with GLIBC_PRIVATE left out;
 * and the release a real libc is. */
#include "config.h"
#include "rtdir/glibc_stubs.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#include "elf/elf.h"
#include "policy/symver.h"

static unsigned char stub_type(char kind)
{
	return kind == 'D' ? STT_OBJECT : kind == 'T' ? STT_TLS : STT_FUNC;
}

/* The data symbols of a real library by "name@version". */
typedef struct host_data {
	char *key;
	uint64_t value;
	unsigned char bind;
} host_data;

static hashval_t hash_data(const void *p)
{
	return htab_hash_string(((const host_data *)p)->key);
}

static int eq_data(const void *a, const void *b)
{
	return strcmp(((const host_data *)a)->key, ((const host_data *)b)->key) == 0;
}

static void free_data(void *p)
{
	free(((host_data *)p)->key);
	free(p);
}

static htab_t host_data_of(const char *path, mg_error *err)
{
	mg_elf *elf = NULL;
	if (mg_elf_open(path, &elf, err) != 0)
		return NULL;
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, err);
	htab_t data = NULL;
	if (!syms)
		goto out;
	data = htab_create_alloc(256, hash_data, eq_data, free_data, xcalloc, free);
	for (size_t i = 1; i < syms->count; i++) {
		const mg_elf_symbol *s = &syms->symbols[i];
		if (!s->defined || !s->version || (s->type != STT_OBJECT && s->type != STT_TLS))
			continue;
		host_data *d = XNEW(host_data);
		*d = (host_data){ concat(s->name, "@", s->version, NULL), s->value, s->bind };
		void **slot = htab_find_slot(data, d, INSERT);
		if (*slot)
			free_data(*slot);
		*slot = d;
	}
out:
	mg_elf_close(elf);
	return data;
}

mg_stub *mg_glibc_stub_from_table(const mg_glibc_abi *abi, int rel, size_t lib,
				  const char *host_lib, mg_error *err)
{
	const mg_glibc_abi_lib *l = mg_glibc_abi_lib_at(abi, lib);
	if (!l || !mg_glibc_abi_in(l->releases, rel)) {
		mg_error_set(err, NULL, "glibc %s does not build %s",
			     mg_glibc_abi_release_at(abi, (size_t)rel), l ? l->name : "that library");
		return NULL;
	}
	htab_t host = NULL;
	if (host_lib && !(host = host_data_of(host_lib, err)))
		return NULL;
	mg_stub *stub = mg_stub_new(l->soname);
	const char *previous = NULL;
	for (size_t i = 0; i < mg_glibc_abi_version_count(abi, lib); i++) {
		const mg_glibc_abi_version *v = mg_glibc_abi_version_at(abi, lib, i);
		if (!mg_glibc_abi_in(v->releases, rel))
			continue;
		mg_stub_version sv = { .name = v->name,
				       .parent = mg_glibc_abi_version_parent(previous, v->name) };
		if (mg_stub_add_version(stub, &sv, err) != 0)
			goto out;
		previous = v->name;
	}
	for (size_t i = 0; i < mg_glibc_abi_symbol_count(abi); i++) {
		const mg_glibc_abi_symbol *s = mg_glibc_abi_symbol_at(abi, i);
		if (s->lib != lib || !mg_glibc_abi_in(s->releases, rel))
			continue;
		mg_stub_symbol ss = {
			.name = s->name,
			.version = s->version,
			.hidden = !mg_glibc_abi_is_default(s, 0),
			.type = stub_type(s->kind),
			.bind = STB_GLOBAL,
			.size = s->kind == 'F' ? 0 : s->size,
		};
		if (host && s->kind != 'F') {
			host_data probe = { .key = concat(s->name, "@", s->version, NULL) };
			const host_data *d = htab_find(host, &probe);
			free(probe.key);
			if (d) {
				ss.place = d->value;
				ss.bind = d->bind;
			}
		}
		if (mg_stub_add_symbol(stub, &ss, err) != 0)
			goto out;
	}
	if (host)
		htab_delete(host);
	return stub;
out:
	if (host)
		htab_delete(host);
	mg_stub_free(stub);
	return NULL;
}

static bool not_private(const char *version, void *ctx)
{
	(void)ctx;
	return strcmp(version, "GLIBC_PRIVATE") != 0;
}

mg_stub *mg_glibc_stub_from_lib(const char *path, mg_error *err)
{
	mg_elf *elf = NULL;
	if (mg_elf_open(path, &elf, err) != 0)
		return NULL;
	mg_stub *stub = mg_stub_from_elf(elf, err);
	if (stub)
		mg_stub_filter_versions(stub, not_private, mg_symver_cmp_names, NULL);
	mg_elf_close(elf);
	return stub;
}

int mg_glibc_lib_release(const char *path, char *buf, size_t size, mg_error *err)
{
	mg_elf *elf = NULL;
	int rc = -1;
	if (mg_elf_open(path, &elf, err) != 0)
		return -1;
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, err);
	if (!defs)
		goto out;
	mg_symver best = { .nparts = 0 };
	for (size_t i = 0; i < defs->count; i++) {
		mg_symver v;
		if (mg_symver_parse(defs->defs[i].name, &v, NULL) != 0 ||
		    strcmp(v.prefix, "GLIBC") != 0 || v.nparts < 2)
			continue;
		if (best.nparts == 0 || mg_symver_cmp(&v, &best) > 0)
			best = v;
	}
	if (best.nparts == 0) {
		mg_error_set(err, path, "defines no GLIBC_2.N version: not glibc's libc");
		goto out;
	}
	/* Releases are MAJOR.MINOR: GLIBC_2.2.5 is release 2.2. */
	snprintf(buf, size, "%lu.%lu", best.parts[0], best.parts[1]);
	rc = 0;
out:
	mg_elf_close(elf);
	return rc;
}

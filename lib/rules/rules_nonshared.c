/* nonshared-export: symbols of a nonshared archive exported from a link's
 * output interpose on the process's libstdc++ for everyone.  Passes,
 * cheapest first, so that the usual link (nothing exported from the
 * archive) reads only the archives' indexes and the output's dynamic
 * symbols:
 *   collection: what the nonshared archives can define (only the members
 *               the linker pulled, when it said which);
 *   suspects:   the output's exported definitions among those names;
 *   acquittal:  names the user's own objects and archives define are the
 *               user's to export (template instantiations, see
 *               tests/integration/nonshared_corpus.sh), read only while
 *               suspects are left; an LTO object's definitions are the
 *               ones the linker's LTO plugin resolved to it;
 * what remains only the nonshared archive explains. */
#include "config.h"
#include "rules/rules.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#include "elf/archive.h"
#include "elf/elf_gnuhash.h"

/* A set of names that points into data that outlives it (an archive's
 * index, a symbol table): nothing is copied, nothing freed per entry. */
static htab_t new_names(size_t size)
{
	return htab_create_alloc(size, htab_hash_string, htab_eq_string, NULL, xcalloc, free);
}

static void add_name(htab_t names, const char *name)
{
	void **slot = htab_find_slot(names, name, INSERT);
	if (!*slot)
		*slot = (void *)name;
}

/* Take from SUSPECTS the names that PATH, an archive of the user's, can
 * define. */
static int acquit_by_archive(htab_t suspects, const char *path, mg_error *err)
{
	mg_archive *ar = mg_archive_open(path, err);
	if (!ar)
		return -1;
	for (size_t i = 0; i < mg_archive_symbol_count(ar) && htab_elements(suspects); i++)
		htab_remove_elt(suspects, mg_archive_symbol_at(ar, i)->name);
	mg_archive_close(ar);
	return 0;
}

/* Take from SUSPECTS the names that PATH, an object of the user's,
 * defines globally. */
static int acquit_by_object(htab_t suspects, const char *path, mg_error *err)
{
	mg_elf *elf = NULL;
	if (mg_elf_open(path, &elf, err) < 0)
		return -1;
	const mg_elf_symbols *tab = mg_elf_symtab(elf, err);
	if (!tab) {
		mg_elf_close(elf);
		return -1;
	}
	for (size_t i = 1; i < tab->count && htab_elements(suspects); i++) {
		const mg_elf_symbol *s = &tab->symbols[i];
		if (s->defined && s->bind != STB_LOCAL && s->name[0])
			htab_remove_elt(suspects, s->name);
	}
	mg_elf_close(elf);
	return 0;
}

/* A defined, non-local dynamic symbol of an archive name is a suspect. */
typedef struct suspect_ctx {
	const mg_elf_symbols *dynsym;
	const mg_elf_gnuhash *hash;
	htab_t suspects;
} suspect_ctx;

static void suspect_found(size_t index, void *arg)
{
	suspect_ctx *ctx = arg;
	const mg_elf_symbol *s = &ctx->dynsym->symbols[index];
	if (s->defined && s->bind != STB_LOCAL)
		add_name(ctx->suspects, s->name);
}

static int suspect_probe(void **slot, void *arg)
{
	suspect_ctx *ctx = arg;
	mg_elf_gnuhash_find(ctx->hash, ctx->dynsym, *slot, suspect_found, ctx);
	return 1;
}

/* The output's exported definitions of ARCHIVE's names, into SUSPECTS:
 * each name looked up in the output's own .gnu.hash (the archive has a
 * thousand names, a large output a hundred times as many symbols), or,
 * without one, every dynamic symbol looked up in ARCHIVE. */
static void collect_suspects(mg_elf *elf, const mg_elf_symbols *dynsym, htab_t archive,
			     htab_t suspects)
{
	mg_elf_gnuhash h;
	suspect_ctx ctx = {dynsym, &h, suspects};
	if (mg_elf_gnuhash_open(elf, dynsym, &h)) {
		htab_traverse_noresize(archive, suspect_probe, &ctx);
		return;
	}
	for (size_t i = 1; i < dynsym->count; i++)
		if (htab_find(archive, dynsym->symbols[i].name))
			suspect_found(i, &ctx);
}

static int add_leak(void **slot, void *arg)
{
	mg_finding_add_symbol(arg, *slot, (size_t)-1);
	return 1;
}

/* Whether the linker pulled member M of AR (NAMES: the pulled members'
 * names; NULL: it did not say, so every member counts). */
static bool pulled(const mg_archive *ar, size_t m, const char *const *names, size_t n)
{
	if (!names)
		return true;
	const char *name = lbasename(mg_archive_member_at(ar, m)->name);
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

int mg_rules_nonshared_exports(mg_elf *elf, const mg_rules_nonshared_link *link,
			       mg_findings *out, mg_error *err)
{
	size_t n_archives = link->n_archives;
	if (!n_archives)
		return 0;
	/* The archives stay open: the names point into their indexes. */
	mg_archive **ars = XCNEWVEC(mg_archive *, n_archives);
	htab_t archive = new_names(1024), suspects = NULL;
	int rc = 0;
	for (size_t i = 0; i < n_archives && rc == 0; i++) {
		ars[i] = mg_archive_open(link->archives[i], err);
		if (!ars[i])
			rc = -1;
		const char *const *names = link->pulled ? link->pulled[i] : NULL;
		size_t n_names = link->pulled ? link->n_pulled[i] : 0;
		for (size_t k = 0; ars[i] && k < mg_archive_symbol_count(ars[i]); k++) {
			const mg_archive_symbol *sym = mg_archive_symbol_at(ars[i], k);
			if (pulled(ars[i], sym->member, names, n_names))
				add_name(archive, sym->name);
		}
	}
	const mg_elf_symbols *dynsym = rc == 0 ? mg_elf_dynsym(elf, err) : NULL;
	if (!dynsym)
		rc = -1;
	if (rc == 0) {
		suspects = new_names(64);
		collect_suspects(elf, dynsym, archive, suspects);
	}
	for (size_t i = 0; rc == 0 && i < link->n_lto_defs && htab_elements(suspects); i++)
		htab_remove_elt(suspects, link->lto_defs[i]);
	for (size_t i = 0; rc == 0 && i < link->n_user_archives && htab_elements(suspects); i++)
		rc = acquit_by_archive(suspects, link->user_archives[i], err);
	for (size_t i = 0; rc == 0 && i < link->n_objects && htab_elements(suspects); i++)
		rc = acquit_by_object(suspects, link->objects[i], err);
	if (rc == 0 && htab_elements(suspects)) {
		mg_finding *f = mg_finding_add(out, MG_RULE_NONSHARED_EXPORT, MG_SEV_ERROR,
						mg_elf_name(elf));
		htab_traverse_noresize(suspects, add_leak, f);
	}
	if (suspects)
		htab_delete(suspects);
	htab_delete(archive);
	for (size_t i = 0; i < n_archives; i++)
		mg_archive_close(ars[i]);
	free(ars);
	return rc;
}

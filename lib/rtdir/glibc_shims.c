/* The glibc shim archive: which installed shim objects a target glibc
 * release needs, and the archive of those.
 *
 * Inspection pass: every `*.o` of the architecture's shim directory is read
 * whole (they are a few kilobytes), its defined global symbols are the
 * names it provides and its `.manyguard.shim` section may say "below
 * GLIBC_X.Y".  Decision pass: needed when the release lacks every provided
 * name as a default definition in any of its libraries, or is older than
 * the object's "below".  Writing pass: the needed members, in name order,
 * into an ar archive written atomically (lib/elf/archive.h), so the same
 * objects and release give the same bytes. */
#include "config.h"

#include "rtdir/glibc_shims.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/grow.h"
#include "base/small_file.h"
#include "elf/archive.h"
#include "elf/elf.h"

/* A shim object is small; anything larger is not one of ours. */
#define GLIBC_SHIMS_MAX_OBJECT (4u << 20)

typedef struct glibc_shims_object {
	mg_glibc_shim pub;
	char *path;
	char *data;
	size_t size;
	char **provides;
	char *below;
	char *why;
} glibc_shims_object;

struct mg_glibc_shims {
	glibc_shims_object *objs;
	size_t n, alloc;
};

static int glibc_shims_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names OBJ defines globally, and its "below" marker. */
static int glibc_shims_inspect(glibc_shims_object *obj, mg_error *err)
{
	mg_elf *elf = NULL;
	size_t alloc = 0;
	int rc = -1;

	if (mg_elf_open_memory(obj->data, obj->size, obj->path, &elf, err) != 0)
		goto out;
	if (mg_elf_etype(elf) != ET_REL) {
		mg_error_set(err, obj->path, "not a relocatable object: not a shim");
		goto out;
	}
	const mg_elf_symbols *tab = mg_elf_symtab(elf, err);
	if (!tab)
		goto out;
	for (size_t i = 1; i < tab->count; i++) {
		const mg_elf_symbol *s = &tab->symbols[i];
		if (!s->defined || s->bind == STB_LOCAL || !s->name[0])
			continue;
		MG_GROW(obj->provides, obj->pub.n_provides + 1, alloc);
		obj->provides[obj->pub.n_provides++] = xstrdup(s->name);
	}
	if (obj->pub.n_provides == 0) {
		mg_error_set(err, obj->path, "defines no global symbol: not a shim");
		goto out;
	}
	qsort(obj->provides, obj->pub.n_provides, sizeof *obj->provides, glibc_shims_cmp_str);

	const mg_elf_section *sec = mg_elf_section_by_name(elf, ".manyguard.shim");
	if (sec) {
		static const char prefix[] = "below GLIBC_";
		if (sec->offset > obj->size || sec->size > obj->size - sec->offset ||
		    sec->size < sizeof prefix ||
		    memchr(obj->data + sec->offset, '\0', sec->size) == NULL ||
		    strncmp(obj->data + sec->offset, prefix, sizeof prefix - 1) != 0) {
			mg_error_set(err, obj->path,
				     ".manyguard.shim does not hold \"below GLIBC_X.Y\"");
			goto out;
		}
		obj->below = xstrdup(obj->data + sec->offset + sizeof prefix - 1);
	}
	rc = 0;
out:
	mg_elf_close(elf);
	return rc;
}

/* Decide OBJ for release REL (index REL_INDEX of ABI). */
static void glibc_shims_decide(glibc_shims_object *obj, const mg_glibc_abi *abi,
			       const char *rel, int rel_index)
{
	char *lacking = NULL;
	for (size_t i = 0; i < obj->pub.n_provides; i++) {
		if (mg_glibc_abi_where(abi, obj->provides[i], rel_index, NULL, 0) > 0) {
			free(lacking);
			lacking = NULL;
			break;
		}
		char *more = lacking ? mg_asprintf("%s, %s", lacking, obj->provides[i])
				     : xstrdup(obj->provides[i]);
		free(lacking);
		lacking = more;
	}
	if (lacking) {
		obj->why = mg_asprintf("glibc %s lacks %s", rel, lacking);
		free(lacking);
	} else if (obj->below && mg_glibc_abi_release_cmp(rel, obj->below) < 0) {
		obj->why = mg_asprintf("glibc %s is older than %s", rel, obj->below);
	}
	obj->pub.needed = obj->why != NULL;
	obj->pub.why = obj->why;
}

static int glibc_shims_cmp_obj(const void *a, const void *b)
{
	return strcmp(((const glibc_shims_object *)a)->pub.name,
		      ((const glibc_shims_object *)b)->pub.name);
}

const char *mg_glibc_shims_default_dir(void)
{
	return MG_SHIM_DIR;
}

mg_glibc_shims *mg_glibc_shims_plan(const char *dir, const mg_glibc_abi *abi,
				    const char *release, mg_error *err)
{
	mg_glibc_shims *shims = XCNEW(mg_glibc_shims);
	DIR *d = NULL;
	int ok = 0;

	int rel_index = mg_glibc_abi_release_index(abi, release);
	if (rel_index < 0) {
		mg_error_set(err, dir, "glibc %s is not in the glibc ABI table", release);
		goto out;
	}
	d = opendir(dir);
	if (!d) {
		mg_error_set(err, dir, "cannot read the shim directory: %s", strerror(errno));
		goto out;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".o") != 0)
			continue;
		MG_GROW(shims->objs, shims->n + 1, shims->alloc);
		glibc_shims_object *obj = &shims->objs[shims->n++];
		memset(obj, 0, sizeof *obj);
		obj->pub.name = xstrdup(e->d_name);
		obj->path = mg_asprintf("%s/%s", dir, e->d_name);
	}
	if (shims->n == 0) {
		mg_error_set(err, dir, "no shim objects (*.o) in the shim directory");
		goto out;
	}
	qsort(shims->objs, shims->n, sizeof *shims->objs, glibc_shims_cmp_obj);
	for (size_t i = 0; i < shims->n; i++) {
		glibc_shims_object *obj = &shims->objs[i];
		obj->data = mg_small_file_read(obj->path, GLIBC_SHIMS_MAX_OBJECT, &obj->size, err);
		if (!obj->data || glibc_shims_inspect(obj, err) != 0)
			goto out;
		obj->pub.provides = (const char *const *)obj->provides;
		obj->pub.below = obj->below;
		glibc_shims_decide(obj, abi, release, rel_index);
	}
	ok = 1;
out:
	if (d)
		closedir(d);
	if (!ok) {
		mg_glibc_shims_free(shims);
		return NULL;
	}
	return shims;
}

size_t mg_glibc_shims_count(const mg_glibc_shims *shims)
{
	return shims->n;
}

const mg_glibc_shim *mg_glibc_shims_at(const mg_glibc_shims *shims, size_t i)
{
	return i < shims->n ? &shims->objs[i].pub : NULL;
}

int mg_glibc_shims_write(const mg_glibc_shims *shims, const char *path, mg_error *err)
{
	mg_archive_writer *w = mg_archive_writer_new();
	int rc = -1;
	for (size_t i = 0; i < shims->n; i++) {
		const glibc_shims_object *obj = &shims->objs[i];
		if (obj->pub.needed &&
		    mg_archive_writer_add(w, obj->pub.name, obj->data, obj->size, err) != 0)
			goto out;
	}
	rc = mg_archive_writer_write(w, path, err);
out:
	mg_archive_writer_free(w);
	return rc;
}

void mg_glibc_shims_free(mg_glibc_shims *shims)
{
	if (!shims)
		return;
	for (size_t i = 0; i < shims->n; i++) {
		glibc_shims_object *obj = &shims->objs[i];
		free((char *)obj->pub.name);
		free(obj->path);
		free(obj->data);
		for (size_t j = 0; j < obj->pub.n_provides; j++)
			free(obj->provides[j]);
		free(obj->provides);
		free(obj->below);
		free(obj->why);
	}
	free(shims->objs);
	free(shims);
}

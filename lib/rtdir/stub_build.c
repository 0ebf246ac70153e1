/* Stubs from real libraries (through the ELF model) and stub texts turned
 * into shared objects (through the system's assembler and linker). */
#include "config.h"

#include "elf/elf.h"
#include "base/outdir.h"
#include "base/run.h"
#include "rtdir/stub.h"
#include "policy/caps.h"
#include "policy/symver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libiberty/libiberty.h>

/* The symbols a linker creates for each version node (absolute, named like
 * the version) are not symbols of the library's interface. */
static bool is_version_marker(const mg_elf_symbol *s)
{
	return s->shndx == SHN_ABS && s->version && strcmp(s->name, s->version) == 0;
}

mg_stub *mg_stub_from_elf(mg_elf *elf, mg_error *err)
{
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	if (!dyn)
		return NULL;
	if (!dyn->present || !dyn->soname) {
		mg_error_set(err, mg_elf_name(elf), "no SONAME: not a shared library to stub");
		return NULL;
	}
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, err);
	if (!defs)
		return NULL;
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, err);
	if (!syms)
		return NULL;

	mg_stub *stub = mg_stub_new(dyn->soname);
	for (size_t i = 0; i < defs->count; i++) {
		const mg_elf_verdef *d = &defs->defs[i];
		if (d->flags & VER_FLG_BASE)
			continue;
		mg_stub_version v = {
			.name = d->name,
			.parent = d->n_parents ? d->parents[0] : NULL,
			.weak = (d->flags & VER_FLG_WEAK) != 0,
		};
		if (mg_stub_add_version(stub, &v, err) != 0)
			goto out;
	}
	for (size_t i = 1; i < syms->count; i++) {
		const mg_elf_symbol *s = &syms->symbols[i];
		if (!s->defined || s->bind == STB_LOCAL || is_version_marker(s))
			continue;
		if (s->visibility == STV_HIDDEN || s->visibility == STV_INTERNAL)
			continue;
		mg_stub_symbol sym = {
			.name = s->name,
			.version = s->ver_kind == MG_ELF_VER_DEF ? s->version : NULL,
			.hidden = s->hidden,
			.type = s->type,
			.bind = s->bind,
			.size = s->size,
			.place = s->type == STT_OBJECT || s->type == STT_TLS ? s->value : 0,
		};
		if (mg_stub_add_symbol(stub, &sym, err) != 0)
			goto out;
	}
	return stub;
out:
	mg_stub_free(stub);
	return NULL;
}

static bool caps_allow(const char *version, void *ctx)
{
	mg_caps_result res;
	if (mg_caps_check(ctx, version, &res, NULL) != 0)
		return false;
	return res.verdict == MG_CAPS_WITHIN || res.verdict == MG_CAPS_UNCAPPED;
}

size_t mg_stub_apply_caps(mg_stub *stub, const mg_caps *caps)
{
	return mg_stub_filter_versions(stub, caps_allow, mg_symver_cmp_names, (void *)caps);
}

static int write_text(const char *path, const char *text, mg_error *err)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return mg_error_set(err, path, "cannot create: %s", strerror(errno));
	size_t len = strlen(text);
	bool ok = fwrite(text, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok)
		return mg_error_set(err, path, "cannot write: %s", strerror(errno));
	return 0;
}

int mg_stub_build(const mg_stub *stub, const char *cc, const char *workdir,
		  const char *out_path, mg_error *err)
{
	int rc = -1;
	char *asm_text = mg_stub_assembly(stub);
	char *map_text = mg_stub_version_script(stub);
	char *asm_path = concat(workdir, "/", mg_stub_soname(stub), ".s", NULL);
	char *map_path = concat(workdir, "/", mg_stub_soname(stub), ".map", NULL);
	char *map_opt = concat("-Wl,--version-script=", map_path, NULL);
	char *soname_opt = concat("-Wl,-soname,", mg_stub_soname(stub), NULL);

	if (write_text(asm_path, asm_text, err) != 0 ||
	    write_text(map_path, map_text, err) != 0)
		goto out;
	/* No start files, no libraries: the stub is data for the linker only.
	 * No build-id: its bytes then depend on the inputs alone. */
	const char *argv[] = {
		cc, "-shared", "-nostdlib", "-Wl,--build-id=none",
		"-Wl,--hash-style=both", "-Wl,-z,noexecstack",
		soname_opt, map_opt, "-o", out_path, asm_path, NULL,
	};
	rc = mg_run(argv, mg_stub_soname(stub), NULL, err);
out:
	free(asm_text);
	free(map_text);
	free(asm_path);
	free(map_path);
	free(map_opt);
	free(soname_opt);
	return rc;
}

int mg_stub_make(const char *lib, const mg_caps *caps, const char *cc, const char *dir,
		 char **soname, mg_error *err)
{
	mg_elf *elf = NULL;
	mg_stub *stub = NULL;
	mg_outdir *work = NULL;
	char *tmp_out = NULL, *final = NULL;
	int rc = -1;

	if (mg_elf_open(lib, &elf, err) != 0)
		goto out;
	stub = mg_stub_from_elf(elf, err);
	if (!stub)
		goto out;
	if (caps) {
		if (mg_stub_version_count(stub) == 0) {
			mg_error_set(err, lib, "the library defines no symbol versions, so --cap cannot apply");
			goto out;
		}
		mg_stub_apply_caps(stub, caps);
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		mg_error_set(err, dir, "cannot create directory: %s", strerror(errno));
		goto out;
	}
	/* Build in a private directory inside DIR, then rename the stub into
	 * place: DIR/SONAME appears whole or not at all. */
	char *work_name = concat(dir, "/.stub-", mg_stub_soname(stub), NULL);
	work = mg_outdir_begin(work_name, err);
	free(work_name);
	if (!work)
		goto out;
	tmp_out = concat(mg_outdir_path(work), "/", mg_stub_soname(stub), NULL);
	if (mg_stub_build(stub, cc, mg_outdir_path(work), tmp_out, err) != 0)
		goto out;
	final = concat(dir, "/", mg_stub_soname(stub), NULL);
	if (rename(tmp_out, final) != 0) {
		mg_error_set(err, final, "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	if (soname)
		*soname = xstrdup(mg_stub_soname(stub));
	rc = 0;
out:
	mg_outdir_abort(work);
	free(tmp_out);
	free(final);
	mg_stub_free(stub);
	mg_elf_close(elf);
	return rc;
}

/* The glibc side of a link (ld_glibc.h): the ABI table loaded once for the
 * output's machine, the shim archive's names read from its symbol index
 * (a few hundred names: a hash table), and the link line's shared
 * libraries, opened only when a name glibc lacks at the cap is left
 * undefined (rare) to see whether one of them defines it. */
#include "config.h"
#include "ld/ld_glibc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libiberty/libiberty.h>
#include <libiberty/hashtab.h>

#include "elf/archive.h"
#include "elf/elf.h"
#include "policy/glibc_abi.h"

static bool shim_defines(void *arg, const char *name)
{
	const ld_glibc *g = arg;
	return g->shim_names && htab_find(g->shim_names, name) != NULL;
}

/* The names DIR's shim archive defines, into G; none when it has none. */
static int load_shims(ld_glibc *g, mg_error *err)
{
	char *path = concat(g->dir, "/" LD_GLIBC_SHIMS, NULL);
	int rc = 0;
	if (access(path, F_OK) != 0)
		goto out;
	mg_archive *ar = mg_archive_open(path, err);
	if (!ar) {
		rc = -1;
		goto out;
	}
	size_t n = mg_archive_symbol_count(ar);
	g->shim_names = htab_create_alloc(n * 2 + 16, htab_hash_string, htab_eq_string, free,
					  xcalloc, free);
	for (size_t i = 0; i < n; i++) {
		const char *name = mg_archive_symbol_at(ar, i)->name;
		void **slot = htab_find_slot(g->shim_names, name, INSERT);
		if (!*slot)
			*slot = xstrdup(name);
	}
	mg_archive_close(ar);
	g->shims = (mg_rules_definers){shim_defines, g};
	g->rules.shims = &g->shims;
out:
	free(path);
	return rc;
}

static char *info_string(const json_t *info, const char *key)
{
	const char *v = json_string_value(json_object_get(info, key));
	return v ? xstrdup(v) : NULL;
}

/* DIR's glibc.json, when it has one: the release it stands for and where
 * it came from. */
static int load_info(ld_glibc *g, mg_error *err)
{
	char *path = concat(g->dir, "/" LD_GLIBC_INFO, NULL);
	int rc = 0;
	if (access(path, F_OK) == 0) {
		json_error_t jerr;
		json_t *info = json_load_file(path, 0, &jerr);
		if (!json_is_object(info)) {
			rc = mg_error_set(err, path, "not a glibc directory's description: %s",
					  info ? "not a JSON object" : jerr.text);
		} else {
			g->release = info_string(info, "release");
			g->host = info_string(info, "host");
			g->baseline_libc = info_string(info, "baseline_libc");
		}
		json_decref(info);
	}
	free(path);
	return rc;
}

int ld_glibc_load(ld_glibc *g, const char *dir, const mg_policy *policy, const char *arch,
		  bool wanted, mg_error *err)
{
	memset(g, 0, sizeof *g);
	g->dir = dir;
	if (dir) {
		char *script = concat(dir, "/" LD_GLIBC_SCRIPT, NULL);
		g->rules.in_force = access(script, F_OK) == 0;
		free(script);
		if (load_info(g, err) < 0)
			return -1;
		/* Without a description, the directory stands for the policy's cap. */
		const mg_caps *caps = arch ? mg_policy_caps(policy, arch) : NULL;
		const char *cap = caps ? mg_caps_get(caps, "GLIBC", NULL) : NULL;
		if (!g->release && cap && strncmp(cap, "GLIBC_", 6) == 0)
			g->release = xstrdup(cap + 6);
		g->rules.release = g->release;
	}
	if ((!g->rules.in_force && !wanted) || !arch)
		return 0;
	if (mg_rules_glibc_table(policy, arch, &g->abi, err) < 0)
		return -1;
	g->rules.abi = g->abi;
	return dir ? load_shims(g, err) : 0;
}

void ld_glibc_free(ld_glibc *g)
{
	free(g->release);
	free(g->host);
	free(g->baseline_libc);
	mg_glibc_abi_free(g->abi);
	if (g->shim_names)
		htab_delete(g->shim_names);
	memset(g, 0, sizeof *g);
}

const char *ld_glibc_dir_on_line(const ld_line *line)
{
	for (size_t i = 0; i < line->n_dirs; i++) {
		char *script = concat(line->dirs[i], "/" LD_GLIBC_SCRIPT, NULL);
		char *info = concat(line->dirs[i], "/" LD_GLIBC_INFO, NULL);
		bool has_script = access(script, F_OK) == 0, ours = access(info, F_OK) == 0;
		free(script);
		free(info);
		if (has_script)
			return ours ? line->dirs[i] : NULL;
	}
	return NULL;
}

const char *ld_glibc_line_machine(const ld_line *line)
{
	for (size_t i = 0; i < line->n_inputs; i++) {
		if (line->inputs[i].type != LD_OBJECT)
			continue;
		mg_elf *elf;
		mg_error err;
		if (mg_elf_open(line->inputs[i].path, &elf, &err) < 0)
			continue;
		/* The names are static strings of lib/elf. */
		const char *arch = mg_elf_machine_name(elf);
		mg_elf_close(elf);
		return arch;
	}
	return NULL;
}

void ld_definers_init(ld_definers *d, const ld_line *line)
{
	d->line = line;
	d->libs = XCNEWVEC(mg_elf *, line->n_inputs + 1);
	d->tried = XCNEWVEC(bool, line->n_inputs + 1);
}

bool ld_definers_defines(void *arg, const char *name)
{
	ld_definers *d = arg;
	for (size_t i = 0; i < d->line->n_inputs; i++) {
		if (d->line->inputs[i].type != LD_SHARED)
			continue;
		if (!d->tried[i]) {
			mg_error err;
			d->tried[i] = true;
			if (mg_elf_open(d->line->inputs[i].path, &d->libs[i], &err) < 0)
				d->libs[i] = NULL;
		}
		mg_error err;
		const mg_elf_symbols *syms = d->libs[i] ? mg_elf_dynsym(d->libs[i], &err) : NULL;
		for (size_t k = 1; syms && k < syms->count; k++)
			if (syms->symbols[k].defined && strcmp(syms->symbols[k].name, name) == 0)
				return true;
	}
	return false;
}

void ld_definers_free(ld_definers *d)
{
	for (size_t i = 0; d->libs && i < d->line->n_inputs; i++)
		mg_elf_close(d->libs[i]);
	free(d->libs);
	free(d->tried);
}

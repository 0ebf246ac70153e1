/* Caps from a real old C++ runtime: every numbered version its
 * libstdc++.so.6 (and libgcc_s.so.1, or the runtime directory's libgcc_s
 * stub) defines caps what an output may ask of it. */
#include "config.h"
#include "policy/baseline.h"

#include <libiberty/libiberty.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elf/elf.h"
#include "policy/verset.h"

/* Caps of every numbered version PATH defines; PREFIX must be among them
 * (a libstdc++ defines GLIBCXX_, a libgcc_s GCC_). */
static mg_caps *caps_of(const char *path, const char *prefix, mg_error *err)
{
	mg_elf *elf = NULL;
	mg_verset *set = NULL;
	mg_caps *caps = NULL;
	if (mg_elf_open(path, &elf, err) < 0)
		goto out;
	const mg_elf_verdefs *defs = mg_elf_verdef_info(elf, err);
	if (!defs)
		goto out;
	set = mg_verset_new();
	for (size_t i = 0; i < defs->count; i++)
		if (!(defs->defs[i].flags & VER_FLG_BASE) &&
		    mg_verset_add(set, defs->defs[i].name, err) < 0)
			goto out;
	if (!mg_verset_highest(set, prefix)) {
		mg_error_set(err, path, "defines no %s_ version: not the runtime a baseline names",
			     prefix);
		goto out;
	}
	caps = mg_caps_new();
	if (mg_verset_to_caps(set, caps, err) < 0) {
		mg_caps_free(caps);
		caps = NULL;
	}
out:
	mg_verset_free(set);
	mg_elf_close(elf);
	return caps;
}

int mg_baseline_load(const char *libstdcxx, const char *libgcc_s, const char *runtime_dir,
			mg_baseline *out, mg_error *err)
{
	memset(out, 0, sizeof *out);
	out->cxx_path = xstrdup(libstdcxx);
	out->cxx_caps = caps_of(libstdcxx, "GLIBCXX", err);
	if (!out->cxx_caps)
		return -1;
	if (libgcc_s) {
		out->gcc_s_path = xstrdup(libgcc_s);
	} else if (runtime_dir) {
		struct stat st;
		char *stub = concat(runtime_dir, "/libgcc_s.so.1", NULL);
		if (stat(stub, &st) == 0)
			out->gcc_s_path = stub;
		else
			free(stub);
	}
	if (out->gcc_s_path) {
		out->gcc_s_caps = caps_of(out->gcc_s_path, "GCC", err);
		if (!out->gcc_s_caps)
			return -1;
	}
	return 0;
}

void mg_baseline_free(mg_baseline *b)
{
	free(b->cxx_path);
	mg_caps_free(b->cxx_caps);
	free(b->gcc_s_path);
	mg_caps_free(b->gcc_s_caps);
	memset(b, 0, sizeof *b);
}

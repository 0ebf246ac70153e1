/* cxx-abi: objects built with the C++11 ABI (GCC 5's std::string, std::list
 * and the locale facets and exceptions that use them) linked for a baseline
 * whose runtime predates it (docs/nonshared.md, "The dual ABI").  Such code
 * calls the runtime's error categories through another layout and looks
 * for facets and exception types the old runtime never registers or
 * throws.  The evidence, per object: the GCC plugin's note of
 * _GLIBCXX_USE_CXX11_ABI, else a name of the new ABI among its symbols. */
#include "config.h"
#include "rules/rules.h"

#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "elf/objnotes.h"

/* A new-ABI name: std::__cxx11:: or an [abi:cxx11] tag. */
static bool new_abi_name(const char *name)
{
	return strstr(name, "St7__cxx11") || strstr(name, "NSt7__cxx11") ||
	       strstr(name, "B5cxx11");
}

/* The evidence that OBJ is new-ABI code (malloc'd), or NULL. */
static int evidence_of(const char *path, char **evidence, mg_error *err)
{
	mg_elf *elf = NULL;
	mg_objnotes *notes = NULL;
	*evidence = NULL;
	if (mg_elf_open(path, &elf, err) < 0)
		return -1;
	int rc = mg_objnotes_read(elf, &notes, err);
	if (rc == 0 && notes) {
		/* The plugin's word is final, either way. */
		for (size_t i = 0; i < notes->count && !*evidence; i++)
			if (notes->units[i].cxx11_abi && strcmp(notes->units[i].cxx11_abi, "1") == 0)
				*evidence = xstrdup("its notes say _GLIBCXX_USE_CXX11_ABI=1");
	} else if (rc == 0) {
		const mg_elf_symbols *tab = mg_elf_symtab(elf, err);
		if (!tab)
			rc = -1;
		for (size_t i = 1; rc == 0 && tab && i < tab->count && !*evidence; i++) {
			const mg_elf_symbol *s = &tab->symbols[i];
			if (s->bind != STB_LOCAL && new_abi_name(s->name))
				*evidence = mg_asprintf("it %s %s, a name of the new ABI",
							s->defined ? "defines" : "uses", s->name);
		}
	}
	mg_objnotes_free(notes);
	mg_elf_close(elf);
	return rc;
}

int mg_rules_cxx_abi(const char *file, const char *const *objects, size_t n, mg_findings *out,
		     mg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		char *evidence;
		if (evidence_of(objects[i], &evidence, err) < 0)
			return -1;
		if (!evidence)
			continue;
		mg_finding *f = mg_finding_add(out, MG_RULE_CXX_ABI, MG_SEV_ERROR, file);
		f->u.abi.object = xstrdup(objects[i]);
		f->u.abi.evidence = evidence;
	}
	return 0;
}

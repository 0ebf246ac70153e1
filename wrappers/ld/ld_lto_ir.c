/* GCC's LTO objects that a link took without their code (ld_lto_ir.h).
 * Passes, cheapest first: the output's .dynsym (one .gnu.hash probe), its
 * .symtab only for lld with GCC's plugin on the line; then, only for an
 * output found broken (or a failed lld link), the inputs are read to name
 * the LTO objects among them. */
#include "config.h"
#include "ld/ld_lto_ir.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "elf/archive.h"
#include "elf/elf_gnuhash.h"

/* Defined by every object GCC compiles with -flto and without
 * -ffat-lto-objects (a common symbol), by nothing else. */
#define MARKER "__gnu_lto_slim"
/* LTO objects named in the report; the rest are counted. */
#define MAX_NAMED 8

bool ld_lto_ir_gcc_plugin(char *const *argv)
{
	for (size_t i = 1; argv[i]; i++) {
		const char *a = argv[i], *plugin = NULL;
		if ((strcmp(a, "-plugin") == 0 || strcmp(a, "--plugin") == 0) && argv[i + 1])
			plugin = argv[++i];
		else if (strncmp(a, "-plugin=", 8) == 0)
			plugin = a + 8;
		else if (strncmp(a, "--plugin=", 9) == 0)
			plugin = a + 9;
		if (plugin && strncmp(lbasename(plugin), "liblto_plugin", 13) == 0)
			return true;
	}
	return false;
}

static bool defines_marker(const mg_elf_symbols *tab)
{
	const mg_elf_symbol *s = tab ? mg_elf_symbols_find(tab, MARKER) : NULL;
	return s && s->defined;
}

static void marker_found(size_t index, void *arg)
{
	(void)index;
	*(bool *)arg = true;
}

/* Whether OUTPUT defines the marker: in .dynsym (through .gnu.hash when
 * it has one), and with DEEP in .symtab too.  A table that cannot be
 * read says no: the other checks report an unreadable output. */
static bool output_marked(mg_elf *output, bool deep)
{
	mg_error err;
	mg_elf_gnuhash h;
	bool marked = false;
	const mg_elf_symbols *dynsym = mg_elf_dynsym(output, &err);
	if (dynsym && mg_elf_gnuhash_open(output, dynsym, &h))
		mg_elf_gnuhash_find(&h, dynsym, MARKER, marker_found, &marked);
	else
		marked = defines_marker(dynsym);
	if (!marked && deep)
		marked = defines_marker(mg_elf_symtab(output, &err));
	return marked;
}

/* The LTO objects among a link's inputs: MAX_NAMED names kept, N counted. */
typedef struct lto_inputs {
	char *names[MAX_NAMED];
	size_t n;
} lto_inputs;

static void add_input(lto_inputs *found, char *name)
{
	if (found->n < MAX_NAMED)
		found->names[found->n] = name;
	else
		free(name);
	found->n++;
}

/* Whether ELF (closed here) defines the marker. */
static bool closed_marked(mg_elf *elf)
{
	mg_error err;
	bool marked = defines_marker(mg_elf_symtab(elf, &err));
	mg_elf_close(elf);
	return marked;
}

static void find_in_archive(const char *path, lto_inputs *found)
{
	mg_error err;
	mg_archive *ar = mg_archive_open(path, &err);
	for (size_t i = 0; ar && i < mg_archive_member_count(ar); i++) {
		const mg_archive_member *m = mg_archive_member_at(ar, i);
		mg_elf *elf = NULL;
		if (mg_elf_open_memory(m->data, m->size, m->name, &elf, &err) == 0 &&
		    closed_marked(elf))
			add_input(found, concat(path, "(", m->name, ")", NULL));
	}
	mg_archive_close(ar);
}

static void find_lto_inputs(const ld_line *line, lto_inputs *found)
{
	for (size_t i = 0; i < line->n_inputs; i++) {
		const ld_input *in = &line->inputs[i];
		mg_error err;
		mg_elf *elf = NULL;
		if (in->type == LD_OBJECT && mg_elf_open(in->path, &elf, &err) == 0 &&
		    closed_marked(elf))
			add_input(found, xstrdup(in->path));
		else if (in->type == LD_ARCHIVE)
			find_in_archive(in->path, found);
	}
}

/* The notes after the error: which inputs (FOUND, emptied), and the ways
 * out. */
static void lto_notes(lto_inputs *found, bool lld, ld_report *rep)
{
	if (found->n) {
		char *list = xstrdup("");
		for (size_t i = 0; i < found->n && i < MAX_NAMED; i++) {
			char *longer = concat(list, i ? ", " : "", found->names[i], NULL);
			free(list);
			free(found->names[i]);
			list = longer;
		}
		if (found->n > MAX_NAMED)
			ld_report_note(rep, "GCC's LTO objects (-flto without -ffat-lto-objects): %s "
				       "and %zu more", list, found->n - MAX_NAMED);
		else
			ld_report_note(rep, "GCC's LTO objects (-flto without -ffat-lto-objects): %s",
				       list);
		free(list);
		found->n = 0;
	}
	if (lld)
		ld_report_note(rep, "fix: link with GNU ld or gold (-fuse-ld=bfd or -fuse-ld=gold), "
			       "which run GCC's LTO plugin, or compile with -ffat-lto-objects (ld.lld "
			       "then links the objects' machine code, without link-time "
			       "optimisation)");
	else
		ld_report_note(rep, "fix: link with GCC's LTO plugin (-fuse-linker-plugin, a "
			       "linker with plugin support), or compile with -ffat-lto-objects");
}

void ld_lto_ir_check(const ld_line *line, mg_elf *output, bool lld, bool deep,
		     ld_report *rep)
{
	if (line->relocatable || mg_elf_etype(output) == ET_REL || !output_marked(output, deep))
		return;
	if (lld)
		ld_report_error(rep, "%s holds none of the code of GCC's LTO objects it was linked "
				"from: ld.lld does not read GCC's LTO IR (it ignores GCC's LTO plugin) "
				"and linked their empty ELF shells", line->output);
	else
		ld_report_error(rep, "%s holds none of the code of GCC's LTO objects it was linked "
				"from: the linker did not run GCC's LTO plugin on them and linked "
				"their empty ELF shells", line->output);
	lto_inputs found = {.n = 0};
	find_lto_inputs(line, &found);
	lto_notes(&found, lld, rep);
}

void ld_lto_ir_explain_failure(const ld_line *line, ld_report *rep)
{
	lto_inputs found = {.n = 0};
	find_lto_inputs(line, &found);
	if (!found.n)
		return;
	ld_report_error(rep, "%s: ld.lld does not read GCC's LTO IR (it ignores GCC's LTO "
			"plugin): what GCC's LTO objects define was missing from the link",
			line->output);
	lto_notes(&found, true, rep);
}

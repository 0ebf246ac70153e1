/* Who supplies the libraries an output needs, as the link line tells:
 * for each NEEDED entry the input that provided it (ld_line_provider),
 * and where that input lies.  A library vendored next to the output (or
 * in an $ORIGIN directory of its RPATH/RUNPATH) or built by the project
 * (outside the system's directories) comes with the output; one found in
 * a system directory will not be on the user's machine. */
#include "config.h"
#include "ld/ld_verify.h"
#include "base/asprintf.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* DIR, or a directory below it, holds FILE (both real paths). */
static bool dir_holds(const char *dir, const char *file)
{
	size_t n = strlen(dir);
	return strncmp(dir, file, n) == 0 && (file[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* Vendored: next to (or below) the output, or in a directory of an
 * $ORIGIN-relative RPATH/RUNPATH entry. */
static bool vendored(const char *real, const char *out_dir, const mg_elf_dynamic *dyn)
{
	if (dir_holds(out_dir, real))
		return true;
	const char *lists[2] = {dyn->rpath, dyn->runpath};
	for (size_t l = 0; l < 2; l++) {
		char *copy = lists[l] ? xstrdup(lists[l]) : NULL;
		for (char *save = NULL, *e = copy ? strtok_r(copy, ":", &save) : NULL; e;
		     e = strtok_r(NULL, ":", &save)) {
			const char *rest = strncmp(e, "$ORIGIN", 7) == 0	   ? e + 7
					   : strncmp(e, "${ORIGIN}", 9) == 0 ? e + 9
									     : NULL;
			if (!rest)
				continue;
			char *dir = concat(out_dir, rest, NULL);
			char *rdir = realpath(dir, NULL);
			bool hit = rdir && dir_holds(rdir, real);
			free(dir);
			free(rdir);
			if (hit) {
				free(copy);
				return true;
			}
		}
		free(copy);
	}
	return false;
}

/* PATH with its directory's "..", "." and symlinks resolved, the file
 * name kept (libopenblas.so, not the file its symlink chain ends at). */
static char *tidy_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char *real_dir = realpath(*dir ? dir : "/", NULL);
	char *out = real_dir ? concat(strcmp(real_dir, "/") == 0 ? "" : real_dir, "/",
				      lbasename(path), NULL)
			     : xstrdup(path);
	free(dir);
	free(real_dir);
	return out;
}

/* System library locations: a library found there is the machine's, not
 * the project's, and will not be on the user's machine. */
static bool in_system_dir(const char *real)
{
	static const char *const prefixes[] = {"/usr/", "/lib/", "/lib32/", "/lib64/",
					       "/libx32/", "/opt/"};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(real, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

void ld_supplier_init(ld_supplier *s, const ld_line *line, const mg_elf_dynamic *dyn)
{
	*s = (ld_supplier){.line = line, .dyn = dyn};
	char *out_copy = xstrdup(line->output);
	char *slash = strrchr(out_copy, '/');
	const char *dir = slash ? (slash == out_copy ? "/" : (*slash = '\0', out_copy)) : ".";
	s->out_dir = realpath(dir, NULL);
	free(out_copy);
}

bool ld_supplier_supplies(void *arg, const char *lib, char **where)
{
	ld_supplier *s = arg;
	const ld_line *line = s->line;
	/* Read at the first library that needs them. */
	if (!s->sonames)
		s->sonames = ld_line_sonames(line);
	size_t k = ld_line_provider(line, s->sonames, lib);
	const ld_input *in = k == (size_t)-1 ? NULL : &line->inputs[k];
	char *real = in ? realpath(in->path, NULL) : NULL;
	if (real && ((s->out_dir && vendored(real, s->out_dir, s->dyn)) || !in_system_dir(real))) {
		free(real);
		return true;
	}
	char *shown = in ? tidy_path(in->path) : NULL;
	if (!in)
		*where = xstrdup("no input on the link line provides it (the linker found it in "
				 "its own search path)");
	else if (real && strcmp(real, shown) != 0)
		*where = mg_asprintf("%s resolved to %s (%s)", in->spec, shown, real);
	else
		*where = mg_asprintf("%s resolved to %s", in->spec, shown);
	free(shown);
	free(real);
	return false;
}

void ld_supplier_free(ld_supplier *s)
{
	ld_line_sonames_free(s->line, s->sonames);
	free(s->out_dir);
}

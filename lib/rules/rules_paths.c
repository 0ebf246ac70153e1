/* relocatability: the search paths and NEEDED entries of a file that only
 * work where it was built.  Each RPATH/RUNPATH entry is judged on its own:
 * $ORIGIN-relative ones must stay inside the package, anything else is a
 * directory of the build machine or of the current directory. */
#include "config.h"
#include "rules/rules.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* Where "$ORIGIN/REST" of FILE (relative to the package root) leads,
 * normalized; NULL when it climbs above the root. */
static char *origin_target(const char *file, const char *rest)
{
	char *dir = xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		dir[0] = '\0';
	char *joined = concat(dir, "/", rest, NULL);
	free(dir);
	char *out = xcalloc(1, strlen(joined) + 2);
	size_t len = 0;
	bool above = false;
	for (char *save = NULL, *c = strtok_r(joined, "/", &save); c;
	     c = strtok_r(NULL, "/", &save)) {
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			if (len == 0) {
				above = true;
				break;
			}
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
			continue;
		}
		if (len)
			out[len++] = '/';
		strcpy(out + len, c);
		len += strlen(c);
	}
	free(joined);
	if (above) {
		free(out);
		return NULL;
	}
	return out;
}

static void add(mg_findings *out, const char *file, mg_severity sev, mg_path_problem problem,
		const char *tag, const char *entry)
{
	mg_finding *f = mg_finding_add(out, MG_RULE_RELOCATABILITY, sev, file);
	f->u.path.problem = problem;
	f->u.path.tag = tag;
	f->u.path.entry = xstrdup(entry);
}

static void search_path(const char *file, const char *tag, const char *list,
			bool (*inside)(void *, const char *), void *arg, mg_findings *out)
{
	char *copy = xstrdup(list);
	char *p = copy;
	for (;;) {
		char *entry = p;
		char *colon = strchr(p, ':');
		if (colon)
			*colon = '\0';
		const char *rest = strncmp(entry, "$ORIGIN", 7) == 0	 ? entry + 7
				   : strncmp(entry, "${ORIGIN}", 9) == 0 ? entry + 9
									 : NULL;
		if (rest) {
			char *target = origin_target(file, rest);
			if (!target || (inside && !inside(arg, target)))
				add(out, file, MG_SEV_WARNING, MG_PATH_OUTSIDE, tag, entry);
			free(target);
		} else if (entry[0] == '/') {
			add(out, file, MG_SEV_WARNING, MG_PATH_ABSOLUTE, tag, entry);
		} else {
			add(out, file, MG_SEV_WARNING, MG_PATH_RELATIVE, tag, entry);
		}
		if (!colon)
			break;
		p = colon + 1;
	}
	free(copy);
}

void mg_rules_paths(const char *file, const mg_elf_dynamic *dyn,
		    bool (*inside)(void *arg, const char *target), void *arg,
		    mg_findings *out)
{
	if (dyn->rpath)
		search_path(file, "DT_RPATH", dyn->rpath, inside, arg, out);
	if (dyn->runpath)
		search_path(file, "DT_RUNPATH", dyn->runpath, inside, arg, out);
	if (dyn->rpath && !dyn->runpath)
		add(out, file, MG_SEV_NOTE, MG_PATH_RPATH, "DT_RPATH", dyn->rpath);
	for (size_t i = 0; i < dyn->n_needed; i++)
		if (strchr(dyn->needed[i], '/'))
			add(out, file, MG_SEV_WARNING, MG_PATH_NEEDED, "NEEDED", dyn->needed[i]);
}

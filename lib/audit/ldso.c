/* Finding a library the way ld.so does, in one small module like
 * pax-utils' paxldso.c: DT_RPATH (unless there is DT_RUNPATH), DT_RUNPATH
 * with $ORIGIN expanded, /etc/ld.so.cache (as `ldconfig -p` lists it),
 * the default directories; a file of another class or machine is passed
 * over as ld.so passes it over.  And what this machine's C++ runtime,
 * found that way, has above a policy's caps. */
#include "config.h"
#include "audit/ldso.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/grow.h"
#include "base/run.h"

typedef struct ldcache_entry {
	char *name;
	char *path;
} ldcache_entry;

struct mg_ldso {
	/* /etc/ld.so.cache as `ldconfig -p` lists it, read on first use. */
	bool ldcache_read;
	size_t n_ldcache;
	ldcache_entry *ldcache;
};

mg_ldso *mg_ldso_new(void)
{
	return XCNEW(mg_ldso);
}

void mg_ldso_free(mg_ldso *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_ldcache; i++) {
		free(l->ldcache[i].name);
		free(l->ldcache[i].path);
	}
	free(l->ldcache);
	free(l);
}

/* ---- ld.so's search ----------------------------------------------------------- */

/* `ldconfig -p` lines: "\tlibz.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libz.so.1".
 * Parsing its output is simpler and as exact as reading the cache format;
 * without ldconfig the default directories still apply. */
static void read_ldcache(mg_ldso *a)
{
	a->ldcache_read = true;
	const char *ldconfig = access("/sbin/ldconfig", X_OK) == 0 ? "/sbin/ldconfig" : "ldconfig";
	const char *argv[] = { ldconfig, "-p", NULL };
	char *out = NULL;
	mg_error err;
	if (mg_run(argv, "/etc/ld.so.cache", &out, &err) != 0)
		return;
	size_t cap = 0;
	for (char *save = NULL, *line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		char *arrow = strstr(line, " => ");
		size_t namelen = strcspn(line, " ");
		if (!arrow || namelen == 0 || line[namelen] != ' ')
			continue;
		MG_GROW(a->ldcache, a->n_ldcache + 1, cap);
		ldcache_entry *e = &a->ldcache[a->n_ldcache++];
		e->name = xstrndup(line, namelen);
		e->path = xstrdup(arrow + 4);
	}
	free(out);
}

/* ld.so skips a library of another class or machine and goes on. */
static bool loadable(const char *path, int elf_class, unsigned machine)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	mg_elf *elf;
	mg_error err;
	if (mg_elf_open(path, &elf, &err) != 0)
		return false;
	bool ok = mg_elf_class(elf) == elf_class && mg_elf_machine(elf) == machine;
	mg_elf_close(elf);
	return ok;
}

/* Search the colon-separated LIST ($ORIGIN expanded to ORIGIN). */
static char *search_list(const char *needed, const char *list, const char *origin,
			 int elf_class, unsigned machine)
{
	if (!list)
		return NULL;
	char *copy = xstrdup(list);
	char *found = NULL;
	for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *expanded;
		if (strncmp(dir, "$ORIGIN", 7) == 0 || strncmp(dir, "${ORIGIN}", 9) == 0) {
			if (!origin)
				continue;
			expanded = concat(origin, dir + (dir[1] == '{' ? 9 : 7), NULL);
		} else
			expanded = xstrdup(dir);
		char *path = concat(expanded, "/", needed, NULL);
		free(expanded);
		if (loadable(path, elf_class, machine))
			found = path;
		else
			free(path);
	}
	free(copy);
	return found;
}

static const char *const default_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
	"/usr/lib/aarch64-linux-gnu", "/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu",
	"/lib64", "/usr/lib64", "/lib", "/usr/lib",
};

char *mg_ldso_find(mg_ldso *a, const char *needed, const char *rpath, const char *runpath,
		   const char *origin, int elf_class, unsigned machine)
{
	if (strchr(needed, '/'))
		return loadable(needed, elf_class, machine) ? xstrdup(needed) : NULL;
	char *found = NULL;
	if (!runpath)
		found = search_list(needed, rpath, origin, elf_class, machine);
	if (!found)
		found = search_list(needed, runpath, origin, elf_class, machine);
	if (found)
		return found;
	if (!a->ldcache_read)
		read_ldcache(a);
	for (size_t i = 0; i < a->n_ldcache; i++)
		if (strcmp(a->ldcache[i].name, needed) == 0 &&
		    loadable(a->ldcache[i].path, elf_class, machine))
			return xstrdup(a->ldcache[i].path);
	for (size_t i = 0; i < sizeof default_dirs / sizeof default_dirs[0]; i++) {
		char *path = concat(default_dirs[i], "/", needed, NULL);
		if (loadable(path, elf_class, machine))
			return path;
		free(path);
	}
	return NULL;
}

int mg_ldso_cxx_newer(mg_ldso *l, int elf_class, unsigned machine, const mg_caps *caps,
		      mg_newer **out, mg_error *err)
{
	*out = NULL;
	char *path = mg_ldso_find(l, "libstdc++.so.6", NULL, NULL, NULL, elf_class, machine);
	if (!path)
		return 0;
	mg_elf *elf;
	int rc = mg_elf_open(path, &elf, err);
	if (rc == 0) {
		*out = mg_newer_from_runtime(elf, caps, err);
		rc = *out ? 0 : -1;
		mg_elf_close(elf);
	}
	free(path);
	return rc;
}

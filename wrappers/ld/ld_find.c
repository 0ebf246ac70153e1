/* The real linker behind the wrapper: the flavour it was called as (ld,
 * ld.bfd, ld.gold, ld.lld) and the first program of that name on PATH
 * that is not the wrapper itself. */
#include "config.h"
#include "ld/ld_find.h"

#include <libiberty/libiberty.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *ld_find_flavour(const char *argv0)
{
	static const char *const names[] = {"ld", "ld.bfd", "ld.gold", "ld.lld"};
	const char *base = lbasename(argv0);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(base, names[i]) == 0)
			return names[i];
	return "ld";
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

char *ld_find_real(const char *name, mg_error *err)
{
	struct stat self, st;
	char *self_path = realpath("/proc/self/exe", NULL);
	const char *path = getenv("PATH");

	if (!self_path || stat(self_path, &self) < 0) {
		free(self_path);
		mg_error_set(err, "/proc/self/exe", "cannot locate the wrapper itself");
		return NULL;
	}
	char *self_dir = xstrdup(self_path);
	*strrchr(self_dir, '/') = '\0';
	char *dirs = xstrdup(path ? path : "/usr/bin:/bin");
	char *found = NULL;
	for (char *p = dirs, *end; p && !found; p = end ? end + 1 : NULL) {
		end = strchr(p, ':');
		if (end)
			*end = '\0';
		const char *dir = *p ? p : ".";
		char *real_dir = realpath(dir, NULL);
		bool own = real_dir && (strcmp(real_dir, self_dir) == 0 ||
					(self_dir[0] == '\0' && strcmp(real_dir, "/") == 0));
		free(real_dir);
		if (own)
			continue;
		char *candidate = concat(dir, "/", name, NULL);
		if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0 &&
		    !same_file(&st, &self))
			found = candidate;
		else
			free(candidate);
	}
	if (!found)
		mg_error_set(err, NULL, "cannot find the real linker \"%s\" on PATH (%s) outside %s",
			     name, path ? path : "unset", self_dir);
	free(dirs);
	free(self_dir);
	free(self_path);
	return found;
}

bool ld_find_is_lld(const char *flavour, const char *real)
{
	if (strcmp(flavour, "ld.lld") == 0)
		return true;
	char *r = realpath(real, NULL);
	bool lld = r && strstr(lbasename(r), "lld") != NULL;
	free(r);
	return lld;
}

/* Output directories that appear whole or not at all: built under a
 * temporary name next to the final one, renamed into place on commit,
 * removed (with everything in them) on abort. */
#include "config.h"
#include "base/outdir.h"
#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/fs.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

struct mg_outdir {
	char *final;
	char *staging;
};

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int mg_outdir_remove_tree(const char *path, mg_error *err)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : mg_error_set(err, path, "%s", strerror(errno));
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return mg_error_set(err, path, "cannot remove: %s", strerror(errno));
	return 0;
}

/* mkdir -p for the parent of PATH. */
static int make_parents(const char *path, mg_error *err)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	char *parent = xstrndup(path, (size_t)(slash - path));
	int rc = mg_atomic_file_mkdir_p(parent, err);
	free(parent);
	return rc;
}
mg_outdir *mg_outdir_begin(const char *final, mg_error *err)
{
	size_t len = strlen(final);
	while (len > 1 && final[len - 1] == '/')
		len--;
	char *trimmed = xstrndup(final, len);
	if (make_parents(trimmed, err) != 0) {
		free(trimmed);
		return NULL;
	}
	char *staging = concat(trimmed, ".tmp.XXXXXX", NULL);
	if (!mkdtemp(staging)) {
		mg_error_set(err, trimmed, "cannot create a staging directory: %s",
			     strerror(errno));
		free(staging);
		free(trimmed);
		return NULL;
	}
	chmod(staging, 0755);
	mg_outdir *out = xmalloc(sizeof *out);
	out->final = trimmed;
	out->staging = staging;
	return out;
}

char *mg_outdir_final_path(const mg_outdir *out, mg_error *err)
{
	const char *slash = strrchr(out->final, '/');
	char *parent = slash ? xstrndup(out->final, slash == out->final ? 1 : (size_t)(slash - out->final))
			     : xstrdup(".");
	char *real = realpath(parent, NULL);
	char *path = NULL;
	if (!real)
		mg_error_set(err, parent, "%s", strerror(errno));
	else
		path = concat(real, strcmp(real, "/") ? "/" : "", slash ? slash + 1 : out->final, NULL);
	free(real);
	free(parent);
	return path;
}

const char *mg_outdir_path(const mg_outdir *out)
{
	return out->staging;
}

static void outdir_free(mg_outdir *out)
{
	free(out->final);
	free(out->staging);
	free(out);
}

int mg_outdir_commit(mg_outdir *out, mg_error *err)
{
	int rc = 0;
	if (rename(out->staging, out->final) == 0)
		goto out;
	if (errno != EEXIST && errno != ENOTEMPTY) {
		rc = mg_error_set(err, out->final, "cannot rename the staging directory: %s",
				  strerror(errno));
		mg_outdir_remove_tree(out->staging, NULL);
		goto out;
	}
	/* FINAL exists: swap the two in one step so readers see either the old
	 * or the new directory, then remove the old one (now at STAGING). */
	if (syscall(SYS_renameat2, AT_FDCWD, out->staging, AT_FDCWD, out->final,
		    RENAME_EXCHANGE) != 0) {
		rc = mg_error_set(err, out->final, "cannot replace the existing directory: %s",
				  strerror(errno));
		mg_outdir_remove_tree(out->staging, NULL);
		goto out;
	}
	mg_outdir_remove_tree(out->staging, NULL);
out:
	outdir_free(out);
	return rc;
}

void mg_outdir_abort(mg_outdir *out)
{
	if (!out)
		return;
	mg_outdir_remove_tree(out->staging, NULL);
	outdir_free(out);
}

int mg_outdir_write_text(const char *dir, const char *name, const char *text, mg_error *err)
{
	char *path = concat(dir, "/", name, NULL);
	FILE *f = fopen(path, "w");
	int rc = 0;
	if (!f) {
		rc = mg_error_set(err, path, "cannot create: %s", strerror(errno));
	} else {
		size_t len = strlen(text);
		bool ok = fwrite(text, 1, len, f) == len;
		ok = fclose(f) == 0 && ok;
		if (!ok)
			rc = mg_error_set(err, path, "cannot write: %s", strerror(errno));
	}
	free(path);
	return rc;
}

char *mg_outdir_cache_root(void)
{
	const char *dir = getenv("MANYGUARD_CACHE_DIR");
	if (dir && *dir)
		return xstrdup(dir);
	dir = getenv("XDG_CACHE_HOME");
	if (dir && *dir)
		return concat(dir, "/manyguard", NULL);
	const char *home = getenv("HOME");
	return concat(home && *home ? home : "/tmp", "/.cache/manyguard", NULL);
}

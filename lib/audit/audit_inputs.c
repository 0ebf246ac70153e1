/* The audit's inputs: a file, a directory walked in order (symlinks
 * followed while they stay inside it; one to a directory outside and a
 * loop are skipped and reported as not followed), a wheel read member by member in place, a
 * site-packages tree grouped into distributions by their RECORD files.
 * Each becomes packages, whose ELF files audit_file.c judges. */
#include "config.h"
#include "audit/audit_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/input.h"
#include "base/small_file.h"

/* ---- files and directories ------------------------------------------------- */

static void progress(mg_audit *a)
{
	a->files_seen++;
	a->packages[a->pkg].n_files++;
	if (a->opts.progress)
		a->opts.progress(a->opts.progress_ctx, a->files_seen);
}

static bool is_wheel_name(const char *path)
{
	size_t len = strlen(path);
	return len > 4 && strcmp(path + len - 4, ".whl") == 0;
}

/* An ELF file on disk: only its first bytes are read unless it is ELF. */
static void audit_disk_file(mg_audit *a, const char *abs, const char *rel, const struct stat *st)
{
	progress(a);
	mg_error err;
	int fd = mg_input_open(abs, NULL, &err);
	if (fd < 0) {
		audit_input_error(a, &err);
		return;
	}
	unsigned char head[SELFMAG];
	ssize_t got = read(fd, head, sizeof head);
	close(fd);
	if (got < SELFMAG || memcmp(head, ELFMAG, SELFMAG) != 0)
		return;
	audit_provide(a, lbasename(rel));
	if (!audit_first_visit(a, st->st_dev, st->st_ino))
		return;
	mg_elf *elf;
	if (mg_elf_open(abs, &elf, &err) != 0) {
		audit_input_error(a, &err);
		return;
	}
	char *dir = xstrdup(abs);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	audit_elf(a, elf, rel, dir);
	free(dir);
}

typedef struct dir_stack {
	dev_t dev;
	ino_t ino;
	const char *path;
	const struct dir_stack *up;
} dir_stack;

static void walk(mg_audit *a, const char *abs, const char *rel, const dir_stack *up);

static void walk_dir(mg_audit *a, const char *abs, const char *rel, const struct stat *st,
		     const dir_stack *up)
{
	mg_error err;
	for (const dir_stack *s = up; s; s = s->up)
		if (s->dev == st->st_dev && s->ino == st->st_ino) {
			mg_error_set(&err, abs, "symlink loop: leads back to %s", s->path);
			audit_skipped(a, &err);
			return;
		}
	dir_stack here = { st->st_dev, st->st_ino, abs, up };
	struct dirent **names;
	int n = scandir(abs, &names, NULL, alphasort);
	if (n < 0) {
		mg_error_set(&err, abs, "cannot read directory: %s", strerror(errno));
		audit_input_error(a, &err);
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *d = names[i]->d_name;
		if (strcmp(d, ".") != 0 && strcmp(d, "..") != 0) {
			char *cabs = concat(abs, "/", d, NULL);
			char *crel = *rel ? concat(rel, "/", d, NULL) : xstrdup(d);
			walk(a, cabs, crel, &here);
			free(cabs);
			free(crel);
		}
		free(names[i]);
	}
	free(names);
}

/* Whether the directory symlink ABS leads inside the directory walked;
 * when not, WHERE (malloc'd) says where it leads. */
static bool inside_walk_root(const mg_audit *a, const char *abs, char **where)
{
	*where = realpath(abs, NULL);
	if (!a->walk_root || !*where)
		return true; /* not bounded, or gone meanwhile: stat decides */
	size_t n = strlen(a->walk_root);
	const char *w = *where;
	return strncmp(w, a->walk_root, n) == 0 &&
	       (w[n] == '\0' || w[n] == '/' || (n == 1 && a->walk_root[0] == '/'));
}

/* One directory entry: symlinks are followed while they stay inside the
 * directory walked (one to a directory outside it, and a loop, are
 * reported as not followed; a dangling link is nothing to audit), wheels
 * are queued as packages of their own. */
static void walk(mg_audit *a, const char *abs, const char *rel, const dir_stack *up)
{
	struct stat st;
	mg_error err;
	if (audit_excluded_path(a, rel))
		return;
	if (lstat(abs, &st) != 0) {
		if (errno != ENOENT) {
			mg_error_set(&err, abs, "cannot stat: %s", strerror(errno));
			audit_input_error(a, &err);
		}
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		if (stat(abs, &st) != 0) {
			if (errno == ELOOP) {
				mg_error_set(&err, abs, "symlink loop: %s", strerror(errno));
				audit_skipped(a, &err);
			} else if (errno != ENOENT) {
				mg_error_set(&err, abs, "cannot stat: %s", strerror(errno));
				audit_input_error(a, &err);
			}
			return;
		}
		char *where = NULL;
		if (S_ISDIR(st.st_mode) && !inside_walk_root(a, abs, &where)) {
			mg_error_set(&err, abs, "a symlink to a directory outside %s (%s)",
				     a->walk_root, where);
			audit_skipped(a, &err);
			free(where);
			return;
		}
		free(where);
	}
	if (S_ISDIR(st.st_mode))
		walk_dir(a, abs, rel, &st, up);
	else if (S_ISREG(st.st_mode) && is_wheel_name(abs)) {
		MG_GROW(a->queued, a->n_queued + 1, a->cap_queued);
		a->queued[a->n_queued++] = xstrdup(abs);
	} else if (S_ISREG(st.st_mode))
		audit_disk_file(a, abs, rel, &st);
}

/* ---- core metadata ------------------------------------------------------------ */

/* The most a METADATA file is read for (its long description included). */
#define METADATA_MAX (4u << 20)

static bool has_suffix(const char *s, const char *suffix);

/* NAME is the core metadata of a wheel: DIST.dist-info/METADATA at its top. */
static bool is_wheel_metadata(const char *name)
{
	const char *slash = strchr(name, '/');
	if (!slash || strcmp(slash, "/METADATA") != 0)
		return false;
	char *dir = xstrndup(name, (size_t)(slash - name));
	bool yes = has_suffix(dir, ".dist-info");
	free(dir);
	return yes;
}

/* The installed distribution's METADATA (DIR/METADATA), for the current
 * package; one that cannot be read is an input error, and the package is
 * then judged as one without metadata. */
static void read_metadata_file(mg_audit *a, const char *dir)
{
	char *path = concat(dir, "/METADATA", NULL);
	mg_error err;
	size_t len;
	char *text = NULL;
	if (access(path, F_OK) == 0) {
		if ((text = mg_small_file_read(path, METADATA_MAX, &len, &err)))
			audit_package_metadata(a, text, len);
		else
			audit_input_error(a, &err);
	}
	free(text);
	free(path);
}

/* ---- wheels ---------------------------------------------------------------- */

static int audit_wheel(mg_audit *a, const char *path, mg_error *err)
{
	mg_wheel *w;
	if (mg_wheel_open(path, &a->limits, &w, err) != 0) {
		audit_input_error(a, err);
		return -1;
	}
	char name[256];
	if (!mg_wheel_dist_name(path, name, sizeof name))
		snprintf(name, sizeof name, "%s", lbasename(path));
	audit_package_begin(a, name, MG_AUDIT_WHEEL, path);
	for (size_t i = 0; i < mg_wheel_member_count(w); i++) {
		mg_wheel_member m;
		mg_error e;
		if (mg_wheel_member_at(w, i, &m, &e) != 0) {
			audit_input_error(a, &e);
			continue;
		}
		if (m.is_dir)
			continue;
		progress(a);
		if (!a->meta_known && is_wheel_metadata(m.name)) {
			const char *text;
			size_t len;
			int r = mg_wheel_read_small(w, i, METADATA_MAX, &text, &len, &e);
			if (r < 0)
				audit_input_error(a, &e);
			if (r > 0)
				audit_package_metadata(a, text, len);
			continue;
		}
		/* A symlink member is another name of a file the wheel ships. */
		if (m.is_symlink) {
			audit_provide(a, lbasename(m.name));
			continue;
		}
		mg_elf *elf;
		int r = mg_wheel_open_elf(w, i, &elf, &e);
		if (r < 0)
			audit_input_error(a, &e);
		if (r <= 0)
			continue;
		audit_provide(a, lbasename(m.name));
		audit_elf(a, elf, m.name, NULL);
	}
	audit_package_end(a);
	mg_wheel_close(w);
	return 0;
}

/* ---- site-packages ----------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_metadata_dir(const char *name)
{
	return has_suffix(name, ".dist-info") || has_suffix(name, ".egg-info") ||
	       strcmp(name, "__pycache__") == 0;
}

static bool is_site_dir(const char *path, struct dirent **names, int n)
{
	const char *base = lbasename(path);
	if (strcmp(base, "site-packages") == 0 || strcmp(base, "dist-packages") == 0)
		return true;
	for (int i = 0; i < n; i++)
		if (has_suffix(names[i]->d_name, ".dist-info"))
			return true;
	return false;
}

typedef struct top_owner {
	char *top;
	char *owner;
} top_owner;

static hashval_t hash_top(const void *p)
{
	return htab_hash_string(((const top_owner *)p)->top);
}

static int eq_top(const void *a, const void *b)
{
	return strcmp(((const top_owner *)a)->top, ((const top_owner *)b)->top) == 0;
}

static void free_top(void *p)
{
	top_owner *t = p;
	free(t->top);
	free(t->owner);
	free(t);
}

/* Claim for DIST every top-level entry named in DIR/RECORD (CSV: the path
 * is the first field, quoted when it holds a comma).  A missing RECORD
 * claims nothing. */
static void read_record(htab_t owners, const char *dir, const char *dist)
{
	char *path = concat(dir, "/RECORD", NULL);
	int fd = mg_input_open(path, NULL, NULL);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	free(path);
	if (!f) {
		if (fd >= 0)
			close(fd);
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) > 0) {
		const char *p = line;
		if (*p == '"')
			p++;
		size_t len = strcspn(p, "/,\"\r\n");
		if (len == 0 || p[len] != '/' || (len == 2 && strncmp(p, "..", 2) == 0))
			continue;
		top_owner key = { xstrndup(p, len), NULL };
		void **slot = htab_find_slot(owners, &key, INSERT);
		if (*slot) {
			free(key.top);
			continue;
		}
		top_owner *t = xmalloc(sizeof *t);
		t->top = key.top;
		t->owner = xstrdup(dist);
		*slot = t;
	}
	free(line);
	fclose(f);
}

/* The package a top-level entry belongs to when no RECORD claims it:
 * "foo" for foo/, foo.libs/, foo.py and foo.cpython-311-x86_64-linux-gnu.so. */
static char *default_owner(const char *entry, bool is_dir)
{
	if (has_suffix(entry, ".libs"))
		return xstrndup(entry, strlen(entry) - 5);
	if (is_dir)
		return xstrdup(entry);
	return xstrndup(entry, strcspn(entry, "."));
}

typedef struct site_group {
	char *name;
	size_t n, cap;
	char **entries;
} site_group;

static void audit_site(mg_audit *a, const char *root, struct dirent **names, int n)
{
	/* Pass 1: which distribution owns each top-level entry. */
	htab_t owners = htab_create_alloc(64, hash_top, eq_top, free_top, xcalloc, free);
	for (int i = 0; i < n; i++) {
		const char *d = names[i]->d_name;
		if (!has_suffix(d, ".dist-info"))
			continue;
		char *dist = xstrndup(d, strcspn(d, "-"));
		char *dir = concat(root, "/", d, NULL);
		read_record(owners, dir, dist);
		free(dir);
		free(dist);
	}
	/* Pass 2: group the entries by owner, in directory order. */
	site_group *groups = NULL;
	size_t ngroups = 0, cap_groups = 0;
	for (int i = 0; i < n; i++) {
		const char *d = names[i]->d_name;
		if (d[0] == '.' || is_metadata_dir(d))
			continue;
		char *abs = concat(root, "/", d, NULL);
		struct stat st;
		bool is_dir = stat(abs, &st) == 0 && S_ISDIR(st.st_mode);
		free(abs);
		top_owner key = { (char *)d, NULL };
		top_owner *t = htab_find(owners, &key);
		char *owner = t ? xstrdup(t->owner) : default_owner(d, is_dir);
		size_t g = 0;
		while (g < ngroups && strcmp(groups[g].name, owner) != 0)
			g++;
		if (g == ngroups) {
			MG_GROW(groups, ngroups + 1, cap_groups);
			groups[ngroups++] = (site_group){ owner, 0, 0, NULL };
		} else
			free(owner);
		site_group *sg = &groups[g];
		MG_GROW(sg->entries, sg->n + 1, sg->cap);
		sg->entries[sg->n++] = xstrdup(d);
	}
	htab_delete(owners);
	/* Pass 3: audit each package, one at a time, with its metadata. */
	for (size_t g = 0; g < ngroups; g++) {
		site_group *sg = &groups[g];
		audit_package_begin(a, sg->name, MG_AUDIT_SITE_PACKAGE, root);
		for (int i = 0; i < n && !a->meta_known; i++) {
			const char *d = names[i]->d_name;
			if (has_suffix(d, ".dist-info") && strlen(sg->name) == strcspn(d, "-") &&
			    strncmp(d, sg->name, strlen(sg->name)) == 0) {
				char *dir = concat(root, "/", d, NULL);
				read_metadata_file(a, dir);
				free(dir);
			}
		}
		a->tops = sg->entries;
		a->n_tops = sg->n;
		for (size_t i = 0; i < sg->n; i++) {
			char *abs = concat(root, "/", sg->entries[i], NULL);
			walk(a, abs, sg->entries[i], NULL);
			free(abs);
		}
		audit_package_end(a);
		a->tops = NULL;
		a->n_tops = 0;
		for (size_t i = 0; i < sg->n; i++)
			free(sg->entries[i]);
		free(sg->entries);
		free(sg->name);
	}
	free(groups);
}

/* ---- inputs ------------------------------------------------------------------ */

static bool starts_like_zip(const char *path)
{
	unsigned char head[4];
	int fd = mg_input_open(path, NULL, NULL);
	if (fd < 0)
		return false;
	bool zip = read(fd, head, 4) == 4 && memcmp(head, "PK\3\4", 4) == 0;
	close(fd);
	return zip;
}

static void audit_directory(mg_audit *a, const char *path, const struct stat *st)
{
	free(a->walk_root);
	a->walk_root = realpath(path, NULL);
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	if (n >= 0 && is_site_dir(path, names, n)) {
		audit_site(a, path, names, n);
	} else {
		audit_package_begin(a, lbasename(path), MG_AUDIT_DIRECTORY, path);
		walk_dir(a, path, "", st, NULL);
		audit_package_end(a);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	if (n >= 0)
		free(names);
	free(a->walk_root);
	a->walk_root = NULL;
}

int mg_audit_add_path(mg_audit *a, const char *path, mg_error *err)
{
	a->input = path;
	struct stat st;
	int status = 0;
	if (stat(path, &st) != 0) {
		mg_error_set(err, path, "%s%s", errno == ELOOP ? "symlink loop: " : "",
			     strerror(errno));
		audit_input_error(a, err);
		status = -1;
	} else if (S_ISDIR(st.st_mode)) {
		audit_directory(a, path, &st);
	} else if (!S_ISREG(st.st_mode)) {
		/* Read, a FIFO or a device would block the audit or never end. */
		mg_error_set(err, path, "not a regular file (%s)", mg_input_kind(st.st_mode));
		audit_input_error(a, err);
		status = -1;
	} else if (is_wheel_name(path) || starts_like_zip(path)) {
		status = audit_wheel(a, path, err);
	} else {
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		else
			strcpy(dir, ".");
		audit_package_begin(a, lbasename(path), MG_AUDIT_FILE, dir);
		size_t before = a->n_errors;
		audit_disk_file(a, path, lbasename(path), &st);
		audit_package_end(a);
		free(dir);
		if (a->n_errors > before) {
			*err = a->errors[a->n_errors - 1].error;
			status = -1;
		}
	}
	/* Wheels found inside directories are packages of their own. */
	for (size_t i = 0; i < a->n_queued; i++) {
		mg_error e;
		a->input = a->queued[i];
		audit_wheel(a, a->queued[i], &e);
		free(a->queued[i]);
	}
	a->n_queued = 0;
	a->input = path;
	return status;
}


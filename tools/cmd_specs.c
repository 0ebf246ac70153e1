/* manyguard specs install|uninstall: manyguard's specs as a GCC's default
 * specs file, so that even /usr/bin/g++ follows the rules (docs/specs.md).
 *
 * GCC reads a file named `specs` from its library directory (the first
 * startfile prefix; a -B directory comes before it) as its default specs.
 * Install writes, into that directory DIR:
 *   DIR/specs                  manyguard's specs (first line: MARKER), with
 *                              the runtime directory's plugin options and -L
 *   DIR/manyguard/specs.orig   the specs file found there before, byte for
 *                              byte (its text starts ours; uninstall puts it back)
 *   DIR/manyguard/builtin.specs  without one, GCC's built-in specs (-dumpspecs),
 *                              which start ours
 *   DIR/manyguard/runtime-P    the runtime directory of the compiler and policy P
 *   DIR/manyguard/glibc-P      the glibc directory of the compiler and policy P
 *                              (docs/glibc.md): every link but a static one
 *                              gets -L of it when the compiler's glibc is newer
 *                              than the policy's
 * Each file appears whole (written next to its place, then renamed); the
 * backup is made before the specs file is replaced and survives reinstalls,
 * so uninstall always restores what was there before manyguard.
 *
 * No symlink below DIR is followed: DIR itself is resolved once and held
 * open, every name below it is looked at with fstatat(AT_SYMLINK_NOFOLLOW)
 * and opened with O_NOFOLLOW from the descriptor of its directory, and a
 * symlink where one of ours should be is refused, naming it, before
 * anything is written or removed (a link at DIR/manyguard would otherwise
 * send our files, or uninstall's removal, to wherever it points). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/atomic_file.h"
#include "base/grow.h"
#include "base/input.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "policy/policy.h"
#include "base/outdir.h"
#include "base/run.h"
#include "base/small_file.h"
#include "rtdir/glibc_dir.h"
#include "rtdir/glibc_shims.h"
#include "rtdir/runtime_dir.h"

#if !defined(MG_SPECS_FILE) || !defined(MG_PLUGIN_DIR)
#error "MG_SPECS_FILE and MG_PLUGIN_DIR must be defined by the build"
#endif

#define MARKER "# manyguard default specs (manyguard specs install); manyguard specs uninstall restores the original\n"

static void specs_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard specs install [--gcc CC] [--policy NAME] [--no-glibc] [--root DIR]\n"
		"       manyguard specs uninstall [--gcc CC] [--root DIR]\n"
		"\n"
		"install makes manyguard's specs the default specs of the GCC that CC runs\n"
		"(its library directory, where GCC reads a file named `specs`): every gcc/g++\n"
		"of that version then refuses static runtimes, loads manyguard's plugin and\n"
		"links C++ against the policy's runtime directory and every link against\n"
		"the policy's glibc (its glibc directory), both made there.  A specs file\n"
		"already there is kept and restored byte for byte by uninstall.\n"
		"\n"
		"  --gcc CC       the compiler (default: g++)\n"
		"  --policy NAME  the policy (default: " MG_DEFAULT_POLICY ")\n"
		"  --no-glibc     links keep binding to the compiler's own glibc\n"
		"  --root DIR     install into DIR instead of CC's library directory (a\n"
		"                private copy: use it with `CC -B DIR/`)\n");
}

typedef struct specs_target {
	const char *cc;
	int dirfd;    /* DIR, held open */
	char *dir;    /* where GCC reads `specs` */
	char *specs;  /* DIR/specs */
	char *state;  /* DIR/manyguard */
	char *backup; /* DIR/manyguard/specs.orig */
} specs_target;

static void target_free(specs_target *t)
{
	if (t->dirfd >= 0)
		close(t->dirfd);
	free(t->dir);
	free(t->specs);
	free(t->state);
	free(t->backup);
}

/* `CC OPTION`'s first line of output (malloc'd) or NULL. */
static char *ask(const char *cc, const char *option, mg_error *err)
{
	const char *argv[] = { cc, option, NULL };
	char *out = NULL;
	if (mg_run(argv, cc, &out, err) != 0)
		return NULL;
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* Spec text splits at white space and gives '%' and braces a meaning: a
 * path with them cannot be written into specs. */
static int check_spec_path(const char *path, mg_error *err)
{
	if (strpbrk(path, " \t\n%{}|;"))
		return mg_error_set(err, path, "a path with white space or one of %%{}|; "
				    "cannot be written into GCC specs");
	return 0;
}

/* The library directory of CC: where its libgcc.a is, which is also where
 * it looks for a default specs file (checked: one found elsewhere would
 * shadow ours). */
static int find_target(const char *cc, const char *root, specs_target *t, mg_error *err)
{
	memset(t, 0, sizeof *t);
	t->dirfd = -1;
	t->cc = cc;
	if (root) {
		t->dir = realpath(root, NULL);
		if (!t->dir)
			return mg_error_set(err, root, "%s", strerror(errno));
	} else {
		char *libgcc = ask(cc, "-print-libgcc-file-name", err);
		if (!libgcc)
			return -1;
		char *real = strchr(libgcc, '/') ? realpath(libgcc, NULL) : NULL;
		if (!real) {
			mg_error_set(err, cc, "cannot find the compiler's library directory "
				     "(-print-libgcc-file-name printed \"%s\")", libgcc);
			free(libgcc);
			return -1;
		}
		free(libgcc);
		*strrchr(real, '/') = '\0';
		t->dir = real;
		char *found = ask(cc, "-print-file-name=specs", err);
		if (!found)
			return -1;
		char *found_real = strchr(found, '/') ? realpath(found, NULL) : NULL;
		char *ours = concat(t->dir, "/specs", NULL);
		bool shadowed = found_real && strcmp(found_real, ours) != 0;
		free(ours);
		free(found_real);
		if (shadowed) {
			mg_error_set(err, found, "%s reads this specs file before one in %s; "
				     "cannot install there", cc, t->dir);
			free(found);
			return -1;
		}
		free(found);
	}
	t->specs = concat(t->dir, "/specs", NULL);
	t->state = concat(t->dir, "/manyguard", NULL);
	t->backup = concat(t->state, "/specs.orig", NULL);
	if (access(t->dir, W_OK) != 0)
		return mg_error_set(err, t->dir, "cannot change %s's default specs here: %s "
				    "(run as root, or use --root DIR for a private copy)",
				    cc, strerror(errno));
	t->dirfd = open(t->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (t->dirfd < 0)
		return mg_error_set(err, t->dir, "cannot open: %s", strerror(errno));
	return check_spec_path(t->dir, err);
}

/* ---- no symlinks ---------------------------------------------------------- */

/* NAME in the directory open at DIRFD (SHOWN in messages) is absent (0,
 * *FOUND false) or of the type WANT (S_IFREG, S_IFDIR; 0: either), never a
 * symlink. */
static int check_entry(int dirfd, const char *name, const char *shown, mode_t want,
		       bool *found, mg_error *err)
{
	struct stat st;
	*found = false;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return 0;
		return mg_error_set(err, shown, "%s", strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return mg_error_set(err, shown, "a symbolic link: manyguard specs never writes, "
				    "reads or removes through one; remove it and run again");
	if (want ? (st.st_mode & S_IFMT) != want : !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return mg_error_set(err, shown, "%s, not a %s", mg_input_kind(st.st_mode),
				    want == S_IFDIR ? "directory" :
				    want ? "regular file" : "directory or regular file");
	*found = true;
	return 0;
}

/* DIR/manyguard opened without following a symlink, made first when
 * CREATE (*MADE then says so); -1 without error when absent and not
 * CREATE. */
static int open_state(const specs_target *t, bool create, bool *made, mg_error *err)
{
	bool found;
	*made = false;
	if (check_entry(t->dirfd, "manyguard", t->state, S_IFDIR, &found, err) != 0)
		return -2;
	if (!found) {
		if (!create)
			return -1;
		if (mkdirat(t->dirfd, "manyguard", 0755) != 0) {
			mg_error_set(err, t->state, "cannot create directory: %s", strerror(errno));
			return -2;
		}
		*made = true;
	}
	int fd = openat(t->dirfd, "manyguard", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		mg_error_set(err, t->state, "cannot open: %s", strerror(errno));
	return fd < 0 ? -2 : fd;
}

/* Every name of ours below DIR, before anything is done: DIR/specs and the
 * files of DIR/manyguard are regular files or absent, its runtime and glibc
 * directories (and the stamps of digest checks beside them, runtime-P.stamp)
 * directories or regular files; STATEFD is DIR/manyguard (or -1). */
static int check_ours(const specs_target *t, int statefd, mg_error *err)
{
	bool found;
	if (check_entry(t->dirfd, "specs", t->specs, S_IFREG, &found, err) != 0)
		return -1;
	if (statefd < 0)
		return 0;
	DIR *d = fdopendir(dup(statefd));
	if (!d)
		return mg_error_set(err, t->state, "cannot read directory: %s", strerror(errno));
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *shown = concat(t->state, "/", e->d_name, NULL);
		mode_t want = strncmp(e->d_name, "runtime-", 8) == 0 ||
			      strncmp(e->d_name, "glibc-", 6) == 0 ? 0 : S_IFREG;
		rc = check_entry(statefd, e->d_name, shown, want, &found, err);
		free(shown);
	}
	closedir(d);
	return rc;
}

/* ---- files ------------------------------------------------------------------ */

/* The whole of the file open at FD (closed here), SHOWN in messages. */
static int read_fd(int fd, const char *shown, char **data, size_t *size, mg_error *err)
{
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return mg_error_set(err, shown, "cannot open: %s", strerror(errno));
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[8192];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		MG_GROW(buf, len + n + 1, cap);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return mg_error_set(err, shown, "cannot read");
	}
	if (!buf)
		buf = xmalloc(1);
	buf[len] = '\0';
	*data = buf;
	*size = len;
	return 0;
}

static int read_file(const char *path, char **data, size_t *size, mg_error *err)
{
	return read_fd(mg_input_open(path, NULL, err), path, data, size, err);
}

/* NAME in the directory open at DIRFD, not through a symlink. */
static int read_at(int dirfd, const char *name, const char *shown, char **data, size_t *size,
		   mg_error *err)
{
	return read_fd(mg_input_openat(dirfd, name, shown, NULL, err), shown, data, size, err);
}

static bool exists_at(int dirfd, const char *name)
{
	struct stat st;
	return dirfd >= 0 && fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* DIR/specs starts with our marker. */
static bool is_ours(const specs_target *t)
{
	int fd = mg_input_openat(t->dirfd, "specs", t->specs, NULL, NULL);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	char line[sizeof MARKER + 1];
	bool ours = fgets(line, sizeof line, f) && strcmp(line, MARKER) == 0;
	fclose(f);
	return ours;
}

/* Keep the specs file found in DIR (not one of ours), byte for byte and
 * with its mode, unless an earlier install already did. */
static int back_up(const specs_target *t, int statefd, mg_error *err)
{
	struct stat st;
	if (fstatat(t->dirfd, "specs", &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return 0;
		return mg_error_set(err, t->specs, "%s", strerror(errno));
	}
	if (is_ours(t) || exists_at(statefd, "specs.orig"))
		return 0;
	char *data;
	size_t size;
	if (read_at(t->dirfd, "specs", t->specs, &data, &size, err) != 0)
		return -1;
	int rc = mg_atomic_file_write(t->backup, data, size, st.st_mode & 07777, err);
	free(data);
	return rc;
}

/* ---- install -------------------------------------------------------------- */

/* CC's GCC major must have a plugin build: the installed specs load the
 * plugin into every compile. */
static int check_plugin(const char *cc, mg_error *err)
{
	char *version = ask(cc, "-dumpversion", err);
	if (!version)
		return -1;
	version[strcspn(version, ".")] = '\0';
	const char *dir = getenv("MANYGUARD_PLUGIN_DIR");
	char *build = concat(dir && *dir ? dir : MG_PLUGIN_DIR, "/manyguard-gcc", version, ".so",
			     NULL);
	int rc = 0;
	if (access(build, R_OK) != 0)
		rc = mg_error_set(err, build, "manyguard's plugin is not built for GCC %s, which %s "
				  "runs; rebuild manyguard with that compiler's plugin headers",
				  version, cc);
	free(build);
	free(version);
	return rc;
}

/* The specs GCC uses before ours, which ours extend.  A default specs file
 * replaces GCC's built-in specs whole (GCC then skips building some of them,
 * such as -lgcc_s in libgcc), so ours must start with all of them: the
 * original file when there is one, else `CC -dumpspecs`, kept in
 * DIR/manyguard/builtin.specs for reinstalls (when -dumpspecs would show
 * ours). */
static int base_specs(const specs_target *t, int statefd, char **text, size_t *size,
		      mg_error *err)
{
	if (exists_at(statefd, "specs.orig"))
		return read_at(statefd, "specs.orig", t->backup, text, size, err);
	if (exists_at(t->dirfd, "specs") && !is_ours(t))
		return read_at(t->dirfd, "specs", t->specs, text, size, err);
	char *builtin = concat(t->state, "/builtin.specs", NULL);
	int rc;
	if (exists_at(statefd, "builtin.specs")) {
		rc = read_at(statefd, "builtin.specs", builtin, text, size, err);
	} else {
		const char *argv[] = { t->cc, "-dumpspecs", NULL };
		rc = mg_run(argv, t->cc, text, err);
		if (rc == 0) {
			*size = strlen(*text);
			rc = mg_atomic_file_write(builtin, *text, *size, 0644, err);
		}
	}
	free(builtin);
	return rc;
}

/* TEXT without its trailing newlines (malloc'd): GCC takes three newlines
 * in a row for the end of a definition where none is expected. */
static char *trim_newlines(const char *text, size_t size)
{
	while (size > 0 && text[size - 1] == '\n')
		size--;
	return xstrndup(text, size);
}

/* Our specs: GCC's (BASE) first, then manyguard's (OURS), then the runtime
 * directory's options and the glibc directory's (GLIBC, NULL: none).
 * CXXFLAGS (the runtime directory's, one line, may be empty) apply unless
 * the command line sets the C++ ABI macro itself.  The glibc directory's
 * -L comes with --allow-shlib-undefined, as from the wrappers: the host's
 * own shared libraries a link names (libgomp, libz) need the host's glibc,
 * which the stubs lack, and at run time the target system's are loaded. */
static char *render(const specs_target *t, const char *base, size_t base_size,
		    const char *ours, size_t ours_size, const char *runtime, const char *policy,
		    const char *cxxflags, const char *glibc)
{
	char *b = trim_newlines(base, base_size), *o = trim_newlines(ours, ours_size);
	char *flags = xstrndup(cxxflags, strcspn(cxxflags, "\n"));
	char *cxx = flags[0] ? concat("\n\n*manyguard_cxxflags:\n%{!D_GLIBCXX_USE_CXX11_ABI*:"
				      "%{!U_GLIBCXX_USE_CXX11_ABI*:", flags, "}}", NULL)
			     : xstrdup("");
	char *libc = glibc ? concat("\n\n# The glibc directory of ", t->cc, " for ", policy, ".\n",
				    "*manyguard_glibc_dirs:\n-L", glibc,
				    " --allow-shlib-undefined", NULL)
			   : xstrdup("");
	char *text = concat(MARKER, "# The specs GCC used before:\n", b, "\n\n", o,
			    "\n\n# The runtime directory of ", t->cc, " for ", policy, ".\n",
			    "*manyguard_plugin_args:\n-fplugin-arg-manyguard-symbols=", runtime,
			    "/newer-symbols.txt -fplugin-arg-manyguard-baseline=", policy, "\n\n",
			    "*manyguard_link_dirs:\n-L", runtime, cxx, libc, "\n", NULL);
	free(libc);
	free(flags);
	free(cxx);
	free(b);
	free(o);
	return text;
}

/* The glibc directory of the compiler for POLICY, made at DIR; *NEEDED
 * says whether the compiler's glibc is newer than the policy's (else DIR
 * holds no stubs, and links need nothing of it). */
static int make_glibc_dir(const specs_target *t, const char *policy, const char *dir,
			  bool *needed, mg_error *err)
{
	if (check_spec_path(dir, err) != 0)
		return -1;
	const char *shims = getenv(MG_GLIBC_SHIMS_ENV);
	mg_glibc_dir_opts opts = { .cc = t->cc, .policy = policy, .policy_dir = cli_policy_dir(),
				   .shim_dir = shims && *shims ? shims : NULL };
	mg_glibc_dir_summary sum;
	if (mg_glibc_dir_make(&opts, dir, &sum, err) != 0)
		return -1;
	*needed = sum.needed;
	return 0;
}

static int install(const specs_target *t, const char *policy, bool with_glibc, mg_error *err)
{
	const char *env = getenv("MANYGUARD_SPECS");
	const char *ours_file = env && *env ? env : MG_SPECS_FILE;
	char *ours = NULL, *base = NULL, *runtime = NULL, *glibc = NULL, *text = NULL;
	size_t ours_size, base_size;
	int rc = -1, statefd = -1;
	bool made = false, glibc_needed = false;

	/* Everything that can fail without touching DIR first. */
	if (check_plugin(t->cc, err) != 0 || read_file(ours_file, &ours, &ours_size, err) != 0)
		goto out;
	statefd = open_state(t, false, &made, err);
	if (statefd < -1 || check_ours(t, statefd, err) != 0)
		goto out;
	if (statefd < 0 && (statefd = open_state(t, true, &made, err)) < 0)
		goto out;
	runtime = concat(t->state, "/runtime-", policy, NULL);
	if (check_spec_path(runtime, err) != 0)
		goto out;
	mg_runtime_dir_opts opts = { .cxx = t->cc, .policy = policy,
				     .policy_dir = cli_policy_dir() };
	if (mg_runtime_dir_make(&opts, runtime, NULL, err) != 0)
		goto out;
	glibc = concat(t->state, "/glibc-", policy, NULL);
	if ((with_glibc && make_glibc_dir(t, policy, glibc, &glibc_needed, err) != 0) ||
	    base_specs(t, statefd, &base, &base_size, err) != 0 || back_up(t, statefd, err) != 0)
		goto out;
	char *flags_path = concat(runtime, "/" MG_RUNTIME_DIR_CXXFLAGS, NULL);
	size_t flags_size;
	mg_error why;
	char *flags = mg_small_file_read(flags_path, 4096, &flags_size, &why);
	if (!flags) {
		mg_error_set(err, flags_path, "cannot read the runtime directory's C++ flags: %s",
			     why.reason);
		free(flags_path);
		goto out;
	}
	free(flags_path);
	text = render(t, base, base_size, ours, ours_size, runtime, policy, flags,
		      glibc_needed ? glibc : NULL);
	free(flags);
	rc = mg_atomic_file_write(t->specs, text, strlen(text), 0644, err);
out:
	if (rc != 0 && made && !is_ours(t))
		mg_outdir_remove_tree(t->state, NULL); /* made for nothing */
	if (statefd >= 0)
		close(statefd);
	free(ours);
	free(base);
	free(runtime);
	free(glibc);
	free(text);
	return rc;
}

/* ---- uninstall ------------------------------------------------------------ */

static int uninstall(const specs_target *t, mg_error *err)
{
	bool made;
	int rc = -1;
	int statefd = open_state(t, false, &made, err);
	if (statefd < -1 || check_ours(t, statefd, err) != 0)
		goto out;
	if (!is_ours(t)) {
		mg_error_set(err, t->specs, "%s", exists_at(t->dirfd, "specs") ?
			     "not installed by manyguard specs install; left alone" :
			     "no specs file: manyguard's specs are not installed here");
		goto out;
	}
	/* The original goes back with one rename: same bytes, same mode. */
	if (exists_at(statefd, "specs.orig")) {
		if (renameat(statefd, "specs.orig", t->dirfd, "specs") != 0) {
			mg_error_set(err, t->specs, "cannot restore %s: %s", t->backup,
				     strerror(errno));
			goto out;
		}
	} else if (unlinkat(t->dirfd, "specs", 0) != 0) {
		mg_error_set(err, t->specs, "cannot remove: %s", strerror(errno));
		goto out;
	}
	rc = statefd < 0 ? 0 : mg_outdir_remove_tree(t->state, err);
out:
	if (statefd >= 0)
		close(statefd);
	return rc;
}

int cmd_specs(int argc, char **argv)
{
	static const struct option options[] = {
		{ "gcc", required_argument, NULL, 'g' },
		{ "policy", required_argument, NULL, 'p' },
		{ "root", required_argument, NULL, 'r' },
		{ "no-glibc", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cc = "g++", *policy = NULL, *root = NULL;
	bool with_glibc = true;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'g': cc = optarg; break;
		case 'p': policy = optarg; break;
		case 'r': root = optarg; break;
		case 'n': with_glibc = false; break;
		case 'h': specs_usage(stdout); return 0;
		default: specs_usage(stderr); return 2;
		}
	}
	const char *action = optind < argc ? argv[optind] : NULL;
	bool installing = action && strcmp(action, "install") == 0;
	if (!action || (!installing && strcmp(action, "uninstall") != 0) || optind + 1 != argc) {
		cli_errorf("%s", !action ? "no action given (install or uninstall)" :
				    optind + 1 != argc ? "give exactly one action" :
							 "unknown action (install or uninstall)");
		specs_usage(stderr);
		return 2;
	}
	if (!installing && (policy || !with_glibc)) {
		cli_errorf("%s is for install", policy ? "--policy" : "--no-glibc");
		return 2;
	}
	if (policy && strchr(policy, '/')) {
		cli_errorf("--policy %s: not a policy name", policy);
		return 2;
	}

	mg_error err;
	mg_error_clear(&err);
	specs_target t;
	int rc = find_target(cc, root, &t, &err);
	if (rc == 0)
		rc = installing ? install(&t, policy ? policy : MG_DEFAULT_POLICY, with_glibc, &err)
				: uninstall(&t, &err);
	if (rc != 0)
		cli_error(&err);
	target_free(&t);
	return rc == 0 ? 0 : 1;
}

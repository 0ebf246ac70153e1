/* The glibc directory of one compiler and one target glibc (docs/glibc.md).
 *
 * Passes: the inputs (the compiler's target and its own glibc release, the
 * ABI table of the architecture, the target release from the policy's
 * GLIBC cap or from a real old libc.so.6); if the compiler's glibc is not
 * newer, a directory saying so and nothing else.  Otherwise, in a staging
 * directory: one stub per library of the target (from the table, or from
 * the real old libraries), the linker scripts, glibc.json, SHA256SUMS last,
 * and the rename into place.
 *
 * The scripts make a plain link behave as on the host while binding to
 * the target: libc.so names, in this order, the shim archive (its hidden
 * definitions, __libc_start_main's interposer among them, come before
 * libc's), libpthread as needed (what a native -pthread build binds
 * first), libc.so.6, the compiler's libc_nonshared.a (atexit and the like
 * live there in every release), then as needed the other libraries whose
 * interface the host's libc has absorbed and that code written for the
 * host reaches without naming them (2.34 moved libdl and librt into libc:
 * it calls dlopen without -ldl), and the dynamic loader.  Only those: GNU
 * ld copies its whole symbol table before it reads each as-needed library,
 * to undo the reading when the library is not needed, so every library
 * there costs every link as much as the link is large. */
#include "config.h"
#include "rtdir/glibc_dir.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/dirdigest.h"
#include "base/outdir.h"
#include "base/run.h"
#include "policy/glibc_abi.h"
#include "policy/policy.h"
#include "rtdir/glibc_shims.h"
#include "rtdir/glibc_stubs.h"
#include "rtdir/stub.h"

/* What the passes share. */
typedef struct glibc_dir {
	const mg_glibc_dir_opts *o;
	const char *cc;
	mg_glibc_abi *abi;
	char arch[32];
	char release[16], host[16];
	int rel, host_rel;          /* table indices of both */
	mg_policy *policy;          /* its GLIBC cap, or (with a baseline) its GCC cap */
	char *nonshared;            /* the compiler's libc_nonshared.a */
	bool gcc_s;                 /* libgcc_s.so.1 was stubbed */
	char *staging, *final;      /* borrowed from the outdir; final is ours */
	/* Per library of the table: the stub written (its SONAME), or NULL. */
	char **written;
	size_t *counts;
	mg_glibc_dir_summary sum;
} glibc_dir;

/* ---- inputs ------------------------------------------------------------- */

/* The compiler's target architecture: the first part of -dumpmachine. */
static int compiler_arch(glibc_dir *g, mg_error *err)
{
	if (g->o->arch) {
		snprintf(g->arch, sizeof g->arch, "%s", g->o->arch);
		return 0;
	}
	const char *argv[] = { g->cc, "-dumpmachine", NULL };
	char *out = NULL;
	if (mg_run(argv, g->cc, &out, err) != 0)
		return -1;
	out[strcspn(out, "-\n")] = '\0';
	snprintf(g->arch, sizeof g->arch, "%s", out);
	free(out);
	return 0;
}

/* The compiler's glibc release, read from the libc.so.6 it links with. */
static int compiler_glibc(glibc_dir *g, mg_error *err)
{
	char *libc = mg_run_compiler_file(g->cc, "libc.so.6", err);
	if (!libc)
		return -1;
	int rc = mg_glibc_lib_release(libc, g->host, sizeof g->host, err);
	free(libc);
	return rc;
}

/* The target release: the policy's GLIBC cap ("GLIBC_2.17" -> "2.17"). */
static int policy_release(glibc_dir *g, mg_error *err)
{
	const mg_caps *caps = mg_policy_caps(g->policy, g->arch);
	const char *cap = caps ? mg_caps_get(caps, "GLIBC", NULL) : NULL;
	if (!cap)
		return mg_error_set(err, mg_policy_path(g->policy), "policy %s has no GLIBC cap for %s",
				    mg_policy_name(g->policy), g->arch);
	snprintf(g->release, sizeof g->release, "%s", cap + strlen("GLIBC_"));
	return 0;
}

/* The table index of release NAME, or of the nearest one the table has
 * (its newest for a newer host, its oldest refused for an older target). */
static int table_release(const mg_glibc_abi *abi, const char *name, bool newer_ok, mg_error *err)
{
	int rel = mg_glibc_abi_release_index(abi, name);
	if (rel >= 0)
		return rel;
	size_t n = mg_glibc_abi_release_count(abi);
	if (newer_ok && mg_glibc_abi_release_cmp(name, mg_glibc_abi_release_at(abi, n - 1)) > 0)
		return (int)n - 1;
	return mg_error_set(err, NULL, "glibc %s is not in the ABI table (it covers %s to %s)", name,
			    mg_glibc_abi_release_at(abi, 0), mg_glibc_abi_release_at(abi, n - 1));
}

static int inputs(glibc_dir *g, mg_error *err)
{
	if (compiler_arch(g, err) != 0 || compiler_glibc(g, err) != 0)
		return -1;
	g->abi = mg_glibc_abi_load_arch(g->o->policy_dir, g->arch, err);
	if (!g->abi)
		return -1;
	g->policy = mg_policy_load(g->o->policy_dir, g->o->policy ? g->o->policy : MG_DEFAULT_POLICY,
				   err);
	if (!g->policy)
		return -1;
	if (g->o->baseline_libc) {
		char *libc = concat(g->o->baseline_libc, "/libc.so.6", NULL);
		int rc = mg_glibc_lib_release(libc, g->release, sizeof g->release, err);
		free(libc);
		if (rc != 0)
			return -1;
	} else if (policy_release(g, err) != 0) {
		return -1;
	}
	g->sum.needed = g->o->force || mg_glibc_abi_release_cmp(g->release, g->host) < 0;
	if (!g->sum.needed)
		return 0;
	if ((g->rel = table_release(g->abi, g->release, false, err)) < 0 ||
	    (g->host_rel = table_release(g->abi, g->host, true, err)) < 0)
		return -1;
	g->nonshared = mg_run_compiler_file(g->cc, "libc_nonshared.a", err);
	return g->nonshared ? 0 : -1;
}

/* ---- stubs -------------------------------------------------------------- */

static int write_stub(glibc_dir *g, size_t lib, mg_stub *stub, const char *work, mg_error *err)
{
	char *out = concat(g->staging, "/", mg_stub_soname(stub), NULL);
	int rc = mg_stub_build(stub, g->cc, work, out, err);
	free(out);
	if (rc == 0) {
		g->written[lib] = xstrdup(mg_stub_soname(stub));
		g->counts[lib] = mg_stub_symbol_count(stub);
		g->sum.libraries++;
		g->sum.symbols += g->counts[lib];
	}
	return rc;
}

static int write_stubs(glibc_dir *g, mg_error *err)
{
	size_t nlibs = mg_glibc_abi_lib_count(g->abi);
	g->written = XCNEWVEC(char *, nlibs);
	g->counts = XCNEWVEC(size_t, nlibs);
	char *work = concat(g->staging, "/.work", NULL);
	int rc = -1;
	if (mkdir(work, 0700) != 0) {
		mg_error_set(err, work, "cannot create: %s", strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < nlibs; i++) {
		const mg_glibc_abi_lib *lib = mg_glibc_abi_lib_at(g->abi, i);
		mg_stub *stub = NULL;
		if (g->o->baseline_libc) {
			char *path = concat(g->o->baseline_libc, "/", lib->soname, NULL);
			bool there = access(path, F_OK) == 0;
			if (there)
				stub = mg_glibc_stub_from_lib(path, err);
			free(path);
			if (there && !stub)
				goto out;
		} else if (mg_glibc_abi_in(lib->releases, g->rel)) {
			/* The compiler's library of the same SONAME says which data
			 * symbols are aliases (rtdir/glibc_stubs.h); a library it
			 * lacks (libcrypt, libnsl) has none that matter. */
			mg_error ignored;
			char *host = mg_run_compiler_file(g->cc, lib->soname, &ignored);
			stub = mg_glibc_stub_from_table(g->abi, g->rel, i, host, err);
			free(host);
			if (!stub)
				goto out;
		}
		if (!stub)
			continue;
		int wrc = write_stub(g, i, stub, work, err);
		mg_stub_free(stub);
		if (wrc != 0)
			goto out;
	}
	if (!g->written[0]) {
		mg_error_set(err, g->o->baseline_libc, "no libc.so.6 to stub");
		goto out;
	}
	rc = mg_outdir_remove_tree(work, err);
out:
	free(work);
	return rc;
}


/* The compiler's libgcc_s.so.1, capped at the policy: a C link that needs
 * it (unwinding) would otherwise read the compiler's, which needs the
 * host's glibc (_dl_find_object@GLIBC_2.35 on bookworm) from the stub of an
 * older one.  The same stub as the runtime directory's (docs/nonshared.md),
 * which C++ links find first. */
static int write_gcc_s(glibc_dir *g, mg_error *err)
{
	const mg_caps *caps = mg_policy_caps(g->policy, g->arch);
	if (!caps)
		return mg_error_set(err, mg_policy_path(g->policy), "policy %s has no rules for %s",
				    mg_policy_name(g->policy), g->arch);
	mg_error ignored;
	char *path = mg_run_compiler_file(g->cc, "libgcc_s.so.1", &ignored);
	if (!path)
		return 0; /* a compiler without libgcc_s: nothing to cap */
	char *soname = NULL;
	int rc = mg_stub_make(path, caps, g->cc, g->staging, &soname, err);
	free(path);
	if (rc == 0) {
		char *text = mg_asprintf("/* GNU ld script written by manyguard: the compiler's libgcc_s\n"
					 " * capped at %s, then libgcc.a. */\n"
					 "GROUP ( %s/%s -lgcc )\n",
					 mg_policy_name(g->policy), g->final, soname);
		rc = mg_outdir_write_text(g->staging, "libgcc_s.so", text, err);
		free(text);
		g->gcc_s = rc == 0;
	}
	free(soname);
	return rc;
}

/* ---- scripts ------------------------------------------------------------ */

/* Whether the host's libc has absorbed library LIB of the target: a name
 * LIB defines by default at the target is, at the host, libc's default
 * and no longer LIB's (libm's copysign, in both all along, is not). */
static bool absorbed(const glibc_dir *g, size_t lib)
{
	const mg_glibc_abi_lib *l = mg_glibc_abi_lib_at(g->abi, lib);
	if (strcmp(l->name, "libc") == 0 || strcmp(l->name, "ld") == 0)
		return false;
	for (size_t i = 0; i < mg_glibc_abi_symbol_count(g->abi); i++) {
		const mg_glibc_abi_symbol *s = mg_glibc_abi_symbol_at(g->abi, i);
		if (s->lib != lib || !mg_glibc_abi_in(s->releases, g->rel) ||
		    !mg_glibc_abi_is_default(s, 0))
			continue;
		const mg_glibc_abi_symbol *at_host[4];
		size_t n = mg_glibc_abi_where(g->abi, s->name, g->host_rel, at_host, 4);
		bool in_libc = false, in_lib = false;
		for (size_t k = 0; k < n && k < 4; k++) {
			in_libc |= at_host[k]->lib == 0;
			in_lib |= at_host[k]->lib == lib;
		}
		if (in_libc && !in_lib)
			return true;
	}
	return false;
}


/* The absorbed libraries that code written for the host reaches without
 * naming them, and libc.so therefore brings in as needed: what dlopen and
 * dlsym (libdl), shm_open, timer_create, mq_* and aio_* (librt) and
 * pthread_create (libpthread, first) need.  Measured on Debian bookworm:
 * of its 3,757 ELF files built against glibc 2.36, 248 call names glibc
 * 2.17 had in libpthread, 181 the loader's (__tls_get_addr), 174 libdl's,
 * 17 librt's, 9 libutil's (openpty, forkpty), 1 libresolv's and none
 * libanl's or 2.28's libm ones (__isnanf128).  Those rare ones are named
 * by the link, as a build for the old glibc must name them (a configure
 * test for openpty finds it in -lutil); a link that does not gets the
 * linker wrapper's error naming the library (rules/rules.h). */
static bool reached_unnamed(const char *name)
{
	static const char *const reached[] = { "libpthread", "libdl", "librt" };
	for (size_t i = 0; i < sizeof reached / sizeof reached[0]; i++)
		if (strcmp(name, reached[i]) == 0)
			return true;
	return false;
}

/* " FINAL/NAME" appended to *LIST. */
static void add_path(char **list, const char *final, const char *name)
{
	char *joined = concat(*list ? *list : "", " ", final, "/", name, NULL);
	free(*list);
	*list = joined;
}

static char *libc_script(const glibc_dir *g, bool shims)
{
	char *first = NULL, *later = NULL;
	size_t nlibs = mg_glibc_abi_lib_count(g->abi);
	for (size_t i = 1; i < nlibs; i++) {
		if (!g->written[i])
			continue;
		const char *name = mg_glibc_abi_lib_at(g->abi, i)->name;
		if (strcmp(name, "libpthread") == 0 && absorbed(g, i))
			add_path(&first, g->final, g->written[i]);
		else if (strcmp(name, "ld") == 0 || (reached_unnamed(name) && absorbed(g, i)))
			add_path(&later, g->final, g->written[i]);
	}
	char *text = mg_asprintf(
		"/* GNU ld script written by manyguard: glibc %s's libraries for a link\n"
		" * on glibc %s.  Shims first, libc's stub, the compiler's libc_nonshared.a,\n"
		" * then as needed the libraries that code for glibc %s calls without\n"
		" * naming them (docs/glibc.md). */\n"
		"GROUP ( %s%s%s%s%s%s/%s %s%s%s%s )\n",
		g->release, g->host, g->host, shims ? g->final : "", shims ? "/" MG_GLIBC_DIR_SHIMS " " : "",
		first ? "AS_NEEDED (" : "", first ? first : "", first ? " ) " : "", g->final,
		g->written[0], g->nonshared, later ? " AS_NEEDED (" : "", later ? later : "",
		later ? " )" : "");
	free(first);
	free(later);
	return text;
}

/* pthread_dep.o: an undefined reference to pthread_create and nothing
 * else, which the libpthread.so script links when the target's libpthread
 * has pthread_create (before 2.34).  GCC 11 and later no longer name
 * pthread_create in a user's object (<thread> took its address up to GCC
 * 10), and the compiler's -pthread link is --as-needed, so without a
 * reference of its own the output drops libpthread.so.0; on the target,
 * libstdc++'s std::thread (which finds pthread_create through a weak
 * reference) then crashes: measured in bullseye with a manylinux_2_28
 * std::thread program.  Returns 1 when written, 0 when not needed. */
static int write_pthread_dep(glibc_dir *g, mg_error *err)
{
	const mg_glibc_abi_symbol *w[4];
	size_t n = mg_glibc_abi_where(g->abi, "pthread_create", g->rel, w, 4);
	int lib = mg_glibc_abi_lib_index(g->abi, "libpthread");
	if (n == 0 || lib < 0 || w[0]->lib != (size_t)lib || !g->written[lib])
		return 0;
	static const char text[] = "\t.globl pthread_create\n"
				   "\t.section .note.GNU-stack,\"\",@progbits\n";
	char *src = concat(g->staging, "/pthread_dep.s", NULL);
	char *obj = concat(g->staging, "/pthread_dep.o", NULL);
	int rc = mg_outdir_write_text(g->staging, "pthread_dep.s", text, err);
	if (rc == 0) {
		const char *argv[] = { g->cc, "-c", "-o", obj, src, NULL };
		rc = mg_run(argv, obj, NULL, err);
	}
	unlink(src);
	free(src);
	free(obj);
	return rc == 0 ? 1 : -1;
}

static int write_scripts(glibc_dir *g, mg_error *err)
{
	struct stat st;
	char *shims_path = concat(g->staging, "/" MG_GLIBC_DIR_SHIMS, NULL);
	bool shims = stat(shims_path, &st) == 0;
	free(shims_path);
	g->sum.shims = shims;
	char *text = libc_script(g, shims);
	int rc = mg_outdir_write_text(g->staging, MG_GLIBC_DIR_SCRIPT, text, err);
	free(text);
	int dep = rc == 0 ? write_pthread_dep(g, err) : 0;
	if (dep < 0)
		rc = -1;
	int mvec = mg_glibc_abi_lib_index(g->abi, "libmvec");
	for (size_t i = 1; i < mg_glibc_abi_lib_count(g->abi) && rc == 0; i++) {
		const char *name = mg_glibc_abi_lib_at(g->abi, i)->name;
		if (!g->written[i] || strcmp(name, "ld") == 0 || (int)i == mvec)
			continue;
		if (strcmp(name, "libm") == 0 && mvec >= 0 && g->written[mvec])
			text = mg_asprintf("/* GNU ld script written by manyguard: glibc %s's libm. */\n"
					   "GROUP ( %s/%s AS_NEEDED ( %s/%s ) )\n",
					   g->release, g->final, g->written[i], g->final,
					   g->written[mvec]);
		else if (strcmp(name, "libpthread") == 0 && dep == 1)
			text = mg_asprintf("/* GNU ld script written by manyguard: glibc %s's libpthread,\n"
					   " * and a reference to pthread_create that keeps it\n"
					   " * under --as-needed (docs/glibc.md). */\n"
					   "INPUT ( %s/pthread_dep.o %s/%s )\n",
					   g->release, g->final, g->final, g->written[i]);
		else
			text = mg_asprintf("/* GNU ld script written by manyguard: glibc %s's %s. */\n"
					   "INPUT ( %s/%s )\n",
					   g->release, name, g->final, g->written[i]);
		char *file = concat(name, ".so", NULL);
		rc = mg_outdir_write_text(g->staging, file, text, err);
		free(file);
		free(text);
	}
	if (rc == 0 && mvec >= 0 && g->written[mvec]) {
		text = mg_asprintf("/* GNU ld script written by manyguard: glibc %s's libmvec. */\n"
				   "INPUT ( %s/%s )\n",
				   g->release, g->final, g->written[mvec]);
		rc = mg_outdir_write_text(g->staging, "libmvec.so", text, err);
		free(text);
	}
	return rc;
}

/* ---- glibc.json --------------------------------------------------------- */

static int write_info(glibc_dir *g, const char *dir, mg_error *err)
{
	json_t *root = json_object();
	json_object_set_new(root, "format", json_integer(atoi(MG_GLIBC_DIR_FORMAT)));
	json_object_set_new(root, "arch", json_string(g->arch));
	json_object_set_new(root, "release", json_string(g->release));
	json_object_set_new(root, "host", json_string(g->host));
	json_object_set_new(root, "needed", json_boolean(g->sum.needed));
	json_object_set_new(root, "policy",
			    g->o->baseline_libc ? json_null() : json_string(mg_policy_name(g->policy)));
	json_object_set_new(root, "baseline_libc",
			    g->o->baseline_libc ? json_string(g->o->baseline_libc) : json_null());
	json_object_set_new(root, "table_sha256", json_string(mg_glibc_abi_digest(g->abi)));
	json_t *libs = json_array();
	for (size_t i = 0; g->written && i < mg_glibc_abi_lib_count(g->abi); i++) {
		if (!g->written[i])
			continue;
		json_t *lib = json_object();
		json_object_set_new(lib, "name", json_string(mg_glibc_abi_lib_at(g->abi, i)->name));
		json_object_set_new(lib, "soname", json_string(g->written[i]));
		json_object_set_new(lib, "symbols", json_integer((json_int_t)g->counts[i]));
		json_array_append_new(libs, lib);
	}
	json_object_set_new(root, "libraries", libs);
	json_object_set_new(root, "libc_nonshared",
			    g->nonshared && g->sum.needed ? json_string(g->nonshared) : json_null());
	json_object_set_new(root, "libgcc_s", g->gcc_s ? json_string("libgcc_s.so.1") : json_null());
	json_object_set_new(root, "shims",
			    g->sum.shims ? json_string(MG_GLIBC_DIR_SHIMS) : json_null());
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(root);
	char *line = concat(text, "\n", NULL);
	free(text);
	int rc = mg_outdir_write_text(dir, MG_GLIBC_DIR_INFO, line, err);
	free(line);
	return rc;
}

/* ---- the shims ----------------------------------------------------------- */

/* libmanyguard_glibc.a: the shims of the architecture that the target
 * release lacks (rtdir/glibc_shims.h), written only when there is one.
 * An architecture without shims is an error, not a silent omission: an
 * executable for a release before 2.34 needs the start fix to run its
 * constructors. */
static int write_shims(glibc_dir *g, mg_error *err)
{
	const char *base = g->o->shim_dir ? g->o->shim_dir : mg_glibc_shims_default_dir();
	char *dir = concat(base, "/", g->arch, NULL);
	char *path = NULL;
	int rc = -1;
	mg_glibc_shims *shims = mg_glibc_shims_plan(dir, g->abi, g->release, err);
	if (!shims)
		goto out;
	bool any = false;
	for (size_t i = 0; i < mg_glibc_shims_count(shims); i++)
		any |= mg_glibc_shims_at(shims, i)->needed;
	rc = 0;
	if (any) {
		path = concat(g->staging, "/" MG_GLIBC_DIR_SHIMS, NULL);
		rc = mg_glibc_shims_write(shims, path, err);
	}
out:
	mg_glibc_shims_free(shims);
	free(path);
	free(dir);
	return rc;
}

/* ---- the whole job ------------------------------------------------------- */

int mg_glibc_dir_make(const mg_glibc_dir_opts *o, const char *out_dir,
		      mg_glibc_dir_summary *summary, mg_error *err)
{
	glibc_dir g = { .o = o, .cc = o->cc ? o->cc : "cc", .rel = -1, .host_rel = -1 };
	mg_outdir *out = NULL;
	int rc = -1;
	if (inputs(&g, err) != 0)
		goto out;
	if (!(out = mg_outdir_begin(out_dir, err)) || !(g.final = mg_outdir_final_path(out, err)))
		goto out;
	g.staging = (char *)mg_outdir_path(out);
	if (g.sum.needed && (write_stubs(&g, err) != 0 || write_gcc_s(&g, err) != 0 ||
			     write_shims(&g, err) != 0 || write_scripts(&g, err) != 0))
		goto out;
	if (write_info(&g, g.staging, err) != 0 || mg_dirdigest_write(g.staging, err) != 0)
		goto out;
	rc = mg_outdir_commit(out, err);
	out = NULL;
	if (rc == 0 && summary) {
		*summary = g.sum;
		snprintf(summary->arch, sizeof summary->arch, "%s", g.arch);
		snprintf(summary->release, sizeof summary->release, "%s", g.release);
		snprintf(summary->host, sizeof summary->host, "%s", g.host);
	}
out:
	mg_outdir_abort(out);
	for (size_t i = 0; g.written && i < mg_glibc_abi_lib_count(g.abi); i++)
		free(g.written[i]);
	free(g.written);
	free(g.counts);
	free(g.final);
	free(g.nonshared);
	mg_policy_free(g.policy);
	mg_glibc_abi_free(g.abi);
	return rc;
}

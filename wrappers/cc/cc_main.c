/* manyguard-cc / manyguard-c++: the compiler wrapper.
 *
 * Passes, in order: find the real compiler (refusing to run itself);
 * settle the policy (the one the build was configured for, taken off the
 * command line, against MANYGUARD_POLICY); classify the command line (response files expanded for inspection
 * only); a link is checked for static runtimes (refused, or warned about
 * under MANYGUARD_ALLOW); a link, and a GCC compile, get the injections of
 * the table below (a link also the configuration of the linker wrapper in
 * its environment) and the compiler replaces the wrapper (or runs with a
 * response file when the command line has grown too long); anything else
 * is handed to the compiler untouched by exec. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "cc/cc_args.h"
#include "cc/cc_cache.h"
#include "cc/cc_cxxflags.h"
#include "cc/cc_exec.h"
#include "cc/cc_find.h"
#include "cc/cc_gcc.h"
#include "cc/cc_policy.h"
#include "cc/cc_scan.h"
#include "base/asprintf.h"
#include "base/cleanup.h"
#include "base/diag.h"
#include "base/rsp.h"
#include "base/error.h"
#include "policy/ompinfo.h"
#include "rtdir/glibc_shims.h"

#ifndef MG_LINKER_DIR
#error "MG_LINKER_DIR (pkglibexecdir/bin) must be defined by the build"
#endif

/* Counts wrapper invocations nested through the compiler command: a
 * wrapper that meets it already set is running itself. */
#define DEPTH_VAR "MANYGUARD_CC_DEPTH"

static void print_diag(const char *program, mg_severity sev, mg_rule rule, const char *msg,
		       const mg_allow *allow, bool notes)
{
	mg_diag d = { .program = program, .severity = sev, .rule = rule, .message = msg };
	mg_diag_apply_allow(&d, allow);
	mg_diag_buf buf = { 0 };
	mg_diag_append(&buf, &d);
	if (notes)
		mg_diag_append_notes(&buf, &d);
	fputs(buf.data, stderr);
	mg_diag_buf_free(&buf);
}

static int fail(const cc_self *self, const mg_error *err)
{
	char msg[sizeof err->file + sizeof err->reason + 4];
	mg_error_format(err, msg, sizeof msg);
	print_diag(self->name, MG_SEV_ERROR, MG_RULE_NONE, msg, NULL, false);
	return 1;
}

/* ---- what a link (or a GCC compile) gets --------------------------------- */

typedef struct link_ctx {
	const cc_self *self;
	const cc_compiler *compiler;
	const cc_scan *scan;
	const char *policy;
	char *runtime_dir; /* set by runtime_dir() */
	char *glibc_dir;   /* set by inject_glibc_dir() when the link needs it */
	char *shipped;     /* for icecc: the files named here that the remote
			      compiler reads, ':'-separated (ship()) */
} link_ctx;

/* icecc sends the file of a -fplugin= to the remote side, in the compiler's
 * environment, and with it the files named in ICECC_EXTRAFILES; the specs,
 * the plugin's build for the GCC major (which the loader opens next to
 * itself) and newer-symbols.txt must go that way, or the remote compile
 * fails and icecc compiles here after all. */
static void ship(link_ctx *ctx, const char *file)
{
	if (ctx->compiler->farm != CC_FARM_ICECC)
		return;
	char *joined = ctx->shipped ? concat(ctx->shipped, ":", file, NULL) : xstrdup(file);
	free(ctx->shipped);
	ctx->shipped = joined;
}

/* -B: the driver runs the linker wrapper found there as `ld`.  A -B
 * directory without one is no error to the driver: it would run the
 * system's ld, and the link would go unverified without a word. */
static int inject_linker_dir(link_ctx *ctx, cc_args *out, mg_error *err)
{
	(void)ctx;
	const char *env = getenv("MANYGUARD_LINKER_DIR");
	const char *dir = env && *env ? env : MG_LINKER_DIR;
	char *ld = concat(dir, "/ld", NULL);
	struct stat st;
	const char *why = NULL;
	if (stat(ld, &st) != 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode) || access(ld, X_OK) != 0)
		why = "not an executable file";
	int rc = 0;
	if (why && env && *env)
		rc = mg_error_set(err, ld, "MANYGUARD_LINKER_DIR has no linker wrapper (%s)", why);
	else if (why)
		rc = mg_error_set(err, ld, "the installation has no linker wrapper (%s): an "
				  "incomplete installation? MANYGUARD_LINKER_DIR names another "
				  "directory", why);
	free(ld);
	if (rc != 0)
		return rc;
	char *opt = concat("-B", dir, "/", NULL);
	cc_args_add(out, opt);
	free(opt);
	return 0;
}

/* MANYGUARD_ALLOW_HAZARD="sym,sym": newer symbols the runtime directory
 * provides despite their hazard (manyguard nonshared --allow-hazard). */
static char **allow_hazard_list(size_t *n)
{
	const char *value = getenv("MANYGUARD_ALLOW_HAZARD");
	char **list = NULL;
	*n = 0;
	if (!value || !*value)
		return NULL;
	char *copy = xstrdup(value);
	for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		list = xrealloc(list, (*n + 1) * sizeof *list);
		list[(*n)++] = xstrdup(tok);
	}
	free(copy);
	return list;
}

/* A cached directory the cache found DAMAGED (no reason: intact) and made
 * again: said once, as a warning, naming WHAT ("runtime", "glibc"). */
static void warn_damaged(const link_ctx *ctx, const mg_error *damaged, const char *what)
{
	if (!damaged->reason[0])
		return;
	char buf[sizeof damaged->file + sizeof damaged->reason + 4];
	char *msg = concat(mg_error_format(damaged, buf, sizeof buf), ": the ", what,
			   " directory was damaged, and is made again", NULL);
	print_diag(ctx->self->name, MG_SEV_WARNING, MG_RULE_NONE, msg, NULL, false);
	free(msg);
}

/* The policy's (or baseline's) runtime directory, made on first use. */
static int runtime_dir(link_ctx *ctx, mg_error *err)
{
	if (ctx->runtime_dir)
		return 0;
	const char *baseline = getenv("MANYGUARD_BASELINE_LIBSTDCXX");
	const char *baseline_gcc_s = getenv("MANYGUARD_BASELINE_LIBGCC_S");
	const char *policy_dir = getenv("MANYGUARD_POLICY_DIR");
	size_t n_allow = 0;
	char **allow = allow_hazard_list(&n_allow);
	cc_runtime_request req = {
		.compiler = ctx->compiler,
		.policy = ctx->policy,
		.policy_dir = policy_dir && *policy_dir ? policy_dir : NULL,
		.baseline = baseline && *baseline ? baseline : NULL,
		.baseline_gcc_s = baseline_gcc_s && *baseline_gcc_s ? baseline_gcc_s : NULL,
		.allow_hazard = (const char *const *)allow,
		.n_allow_hazard = n_allow,
		.unchecked = ctx->scan->mode != CC_MODE_LINK,
	};
	mg_error damage;
	ctx->runtime_dir = cc_cache_runtime_dir(&req, &damage, err);
	for (size_t i = 0; i < n_allow; i++)
		free(allow[i]);
	free(allow);
	if (ctx->runtime_dir)
		warn_damaged(ctx, &damage, "runtime");
	return ctx->runtime_dir ? 0 : -1;
}

/* The flags C++ code needs for the baseline (the old std::string and
 * std::list ABI for a baseline older than GCC 5; cc_cxxflags.h: no runtime
 * directory is made for them), unless the command line chooses the ABI
 * itself. */
static int inject_cxxflags(link_ctx *ctx, cc_args *out, mg_error *err)
{
	if (ctx->scan->cxx_abi_set)
		return 0;
	const char *flags;
	if (cc_cxxflags(ctx->compiler, ctx->policy, &flags, err) != 0)
		return -1;
	if (flags)
		cc_args_add(out, flags);
	return 0;
}

/* -L: -lstdc++ and -lgcc_s find the policy's split runtime first. */
static int inject_runtime_dir(link_ctx *ctx, cc_args *out, mg_error *err)
{
	if (runtime_dir(ctx, err) != 0)
		return -1;
	char *opt = concat("-L", ctx->runtime_dir, NULL);
	cc_args_add(out, opt);
	free(opt);
	return 0;
}

/* -L: -lgomp, which -fopenmp adds, binds to the OpenMP runtime built for
 * the policy's glibc (docs/openmp.md).  None built yet: it is built here,
 * once, when its source tree is at hand (never fetched: a link runs
 * offline); else the link binds to the compiler's libgomp, with a warning
 * and the command that fixes it when that one needs a GLIBC above the
 * policy's cap (the manifest records it either way). */
static int inject_openmp(link_ctx *ctx, cc_args *out, mg_error *err)
{
	const char *policy_dir = getenv("MANYGUARD_POLICY_DIR");
	const char *pdir = policy_dir && *policy_dir ? policy_dir : NULL;
	const char *name = ctx->self->name;
	cc_openmp omp;
	if (cc_cache_openmp(ctx->compiler, ctx->policy, pdir, &omp, err) != 0)
		return -1;
	int rc = 0;
	char *msg = NULL;
	if (!omp.dir && omp.source) {
		msg = mg_asprintf("building the OpenMP runtime for %s once, from %s, into %s "
				  "(docs/openmp.md)", ctx->policy, omp.source, omp.cache_dir);
		print_diag(name, MG_SEV_NOTE, MG_RULE_NONE, msg, NULL, false);
		if (cc_cache_openmp_build(ctx->policy, pdir, &omp, err) != 0) {
			rc = -1;
			goto out;
		}
		free(msg);
		/* Parallel first links wait for the one that builds it. */
		msg = omp.built ? mg_asprintf("built %s/" MG_OMPINFO_SONAME " in %.0f s",
					      omp.dir, omp.seconds)
				: mg_asprintf("%s was built by another link meanwhile", omp.dir);
		print_diag(name, MG_SEV_NOTE, MG_RULE_NONE, msg, NULL, false);
	}
	if (omp.dir) {
		char *opt = concat("-L", omp.dir, NULL);
		cc_args_add(out, opt);
		free(opt);
		goto out;
	}
	if (!omp.cache_dir || (!omp.need_error.reason[0] && omp.need.within))
		goto out; /* clang; or the compiler's fits the policy */
	free(msg);
	if (omp.need_error.reason[0]) {
		char buf[sizeof omp.need_error.file + sizeof omp.need_error.reason + 4];
		msg = mg_asprintf("no OpenMP runtime built for %s: this link binds to the "
				  "compiler's libgomp, whose GLIBC needs are unknown (%s)",
				  ctx->policy, mg_error_format(&omp.need_error, buf, sizeof buf));
	} else {
		msg = mg_asprintf("no OpenMP runtime built for %s: this link binds to the "
				  "compiler's %s, which needs %s (above %s's cap %s): a wheel "
				  "that carries it is refused for %s", ctx->policy,
				  omp.compiler_lib, omp.need.max, ctx->policy, omp.need.cap,
				  ctx->policy);
	}
	print_diag(name, MG_SEV_WARNING, MG_RULE_NONE, msg, NULL, false);
	free(msg);
	msg = mg_asprintf("fix: build the policy's runtime once, which every later -fopenmp "
			  "link binds to: manyguard openmp --fetch --policy %s%s%s (docs/openmp.md)",
			  ctx->policy, omp.fix_cc ? " --cc " : "", omp.fix_cc ? omp.fix_cc : "");
	print_diag(name, MG_SEV_NOTE, MG_RULE_NONE, msg, NULL, false);
out:
	free(msg);
	cc_openmp_free(&omp);
	return rc;
}

/* -L: -lc, -lm, -lpthread ... find the stubs of the policy's glibc (or of
 * MANYGUARD_BASELINE_LIBC's) first, when the compiler's glibc is newer.
 * A static link binds no glibc version, and the directory is the compiler's
 * default ABI's (-m32 would find 64-bit scripts): neither gets it. */
static int inject_glibc_dir(link_ctx *ctx, cc_args *out, mg_error *err)
{
	/* On unless switched off (docs/glibc.md, "Switching it off"). */
	const char *on = getenv("MANYGUARD_GLIBC");
	if (on && strcmp(on, "off") == 0)
		return 0;
	if (on && *on && strcmp(on, "on") != 0)
		return mg_error_set(err, NULL, "MANYGUARD_GLIBC=\"%s\": expected on or off", on);
	if (ctx->scan->static_all || ctx->scan->other_abi)
		return 0;
	const char *baseline = getenv("MANYGUARD_BASELINE_LIBC");
	const char *policy_dir = getenv("MANYGUARD_POLICY_DIR");
	const char *shim_dir = getenv(MG_GLIBC_SHIMS_ENV);
	cc_glibc_request req = {
		.compiler = ctx->compiler,
		.policy = ctx->policy,
		.policy_dir = policy_dir && *policy_dir ? policy_dir : NULL,
		.baseline_libc = baseline && *baseline ? baseline : NULL,
		.shim_dir = shim_dir && *shim_dir ? shim_dir : NULL,
	};
	mg_error damage;
	bool needed;
	char *dir = cc_cache_glibc_dir(&req, &needed, &damage, err);
	if (!dir)
		return err->reason[0] ? -1 : 0;
	warn_damaged(ctx, &damage, "glibc");
	if (!needed) {
		free(dir);
		return 0;
	}
	char *opt = concat("-L", dir, NULL);
	cc_args_add(out, opt);
	free(opt);
	/* The host's own shared libraries an executable links (libgomp, libz)
	 * need the host's glibc, which the stubs lack; at run time the target
	 * system's copies are loaded, so their needs are not this link's. */
	cc_args_add(out, "-Wl,--allow-shlib-undefined");
	ctx->glibc_dir = dir;
	return 0;
}

/* -specs=: manyguard's specs, told to stand down (docs/specs.md): a GCC
 * whose default specs are manyguard's then neither judges the command line
 * again nor adds a second plugin, -B or -L. */
static int inject_specs(link_ctx *ctx, cc_args *out, mg_error *err)
{
	ship(ctx, cc_gcc_specs_file());
	return cc_gcc_add_specs(out, err);
}

/* -fplugin=: object notes, with the runtime directory's newer symbols for
 * C++ (C code has no use for them: facts only, no directory to make). */
static int inject_plugin(link_ctx *ctx, cc_args *out, mg_error *err)
{
	char *plugin, *build;
	if (cc_gcc_plugin(ctx->compiler, &plugin, &build, err) != 0)
		return -1;
	if (!plugin)
		return 0;
	bool cxx = ctx->self->cxx || ctx->scan->cxx;
	if (cxx && runtime_dir(ctx, err) != 0) {
		free(plugin);
		free(build);
		return -1;
	}
	ship(ctx, build);
	if (cxx) {
		char *symbols = concat(ctx->runtime_dir, "/newer-symbols.txt", NULL);
		ship(ctx, symbols);
		free(symbols);
	}
	const char *baseline = getenv("MANYGUARD_BASELINE_LIBSTDCXX");
	cc_gcc_add_plugin(out, plugin, cxx ? ctx->runtime_dir : NULL,
			  baseline && *baseline ? baseline : ctx->policy);
	free(plugin);
	free(build);
	return 0;
}

enum {
	FOR_ALL_LINKS = 0,
	FOR_CXX_LINKS = 1 << 0, /* links libstdc++ */
	FOR_GCC = 1 << 1,       /* GCC underneath (clang ignores specs and plugins) */
	FOR_COMPILES = 1 << 2,  /* compiles (-c, -S, -fsyntax-only) too */
	FOR_CXX_CODE = 1 << 3,  /* C++ code, any compiler: preprocessing, compiles
				   and links of C++ */
	/* Not for compiles distcc runs: it keeps every command with -specs= on
	 * this machine, and distccd refuses -fplugin= and -specs= (files of
	 * this machine).  Such objects carry notes only when the remote GCC
	 * loads the plugin itself (manyguard's default specs installed there);
	 * the manifest of the link names the objects without.  Links stay
	 * local and get everything.  (icecc ships the files: ship().) */
	NOT_FOR_DISTCC = 1 << 4,
	FOR_OPENMP_LINKS = 1 << 5, /* links with -fopenmp or an OpenMP library */
};

/* Everything a link (or a GCC compile: FOR_COMPILES) gets, in command-line
 * order, before the user's arguments so that ours are searched first (and
 * the plugin comes before a -fplugin-arg-manyguard-disable of the user's,
 * which needs it). */
static const struct injection {
	const char *what;
	unsigned when;
	int (*add)(link_ctx *ctx, cc_args *out, mg_error *err);
} injections[] = {
	{ "the C++ flags of the baseline", FOR_CXX_CODE, inject_cxxflags },
	{ "the linker wrapper", FOR_ALL_LINKS, inject_linker_dir },
	{ "the runtime directory", FOR_CXX_LINKS, inject_runtime_dir },
	{ "the OpenMP runtime", FOR_OPENMP_LINKS, inject_openmp },
	{ "the glibc directory", FOR_ALL_LINKS, inject_glibc_dir },
	{ "manyguard's specs", FOR_GCC | FOR_COMPILES | NOT_FOR_DISTCC, inject_specs },
	{ "the GCC plugin", FOR_GCC | FOR_COMPILES | NOT_FOR_DISTCC, inject_plugin },
};

static bool injection_applies(unsigned when, const link_ctx *ctx)
{
	if (when & FOR_CXX_CODE)
		return ctx->self->cxx || ctx->scan->cxx;
	if (ctx->scan->mode == CC_MODE_PREPROCESS)
		return false;
	if (ctx->scan->mode != CC_MODE_LINK && !(when & FOR_COMPILES))
		return false;
	if ((when & FOR_CXX_LINKS) && !(ctx->self->cxx || ctx->scan->lstdcxx))
		return false;
	if ((when & FOR_OPENMP_LINKS) && !ctx->scan->openmp)
		return false;
	if ((when & FOR_GCC) && ctx->compiler->family != CC_FAMILY_GCC)
		return false;
	if ((when & NOT_FOR_DISTCC) && ctx->compiler->farm == CC_FARM_DISTCC &&
	    ctx->scan->mode != CC_MODE_LINK)
		return false;
	return true;
}

/* ---- the passes ------------------------------------------------------------ */

/* Report every finding; true if one of them still forbids the link. */
static bool refuse(const cc_self *self, const cc_scan *scan, const mg_allow *allow)
{
	bool refused = false;
	for (size_t i = 0; i < scan->findings.count; i++) {
		const mg_finding *f = &scan->findings.v[i];
		print_diag(self->name, f->severity, f->rule, f->message, allow, true);
		if (!mg_rule_allow_has(allow, f->rule))
			refused = true;
	}
	return refused;
}

static int set_env(const char *name, const char *value)
{
	return setenv(name, value, 1);
}

/* A recursion through MANYGUARD_CC(XX) or PATH ends here, at the second
 * level, instead of forking until the machine gives up. */
static int check_depth(const cc_self *self)
{
	const char *depth = getenv(DEPTH_VAR);
	long n = depth ? strtol(depth, NULL, 10) : 0;
	if (n >= 1) {
		/* Name the command as it was chosen: what the user set, or the
		 * search of PATH when the variable is unset. */
		const char *set = getenv(self->env);
		char *command = set && *set ? mg_asprintf("%s=\"%s\"", self->env, set)
					    : mg_asprintf("the next %s on PATH; %s is unset",
							  self->search, self->env);
		char *msg = mg_asprintf("%s runs itself: the compiler command it ran (%s) called "
					"%s again; point %s at the real compiler",
					self->name, command, self->name, self->env);
		print_diag(self->name, MG_SEV_ERROR, MG_RULE_NONE, msg, NULL, false);
		free(command);
		free(msg);
		return -1;
	}
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", n + 1);
	return set_env(DEPTH_VAR, buf);
}

/* A link, or a GCC compile (which gets the specs and the plugin only). */
static int run_injected(const cc_self *self, const cc_compiler *cc, const cc_scan *scan,
			const char *policy, int argc, char **argv)
{
	mg_error err;
	bool link = scan->mode == CC_MODE_LINK;
	if (link) {
		mg_allow allow;
		if (mg_rule_allow_parse(getenv("MANYGUARD_ALLOW"), &allow, &err) != 0)
			return fail(self, &err);
		if (refuse(self, scan, &allow))
			return 1;
	}

	link_ctx ctx = { .self = self, .compiler = cc, .scan = scan, .policy = policy };
	cc_args *cmd = cc_args_from_argv(cc->command->argc, cc->command->argv);
	int rc = 0;
	for (size_t i = 0; i < sizeof injections / sizeof injections[0] && rc == 0; i++)
		if (injection_applies(injections[i].when, &ctx))
			rc = injections[i].add(&ctx, cmd, &err);
	if (rc != 0) {
		free(ctx.runtime_dir);
		free(ctx.glibc_dir);
		free(ctx.shipped);
		cc_args_free(cmd);
		return fail(self, &err);
	}
	if (ctx.shipped) {
		const char *extra = getenv("ICECC_EXTRAFILES");
		char *files = extra && *extra ? concat(extra, ":", ctx.shipped, NULL)
					      : xstrdup(ctx.shipped);
		set_env("ICECC_EXTRAFILES", files);
		free(files);
		free(ctx.shipped);
	}
	for (int i = 1; i < argc; i++)
		cc_args_add(cmd, argv[i]);

	if (link) {
		set_env("MANYGUARD_POLICY", policy);
		set_env("MANYGUARD_WRAPPED", "1");
		if (ctx.runtime_dir)
			set_env("MANYGUARD_RUNTIME_DIR", ctx.runtime_dir);
		else
			unsetenv("MANYGUARD_RUNTIME_DIR");
		if (ctx.glibc_dir)
			set_env("MANYGUARD_GLIBC_DIR", ctx.glibc_dir);
		else
			unsetenv("MANYGUARD_GLIBC_DIR");
	}
	free(ctx.runtime_dir);
	free(ctx.glibc_dir);

	if (cc_args_length(cmd) > CC_MAX_COMMAND_LINE)
		rc = cc_exec_with_response_file(self->name, cc->file, cmd, cc->command->argc);
	else
		rc = cc_exec(self->name, cc->file, cmd);
	cc_args_free(cmd);
	return rc;
}

/* The original command line, for the compiler, with its program name
 * replaced by the real compiler's command. */
static int pass_through(const cc_self *self, const cc_compiler *cc, int argc, char **argv)
{
	cc_args *cmd = cc_args_from_argv(cc->command->argc, cc->command->argv);
	for (int i = 1; i < argc; i++)
		cc_args_add(cmd, argv[i]);
	int rc = cc_exec(self->name, cc->file, cmd);
	cc_args_free(cmd);
	return rc;
}

static bool has_response_file(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '@')
			return true;
	return false;
}

int main(int argc, char **argv)
{
	cc_self self;
	cc_compiler cc = { 0 };
	cc_scan scan = { 0 };
	mg_error err;
	int rc;

	/* Killed while it asks the compiler or makes the runtime directory,
	 * the wrapper leaves no temporary file behind (exec resets this for
	 * the compiler). */
	mg_cleanup_on_fatal_signals();
	if (cc_find_self_init(&self, argc > 0 ? argv[0] : "manyguard-cc", &err) != 0) {
		rc = fail(&self, &err);
		goto out;
	}
	if (check_depth(&self) != 0) {
		rc = 1;
		goto out;
	}
	if (cc_find_compiler(&self, &cc, &err) != 0) {
		rc = fail(&self, &err);
		goto out;
	}
	/* Every run checks the policy, queries too: a build system's compiler
	 * check is where a mismatch shows first. */
	const char *configured, *policy;
	if (cc_policy_take(&argc, argv, &configured, &err) != 0 ||
	    cc_policy_resolve(configured, getenv("MANYGUARD_POLICY"), &policy, &err) != 0) {
		rc = fail(&self, &err);
		goto out;
	}

	/* Inspection pass: on the expanded copy; the compiler reads the
	 * response files itself. */
	int xargc = argc;
	char **xargv = argv;
	if (has_response_file(argc, argv))
		xargv = mg_rsp_expand(&xargc, argv);
	cc_scan_args(xargc - 1, xargv + 1, self.cxx, &scan);
	if (xargv != argv)
		freeargv(xargv);

	/* C++ code gets the baseline's flags however it is compiled or
	 * preprocessed, with GCC or clang. */
	bool cxx_code = (self.cxx || scan.cxx) && !scan.cxx_abi_set &&
			(scan.mode == CC_MODE_COMPILE || scan.mode == CC_MODE_PREPROCESS);
	if (scan.mode == CC_MODE_LINK ||
	    (scan.mode == CC_MODE_COMPILE && cc.family == CC_FAMILY_GCC) || cxx_code)
		rc = run_injected(&self, &cc, &scan, policy, argc, argv);
	else
		rc = pass_through(&self, &cc, argc, argv);
out:
	cc_scan_free(&scan);
	cc_find_compiler_free(&cc);
	cc_find_self_free(&self);
	return rc;
}

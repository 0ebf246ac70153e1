/* Command-line classification for the compiler wrapper.
 *
 * Two passes over one table: the driver pass walks the driver's options
 * (modes, languages, -static, OpenMP flags) and hands every argument that
 * reaches the linker (-Wl, lists, -Xlinker, -l, input files) to the linker
 * pass, which keeps ld's -Bstatic/-Bdynamic and --whole-archive state the
 * way ld itself will see it, so "static OpenMP in any spelling" is judged
 * by the state a library is named in. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "cc/cc_scan.h"

typedef enum opt_form {
	FORM_FLAG,              /* exactly NAME */
	FORM_JOINED,            /* NAME is a prefix: -Wl,a,b  -print-file-name=x */
	FORM_SEPARATE,          /* exactly NAME, value in the next argument */
	FORM_JOINED_OR_SEPARATE /* -Ldir or -L dir */
} opt_form;

typedef enum opt_role {
	ROLE_NONE,            /* only its argument count matters */
	ROLE_INFO,            /* the driver answers a question and exits */
	ROLE_PREPROCESS,      /* -E */
	ROLE_COMPILE,         /* -c, -S: no link */
	ROLE_DEPS_ONLY,       /* -M, -MM: preprocess for dependencies only */
	ROLE_DEPS_SIDE,       /* -MD, -MMD: dependencies as a side effect */
	ROLE_LANG,            /* -x LANG */
	ROLE_STATIC,          /* -static, -static-pie: everything static */
	ROLE_STATIC_LIBSTDCXX,
	ROLE_STATIC_OPENMP,   /* clang's -static-openmp */
	ROLE_OPENMP,          /* links an OpenMP runtime implicitly */
	ROLE_NO_DEFAULT_LIBS, /* -nostdlib & co.: no implicit -lstdc++ */
	ROLE_LIB,             /* -lNAME */
	ROLE_WL,              /* -Wl,a,b */
	ROLE_XLINKER,         /* -Xlinker a */
	ROLE_MACRO,           /* -D / -U: the C++ ABI macro is noted */
	ROLE_OTHER_ABI,       /* -m32, -mx32, -m16: not the compiler's default ABI */
} opt_role;

typedef struct opt {
	const char *name;
	opt_form form;
	opt_role role;
} opt;

/* GCC's and clang's options that matter to the wrapper, and those taking
 * a separate argument (so that argument is not taken for an input file).
 * Exact names are tried before prefixes, so order only matters among
 * prefixes: the longer one first. */
static const opt options[] = {
	{ "--version", FORM_FLAG, ROLE_INFO },
	{ "--help", FORM_FLAG, ROLE_INFO },
	{ "--help=", FORM_JOINED, ROLE_INFO },
	{ "--target-help", FORM_FLAG, ROLE_INFO },
	{ "-dumpversion", FORM_FLAG, ROLE_INFO },
	{ "-dumpfullversion", FORM_FLAG, ROLE_INFO },
	{ "-dumpmachine", FORM_FLAG, ROLE_INFO },
	{ "-dumpspecs", FORM_FLAG, ROLE_INFO },
	{ "-###", FORM_FLAG, ROLE_INFO },
	{ "-print-", FORM_JOINED, ROLE_INFO },
	{ "--print-", FORM_JOINED, ROLE_INFO },

	{ "-E", FORM_FLAG, ROLE_PREPROCESS },
	{ "-c", FORM_FLAG, ROLE_COMPILE },
	{ "-S", FORM_FLAG, ROLE_COMPILE },
	{ "-fsyntax-only", FORM_FLAG, ROLE_COMPILE },
	{ "--precompile", FORM_FLAG, ROLE_COMPILE },
	{ "--analyze", FORM_FLAG, ROLE_COMPILE },
	{ "-M", FORM_FLAG, ROLE_DEPS_ONLY },
	{ "-MM", FORM_FLAG, ROLE_DEPS_ONLY },
	{ "-MD", FORM_FLAG, ROLE_DEPS_SIDE },
	{ "-MMD", FORM_FLAG, ROLE_DEPS_SIDE },
	{ "-MF", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-MT", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-MQ", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-MJ", FORM_JOINED_OR_SEPARATE, ROLE_NONE },

	{ "-x", FORM_JOINED_OR_SEPARATE, ROLE_LANG },

	{ "-static", FORM_FLAG, ROLE_STATIC },
	{ "--static", FORM_FLAG, ROLE_STATIC },
	{ "-static-pie", FORM_FLAG, ROLE_STATIC },
	{ "-static-libstdc++", FORM_FLAG, ROLE_STATIC_LIBSTDCXX },
	{ "-static-openmp", FORM_FLAG, ROLE_STATIC_OPENMP },
	{ "-fopenmp", FORM_FLAG, ROLE_OPENMP },
	{ "-fopenmp=", FORM_JOINED, ROLE_OPENMP },
	{ "-fopenacc", FORM_FLAG, ROLE_OPENMP },
	{ "-ftree-parallelize-loops=", FORM_JOINED, ROLE_OPENMP },
	{ "-nostdlib", FORM_FLAG, ROLE_NO_DEFAULT_LIBS },
	{ "-nodefaultlibs", FORM_FLAG, ROLE_NO_DEFAULT_LIBS },
	{ "-nostdlib++", FORM_FLAG, ROLE_NO_DEFAULT_LIBS },
	{ "-m32", FORM_FLAG, ROLE_OTHER_ABI },
	{ "-mx32", FORM_FLAG, ROLE_OTHER_ABI },
	{ "-m16", FORM_FLAG, ROLE_OTHER_ABI },

	{ "-l", FORM_JOINED_OR_SEPARATE, ROLE_LIB },
	{ "-Wl,", FORM_JOINED, ROLE_WL },
	{ "-Xlinker", FORM_SEPARATE, ROLE_XLINKER },

	{ "-o", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-I", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-D", FORM_JOINED_OR_SEPARATE, ROLE_MACRO },
	{ "-U", FORM_JOINED_OR_SEPARATE, ROLE_MACRO },
	{ "-L", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-B", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-u", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-T", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-A", FORM_JOINED_OR_SEPARATE, ROLE_NONE },
	{ "-e", FORM_SEPARATE, ROLE_NONE },
	{ "-z", FORM_SEPARATE, ROLE_NONE },
	{ "-include", FORM_SEPARATE, ROLE_NONE },
	{ "-imacros", FORM_SEPARATE, ROLE_NONE },
	{ "-iprefix", FORM_SEPARATE, ROLE_NONE },
	{ "-iwithprefix", FORM_SEPARATE, ROLE_NONE },
	{ "-iwithprefixbefore", FORM_SEPARATE, ROLE_NONE },
	{ "-isystem", FORM_SEPARATE, ROLE_NONE },
	{ "-idirafter", FORM_SEPARATE, ROLE_NONE },
	{ "-iquote", FORM_SEPARATE, ROLE_NONE },
	{ "-isysroot", FORM_SEPARATE, ROLE_NONE },
	{ "-imultilib", FORM_SEPARATE, ROLE_NONE },
	{ "-iframework", FORM_SEPARATE, ROLE_NONE },
	{ "-cxx-isystem", FORM_SEPARATE, ROLE_NONE },
	{ "-aux-info", FORM_SEPARATE, ROLE_NONE },
	{ "-dumpdir", FORM_SEPARATE, ROLE_NONE },
	{ "-dumpbase", FORM_SEPARATE, ROLE_NONE },
	{ "-dumpbase-ext", FORM_SEPARATE, ROLE_NONE },
	{ "--param", FORM_SEPARATE, ROLE_NONE },
	{ "--sysroot", FORM_SEPARATE, ROLE_NONE },
	{ "-Xassembler", FORM_SEPARATE, ROLE_NONE },
	{ "-Xpreprocessor", FORM_SEPARATE, ROLE_NONE },
	{ "-Xclang", FORM_SEPARATE, ROLE_NONE },
	{ "-Xopenmp-target", FORM_SEPARATE, ROLE_NONE },
	{ "-mllvm", FORM_SEPARATE, ROLE_NONE },
	{ "-target", FORM_SEPARATE, ROLE_NONE },
	{ "-arch", FORM_SEPARATE, ROLE_NONE },
	{ "-resource-dir", FORM_SEPARATE, ROLE_NONE },
	{ "-ivfsoverlay", FORM_SEPARATE, ROLE_NONE },
	{ "--serialize-diagnostics", FORM_SEPARATE, ROLE_NONE },
};

/* The table entry for ARG; *JOINED tells whether its value is inside ARG. */
static const opt *opt_find(const char *arg, bool *joined)
{
	size_t n = sizeof options / sizeof options[0];
	for (size_t i = 0; i < n; i++)
		if (options[i].form != FORM_JOINED && strcmp(arg, options[i].name) == 0) {
			*joined = false;
			return &options[i];
		}
	for (size_t i = 0; i < n; i++) {
		const opt *o = &options[i];
		if ((o->form == FORM_JOINED || o->form == FORM_JOINED_OR_SEPARATE) &&
		    strncmp(arg, o->name, strlen(o->name)) == 0) {
			*joined = true;
			return o;
		}
	}
	return NULL;
}

/* ---- runtime libraries ---------------------------------------------------- */

typedef enum lib_kind { LIB_OTHER, LIB_STDCXX, LIB_OPENMP } lib_kind;

/* The runtimes that must stay shared, by -l name. */
static const struct {
	const char *name;
	lib_kind kind;
} runtime_libs[] = {
	{ "stdc++", LIB_STDCXX },
	{ "gomp", LIB_OPENMP },
	{ "omp", LIB_OPENMP },
	{ "iomp5", LIB_OPENMP },
};

static lib_kind lib_kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof runtime_libs / sizeof runtime_libs[0]; i++)
		if (strcmp(name, runtime_libs[i].name) == 0)
			return runtime_libs[i].kind;
	return LIB_OTHER;
}

/* The kind of FILE ("libgomp.a") if it is a runtime's static archive. */
static lib_kind archive_kind_of(const char *file)
{
	const char *base = lbasename(file);
	size_t len = strlen(base);
	if (len < 6 || strncmp(base, "lib", 3) != 0 || strcmp(base + len - 2, ".a") != 0)
		return LIB_OTHER;
	char *name = xstrndup(base + 3, len - 5);
	lib_kind kind = lib_kind_of(name);
	free(name);
	return kind;
}

static mg_rule rule_of(lib_kind kind)
{
	return kind == LIB_STDCXX ? MG_RULE_STATIC_LIBSTDCXX : MG_RULE_STATIC_OPENMP;
}

static const char *runtime_name(lib_kind kind)
{
	return kind == LIB_STDCXX ? "libstdc++" : "the OpenMP runtime";
}

/* ---- the scan state ------------------------------------------------------- */

#define STATE_DEPTH 16

typedef struct scanner {
	cc_scan *out;
	/* driver pass */
	const char *lang;     /* -x LANG in effect, or NULL */
	bool info, preprocess, compile, deps_only, deps_side;
	bool static_all;      /* -static / -static-pie */
	const char *static_flag;
	bool openmp_flag;     /* the driver adds an OpenMP library itself */
	const char *openmp_spelling;
	bool no_default_libs;
	bool cxx_input;
	size_t inputs;
	/* linker pass: ld's state as the named libraries will meet it */
	bool bstatic[STATE_DEPTH];
	bool whole[STATE_DEPTH];
	size_t depth;
	char bstatic_spelling[256];   /* the argument that turned -Bstatic on */
	bool expect_lib;              /* "-l" "NAME" split over two linker args */
} scanner;

static void add_finding(scanner *s, mg_rule rule, char *what)
{
	mg_findings *out = &s->out->findings;
	for (size_t i = 0; i < out->count; i++)
		if (out->v[i].rule == rule && strcmp(out->v[i].message, what) == 0) {
			free(what);
			return;
		}
	mg_finding_add(out, rule, MG_SEV_ERROR, NULL)->message = what;
}

static const char *const cxx_extensions[] = {
	".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C", ".ii", ".mm", ".M",
};

static bool is_cxx_lang(const char *lang)
{
	return strcmp(lang, "c++") == 0 || strcmp(lang, "c++-cpp-output") == 0 ||
	       strcmp(lang, "objective-c++") == 0;
}

static bool is_cxx_source(const scanner *s, const char *file)
{
	if (s->lang)
		return is_cxx_lang(s->lang);
	const char *dot = strrchr(lbasename(file), '.');
	if (!dot)
		return false;
	for (size_t i = 0; i < sizeof cxx_extensions / sizeof cxx_extensions[0]; i++)
		if (strcmp(dot, cxx_extensions[i]) == 0)
			return true;
	return false;
}

/* -lNAME (or -l:FILE) as the linker will meet it. */
static void linker_lib(scanner *s, const char *name, const char *spelling)
{
	s->inputs++;
	if (name[0] == ':') {
		lib_kind kind = archive_kind_of(name + 1);
		if (kind != LIB_OTHER)
			add_finding(s, rule_of(kind),
				    mg_asprintf("%s links %s statically (%s)", spelling,
					      runtime_name(kind), name + 1));
		return;
	}
	lib_kind kind = lib_kind_of(name);
	if (kind == LIB_STDCXX)
		s->out->lstdcxx = true;
	if (kind == LIB_OPENMP)
		s->out->openmp = true;
	if (kind != LIB_OTHER && s->bstatic[s->depth])
		add_finding(s, rule_of(kind),
			    mg_asprintf("%s ... %s links %s statically (lib%s.a)",
				      s->bstatic_spelling, spelling, runtime_name(kind), name));
}

/* A file given to the linker: a static runtime archive is refused whatever
 * the mode, and inside --whole-archive it is copied in whole. */
static void linker_file(scanner *s, const char *file)
{
	lib_kind kind = archive_kind_of(file);
	if (kind == LIB_OTHER)
		return;
	add_finding(s, rule_of(kind),
		    mg_asprintf("%s%s is a static copy of %s", file,
			      s->whole[s->depth] ? " (inside --whole-archive)" : "",
			      runtime_name(kind)));
}

/* One argument as ld receives it (from -Wl, or -Xlinker). */
static void linker_arg(scanner *s, const char *arg, const char *spelling)
{
	static const char *const to_static[] = { "-Bstatic", "-dn", "-non_shared", "-static" };
	static const char *const to_dynamic[] = { "-Bdynamic", "-dy", "-call_shared" };

	if (s->expect_lib) {
		s->expect_lib = false;
		linker_lib(s, arg, spelling);
		return;
	}
	for (size_t i = 0; i < sizeof to_static / sizeof to_static[0]; i++)
		if (strcmp(arg, to_static[i]) == 0) {
			s->bstatic[s->depth] = true;
			snprintf(s->bstatic_spelling, sizeof s->bstatic_spelling, "%s", spelling);
			return;
		}
	for (size_t i = 0; i < sizeof to_dynamic / sizeof to_dynamic[0]; i++)
		if (strcmp(arg, to_dynamic[i]) == 0) {
			s->bstatic[s->depth] = false;
			return;
		}
	if (strcmp(arg, "--whole-archive") == 0 || strcmp(arg, "-whole-archive") == 0) {
		s->whole[s->depth] = true;
	} else if (strcmp(arg, "--no-whole-archive") == 0 ||
		   strcmp(arg, "-no-whole-archive") == 0) {
		s->whole[s->depth] = false;
	} else if (strcmp(arg, "--push-state") == 0) {
		if (s->depth + 1 < STATE_DEPTH) {
			s->bstatic[s->depth + 1] = s->bstatic[s->depth];
			s->whole[s->depth + 1] = s->whole[s->depth];
			s->depth++;
		}
	} else if (strcmp(arg, "--pop-state") == 0) {
		if (s->depth > 0)
			s->depth--;
	} else if (strcmp(arg, "-l") == 0 || strcmp(arg, "--library") == 0) {
		s->expect_lib = true;
	} else if (strncmp(arg, "--library=", 10) == 0) {
		linker_lib(s, arg + 10, spelling);
	} else if (strncmp(arg, "-l", 2) == 0) {
		linker_lib(s, arg + 2, spelling);
	} else if (arg[0] != '-') {
		linker_file(s, arg);
	}
}

static void driver_wl(scanner *s, const char *arg)
{
	char *list = xstrdup(arg + 4);
	for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		linker_arg(s, tok, arg);
	free(list);
}

static void driver_input(scanner *s, const char *file)
{
	s->inputs++;
	if (is_cxx_source(s, file))
		s->cxx_input = true;
	if (!s->lang)
		linker_file(s, file);
}

static void driver_option(scanner *s, const opt *o, const char *arg, const char *value)
{
	switch (o->role) {
	case ROLE_INFO: s->info = true; break;
	case ROLE_PREPROCESS: s->preprocess = true; break;
	case ROLE_COMPILE: s->compile = true; break;
	case ROLE_DEPS_ONLY: s->deps_only = true; break;
	case ROLE_DEPS_SIDE: s->deps_side = true; break;
	case ROLE_LANG: s->lang = value && strcmp(value, "none") != 0 ? value : NULL; break;
	case ROLE_STATIC:
		s->static_all = true;
		s->static_flag = arg;
		break;
	case ROLE_STATIC_LIBSTDCXX:
		add_finding(s, MG_RULE_STATIC_LIBSTDCXX,
			    mg_asprintf("%s links a private copy of libstdc++ (libstdc++.a) "
				      "into the output", arg));
		break;
	case ROLE_STATIC_OPENMP:
		add_finding(s, MG_RULE_STATIC_OPENMP,
			    mg_asprintf("%s links the OpenMP runtime statically", arg));
		break;
	case ROLE_OPENMP:
		s->openmp_flag = true;
		s->openmp_spelling = arg;
		s->out->openmp = true;
		break;
	case ROLE_NO_DEFAULT_LIBS: s->no_default_libs = true; break;
	case ROLE_LIB:
		if (value) {
			char *spelling = concat("-l", value, NULL);
			linker_lib(s, value, spelling);
			free(spelling);
		}
		break;
	case ROLE_WL: driver_wl(s, arg); break;
	case ROLE_XLINKER:
		if (value) {
			char *spelling = concat("-Xlinker ", value, NULL);
			linker_arg(s, value, spelling);
			free(spelling);
		}
		break;
	case ROLE_MACRO:
		if (value && strncmp(value, "_GLIBCXX_USE_CXX11_ABI", 22) == 0 &&
		    (value[22] == '\0' || value[22] == '='))
			s->out->cxx_abi_set = true;
		break;
	case ROLE_OTHER_ABI: s->out->other_abi = true; break;
	case ROLE_NONE: break;
	}
}

/* What the whole command line means once every argument is seen: the
 * -static forms and the libraries the driver adds after the user's. */
static void finish(scanner *s, bool cxx_driver)
{
	cc_scan *out = s->out;
	out->cxx = (cxx_driver && !s->no_default_libs) || s->cxx_input || out->lstdcxx;
	out->static_all = s->static_all;

	if (s->info)
		out->mode = CC_MODE_INFO;
	else if (s->inputs == 0)
		out->mode = CC_MODE_NO_INPUT;
	else if (s->preprocess || (s->deps_only && !s->deps_side))
		out->mode = CC_MODE_PREPROCESS;
	else if (s->compile)
		out->mode = CC_MODE_COMPILE;
	else
		out->mode = CC_MODE_LINK;

	bool implicit_cxx = cxx_driver && !s->no_default_libs;
	bool implicit_omp = s->openmp_flag && !s->no_default_libs;
	if (s->static_all) {
		if (out->cxx)
			add_finding(s, MG_RULE_STATIC_LIBSTDCXX,
				    mg_asprintf("%s links libstdc++ statically into a C++ link",
					      s->static_flag));
		if (out->openmp && s->openmp_spelling)
			add_finding(s, MG_RULE_STATIC_OPENMP,
				    mg_asprintf("%s links the OpenMP runtime of %s statically",
					      s->static_flag, s->openmp_spelling));
		else if (out->openmp)
			add_finding(s, MG_RULE_STATIC_OPENMP,
				    mg_asprintf("%s links the OpenMP runtime statically",
					      s->static_flag));
		return;
	}
	/* The driver appends -lstdc++ and the OpenMP library after the user's
	 * arguments, so they meet the linker state the command line ends in. */
	if (!s->bstatic[s->depth])
		return;
	if (implicit_cxx)
		add_finding(s, MG_RULE_STATIC_LIBSTDCXX,
			    mg_asprintf("%s is still in effect at the end of the command line, "
				      "so the -lstdc++ the driver adds links libstdc++ statically",
				      s->bstatic_spelling));
	if (implicit_omp)
		add_finding(s, MG_RULE_STATIC_OPENMP,
			    mg_asprintf("%s is still in effect at the end of the command line, "
				      "so the OpenMP library %s adds links statically",
				      s->bstatic_spelling, s->openmp_spelling));
}

void cc_scan_args(int argc, char *const *argv, bool cxx_driver, cc_scan *out)
{
	scanner s = { .out = out };
	memset(out, 0, sizeof *out);
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-' || arg[1] == '\0') {
			driver_input(&s, arg);
			continue;
		}
		bool joined = false;
		const opt *o = opt_find(arg, &joined);
		if (!o)
			continue;
		const char *value = NULL;
		if (joined)
			value = arg + strlen(o->name);
		else if (o->form == FORM_SEPARATE || o->form == FORM_JOINED_OR_SEPARATE)
			value = i + 1 < argc ? argv[++i] : NULL;
		driver_option(&s, o, arg, value);
	}
	finish(&s, cxx_driver);
}

void cc_scan_free(cc_scan *scan)
{
	mg_finding_list_free(&scan->findings);
}

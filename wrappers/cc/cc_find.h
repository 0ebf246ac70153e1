/* Which compiler the wrapper stands in for: the name it was called as,
 * and the real compiler it runs (MANYGUARD_CC / MANYGUARD_CXX, else the
 * next cc / c++ on PATH that is not the wrapper itself). */
#ifndef MG_WRAPPERS_CC_FIND_H
#define MG_WRAPPERS_CC_FIND_H

#include <stdbool.h>

#include "cc/cc_args.h"
#include "base/error.h"

/* The wrapper itself. */
typedef struct cc_self {
	const char *name;    /* for messages: "manyguard-c++" */
	const char *search;  /* the compiler it looks for on PATH: "c++" */
	const char *env;     /* the variable naming the real one: "MANYGUARD_CXX" */
	bool cxx;            /* the C++ driver (links libstdc++ implicitly) */
	char *exe;           /* realpath of /proc/self/exe, malloc'd */
} cc_self;

typedef enum cc_family { CC_FAMILY_GCC, CC_FAMILY_CLANG } cc_family;

/* A compiler farm's client in front of the compiler: its compiles may run
 * on another machine, which has none of the files this one names. */
typedef enum cc_farm { CC_FARM_NONE, CC_FARM_DISTCC, CC_FARM_ICECC } cc_farm;

/* The real compiler and the command that runs it. */
typedef struct cc_compiler {
	cc_args *command;   /* what to exec before the arguments: {"/usr/bin/c++"},
			    {"ccache", "g++"} or a ccache masquerade link */
	char *file;      /* the file to exec for COMMAND[0] (its argv[0] is kept
			    as the user wrote it, as a shell would), or NULL to
			    search COMMAND[0] on PATH */
	char *path;      /* the compiler as found: "/usr/bin/c++" */
	char *real;      /* its realpath: "/usr/bin/x86_64-linux-gnu-g++-12" */
	cc_family family;
	cc_farm farm;    /* who runs the compiles: a launcher word, its
			    masquerade link, or ccache's CCACHE_PREFIX */
} cc_compiler;

/* Fill SELF from ARGV0.  Returns -1 if /proc/self/exe cannot be read. */
int cc_find_self_init(cc_self *self, const char *argv0, mg_error *err);
void cc_find_self_free(cc_self *self);

/* Find the real compiler.  A command that names the wrapper itself, or a
 * PATH on which the compiler (or the ccache that would run it) is the
 * wrapper, is an error saying so.  Free OUT with cc_find_compiler_free. */
int cc_find_compiler(const cc_self *self, cc_compiler *out, mg_error *err);
void cc_find_compiler_free(cc_compiler *cc);

#endif

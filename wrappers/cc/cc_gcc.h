/* What GCC gets from the compiler wrapper on top of a link's -B and -L,
 * for compiles and links alike: manyguard's specs with the switch that
 * makes them stand down (the wrapper judges the command line and adds
 * everything itself, so installed default specs never act twice or
 * contradict it), and the GCC plugin.  Clang gets neither. */
#ifndef MG_WRAPPERS_CC_GCC_H
#define MG_WRAPPERS_CC_GCC_H

#include "cc/cc_args.h"
#include "cc/cc_find.h"
#include "base/error.h"

/* The driver switch the specs test; the specs are what make GCC accept it. */
#define CC_GCC_WRAPPED_SWITCH "--manyguard-wrapped"

/* manyguard's specs file: MANYGUARD_SPECS, else the installed one. */
const char *cc_gcc_specs_file(void);

/* Append -specs=FILE (cc_gcc_specs_file()) and the wrapped switch; -1 if
 * FILE cannot be read. */
int cc_gcc_add_specs(cc_args *out, mg_error *err);

/* The plugin loader to pass with -fplugin= (malloc'd) in *PLUGIN, or NULL
 * when the plugin stays out: MANYGUARD_PLUGIN=off, or no build of it for
 * this compiler's GCC major (such a GCC would stop at the loader's "not
 * built for GCC N").  *BUILD (malloc'd, or NULL with *PLUGIN) is that
 * build, which the loader opens next to itself.  Returns -1 when
 * MANYGUARD_PLUGIN has another value or the compiler cannot tell its
 * version. */
int cc_gcc_plugin(const cc_compiler *cc, char **plugin, char **build, mg_error *err);

/* Append -fplugin=PLUGIN and its options: RUNTIME_DIR's newer-symbols.txt
 * (NULL: none, the notes hold build facts only) and BASELINE's name. */
void cc_gcc_add_plugin(cc_args *out, const char *plugin, const char *runtime_dir,
		       const char *baseline);

#endif

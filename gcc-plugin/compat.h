/* Everything the plugin takes from GCC's headers, in one place, with the
 * differences between the GCC releases it is built for isolated here.
 * Built against each GCC's own plugin headers (GCC 11 and 12 here). */
#ifndef MG_PLUGIN_COMPAT_H
#define MG_PLUGIN_COMPAT_H

/* Standard headers before GCC's: system.h redefines ctype functions and
 * abort, which the standard headers must not see. */
#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "gcc-plugin.h"
/* plugin-version.h defines a static gcc_version that not every file uses. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "plugin-version.h"
#pragma GCC diagnostic pop
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "tree-ssa-alias.h"
#include "gimple-expr.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-walk.h"
#include "cgraph.h"
#include "output.h"
#include "diagnostic.h"
#include "langhooks.h"
#include "cpplib.h"
#include "opts.h"
#include "toplev.h"

#if GCCPLUGIN_VERSION_MAJOR < 11 || GCCPLUGIN_VERSION_MAJOR > 14
#error "manyguard's plugin is written for GCC 11 to 14"
#endif

#define MG_GCC_MAJOR GCCPLUGIN_VERSION_MAJOR

/* Front-end objects: cc1 and cc1plus define them, lto1 does not.  Weak
 * references keep the plugin loadable into lto1 (GCC dlopens plugins with
 * RTLD_NOW, so one undefined strong reference would refuse the load); they
 * are null there and the facts that need them are left out. */
extern cpp_reader *parse_in __attribute__((weak));
extern int flag_iso __attribute__((weak));
extern cpp_hashnode *cpp_lookup(cpp_reader *, const unsigned char *, unsigned int)
	__attribute__((weak));
extern const unsigned char *cpp_macro_definition(cpp_reader *, cpp_hashnode *)
	__attribute__((weak));

/* cpp_macro_definition has two overloads since GCC 12; this is the one with
 * two arguments (as a null-testable pointer). */
typedef const unsigned char *(*mg_macro_definition_fn)(cpp_reader *, cpp_hashnode *);
#define MG_MACRO_DEFINITION static_cast<mg_macro_definition_fn>(cpp_macro_definition)

/* The one section flag set the note section uses: not allocated (so no
 * "a"), excluded from links ("e"). */
#define MG_NOTE_SECTION_FLAGS (SECTION_DEBUG | SECTION_EXCLUDE)

/* True for a macro the user or a header defined (not a builtin like
 * __LINE__, which has no definition text). */
static inline bool mg_user_macro_p(cpp_hashnode *node)
{
	return node && cpp_user_macro_p(node);
}

#endif

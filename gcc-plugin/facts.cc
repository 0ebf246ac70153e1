/* The facts of one compilation unit, read at its end from GCC's options
 * and the preprocessor's macro table. */
#include "plugin.h"

namespace mg_plugin {

/* The value of macro NAME at the end of the unit, "" when it is not
 * defined or there is no preprocessor (lto1, preprocessed input). */
static std::string macro_value(const char *name)
{
	if (!&parse_in || !parse_in || !cpp_lookup || !MG_MACRO_DEFINITION)
		return "";
	cpp_hashnode *node = cpp_lookup(parse_in, (const unsigned char *)name, strlen(name));
	if (!mg_user_macro_p(node))
		return "";
	/* "NAME VALUE" (or "NAME" for an empty definition). */
	const char *def = (const char *)MG_MACRO_DEFINITION(parse_in, node);
	const char *space = def ? strchr(def, ' ') : NULL;
	return space ? space + 1 : "";
}

static std::string language_of(const char *lang_name)
{
	std::string name = lang_name ? lang_name : "";
	if (name.compare(0, 7, "GNU C++") == 0)
		return "c++";
	if (name.compare(0, 5, "GNU C") == 0)
		return "c";
	if (name == "GNU GIMPLE")
		return "lto";
	return name;
}

unit_facts collect_facts(void)
{
	unit_facts f;
	f.compiler = "gcc " + state->gcc_version;
	f.language = language_of(lang_hooks.name);
	f.baseline = state->baseline;
	/* An LTRANS unit mixes functions of many objects, each with its own
	 * options (streamed with its bytecode); lto1's global options describe
	 * none of them, so only the symbols are recorded. */
	if (f.language == "lto")
		return f;
	if (f.language == "c" || f.language == "c++")
		f.std = std_from_language_name(lang_hooks.name, &flag_iso && flag_iso);
	f.pic = flag_pic;
	f.pie = flag_pie;
	f.openmp = flag_openmp;
	f.openmp_version = macro_value("_OPENMP");
	f.cxx11_abi = macro_value("_GLIBCXX_USE_CXX11_ABI");
	f.exceptions = flag_exceptions;
	if (f.language == "c++")
		f.rtti = flag_rtti;
	return f;
}

} // namespace mg_plugin

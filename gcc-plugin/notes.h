/* The object notes: what the plugin records about one compilation unit and
 * the text it writes into the object's .manyguard.objnotes section, in the
 * format lib/elf/objnotes_format.h defines for the plugin and the reader
 * (lib/elf/objnotes.c) alike.  Plain C++, no GCC headers. */
#ifndef MG_PLUGIN_NOTES_H
#define MG_PLUGIN_NOTES_H

#include <cstdint>
#include <string>
#include <vector>

#include "elf/objnotes_format.h"
#include "symbols.h"

namespace mg_plugin {

/* One reference to a newer symbol, where the source has it. */
struct symbol_use {
	std::string symbol;        /* mangled (assembler) name */
	const newer_symbol *info;  /* its table entry (owned by the table) */
	std::string file;          /* as GCC names it in diagnostics */
	unsigned line, column;
	uint64_t location;         /* GCC's location_t, for the diagnostic */
};

/* Facts about the compilation unit; empty strings are "not recorded". */
struct unit_facts {
	std::string compiler;         /* "gcc 12.2.0" */
	std::string language;         /* c, c++, lto (an LTRANS unit), or GCC's name */
	std::string std;              /* gnu++17, c11, ... */
	int pic = -1, pie = -1;       /* 0, 1 (-fpic/-fpie), 2 (-fPIC/-fPIE); -1 unknown */
	int openmp = -1;              /* -fopenmp: 0 or 1; -1 unknown */
	std::string openmp_version;   /* value of _OPENMP at the end of the unit */
	std::string cxx11_abi;        /* value of _GLIBCXX_USE_CXX11_ABI at the end */
	int exceptions = -1;          /* -1 unknown */
	int rtti = -1;                /* -1: not C++ (or unknown) */
	std::string baseline;         /* -fplugin-arg-manyguard-baseline */
};

/* Sort USES by file, line, column, symbol and drop exact duplicates (one
 * call inlined twice at the same place is one use). */
void sort_uses(std::vector<symbol_use> &uses);

/* The section contents for FACTS and (sorted) USES. */
std::string format_notes(const unit_facts &facts, const std::vector<symbol_use> &uses);

/* The "std" value from GCC's language name ("GNU C++17") and whether
 * -std=c++NN (ISO) rather than gnu++NN is in effect; "" when unknown. */
std::string std_from_language_name(const char *lang_name, bool iso);

} // namespace mg_plugin

#endif

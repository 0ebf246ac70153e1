/* State shared by the plugin's GCC-facing files (manyguard.cc, scan.cc,
 * facts.cc).  One compilation unit per process, so one state object. */
#ifndef MG_PLUGIN_PLUGIN_H
#define MG_PLUGIN_PLUGIN_H

#include "compat.h"
#include "notes.h"
#include "symbols.h"

namespace mg_plugin {

struct plugin_state {
	const char *name = nullptr;   /* GCC's base name ("manyguard"), for callbacks */
	std::string gcc_version;      /* basever of the GCC we run in */
	std::string symbols_path;     /* -fplugin-arg-manyguard-symbols */
	std::string baseline;         /* -fplugin-arg-manyguard-baseline */
	bool report = false;          /* a note at each use */
	bool strict = false;          /* an error at each use */
	symbol_table symbols;
	std::vector<symbol_use> uses; /* collected by scan.cc, emitted at the end */
};

extern plugin_state *state;

/* scan.cc: register the reference passes; scan the variables' initialisers
 * (REQUIRE_WRITTEN: only those GCC assembled). */
void register_scan_passes(void);
void scan_variables(bool require_written);

/* facts.cc: the unit's facts at its end. */
unit_facts collect_facts(void);

} // namespace mg_plugin

#endif

/* report.json and newer-symbols.txt of a runtime directory. */
#ifndef MG_NONSHARED_REPORT_H
#define MG_NONSHARED_REPORT_H

#include "rtdir/nonshared.h"

/* What the directory was made from (NULL members are left out). */
struct mg_nonshared_inputs {
	const char *archive, *runtime, *libgcc_s;
	const char *baseline_lib, *baseline_libgcc_s, *policy;
	bool old_abi; /* the baseline predates the C++11 ABI (GLIBCXX_3.4.21) */
};

/* The report as indented JSON (schema in docs/nonshared.md); malloc'd. */
char *mg_nonshared_report_json(const mg_nonshared *ns, const struct mg_nonshared_inputs *in);

/* newer-symbols.txt: a header line, then one line per newer symbol:
 * "symbol<TAB>version<TAB>status<TAB>demangled"; malloc'd. */
char *mg_nonshared_report_newer_symbols(const mg_nonshared *ns);

#endif

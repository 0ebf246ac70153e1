/* Version caps from a real old C++ runtime (MANYGUARD_BASELINE_LIBSTDCXX):
 * what libstdc++.so.6 and libgcc_s.so.1 may be asked for is what that
 * runtime defines, not the policy's caps; the policy still judges the C
 * library and the allowed external libraries. */
#ifndef LD_BASELINE_H
#define LD_BASELINE_H

#include "base/error.h"
#include "policy/caps.h"

typedef struct mg_baseline {
	char *cxx_path;     /* the baseline libstdc++.so.6 */
	mg_caps *cxx_caps;  /* its numbered versions (GLIBCXX, CXXABI, ...) */
	char *gcc_s_path;   /* the file the libgcc_s caps come from, NULL when
			       none is known (the policy's GCC cap applies) */
	mg_caps *gcc_s_caps;
} mg_baseline;

/* Caps from LIBSTDCXX, and for libgcc_s from LIBGCC_S (may be NULL), else
 * from RUNTIME_DIR's libgcc_s.so.1 (may be NULL): the runtime directory
 * made for this baseline holds a libgcc_s stub capped at the GCC release
 * the baseline comes from.  Free OUT with mg_baseline_free, also after
 * a failure. */
int mg_baseline_load(const char *libstdcxx, const char *libgcc_s, const char *runtime_dir,
			mg_baseline *out, mg_error *err);

void mg_baseline_free(mg_baseline *b);

#endif

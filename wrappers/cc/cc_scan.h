/* What a compiler command line asks for: which mode the driver runs in
 * (information query, preprocess, compile, link), whether the link is C++
 * or OpenMP, and every spelling that would link libstdc++ or an OpenMP
 * runtime statically.  Options are classified by one table (cc_scan.c),
 * never by scattered strcmps. */
#ifndef MG_WRAPPERS_CC_SCAN_H
#define MG_WRAPPERS_CC_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/finding.h"

typedef enum cc_mode {
	CC_MODE_INFO,       /* --version, -dumpversion, -print-*, -###, ... */
	CC_MODE_NO_INPUT,   /* nothing to compile or link (`cc -v`) */
	CC_MODE_PREPROCESS, /* -E, -M/-MM without -MD/-MMD */
	CC_MODE_COMPILE,    /* -c, -S, -fsyntax-only */
	CC_MODE_LINK,
} cc_mode;

typedef struct cc_scan {
	cc_mode mode;
	bool cxx;          /* a C++ link: C++ driver, C++ inputs or -lstdc++ */
	bool lstdcxx;      /* -lstdc++ named on the command line */
	bool openmp;       /* -fopenmp & co. or an OpenMP library named */
	bool cxx_abi_set;  /* -D or -U of _GLIBCXX_USE_CXX11_ABI: the user's choice */
	bool static_all;   /* -static, -static-pie: no shared library at all */
	bool other_abi;    /* -m32, -mx32, -m16: not the compiler's default ABI */
	/* Each forbidden spelling: its rule, an error, and in MESSAGE what was
	 * found ("-Wl,-Bstatic ... -lgomp links libgomp statically"). */
	mg_findings findings;
} cc_scan;

/* Classify ARGV[0..ARGC) (the arguments after the program name, with
 * response files already expanded).  CXX_DRIVER: the wrapper runs as the
 * C++ driver, which links libstdc++ implicitly.  Free with cc_scan_free. */
void cc_scan_args(int argc, char *const *argv, bool cxx_driver, cc_scan *out);
void cc_scan_free(cc_scan *scan);

#endif

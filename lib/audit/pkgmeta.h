/* A distribution's core metadata (a wheel's or an installed package's
 * *.dist-info/METADATA, the email-header format of the Python packaging
 * specifications), read for what the audit asks of it: whether the package
 * depends on another distribution.  Only the header block is read (the
 * description after the first empty line is not metadata); a header may be
 * continued on lines that start with white space. */
#ifndef MG_AUDIT_PKGMETA_H
#define MG_AUDIT_PKGMETA_H

#include <stddef.h>

typedef enum mg_pkgmeta_dep {
	MG_PKGMETA_ABSENT,   /* no Requires-Dist names it */
	MG_PKGMETA_EXTRA,    /* named only under an extra ("; extra == 'x'"):
				a plain install does not bring it */
	MG_PKGMETA_REQUIRED, /* named without an extra (environment markers
				such as sys_platform are not judged) */
} mg_pkgmeta_dep;

/* What TEXT (LEN bytes, not necessarily NUL-terminated, any bytes) says
 * about a dependency on the distribution DIST, names compared the way
 * installers compare them (case-insensitive, runs of '-', '_' and '.'
 * equal).  For MG_PKGMETA_EXTRA, EXTRA (SIZE bytes, may be NULL) receives
 * the first extra's name, truncated; an empty string when the marker
 * names it in a form not read here. */
mg_pkgmeta_dep mg_pkgmeta_requires(const char *text, size_t len, const char *dist,
				   char *extra, size_t size);

#endif

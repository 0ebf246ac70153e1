/* Core metadata read for a dependency (lib/audit/pkgmeta.h): names as
 * installers compare them, extras, markers, continuation lines, and the
 * description after the headers, which is not metadata. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit/pkgmeta.h"
#include "tests/unit/tap.h"

static void want(const char *text, mg_pkgmeta_dep dep, const char *extra, const char *what)
{
	char got_extra[64] = "unset";
	mg_pkgmeta_dep got = mg_pkgmeta_requires(text, strlen(text), "manyguard-openmp", got_extra,
						 sizeof got_extra);
	tap_eq_int(got, dep, what);
	if (extra)
		tap_eq_str(got_extra, extra, what);
}

int main(void)
{
	const char *head = "Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n";
	char buf[512];

	want(head, MG_PKGMETA_ABSENT, "", "no Requires-Dist");
	snprintf(buf, sizeof buf, "%sRequires-Dist: manyguard-openmp\n", head);
	want(buf, MG_PKGMETA_REQUIRED, "", "Requires-Dist: manyguard-openmp");
	want("Requires-Dist: Manyguard_OpenMP>=12 ; python_version >= \"3.8\"\r\n",
	     MG_PKGMETA_REQUIRED, NULL, "normalized name, version, an environment marker, CRLF");
	want("requires-dist:manyguard.openmp[x] (>=12)", MG_PKGMETA_REQUIRED, NULL,
	     "header name in lower case, extras and a parenthesised version, no newline");
	want("Requires-Dist: manyguard-openmp-extras\nRequires-Dist: numpy\n", MG_PKGMETA_ABSENT,
	     NULL, "a longer name that starts the same is another distribution");
	want("Requires-Dist: manyguard-openmp; extra == 'omp'\n", MG_PKGMETA_EXTRA, "omp",
	     "only with an extra");
	want("Requires-Dist: manyguard-openmp ; sys_platform == \"linux\" and extra == \"fast\"\n"
	     "Requires-Dist: numpy\n", MG_PKGMETA_EXTRA, "fast", "an extra after another marker");
	want("Requires-Dist: manyguard-openmp; extra == 'omp'\nRequires-Dist: manyguard-openmp\n",
	     MG_PKGMETA_REQUIRED, NULL, "required once without the extra");
	want("Requires-Dist: manyguard-openmp; python_extra_thing == '1'\n", MG_PKGMETA_REQUIRED,
	     NULL, "a marker variable that only contains 'extra'");
	want("Requires-Dist:\n manyguard-openmp\n", MG_PKGMETA_REQUIRED, NULL,
	     "a value on a continuation line");
	want("Requires-Dist: numpy\n ; extra == 'x'\nRequires-Dist: manyguard-openmp\n",
	     MG_PKGMETA_REQUIRED, NULL, "a continued header ends where the next starts");
	snprintf(buf, sizeof buf, "%s\nRequires-Dist: manyguard-openmp\n", head);
	want(buf, MG_PKGMETA_ABSENT, NULL, "after the empty line it is the description");
	want("Provides-Extra: omp\nX-Requires-Dist: manyguard-openmp\n", MG_PKGMETA_ABSENT, NULL,
	     "another header that ends like it");
	want("Requires-Dist manyguard-openmp\n", MG_PKGMETA_ABSENT, NULL, "no colon");
	static const char nul[] = "Requires-Dist: manyguard\0-openmp\n";
	tap_eq_int(mg_pkgmeta_requires(nul, sizeof nul - 1, "manyguard-openmp", NULL, 0),
		   MG_PKGMETA_ABSENT, "a NUL byte inside the name ends it");
	return tap_done();
}

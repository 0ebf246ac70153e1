/* <dir>/<output-name>.manyguard.json: the manifest as a file, for CI jobs
 * that collect them.  Many links of one `make -j` write into the same
 * directory at once: each writes its own temporary file and renames it,
 * so a reader sees a whole manifest or none. */
#include "config.h"
#include "manifest/manifest.h"

#include <stdlib.h>

#include <libiberty/libiberty.h>

#include "base/atomic_file.h"

int mg_manifest_write_json(const char *dir, const char *output, const json_t *doc,
			   mg_error *err)
{
	char *text = NULL;
	size_t len;
	if (mg_atomic_file_mkdir_p(dir, err) < 0 || mg_manifest_dump(doc, &text, &len, err) < 0)
		return -1;
	char *final = concat(dir, "/", lbasename(output), ".manyguard.json", NULL);
	int rc = mg_atomic_file_write(final, text, len, mg_atomic_file_mode(), err);
	free(final);
	free(text);
	return rc;
}

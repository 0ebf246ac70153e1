/* <dir>/<output-name>.manyguard.json: the manifest as a file, for CI jobs
 * that collect them.  Many links of one `make -j` write into the same
 * directory at once: each writes its own temporary file and renames it,
 * so a reader sees a whole manifest or none. */
#include "config.h"
#include "manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

/* mkdir -p DIR; another link creating it at the same moment is fine. */
static int make_dir(const char *dir, mg_error *err)
{
	char *copy = xstrdup(dir);
	int rc = 0;
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			rc = mg_error_set(err, copy, "cannot create the manifest directory: %s",
					  strerror(errno));
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(copy);
	return rc;
}

static int write_all(int fd, const char *buf, size_t size)
{
	while (size) {
		ssize_t n = write(fd, buf, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n, size -= (size_t)n;
	}
	return 0;
}

int mg_manifest_write_json(const char *dir, const char *output, const json_t *doc,
			   mg_error *err)
{
	char *text = NULL, *final = NULL, *tmp = NULL;
	size_t len;
	int fd = -1, rc = -1;

	if (make_dir(dir, err) < 0 || mg_manifest_dump(doc, &text, &len, err) < 0)
		return -1;
	final = concat(dir, "/", lbasename(output), ".manyguard.json", NULL);
	tmp = concat(final, ".tmp.XXXXXX", NULL);
	fd = mkstemp(tmp);
	if (fd < 0) {
		mg_error_set(err, final, "cannot create a temporary file: %s", strerror(errno));
		goto cleanup;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, text, len) != 0) {
		mg_error_set(err, final, "writing %s: %s", tmp, strerror(errno));
		goto cleanup;
	}
	int c = close(fd);
	fd = -1;
	if (c != 0 || rename(tmp, final) != 0) {
		mg_error_set(err, final, "cannot write the manifest: %s", strerror(errno));
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	if (rc != 0 && tmp)
		unlink(tmp);
	free(tmp);
	free(final);
	free(text);
	return rc;
}

/* Files that appear whole or not at all: written to a temporary file
 * next to the target, synced, renamed over it; and the directories
 * leading to them. */
#include "config.h"
#include "base/atomic_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/cleanup.h"

mode_t mg_atomic_file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t done = write(fd, p, n);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return false;
		p += done;
		n -= (size_t)done;
	}
	return true;
}

int mg_atomic_file_write(const char *path, const void *data, size_t size, mode_t mode,
			 mg_error *err)
{
	char *tmp = concat(path, ".mgtmp.XXXXXX", NULL);
	int slot;
	int fd = mg_cleanup_mkstemp(tmp, &slot);
	if (fd < 0) {
		int rc = mg_error_set(err, path, "cannot create a temporary file next to it: %s",
				      strerror(errno));
		free(tmp);
		return rc;
	}
	bool ok = fchmod(fd, mode) == 0 && write_all(fd, data, size) && fsync(fd) == 0;
	/* close() reports delayed write errors (NFS, quotas): it counts too. */
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		int rc = mg_error_set(err, path, "cannot write: %s", strerror(errno));
		unlink(tmp);
		mg_cleanup_forget(slot);
		free(tmp);
		return rc;
	}
	mg_cleanup_forget(slot);
	free(tmp);
	return 0;
}

int mg_atomic_file_mkdir_p(const char *dir, mg_error *err)
{
	char *copy = xstrdup(dir);
	int rc = 0;
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			rc = mg_error_set(err, copy, "cannot create directory: %s", strerror(errno));
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(copy);
	return rc;
}

/* A small text file read whole (a linker script, a response file),
 * refusing anything that is not a regular file or is larger than the
 * caller allows, without blocking on a FIFO. */
#include "config.h"
#include "base/small_file.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/input.h"

char *mg_small_file_read(const char *path, size_t max, size_t *len, mg_error *err)
{
	struct stat st;
	int fd = mg_input_open(path, &st, err);
	if (fd < 0)
		return NULL;
	if ((uint64_t)st.st_size > max) {
		mg_error_set(err, path, "%jd bytes, more than the %zu bytes expected of it",
			     (intmax_t)st.st_size, max);
		close(fd);
		return NULL;
	}
	size_t size = (size_t)st.st_size, have = 0;
	char *text = xmalloc(size + 1);
	while (have < size) {
		ssize_t n = read(fd, text + have, size - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			mg_error_set(err, path, "cannot read: %s", strerror(errno));
			free(text);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	text[have] = '\0';
	*len = have;
	return text;
}

/* A small text file read whole (a linker script, a response file),
 * refusing anything that is not a regular file or is larger than the
 * caller allows, without blocking on a FIFO. */
#include "config.h"
#include "base/small_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

char *mg_small_file_read(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	size_t size = (size_t)st.st_size, have = 0;
	char *text = xmalloc(size + 1);
	while (have < size) {
		ssize_t n = read(fd, text + have, size - have);
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	text[have] = '\0';
	*len = have;
	return text;
}

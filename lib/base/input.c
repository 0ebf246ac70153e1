/* The one way a reader opens a file it was given: open without blocking,
 * then fstat the descriptor (not the name, which may change in between)
 * and refuse anything but a regular file. */
#include "config.h"
#include "base/input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

const char *mg_input_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISLNK(mode))
		return "a symbolic link";
	return "a special file";
}

/* FD opened for SHOWN: keep it if it is a regular file. */
static int checked(int fd, const char *shown, struct stat *st, mg_error *err)
{
	struct stat own;
	if (!st)
		st = &own;
	if (fstat(fd, st) != 0) {
		mg_error_set(err, shown, "cannot stat: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		mg_error_set(err, shown, "not a regular file (%s)", mg_input_kind(st->st_mode));
		close(fd);
		return -1;
	}
	return fd;
}

int mg_input_open(const char *path, struct stat *st, mg_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return mg_error_set(err, path, "cannot open: %s", strerror(errno));
	return checked(fd, path, st, err);
}

int mg_input_openat(int dirfd, const char *name, const char *shown, struct stat *st,
		    mg_error *err)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
	if (fd < 0 && errno == ELOOP)
		return mg_error_set(err, shown, "not a regular file (a symbolic link)");
	if (fd < 0)
		return mg_error_set(err, shown, "cannot open: %s", strerror(errno));
	return checked(fd, shown, st, err);
}

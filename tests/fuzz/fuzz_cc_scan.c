/* The compiler wrapper's command-line classifier on arbitrary command
 * lines, response files included, the way manyguard-cc reads them: the
 * input is "RESPONSE-FILE \0\0 ARG \0 ARG ...", the response file's text
 * is written to a file and every argument "@R" names it (so it can name
 * itself, nest, or be cut short, or "@." a directory), then mg_rsp_expand
 * and cc_scan_args run as in cc_main.c.  The first byte picks the driver
 * (odd: manyguard-c++). */
#include "config.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "cc/cc_scan.h"
#include "base/rsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *rsp_path;
static char *rsp_arg; /* "@" + rsp_path */

static void cleanup(void)
{
	unlink(rsp_path);
}

static int write_rsp(const uint8_t *data, size_t size)
{
	if (!rsp_arg) {
		const char *dir = getenv("TMPDIR");
		char pid[24];
		snprintf(pid, sizeof pid, "%ld", (long)getpid());
		rsp_path = concat(dir && *dir ? dir : "/tmp", "/fuzz_cc_scan.", pid, ".rsp", NULL);
		rsp_arg = concat("@", rsp_path, NULL);
		atexit(cleanup);
	}
	int fd = open(rsp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	return done == size ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool cxx_driver = data[0] & 1;
	data++, size--;
	/* The response file: everything before the first "\0\0". */
	size_t rsp_len = 0;
	while (rsp_len + 1 < size && !(data[rsp_len] == 0 && data[rsp_len + 1] == 0))
		rsp_len++;
	if (rsp_len + 1 >= size)
		rsp_len = size;
	if (write_rsp(data, rsp_len) < 0)
		return 0;
	/* The arguments: NUL-separated after it, argv[0] the wrapper. */
	size_t start = rsp_len + 2 < size ? rsp_len + 2 : size;
	size_t cap = 2 + (size - start), argc = 0;
	char **argv = xmalloc((cap + 1) * sizeof *argv);
	argv[argc++] = xstrdup(cxx_driver ? "manyguard-c++" : "manyguard-cc");
	for (size_t i = start; i < size;) {
		size_t n = strnlen((const char *)data + i, size - i);
		char *arg = xstrndup((const char *)data + i, n);
		argv[argc++] = strcmp(arg, "@R") == 0 ? (free(arg), xstrdup(rsp_arg)) : arg;
		i += n + 1;
	}
	argv[argc] = NULL;

	int xargc = (int)argc;
	char **xargv = mg_rsp_expand(&xargc, argv);
	cc_scan scan;
	cc_scan_args(xargc - 1, xargv + 1, cxx_driver, &scan);
	if (scan.mode > CC_MODE_LINK)
		__builtin_trap();
	for (size_t i = 0; i < scan.findings.count; i++) {
		const mg_finding *f = &scan.findings.v[i];
		/* Only the two static-runtime rules, each with a message. */
		if ((f->rule != MG_RULE_STATIC_LIBSTDCXX && f->rule != MG_RULE_STATIC_OPENMP) ||
		    !f->message || !f->message[0])
			__builtin_trap();
	}
	cc_scan_free(&scan);
	if (xargv != argv)
		freeargv(xargv);
	freeargv(argv);
	return 0;
}

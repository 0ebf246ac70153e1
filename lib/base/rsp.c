/* Response files (@file) expanded for inspection: what the compiler or
 * linker will read, without ever stopping the wrapper. */
#include "config.h"
#include "base/rsp.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/small_file.h"

/* A file naming itself, directly or not, ends here: after this many
 * files, or this many bytes of them (larger than any command line a system
 * accepts, many times over). */
#define MAX_RESPONSE_FILES 2000
#define MAX_RESPONSE_BYTES (64 * 1024 * 1024)

/* PATH's text, or NULL when it is not a readable regular file or would
 * take the bytes read so far (*TOTAL) over the limit. */
static char *read_response_file(const char *path, size_t *total)
{
	size_t len;
	char *text = mg_small_file_read(path, MAX_RESPONSE_BYTES - *total, &len, NULL);
	if (text)
		*total += len;
	return text;
}

static bool only_whitespace(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		s++;
	return *s == '\0';
}

char **mg_rsp_expand(int *argc, char **argv)
{
	char **out = argv;
	int n = *argc;
	unsigned files = 0;
	size_t total = 0;
	for (int i = 1; i < n;) {
		char *text = out[i][0] == '@' && files < MAX_RESPONSE_FILES
				     ? read_response_file(out[i] + 1, &total)
				     : NULL;
		if (!text) {
			i++;
			continue;
		}
		files++;
		char **words = only_whitespace(text) ? XCNEWVEC(char *, 1) : buildargv(text);
		free(text);
		int k = countargv(words);
		if (out == argv)
			out = dupargv(argv);
		out = XRESIZEVEC(char *, out, (size_t)n + (size_t)k + 1);
		free(out[i]);
		/* The rest moves up behind the file's words, its NULL included. */
		memmove(out + i + k, out + i + 1, (size_t)(n - i) * sizeof *out);
		memcpy(out + i, words, (size_t)k * sizeof *out);
		free(words);
		n += k - 1;
		/* Not advancing: the words may name response files themselves. */
	}
	*argc = n;
	return out;
}

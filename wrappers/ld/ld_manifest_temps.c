/* `cc x.c -o x` compiles into the driver's temporary objects
 * (/tmp/ccAbc123.o), whose random names would make two builds of the same
 * program differ.  The manifest names them "<compiler temporary N>" in
 * link-line order instead, everywhere they appear. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "ld/ld_manifest_internal.h"

/* GCC's and clang's temporary objects: "cc" and six random characters,
 * clang's also with the source's stem ("x-a1b2c3.o"), in TMPDIR. */
static bool driver_temporary(const char *path)
{
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	size_t n = strlen(tmpdir);
	while (n > 1 && tmpdir[n - 1] == '/')
		n--;
	if (strncmp(path, tmpdir, n) != 0 || path[n] != '/' || strchr(path + n + 1, '/'))
		return false;
	const char *base = path + n + 1;
	size_t len = strlen(base);
	if (len < 9 || strcmp(base + len - 2, ".o") != 0)
		return false;
	const char *rnd = base + len - 8; /* six characters before ".o" */
	for (int i = 0; i < 6; i++)
		if (!isalnum((unsigned char)rnd[i]))
			return false;
	return (rnd == base + 2 && strncmp(base, "cc", 2) == 0) || (rnd > base && rnd[-1] == '-');
}

typedef struct temps {
	size_t n;
	const char **path;
	char **label;
} temps;

/* S with every occurrence of every temporary's path replaced by its
 * label, or NULL when S names none. */
static char *relabel(const temps *t, const char *s)
{
	char *out = NULL;
	for (size_t i = 0; i < t->n; i++) {
		const char *hit;
		size_t plen = strlen(t->path[i]);
		while ((hit = strstr(out ? out : s, t->path[i])) != NULL) {
			const char *cur = out ? out : s;
			size_t head = (size_t)(hit - cur);
			char *next = xmalloc(strlen(cur) - plen + strlen(t->label[i]) + 1);
			memcpy(next, cur, head);
			strcpy(next + head, t->label[i]);
			strcat(next, hit + plen);
			free(out);
			out = next;
		}
	}
	return out;
}

/* V relabelled where it is a string naming a temporary (a new value), else
 * NULL; containers are relabelled in place. */
static json_t *walk(const temps *t, json_t *v)
{
	if (json_is_string(v)) {
		char *s = relabel(t, json_string_value(v));
		json_t *r = s ? ld_manifest_str(s) : NULL;
		free(s);
		return r;
	}
	if (json_is_object(v)) {
		const char *key;
		json_t *child;
		json_object_foreach(v, key, child) {
			json_t *r = walk(t, child);
			if (r)
				json_object_set_new(v, key, r);
		}
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *r = walk(t, json_array_get(v, i));
			if (r)
				json_array_set_new(v, i, r);
		}
	}
	return NULL;
}

void ld_manifest_stable_temporaries(json_t *doc, const ld_line *line)
{
	temps t = {0};
	t.path = xcalloc(line->n_inputs + 1, sizeof *t.path);
	t.label = xcalloc(line->n_inputs + 1, sizeof *t.label);
	for (size_t i = 0; i < line->n_inputs; i++) {
		const ld_input *in = &line->inputs[i];
		if (in->type == LD_OBJECT && in->path && driver_temporary(in->path)) {
			t.path[t.n] = in->path;
			t.label[t.n] = mg_asprintf("<compiler temporary %zu>", t.n + 1);
			t.n++;
		}
	}
	if (t.n)
		walk(&t, doc);
	for (size_t i = 0; i < t.n; i++)
		free(t.label[i]);
	free(t.label);
	free(t.path);
}

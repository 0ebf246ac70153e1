/* The linker wrapper's link-line parser on arbitrary link lines: the input
 * is NUL-separated arguments; "%" in an argument stands for a directory of
 * fixtures made once (linker scripts that name each other, an archive, ELF
 * headers of each type), so that -L, -l, -l:, --sysroot, script nesting
 * and the static/dynamic state all meet real files. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "ld/ld_line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *fixtures;

static void put(const char *name, const void *text, size_t len)
{
	char *path = concat(fixtures, "/", name, NULL);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	free(path);
}

static void remove_fixtures(void)
{
	static const char *const names[] = {"libfoo.so", "libloop.so", "libbar.a", "libbaz.so",
					    "o.o", "libgomp.a", "libstdc++.so", "empty.so"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = concat(fixtures, "/", names[i], NULL);
		unlink(path);
		free(path);
	}
	rmdir(fixtures);
}

/* An ELF header of type TYPE (little-endian, 64-bit). */
static void put_elf(const char *name, unsigned type)
{
	unsigned char h[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
	h[16] = (unsigned char)type;
	put(name, h, sizeof h);
}

static void make_fixtures(void)
{
	const char *tmp = getenv("TMPDIR");
	char *templ = concat(tmp && *tmp ? tmp : "/tmp", "/fuzz_ld_line.XXXXXX", NULL);
	fixtures = mkdtemp(templ);
	if (!fixtures)
		abort();
	atexit(remove_fixtures);
	static const char foo[] = "/* a script */ GROUP ( libbar.a -lbaz AS_NEEDED ( o.o -lloop ) )";
	static const char loop[] = "INPUT ( -lloop libfoo.so )";
	static const char stdcxx[] = "INPUT ( libbaz.so libgomp.a )";
	put("libfoo.so", foo, sizeof foo - 1);
	put("libloop.so", loop, sizeof loop - 1);
	put("libstdc++.so", stdcxx, sizeof stdcxx - 1);
	put("libbar.a", "!<arch>\n", 8);
	put("libgomp.a", "!<thin>\n", 8);
	put("empty.so", "", 0);
	put_elf("libbaz.so", 3);
	put_elf("o.o", 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fixtures)
		make_fixtures();
	size_t cap = 2 + size, argc = 0;
	char **argv = xmalloc((cap + 1) * sizeof *argv);
	argv[argc++] = xstrdup("ld");
	for (size_t i = 0; i < size;) {
		size_t n = strnlen((const char *)data + i, size - i);
		char *arg = xstrndup((const char *)data + i, n);
		/* "%" stands for the fixtures: "-L%", "%/o.o", "--sysroot=%". */
		char *pct = strchr(arg, '%');
		if (pct) {
			*pct = '\0';
			char *with = concat(arg, fixtures, pct + 1, NULL);
			free(arg);
			arg = with;
		}
		argv[argc++] = arg;
		i += n + 1;
	}
	argv[argc] = NULL;

	ld_line line;
	mg_error err;
	int rc = ld_line_parse((int)argc, argv, &line, &err);
	if (rc == 0 && !line.output)
		__builtin_trap();
	for (size_t i = 0; i < line.n_inputs; i++) {
		const ld_input *in = &line.inputs[i];
		/* Every input has its spelling; only a found file has a type
		 * other than MISSING; a script entry names an earlier input. */
		if (!in->spec || (in->type != LD_MISSING && !in->path))
			__builtin_trap();
		if (in->script) {
			bool earlier = false;
			for (size_t j = 0; j < i && !earlier; j++)
				earlier = line.inputs[j].path == in->script;
			if (!earlier)
				__builtin_trap();
		}
	}
	for (size_t i = 0; i < line.n_dirs; i++)
		if (!line.dirs[i])
			__builtin_trap();
	ld_line_free(&line);
	freeargv(argv);
	return 0;
}

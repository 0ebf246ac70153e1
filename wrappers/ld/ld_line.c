/* The link line as the linker reads it.  Passes: a first pass over the
 * words collects what applies to the whole line (output, -shared, -r,
 * sysroot, -L); a second walks the inputs in order with the state options
 * (-Bstatic/-Bdynamic, --as-needed, --whole-archive, --push-state), resolves
 * each -l as ld does and expands the linker scripts inputs name. */
#include "config.h"
#include "ld/ld_line.h"
#include "base/grow.h"

#include <fcntl.h>
#include <libiberty/libiberty.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf/elf.h"
#include "ld/ld_script.h"
#include "base/small_file.h"

/* ---- the option table ----------------------------------------------------
 * Only options that change what we must know are acted on; the others are
 * listed when they take an argument, so that the argument is not mistaken
 * for an input file.  Unknown options are the real linker's business. */
typedef enum opt_act {
	ACT_SKIP,
	ACT_OUTPUT,
	ACT_LIBDIR,
	ACT_LIBRARY,
	ACT_SYSROOT,
	ACT_SHARED,
	ACT_RELOCATABLE,
	ACT_STATIC,
	ACT_DYNAMIC,
	ACT_AS_NEEDED,
	ACT_NO_AS_NEEDED,
	ACT_WHOLE,
	ACT_NO_WHOLE,
	ACT_PUSH,
	ACT_POP,
} opt_act;

typedef struct ld_opt {
	const char *name; /* without the leading dashes */
	bool arg;         /* takes a value: next word, "=value", or attached
			     to a one-letter option ("-lfoo") */
	opt_act act;
} ld_opt;

static const ld_opt options[] = {
	{"o", true, ACT_OUTPUT}, {"output", true, ACT_OUTPUT},
	{"L", true, ACT_LIBDIR}, {"library-path", true, ACT_LIBDIR},
	{"l", true, ACT_LIBRARY}, {"library", true, ACT_LIBRARY},
	{"sysroot", true, ACT_SYSROOT},
	{"shared", false, ACT_SHARED}, {"Bshareable", false, ACT_SHARED},
	{"r", false, ACT_RELOCATABLE}, {"i", false, ACT_RELOCATABLE},
	{"relocatable", false, ACT_RELOCATABLE},
	{"Bstatic", false, ACT_STATIC}, {"dn", false, ACT_STATIC},
	{"non_shared", false, ACT_STATIC}, {"static", false, ACT_STATIC},
	{"Bdynamic", false, ACT_DYNAMIC}, {"dy", false, ACT_DYNAMIC},
	{"call_shared", false, ACT_DYNAMIC},
	{"as-needed", false, ACT_AS_NEEDED}, {"no-as-needed", false, ACT_NO_AS_NEEDED},
	{"whole-archive", false, ACT_WHOLE}, {"no-whole-archive", false, ACT_NO_WHOLE},
	{"push-state", false, ACT_PUSH}, {"pop-state", false, ACT_POP},
	/* Options with a value we do not need. */
	{"T", true, ACT_SKIP}, {"script", true, ACT_SKIP}, {"e", true, ACT_SKIP},
	{"entry", true, ACT_SKIP}, {"m", true, ACT_SKIP}, {"z", true, ACT_SKIP},
	{"u", true, ACT_SKIP}, {"undefined", true, ACT_SKIP}, {"y", true, ACT_SKIP},
	{"trace-symbol", true, ACT_SKIP}, {"h", true, ACT_SKIP}, {"soname", true, ACT_SKIP},
	{"I", true, ACT_SKIP}, {"dynamic-linker", true, ACT_SKIP}, {"rpath", true, ACT_SKIP},
	{"rpath-link", true, ACT_SKIP}, {"R", true, ACT_SKIP}, {"just-symbols", true, ACT_SKIP},
	{"Map", true, ACT_SKIP}, {"version-script", true, ACT_SKIP},
	{"dynamic-list", true, ACT_SKIP}, {"plugin", true, ACT_SKIP},
	{"plugin-opt", true, ACT_SKIP}, {"mllvm", true, ACT_SKIP}, {"defsym", true, ACT_SKIP},
	{"wrap", true, ACT_SKIP}, {"exclude-libs", true, ACT_SKIP},
	{"retain-symbols-file", true, ACT_SKIP}, {"A", true, ACT_SKIP},
	{"architecture", true, ACT_SKIP}, {"b", true, ACT_SKIP}, {"format", true, ACT_SKIP},
	{"c", true, ACT_SKIP}, {"mri-script", true, ACT_SKIP}, {"f", true, ACT_SKIP},
	{"auxiliary", true, ACT_SKIP}, {"F", true, ACT_SKIP}, {"filter", true, ACT_SKIP},
	{"G", true, ACT_SKIP}, {"Ttext", true, ACT_SKIP}, {"Tdata", true, ACT_SKIP},
	{"Tbss", true, ACT_SKIP}, {"Ttext-segment", true, ACT_SKIP},
	{"section-start", true, ACT_SKIP}, {"hash-style", true, ACT_SKIP},
	{"O", true, ACT_SKIP}, {"require-defined", true, ACT_SKIP},
	{"out-implib", true, ACT_SKIP}, {"dependency-file", true, ACT_SKIP},
	{"audit", true, ACT_SKIP}, {"depaudit", true, ACT_SKIP}, {"P", true, ACT_SKIP},
	{"oformat", true, ACT_SKIP}, {"image-base", true, ACT_SKIP},
	{"export-dynamic-symbol", true, ACT_SKIP},
	{"export-dynamic-symbol-list", true, ACT_SKIP},
	{"sort-section", true, ACT_SKIP}, {"dynamic-list-data", false, ACT_SKIP},
	{"omagic", false, ACT_SKIP}, {"export-dynamic", false, ACT_SKIP},
};

/* One matched option: its entry and its value (NULL for flags). */
typedef struct opt_match {
	const ld_opt *opt;
	const char *value;
	bool used_next; /* the value is the next word */
} opt_match;

/* Match ARG (which starts with '-') against the table: exact names first
 * ("-static" is not "-s tatic"), then "--name=value" for long names, then
 * a one-letter option with its value attached ("-lfoo", "-L=/lib" whose
 * directory is "=/lib", single dash only). */
static bool match_option(const char *arg, const char *next, opt_match *m)
{
	bool dashdash = arg[1] == '-';
	const char *body = arg + (dashdash ? 2 : 1);
	size_t n = sizeof options / sizeof options[0];

	m->opt = NULL;
	m->value = NULL;
	m->used_next = false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(body, options[i].name) == 0) {
			m->opt = &options[i];
			if (options[i].arg) {
				m->value = next;
				m->used_next = true;
			}
			return true;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(options[i].name);
		if (options[i].arg && len > 1 && strncmp(body, options[i].name, len) == 0 &&
		    body[len] == '=') {
			m->opt = &options[i];
			m->value = body + len + 1;
			return true;
		}
	}
	if (dashdash)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (options[i].arg && options[i].name[1] == '\0' && body[0] == options[i].name[0] &&
		    body[1] != '\0') {
			m->opt = &options[i];
			m->value = body + 1;
			return true;
		}
	}
	return false;
}

/* ---- files ---------------------------------------------------------------- */

static bool is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Scripts larger than this are not input scripts (and not read whole). */
#define MAX_SCRIPT_SIZE (1024 * 1024)
#define MAX_SCRIPT_DEPTH 8

/* LLVM bitcode, raw ("BC" 0xC0DE) or in its wrapper header (0x0B17C0DE,
 * little-endian), as clang -flto writes objects. */
static bool is_bitcode(const unsigned char *head, size_t len)
{
	return len >= 4 && (memcmp(head, "BC\xc0\xde", 4) == 0 ||
			    memcmp(head, "\xde\xc0\x17\x0b", 4) == 0);
}

/* The first bytes decide: ELF (its e_type, at the same offset in both
 * classes, says object or not), ar archive, LLVM bitcode, or possibly a
 * script.  Only
 * the header is read: a big link has many large inputs, and the real
 * linker judges their insides. */
static ld_file_type classify(const char *path)
{
	unsigned char head[EI_NIDENT + 2];
	struct stat st;
	/* Not blocking on a FIFO or a terminal a script may name: those are
	 * the real linker's to read. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return LD_MISSING;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return LD_OTHER;
	}
	ssize_t got = read(fd, head, sizeof head);
	close(fd);
	if (got < 0)
		return LD_MISSING;
	if (got >= 8 && (memcmp(head, "!<arch>\n", 8) == 0 || memcmp(head, "!<thin>\n", 8) == 0))
		return LD_ARCHIVE;
	if (is_bitcode(head, (size_t)got))
		return LD_BITCODE;
	if (!mg_elf_is_elf(head, (size_t)got))
		return LD_SCRIPT; /* confirmed by parsing it */
	if (got < (ssize_t)sizeof head ||
	    (head[EI_DATA] != ELFDATA2LSB && head[EI_DATA] != ELFDATA2MSB))
		return LD_OTHER;
	unsigned e_type = head[EI_DATA] == ELFDATA2LSB ? head[EI_NIDENT] | head[EI_NIDENT + 1] << 8
						       : head[EI_NIDENT] << 8 | head[EI_NIDENT + 1];
	return e_type == ET_REL ? LD_OBJECT : LD_SHARED;
}

/* ---- parsing state ---------------------------------------------------------- */

typedef struct link_state {
	bool static_state, as_needed, whole_archive;
} link_state;

#define MAX_PUSH 64

typedef struct parser {
	ld_line *line;
	const char *sysroot; /* "" when none */
	link_state state;
	link_state stack[MAX_PUSH];
	size_t depth;
} parser;

/* "=dir" and "$SYSROOT/dir" are relative to the sysroot. */
static char *apply_sysroot(const char *sysroot, const char *dir)
{
	if (dir[0] == '=')
		return concat(sysroot, dir + 1, NULL);
	if (strncmp(dir, "$SYSROOT", 8) == 0)
		return concat(sysroot, dir + 8, NULL);
	return xstrdup(dir);
}

/* ld's search: each directory in order; in it lib<name>.so, then
 * lib<name>.a, the .so only when linking dynamically.  "-l:file" looks
 * for exactly that file name. */
static char *find_library(const ld_line *line, const char *name, bool static_state)
{
	for (size_t i = 0; i < line->n_dirs; i++) {
		const char *dir = line->dirs[i];
		char *path;
		if (name[0] == ':') {
			path = concat(dir, "/", name + 1, NULL);
			if (is_regular(path))
				return path;
			free(path);
			continue;
		}
		if (!static_state) {
			path = concat(dir, "/lib", name, ".so", NULL);
			if (is_regular(path))
				return path;
			free(path);
		}
		path = concat(dir, "/lib", name, ".a", NULL);
		if (is_regular(path))
			return path;
		free(path);
	}
	return NULL;
}

static ld_input *add_input(parser *ps, const char *spec, char *path, bool library,
			      const char *script)
{
	ld_line *line = ps->line;
	MG_GROW(line->inputs, line->n_inputs + 1, line->cap_inputs);
	ld_input *in = &line->inputs[line->n_inputs++];
	in->spec = xstrdup(spec);
	in->path = path;
	in->type = path ? classify(path) : LD_MISSING;
	in->library = library;
	in->static_state = ps->state.static_state;
	in->as_needed = ps->state.as_needed;
	in->whole_archive = ps->state.whole_archive;
	in->script = script;
	return in;
}

static int add_resolved(parser *ps, const char *spec, char *path, bool library,
			const char *script, size_t depth, mg_error *err);

/* An entry of a script: "-lname", an absolute path (inside the sysroot
 * when the script is), or a name looked for in the current directory and
 * then in the library path. */
static char *resolve_script_entry(parser *ps, const char *name, const char *script)
{
	if (strncmp(name, "-l", 2) == 0)
		return find_library(ps->line, name + 2, ps->state.static_state);
	if (name[0] == '/') {
		if (ps->sysroot[0] && strncmp(script, ps->sysroot, strlen(ps->sysroot)) == 0)
			return concat(ps->sysroot, name, NULL);
		return xstrdup(name);
	}
	if (is_regular(name))
		return xstrdup(name);
	char *exact = concat(":", name, NULL);
	char *path = find_library(ps->line, exact, false);
	free(exact);
	return path;
}

static int expand_script(parser *ps, size_t index, size_t depth, mg_error *err)
{
	char *path = ps->line->inputs[index].path;
	size_t len = 0;
	char *text = mg_small_file_read(path, MAX_SCRIPT_SIZE, &len, NULL);
	ld_script script;

	if (!text) {
		ps->line->inputs[index].type = LD_OTHER;
		return 0;
	}
	int found = ld_script_parse(text, len, path, &script, err);
	free(text);
	if (found <= 0) {
		ld_script_free(&script);
		ps->line->inputs[index].type = LD_OTHER;
		return found;
	}
	if (depth >= MAX_SCRIPT_DEPTH) {
		ld_script_free(&script);
		return mg_error_set(err, path, "linker scripts nested deeper than %d",
				    MAX_SCRIPT_DEPTH);
	}
	link_state saved = ps->state;
	int rc = 0;
	for (size_t i = 0; i < script.count && rc == 0; i++) {
		const char *name = script.entries[i].name;
		ps->state.as_needed = saved.as_needed || script.entries[i].as_needed;
		char *resolved = resolve_script_entry(ps, name, path);
		rc = add_resolved(ps, name, resolved, strncmp(name, "-l", 2) == 0, path, depth + 1,
				  err);
	}
	ps->state = saved;
	ld_script_free(&script);
	return rc;
}

static int add_resolved(parser *ps, const char *spec, char *path, bool library,
			const char *script, size_t depth, mg_error *err)
{
	ld_input *in = add_input(ps, spec, path, library, script);
	if (in->type != LD_SCRIPT)
		return 0;
	return expand_script(ps, ps->line->n_inputs - 1, depth, err);
}

static void apply_state(parser *ps, opt_act act)
{
	switch (act) {
	case ACT_STATIC: ps->state.static_state = true; break;
	case ACT_DYNAMIC: ps->state.static_state = false; break;
	case ACT_AS_NEEDED: ps->state.as_needed = true; break;
	case ACT_NO_AS_NEEDED: ps->state.as_needed = false; break;
	case ACT_WHOLE: ps->state.whole_archive = true; break;
	case ACT_NO_WHOLE: ps->state.whole_archive = false; break;
	case ACT_PUSH:
		if (ps->depth < MAX_PUSH)
			ps->stack[ps->depth] = ps->state;
		ps->depth++;
		break;
	case ACT_POP:
		if (ps->depth > 0 && --ps->depth < MAX_PUSH)
			ps->state = ps->stack[ps->depth];
		break;
	default: break;
	}
}

/* Collection pass: everything that applies to the whole link, wherever it
 * is written (ld applies every -L to every -l). */
static int collect_globals(int argc, char *const *argv, ld_line *line, char **sysroot,
			   mg_error *err)
{
	char **raw = xmalloc(((size_t)argc + 1) * sizeof *raw);
	size_t n_raw = 0;

	for (int i = 1; i < argc; i++) {
		opt_match m;
		if (argv[i][0] != '-' || argv[i][1] == '\0' || !match_option(argv[i], argv[i + 1], &m))
			continue;
		if (m.opt->arg && !m.value) {
			free(raw);
			return mg_error_set(err, NULL, "missing argument to %s", argv[i]);
		}
		if (m.used_next)
			i++;
		switch (m.opt->act) {
		case ACT_OUTPUT: free(line->output); line->output = xstrdup(m.value); break;
		case ACT_LIBDIR: raw[n_raw++] = (char *)m.value; break;
		case ACT_SYSROOT: free(*sysroot); *sysroot = xstrdup(m.value); break;
		case ACT_SHARED: line->shared = true; break;
		case ACT_RELOCATABLE: line->relocatable = true; break;
		default: break;
		}
	}
	line->dirs = xmalloc((n_raw + 1) * sizeof *line->dirs);
	for (size_t i = 0; i < n_raw; i++)
		line->dirs[i] = apply_sysroot(*sysroot, raw[i]);
	line->n_dirs = n_raw;
	free(raw);
	return 0;
}

/* Input pass: files and libraries in order, with the state they are in. */
static int collect_inputs(int argc, char *const *argv, parser *ps, mg_error *err)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		opt_match m;
		if (a[0] != '-' || a[1] == '\0') {
			if (a[0] == '-')
				continue; /* "-": stdin is not an input ld reads */
			if (add_resolved(ps, a, is_regular(a) ? xstrdup(a) : NULL, false, NULL, 0,
					 err) < 0)
				return -1;
			continue;
		}
		if (!match_option(a, argv[i + 1], &m))
			continue;
		if (m.used_next)
			i++;
		if (m.opt->act == ACT_LIBRARY) {
			char *spec = concat("-l", m.value, NULL);
			char *path = find_library(ps->line, m.value, ps->state.static_state);
			int rc = add_resolved(ps, spec, path, true, NULL, 0, err);
			free(spec);
			if (rc < 0)
				return -1;
			continue;
		}
		apply_state(ps, m.opt->act);
	}
	return 0;
}

int ld_line_parse(int argc, char *const *argv, ld_line *line, mg_error *err)
{
	char *sysroot = xstrdup("");
	parser ps = {.line = line};

	memset(line, 0, sizeof *line);
	line->output = xstrdup("a.out");
	int rc = collect_globals(argc, argv, line, &sysroot, err);
	ps.sysroot = sysroot;
	if (rc == 0)
		rc = collect_inputs(argc, argv, &ps, err);
	free(sysroot);
	return rc;
}

void ld_line_free(ld_line *line)
{
	for (size_t i = 0; i < line->n_inputs; i++) {
		free(line->inputs[i].spec);
		free(line->inputs[i].path);
	}
	free(line->inputs);
	for (size_t i = 0; i < line->n_dirs; i++)
		free(line->dirs[i]);
	free(line->dirs);
	free(line->output);
	memset(line, 0, sizeof *line);
}

char **ld_line_sonames(const ld_line *line)
{
	char **names = xcalloc(line->n_inputs + 1, sizeof *names);
	for (size_t i = 0; i < line->n_inputs; i++) {
		const ld_input *in = &line->inputs[i];
		mg_elf *elf = NULL;
		if (in->type != LD_SHARED || mg_elf_open(in->path, &elf, NULL) < 0)
			continue;
		const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, NULL);
		names[i] = xstrdup(dyn && dyn->soname ? dyn->soname : lbasename(in->path));
		mg_elf_close(elf);
	}
	return names;
}

void ld_line_sonames_free(const ld_line *line, char **names)
{
	for (size_t i = 0; names && i < line->n_inputs; i++)
		free(names[i]);
	free(names);
}

size_t ld_line_provider(const ld_line *line, char *const *sonames, const char *soname)
{
	for (size_t i = 0; i < line->n_inputs; i++)
		if (sonames[i] && strcmp(sonames[i], soname) == 0)
			return i;
	return (size_t)-1;
}

/* Which program the wrapper is (manyguard-cc or manyguard-c++, and the
 * real path it runs from) and which real compiler it wraps: MANYGUARD_CC /
 * MANYGUARD_CXX, else the next cc / c++ on PATH that is not a wrapper of
 * ours, looking through ccache. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "cc/cc_find.h"

/* Programs that run a compiler named after them ("ccache g++"): the
 * compiler is the first word that is none of these. */
static const char *const launchers[] = { "ccache", "sccache", "distcc", "icecc", "buildcache" };

static bool is_launcher(const char *path)
{
	const char *base = lbasename(path);
	for (size_t i = 0; i < sizeof launchers / sizeof launchers[0]; i++)
		if (strcmp(base, launchers[i]) == 0)
			return true;
	return false;
}

/* The farm LAUNCHER sends compiles to: the wrapper must know, because
 * the remote side has none of the files the wrapper names (distcc even
 * keeps every command with -specs= local, and distccd refuses -fplugin=).
 * LAUNCHER is a launcher word or the real path of a masquerade link;
 * ccache runs its CCACHE_PREFIX command (a farm, for a cache in front of
 * it) on a miss. */
static cc_farm farm_of(const char *launcher)
{
	const char *base = lbasename(launcher);
	if (strcmp(base, "distcc") == 0)
		return CC_FARM_DISTCC;
	if (strcmp(base, "icecc") == 0)
		return CC_FARM_ICECC;
	if (strcmp(base, "ccache") != 0)
		return CC_FARM_NONE;
	char **prefix = buildargv(getenv("CCACHE_PREFIX"));
	cc_farm farm = CC_FARM_NONE;
	if (prefix && prefix[0] && strcmp(lbasename(prefix[0]), "ccache") != 0)
		farm = farm_of(prefix[0]);
	freeargv(prefix);
	return farm;
}

int cc_find_self_init(cc_self *self, const char *argv0, mg_error *err)
{
	const char *base = lbasename(argv0);
	memset(self, 0, sizeof *self);
	self->cxx = strstr(base, "++") != NULL;
	self->name = self->cxx ? "manyguard-c++" : "manyguard-cc";
	self->env = self->cxx ? "MANYGUARD_CXX" : "MANYGUARD_CC";
	/* Called through a link named like a compiler (a masquerade directory,
	 * as ccache does): stand in for that compiler. */
	if (strncmp(base, "manyguard-", 10) == 0)
		self->search = self->cxx ? "c++" : "cc";
	else
		self->search = base;
	self->exe = realpath("/proc/self/exe", NULL);
	if (!self->exe)
		return mg_error_set(err, "/proc/self/exe", "cannot resolve: %s", strerror(errno));
	return 0;
}

void cc_find_self_free(cc_self *self)
{
	free(self->exe);
	self->exe = NULL;
}

void cc_find_compiler_free(cc_compiler *cc)
{
	cc_args_free(cc->command);
	free(cc->file);
	free(cc->path);
	free(cc->real);
	memset(cc, 0, sizeof *cc);
}

/* One executable called NAME on PATH. */
typedef struct candidate {
	char *path;
	char *real;
} candidate;

static void candidate_free(candidate *c)
{
	free(c->path);
	free(c->real);
	c->path = c->real = NULL;
}

/* PATH (taken over) as a candidate, if it is an executable file. */
static bool candidate_at(char *path, candidate *out)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || access(path, X_OK) != 0) {
		free(path);
		return false;
	}
	out->path = path;
	out->real = realpath(path, NULL);
	if (!out->real)
		out->real = xstrdup(path);
	return true;
}

static bool candidate_in(const char *dir, const char *name, candidate *out)
{
	return candidate_at(concat(*dir ? dir : ".", "/", name, NULL), out);
}

/* The search of NAME on PATH as a compiler launcher does it: ccache links
 * (masquerade directories) are passed over.  REAL receives the first other
 * executable, which may be the wrapper itself; CCACHE the first ccache
 * link before it, if any. */
static void path_search(const char *name, candidate *ccache, candidate *real)
{
	const char *path = getenv("PATH");
	memset(ccache, 0, sizeof *ccache);
	memset(real, 0, sizeof *real);
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	char *copy = xstrdup(path);
	for (char *p = copy, *next; p; p = next) {
		next = strchr(p, ':');
		if (next)
			*next++ = '\0';
		candidate c;
		if (!candidate_in(p, name, &c))
			continue;
		if (!is_launcher(c.real)) {
			*real = c;
			break;
		}
		if (!ccache->path)
			*ccache = c;
		else
			candidate_free(&c);
	}
	free(copy);
}

static cc_family family_of(const char *real)
{
	return strstr(lbasename(real), "clang") ? CC_FAMILY_CLANG : CC_FAMILY_GCC;
}

/* The next NAME on PATH after the wrapper: the first executable that is
 * not the wrapper, unless it is a ccache link whose own search would come
 * back to the wrapper. */
static int find_on_path(const cc_self *self, cc_compiler *out, mg_error *err)
{
	const char *path = getenv("PATH");
	char *copy = xstrdup(path ? path : "/usr/local/bin:/usr/bin:/bin");
	candidate ccache = { 0 }, other = { 0 };
	bool seen_real = false, first_is_self = false;

	for (char *p = copy, *next; p; p = next) {
		next = strchr(p, ':');
		if (next)
			*next++ = '\0';
		candidate c;
		if (!candidate_in(p, self->search, &c))
			continue;
		bool is_self = strcmp(c.real, self->exe) == 0;
		bool launcher = is_launcher(c.real);
		if (!launcher && !seen_real) {
			seen_real = true;
			first_is_self = is_self;
		}
		if (launcher && !ccache.path) {
			ccache = c;
			continue;
		}
		if (!launcher && !is_self) {
			other = c;
			break;
		}
		candidate_free(&c);
	}
	free(copy);

	int rc = 0;
	if (!other.path) {
		rc = mg_error_set(err, NULL,
				  "no %s on PATH other than %s itself: set %s to the real compiler",
				  self->search, self->name, self->env);
	} else {
		out->path = other.path;
		out->real = other.real;
		other.path = other.real = NULL;
		out->family = family_of(out->real);
		out->command = cc_args_new();
		/* A ccache link first on PATH stays in front (ccache behind the
		 * wrapper) unless its own search would find the wrapper again. */
		bool masquerade = ccache.path && !first_is_self;
		cc_args_add(out->command, masquerade ? ccache.path : out->path);
		out->farm = masquerade ? farm_of(ccache.real) : CC_FARM_NONE;
		out->file = xstrdup(out->command->argv[0]);
	}
	candidate_free(&ccache);
	candidate_free(&other);
	return rc;
}

/* What libiberty's buildargv would silently make of a value it cannot
 * read: a quote never closed, a backslash escaping nothing.  NULL when
 * VALUE reads as words (its rules: a backslash escapes the next character
 * anywhere, inside quotes too). */
static const char *unreadable(const char *value)
{
	char quote = 0;
	for (const char *p = value; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				return "it ends in a lone backslash";
			p++;
		} else if (quote && *p == quote) {
			quote = 0;
		} else if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p;
		}
	}
	if (quote == '\'')
		return "its ' is never closed";
	if (quote == '"')
		return "its \" is never closed";
	return NULL;
}

/* MANYGUARD_CC / MANYGUARD_CXX: words (quoted like a shell), launchers
 * first, then the compiler. */
static int find_from_env(const cc_self *self, const char *value, cc_compiler *out,
			 mg_error *err)
{
	const char *why = unreadable(value);
	if (why)
		return mg_error_set(err, NULL, "%s=\"%s\" cannot be read as a command: %s",
				    self->env, value, why);
	char **words = buildargv(value);
	int rc = -1;
	size_t i = 0;
	while (words && words[i] && is_launcher(words[i]))
		i++;
	if (!words || !words[i] || !words[i][0]) {
		rc = mg_error_set(err, NULL, "%s=\"%s\" names no compiler: unset it, or set it to "
				  "the real compiler", self->env, value);
		goto out;
	}
	const char *word = words[i];
	candidate c = { 0 }, ccache = { 0 };
	if (strchr(word, '/')) {
		if (!candidate_at(xstrdup(word), &c)) {
			rc = mg_error_set(err, NULL, "%s=\"%s\": %s is not an executable file",
					  self->env, value, word);
			goto out;
		}
	} else {
		path_search(word, &ccache, &c);
		candidate_free(&ccache);
		if (!c.path) {
			rc = mg_error_set(err, NULL, "%s=\"%s\": no %s on PATH", self->env,
					  value, word);
			goto out;
		}
	}
	if (strcmp(c.real, self->exe) == 0) {
		rc = mg_error_set(err, NULL,
				  "%s=\"%s\" runs %s itself (%s is %s): set it to the real "
				  "compiler, not to the wrapper",
				  self->env, value, self->name, c.path, self->exe);
		candidate_free(&c);
		goto out;
	}
	out->path = c.path;
	out->real = c.real;
	out->family = family_of(c.real);
	out->command = cc_args_new();
	for (size_t j = 0; words[j]; j++)
		cc_args_add(out->command, words[j]);
	/* "distcc g++", or a masquerade link named as the compiler. */
	for (size_t j = 0; j < i && !out->farm; j++)
		out->farm = farm_of(words[j]);
	if (!out->farm)
		out->farm = farm_of(c.real);
	/* Without a launcher the compiler runs as found, not searched again. */
	if (i == 0)
		out->file = xstrdup(out->path);
	rc = 0;
out:
	freeargv(words);
	return rc;
}

int cc_find_compiler(const cc_self *self, cc_compiler *out, mg_error *err)
{
	memset(out, 0, sizeof *out);
	const char *value = getenv(self->env);
	if (value && *value)
		return find_from_env(self, value, out, err);
	return find_on_path(self, out, err);
}

/* The manifest of one link: provenance asked from the real linker, facts
 * collected from the output and the link line, the verdict from the
 * report, then the section embedded and the JSON copy written. */
#include "config.h"
#include "ld/ld_manifest.h"
#include "policy/split.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/cleanup.h"
#include "ld/ld_find.h"
#include "ld/ld_glibc.h"
#include "ld/ld_manifest_internal.h"
#include "manifest/manifest.h"

/* ---- before the link ----------------------------------------------------------- */

/* The value of option NAME in ARGV (-NAME=V, --NAME=V, -NAME V, --NAME V),
 * the last one as the linker takes it, or NULL. */
static const char *option_value(char *const *argv, const char *name)
{
	const char *value = NULL;
	size_t n = strlen(name);
	for (size_t i = 1; argv[i]; i++) {
		const char *a = argv[i];
		if (a[0] != '-')
			continue;
		a += a[1] == '-' ? 2 : 1;
		if (strncmp(a, name, n) != 0)
			continue;
		if (a[n] == '=')
			value = a + n + 1;
		else if (a[n] == '\0' && argv[i + 1])
			value = argv[++i];
	}
	return value;
}

static bool has_word(char *const *argv, const char *const *words)
{
	for (size_t i = 1; argv[i]; i++)
		for (size_t k = 0; words[k]; k++)
			if (strcmp(argv[i], words[k]) == 0)
				return true;
	return false;
}

/* A temporary file for the linker to write into (path in *PATH), removed
 * should a fatal signal end the wrapper (base/cleanup.h; SLOT). */
static int temp_file(char **path, int *slot)
{
	const char *dir = getenv("TMPDIR");
	*path = concat(dir && *dir ? dir : "/tmp", "/manyguard-ld.XXXXXX", NULL);
	int fd = mg_cleanup_mkstemp(*path, slot);
	if (fd < 0) {
		free(*path);
		*path = NULL;
	}
	return fd;
}

/* ARGV plus the words EXTRA (NULL-terminated), in M->argv. */
static char **with_words(ld_manifest *m, char **argv, const char *const *extra)
{
	size_t n = 0, k = 0;
	while (argv[n])
		n++;
	while (extra[k])
		k++;
	m->argv = xmalloc((n + k + 1) * sizeof *m->argv);
	memcpy(m->argv, argv, n * sizeof *argv);
	for (size_t i = 0; i < k; i++)
		m->argv[n + i] = xstrdup(extra[i]);
	m->argv[n + k] = NULL;
	m->n_added = k;
	return m->argv;
}

/* The trace names every file the linker loaded, the objects the LTO
 * plugins make too (GCC's ltrans objects, LLVMgold's lto-llvm-*.o), which
 * are gone when the trace is read: the real linker gets a TMPDIR of its
 * own, inside the user's, so that a trace line naming a file there is
 * known for one and not passed on as the linker's output. */
static void private_temp_dir(ld_manifest *m)
{
	const char *dir = getenv("TMPDIR");
	char *path = concat(dir && *dir ? dir : "/tmp", "/manyguard-lto.XXXXXX", NULL);
	if (!mkdtemp(path)) {
		free(path);
		return;
	}
	m->user_tmpdir = dir ? xstrdup(dir) : NULL;
	m->temp_dir = path;
	/* Killed, the wrapper removes it (empty: the linker is waited for,
	 * and a plugin killed in the middle leaves its files there). */
	m->temp_slot = mg_cleanup_add(path);
	setenv("TMPDIR", path, 1);
}

/* Give the user's TMPDIR back and remove the linker's: what a plugin left
 * in it (a linker killed in the middle) goes too. */
static void remove_temp_dir(ld_manifest *m)
{
	if (!m->temp_dir)
		return;
	if (m->user_tmpdir)
		setenv("TMPDIR", m->user_tmpdir, 1);
	else
		unsetenv("TMPDIR");
	DIR *d = opendir(m->temp_dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *file = concat(m->temp_dir, "/", e->d_name, NULL);
		unlink(file);
		free(file);
	}
	if (d)
		closedir(d);
	rmdir(m->temp_dir);
	mg_cleanup_forget(m->temp_slot);
	m->temp_slot = -1;
	free(m->temp_dir);
	free(m->user_tmpdir);
	m->temp_dir = m->user_tmpdir = NULL;
}

static bool has_bitcode(const ld_line *line)
{
	for (size_t i = 0; i < line->n_inputs; i++)
		if (line->inputs[i].type == LD_BITCODE)
			return true;
	return false;
}

char **ld_manifest_prepare(ld_manifest *m, const char *flavour, const char *real,
			      const ld_line *line, char **argv, char *const *xargv)
{
	memset(m, 0, sizeof *m);
	m->prov_slot = -1;
	m->temp_slot = -1;
	m->flavour = flavour;
	const char *env = getenv("MANYGUARD_MANIFEST");
	if (line->relocatable || line->n_inputs == 0)
		return argv;
	m->enabled = !env || strcmp(env, "0") != 0;
	/* Without a manifest the linker is still asked for its provenance
	 * when LLVM bitcode is linked: what such an object defines, only the
	 * members the linker did not pull from the nonshared archive tell
	 * (the nonshared-export check; GCC's LTO objects have the plugin's
	 * resolution file instead). */
	if (!m->enabled && !has_bitcode(line))
		return argv;
	m->lld = ld_find_is_lld(flavour, real);
	if (m->enabled) {
		m->objs = xcalloc(1, sizeof *m->objs);
		m->reader = ld_manifest_reader_start(line, m->objs);
	}

	if (m->lld) {
		/* The user's own --why-extract file is read, never replaced. */
		const char *user = option_value(xargv, "why-extract");
		if (user && strcmp(user, "-") == 0) {
			m->prov_none = "--why-extract=- sends the linker's report to standard output";
			return argv;
		}
		if (user) {
			m->prov_path = xstrdup(user);
			m->kind = LD_PROV_WHY;
			return argv;
		}
		int fd = temp_file(&m->prov_path, &m->prov_slot);
		if (fd < 0) {
			m->prov_none = "no temporary file for the linker's report";
			return argv;
		}
		close(fd);
		m->prov_ours = true;
		m->kind = LD_PROV_WHY;
		char *opt = concat("--why-extract=", m->prov_path, NULL);
		const char *extra[] = {opt, NULL};
		char **out = with_words(m, argv, extra);
		free(opt);
		return out;
	}

	/* GNU ld and gold: a map the user asked for is read; otherwise their
	 * trace, unless the user already uses standard output for something. */
	const char *user = option_value(xargv, "Map");
	if (user && strcmp(user, "-") != 0) {
		m->prov_path = xstrdup(user);
		m->kind = LD_PROV_MAP;
		return argv;
	}
	static const char *const stdout_words[] = {"-M", "--print-map", "-t", "--trace",
						   "--verbose", "-Map", "--Map", NULL};
	if (user || has_word(xargv, stdout_words)) {
		m->prov_none = "the link's standard output is the user's (-M, -t or --verbose)";
		return argv;
	}
	int fd = temp_file(&m->prov_path, &m->prov_slot);
	int saved = fd < 0 ? -1 : fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		if (saved >= 0)
			close(saved);
		if (fd >= 0)
			close(fd);
		m->prov_none = "no temporary file for the linker's trace";
		return argv;
	}
	close(fd);
	m->saved_stdout = saved;
	m->redirected = true;
	private_temp_dir(m);
	m->prov_ours = true;
	m->kind = LD_PROV_TRACE;
	/* GNU ld names archive members only when asked twice. */
	bool gold = strcmp(flavour, "ld.gold") == 0;
	const char *extra[] = {"-t", gold ? NULL : "-t", NULL};
	return with_words(m, argv, extra);
}

/* The linker's --why-extract file or the user's map, read once. */
static void read_report(ld_manifest *m)
{
	FILE *f = !m->prov_read && m->kind != LD_PROV_TRACE && m->prov_path
			  ? fopen(m->prov_path, "r")
			  : NULL;
	if (!f)
		return;
	if (m->kind == LD_PROV_WHY)
		ld_manifest_map_why_extract(f, &m->prov);
	else
		ld_manifest_map_read(f, &m->prov);
	fclose(f);
	m->prov_read = true;
}

const ld_provenance *ld_manifest_provenance(const ld_manifest *m)
{
	return m->prov_read ? &m->prov : NULL;
}

void ld_manifest_linked(ld_manifest *m)
{
	ld_manifest_reader_wait(m->reader);
	m->reader = NULL;
	if (!m->redirected) {
		read_report(m);
		return;
	}
	m->redirected = false;
	fflush(stdout);
	dup2(m->saved_stdout, STDOUT_FILENO);
	close(m->saved_stdout);
	m->saved_stdout = -1;
	FILE *f = fopen(m->prov_path, "r");
	if (!f) {
		remove_temp_dir(m);
		return;
	}
	ld_manifest_map_trace(f, stdout, m->temp_dir, &m->prov);
	remove_temp_dir(m);
	fclose(f);
	fflush(stdout);
	m->prov_read = true;
}

void ld_manifest_free(ld_manifest *m)
{
	ld_manifest_linked(m);
	if (m->prov_ours && m->prov_path)
		unlink(m->prov_path);
	mg_cleanup_forget(m->prov_slot);
	free(m->prov_path);
	if (m->argv) {
		size_t n = 0;
		while (m->argv[n])
			n++;
		for (size_t i = n - m->n_added; i < n; i++)
			free(m->argv[i]);
		free(m->argv);
	}
	ld_manifest_map_free(&m->prov);
	if (m->objs)
		ld_manifest_objs_free(m->objs);
	free(m->objs);
	memset(m, 0, sizeof *m);
	m->prov_slot = -1;
}

/* ---- after the link ------------------------------------------------------------- */

static json_t *output_json(mg_elf *elf, const ld_line *line, const char *flavour,
			   mg_error *err)
{
	mg_elf_type type;
	const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, err);
	const char *build_id = dyn ? mg_elf_build_id(elf, err) : NULL;
	if (!build_id || mg_elf_type_of(elf, &type, err) < 0)
		return NULL;
	return json_pack("{s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "path", ld_manifest_str(line->output), "type",
			 mg_elf_type_name(type), "machine", mg_elf_machine_name(elf), "soname",
			 ld_manifest_str(dyn->soname), "build_id", ld_manifest_str(*build_id ? build_id : NULL),
			 "rpath", ld_manifest_str(dyn->rpath), "runpath", ld_manifest_str(dyn->runpath), "linker",
			 flavour);
}

static json_t *policy_json(const ld_verify_opts *opts)
{
	const char *baseline = getenv("MANYGUARD_BASELINE_LIBSTDCXX");
	const char *name = opts->policy ? mg_policy_name(opts->policy) : NULL;
	return json_pack("{s:o, s:o, s:o}", "name", ld_manifest_str(name), "baseline",
			 ld_manifest_str(baseline && *baseline ? baseline : name), "runtime_dir",
			 ld_manifest_str(opts->runtime_dir));
}

/* The rules the wrapper judged this link by, in lib/base/rule.h order. */
static json_t *rules_checked(mg_elf *elf, const ld_verify_opts *opts)
{
	static const mg_rule rules[] = {MG_RULE_STATIC_LIBSTDCXX, MG_RULE_STATIC_OPENMP,
					MG_RULE_MIXED_OPENMP, MG_RULE_SYMBOL_VERSION,
					MG_RULE_EXTERNAL_LIB, MG_RULE_STATIC_RUNTIME_COPY,
					MG_RULE_NONSHARED_EXPORT, MG_RULE_CXX_ABI};
	bool caps = opts->policy && mg_policy_caps(opts->policy, mg_elf_machine_name(elf));
	json_t *out = json_array();
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if ((rules[i] == MG_RULE_SYMBOL_VERSION && !caps) ||
		    (rules[i] == MG_RULE_EXTERNAL_LIB && !opts->policy) ||
		    (rules[i] == MG_RULE_CXX_ABI &&
		     (!opts->split || mg_split_cxx11_abi(opts->split))))
			continue;
		json_array_append_new(out, json_string(mg_rule_get(rules[i])->id));
	}
	return out;
}

static json_t *verdict_json(mg_elf *elf, const ld_verify_opts *opts, const ld_report *rep)
{
	json_t *findings = json_array(), *allowed = json_array(), *requested = json_array();
	unsigned allowed_bits = 0;
	for (size_t i = 0; i < rep->findings.count; i++) {
		const mg_finding *f = &rep->findings.v[i];
		json_array_append_new(findings, json_pack("{s:s, s:s, s:b, s:o}", "rule",
							  mg_rule_get(f->rule)->id, "severity",
							  mg_diag_severity_name(f->severity), "allowed",
							  f->allowed, "message", ld_manifest_str(f->message)));
		if (f->allowed)
			allowed_bits |= 1u << f->rule;
	}
	for (int r = 1; r < MG_RULE_COUNT; r++) {
		if (allowed_bits & (1u << r))
			json_array_append_new(allowed, json_string(mg_rule_get(r)->id));
		if (rep->allow && mg_rule_allow_has(rep->allow, r))
			json_array_append_new(requested, json_string(mg_rule_get(r)->id));
	}
	const char *result = allowed_bits ? "pass-with-allowed"
			     : rep->findings.count ? "pass-with-warnings"
					       : "pass";
	return json_pack("{s:s, s:o, s:o, s:o, s:o}", "result", result, "rules_checked",
			 rules_checked(elf, opts), "findings", findings, "allowed", allowed,
			 "allow_requested", requested);
}

static json_t *provenance_json(const ld_manifest *m)
{
	static const char *const sources[] = {
		[LD_PROV_NONE] = "none",
		[LD_PROV_MAP] = "map",
		[LD_PROV_TRACE] = "trace",
		[LD_PROV_WHY] = "why-extract",
	};
	ld_prov_kind kind = m->prov_read ? m->kind : LD_PROV_NONE;
	const char *note = kind != LD_PROV_NONE ? NULL
			   : m->prov_none  ? m->prov_none
					   : "the linker wrote no provenance";
	return json_pack("{s:s, s:o}", "source", sources[kind], "note", ld_manifest_str(note));
}

/* Collection pass: the whole document, or NULL with ERR. */
static json_t *collect(ld_manifest *m, const ld_line *line, mg_elf *elf,
		       const ld_verify_opts *opts, const ld_report *rep, mg_error *err)
{
	ld_provenance *prov = &m->prov;
	read_report(m);
	ld_manifest_objs *objs = m->objs;
	ld_manifest_explain(line, prov, objs, opts->lto);
	json_t *doc = NULL, *dropped = NULL, *without = NULL;
	json_t *output = output_json(elf, line, m->flavour, err);
	json_t *needed = output ? ld_manifest_needed(elf, line, prov, &dropped, err) : NULL;
	if (!needed) {
		json_decref(output);
		goto out;
	}
	json_t *archives = ld_manifest_archives(line, prov);
	json_t *runtimes = ld_manifest_runtimes(needed, archives, opts->policy);
	const char *glibc_dir = opts->glibc_link ? opts->glibc_link->dir : NULL;
	json_t *objects = ld_manifest_objects(line, prov, objs, glibc_dir, &without);
	json_t *cxx = ld_manifest_cxx(objects, archives, opts->split);
	json_t *glibc = ld_manifest_glibc(archives, opts->glibc_link);
	doc = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			"schema", MG_MANIFEST_SCHEMA, "manyguard_version", PACKAGE_VERSION, "output",
			output, "policy", policy_json(opts), "verdict", verdict_json(elf, opts, rep),
			"needed", needed, "dropped_as_needed", dropped, "provenance",
			provenance_json(m), "archives", archives, "runtimes", runtimes, "cxx", cxx,
			"glibc", glibc, "objects", objects, "objects_without_notes", without);
	if (!doc)
		mg_error_set(err, line->output, "cannot build the manifest");
	else
		ld_manifest_stable_temporaries(doc, line);
out:
	return doc;
}

static void warn(ld_report *rep, const mg_error *err)
{
	char buf[sizeof err->file + sizeof err->reason + 64];
	char msg[sizeof buf + 32];
	snprintf(msg, sizeof msg, "no manifest written: %s", mg_error_format(err, buf, sizeof buf));
	mg_diag d = {.program = rep->program, .severity = MG_SEV_WARNING, .message = msg};
	mg_diag_append(&rep->text, &d);
}

void ld_manifest_finish(ld_manifest *m, const ld_line *line, mg_elf *output,
			   const ld_verify_opts *opts, ld_report *rep)
{
	struct stat st;
	mg_error err;
	mg_error_clear(&err);
	if (!m->enabled || stat(line->output, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	json_t *doc = collect(m, line, output, opts, rep, &err);
	if (!doc) {
		/* A part jansson refused says nothing itself. */
		if (!err.reason[0])
			mg_error_set(&err, line->output, "cannot build the manifest");
		warn(rep, &err);
		return;
	}
	/* Storage pass: the section, then the collected copy. */
	void *sec = NULL;
	size_t size;
	if (mg_manifest_encode(doc, &sec, &size, &err) < 0 ||
	    mg_manifest_embed(line->output, sec, size, &err) < 0)
		warn(rep, &err);
	const char *dir = getenv("MANYGUARD_MANIFEST_DIR");
	if (dir && *dir && mg_manifest_write_json(dir, line->output, doc, &err) < 0)
		warn(rep, &err);
	free(sec);
	json_decref(doc);
}

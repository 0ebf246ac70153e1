/* manyguard-ld: the linker wrapper that compiler drivers run through
 * `-B DIR/` (installed as ld, ld.bfd, ld.gold and ld.lld).  Passes:
 * parse the link line and refuse forbidden inputs; run the real linker of
 * the flavour it was called as, unchanged; verify the output and remove
 * it when it breaks a rule.  Silent on success. */
#include "config.h"

#include <errno.h>
#include <libiberty/libiberty.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/asprintf.h"
#include "base/cleanup.h"
#include "base/diag.h"
#include "base/dirdigest.h"
#include "elf/elf.h"
#include "policy/baseline.h"
#include "ld/ld_verify.h"
#include "ld/ld_find.h"
#include "ld/ld_glibc.h"
#include "ld/ld_line.h"
#include "ld/ld_lto_ir.h"
#include "ld/ld_manifest.h"
#include "policy/policy.h"
#include "policy/split.h"
#include "ld/ld_undefined.h"
#include "rules/rules.h"
#include "base/rsp.h"

extern char **environ;

#define PROGRAM "manyguard-ld"
/* Set for the real linker: a wrapper that finds it set was reached from
 * a wrapper, i.e. PATH leads back to it.  Running on would recurse. */
#define DEPTH_VAR "MANYGUARD_LD_DEPTH"

/* One diagnostic line of the wrapper's own on standard error. */
static void print_diag(mg_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void print_diag(mg_severity sev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = mg_vasprintf(fmt, ap);
	va_end(ap);
	mg_diag d = {.program = PROGRAM, .severity = sev, .message = msg};
	char line[8192];
	mg_diag_format(&d, line, sizeof line);
	fprintf(stderr, "%s\n", line);
	free(msg);
}

static void print_mg_error(const char *what, const mg_error *err)
{
	char buf[sizeof err->file + sizeof err->reason + 8];
	print_diag(MG_SEV_ERROR, "%s: %s", what, mg_error_format(err, buf, sizeof buf));
}

/* The linker's standard error as it passed through, for the undefined
 * references of a failed link (enough of it to hold thousands). */
#define KEPT_STDERR (4u << 20)

typedef struct linker_stderr {
	char *text;
	size_t len;
} linker_stderr;

/* Pass the linker's standard error (read end FD) on to ours as it comes,
 * keeping the first KEPT_STDERR bytes in OUT. */
static void relay_stderr(int fd, linker_stderr *out)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(STDERR_FILENO, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break; /* our stderr is gone: keep reading, drop it */
			done += w;
		}
		size_t keep = out->len < KEPT_STDERR ? KEPT_STDERR - out->len : 0;
		if (keep > (size_t)n)
			keep = (size_t)n;
		if (keep) {
			out->text = xrealloc(out->text, out->len + keep + 1);
			memcpy(out->text + out->len, buf, keep);
			out->len += keep;
			out->text[out->len] = '\0';
		}
	}
}

/* Run the real linker with the user's own words, its standard error
 * passed through and kept in ERRS; returns its wait status, or -1 when it
 * could not start. */
static int run_linker(const char *real, char **argv, linker_stderr *errs)
{
	char **args = dupargv(argv);
	pid_t pid;
	int status, fds[2];

	free(args[0]);
	args[0] = xstrdup(real);
	setenv(DEPTH_VAR, "1", 1);
	if (pipe(fds) != 0) {
		print_diag(MG_SEV_ERROR, "cannot run %s: %s", real, strerror(errno));
		freeargv(args);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	int rc = mg_cleanup_spawn(&pid, real, false, &fa, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	freeargv(args);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		print_diag(MG_SEV_ERROR, "cannot run %s: %s", real, strerror(rc));
		return -1;
	}
	relay_stderr(fds[0], errs);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			mg_cleanup_child(0);
			print_diag(MG_SEV_ERROR, "waiting for %s: %s", real, strerror(errno));
			return -1;
		}
	mg_cleanup_child(0);
	return status;
}

/* The split of the runtime directory, when it has a report (a directory
 * made by hand may not).  -1 when the report is there but unreadable. */
static int load_split(const char *runtime_dir, mg_split **split)
{
	*split = NULL;
	if (!runtime_dir)
		return 0;
	char *report = concat(runtime_dir, "/report.json", NULL);
	bool there = access(report, F_OK) == 0;
	free(report);
	if (!there)
		return 0;
	mg_error err;
	*split = mg_split_load(runtime_dir, &err);
	if (!*split) {
		print_mg_error("cannot read the runtime directory (MANYGUARD_RUNTIME_DIR)", &err);
		return -1;
	}
	return 0;
}

/* After a failed link: why the runtimes lack the names it could not
 * resolve, in the report.  glibc's table is read only when the linker
 * reported undefined names. */
static void explain_failure(const linker_stderr *errs, const mg_split *split,
			    const mg_policy *policy, const char *glibc_dir, const ld_line *line,
			    ld_report *rep)
{
	if (!errs->len)
		return;
	char **names;
	size_t n = ld_undefined_names(errs->text, errs->len, &names);
	ld_glibc glibc = {0};
	mg_error err;
	if (!n || ld_glibc_load(&glibc, glibc_dir, policy, ld_glibc_line_machine(line), true,
				&err) < 0)
		ld_glibc_free(&glibc);
	const mg_rules_opts ro = {.stage = MG_STAGE_LINK, .policy = policy, .split = split,
				  .glibc = &glibc.rules};
	mg_findings found = {0};
	mg_rules_explain_undefined(line->output, (const char *const *)names, n, &ro, &found);
	ld_report_findings(rep, line->output, split ? mg_split_baseline(split)
						    : mg_policy_name(policy), &found, NULL);
	ld_glibc_free(&glibc);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* MANYGUARD_GLIBC_DIR: the glibc baseline the link uses (stubs of the
 * policy's glibc, shims), or NULL when unset.  Set, it must be a
 * directory: a typo must not switch the baseline's checks off. */
static int glibc_dir_from_env(const char **dir)
{
	struct stat st;
	*dir = getenv("MANYGUARD_GLIBC_DIR");
	if (!*dir || !**dir) {
		*dir = NULL;
		return 0;
	}
	if (stat(*dir, &st) != 0) {
		print_diag(MG_SEV_ERROR, "MANYGUARD_GLIBC_DIR=\"%s\": %s", *dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		print_diag(MG_SEV_ERROR, "MANYGUARD_GLIBC_DIR=\"%s\": not a directory", *dir);
		return -1;
	}
	return 0;
}

/* Leave as the linker left: its exit status, or its death by signal,
 * re-raised once everything is cleaned up (the trace's temporary file). */
static int linker_exit(int status, int *death_signal)
{
	if (WIFSIGNALED(status)) {
		*death_signal = WTERMSIG(status);
		return 128 + WTERMSIG(status);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static bool is_regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* MANYGUARD_BASELINE_LIBSTDCXX (and _LIBGCC_S): a real old runtime whose
 * versions cap what the output may ask of libstdc++ and libgcc_s.  Unset:
 * B stays empty and the policy's caps apply. */
static int load_baseline(const char *runtime_dir, mg_baseline *b)
{
	const char *cxx = getenv("MANYGUARD_BASELINE_LIBSTDCXX");
	const char *gcc_s = getenv("MANYGUARD_BASELINE_LIBGCC_S");
	mg_error err;
	if (!cxx || !*cxx)
		return 0;
	if (mg_baseline_load(cxx, gcc_s && *gcc_s ? gcc_s : NULL, runtime_dir, b, &err) < 0) {
		print_mg_error("cannot read the baseline (MANYGUARD_BASELINE_LIBSTDCXX)", &err);
		return -1;
	}
	return 0;
}

/* MANYGUARD_RUNTIME_DIR: trusted only when it matches its digest (a
 * damaged nonshared archive links, and the output then fails on the
 * baseline); its split into *SPLIT.  -1 after saying why. */
static int load_runtime_dir(const char *dir, mg_split **split)
{
	mg_error err;
	*split = NULL;
	if (dir && mg_dirdigest_check(dir, &err) != 0) {
		char buf[sizeof err.file + sizeof err.reason + 8];
		print_diag(MG_SEV_ERROR, "the runtime directory (MANYGUARD_RUNTIME_DIR) cannot be "
			   "trusted: %s", mg_error_format(&err, buf, sizeof buf));
		print_diag(MG_SEV_NOTE, "delete it: manyguard-c++ makes it again on its next link "
			   "(or make it with manyguard nonshared -o %s)", dir);
		return -1;
	}
	return load_split(dir, split);
}

/* After the link: what GCC's LTO plugin resolved, from the resolution
 * file the driver named (-plugin-opt=-fresolution=FILE; the plugin writes
 * it only when it claimed an object, and the driver removes it when the
 * link is over).  Nothing read leaves LTO empty. */
static void read_lto_resolution(char *const *xargv, ld_lto *lto)
{
	static const char opt[] = "-plugin-opt=-fresolution=";
	const char *path = NULL;
	for (size_t i = 1; xargv[i]; i++)
		if (strncmp(xargv[i], opt, sizeof opt - 1) == 0)
			path = xargv[i] + sizeof opt - 1;
	FILE *f = path && *path ? fopen(path, "r") : NULL;
	if (!f)
		return;
	ld_manifest_map_resolution(f, lto);
	fclose(f);
}

static void flush_report(ld_report *rep)
{
	if (rep->text.data)
		fputs(rep->text.data, stderr);
	mg_diag_buf_free(&rep->text);
}

int main(int argc, char **argv)
{
	mg_error err;
	mg_allow allow;
	ld_line line;
	ld_report rep = {.program = PROGRAM, .allow = &allow};
	mg_baseline baseline = {0};
	ld_manifest manifest = {.prov_slot = -1};
	mg_elf *output = NULL;
	mg_split *split = NULL;
	ld_glibc glibc = {0};
	linker_stderr errs = {NULL, 0};
	ld_lto lto = {0};
	int status = 1, death_signal = 0, output_slot = -1;

	/* Killed (^C, a CI timeout), the wrapper takes the real linker, its
	 * temporary files and the unverified output with it. */
	mg_cleanup_on_fatal_signals();
	if (getenv(DEPTH_VAR)) {
		print_diag(MG_SEV_ERROR, "the linker wrapper was run by itself (%s is set): PATH "
			   "leads back to the wrapper's directory", DEPTH_VAR);
		return 1;
	}
	const char *flavour = ld_find_flavour(argv[0]);
	char *real = ld_find_real(flavour, &err);
	if (!real) {
		print_mg_error("no real linker", &err);
		return 1;
	}
	if (mg_rule_allow_parse(getenv("MANYGUARD_ALLOW"), &allow, &err) < 0) {
		print_mg_error("invalid MANYGUARD_ALLOW", &err);
		free(real);
		return 1;
	}
	const char *manifest_switch = getenv("MANYGUARD_MANIFEST");
	if (manifest_switch && *manifest_switch && strcmp(manifest_switch, "0") != 0 &&
	    strcmp(manifest_switch, "1") != 0) {
		print_diag(MG_SEV_ERROR, "MANYGUARD_MANIFEST=\"%s\": expected 0 (no manifest) or 1",
			   manifest_switch);
		free(real);
		return 1;
	}
	const char *policy_name = getenv("MANYGUARD_POLICY");
	if (!policy_name || !*policy_name)
		policy_name = MG_DEFAULT_POLICY;
	const char *policy_dir = getenv("MANYGUARD_POLICY_DIR");
	mg_policy *policy = mg_policy_load(policy_dir && *policy_dir ? policy_dir : NULL,
					   policy_name, &err);
	if (!policy) {
		print_mg_error("cannot load the policy", &err);
		free(real);
		return 1;
	}

	/* Parse pass: the words the linker will read, response files expanded. */
	int xargc = argc;
	char **xargv = mg_rsp_expand(&xargc, argv);
	if (ld_line_parse(xargc, xargv, &line, &err) < 0) {
		print_mg_error("cannot read the link line", &err);
		goto out;
	}

	/* Refusal pass: nothing forbidden reaches the linker. */
	ld_refuse_inputs(&line, &rep);
	if (rep.errors) {
		/* As a failing linker does: no old output stays behind. */
		if (is_regular_file(line.output))
			unlink(line.output);
		flush_report(&rep);
		goto out;
	}

	/* The runtime directory the link uses, checked before the linker
	 * reads it. */
	const char *runtime_dir = getenv("MANYGUARD_RUNTIME_DIR");
	if (runtime_dir && !*runtime_dir)
		runtime_dir = NULL;
	const char *glibc_dir;
	if (load_runtime_dir(runtime_dir, &split) < 0 || glibc_dir_from_env(&glibc_dir) < 0) {
		if (is_regular_file(line.output))
			unlink(line.output);
		goto out;
	}
	if (!glibc_dir)
		glibc_dir = ld_glibc_dir_on_line(&line);

	/* Link pass.  Until it is verified, the output goes if we die. */
	struct stat ost;
	if (line.n_inputs > 0 && (lstat(line.output, &ost) == 0 ? S_ISREG(ost.st_mode)
								  : errno == ENOENT))
		output_slot = mg_cleanup_add(line.output);
	int wait_status = run_linker(real, ld_manifest_prepare(&manifest, flavour, real, &line,
								  argv, xargv), &errs);
	ld_manifest_linked(&manifest);
	if (wait_status < 0)
		goto out;
	bool lld = ld_find_is_lld(flavour, real), gcc_plugin = ld_lto_ir_gcc_plugin(xargv);
	if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
		explain_failure(&errs, split, policy, glibc_dir, &line, &rep);
		if (lld && gcc_plugin && WIFEXITED(wait_status))
			ld_lto_ir_explain_failure(&line, &rep);
		flush_report(&rep);
		status = linker_exit(wait_status, &death_signal);
		goto out;
	}

	/* Verification pass.  Without inputs the linker only answered a
	 * question (--version, --help); a non-regular output (/dev/null) is
	 * nothing anybody ships. */
	status = 0;
	if (line.n_inputs == 0 || (!is_regular_file(line.output) && access(line.output, F_OK) == 0))
		goto report;
	read_lto_resolution(xargv, &lto);
	ld_verify_opts opts = {.policy = policy, .runtime_dir = runtime_dir, .split = split,
			       .glibc = &glibc.rules, .glibc_link = &glibc,
			       .prov = ld_manifest_provenance(&manifest),
			       .lto = lto.n ? &lto : NULL};
	if (load_baseline(opts.runtime_dir, &baseline) < 0) {
		rep.errors++;
		goto report;
	}
	opts.baseline = baseline.cxx_caps ? &baseline : NULL;
	/* Read once, for the checks and the manifest (the output of a large
	 * link has ~100k dynamic symbols).  glibc's table is read when the
	 * output's GLIBC facts are judged: with the glibc baseline, or for a
	 * shared object. */
	if (mg_elf_open(line.output, &output, &err) < 0 ||
	    ld_glibc_load(&glibc, glibc_dir, policy, mg_elf_machine_name(output),
			  mg_elf_etype(output) == ET_DYN && line.shared, &err) < 0 ||
	    ld_verify(&line, output, &opts, &rep, &err) < 0) {
		print_mg_error("cannot verify the output", &err);
		rep.errors++;
	} else {
		ld_lto_ir_check(&line, output, lld, lld && gcc_plugin, &rep);
		if (!rep.errors)
			ld_manifest_finish(&manifest, &line, output, &opts, &rep);
	}
report:
	flush_report(&rep);
	if (rep.errors) {
		if (is_regular_file(line.output))
			unlink(line.output);
		status = 1;
	}
out:
	mg_cleanup_forget(output_slot);
	mg_elf_close(output);
	mg_split_free(split);
	ld_glibc_free(&glibc);
	ld_manifest_map_lto_free(&lto);
	free(errs.text);
	mg_baseline_free(&baseline);
	ld_manifest_free(&manifest);
	ld_line_free(&line);
	ld_report_free(&rep);
	mg_policy_free(policy);
	if (xargv != argv)
		freeargv(xargv);
	free(real);
	if (death_signal)
		mg_cleanup_reraise(death_signal);
	return status;
}

/* manyguard manifest [--json] FILE...: the runtime-dependency manifest the
 * linker wrapper embedded in each file (docs/manifest.md), as a short
 * summary or as its JSON. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/input.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/cxx_words.h"
#include "manifest/manifest.h"

/* Symbols listed per group in the summary; the rest are counted. */
#define MAX_LISTED 10

static void manifest_usage(FILE *out)
{
	fprintf(out,
		"usage: manyguard manifest [--json] FILE...\n"
		"\n"
		"Print the runtime-dependency manifest that manyguard's linker wrapper\n"
		"embedded in each ELF file: what it needs at run time (each library, why it\n"
		"was linked, the symbol versions required from it), what was linked\n"
		"privately from the nonshared libstdc++ archive, the OpenMP and BLAS\n"
		"runtimes, and the verdict.  --json prints the manifest itself (one JSON\n"
		"document per file).\n"
		"Exit status: 0 when every file has a valid manifest, 1 when a file has\n"
		"none or a corrupted one (or is no ELF file), 2 when a file cannot be\n"
		"read (missing, not a regular file) or on bad usage.\n");
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "-";
}

static void print_needed(const json_t *doc)
{
	const json_t *needed = json_object_get(doc, "needed");
	printf("  needs at run time (%zu):\n", json_array_size(needed));
	size_t i, j;
	json_t *e, *v;
	json_array_foreach(needed, i, e) {
		const json_t *rt = json_object_get(e, "runtime");
		printf("    %s", str(e, "name"));
		if (json_is_object(rt))
			printf("  [%s]", str(rt, "impl"));
		if (json_is_string(json_object_get(e, "linked_by")))
			printf("  linked by %s", str(e, "linked_by"));
		if (json_is_string(json_object_get(e, "script")))
			printf(" (script %s)", str(e, "script"));
		if (json_is_true(json_object_get(e, "as_needed")))
			printf(", --as-needed");
		printf("\n");
		if (json_is_string(json_object_get(e, "resolved")))
			printf("      at link time: %s\n", str(e, "resolved"));
		const json_t *versions = json_object_get(e, "versions");
		if (json_array_size(versions)) {
			printf("      versions:");
			json_array_foreach(versions, j, v)
				printf(" %s (%zu)", str(v, "version"),
				       json_array_size(json_object_get(v, "symbols")));
			printf("\n");
		}
	}
}

static void print_nonshared(const json_t *doc)
{
	size_t i, j;
	json_t *a, *m;
	json_array_foreach(json_object_get(doc, "archives"), i, a) {
		if (!json_is_true(json_object_get(a, "nonshared")))
			continue;
		const json_t *members = json_object_get(a, "members");
		printf("  linked privately from %s (%zu members, hidden):\n", str(a, "path"),
		       json_array_size(members));
		json_array_foreach(members, j, m) {
			if (j == MAX_LISTED) {
				printf("    ... and %zu more\n", json_array_size(members) - j);
				break;
			}
			const char *sym = json_string_value(json_object_get(m, "symbol"));
			/* No symbol: the archive was linked whole, or the linker's
			 * reference could not be found (docs/manifest.md). */
			const char *why = json_is_true(json_object_get(a, "whole_archive"))
						  ? "(--whole-archive)"
						  : "(reference not found)";
			printf("    %s  (%s", sym ? sym : why, str(m, "member"));
			if (json_is_string(json_object_get(m, "referenced_by")))
				printf(", for %s", str(m, "referenced_by"));
			printf(")\n");
		}
	}
}

/* The glibc baseline the link used, and the shims it linked in (manifests
 * written before it was recorded have no "glibc"). */
static void print_glibc(const json_t *doc)
{
	const json_t *g = json_object_get(doc, "glibc");
	if (!json_is_object(g))
		return;
	printf("  glibc baseline: glibc %s, from %s", str(g, "release"), str(g, "dir"));
	if (json_is_string(json_object_get(g, "baseline_libc")))
		printf(" (made from the glibc in %s)", str(g, "baseline_libc"));
	printf("\n");
	const json_t *shims = json_object_get(g, "shims");
	if (!json_array_size(shims))
		return;
	printf("    shims linked in (%zu, hidden):\n", json_array_size(shims));
	size_t i;
	json_t *m;
	json_array_foreach(shims, i, m) {
		if (i == MAX_LISTED) {
			printf("      ... and %zu more\n", json_array_size(shims) - i);
			break;
		}
		const char *sym = json_string_value(json_object_get(m, "symbol"));
		printf("      %s  (%s", sym ? sym : "(--whole-archive)", str(m, "member"));
		if (json_is_string(json_object_get(m, "referenced_by")))
			printf(", for %s", str(m, "referenced_by"));
		printf(")\n");
	}
}

static void print_runtimes(const json_t *doc)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(doc, "runtimes"), i, r) {
		const char *family = str(r, "family");
		if (strcmp(family, "openmp") != 0 && strcmp(family, "blas") != 0)
			continue;
		printf("  %s: %s (%s, %s", strcmp(family, "openmp") == 0 ? "OpenMP" : "BLAS",
		       str(r, "impl"), str(r, "library"), str(r, "how"));
		if (json_is_string(json_object_get(r, "linked_by")))
			printf(", linked by %s", str(r, "linked_by"));
		printf(")\n");
		const json_t *built = json_object_get(r, "built");
		if (json_is_object(built))
			printf("    built by manyguard openmp for %s (needs up to %s) from %s\n"
			       "    in %s\n", str(built, "policy"), str(built, "glibc_max"),
			       str(built, "source"), str(built, "dir"));
		else if (json_is_null(built) && json_is_false(json_object_get(r, "fits_policy")))
			printf("    the compiler's own runtime (%s), not built for the policy's glibc: "
			       "needs %s, above the policy's cap: unfit for %s; see manyguard "
			       "openmp\n", str(r, "resolved"), str(r, "glibc_max"),
			       str(json_object_get(doc, "policy"), "name"));
		else if (json_is_null(built) && json_is_true(json_object_get(r, "fits_policy")))
			printf("    the compiler's own runtime (%s), not built for the policy's glibc: "
			       "needs up to %s, within the policy's cap\n", str(r, "resolved"),
			       str(r, "glibc_max"));
		else if (json_is_null(built))
			printf("    the compiler's own runtime (%s), not built for the policy's glibc: "
			       "see manyguard openmp\n", str(r, "resolved"));
	}
}

static void print_verdict(const json_t *doc)
{
	const json_t *v = json_object_get(doc, "verdict");
	printf("  verdict: %s (%zu rules checked", str(v, "result"),
	       json_array_size(json_object_get(v, "rules_checked")));
	size_t i;
	json_t *e;
	if (json_array_size(json_object_get(v, "allowed"))) {
		printf("; allowed by MANYGUARD_ALLOW:");
		json_array_foreach(json_object_get(v, "allowed"), i, e)
			printf(" %s", json_string_value(e) ? json_string_value(e) : "?");
	}
	printf(")\n");
	json_array_foreach(json_object_get(v, "findings"), i, e)
		printf("    %s [%s%s]: %s\n", str(e, "severity"), str(e, "rule"),
		       json_is_true(json_object_get(e, "allowed")) ? "; allowed" : "",
		       str(e, "message"));
}

static void print_objects(const json_t *doc)
{
	size_t with = 0, i;
	json_t *o;
	json_array_foreach(json_object_get(doc, "objects"), i, o)
		with += json_is_array(json_object_get(o, "notes"));
	const json_t *without = json_object_get(doc, "objects_without_notes");
	printf("  objects: %zu with plugin notes, %zu without\n", with, json_array_size(without));
	json_array_foreach(without, i, o) {
		if (i == MAX_LISTED) {
			printf("    ... and %zu more\n", json_array_size(without) - i);
			break;
		}
		printf("    no notes: %s\n", json_string_value(o) ? json_string_value(o) : "?");
	}
}

static void print_summary(const char *file, const json_t *doc)
{
	const json_t *out = json_object_get(doc, "output");
	const json_t *policy = json_object_get(doc, "policy");
	printf("%s: manifest of manyguard %s, policy %s (baseline %s)\n", file,
	       str(doc, "manyguard_version"), str(policy, "name"), str(policy, "baseline"));
	printf("  output: %s %s, soname %s, build-id %s, linked by %s as %s\n", str(out, "type"),
	       str(out, "machine"), str(out, "soname"), str(out, "build_id"), str(out, "linker"),
	       str(out, "path"));
	print_needed(doc);
	print_nonshared(doc);
	print_glibc(doc);
	print_runtimes(doc);
	mg_manifest_summary sum;
	mg_manifest_summarize(doc, &sum);
	cxx_words_print(&sum);
	print_verdict(doc);
	print_objects(doc);
}

int cmd_manifest(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool as_json = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			as_json = true;
			break;
		case 'h':
			manifest_usage(stdout);
			return 0;
		default:
			manifest_usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		cli_errorf("no file given");
		manifest_usage(stderr);
		return 2;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		json_t *doc = NULL;
		mg_error err;
		/* Missing, or not a regular file: nothing to look in (2); a file
		 * read that is no ELF file or holds no valid manifest: 1. */
		int fd = mg_input_open(argv[i], NULL, &err);
		if (fd < 0) {
			cli_error(&err);
			status = 2;
			continue;
		}
		close(fd);
		if (mg_manifest_read_file(argv[i], &doc, &err) < 0) {
			cli_error(&err);
			status = status > 1 ? status : 1;
			continue;
		}
		if (!doc) {
			cli_errorf("%s: no manyguard manifest (no %s section): not linked through "
				      "manyguard's linker wrapper, or the section was removed", argv[i],
				      MG_MANIFEST_SECTION);
			status = status > 1 ? status : 1;
			continue;
		}
		if (as_json) {
			char *text;
			size_t len;
			if (mg_manifest_dump(doc, &text, &len, &err) == 0) {
				fwrite(text, 1, len, stdout);
				free(text);
			}
		} else {
			print_summary(argv[i], doc);
		}
		json_decref(doc);
	}
	if (fflush(stdout) != 0) {
		cli_errorf("cannot write the output");
		return 2;
	}
	return status;
}

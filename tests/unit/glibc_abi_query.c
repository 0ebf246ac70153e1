/* The C reader of the glibc ABI table answering two of policy/glibc/query's
 * questions in its words, so that glibc_abi_reader.sh can compare the two
 * readers line for line:
 *
 *   glibc_abi_query TABLE view RELEASE          query view --release RELEASE
 *   glibc_abi_query TABLE which RELEASE NAME... query which --cap RELEASE NAME...
 *
 * (`which` exits 1 when a name has no default version, as query does). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/glibc_abi.h"

static const char *status_word(const mg_glibc_abi_symbol *s)
{
	return mg_glibc_abi_is_default(s, 0) ? "default" : "compat";
}

static void print_kind(const mg_glibc_abi_symbol *s)
{
	if (s->kind == 'F')
		printf("F");
	else
		printf("%c:0x%llx", s->kind, (unsigned long long)s->size);
}

static void view(const mg_glibc_abi *abi, int rel)
{
	for (size_t l = 0; l < mg_glibc_abi_lib_count(abi); l++) {
		const mg_glibc_abi_lib *lib = mg_glibc_abi_lib_at(abi, l);
		if (!mg_glibc_abi_in(lib->releases, rel))
			continue;
		printf("lib %s %s\n", lib->name, lib->soname);
		const char *previous = NULL;
		for (size_t i = 0; i < mg_glibc_abi_version_count(abi, l); i++) {
			const mg_glibc_abi_version *v = mg_glibc_abi_version_at(abi, l, i);
			if (!mg_glibc_abi_in(v->releases, rel))
				continue;
			const char *parent = mg_glibc_abi_version_parent(previous, v->name);
			printf("verdef %s %s parent %s\n", lib->name, v->name, parent ? parent : "-");
			previous = v->name;
		}
		for (size_t i = 0; i < mg_glibc_abi_symbol_count(abi); i++) {
			const mg_glibc_abi_symbol *s = mg_glibc_abi_symbol_at(abi, i);
			if (s->lib != l || !mg_glibc_abi_in(s->releases, rel))
				continue;
			printf("sym %s %s %s ", lib->name, s->name, s->version);
			print_kind(s);
			printf(" %s\n", status_word(s));
		}
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One name of `which`; returns whether it has a default version. */
static int which(const mg_glibc_abi *abi, int rel, const char *name)
{
	const mg_glibc_abi_symbol *found[8];
	size_t n = mg_glibc_abi_where(abi, name, rel, found, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		const mg_glibc_abi_lib *lib = mg_glibc_abi_lib_at(abi, found[i]->lib);
		printf("%s %s %s %s\n", name, lib->name, lib->soname, found[i]->version);
	}
	if (n)
		return 1;
	char *compat[64];
	size_t nc = 0;
	for (const mg_glibc_abi_symbol *s = mg_glibc_abi_lookup(abi, name); s && nc < 64;
	     s = mg_glibc_abi_lookup_next(abi, s))
		if (mg_glibc_abi_in(s->releases, rel)) {
			const char *lib = mg_glibc_abi_lib_at(abi, s->lib)->name;
			size_t len = strlen(lib) + strlen(s->version) + 2;
			compat[nc] = malloc(len);
			snprintf(compat[nc++], len, "%s@%s", lib, s->version);
		}
	const mg_glibc_abi_symbol *first;
	int later = mg_glibc_abi_first_release(abi, name, rel + 1, &first);
	if (nc) {
		qsort(compat, nc, sizeof compat[0], cmp_str);
		printf("%s compat-only", name);
		for (size_t i = 0; i < nc; i++) {
			printf(" %s", compat[i]);
			free(compat[i]);
		}
		printf("\n");
	} else if (later >= 0) {
		printf("%s absent (first in %s: %s %s)\n", name, mg_glibc_abi_release_at(abi, (size_t)later),
		       mg_glibc_abi_lib_at(abi, first->lib)->name, first->version);
	} else {
		printf("%s absent\n", name);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[2], "view") != 0 && strcmp(argv[2], "which") != 0)) {
		fprintf(stderr, "usage: %s TABLE view RELEASE | TABLE which RELEASE NAME...\n", argv[0]);
		return 2;
	}
	mg_error err;
	mg_glibc_abi *abi = mg_glibc_abi_load(argv[1], &err);
	if (!abi) {
		char buf[sizeof err.file + sizeof err.reason + 8];
		fprintf(stderr, "%s: error: %s\n", argv[0], mg_error_format(&err, buf, sizeof buf));
		return 2;
	}
	int rel = mg_glibc_abi_release_index(abi, argv[3]);
	int status = 0;
	if (rel < 0) {
		fprintf(stderr, "%s: release %s is not in the table\n", argv[0], argv[3]);
		status = 2;
	} else if (strcmp(argv[2], "view") == 0) {
		view(abi, rel);
	} else {
		for (int i = 4; i < argc; i++)
			if (!which(abi, rel, argv[i]))
				status = 1;
	}
	mg_glibc_abi_free(abi);
	return status;
}

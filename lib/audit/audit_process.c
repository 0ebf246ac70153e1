/* The interpreter's process: ask the interpreter where its executable and
 * site-packages are, audit the executable and, breadth first like ld.so,
 * every library it loads (one package, "process"), then its site-packages,
 * so that every package is compared with the process. */
#include "config.h"
#include "audit/audit_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libiberty/libiberty.h>

#include "base/run.h"

/* ---- the interpreter's process ------------------------------------------------ */

static const char python_query[] =
	"import json, site, sys, sysconfig\n"
	"dirs = []\n"
	"try:\n"
	"    dirs += site.getsitepackages()\n"
	"except AttributeError:\n"
	"    pass\n"
	"dirs += [sysconfig.get_path('purelib'), sysconfig.get_path('platlib')]\n"
	"print(json.dumps({'executable': sys.executable, 'site': dirs}))\n";

typedef struct process_queue {
	size_t n, cap;
	char **paths;
} process_queue;

static void enqueue(process_queue *q, const char *path)
{
	char real[PATH_MAX];
	const char *p = realpath(path, real) ? real : path;
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->paths[i], p) == 0)
			return;
	MG_GROW(q->paths, q->n + 1, q->cap);
	q->paths[q->n++] = xstrdup(p);
}

/* The executable and, breadth first like ld.so, every library it loads.
 * The executable's DT_RPATH applies to all of them (unless it has
 * DT_RUNPATH), each file's own RPATH/RUNPATH to what it needs. */
static void audit_process(mg_audit *a, const char *exe)
{
	a->process_pkg = audit_package_begin(a, "process", MG_AUDIT_PROCESS, "/");
	process_queue q = { 0, 0, NULL };
	enqueue(&q, exe);
	char *exe_rpath = NULL;
	for (size_t i = 0; i < q.n; i++) {
		mg_elf *elf;
		mg_error err;
		a->files_seen++;
		a->packages[a->pkg].n_files++;
		if (mg_elf_open(q.paths[i], &elf, &err) != 0) {
			audit_input_error(a, &err);
			continue;
		}
		const mg_elf_dynamic *dyn = mg_elf_dynamic_info(elf, &err);
		if (!dyn) {
			audit_input_error(a, &err);
			mg_elf_close(elf);
			continue;
		}
		char *origin = xstrdup(q.paths[i]);
		*strrchr(origin, '/') = '\0';
		if (i == 0 && dyn->rpath && !dyn->runpath)
			exe_rpath = xstrdup(dyn->rpath);
		for (size_t j = 0; j < dyn->n_needed; j++) {
			char *path = mg_ldso_find(a->ldso, dyn->needed[j], dyn->rpath, dyn->runpath,
						  origin, mg_elf_class(elf), mg_elf_machine(elf));
			if (!path && exe_rpath)
				path = mg_ldso_find(a->ldso, dyn->needed[j], exe_rpath, NULL, origin,
						    mg_elf_class(elf), mg_elf_machine(elf));
			if (path)
				enqueue(&q, path);
			else {
				mg_error_set(&err, q.paths[i], "needs %s, which ld.so would not find",
					     dyn->needed[j]);
				audit_input_error(a, &err);
			}
			free(path);
		}
		audit_elf(a, elf, q.paths[i], origin);
		free(origin);
	}
	for (size_t i = 0; i < q.n; i++)
		free(q.paths[i]);
	free(q.paths);
	free(exe_rpath);
	audit_package_end(a);
}

int mg_audit_add_python(mg_audit *a, const char *python, mg_error *err)
{
	a->input = python;
	const char *argv[] = { python, "-c", python_query, NULL };
	char *out = NULL;
	if (mg_run(argv, python, &out, err) != 0) {
		audit_input_error(a, err);
		return -1;
	}
	json_error_t jerr;
	json_t *root = json_loads(out, 0, &jerr);
	free(out);
	const char *exe = root ? json_string_value(json_object_get(root, "executable")) : NULL;
	json_t *site = root ? json_object_get(root, "site") : NULL;
	if (!exe || !*exe || !json_is_array(site)) {
		mg_error_set(err, python, "did not say where its executable and site-packages are");
		audit_input_error(a, err);
		json_decref(root);
		return -1;
	}
	audit_process(a, exe);
	/* Several names may be one directory (purelib == platlib). */
	char **seen = xcalloc(json_array_size(site) + 1, sizeof *seen);
	size_t nseen = 0;
	for (size_t i = 0; i < json_array_size(site); i++) {
		const char *dir = json_string_value(json_array_get(site, i));
		char real[PATH_MAX];
		struct stat st;
		if (!dir || !realpath(dir, real) || stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		bool dup = false;
		for (size_t j = 0; j < nseen; j++)
			dup |= strcmp(seen[j], real) == 0;
		if (dup)
			continue;
		seen[nseen++] = xstrdup(real);
		mg_error e;
		mg_audit_add_path(a, real, &e);
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	json_decref(root);
	return 0;
}

/* The audit's bookkeeping: its state, packages, findings and their
 * places, input errors, the files already read, and the accessors of the
 * public interface.  Walking the inputs is audit_inputs.c's job. */
#include "config.h"
#include "audit/audit_internal.h"
#include "policy/glibc_abi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <libiberty/libiberty.h>

/* ---- bookkeeping ----------------------------------------------------------- */

void audit_input_error(mg_audit *a, const mg_error *err)
{
	MG_GROW(a->errors, a->n_errors + 1, a->cap_errors);
	mg_audit_input_error *e = &a->errors[a->n_errors++];
	e->input = xstrdup(a->input ? a->input : "");
	e->error = *err;
}

void audit_skipped(mg_audit *a, const mg_error *err)
{
	MG_GROW(a->skipped, a->n_skipped + 1, a->cap_skipped);
	mg_audit_input_error *e = &a->skipped[a->n_skipped++];
	e->input = xstrdup(a->input ? a->input : "");
	e->error = *err;
}

mg_audit_finding *audit_record(mg_audit *a, mg_finding *f)
{
	MG_GROW(a->findings, a->n_findings + 1, a->cap_findings);
	mg_audit_finding *af = &a->findings[a->n_findings++];
	memset(af, 0, sizeof *af);
	af->f = *f;
	memset(f, 0, sizeof *f);
	return af;
}

mg_audit_finding *audit_finding(mg_audit *a, mg_rule rule, mg_severity sev, char *message)
{
	mg_finding f = {.rule = rule, .severity = sev, .message = message};
	return audit_record(a, &f);
}

void audit_add_place(mg_audit_finding *f, size_t package, const char *file, const char *role)
{
	MG_GROW(f->places, f->n_places + 1, f->cap_places);
	mg_audit_place *p = &f->places[f->n_places++];
	p->package = package;
	p->file = xstrdup(file);
	p->role = role ? xstrdup(role) : NULL;
}

typedef struct inode_key {
	dev_t dev;
	ino_t ino;
} inode_key;

static hashval_t hash_inode(const void *p)
{
	const inode_key *k = p;
	return (hashval_t)(k->ino * 2654435761u) ^ (hashval_t)k->dev;
}

static int eq_inode(const void *a, const void *b)
{
	const inode_key *x = a, *y = b;
	return x->dev == y->dev && x->ino == y->ino;
}

bool audit_first_visit(mg_audit *a, dev_t dev, ino_t ino)
{
	inode_key key = { dev, ino };
	void **slot = htab_find_slot(a->inodes, &key, INSERT);
	if (*slot)
		return false;
	inode_key *k = xmalloc(sizeof *k);
	*k = key;
	*slot = k;
	return true;
}

mg_audit *mg_audit_new(const mg_audit_options *opts, mg_error *err)
{
	mg_audit *a = xcalloc(1, sizeof *a);
	a->opts = *opts;
	if (opts->limits)
		a->limits = *opts->limits;
	else
		mg_wheel_limits_default(&a->limits);
	a->opts.limits = &a->limits;
	if (opts->machine) {
		snprintf(a->machine, sizeof a->machine, "%s", opts->machine);
	} else {
		struct utsname u;
		if (uname(&u) != 0) {
			free(a);
			return mg_error_set(err, NULL, "uname: %s", strerror(errno)), NULL;
		}
		snprintf(a->machine, sizeof a->machine, "%s", u.machine);
	}
	a->inodes = htab_create_alloc(64, hash_inode, eq_inode, free, xcalloc, free);
	audit_exclude_init(a);
	a->ldso = mg_ldso_new();
	return a;
}

static void free_finding(mg_audit_finding *f)
{
	mg_finding_free(&f->f);
	for (size_t i = 0; i < f->n_places; i++) {
		free(f->places[i].file);
		free(f->places[i].role);
	}
	free(f->places);
}

void mg_audit_free(mg_audit *a)
{
	if (!a)
		return;
	audit_exclude_free(a);
	for (size_t i = 0; i < a->n_packages; i++) {
		mg_audit_package *p = &a->packages[i];
		free(p->name);
		free(p->root);
		for (size_t j = 0; j < p->n_elf; j++) {
			free(p->elf[j].path);
			free(p->elf[j].manifest_policy);
			free(p->elf[j].manifest_result);
			free(p->elf[j].manifest_allowed);
			free(p->elf[j].manifest_version);
			free(p->elf[j].manifest_error);
		}
		free(p->elf);
	}
	free(a->packages);
	for (size_t i = 0; i < a->n_findings; i++)
		free_finding(&a->findings[i]);
	free(a->findings);
	for (size_t i = 0; i < a->n_errors; i++)
		free(a->errors[i].input);
	free(a->errors);
	for (size_t i = 0; i < a->n_skipped; i++)
		free(a->skipped[i].input);
	free(a->skipped);
	free(a->walk_root);
	for (size_t i = 0; i < a->n_copies; i++) {
		free(a->copies[i].name);
		free(a->copies[i].file);
	}
	free(a->copies);
	for (size_t i = 0; i < a->n_shared_omp; i++)
		free(a->shared_omp[i].file);
	free(a->shared_omp);
	free(a->omp_undeclared);
	for (size_t i = 0; i < a->n_omp; i++) {
		free(a->omp[i].file);
		free(a->omp[i].library);
	}
	free(a->omp);
	for (size_t i = 0; i < a->n_process; i++) {
		free(a->process[i].name);
		free(a->process[i].path);
		free(a->process[i].stem);
	}
	free(a->process);
	mg_ldso_free(a->ldso);
	mg_newer_free(a->newer);
	mg_glibc_abi_free(a->glibc_abi);
	for (size_t i = 0; i < a->n_queued; i++)
		free(a->queued[i]);
	free(a->queued);
	free(a->pending);
	htab_delete(a->inodes);
	free(a);
}

const char *mg_audit_kind_name(mg_audit_kind kind)
{
	switch (kind) {
	case MG_AUDIT_FILE: return "file";
	case MG_AUDIT_DIRECTORY: return "directory";
	case MG_AUDIT_SITE_PACKAGE: return "site-package";
	case MG_AUDIT_WHEEL: return "wheel";
	case MG_AUDIT_PROCESS: return "process";
	}
	return "file";
}

size_t mg_audit_package_count(const mg_audit *a) { return a->n_packages; }
const mg_audit_package *mg_audit_package_at(const mg_audit *a, size_t i)
{
	return i < a->n_packages ? &a->packages[i] : NULL;
}
size_t mg_audit_finding_count(const mg_audit *a) { return a->n_findings; }
const mg_audit_finding *mg_audit_finding_at(const mg_audit *a, size_t i)
{
	return i < a->n_findings ? &a->findings[i] : NULL;
}
size_t mg_audit_error_count(const mg_audit *a) { return a->n_errors; }
const mg_audit_input_error *mg_audit_error_at(const mg_audit *a, size_t i)
{
	return i < a->n_errors ? &a->errors[i] : NULL;
}
size_t mg_audit_skipped_count(const mg_audit *a) { return a->n_skipped; }
const mg_audit_input_error *mg_audit_skipped_at(const mg_audit *a, size_t i)
{
	return i < a->n_skipped ? &a->skipped[i] : NULL;
}
size_t mg_audit_files_seen(const mg_audit *a) { return a->files_seen; }
size_t mg_audit_elf_seen(const mg_audit *a) { return a->elf_seen; }

size_t mg_audit_count_severity(const mg_audit *a, mg_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_findings; i++)
		n += a->findings[i].f.severity == sev;
	return n;
}

int mg_audit_exit_status(const mg_audit *a)
{
	if (a->n_errors)
		return 2;
	return mg_audit_count_severity(a, MG_SEV_ERROR) ? 1 : 0;
}

/* ---- packages -------------------------------------------------------------- */

size_t audit_package_begin(mg_audit *a, const char *name, mg_audit_kind kind, const char *root)
{
	MG_GROW(a->packages, a->n_packages + 1, a->cap_packages);
	mg_audit_package *p = &a->packages[a->n_packages];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	p->kind = kind;
	p->root = xstrdup(root);
	p->best_policy_known = true;
	a->pkg = a->n_packages++;
	a->cap_elf = 0;
	a->provided = htab_create_alloc(32, htab_hash_string, htab_eq_string, free, xcalloc, free);
	a->meta_known = false;
	return a->pkg;
}

void audit_package_metadata(mg_audit *a, const char *text, size_t len)
{
	a->meta_known = true;
	a->omp_dep = mg_pkgmeta_requires(text, len, MG_OMPINFO_DIST, a->omp_dep_extra,
					 sizeof a->omp_dep_extra);
}

void audit_provide(mg_audit *a, const char *name)
{
	if (strcmp(lbasename(name), MG_OMPINFO_SONAME) == 0)
		a->shared_omp_shipped = true;
	void **slot = htab_find_slot(a->provided, name, INSERT);
	if (!*slot)
		*slot = xstrdup(name);
}

void audit_package_end(mg_audit *a)
{
	for (size_t i = 0; i < a->n_pending; i++) {
		audit_pending_check(a, &a->pending[i]);
		audit_pending_free(&a->pending[i]);
	}
	a->n_pending = 0;
	audit_shared_openmp_undeclared(a);
	htab_delete(a->provided);
	a->provided = NULL;
}

void mg_audit_finish(mg_audit *a)
{
	a->input = NULL;
	audit_cross_openmp(a);
	audit_cross_duplicates(a);
	audit_cross_shared_openmp(a);
}

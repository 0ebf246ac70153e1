/* The audit model on real files of this machine: a directory with this
 * program and a text file; a site-packages tree whose packages ship copies
 * of the system's libgomp and LLVM's libomp; a missing input; exit
 * statuses. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "audit/audit.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"

static char dir[] = "/tmp/test_audit.XXXXXX";

static bool copy_file(const char *from, const char *to)
{
	size_t size;
	char *data = tu_slurp(from, &size);
	if (!data)
		return false;
	FILE *f = fopen(to, "wb");
	bool ok = f && fwrite(data, 1, size, f) == size;
	if (f)
		ok = fclose(f) == 0 && ok;
	free(data);
	return ok;
}

static const mg_audit_finding *find_rule(const mg_audit *a, const char *rule)
{
	for (size_t i = 0; i < mg_audit_finding_count(a); i++)
		if (strcmp(mg_rule_get(mg_audit_finding_at(a, i)->f.rule)->id, rule) == 0)
			return mg_audit_finding_at(a, i);
	return NULL;
}

static void test_directory(const char *self)
{
	char *d = concat(dir, "/plain", NULL);
	char *exe = concat(d, "/prog", NULL);
	char *txt = concat(d, "/README", NULL);
	mkdir(d, 0755);
	if (!tap_ok(copy_file(self, exe) && tu_write_file(txt, "hello\n"), "make a directory")) {
		free(d), free(exe), free(txt);
		return;
	}
	mg_audit_options opts = { 0 };
	mg_error err;
	mg_audit *a = mg_audit_new(&opts, &err);
	tap_eq_int(mg_audit_add_path(a, d, &err), 0, "audit it without a policy");
	mg_audit_finish(a);
	tap_eq_int((long long)mg_audit_package_count(a), 1, "one package");
	const mg_audit_package *p = mg_audit_package_at(a, 0);
	tap_eq_str(p->name, "plain", "named after the directory");
	tap_eq_str(mg_audit_kind_name(p->kind), "directory", "of kind directory");
	tap_eq_int((long long)mg_audit_files_seen(a), 2, "two files looked at");
	tap_eq_int((long long)mg_audit_elf_seen(a), 1, "one of them ELF");
	tap_eq_int((long long)p->n_elf, 1, "the package lists it");
	if (p->n_elf) {
		tap_eq_str(p->elf[0].path, "prog", "by its path in the package");
		tap_ok(strcmp(p->elf[0].type, "PIE") == 0 || strcmp(p->elf[0].type, "EXEC") == 0,
		       "an executable (%s)", p->elf[0].type);
	}
	tap_eq_int((long long)mg_audit_finding_count(a), 0, "no findings");
	tap_eq_int(mg_audit_exit_status(a), 0, "exit status 0");

	char *missing = concat(dir, "/missing", NULL);
	tap_eq_int(mg_audit_add_path(a, missing, &err), -1, "a missing input fails");
	tap_eq_int((long long)mg_audit_error_count(a), 1, "and is recorded");
	tap_eq_str(mg_audit_error_at(a, 0)->input, missing, "with the input");
	tap_eq_int(mg_audit_exit_status(a), 2, "exit status 2");
	mg_audit_free(a);
	free(missing), free(d), free(exe), free(txt);
}

/* site-packages/{a,a.libs,b.libs,extra}: a.libs and b.libs ship libgomp,
 * extra/ ships libomp and belongs to distribution a (its RECORD says so). */
static void test_site(const mg_policy *policy)
{
	const char *gomp = "/usr/lib/x86_64-linux-gnu/libgomp.so.1";
	const char *omp = "/usr/lib/llvm-14/lib/libomp.so.5";
	if (access(gomp, R_OK) != 0 || access(omp, R_OK) != 0) {
		tap_skip("no %s or %s on this machine", gomp, omp);
		return;
	}
	char *site = concat(dir, "/site-packages", NULL);
	const char *subdirs[] = { "", "/a", "/a.libs", "/b.libs", "/extra", "/a-1.0.dist-info" };
	for (size_t i = 0; i < sizeof subdirs / sizeof subdirs[0]; i++) {
		char *p = concat(site, subdirs[i], NULL);
		mkdir(p, 0755);
		free(p);
	}
	char *g1 = concat(site, "/a.libs/libgomp-11111111.so.1", NULL);
	char *g2 = concat(site, "/b.libs/libgomp-22222222.so.1", NULL);
	char *o1 = concat(site, "/extra/libomp-33333333.so.5", NULL);
	char *rec = concat(site, "/a-1.0.dist-info/RECORD", NULL);
	bool ok = copy_file(gomp, g1) && copy_file(gomp, g2) && copy_file(omp, o1) &&
		  tu_write_file(rec, "extra/libomp-33333333.so.5,,\n");
	free(g1), free(g2), free(o1), free(rec);
	if (!tap_ok(ok, "make a site-packages tree")) {
		free(site);
		return;
	}
	mg_audit_options opts = { .policy = policy };
	mg_error err;
	mg_audit *a = mg_audit_new(&opts, &err);
	tap_eq_int(mg_audit_add_path(a, site, &err), 0, "audit it");
	mg_audit_finish(a);
	tap_eq_int((long long)mg_audit_package_count(a), 2, "two packages: a (with extra/) and b");
	if (mg_audit_package_count(a) == 2) {
		tap_eq_str(mg_audit_package_at(a, 0)->name, "a", "the first is a");
		tap_eq_int((long long)mg_audit_package_at(a, 0)->n_elf, 2, "a libgomp and a libomp copy");
		tap_eq_str(mg_audit_package_at(a, 1)->name, "b", "the second is b (from b.libs)");
	}
	const mg_audit_finding *f = find_rule(a, "mixed-openmp");
	if (tap_ok(f != NULL, "mixed-openmp: libgomp and libomp are shipped")) {
		tap_eq_int(f->f.severity, MG_SEV_ERROR, "an error");
		tap_ok(f->cross, "across packages");
		tap_eq_int((long long)f->n_places, 3, "three files involved");
	}
	/* Both libgomp copies keep the SONAME libgomp.so.1: ld.so loads one. */
	f = find_rule(a, "duplicate-runtime");
	if (tap_ok(f != NULL, "duplicate-runtime for the two libgomp files")) {
		tap_eq_int(f->f.severity, MG_SEV_WARNING,
			   "a warning: one SONAME, so ld.so loads only one of them");
		tap_eq_int((long long)f->n_places, 2, "two places");
		if (f->n_places == 2)
			tap_eq_str(f->places[1].role, "ships libgomp.so.1", "by SONAME");
	}
	tap_eq_int(mg_audit_exit_status(a), 1, "exit status 1");
	mg_audit_free(a);
	free(site);
}

int main(int argc, char **argv)
{
	(void)argc;
	if (!mkdtemp(dir))
		tap_bail("mkdtemp");
	mg_error err;
	mg_policy *policy = mg_policy_load(MG_TEST_SRCDIR "/policy", "manylinux_2_28", &err);
	if (!policy)
		tap_bail("cannot load manylinux_2_28: %s", err.reason);
	test_directory(argv[0]);
	test_site(policy);
	mg_policy_free(policy);
	char *argv_rm[] = { "rm", "-rf", dir, NULL };
	tu_run(NULL, argv_rm);
	return tap_done();
}

/* The shim archive's selection (lib/rtdir/glibc_shims.c) on the build
 * tree's shim objects and the source tree's x86_64 glibc table: which
 * members each release gets and why, the archive written from them, and
 * the errors.  (glibc_shims.sh runs the shims on glibc 2.17.) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elf/archive.h"
#include "policy/glibc_abi.h"
#include "rtdir/glibc_shims.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"

static char *needed_list(const mg_glibc_shims *shims)
{
	static char buf[1024];
	buf[0] = '\0';
	for (size_t i = 0; i < mg_glibc_shims_count(shims); i++) {
		const mg_glibc_shim *s = mg_glibc_shims_at(shims, i);
		if (s->needed)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
				 buf[0] ? " " : "", s->name);
	}
	return buf;
}

static const mg_glibc_shim *shim_named(const mg_glibc_shims *shims, const char *name)
{
	for (size_t i = 0; i < mg_glibc_shims_count(shims); i++)
		if (strcmp(mg_glibc_shims_at(shims, i)->name, name) == 0)
			return mg_glibc_shims_at(shims, i);
	return NULL;
}

static void releases(const char *dir, const mg_glibc_abi *abi)
{
	mg_error err;
	mg_glibc_shims *s = mg_glibc_shims_plan(dir, abi, "2.17", &err);
	if (!tap_ok(s != NULL, "the shims of %s are read", dir)) {
		tap_diag("%s: %s", err.file, err.reason);
		return;
	}
	tap_eq_str(needed_list(s),
		   "arc4random.o clockwait.o explicit_bzero.o fcntl64.o getentropy.o getrandom.o "
		   "gettid.o memcmpeq.o mknod.o reallocarray.o single_threaded.o start.o stat.o "
		   "sysconf.o",
		   "glibc 2.17 needs every shim");
	const mg_glibc_shim *stat_o = shim_named(s, "stat.o");
	tap_ok(stat_o && stat_o->n_provides == 8 && strcmp(stat_o->provides[0], "fstat") == 0,
	       "stat.o provides the eight stat functions, read from its symbols");
	tap_eq_str(stat_o ? stat_o->why : NULL,
		   "glibc 2.17 lacks fstat, fstat64, fstatat, fstatat64, lstat, lstat64, stat, stat64",
		   "stat.o's reason names what 2.17 lacks");
	const mg_glibc_shim *start = shim_named(s, "start.o");
	tap_ok(start && start->below && strcmp(start->below, "2.34") == 0 && start->n_provides == 1,
	       "start.o provides __libc_start_main and is needed below 2.34");
	tap_eq_str(start ? start->why : NULL, "glibc 2.17 is older than 2.34",
		   "start.o's reason: 2.17 has __libc_start_main, but not 2.34's");
	mg_glibc_shims_free(s);

	s = mg_glibc_shims_plan(dir, abi, "2.28", &err);
	tap_eq_str(s ? needed_list(s) : NULL,
		   "arc4random.o clockwait.o gettid.o memcmpeq.o mknod.o single_threaded.o start.o "
		   "stat.o sysconf.o",
		   "glibc 2.28 keeps its own fcntl64, reallocarray, explicit_bzero, getrandom, "
		   "getentropy");
	mg_glibc_shims_free(s);
	s = mg_glibc_shims_plan(dir, abi, "2.31", &err);
	tap_eq_str(s ? needed_list(s) : NULL,
		   "arc4random.o memcmpeq.o mknod.o single_threaded.o start.o stat.o sysconf.o",
		   "glibc 2.31 (bullseye) has the clock waits (libpthread's) and gettid");
	mg_glibc_shims_free(s);
	s = mg_glibc_shims_plan(dir, abi, "2.34", &err);
	tap_eq_str(s ? needed_list(s) : NULL, "arc4random.o memcmpeq.o",
		   "glibc 2.34 needs no start fix and knows _SC_SIGSTKSZ");
	mg_glibc_shims_free(s);
	s = mg_glibc_shims_plan(dir, abi, "2.36", &err);
	tap_eq_str(s ? needed_list(s) : NULL, "", "glibc 2.36 needs no shim");
	mg_glibc_shims_free(s);
}

static void writing(const char *dir, const mg_glibc_abi *abi, const char *tmp)
{
	mg_error err;
	char a[4096], b[4096];
	snprintf(a, sizeof a, "%s/a.a", tmp);
	snprintf(b, sizeof b, "%s/b.a", tmp);
	mg_glibc_shims *s = mg_glibc_shims_plan(dir, abi, "2.28", &err);
	if (!s) {
		tap_ok(false, "the shims are read for 2.28: %s", err.reason);
		return;
	}
	tap_ok(mg_glibc_shims_write(s, a, &err) == 0 && mg_glibc_shims_write(s, b, &err) == 0,
	       "the archive is written");
	size_t na = 0, nb = 0;
	char *da = tu_slurp(a, &na), *db = tu_slurp(b, &nb);
	tap_ok(da && db && na == nb && memcmp(da, db, na) == 0, "the same plan gives the same bytes");
	free(da);
	free(db);
	mg_archive *ar = mg_archive_open(a, &err);
	if (tap_ok(ar != NULL, "the archive reads back")) {
		char names[1024] = "";
		for (size_t i = 0; i < mg_archive_member_count(ar); i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
				 i ? " " : "", mg_archive_member_at(ar, i)->name);
		tap_eq_str(names,
			   "arc4random.o clockwait.o gettid.o memcmpeq.o mknod.o single_threaded.o "
			   "start.o stat.o sysconf.o",
			   "its members are the needed ones, in name order");
		bool has_stat = false, has_reallocarray = false;
		for (size_t i = 0; i < mg_archive_symbol_count(ar); i++) {
			const char *n = mg_archive_symbol_at(ar, i)->name;
			has_stat |= strcmp(n, "stat") == 0;
			has_reallocarray |= strcmp(n, "reallocarray") == 0;
		}
		tap_ok(has_stat && !has_reallocarray,
		       "its index offers stat and not reallocarray (2.28's own must win)");
		mg_archive_close(ar);
	}
	mg_glibc_shims_free(s);

	s = mg_glibc_shims_plan(dir, abi, "2.36", &err);
	if (s && mg_glibc_shims_write(s, a, &err) == 0) {
		mg_archive *empty = mg_archive_open(a, &err);
		tap_ok(empty && mg_archive_member_count(empty) == 0,
		       "a release that needs nothing gets an archive without members");
		mg_archive_close(empty);
	} else {
		tap_ok(false, "an empty archive is written for 2.36");
	}
	mg_glibc_shims_free(s);
}

static void errors(const char *dir, const mg_glibc_abi *abi, const char *tmp)
{
	mg_error err;
	tap_ok(mg_glibc_shims_plan(dir, abi, "2.16", &err) == NULL &&
		       strstr(err.reason, "2.16 is not in the glibc ABI table") != NULL,
	       "a release the table lacks is refused");
	char path[4096];
	snprintf(path, sizeof path, "%s/none", tmp);
	tap_ok(mg_glibc_shims_plan(path, abi, "2.17", &err) == NULL && strcmp(err.file, path) == 0,
	       "a missing directory is an error naming it");
	snprintf(path, sizeof path, "%s/bad", tmp);
	mkdir(path, 0755);
	tap_ok(mg_glibc_shims_plan(path, abi, "2.17", &err) == NULL &&
		       strstr(err.reason, "no shim objects") != NULL,
	       "a directory without objects is an error");
	snprintf(path, sizeof path, "%s/bad/text.o", tmp);
	tu_write_file(path, "not an object\n");
	snprintf(path, sizeof path, "%s/bad", tmp);
	tap_ok(mg_glibc_shims_plan(path, abi, "2.17", &err) == NULL &&
		       strstr(err.file, "text.o") != NULL,
	       "an object that is not ELF is an error naming it");
}

int main(void)
{
	const char *shim_dir = getenv("MANYGUARD_SHIM_DIR");
	char dir[4096], tmp[] = "/tmp/mg-glibc-shims.XXXXXX";
	mg_error err;
	if (!shim_dir) {
		tap_ok(false, "MANYGUARD_SHIM_DIR is set (make check sets it)");
		return tap_done();
	}
	snprintf(dir, sizeof dir, "%s/x86_64", shim_dir);
	struct stat st;
	if (stat(dir, &st) != 0) {
		tap_skip("no x86_64 shims in %s: this machine builds another architecture's", shim_dir);
		return tap_done();
	}
	mg_glibc_abi *abi = mg_glibc_abi_load(MG_TEST_SRCDIR "/policy/glibc/x86_64.abi", &err);
	if (!tap_ok(abi != NULL, "the x86_64 table loads") || !mkdtemp(tmp))
		return tap_done();
	releases(dir, abi);
	writing(dir, abi, tmp);
	errors(dir, abi, tmp);
	mg_glibc_abi_free(abi);
	char *rm[] = { "rm", "-rf", tmp, NULL };
	tu_run(NULL, rm);
	return tap_done();
}

/* The shared OpenMP runtime as a wheel (docs/openmp.md, "shared"): one
 * copy of libgomp-manyguard.so.1 per environment, which extension wheels
 * depend on instead of each vendoring its own.
 *
 * Passes: check the runtime directory (mg_openmp_check: SHA256SUMS, the
 * cap of the policy it was built for) and read that policy's name and
 * aliases (the wheel's platform tags); make each file's bytes in memory
 * (the library and its licences as they are, __init__.py, METADATA, WHEEL)
 * with its RECORD line; write the zip with fixed timestamps (the same
 * runtime gives the same wheel), which libzip writes to a temporary file
 * and renames on close. */
#include "config.h"

#include "rtdir/openmp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include <libiberty/libiberty.h>

#include "base/asprintf.h"
#include "base/grow.h"
#include "base/sha256.h"
#include "base/small_file.h"
#include "policy/policy.h"

/* 1980-01-01 00:00 UTC plus a day: the earliest time a zip entry holds. */
#define WHEEL_MTIME ((time_t)315619200)

typedef struct wheel_file {
	char *name;      /* path inside the wheel */
	char *data;      /* its bytes (malloc'd) */
	size_t size;
	bool executable;
} wheel_file;

typedef struct wheel_files {
	wheel_file *v;
	size_t n, cap;
} wheel_files;

static void add_file(wheel_files *w, char *name, char *data, size_t size, bool executable)
{
	MG_GROW(w->v, w->n + 1, w->cap);
	w->v[w->n++] = (wheel_file){ name, data, size, executable };
}

/* RFC 4648 base64url without padding, as RECORD's hashes are written. */
static void base64url(const unsigned char *in, size_t len, char *out)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t o = 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)in[i + 1] << 8;
		if (i + 2 < len)
			v |= in[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		if (i + 1 < len)
			out[o++] = tab[(v >> 6) & 63];
		if (i + 2 < len)
			out[o++] = tab[v & 63];
	}
	out[o] = '\0';
}

static char *record_line(const wheel_file *f)
{
	mg_sha256 h;
	unsigned char digest[MG_SHA256_SIZE];
	char b64[64];
	mg_sha256_init(&h);
	mg_sha256_update(&h, f->data, f->size);
	mg_sha256_final(&h, digest);
	base64url(digest, sizeof digest, b64);
	return mg_asprintf("%s,sha256=%s,%zu\n", f->name, b64, f->size);
}

/* "12.2.0" out of "... source package gcc-12 12.2.0-14+deb12u1, ...": the
 * upstream release (a wheel version has no room for Debian's revision,
 * which the metadata's description names). */
static char *version_of(const char *source)
{
	const char *p = strstr(source, "gcc-");
	p = p ? strchr(p, ' ') : NULL;
	if (!p)
		return xstrdup("0");
	p++;
	size_t n = strspn(p, "0123456789.");
	return n ? xstrndup(p, n) : xstrdup("0");
}

static int read_whole(const char *path, char **data, size_t *size, mg_error *err)
{
	*data = mg_small_file_read(path, 64u << 20, size, err);
	return *data ? 0 : -1;
}

static int write_zip(const char *path, const wheel_files *w, mg_error *err)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		int rc = mg_error_set(err, path, "cannot create: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	for (size_t i = 0; i < w->n; i++) {
		const wheel_file *f = &w->v[i];
		zip_source_t *src = zip_source_buffer(za, f->data, f->size, 0);
		zip_int64_t idx = src ? zip_file_add(za, f->name, src, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			if (src)
				zip_source_free(src);
			goto fail;
		}
		zip_uint32_t mode = f->executable ? 0100755 : 0100644;
		if (zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
						     mode << 16) != 0 ||
		    zip_file_set_mtime(za, (zip_uint64_t)idx, WHEEL_MTIME, 0) != 0)
			goto fail;
	}
	if (zip_close(za) != 0)
		goto fail;
	return 0;
fail:
	mg_error_set(err, path, "cannot write the wheel: %s", zip_strerror(za));
	zip_discard(za);
	return -1;
}

int mg_openmp_wheel(const char *rt_dir, const char *policy_dir, const char *out_dir,
		    char **wheel_path, mg_error *err)
{
	mg_ompinfo info;
	mg_policy *policy = NULL;
	wheel_files w = { 0 };
	char *version = NULL, *tags = NULL, *dist = NULL, *path = NULL, *record = NULL;
	int rc = -1;

	*wheel_path = NULL;
	if (mg_openmp_check(rt_dir, NULL, policy_dir, &info, err) != 0)
		return -1;
	/* The tags: the policy it was built for, and that policy's aliases. */
	if (!(policy = mg_policy_load(policy_dir, info.policy, err)))
		goto out;
	const char *arch = "x86_64";
	tags = mg_asprintf("%s_%s", mg_policy_name(policy), arch);
	char *wheel_lines = mg_asprintf("Tag: py3-none-%s_%s\n", mg_policy_name(policy), arch);
	for (size_t i = 0; i < mg_policy_alias_count(policy); i++) {
		const char *alias = mg_policy_alias_at(policy, i);
		char *t = mg_asprintf("%s.%s_%s", tags, alias, arch);
		char *l = mg_asprintf("%sTag: py3-none-%s_%s\n", wheel_lines, alias, arch);
		free(tags);
		free(wheel_lines);
		tags = t;
		wheel_lines = l;
	}
	version = version_of(info.source);
	dist = mg_asprintf("manyguard_openmp-%s.dist-info", version);

	/* The files. */
	char *data;
	size_t size;
	if (read_whole(info.library, &data, &size, err) != 0) {
		free(wheel_lines);
		goto out;
	}
	add_file(&w, xstrdup("manyguard_openmp/lib/" MG_OPENMP_SONAME), data, size, true);
	char *init = mg_asprintf(
		"\"\"\"GNU libgomp as the one OpenMP runtime of a Python process, built by\n"
		"`manyguard openmp` for %s (needs up to %s) from %s.\n"
		"\n"
		"Extensions linked against it need " MG_OPENMP_SONAME ".  Importing this\n"
		"package first loads it; the loader then binds every such extension to this\n"
		"copy (a loaded library satisfies a NEEDED entry naming its SONAME), so all\n"
		"of them share one runtime and one thread pool.\n"
		"\"\"\"\n"
		"import ctypes as _ctypes\n"
		"import os as _os\n"
		"\n"
		"LIBRARY_DIR = _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), \"lib\")\n"
		"LIBRARY = _os.path.join(LIBRARY_DIR, \"" MG_OPENMP_SONAME "\")\n"
		"SOURCE = %s%s%s\n"
		"_runtime = _ctypes.CDLL(LIBRARY)\n",
		info.policy, info.glibc_max, info.source, "\"", info.source, "\"");
	add_file(&w, xstrdup("manyguard_openmp/__init__.py"), init, strlen(init), false);
	static const char *const licences[] = { "COPYING3", "COPYING.RUNTIME" };
	for (size_t i = 0; i < sizeof licences / sizeof licences[0]; i++) {
		char *lic = concat(info.dir, "/", licences[i], NULL);
		int have = access(lic, R_OK) == 0;
		int got = have ? read_whole(lic, &data, &size, err) : 0;
		free(lic);
		if (got != 0) {
			free(wheel_lines);
			goto out;
		}
		if (have)
			add_file(&w, concat(dist, "/", licences[i], NULL), data, size, false);
	}
	char *metadata = mg_asprintf(
		"Metadata-Version: 2.1\n"
		"Name: manyguard-openmp\n"
		"Version: %s\n"
		"Summary: GNU libgomp for %s built by manyguard: one shared OpenMP runtime\n"
		"License: GPL-3.0-or-later WITH GCC-exception-3.1\n"
		"Requires-Python: >=3.6\n"
		"\n"
		"%s; SONAME " MG_OPENMP_SONAME ", needs up to %s.\n",
		version, info.policy, info.source, info.glibc_max);
	add_file(&w, concat(dist, "/METADATA", NULL), metadata, strlen(metadata), false);
	char *wheel = mg_asprintf("Wheel-Version: 1.0\nGenerator: manyguard %s\n"
				  "Root-Is-Purelib: false\n%s",
				  PACKAGE_VERSION, wheel_lines);
	free(wheel_lines);
	add_file(&w, concat(dist, "/WHEEL", NULL), wheel, strlen(wheel), false);

	record = xstrdup("");
	for (size_t i = 0; i < w.n; i++) {
		char *line = record_line(&w.v[i]);
		char *joined = concat(record, line, NULL);
		free(record);
		free(line);
		record = joined;
	}
	char *record_text = concat(record, dist, "/RECORD,,\n", NULL);
	add_file(&w, concat(dist, "/RECORD", NULL), record_text, strlen(record_text), false);

	path = mg_asprintf("%s/manyguard_openmp-%s-py3-none-%s.whl", out_dir, version, tags);
	if (write_zip(path, &w, err) != 0)
		goto out;
	*wheel_path = path;
	path = NULL;
	rc = 0;
out:
	for (size_t i = 0; i < w.n; i++) {
		free(w.v[i].name);
		free(w.v[i].data);
	}
	free(w.v);
	mg_ompinfo_free(&info);
	mg_policy_free(policy);
	free(version);
	free(tags);
	free(dist);
	free(path);
	free(record);
	return rc;
}

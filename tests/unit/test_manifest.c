/* The manifest's section contents and its embedding: round trip, the
 * header's bytes, every kind of corruption with its message, the
 * structural checks, and adding / replacing the section in a real ELF
 * file (a copy of /bin/true, which must still run). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "manifest/manifest.h"
#include "tests/unit/tap.h"
#include "tests/unit/testutil.h"

static json_t *sample(void)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:{s:s, s:[s]}, s:[{s:s}], s:[{s:b, s:[]}]}",
			 "schema", MG_MANIFEST_SCHEMA, "manyguard_version", "0.1.0", "output",
			 "path", "ext.so", "type", "DYN", "policy", "name", "manylinux_2_28",
			 "verdict", "result", "pass-with-allowed", "allowed", "external-lib",
			 "needed", "name", "libc.so.6", "archives", "nonshared", 1, "members");
}

static bool decode_fails(const void *buf, size_t size, const char *want, const char *what)
{
	json_t *doc = NULL;
	mg_error err;
	int rc = mg_manifest_decode(buf, size, "x.so", &doc, &err);
	bool ok = rc == -1 && !doc && strcmp(err.file, "x.so") == 0 && strstr(err.reason, want);
	if (!tap_ok(ok, "%s: \"%s\"", what, want))
		tap_diag("got rc %d, reason \"%s\"", rc, rc < 0 ? err.reason : "");
	json_decref(doc);
	return ok;
}

/* Section contents around raw JSON TEXT (compressed), for bad documents. */
static unsigned char *wrap(const char *text, size_t *size)
{
	size_t len = strlen(text), bound = ZSTD_compressBound(len);
	unsigned char *buf = malloc(32 + bound);
	size_t z = ZSTD_compress(buf + 32, bound, text, len, 3);
	memcpy(buf, "MGMANIF", 8);
	uint32_t h[2] = {1, 32};
	uint64_t s[2] = {z, len};
	memcpy(buf + 8, h, 8); /* the test machine is little-endian, like the format */
	memcpy(buf + 16, s, 16);
	*size = 32 + z;
	return buf;
}

static void test_round_trip(void)
{
	json_t *doc = sample();
	void *a = NULL, *b = NULL;
	size_t na, nb;
	mg_error err;
	tap_ok(mg_manifest_encode(doc, &a, &na, &err) == 0, "encode");
	tap_ok(mg_manifest_encode(doc, &b, &nb, &err) == 0 && na == nb && memcmp(a, b, na) == 0,
	       "encoding twice gives the same bytes");
	const unsigned char *p = a;
	tap_ok(memcmp(p, "MGMANIF\0", 8) == 0, "magic");
	tap_eq_int(p[8] | p[9] << 8, 1, "format, little-endian");
	tap_eq_int(p[12], 32, "header size");
	uint64_t z = 0;
	for (int i = 0; i < 8; i++)
		z |= (uint64_t)p[16 + i] << (8 * i);
	tap_eq_int((long long)z, (long long)(na - 32), "compressed size");

	json_t *back = NULL;
	tap_ok(mg_manifest_decode(a, na, "x.so", &back, &err) == 0 && json_equal(doc, back),
	       "decode gives the same document");
	mg_manifest_summary s;
	mg_manifest_summarize(back, &s);
	tap_eq_str(s.policy, "manylinux_2_28", "summary: policy");
	tap_eq_str(s.result, "pass-with-allowed", "summary: result");
	tap_ok(s.n_allowed == 1 && strcmp(s.allowed[0], "external-lib") == 0, "summary: allowed");
	tap_eq_int((long long)s.n_needed, 1, "summary: needed");

	/* Corruptions. */
	unsigned char *c = malloc(na);
	decode_fails(a, 10, "truncated: 10 bytes", "shorter than the header");
	decode_fails(a, na - 1, "truncated", "one byte short");
	memcpy(c, a, na), c[0] = 'X';
	decode_fails(c, na, "wrong magic", "wrong magic");
	memcpy(c, a, na), c[8] = 2;
	decode_fails(c, na, "format 2", "future format");
	memcpy(c, a, na), c[14] = 1;
	decode_fails(c, na, "header size 65568", "header size past the end");
	memcpy(c, a, na), memset(c + 32, 'z', na - 32);
	decode_fails(c, na, "bad zstd frame", "garbage frame");
	memcpy(c, a, na), c[24] ^= 1;
	decode_fails(c, na, "the header says", "JSON size disagrees with the frame");
	memcpy(c, a, na), c[na - 2] ^= 0x55;
	decode_fails(c, na, "bad zstd frame", "flipped byte in the frame");
	memcpy(c, a, na), c[31] = 0x40;
	decode_fails(c, na, "bytes of JSON (limit", "JSON size above the limit");
	free(c);

	size_t n;
	unsigned char *w = wrap("{\"schema\": \"manyguard-manifest/1\", ", &n);
	decode_fails(w, n, "invalid JSON at line 1", "invalid JSON");
	free(w);
	w = wrap("[1]", &n);
	decode_fails(w, n, "not a JSON object", "not an object");
	free(w);
	w = wrap("{\"schema\": \"manyguard-manifest/1\", \"output\": {}, \"verdict\": {}}", &n);
	decode_fails(w, n, "\"needed\" is missing", "no needed");
	free(w);
	w = wrap("{\"schema\": \"manyguard-manifest/1\", \"output\": {}, \"verdict\": {}, "
		 "\"needed\": [{\"name\": 3}]}", &n);
	decode_fails(w, n, "needed[0] has no \"name\"", "needed entry without a name");
	free(w);
	w = wrap("{\"schema\": \"x\", \"schema\": \"y\"}", &n);
	decode_fails(w, n, "invalid JSON", "duplicate keys");
	free(w);

	free(a);
	free(b);
	json_decref(back);
	json_decref(doc);
}

static void test_embed(void)
{
	char dir[] = "/tmp/test_manifest.XXXXXX";
	if (!mkdtemp(dir)) {
		tap_skip("no temporary directory");
		return;
	}
	char path[256], cmd[512];
	snprintf(path, sizeof path, "%s/true", dir);
	char *const cp[] = {"cp", "/bin/true", path, NULL};
	if (!tu_run(NULL, cp)) {
		tap_skip("cannot copy /bin/true");
		return;
	}
	json_t *doc = sample(), *back = NULL;
	void *sec;
	size_t n;
	mg_error err;
	mg_manifest_encode(doc, &sec, &n, &err);
	tap_ok(mg_manifest_read_file(path, &back, &err) == 0 && !back, "no manifest before");
	tap_ok(mg_manifest_embed(path, sec, n, &err) == 0, "embed");
	tap_ok(mg_manifest_read_file(path, &back, &err) == 0 && back && json_equal(doc, back),
	       "read back the same document");
	json_decref(back);
	back = NULL;
	struct stat st;
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0111), "the file keeps its mode");
	char *const run[] = {path, NULL};
	tap_ok(tu_run(NULL, run), "the program still runs");

	/* Replacing: a second embed keeps one section with the new contents. */
	json_object_set_new(doc, "manyguard_version", json_string("9.9"));
	free(sec);
	mg_manifest_encode(doc, &sec, &n, &err);
	tap_ok(mg_manifest_embed(path, sec, n, &err) == 0, "embed again");
	mg_elf *elf = NULL;
	size_t count = 0;
	if (mg_elf_open(path, &elf, &err) == 0) {
		for (size_t i = 0; i < mg_elf_section_count(elf); i++)
			count += strcmp(mg_elf_section_at(elf, i)->name, MG_MANIFEST_SECTION) == 0;
		mg_elf_close(elf);
	}
	tap_eq_int((long long)count, 1, "one manifest section after replacing");
	tap_ok(mg_manifest_read_file(path, &back, &err) == 0 && back &&
		       strcmp(json_string_value(json_object_get(back, "manyguard_version")), "9.9") == 0,
	       "with the new contents");
	tap_ok(tu_run(NULL, run), "the program still runs");
	json_decref(back);

	/* A JSON copy in a new directory, atomically. */
	char jdir[300], jpath[400];
	snprintf(jdir, sizeof jdir, "%s/a/b", dir);
	tap_ok(mg_manifest_write_json(jdir, "out/ext.so", doc, &err) == 0, "write the JSON copy");
	snprintf(jpath, sizeof jpath, "%s/ext.so.manyguard.json", jdir);
	size_t len;
	char *text = tu_slurp(jpath, &len);
	json_t *fromfile = text ? json_loads(text, 0, NULL) : NULL;
	tap_ok(fromfile && json_equal(fromfile, doc) && text[len - 1] == '\n',
	       "named after the output, the same document, a final newline");
	json_decref(fromfile);
	free(text);

	/* Not ELF: an error naming the file. */
	snprintf(jpath, sizeof jpath, "%s/plain", dir);
	tu_write_file(jpath, "plain text\n");
	tap_ok(mg_manifest_embed(jpath, sec, n, &err) == -1 && strcmp(err.file, jpath) == 0,
	       "embedding into a non-ELF file fails naming it");
	tap_ok(mg_manifest_read_file(jpath, &back, &err) == -1, "reading one fails");
	free(sec);
	json_decref(doc);
	snprintf(cmd, sizeof cmd, "%s", dir);
	char *const rm[] = {"rm", "-rf", cmd, NULL};
	tu_run(NULL, rm);
}

int main(void)
{
	test_round_trip();
	test_embed();
	return tap_done();
}

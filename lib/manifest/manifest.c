/* The manifest's section contents: header + zstd-compressed JSON, both
 * ways, and the structural checks a reader relies on. */
#include "config.h"
#include "manifest/manifest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libelf.h>
#include <libiberty/libiberty.h>
#include <zstd.h>

/* Fast enough for a link (a 1 MB manifest compresses in ~10 ms) and
 * within a few percent of level 19 on this kind of repetitive JSON. */
#define ZSTD_LEVEL 6

static void put_le(unsigned char *p, uint64_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The limits of manifest.h on JSON of JSIZE bytes in a ZSIZE-byte frame. */
static int check_sizes(uint64_t jsize, uint64_t zsize, const char *name, mg_error *err)
{
	if (jsize > MG_MANIFEST_MAX_JSON)
		return mg_error_set(err, name, "manifest claims %llu bytes of JSON (limit %u)",
				    (unsigned long long)jsize, MG_MANIFEST_MAX_JSON);
	if (jsize > MG_MANIFEST_RATIO_FLOOR && jsize / MG_MANIFEST_MAX_RATIO > zsize)
		return mg_error_set(err, name, "manifest claims %llu bytes of JSON from %llu "
				    "compressed: a compression ratio above the limit of %u",
				    (unsigned long long)jsize, (unsigned long long)zsize,
				    MG_MANIFEST_MAX_RATIO);
	return 0;
}

int mg_manifest_encode(const json_t *doc, void **out, size_t *size, mg_error *err)
{
	*out = NULL;
	*size = 0;
	char *text = json_dumps(doc, JSON_COMPACT);
	if (!text)
		return mg_error_set(err, MG_MANIFEST_SECTION, "cannot serialise the manifest");
	size_t len = strlen(text);
	size_t bound = ZSTD_compressBound(len);
	unsigned char *buf = xmalloc(MG_MANIFEST_HEADER_SIZE + bound);
	size_t z = ZSTD_compress(buf + MG_MANIFEST_HEADER_SIZE, bound, text, len, ZSTD_LEVEL);
	free(text);
	if (ZSTD_isError(z)) {
		free(buf);
		return mg_error_set(err, MG_MANIFEST_SECTION, "zstd: %s", ZSTD_getErrorName(z));
	}
	if (check_sizes(len, z, MG_MANIFEST_SECTION, err) != 0) {
		free(buf);
		return -1;
	}
	memcpy(buf, MG_MANIFEST_MAGIC, 8);
	put_le(buf + 8, MG_MANIFEST_FORMAT, 4);
	put_le(buf + 12, MG_MANIFEST_HEADER_SIZE, 4);
	put_le(buf + 16, z, 8);
	put_le(buf + 24, len, 8);
	*out = buf;
	*size = MG_MANIFEST_HEADER_SIZE + z;
	return 0;
}

int mg_manifest_decode(const void *data, size_t size, const char *name, json_t **out,
		       mg_error *err)
{
	const unsigned char *p = data;
	*out = NULL;
	if (size < MG_MANIFEST_HEADER_SIZE)
		return mg_error_set(err, name, "manifest truncated: %zu bytes, shorter than its "
				    "%d-byte header", size, MG_MANIFEST_HEADER_SIZE);
	if (memcmp(p, MG_MANIFEST_MAGIC, 8) != 0)
		return mg_error_set(err, name, "manifest has the wrong magic (not written by "
				    "manyguard, or overwritten)");
	uint64_t format = get_le(p + 8, 4), header = get_le(p + 12, 4);
	uint64_t zsize = get_le(p + 16, 8), jsize = get_le(p + 24, 8);
	if (format != MG_MANIFEST_FORMAT)
		return mg_error_set(err, name, "manifest format %llu is not the one this manyguard "
				    "reads (%d)", (unsigned long long)format, MG_MANIFEST_FORMAT);
	if (header < MG_MANIFEST_HEADER_SIZE || header > size)
		return mg_error_set(err, name, "manifest header size %llu is invalid",
				    (unsigned long long)header);
	if (zsize > size - header)
		return mg_error_set(err, name, "manifest truncated: %llu compressed bytes "
				    "announced, %llu present", (unsigned long long)zsize,
				    (unsigned long long)(size - header));
	if (check_sizes(jsize, zsize, name, err) != 0)
		return -1;
	const unsigned char *frame = p + header;
	unsigned long long content = ZSTD_getFrameContentSize(frame, zsize);
	if (content == ZSTD_CONTENTSIZE_ERROR)
		return mg_error_set(err, name, "manifest has a bad zstd frame");
	if (content != jsize)
		return mg_error_set(err, name, "manifest's zstd frame holds %s bytes, the header "
				    "says %llu", content == ZSTD_CONTENTSIZE_UNKNOWN ? "an unknown number of"
				    : "another number of", (unsigned long long)jsize);
	char *text = xmalloc(jsize + 1);
	size_t got = ZSTD_decompress(text, jsize, frame, zsize);
	if (ZSTD_isError(got) || got != jsize) {
		free(text);
		return mg_error_set(err, name, "manifest has a bad zstd frame: %s",
				    ZSTD_isError(got) ? ZSTD_getErrorName(got) : "short output");
	}
	json_error_t jerr;
	json_t *doc = json_loadb(text, jsize, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (!doc)
		return mg_error_set(err, name, "manifest is invalid JSON at line %d, column %d: %s",
				    jerr.line, jerr.column, jerr.text);
	if (mg_manifest_validate(doc, name, err) < 0) {
		json_decref(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

int mg_manifest_validate(const json_t *doc, const char *name, mg_error *err)
{
	if (!json_is_object(doc))
		return mg_error_set(err, name, "manifest is not a JSON object");
	const char *schema = json_string_value(json_object_get(doc, "schema"));
	if (!schema)
		return mg_error_set(err, name, "manifest has no \"schema\"");
	if (strcmp(schema, MG_MANIFEST_SCHEMA) != 0)
		return mg_error_set(err, name, "manifest schema \"%s\" is not %s", schema,
				    MG_MANIFEST_SCHEMA);
	static const char *const objects[] = {"output", "verdict"};
	for (size_t i = 0; i < 2; i++)
		if (!json_is_object(json_object_get(doc, objects[i])))
			return mg_error_set(err, name, "manifest: \"%s\" is missing or not an object",
					    objects[i]);
	json_t *needed = json_object_get(doc, "needed");
	if (!json_is_array(needed))
		return mg_error_set(err, name, "manifest: \"needed\" is missing or not an array");
	size_t i;
	json_t *e;
	json_array_foreach(needed, i, e)
		if (!json_is_string(json_object_get(e, "name")))
			return mg_error_set(err, name, "manifest: needed[%zu] has no \"name\" string", i);
	return 0;
}

int mg_manifest_read(mg_elf *elf, json_t **out, mg_error *err)
{
	*out = NULL;
	const mg_elf_section *sec = mg_elf_section_by_name(elf, MG_MANIFEST_SECTION);
	if (!sec)
		return 0;
	if (sec->type == SHT_NOBITS)
		return mg_error_set(err, mg_elf_name(elf), "%s has no contents (SHT_NOBITS)",
				    MG_MANIFEST_SECTION);
	Elf *e = mg_elf_libelf(elf);
	Elf_Scn *scn = elf_getscn(e, sec->index);
	Elf_Data *data = scn ? elf_rawdata(scn, NULL) : NULL;
	if (!data || (sec->size && !data->d_buf) || data->d_size != sec->size)
		return mg_error_set(err, mg_elf_name(elf), "%s cannot be read: %s (truncated file?)",
				    MG_MANIFEST_SECTION, elf_errmsg(-1));
	return mg_manifest_decode(data->d_buf, data->d_size, mg_elf_name(elf), out, err);
}

int mg_manifest_read_file(const char *path, json_t **out, mg_error *err)
{
	mg_elf *elf = NULL;
	*out = NULL;
	if (mg_elf_open(path, &elf, err) < 0)
		return -1;
	int rc = mg_manifest_read(elf, out, err);
	mg_elf_close(elf);
	return rc;
}

int mg_manifest_dump(const json_t *doc, char **text, size_t *len, mg_error *err)
{
	char *s = json_dumps(doc, JSON_INDENT(2));
	if (!s)
		return mg_error_set(err, MG_MANIFEST_SECTION, "cannot serialise the manifest");
	*text = concat(s, "\n", NULL);
	*len = strlen(*text);
	free(s);
	return 0;
}

/* ---- summary ---------------------------------------------------------------- */

static const char *str_at(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

void mg_manifest_summarize(const json_t *doc, mg_manifest_summary *out)
{
	memset(out, 0, sizeof *out);
	out->openmp_fits = -1;
	out->manyguard_version = str_at(doc, "manyguard_version");
	out->policy = str_at(json_object_get(doc, "policy"), "name");
	json_t *verdict = json_object_get(doc, "verdict");
	out->result = str_at(verdict, "result");
	out->n_findings = json_array_size(json_object_get(verdict, "findings"));
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(verdict, "allowed"), i, e)
		if (json_is_string(e) && out->n_allowed < sizeof out->allowed / sizeof out->allowed[0])
			out->allowed[out->n_allowed++] = json_string_value(e);
	out->n_needed = json_array_size(json_object_get(doc, "needed"));
	json_array_foreach(json_object_get(doc, "archives"), i, e)
		if (json_is_true(json_object_get(e, "nonshared")))
			out->n_nonshared_members += json_array_size(json_object_get(e, "members"));
	json_array_foreach(json_object_get(doc, "runtimes"), i, e) {
		const char *family = str_at(e, "family");
		if (!family)
			continue;
		if (strcmp(family, "openmp") == 0 && !out->openmp) {
			out->openmp = str_at(e, "impl");
			out->openmp_library = str_at(e, "library");
			out->openmp_resolved = str_at(e, "resolved");
			json_t *built = json_object_get(e, "built");
			out->openmp_source = str_at(built, "source");
			out->openmp_policy = str_at(built, "policy");
			out->openmp_glibc_max = str_at(built, "glibc_max");
			json_t *fits = json_object_get(e, "fits_policy");
			out->openmp_fits = json_is_boolean(fits) ? json_is_true(fits) : -1;
			if (!built || json_is_null(built))
				out->openmp_glibc_max = str_at(e, "glibc_max");
		}
		else if (strcmp(family, "blas") == 0 && !out->blas)
			out->blas = str_at(e, "impl");
	}
	json_t *cxx = json_object_get(doc, "cxx");
	out->cxx_abi = str_at(cxx, "abi");
	json_t *base = json_object_get(cxx, "baseline_cxx11_abi");
	out->baseline_cxx11_abi = json_is_boolean(base) ? json_is_true(base) : -1;
	json_array_foreach(json_object_get(cxx, "hazards"), i, e) {
		const char *status = str_at(e, "status");
		if (status && strcmp(status, "forwarded") == 0) {
			out->n_forwarded++;
			continue;
		}
		if (out->n_hazards < sizeof out->hazards / sizeof out->hazards[0]) {
			out->hazards[out->n_hazards] = str_at(e, "demangled");
			out->hazard_classes[out->n_hazards] = str_at(e, "hazard");
		}
		out->n_hazards++;
	}
}

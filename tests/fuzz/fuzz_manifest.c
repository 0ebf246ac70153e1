/* Fuzz target for the manifest readers: the input as section contents
 * (lib/manifest/manifest.h: header, zstd frame, JSON, structural checks, then the
 * summary and the pretty dump of what passed); as an ELF file whose
 * .manyguard.manifest is read; and as the linker provenance the wrapper
 * reads (a GNU ld/gold map, an lld --why-extract file, GCC's LTO plugin
 * resolution file). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld/ld_manifest_map.h"
#include "manifest/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t use(json_t *doc)
{
	mg_manifest_summary s;
	mg_manifest_summarize(doc, &s);
	size_t sum = touch(s.manyguard_version) + touch(s.policy) + touch(s.result) +
		     touch(s.openmp) + touch(s.blas) + s.n_needed + s.n_findings +
		     s.n_nonshared_members;
	for (size_t i = 0; i < s.n_allowed; i++)
		sum += touch(s.allowed[i]);
	char *text;
	size_t len;
	if (mg_manifest_dump(doc, &text, &len, NULL) == 0) {
		sum += len;
		free(text);
	}
	json_decref(doc);
	return sum;
}

static size_t provenance(const uint8_t *data, size_t size, bool lld)
{
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	ld_provenance p = {0};
	if (lld)
		ld_manifest_map_why_extract(f, &p);
	else
		ld_manifest_map_read(f, &p);
	fclose(f);
	size_t sum = 0;
	for (size_t i = 0; i < p.n_pulls; i++)
		sum += touch(p.pulls[i].archive) + touch(p.pulls[i].member) +
		       touch(p.pulls[i].referenced_by) + touch(p.pulls[i].symbol);
	for (size_t i = 0; i < p.n_kept; i++)
		sum += touch(p.kept[i].library) + touch(p.kept[i].referenced_by) +
		       touch(p.kept[i].symbol);
	ld_manifest_map_free(&p);
	return sum;
}

static size_t resolution(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	ld_lto lto = {0};
	ld_manifest_map_resolution(f, &lto);
	fclose(f);
	size_t sum = 0;
	for (size_t i = 0; i < lto.n; i++) {
		sum += touch(lto.objects[i].path);
		for (size_t k = 0; k < lto.objects[i].n_defs; k++)
			sum += touch(lto.objects[i].defs[k]);
		for (size_t k = 0; k < lto.objects[i].n_refs; k++)
			sum += touch(lto.objects[i].refs[k]);
	}
	ld_manifest_map_lto_free(&lto);
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	volatile size_t sum = 0;
	json_t *doc = NULL;
	mg_error err;
	if (mg_manifest_decode(data, size, "fuzz", &doc, &err) == 0)
		sum += use(doc);
	mg_elf *elf = NULL;
	if (mg_elf_is_elf(data, size) && mg_elf_open_memory(data, size, "fuzz", &elf, &err) == 0) {
		doc = NULL;
		if (mg_manifest_read(elf, &doc, &err) == 0 && doc)
			sum += use(doc);
		mg_elf_close(elf);
	}
	if (size > 0) {
		sum += provenance(data, size, false);
		sum += provenance(data, size, true);
		sum += resolution(data, size);
	}
	(void)sum;
	return 0;
}

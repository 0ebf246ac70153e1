/* Fuzz target for lib/objnotes: parse the input as section contents and
 * touch every string handed out; then open it as an ELF file and read its
 * notes section, if any. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "elf/objnotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
	return s ? strlen(s) : 0;
}

static size_t touch_notes(const mg_objnotes *n)
{
	size_t sum = 0;
	for (size_t i = 0; n && i < n->count; i++) {
		const mg_objnotes_unit *u = &n->units[i];
		sum += touch(u->producer) + touch(u->compiler) + touch(u->language) + touch(u->std);
		sum += touch(u->openmp_version) + touch(u->cxx11_abi) + touch(u->baseline);
		sum += (size_t)(u->pic + u->pie + u->openmp + u->exceptions + u->rtti + 5);
		for (size_t j = 0; j < u->n_uses; j++) {
			const mg_objnotes_use *x = &u->uses[j];
			sum += touch(x->symbol) + touch(x->version) + touch(x->status);
			sum += touch(x->file) + x->line + x->column;
		}
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_objnotes *n;
	mg_error err;
	volatile size_t sum = 0;
	if (mg_objnotes_parse(data, size, "fuzz", &n, &err) == 0) {
		sum += touch_notes(n);
		mg_objnotes_free(n);
	}
	mg_elf *elf;
	if (mg_elf_open_memory(data, size, "fuzz.o", &elf, &err) == 0) {
		if (mg_objnotes_read(elf, &n, &err) == 0) {
			sum += touch_notes(n);
			mg_objnotes_free(n);
		}
		mg_elf_close(elf);
	}
	(void)sum;
	return 0;
}

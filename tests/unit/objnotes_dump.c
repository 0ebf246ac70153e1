/* objnotes_dump FILE...: print the object notes of each ELF file, one
 * "key=value" line per recorded fact and one "use FILE:LINE:COLUMN SYMBOL
 * VERSION STATUS" line per symbol use, as lib/objnotes reads them.  Exit 1
 * on an error, 2 when a file has no notes. */
#include "config.h"

#include <stdio.h>

#include "elf/objnotes.h"

static void print_str(const char *key, const char *value)
{
	if (value)
		printf("%s=%s\n", key, value);
}

static void print_int(const char *key, int value)
{
	if (value >= 0)
		printf("%s=%d\n", key, value);
}

static void print_unit(const mg_objnotes_unit *u)
{
	print_str(MG_OBJNOTES_KEY_PRODUCER, u->producer);
	print_str(MG_OBJNOTES_KEY_COMPILER, u->compiler);
	print_str(MG_OBJNOTES_KEY_LANGUAGE, u->language);
	print_str(MG_OBJNOTES_KEY_STD, u->std);
	print_int(MG_OBJNOTES_KEY_PIC, u->pic);
	print_int(MG_OBJNOTES_KEY_PIE, u->pie);
	print_int(MG_OBJNOTES_KEY_OPENMP, u->openmp);
	print_str(MG_OBJNOTES_KEY_OPENMP_VERSION, u->openmp_version);
	print_str(MG_OBJNOTES_KEY_CXX11_ABI, u->cxx11_abi);
	print_int(MG_OBJNOTES_KEY_EXCEPTIONS, u->exceptions);
	print_int(MG_OBJNOTES_KEY_RTTI, u->rtti);
	print_str(MG_OBJNOTES_KEY_BASELINE, u->baseline);
	for (size_t i = 0; i < u->n_uses; i++) {
		const mg_objnotes_use *x = &u->uses[i];
		printf("use %s:%lu:%lu %s %s %s\n", x->file, x->line, x->column, x->symbol,
		       x->version, x->status);
	}
}

int main(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		mg_elf *elf;
		mg_objnotes *notes;
		mg_error err;
		char buf[5200];
		if (mg_elf_open(argv[i], &elf, &err) != 0 ||
		    mg_objnotes_read(elf, &notes, &err) != 0) {
			fprintf(stderr, "objnotes_dump: %s\n", mg_error_format(&err, buf, sizeof buf));
			return 1;
		}
		if (!notes) {
			fprintf(stderr, "objnotes_dump: %s: no notes\n", argv[i]);
			status = 2;
		}
		for (size_t u = 0; notes && u < notes->count; u++) {
			printf("unit %zu\n", u);
			print_unit(&notes->units[u]);
		}
		mg_objnotes_free(notes);
		mg_elf_close(elf);
	}
	return status;
}

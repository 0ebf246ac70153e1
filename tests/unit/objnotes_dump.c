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
	print_str("producer", u->producer);
	print_str("compiler", u->compiler);
	print_str("language", u->language);
	print_str("std", u->std);
	print_int("pic", u->pic);
	print_int("pie", u->pie);
	print_int("openmp", u->openmp);
	print_str("openmp_version", u->openmp_version);
	print_str("glibcxx_use_cxx11_abi", u->cxx11_abi);
	print_int("exceptions", u->exceptions);
	print_int("rtti", u->rtti);
	print_str("baseline", u->baseline);
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

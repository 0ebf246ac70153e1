/* Fuzz target for lib/elf/elf_reloc.h and lib/elf/elf_edit.h: classify the
 * relocations, ask every hazard query for each global definition, then hide
 * and undefine and write the result.  Bad input must give an error value. */
#include "config.h"

#include <elf.h>
#include <stdint.h>
#include <stdlib.h>

#include "elf/elf_edit.h"
#include "elf/elf_reloc.h"

static void query(mg_elf_edit *ed, size_t index)
{
	mg_error err;
	mg_elf_edit_ref *refs;
	size_t n;
	if (mg_elf_edit_section_refs(ed, index, &refs, &n, &err) == 0)
		free(refs);
	mg_elf_edit_group group;
	mg_elf_edit_symbol_group(ed, index, &group, &err);
	size_t *mates;
	if (mg_elf_edit_section_mates(ed, index, &mates, &n, &err) == 0)
		free(mates);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_error err;
	mg_elf_reloc_set *set = mg_elf_reloc_read(data, size, "fuzz", &err);
	if (set)
		(void)mg_elf_reloc_shared_ok(set);
	mg_elf_reloc_free(set);

	mg_elf_edit *ed = mg_elf_edit_open(data, size, "fuzz", &err);
	if (!ed)
		return 0;
	size_t count = mg_elf_edit_symbol_count(ed), undefined = 0;
	/* Bounded: a huge symbol table must not make one input take minutes. */
	for (size_t i = 1; i < count && i < 256; i++) {
		mg_elf_edit_symbol_info s;
		if (mg_elf_edit_symbol(ed, i, &s, &err) != 0 || s.bind == STB_LOCAL)
			continue;
		query(ed, i);
		if (s.defined && undefined++ < 2)
			mg_elf_edit_undefine(ed, i, &err);
	}
	mg_elf_edit_hide_definitions(ed, NULL, &err);
	void *out;
	size_t out_size;
	if (mg_elf_edit_write(ed, &out, &out_size, &err) == 0)
		free(out);
	mg_elf_edit_close(ed);
	return 0;
}

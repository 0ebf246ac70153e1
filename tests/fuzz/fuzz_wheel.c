/* Fuzz target for the wheel reader: open the input as a zip from memory
 * with small limits, describe every member, open the ELF ones and ask the
 * ELF model for what the audit reads (so that a bad length or pointer
 * handed from one to the other shows up under ASan here).  Members above
 * 4 KiB (the seeds' libraries) go through the temporary file, as members
 * above 8 MiB do in an audit, so that both ways are fuzzed. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "elf/elf.h"
#include "audit/wheel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_wheel_limits limits;
	mg_wheel_limits_default(&limits);
	limits.max_member_size = 16u << 20;
	limits.ratio_min_size = 64u << 10;
	limits.spill_min_size = 4u << 10;
	mg_wheel *w;
	mg_error err;
	if (mg_wheel_open_memory(data, size, "fuzz.whl", &limits, &w, &err) != 0)
		return 0;
	volatile size_t sum = strlen(mg_wheel_name(w));
	for (size_t i = 0; i < mg_wheel_member_count(w); i++) {
		mg_wheel_member m;
		if (mg_wheel_member_at(w, i, &m, &err) != 0)
			continue;
		sum += strlen(m.name) + m.is_dir + m.is_symlink;
		mg_elf *elf;
		if (mg_wheel_open_elf(w, i, &elf, &err) != 1)
			continue;
		const mg_elf_dynamic *d = mg_elf_dynamic_info(elf, &err);
		if (d)
			for (size_t k = 0; k < d->n_needed; k++)
				sum += strlen(d->needed[k]);
		sum += mg_elf_verneed_info(elf, &err) != NULL;
		mg_elf_close(elf);
	}
	mg_wheel_close(w);
	(void)sum;
	return 0;
}

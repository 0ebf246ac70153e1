/* Fuzz target for lib/archive: open the input as an archive, touch every
 * member and symbol, and when it parses, re-archive the members with the
 * writer and check that the result reads back with the same members. */
#include "config.h"
#include "elf/archive.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned touch(const mg_archive *ar)
{
	unsigned sum = 0;
	for (size_t i = 0; i < mg_archive_member_count(ar); i++) {
		const mg_archive_member *m = mg_archive_member_at(ar, i);
		sum += (unsigned)strlen(m->name);
		if (m->size)
			sum += m->data[0] + m->data[m->size - 1];
	}
	for (size_t i = 0; i < mg_archive_symbol_count(ar); i++) {
		const mg_archive_symbol *s = mg_archive_symbol_at(ar, i);
		sum += (unsigned)strlen(s->name);
		if (!mg_archive_member_at(ar, s->member))
			abort();
	}
	return sum;
}

/* Writer round trip: members that the writer accepts must read back
 * unchanged, in order. */
static void round_trip(const mg_archive *ar)
{
	mg_error err;
	mg_archive_writer *w = mg_archive_writer_new();
	unsigned char *out = NULL;
	size_t out_size = 0;
	for (size_t i = 0; i < mg_archive_member_count(ar); i++) {
		const mg_archive_member *m = mg_archive_member_at(ar, i);
		if (mg_archive_writer_add(w, m->name, m->data, m->size, &err) != 0)
			goto done;
	}
	if (mg_archive_writer_write_memory(w, &out, &out_size, &err) != 0)
		goto done;
	mg_archive *back = mg_archive_open_memory(out, out_size, "round trip", &err);
	if (!back || mg_archive_member_count(back) != mg_archive_member_count(ar))
		abort();
	for (size_t i = 0; i < mg_archive_member_count(ar); i++) {
		const mg_archive_member *a = mg_archive_member_at(ar, i), *b = mg_archive_member_at(back, i);
		if (strcmp(a->name, b->name) != 0 || a->size != b->size
		    || (a->size && memcmp(a->data, b->data, a->size) != 0))
			abort();
	}
	touch(back);
	mg_archive_close(back);
done:
	free(out);
	mg_archive_writer_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_error err;
	mg_archive *ar = mg_archive_open_memory(data, size, "fuzz input", &err);
	if (!ar)
		return 0;
	touch(ar);
	round_trip(ar);
	mg_archive_close(ar);
	return 0;
}

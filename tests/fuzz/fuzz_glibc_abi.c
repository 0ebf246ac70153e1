/* The glibc ABI table reader on arbitrary bytes: the table is installed
 * data, but a damaged or hand-edited one must give an error, not a crash.
 * A table that parses is walked through every lookup. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "policy/glibc_abi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mg_error err;
	mg_glibc_abi *abi = mg_glibc_abi_parse((const char *)data, size, "fuzz", &err);
	if (!abi)
		return 0;
	size_t nrel = mg_glibc_abi_release_count(abi);
	for (size_t i = 0; i < mg_glibc_abi_symbol_count(abi); i++) {
		const mg_glibc_abi_symbol *s = mg_glibc_abi_symbol_at(abi, i);
		if (s->lib >= mg_glibc_abi_lib_count(abi) || !mg_glibc_abi_lookup(abi, s->name))
			__builtin_trap();
		for (size_t r = 0; r < nrel; r++) {
			const mg_glibc_abi_symbol *w[2];
			mg_glibc_abi_where(abi, s->name, (int)r, w, 2);
			if (mg_glibc_abi_in(s->releases, (int)r) &&
			    !mg_glibc_abi_find(abi, s->name, s->version, (int)r))
				__builtin_trap();
		}
		mg_glibc_abi_first_release(abi, s->name, 0, NULL);
	}
	for (size_t l = 0; l < mg_glibc_abi_lib_count(abi); l++) {
		const char *previous = NULL;
		for (size_t i = 0; i < mg_glibc_abi_version_count(abi, l); i++) {
			const char *name = mg_glibc_abi_version_at(abi, l, i)->name;
			mg_glibc_abi_version_parent(previous, name);
			previous = name;
		}
	}
	mg_glibc_abi_free(abi);
	return 0;
}

/* The stub description: adding, filtering with default-version promotion,
 * and the texts handed to the assembler and linker. */
#include "config.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "rtdir/stub.h"
#include "policy/symver.h"
#include "tests/unit/tap.h"

static bool keep_up_to_v2(const char *version, void *ctx)
{
	(void)ctx;
	return strcmp(version, "V_3") != 0;
}

static int order(const char *a, const char *b)
{
	return mg_symver_cmp_names(a, b);
}

static const mg_stub_symbol *find(const mg_stub *stub, const char *name, const char *version)
{
	for (size_t i = 0; i < mg_stub_symbol_count(stub); i++) {
		const mg_stub_symbol *s = mg_stub_symbol_at(stub, i);
		if (strcmp(s->name, name) == 0 &&
		    ((!s->version && !version) || (s->version && version && strcmp(s->version, version) == 0)))
			return s;
	}
	return NULL;
}

int main(void)
{
	mg_error err;
	mg_stub *stub = mg_stub_new("libdemo.so.1");
	mg_stub_version v1 = { "V_1", NULL, false }, v2 = { "V_2", "V_1", false },
			v3 = { "V_3", "V_2", false };
	tap_ok(mg_stub_add_version(stub, &v1, &err) == 0 && mg_stub_add_version(stub, &v2, &err) == 0 &&
		       mg_stub_add_version(stub, &v3, &err) == 0,
	       "versions V_1 < V_2 < V_3 with parents are accepted");
	mg_stub_version bad_parent = { "V_9", "V_8", false };
	tap_ok(mg_stub_add_version(stub, &bad_parent, &err) != 0 && strstr(err.reason, "V_8"),
	       "a parent that is not defined before is refused, naming it");
	tap_ok(mg_stub_add_version(stub, &v1, &err) != 0 && strstr(err.reason, "twice"),
	       "a version defined twice is refused");

	mg_stub_symbol syms[] = {
		{ "foo", "V_1", true, STT_FUNC, STB_GLOBAL, 10, 0 },
		{ "foo", "V_3", false, STT_FUNC, STB_GLOBAL, 12, 0 },
		{ "bar", "V_2", false, STT_OBJECT, STB_GLOBAL, 24, 0 },
		{ "tls", "V_2", false, STT_TLS, STB_GLOBAL, 8, 0 },
		{ "weakling", "V_1", false, STT_FUNC, STB_WEAK, 1, 0 },
		{ "unique", "V_1", false, STT_OBJECT, STB_GNU_UNIQUE, 16, 0 },
		{ "plain", NULL, false, STT_FUNC, STB_GLOBAL, 1, 0 },
		{ "newonly", "V_3", false, STT_FUNC, STB_GLOBAL, 1, 0 },
	};
	bool all = true;
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
		all &= mg_stub_add_symbol(stub, &syms[i], &err) == 0;
	tap_ok(all, "eight symbols are added");
	tap_ok(mg_stub_add_symbol(stub, &syms[0], &err) != 0 && strstr(err.reason, "foo@V_1"),
	       "the same name@version twice is refused");
	mg_stub_symbol undeclared = { "x", "V_7", false, STT_FUNC, STB_GLOBAL, 1, 0 };
	tap_ok(mg_stub_add_symbol(stub, &undeclared, &err) != 0 && strstr(err.reason, "V_7"),
	       "a symbol of an undeclared version is refused");
	tap_ok(mg_stub_defines(stub, "newonly") && !mg_stub_defines(stub, "nothing"),
	       "mg_stub_defines answers by name");

	size_t dropped = mg_stub_filter_versions(stub, keep_up_to_v2, order, NULL);
	tap_eq_int((long long)dropped, 2, "capping at V_2 drops foo@@V_3 and newonly@@V_3");
	tap_eq_int((long long)mg_stub_version_count(stub), 2, "two versions remain");
	tap_ok(!mg_stub_defines(stub, "newonly"), "newonly is gone after filtering");
	const mg_stub_symbol *foo = find(stub, "foo", "V_1");
	tap_ok(foo && !foo->hidden,
	       "foo's default moved to its highest remaining version: foo@@V_1, as on the old library");
	tap_ok(find(stub, "plain", NULL) != NULL, "an unversioned symbol survives filtering");

	char *assembly = mg_stub_assembly(stub);
	char *script = mg_stub_version_script(stub);
	tap_ok(strstr(assembly, "\"foo@@V_1\", remove") != NULL, "the assembly binds foo@@V_1");
	tap_ok(strstr(assembly, "@gnu_unique_object") != NULL, "a unique object keeps its type");
	tap_ok(strstr(assembly, ".tbss") != NULL && strstr(assembly, "@tls_object") != NULL,
	       "a TLS symbol lives in .tbss");
	tap_ok(strstr(assembly, ".weak \"__mg_stub_") != NULL, "a weak symbol stays weak");
	tap_ok(strstr(assembly, "\t.size \"__mg_stub_1\", 24\n") != NULL &&
		       strstr(assembly, "\t.zero 24\n") != NULL,
	       "data gets its real size (copy relocations)");
	tap_ok(strstr(script, "V_1 {\n};") && strstr(script, "V_2 {\n} V_1;") && !strstr(script, "V_3"),
	       "the version script keeps V_1 and V_2 (with its parent), not V_3");
	char *again = mg_stub_assembly(stub);
	tap_ok(strcmp(assembly, again) == 0, "the same stub gives the same text");
	free(again);
	free(assembly);
	free(script);
	mg_stub_free(stub);

	/* Aliases: glibc's weak environ shares __environ's storage. */
	stub = mg_stub_new("libalias.so.1");
	mg_stub_version g = { "G_1", NULL, false };
	mg_stub_symbol aliases[] = {
		{ "__environ", "G_1", false, STT_OBJECT, STB_GLOBAL, 8, 0x1000 },
		{ "environ", "G_1", false, STT_OBJECT, STB_WEAK, 8, 0x1000 },
		{ "other", "G_1", false, STT_OBJECT, STB_GLOBAL, 4, 0x1000 },
		{ "own", "G_1", false, STT_OBJECT, STB_GLOBAL, 8, 0 },
	};
	all = mg_stub_add_version(stub, &g, &err) == 0;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		all &= mg_stub_add_symbol(stub, &aliases[i], &err) == 0;
	assembly = all ? mg_stub_assembly(stub) : NULL;
	tap_ok(assembly && strstr(assembly, "\t.weak \"__mg_stub_1\"\n") &&
		       strstr(assembly, "\t.set \"__mg_stub_1\", \"__mg_stub_0\"\n"),
	       "a weak alias at the same place shares the storage of the first");
	tap_ok(assembly && !strstr(assembly, ".set \"__mg_stub_2\"") &&
		       !strstr(assembly, ".set \"__mg_stub_3\""),
	       "a different size, or no place, gets storage of its own");
	free(assembly);
	mg_stub_free(stub);
	return tap_done();
}

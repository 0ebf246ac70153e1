# manifest: the runtime-dependency manifest the linker wrapper embeds in
# every output (.manyguard.manifest), `manyguard manifest`, and their tests.
lib_libmanyguard_a_SOURCES += lib/manifest/manifest.c lib/manifest/manifest.h lib/manifest/manifest_embed.c \
	lib/manifest/manifest_json.c lib/audit/audit_manifest.c
wrappers_manyguard_ld_SOURCES += wrappers/ld/ld_manifest.c wrappers/ld/ld_manifest.h \
	wrappers/ld/ld_manifest_internal.h wrappers/ld/ld_manifest_deps.c \
	wrappers/ld/ld_manifest_objects.c wrappers/ld/ld_manifest_map.c wrappers/ld/ld_manifest_map.h \
	wrappers/ld/ld_manifest_why.c wrappers/ld/ld_manifest_temps.c wrappers/ld/ld_manifest_reader.c
wrappers_manyguard_ld_LDADD += $(PTHREAD_LIBS)
tools_manyguard_SOURCES += tools/cmd_manifest.c

dist_doc_DATA += docs/manifest.md docs/manifest.schema.json

MANIFEST_IT = tests/integration/manifest_content.sh tests/integration/manifest_storage.sh \
	tests/integration/manifest_audit.sh
TESTS += $(MANIFEST_IT)
EXTRA_DIST += $(MANIFEST_IT) tests/manifest bench/manifest

check_PROGRAMS += tests/unit/test_manifest
tests_unit_test_manifest_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_manifest_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_manifest

# The readers meet whatever a file or a linker gives them: fuzz them.
check_PROGRAMS += tests/fuzz/fuzz_manifest
tests_fuzz_fuzz_manifest_SOURCES = tests/fuzz/fuzz_manifest.c wrappers/ld/ld_manifest_map.c \
	wrappers/ld/ld_manifest_map.h $(FUZZ_MAIN)
tests_fuzz_fuzz_manifest_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_manifest_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_manifest_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/manifest.sh
EXTRA_DIST += tests/fuzz/manifest.sh tests/fuzz/seeds-manifest.sh
dist_man1_MANS += docs/man/manyguard-manifest.1

# archive: ar archives (read members and the GNU symbol index, write
# deterministic archives identical to `ar rcD`).
lib_libmanyguard_a_SOURCES += lib/elf/archive.c lib/elf/archive_write.c lib/elf/archive.h

check_PROGRAMS += tests/unit/test_archive
tests_unit_test_archive_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_archive_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_archive

TESTS += tests/integration/archive_gnu.sh tests/integration/archive_link.sh
EXTRA_DIST += tests/integration/archive_gnu.sh tests/integration/archive_link.sh

# A small driver for the integration tests: lists, checks and rewrites
# archives through the library (not installed).
check_PROGRAMS += tests/integration/archive_tool
tests_integration_archive_tool_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_integration_archive_tool_LDADD = $(MG_LIBS)

check_PROGRAMS += tests/fuzz/fuzz_archive
tests_fuzz_fuzz_archive_SOURCES = tests/fuzz/fuzz_archive.c $(FUZZ_MAIN)
tests_fuzz_fuzz_archive_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_archive_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_archive_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/archive.sh
EXTRA_DIST += tests/fuzz/archive.sh tests/fuzz/seeds-archive.sh tests/fuzz/corpus/archive

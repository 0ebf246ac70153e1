# elf: the read-only ELF model (lib/elf/elf.h) and its tests.
lib_libmanyguard_a_SOURCES += lib/elf/elf.c lib/elf/elf_dynamic.c lib/elf/elf_versions.c lib/elf/elf.h lib/elf/elf_internal.h \
	lib/elf/elf_gnuhash.c lib/elf/elf_gnuhash.h

check_PROGRAMS += tests/unit/test_elf
tests_unit_test_elf_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_elf_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_elf

# Prints the model's version sections like `readelf -V` (compared byte for
# byte by elf_readelf_versions.sh) and, with --read-all, reads every part of
# each file named (elf_read_all_system.sh).
check_PROGRAMS += tests/unit/elf_dump_versions
tests_unit_elf_dump_versions_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_unit_elf_dump_versions_LDADD = $(MG_LIBS)

TESTS += tests/integration/elf_readelf_versions.sh tests/integration/elf_read_all_system.sh
EXTRA_DIST += tests/integration/elf_readelf_versions.sh tests/integration/elf_read_all_system.sh

check_PROGRAMS += tests/fuzz/fuzz_elf
tests_fuzz_fuzz_elf_SOURCES = tests/fuzz/fuzz_elf.c $(FUZZ_MAIN)
tests_fuzz_fuzz_elf_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_elf_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_elf_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/elf.sh
EXTRA_DIST += tests/fuzz/elf.sh tests/fuzz/seeds-elf.sh tests/fuzz/corpus/elf

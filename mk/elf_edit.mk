# elf_edit: relocations of relocatable objects (lib/elf/elf_reloc.h) and in-place
# symbol-table rewriting (lib/elf/elf_edit.h), the building blocks of
# `manyguard nonshared`.
lib_libmanyguard_a_SOURCES += lib/elf/elf_reloc.c lib/elf/elf_reloc.h lib/elf/elf_edit.c lib/elf/elf_edit.h

check_PROGRAMS += tests/unit/test_elf_reloc tests/unit/test_elf_edit
tests_unit_test_elf_reloc_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_elf_reloc_LDADD = $(TAP_LIBS) $(MG_LIBS)
tests_unit_test_elf_edit_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_elf_edit_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_elf_reloc tests/unit/test_elf_edit

# The integration tests drive the library through this small tool
# (classify / hide / undefine / refs), then link and run the results.
check_PROGRAMS += tests/unit/elf_edit_tool
tests_unit_elf_edit_tool_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_unit_elf_edit_tool_LDADD = $(MG_LIBS)

ELF_EDIT_IT = tests/integration/elf_edit_classify.sh \
	tests/integration/elf_edit_link.sh \
	tests/integration/elf_edit_libstdcxx.sh
TESTS += $(ELF_EDIT_IT)
EXTRA_DIST += $(ELF_EDIT_IT)

check_PROGRAMS += tests/fuzz/fuzz_elf_edit
tests_fuzz_fuzz_elf_edit_SOURCES = tests/fuzz/fuzz_elf_edit.c $(FUZZ_MAIN)
tests_fuzz_fuzz_elf_edit_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_elf_edit_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_elf_edit_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/elf_edit.sh
EXTRA_DIST += tests/fuzz/elf_edit.sh tests/fuzz/seeds-elf_edit.sh tests/fuzz/corpus/elf_edit

# Unit tests of the library and of the wrappers' parsers (TAP through
# libtap), and small drivers that the integration tests run.
noinst_LIBRARIES += %reldir%/libtap.a
%canon_reldir%_libtap_a_SOURCES = %reldir%/tap.c %reldir%/tap.h %reldir%/testutil.c \
	%reldir%/testutil.h
TAP_LIBS = %reldir%/libtap.a $(MG_LIBS)

UNIT_TESTS = %reldir%/test_diag %reldir%/test_elf %reldir%/test_elf_reloc \
	%reldir%/test_elf_edit %reldir%/test_elf_gnuhash %reldir%/test_archive \
	%reldir%/test_objnotes %reldir%/test_symver %reldir%/test_policy %reldir%/test_runtime \
	%reldir%/test_runtime_symbols %reldir%/test_stub %reldir%/test_manifest \
	%reldir%/test_wheel %reldir%/test_audit %reldir%/test_cc_scan %reldir%/test_cc_policy \
	%reldir%/test_digest %reldir%/test_utf8 %reldir%/test_glibc_shims %reldir%/test_glibc_abi \
	%reldir%/test_pkgmeta
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
%canon_reldir%_test_diag_LDADD = $(TAP_LIBS)
%canon_reldir%_test_elf_LDADD = $(TAP_LIBS)
%canon_reldir%_test_elf_reloc_LDADD = $(TAP_LIBS)
%canon_reldir%_test_elf_edit_LDADD = $(TAP_LIBS)
%canon_reldir%_test_elf_gnuhash_LDADD = $(TAP_LIBS)
%canon_reldir%_test_archive_LDADD = $(TAP_LIBS)
%canon_reldir%_test_objnotes_LDADD = $(TAP_LIBS)
%canon_reldir%_test_symver_LDADD = $(TAP_LIBS)
%canon_reldir%_test_runtime_LDADD = $(TAP_LIBS)
%canon_reldir%_test_runtime_symbols_LDADD = $(TAP_LIBS)
%canon_reldir%_test_stub_LDADD = $(TAP_LIBS)
%canon_reldir%_test_manifest_LDADD = $(TAP_LIBS)
%canon_reldir%_test_wheel_LDADD = $(TAP_LIBS)
%canon_reldir%_test_digest_LDADD = $(TAP_LIBS)
%canon_reldir%_test_utf8_LDADD = $(TAP_LIBS)
%canon_reldir%_test_pkgmeta_LDADD = $(TAP_LIBS)
%canon_reldir%_test_cc_scan_LDADD = wrappers/cc/libccwrap.a $(TAP_LIBS)
%canon_reldir%_test_cc_policy_LDADD = wrappers/cc/libccwrap.a $(TAP_LIBS)
# These read the source tree's policies ($top_srcdir/policy).
%canon_reldir%_test_policy_CPPFLAGS = $(AM_CPPFLAGS) -DMG_TEST_SRCDIR='"$(abs_top_srcdir)"'
%canon_reldir%_test_policy_LDADD = $(TAP_LIBS)
%canon_reldir%_test_audit_CPPFLAGS = $(AM_CPPFLAGS) -DMG_TEST_SRCDIR='"$(abs_top_srcdir)"'
%canon_reldir%_test_audit_LDADD = $(TAP_LIBS)
# The shim selection reads the source tree's glibc table and the build
# tree's shims (MANYGUARD_SHIM_DIR).
%canon_reldir%_test_glibc_shims_CPPFLAGS = $(AM_CPPFLAGS) -DMG_TEST_SRCDIR='"$(abs_top_srcdir)"'
%canon_reldir%_test_glibc_shims_LDADD = $(TAP_LIBS)
%canon_reldir%_test_glibc_abi_CPPFLAGS = $(AM_CPPFLAGS) -DMG_TEST_SRCDIR='"$(abs_top_srcdir)"'
%canon_reldir%_test_glibc_abi_LDADD = $(TAP_LIBS)

# Drivers: elf_dump_versions prints the model's version sections like
# `readelf -V` (compared byte for byte by elf_readelf_versions.sh) and,
# with --read-all, reads every part of each file named
# (elf_read_all_system.sh); elf_edit_tool classifies, hides, undefines and
# lists references for the elf_edit_* tests; objnotes_dump prints an
# object's notes; glibc_abi_query answers like policy/glibc/query
# (glibc_abi_reader.sh).
check_PROGRAMS += %reldir%/elf_dump_versions %reldir%/elf_edit_tool %reldir%/objnotes_dump \
	%reldir%/glibc_abi_query
%canon_reldir%_glibc_abi_query_LDADD = $(MG_LIBS)
%canon_reldir%_elf_dump_versions_LDADD = $(MG_LIBS)
%canon_reldir%_elf_edit_tool_LDADD = $(MG_LIBS)
%canon_reldir%_objnotes_dump_LDADD = $(MG_LIBS)

# Fuzz targets.  Each fuzz_NAME.c defines LLVMFuzzerTestOneInput.  With
# --enable-fuzzers (CC=clang) they link against libFuzzer; otherwise against
# a small replay driver, so `make check` runs every target over its seed
# corpus (made by seeds-NAME.sh) plus the committed fuzz-found inputs in
# corpus/NAME/.  NAME.sh is one line: exec replay.sh NAME.
if ENABLE_FUZZERS
FUZZ_LINK_FLAGS = -fsanitize=fuzzer
FUZZ_DRIVER =
else
FUZZ_LINK_FLAGS =
noinst_LIBRARIES += %reldir%/libreplay.a
%canon_reldir%_libreplay_a_SOURCES = %reldir%/standalone.c
FUZZ_DRIVER = %reldir%/libreplay.a
endif
EXTRA_DIST += %reldir%/replay.sh %reldir%/seeds-lib.sh %reldir%/corpus

# NAME: what it reads.
#   elf, elf_edit, elf_gnuhash, archive, objnotes: the ELF layer's readers
#   wheel, manifest: the audit's wheels, the manifest (and the linker's
#     map, trace and why-extract output it is made from)
#   cc_scan, ld_line, ld_script: the wrappers' command lines, linker
#     scripts and response files
#   ld_undefined: a failed link's messages (the undefined references the
#     linker wrapper explains)
#   glibc_abi: the glibc ABI table (policy/glibc/ARCH.abi)
#   ompinfo: openmp.json of an OpenMP runtime directory (manyguard openmp)
#   pkgmeta: a distribution's core metadata (the audit's Requires-Dist)
#   split_table: newer-symbols.txt of a runtime directory (the linker
#     wrapper's table of the split)
FUZZ_TARGETS = %reldir%/fuzz_elf %reldir%/fuzz_elf_edit %reldir%/fuzz_elf_gnuhash \
	%reldir%/fuzz_archive %reldir%/fuzz_objnotes %reldir%/fuzz_wheel %reldir%/fuzz_manifest \
	%reldir%/fuzz_cc_scan %reldir%/fuzz_ld_line %reldir%/fuzz_ld_script %reldir%/fuzz_glibc_abi \
	%reldir%/fuzz_ld_undefined %reldir%/fuzz_ompinfo %reldir%/fuzz_pkgmeta \
	%reldir%/fuzz_split_table
check_PROGRAMS += $(FUZZ_TARGETS)
TESTS += %reldir%/elf.sh %reldir%/elf_edit.sh %reldir%/elf_gnuhash.sh %reldir%/archive.sh \
	%reldir%/objnotes.sh %reldir%/wheel.sh %reldir%/manifest.sh %reldir%/cc_scan.sh \
	%reldir%/ld_line.sh %reldir%/ld_script.sh %reldir%/glibc_abi.sh %reldir%/ld_undefined.sh \
	%reldir%/ompinfo.sh %reldir%/pkgmeta.sh %reldir%/split_table.sh
EXTRA_DIST += %reldir%/elf.sh %reldir%/elf_edit.sh %reldir%/elf_gnuhash.sh %reldir%/archive.sh \
	%reldir%/objnotes.sh %reldir%/wheel.sh %reldir%/manifest.sh %reldir%/cc_scan.sh \
	%reldir%/ld_line.sh %reldir%/ld_script.sh %reldir%/glibc_abi.sh %reldir%/ompinfo.sh \
	%reldir%/seeds-elf.sh %reldir%/seeds-elf_edit.sh %reldir%/seeds-elf_gnuhash.sh \
	%reldir%/seeds-archive.sh %reldir%/seeds-objnotes.sh %reldir%/seeds-wheel.sh \
	%reldir%/seeds-manifest.sh %reldir%/seeds-cc_scan.sh %reldir%/seeds-ld_line.sh \
	%reldir%/seeds-ld_script.sh %reldir%/seeds-glibc_abi.sh \
	%reldir%/ld_undefined.sh %reldir%/seeds-ld_undefined.sh \
	%reldir%/seeds-ompinfo.sh %reldir%/pkgmeta.sh %reldir%/seeds-pkgmeta.sh \
	%reldir%/split_table.sh %reldir%/seeds-split_table.sh
%canon_reldir%_fuzz_elf_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_elf_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_elf_edit_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_elf_edit_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_elf_gnuhash_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_elf_gnuhash_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_archive_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_archive_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_objnotes_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_objnotes_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_wheel_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_wheel_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_manifest_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_manifest_LDADD = $(FUZZ_DRIVER) $(LD_WRAP_LIBS)
%canon_reldir%_fuzz_cc_scan_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_cc_scan_LDADD = $(FUZZ_DRIVER) $(CC_WRAP_LIBS)
%canon_reldir%_fuzz_ld_line_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_ld_line_LDADD = $(FUZZ_DRIVER) $(LD_WRAP_LIBS)
%canon_reldir%_fuzz_ld_script_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_ld_script_LDADD = $(FUZZ_DRIVER) $(LD_WRAP_LIBS)
%canon_reldir%_fuzz_glibc_abi_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_glibc_abi_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_ld_undefined_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_ld_undefined_LDADD = $(FUZZ_DRIVER) $(LD_WRAP_LIBS)
%canon_reldir%_fuzz_ompinfo_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_ompinfo_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_pkgmeta_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_pkgmeta_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)
%canon_reldir%_fuzz_split_table_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
%canon_reldir%_fuzz_split_table_LDADD = $(FUZZ_DRIVER) $(MG_LIBS)

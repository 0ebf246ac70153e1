# wrappers_ld: the linker wrapper that compiler drivers run through -B.
# Built once as wrappers/manyguard-ld, it lives under the names the drivers
# look for (ld, ld.bfd, ld.gold, ld.lld) in wrappers/bin in the build tree
# and in $(pkglibexecdir)/bin when installed; it picks the real linker by
# the name it was called as.
noinst_PROGRAMS += wrappers/manyguard-ld
wrappers_manyguard_ld_SOURCES = wrappers/ld/ld_main.c wrappers/ld/ld_line.c wrappers/ld/ld_line.h \
	wrappers/ld/ld_script.c wrappers/ld/ld_script.h wrappers/ld/ld_check.c wrappers/ld/ld_check.h \
	wrappers/ld/ld_find.c wrappers/ld/ld_find.h
wrappers_manyguard_ld_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
wrappers_manyguard_ld_LDADD = $(MG_LIBS)

# Hard links (copies where links are impossible).  The hooks only name
# targets of ours, so other fragments can add their own.
MG_LD_NAMES = ld ld.bfd ld.gold ld.lld
MG_LD_LINKS = wrappers/bin/ld wrappers/bin/ld.bfd wrappers/bin/ld.gold wrappers/bin/ld.lld
all-local: $(MG_LD_LINKS)
$(MG_LD_LINKS): wrappers/manyguard-ld$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) wrappers/bin && rm -f $@ && \
		{ ln wrappers/manyguard-ld$(EXEEXT) $@ 2>/dev/null || \
		  cp wrappers/manyguard-ld$(EXEEXT) $@; }
CLEANFILES += $(MG_LD_LINKS)
# The tests need the links even when only `make check` is run.
check-am: $(MG_LD_LINKS)

install-exec-hook: install-exec-wrappers-ld
install-exec-wrappers-ld:
	$(MKDIR_P) '$(DESTDIR)$(pkglibexecdir)/bin'
	$(INSTALL_PROGRAM) wrappers/manyguard-ld$(EXEEXT) '$(DESTDIR)$(pkglibexecdir)/bin/ld'
	cd '$(DESTDIR)$(pkglibexecdir)/bin' && for n in ld.bfd ld.gold ld.lld; do \
		rm -f $$n && { ln ld $$n 2>/dev/null || cp ld $$n; } || exit 1; done
uninstall-hook: uninstall-wrappers-ld
uninstall-wrappers-ld:
	for n in $(MG_LD_NAMES); do rm -f '$(DESTDIR)$(pkglibexecdir)/bin/'$$n; done
	-rmdir '$(DESTDIR)$(pkglibexecdir)/bin' '$(DESTDIR)$(pkglibexecdir)' 2>/dev/null
.PHONY: install-exec-wrappers-ld uninstall-wrappers-ld

dist_doc_DATA += docs/linker.md

WRAPPER_LD_IT = tests/integration/wrapper_ld_link.sh \
	tests/integration/wrapper_ld_reject.sh \
	tests/integration/wrapper_ld_verify.sh
TESTS += $(WRAPPER_LD_IT)
EXTRA_DIST += $(WRAPPER_LD_IT) tests/wrappers/ld

# The script reader meets whatever file an input names: fuzz it.
check_PROGRAMS += tests/fuzz/fuzz_ld_script
tests_fuzz_fuzz_ld_script_SOURCES = tests/fuzz/fuzz_ld_script.c wrappers/ld/ld_script.c \
	wrappers/ld/ld_script.h $(FUZZ_MAIN)
tests_fuzz_fuzz_ld_script_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_ld_script_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_ld_script_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/ld_script.sh
EXTRA_DIST += tests/fuzz/ld_script.sh tests/fuzz/seeds-ld_script.sh tests/fuzz/corpus/ld_script

# The link-line parser meets every link line and the files it names.
check_PROGRAMS += tests/fuzz/fuzz_ld_line
tests_fuzz_fuzz_ld_line_SOURCES = tests/fuzz/fuzz_ld_line.c wrappers/ld/ld_line.c wrappers/ld/ld_line.h \
	wrappers/ld/ld_script.c wrappers/ld/ld_script.h $(FUZZ_MAIN)
tests_fuzz_fuzz_ld_line_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_ld_line_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_ld_line_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/ld_line.sh
EXTRA_DIST += tests/fuzz/ld_line.sh tests/fuzz/seeds-ld_line.sh tests/fuzz/corpus/ld_line

# The .gnu.hash reader meets whatever table an output has: fuzz it.
check_PROGRAMS += tests/fuzz/fuzz_ld_gnuhash
tests_fuzz_fuzz_ld_gnuhash_SOURCES = tests/fuzz/fuzz_ld_gnuhash.c $(FUZZ_MAIN)
tests_fuzz_fuzz_ld_gnuhash_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_ld_gnuhash_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_ld_gnuhash_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/ld_gnuhash.sh
EXTRA_DIST += tests/fuzz/ld_gnuhash.sh tests/fuzz/seeds-ld_gnuhash.sh tests/fuzz/corpus/ld_gnuhash

# Lookups in the output's .gnu.hash agree with a scan of .dynsym.
check_PROGRAMS += tests/unit/test_ld_gnuhash
tests_unit_test_ld_gnuhash_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_ld_gnuhash_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_ld_gnuhash

# wrappers_cc: manyguard-cc and manyguard-c++ (one program, two names).
bin_PROGRAMS += wrappers/manyguard-cc
wrappers_manyguard_cc_SOURCES = wrappers/cc/cc_main.c wrappers/cc/cc_args.c wrappers/cc/cc_args.h \
	wrappers/cc/cc_scan.c wrappers/cc/cc_scan.h wrappers/cc/cc_find.c wrappers/cc/cc_find.h \
	wrappers/cc/cc_cache.c wrappers/cc/cc_cache.h wrappers/cc/cc_exec.c wrappers/cc/cc_exec.h
# The linker wrapper's directory, used when MANYGUARD_LINKER_DIR is unset.
wrappers_manyguard_cc_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) \
	-DMG_LINKER_DIR='"$(pkglibexecdir)/bin"'
wrappers_manyguard_cc_LDADD = $(MG_LIBS)

# manyguard-c++ is a hard link (a copy where links are impossible), in the
# build tree for the tests and next to manyguard-cc when installed.  The
# hooks only name a target of ours, so other fragments can add their own.
all-local: wrappers/manyguard-c++$(EXEEXT)
wrappers/manyguard-c++$(EXEEXT): wrappers/manyguard-cc$(EXEEXT)
	$(AM_V_GEN)rm -f $@ && { ln wrappers/manyguard-cc$(EXEEXT) $@ 2>/dev/null || \
		cp wrappers/manyguard-cc$(EXEEXT) $@; }
CLEANFILES += wrappers/manyguard-c++$(EXEEXT)

install-exec-hook: install-exec-wrappers-cc
install-exec-wrappers-cc:
	cd $(DESTDIR)$(bindir) && rm -f manyguard-c++$(EXEEXT) && \
		{ ln manyguard-cc$(EXEEXT) manyguard-c++$(EXEEXT) 2>/dev/null || \
		  cp manyguard-cc$(EXEEXT) manyguard-c++$(EXEEXT); }
uninstall-hook: uninstall-wrappers-cc
uninstall-wrappers-cc:
	rm -f $(DESTDIR)$(bindir)/manyguard-c++$(EXEEXT)
.PHONY: install-exec-wrappers-cc uninstall-wrappers-cc

dist_man1_MANS += docs/man/manyguard-cc.1 docs/man/manyguard-c++.1
dist_doc_DATA += docs/wrappers.md

WRAPPER_CC_IT = tests/integration/wrapper_cc_passthrough.sh \
	tests/integration/wrapper_cc_forbidden.sh \
	tests/integration/wrapper_cc_find.sh \
	tests/integration/wrapper_cc_link.sh \
	tests/integration/wrapper_cc_projects.sh \
	tests/integration/wrapper_cc_parallel.sh
TESTS += $(WRAPPER_CC_IT)
EXTRA_DIST += $(WRAPPER_CC_IT) tests/wrappers/cc bench/wrapper
# Unit test of the command-line classification.
check_PROGRAMS += tests/unit/test_cc_scan
tests_unit_test_cc_scan_SOURCES = tests/unit/test_cc_scan.c wrappers/cc/cc_scan.c
tests_unit_test_cc_scan_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_cc_scan_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_cc_scan

# The classifier meets every command line a build system writes, response
# files included: fuzz it (through rsp_expand, as manyguard-cc runs it).
check_PROGRAMS += tests/fuzz/fuzz_cc_scan
tests_fuzz_fuzz_cc_scan_SOURCES = tests/fuzz/fuzz_cc_scan.c wrappers/cc/cc_scan.c \
	wrappers/cc/cc_scan.h $(FUZZ_MAIN)
tests_fuzz_fuzz_cc_scan_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_cc_scan_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_cc_scan_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/cc_scan.sh
EXTRA_DIST += tests/fuzz/cc_scan.sh tests/fuzz/seeds-cc_scan.sh tests/fuzz/corpus/cc_scan

# manyguard-cc and manyguard-c++ (one program, two names).  Everything but
# main() is a library, which the unit test and the fuzz target of the
# command-line classification link too.
noinst_LIBRARIES += %reldir%/libccwrap.a
%canon_reldir%_libccwrap_a_SOURCES = %reldir%/cc_args.c %reldir%/cc_args.h %reldir%/cc_scan.c \
	%reldir%/cc_scan.h %reldir%/cc_find.c %reldir%/cc_find.h %reldir%/cc_cache.c \
	%reldir%/cc_cache.h %reldir%/cc_exec.c %reldir%/cc_exec.h %reldir%/cc_gcc.c %reldir%/cc_gcc.h \
	%reldir%/cc_policy.c %reldir%/cc_policy.h %reldir%/cc_cxxflags.c %reldir%/cc_cxxflags.h
# The wrappers pass the specs and the plugin to GCC (specs/local.mk).
%canon_reldir%_libccwrap_a_CPPFLAGS = $(AM_CPPFLAGS) $(specs_paths)
CC_WRAP_LIBS = %reldir%/libccwrap.a $(MG_LIBS)

bin_PROGRAMS += wrappers/manyguard-cc
wrappers_manyguard_cc_SOURCES = %reldir%/cc_main.c
# The linker wrapper's directory, used when MANYGUARD_LINKER_DIR is unset.
wrappers_manyguard_cc_CPPFLAGS = $(AM_CPPFLAGS) -DMG_LINKER_DIR='"$(pkglibexecdir)/bin"'
wrappers_manyguard_cc_LDADD = $(CC_WRAP_LIBS)

# manyguard-c++ is a hard link (a copy where links are impossible), in the
# build tree for the tests and next to manyguard-cc when installed.  The
# hooks only name a target of ours, so other directories can add their own.
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

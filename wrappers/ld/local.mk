# The linker wrapper that compiler drivers run through -B.  Built once as
# wrappers/manyguard-ld, it lives under the names the drivers look for (ld,
# ld.bfd, ld.gold, ld.lld) in wrappers/bin in the build tree and in
# $(pkglibexecdir)/bin when installed; it picks the real linker by the name
# it was called as.  Everything but main() is a library, which the fuzz
# targets of the link-line, script and map readers link too.
noinst_LIBRARIES += %reldir%/libldwrap.a
%canon_reldir%_libldwrap_a_SOURCES = %reldir%/ld_line.c %reldir%/ld_line.h %reldir%/ld_script.c \
	%reldir%/ld_script.h %reldir%/ld_refuse.c %reldir%/ld_verify.c %reldir%/ld_verify.h \
	%reldir%/ld_supplier.c %reldir%/ld_report.c %reldir%/ld_report.h %reldir%/ld_find.c \
	%reldir%/ld_find.h %reldir%/ld_manifest.c %reldir%/ld_manifest.h \
	%reldir%/ld_manifest_internal.h %reldir%/ld_manifest_deps.c %reldir%/ld_manifest_objects.c \
	%reldir%/ld_manifest_map.c %reldir%/ld_manifest_map.h %reldir%/ld_manifest_why.c \
	%reldir%/ld_manifest_temps.c %reldir%/ld_manifest_reader.c %reldir%/ld_undefined.c %reldir%/ld_manifest_cxx.c \
	%reldir%/ld_undefined.h %reldir%/ld_glibc.c %reldir%/ld_glibc.h \
	%reldir%/ld_manifest_glibc.c %reldir%/ld_lto_ir.c %reldir%/ld_lto_ir.h
LD_WRAP_LIBS = %reldir%/libldwrap.a $(MG_LIBS)

noinst_PROGRAMS += wrappers/manyguard-ld
wrappers_manyguard_ld_SOURCES = %reldir%/ld_main.c
# The manifest's reader thread reads the link's objects while the linker runs.
wrappers_manyguard_ld_LDADD = $(LD_WRAP_LIBS) $(PTHREAD_LIBS)

# Hard links (copies where links are impossible).  The hooks only name
# targets of ours, so other directories can add their own.
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

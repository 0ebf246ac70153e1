# The manyguard command: nonshared, glibc, stub, show, audit, manifest, specs, openmp.
bin_PROGRAMS += tools/manyguard
tools_manyguard_SOURCES = %reldir%/manyguard.c %reldir%/commands.h %reldir%/cli.c %reldir%/cli.h \
	%reldir%/cmd_nonshared.c %reldir%/cmd_glibc.c %reldir%/cmd_stub.c %reldir%/cmd_show.c %reldir%/cmd_audit.c \
	%reldir%/audit_output.h %reldir%/audit_text.c %reldir%/audit_json.c \
	%reldir%/cmd_manifest.c %reldir%/cmd_specs.c %reldir%/cmd_openmp.c %reldir%/cxx_words.c %reldir%/cxx_words.h
# `manyguard specs` installs the specs and names the plugin (specs/local.mk).
tools_manyguard_CPPFLAGS = $(AM_CPPFLAGS) $(specs_paths) -DMG_SCRIPT_DIR='"$(pkglibexecdir)"'
# fetch-openmp-source and the scripts it runs, for `manyguard openmp --fetch`.
pkglibexec_SCRIPTS = scripts/debian-mirror scripts/fetch-debian-source scripts/fetch-openmp-source
tools_manyguard_LDADD = $(MG_LIBS)

# audit: `manyguard audit` in the library: inputs (files, directories,
# wheels, site-packages, an interpreter's process), per file, across
# packages.
lib_libmanyguard_a_SOURCES += %reldir%/audit.c %reldir%/audit.h %reldir%/audit_internal.h \
	%reldir%/audit_inputs.c %reldir%/audit_exclude.c \
	%reldir%/audit_file.c %reldir%/audit_cross.c %reldir%/ldso.c %reldir%/ldso.h %reldir%/audit_process.c \
	%reldir%/audit_manifest.c %reldir%/audit_words.c %reldir%/wheel.c %reldir%/wheel.h \
	%reldir%/pkgmeta.c %reldir%/pkgmeta.h

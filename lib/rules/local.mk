# rules: every check of a built file, once, each returning findings of one
# type that the linker wrapper, show and audit put into words.
lib_libmanyguard_a_SOURCES += %reldir%/finding.c %reldir%/finding.h %reldir%/rules.h \
	%reldir%/rules_versions.c %reldir%/rules_libraries.c %reldir%/rules_runtimes.c \
	%reldir%/rules_paths.c %reldir%/rules_nonshared.c %reldir%/rules_undefined.c \
	%reldir%/rules_cxx_abi.c %reldir%/rules_glibc.c %reldir%/rules_internal.h

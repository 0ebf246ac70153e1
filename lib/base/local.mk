# base: errors, diagnostics and the rule table, child processes, atomic
# files and output directories, small files, response files, growing
# arrays, formatting into new strings, demangling.
lib_libmanyguard_a_SOURCES += %reldir%/error.c %reldir%/error.h %reldir%/diag.c %reldir%/diag.h \
	%reldir%/rule.c %reldir%/rule.h \
	%reldir%/run.c %reldir%/run.h %reldir%/atomic_file.c %reldir%/atomic_file.h \
	%reldir%/small_file.c %reldir%/small_file.h %reldir%/outdir.c %reldir%/outdir.h \
	%reldir%/rsp.c %reldir%/rsp.h %reldir%/grow.c %reldir%/grow.h %reldir%/asprintf.c \
	%reldir%/asprintf.h %reldir%/demangle.c %reldir%/demangle.h

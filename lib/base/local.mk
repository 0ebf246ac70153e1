# base: errors, diagnostics and the rule table, child processes, atomic
# files and output directories, files removed on a fatal signal, safely
# opened inputs, small files, response files, content digests (SHA-256,
# SHA256SUMS of a directory), UTF-8 for JSON, growing arrays, formatting
# into new strings, demangling.
lib_libmanyguard_a_SOURCES += %reldir%/error.c %reldir%/error.h %reldir%/diag.c %reldir%/diag.h \
	%reldir%/rule.c %reldir%/rule.h \
	%reldir%/run.c %reldir%/run.h %reldir%/atomic_file.c %reldir%/atomic_file.h \
	%reldir%/small_file.c %reldir%/small_file.h %reldir%/outdir.c %reldir%/outdir.h \
	%reldir%/input.c %reldir%/input.h %reldir%/sha256.c %reldir%/sha256.h \
	%reldir%/dirdigest.c %reldir%/dirdigest.h %reldir%/cleanup.c %reldir%/cleanup.h \
	%reldir%/utf8.c %reldir%/utf8.h \
	%reldir%/rsp.c %reldir%/rsp.h %reldir%/grow.c %reldir%/grow.h %reldir%/asprintf.c \
	%reldir%/asprintf.h %reldir%/demangle.c %reldir%/demangle.h

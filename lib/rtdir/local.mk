# rtdir: the runtime directory: the split of libstdc++ (nonshared archive,
# hazards, report), stub libraries, the directory that holds them, and the
# baseline-fit OpenMP runtime; the glibc directory (stubs of an old glibc's
# libraries, linker scripts).
lib_libmanyguard_a_SOURCES += %reldir%/nonshared.c %reldir%/nonshared.h \
	%reldir%/nonshared_internal.h %reldir%/nonshared_write.c %reldir%/nonshared_hazard.c \
	%reldir%/nonshared_facts.c %reldir%/nonshared_forward.c \
	%reldir%/nonshared_report.c %reldir%/nonshared_report.h %reldir%/stub.c %reldir%/stub.h \
	%reldir%/stub_build.c %reldir%/runtime_dir.c %reldir%/runtime_dir.h \
	%reldir%/openmp.c %reldir%/openmp.h %reldir%/openmp_cache.c %reldir%/openmp_wheel.c \
	%reldir%/glibc_stubs.c %reldir%/glibc_stubs.h %reldir%/glibc_dir.c %reldir%/glibc_dir.h
# The glibc shim archive: the installed shims a target glibc lacks.
lib_libmanyguard_a_SOURCES += %reldir%/glibc_shims.c %reldir%/glibc_shims.h

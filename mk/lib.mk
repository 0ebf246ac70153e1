# lib/libmanyguard.a: modules add their sources to it from their own fragment.
noinst_LIBRARIES += lib/libmanyguard.a
lib_libmanyguard_a_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
lib_libmanyguard_a_SOURCES = lib/error.c lib/error.h lib/stub.c lib/stub.h lib/run.c lib/run.h lib/stub_build.c lib/outdir.c lib/outdir.h \
	lib/nonshared.c lib/nonshared.h lib/nonshared_internal.h lib/nonshared_write.c lib/nonshared_hazard.c \
	lib/nonshared_report.c lib/nonshared_report.h lib/runtime_dir.c lib/runtime_dir.h \
	lib/atomic_file.c lib/atomic_file.h lib/small_file.c lib/small_file.h

# Shared helper for the C unit tests (TAP output).
noinst_LIBRARIES += tests/unit/libtap.a
tests_unit_libtap_a_SOURCES = tests/unit/tap.c tests/unit/tap.h \
	tests/unit/testutil.c tests/unit/testutil.h
TAP_LIBS = tests/unit/libtap.a
EXTRA_DIST += tests/lib.sh

# lib/libmanyguard.a: modules add their sources to it from their own fragment.
noinst_LIBRARIES += lib/libmanyguard.a
lib_libmanyguard_a_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
lib_libmanyguard_a_SOURCES = lib/base/error.c lib/base/error.h lib/rtdir/stub.c lib/rtdir/stub.h lib/base/run.c lib/base/run.h lib/rtdir/stub_build.c lib/base/outdir.c lib/base/outdir.h \
	lib/rtdir/nonshared.c lib/rtdir/nonshared.h lib/rtdir/nonshared_internal.h lib/rtdir/nonshared_write.c lib/rtdir/nonshared_hazard.c \
	lib/rtdir/nonshared_report.c lib/rtdir/nonshared_report.h lib/rtdir/runtime_dir.c lib/rtdir/runtime_dir.h \
	lib/base/atomic_file.c lib/base/atomic_file.h lib/base/small_file.c lib/base/small_file.h \
	lib/base/rsp.c lib/base/rsp.h

# Shared helper for the C unit tests (TAP output).
noinst_LIBRARIES += tests/unit/libtap.a
tests_unit_libtap_a_SOURCES = tests/unit/tap.c tests/unit/tap.h \
	tests/unit/testutil.c tests/unit/testutil.h
TAP_LIBS = tests/unit/libtap.a
EXTRA_DIST += tests/lib.sh

# lib/libmanyguard.a: modules add their sources to it from their own fragment.
noinst_LIBRARIES += lib/libmanyguard.a
lib_libmanyguard_a_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
lib_libmanyguard_a_SOURCES = lib/error.c lib/error.h

# Shared helper for the C unit tests (TAP output).
noinst_LIBRARIES += tests/unit/libtap.a
tests_unit_libtap_a_SOURCES = tests/unit/tap.c tests/unit/tap.h
TAP_LIBS = tests/unit/libtap.a
EXTRA_DIST += tests/lib.sh

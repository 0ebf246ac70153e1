# audit: `manyguard audit` (wheels, directories, environments, the
# interpreter's process) and the wheel reader it stands on.
lib_libmanyguard_a_SOURCES += lib/audit/wheel.c lib/audit/wheel.h lib/audit/audit.c lib/audit/audit.h \
	lib/audit/audit_internal.h lib/audit/audit_file.c lib/audit/audit_cross.c lib/audit/audit_resolve.c
tools_manyguard_SOURCES += tools/cmd_audit.c tools/audit_output.h tools/audit_text.c \
	tools/audit_json.c

check_PROGRAMS += tests/unit/test_wheel tests/unit/test_audit
tests_unit_test_wheel_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_wheel_LDADD = $(TAP_LIBS) $(MG_LIBS)
tests_unit_test_audit_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit \
	-DMG_TEST_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_audit_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_wheel tests/unit/test_audit

AUDIT_IT = tests/integration/audit_openmp.sh tests/integration/audit_modules.sh \
	tests/integration/audit_env.sh tests/integration/audit_malformed.sh
TESTS += $(AUDIT_IT)
EXTRA_DIST += $(AUDIT_IT) tests/audit/host.c tests/audit/omp_user.c \
	tests/audit/mkwheel.py tests/audit/fixtures.sh bench/audit

check_PROGRAMS += tests/fuzz/fuzz_wheel
tests_fuzz_fuzz_wheel_SOURCES = tests/fuzz/fuzz_wheel.c $(FUZZ_MAIN)
tests_fuzz_fuzz_wheel_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_wheel_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_wheel_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/wheel.sh
EXTRA_DIST += tests/fuzz/wheel.sh tests/fuzz/seeds-wheel.sh tests/fuzz/corpus/wheel

dist_doc_DATA += docs/audit.md

# core: symbol versions, policies, runtime families, diagnostics.
lib_libmanyguard_a_SOURCES += lib/policy/symver.c lib/policy/symver.h lib/policy/policy.c lib/policy/policy.h \
	lib/policy/runtime.c lib/policy/runtime.h lib/policy/runtime_symbols.c lib/policy/baseline.c lib/policy/baseline.h \
	lib/base/diag.c lib/base/diag.h
# Programs find the installed policies without being told where.
lib_libmanyguard_a_CPPFLAGS += -DMG_POLICY_DIR='"$(policydir)"'

policydir = $(pkgdatadir)/policy
dist_policy_DATA = policy/manylinux_2_17.json policy/manylinux_2_28.json \
	policy/manylinux_2_34.json policy/manylinux_2_35.json
dist_doc_DATA += docs/versions.md docs/policies.md

# Unit tests read the source tree's policies ($top_srcdir/policy).
CORE_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit \
	-DMG_TEST_SRCDIR='"$(abs_top_srcdir)"'

check_PROGRAMS += tests/unit/test_symver tests/unit/test_policy \
	tests/unit/test_runtime tests/unit/test_runtime_symbols tests/unit/test_diag
tests_unit_test_symver_CPPFLAGS = $(CORE_TEST_CPPFLAGS)
tests_unit_test_symver_LDADD = $(TAP_LIBS) $(MG_LIBS)
tests_unit_test_policy_CPPFLAGS = $(CORE_TEST_CPPFLAGS)
tests_unit_test_policy_LDADD = $(TAP_LIBS) $(MG_LIBS)
tests_unit_test_runtime_CPPFLAGS = $(CORE_TEST_CPPFLAGS)
tests_unit_test_runtime_LDADD = $(TAP_LIBS) $(MG_LIBS)
tests_unit_test_runtime_symbols_CPPFLAGS = $(CORE_TEST_CPPFLAGS)
tests_unit_test_runtime_symbols_LDADD = $(TAP_LIBS) $(MG_LIBS)
tests_unit_test_diag_CPPFLAGS = $(CORE_TEST_CPPFLAGS)
tests_unit_test_diag_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_symver tests/unit/test_policy tests/unit/test_runtime \
	tests/unit/test_runtime_symbols tests/unit/test_diag

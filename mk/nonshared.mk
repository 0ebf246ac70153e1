# manyguard nonshared and stub: tests on real runtimes, fixtures, benchmark.
NONSHARED_IT = tests/integration/nonshared_corpus.sh \
	tests/integration/nonshared_inputs.sh \
	tests/integration/nonshared_hazard.sh \
	tests/integration/stub.sh \
	tests/integration/show.sh
TESTS += $(NONSHARED_IT)
EXTRA_DIST += $(NONSHARED_IT) tests/fixtures/bullseye.sh \
	tests/nonshared/host.c tests/nonshared/exe_main.cc tests/nonshared/lib_entry.cc \
	tests/nonshared/corpus tests/nonshared/hazard examples/newer_runtime.cc \
	bench/nonshared

check_PROGRAMS += tests/unit/test_stub
tests_unit_test_stub_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_stub_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_stub

dist_doc_DATA += docs/nonshared.md

# The fetched fixture stays between `make check` runs; distclean removes it.
distclean-local: distclean-fixtures
distclean-fixtures:
	rm -rf tests/fixtures/bullseye tests/fixtures/bullseye.lock
.PHONY: distclean-fixtures

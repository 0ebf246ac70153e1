# scenarios: the field's failure stories end to end, each a TAP test that
# first reproduces the failure without manyguard, then shows manyguard
# preventing or detecting it (docs/scenarios.md); the demo package
# (examples/mgdemo) that scenario 3 and scripts/demo build.
SCENARIO_TESTS = tests/scenarios/s1_omp_error15.sh tests/scenarios/s2_system_openblas.sh \
	tests/scenarios/s3_glibcxx_newer.sh tests/scenarios/s4_static_libstdcxx.sh \
	tests/scenarios/s5_mixed_openmp.sh tests/scenarios/s6_shadowed_library.sh
TESTS += $(SCENARIO_TESTS)
EXTRA_DIST += $(SCENARIO_TESTS) tests/scenarios/common.sh tests/scenarios/omp_mod.c \
	tests/scenarios/blas_mod.c tests/scenarios/version_mod.c tests/scenarios/locale_mod.cc \
	examples/mgdemo/setup.py examples/mgdemo/pyproject.toml \
	examples/mgdemo/mgdemo/__init__.py examples/mgdemo/mgdemo/_core.cc scripts/readme-demo
dist_doc_DATA += docs/scenarios.md

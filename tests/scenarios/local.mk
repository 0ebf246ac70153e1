# The field's failure stories end to end (docs/scenarios.md), each a TAP
# test that first reproduces the failure without manyguard, then shows
# manyguard preventing or detecting it.  Scenario 3 and scripts/demo build
# the demo package examples/mgdemo.
SCENARIO_TESTS = %reldir%/s1_omp_error15.sh %reldir%/s2_system_openblas.sh \
	%reldir%/s3_glibcxx_newer.sh %reldir%/s4_static_libstdcxx.sh \
	%reldir%/s5_mixed_openmp.sh %reldir%/s6_shadowed_library.sh
TESTS += $(SCENARIO_TESTS)
EXTRA_DIST += $(SCENARIO_TESTS) %reldir%/common.sh %reldir%/omp_mod.c %reldir%/blas_mod.c \
	%reldir%/version_mod.c %reldir%/locale_mod.cc

# Fuzz targets.  Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput.
# With --enable-fuzzers (CC=clang) they link against libFuzzer; otherwise
# against a small replay driver, so `make check` runs every target over its
# seed corpus (made by tests/fuzz/seeds-NAME.sh) plus the committed
# fuzz-found inputs in tests/fuzz/corpus/NAME/.
#
# A module adds a target from its own fragment with:
#   check_PROGRAMS += tests/fuzz/fuzz_NAME
#   tests_fuzz_fuzz_NAME_SOURCES = tests/fuzz/fuzz_NAME.c $(FUZZ_MAIN)
#   tests_fuzz_fuzz_NAME_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
#   tests_fuzz_fuzz_NAME_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
#   tests_fuzz_fuzz_NAME_LDADD = $(MG_LIBS)
#   TESTS += tests/fuzz/NAME.sh      (one line: exec replay.sh NAME)
#   EXTRA_DIST += tests/fuzz/NAME.sh tests/fuzz/seeds-NAME.sh tests/fuzz/corpus/NAME
if ENABLE_FUZZERS
FUZZ_LINK_FLAGS = -fsanitize=fuzzer
FUZZ_MAIN =
else
FUZZ_LINK_FLAGS =
FUZZ_MAIN = tests/fuzz/standalone.c
endif
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/standalone.c

#!/bin/sh
# The meson native file (integration/manyguard-native.ini): a meson project
# set up with only --native-file builds through the wrappers the file names
# by path (nothing on PATH; meson's own compiler and linker checks
# included); its C++ library needs at most manylinux_2_28's GLIBCXX_3.4.24,
# exports no runtime symbol, and works.  The policy is fixed at setup (the
# native files' manyguard_policy constant) and recorded in the compiler
# command; a build run with another MANYGUARD_POLICY stops with an error
# naming both.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/recipes/common.sh"

if ! command -v meson >/dev/null 2>&1 || ! command -v ninja >/dev/null 2>&1; then
	skip "meson or ninja is not installed (apt-get install meson ninja-build)"
	done_testing
	exit
fi
check_control
project meson
native=$integration/manyguard-native.ini

meson setup --native-file "$native" meson b1 >b1.log 2>&1 &&
	meson compile -C b1 >>b1.log 2>&1
st=$?
check "setup and compile with the native file (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b1.log | sed 's/^/# /'
check "meson's C++ compiler is the wrapper the file names by path, with the policy" \
	grep -q "C++ compiler for the host machine: $wrappers/manyguard-c++ --manyguard-policy=manylinux_2_28 (gcc " b1.log
check "ninja's C++ link rule runs it" \
	grep -qx " command = $wrappers/manyguard-c++ --manyguard-policy=manylinux_2_28 .*\$LINK_ARGS" b1/build.ninja
check "the program runs" test "$(b1/app 2>&1)" = "greet 0.25"
check "libgreet.so needs at most GLIBCXX_3.4.24 ($(highest_needed b1/libgreet.so GLIBCXX_))" \
	at_most b1/libgreet.so GLIBCXX_3.4.24
check "libgreet.so needs at most CXXABI_1.3.11" at_most b1/libgreet.so CXXABI_1.3.11
check "libgreet.so exports no libstdc++ symbol" exports_no_runtime b1/libgreet.so
check "libgreet.so and its object were built for manylinux_2_28" built_for b1/libgreet.so manylinux_2_28

# Another policy: a second native file setting the constant.
printf "[constants]\nmanyguard_policy = 'manylinux_2_17'\n" >policy.ini
meson setup --native-file "$native" --native-file policy.ini meson b2 >b2.log 2>&1 &&
	meson compile -C b2 >>b2.log 2>&1
st=$?
check "a second native file with manyguard_policy = 'manylinux_2_17' (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b2.log | sed 's/^/# /'
check "... libgreet.so needs at most manylinux_2_17's GLIBCXX_3.4.19 ($(highest_needed b2/libgreet.so GLIBCXX_))" \
	at_most b2/libgreet.so GLIBCXX_3.4.19
check "... libgreet.so and its object were built for manylinux_2_17" built_for b2/libgreet.so manylinux_2_17
check "... and the program runs" test "$(b2/app 2>&1)" = "greet 0.25"

# Building it from a shell that says another policy is an error naming
# both; nothing is built for the wrong one.
touch meson/greet.cc
MANYGUARD_POLICY=manylinux_2_28 meson compile -C b2 >b2-mismatch.log 2>&1
st=$?
check "meson compile of the manylinux_2_17 directory with MANYGUARD_POLICY=manylinux_2_28 fails (exit $st)" \
	test $st != 0
check "... saying what was configured and what was found" grep -q \
	"manyguard-c++: error: this build was configured for policy manylinux_2_17 (--manyguard-policy=manylinux_2_17 in its compiler command), but MANYGUARD_POLICY=manylinux_2_28 in the environment" \
	b2-mismatch.log
check "... and the library is still the manylinux_2_17 one" built_for b2/libgreet.so manylinux_2_17

# A native file cannot read the environment: a MANYGUARD_POLICY that
# contradicts it stops meson's own compiler check, with the same error.
MANYGUARD_POLICY=manylinux_2_17 meson setup --native-file "$native" meson b3 >b3.log 2>&1
st=$?
check "meson setup with MANYGUARD_POLICY=manylinux_2_17 and the default native file fails (exit $st)" \
	test $st != 0
check "... with the mismatch in meson's log" grep -q \
	"this build was configured for policy manylinux_2_28 (--manyguard-policy=manylinux_2_28 in its compiler command), but MANYGUARD_POLICY=manylinux_2_17" \
	b3.log b3/meson-logs/meson-log.txt

# The wrappers' rules hold under meson: a forbidden flag fails the build
# with the rule id.
meson setup --native-file "$native" -Dcpp_link_args=-static-libstdc++ \
	meson b4 >b4.log 2>&1 && meson compile -C b4 >>b4.log 2>&1
st=$?
check "-static-libstdc++ in cpp_link_args fails the build (exit $st)" test $st != 0
check "... with the rule id" grep -q "\[static-libstdcxx\]" b4.log b4/meson-logs/meson-log.txt
check "... and no libgreet.so is left" test ! -e b4/libgreet.so
done_testing

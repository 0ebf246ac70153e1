#!/bin/sh
# The meson native file (integration/manyguard-native.ini): a meson project
# set up with only --native-file builds through the wrappers (meson's own
# compiler and linker checks included); its C++ library needs at most
# manylinux_2_28's GLIBCXX_3.4.24, exports no runtime symbol, and works.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/recipes/common.sh"

if ! command -v meson >/dev/null 2>&1 || ! command -v ninja >/dev/null 2>&1; then
	skip "meson or ninja is not installed (apt-get install meson ninja-build)"
	done_testing
	exit
fi
check_control
project meson

meson setup --native-file "$integration/manyguard-native.ini" meson b1 >b1.log 2>&1 &&
	meson compile -C b1 >>b1.log 2>&1
st=$?
check "setup and compile with the native file (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b1.log | sed 's/^/# /'
check "meson found manyguard-c++ as its C++ compiler" \
	grep -q "C++ compiler for the host machine: manyguard-c++ (gcc " b1.log
check "ninja's C++ link rule runs manyguard-c++" \
	grep -qx " command = manyguard-c++ .*\$LINK_ARGS" b1/build.ninja
check "the program runs" test "$(b1/app 2>&1)" = "greet 0.25"
check "libgreet.so needs at most GLIBCXX_3.4.24 ($(highest_needed b1/libgreet.so GLIBCXX_))" \
	at_most b1/libgreet.so GLIBCXX_3.4.24
check "libgreet.so needs at most CXXABI_1.3.11" at_most b1/libgreet.so CXXABI_1.3.11
check "libgreet.so exports no libstdc++ symbol" exports_no_runtime b1/libgreet.so

# The wrappers' rules hold under meson: a forbidden flag fails the build
# with the rule id.
meson setup --native-file "$integration/manyguard-native.ini" -Dcpp_link_args=-static-libstdc++ \
	meson b2 >b2.log 2>&1 && meson compile -C b2 >>b2.log 2>&1
st=$?
check "-static-libstdc++ in cpp_link_args fails the build (exit $st)" test $st != 0
check "... with the rule id" grep -q "\[static-libstdcxx\]" b2.log b2/meson-logs/meson-log.txt
check "... and no libgreet.so is left" test ! -e b2/libgreet.so
done_testing

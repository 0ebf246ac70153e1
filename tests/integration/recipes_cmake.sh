#!/bin/sh
# The CMake toolchain file (integration/manyguard.cmake): a CMake project
# configured with only -DCMAKE_TOOLCHAIN_FILE builds through the wrappers
# the file names by path (nothing on PATH); its C++ library needs at most
# manylinux_2_28's GLIBCXX_3.4.24, exports no runtime symbol, and works.
# The policy is fixed at configure time (-DMANYGUARD_POLICY, else the
# configure environment's MANYGUARD_POLICY, else the default) and recorded
# in the compiler command; a build run with another MANYGUARD_POLICY stops
# with an error naming both.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/recipes/common.sh"

if ! command -v cmake >/dev/null 2>&1; then
	skip "cmake is not installed"
	done_testing
	exit
fi
check_control
project cmake
tc=$integration/manyguard.cmake

cmake -S cmake -B b1 -DCMAKE_TOOLCHAIN_FILE="$tc" >b1.log 2>&1 &&
	cmake --build b1 >>b1.log 2>&1
st=$?
check "configure and build with the toolchain file (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b1.log | sed 's/^/# /'
check "CMake's C++ compiler is the wrapper the file names by path" \
	grep -qx "set(CMAKE_CXX_COMPILER \"$wrappers/manyguard-c++\")" b1/CMakeFiles/*/CMakeCXXCompiler.cmake
check "CMake's C compiler is manyguard-cc" \
	grep -qx "set(CMAKE_C_COMPILER \"$wrappers/manyguard-cc\")" b1/CMakeFiles/*/CMakeCCompiler.cmake
check "the policy is recorded in the cache: manylinux_2_28 by default" \
	grep -qx "MANYGUARD_POLICY:STRING=manylinux_2_28" b1/CMakeCache.txt
check "... and in the compiler command" \
	grep -qx "set(CMAKE_CXX_COMPILER_ARG1 \"--manyguard-policy=manylinux_2_28\")" b1/CMakeFiles/*/CMakeCXXCompiler.cmake
check "the program runs" test "$(b1/app 2>&1)" = "greet 0.25"
check "libgreet.so needs at most GLIBCXX_3.4.24 ($(highest_needed b1/libgreet.so GLIBCXX_))" \
	at_most b1/libgreet.so GLIBCXX_3.4.24
check "libgreet.so needs at most CXXABI_1.3.11" at_most b1/libgreet.so CXXABI_1.3.11
check "libgreet.so exports no libstdc++ symbol" exports_no_runtime b1/libgreet.so
check "libgreet.so and its object were built for manylinux_2_28" built_for b1/libgreet.so manylinux_2_28

# A policy fixed at configure time applies to every compile and link
# without MANYGUARD_POLICY in the environment.
cmake -S cmake -B b2 -DCMAKE_TOOLCHAIN_FILE="$tc" -DMANYGUARD_POLICY=manylinux_2_17 >b2.log 2>&1 &&
	cmake --build b2 >>b2.log 2>&1
st=$?
check "-DMANYGUARD_POLICY=manylinux_2_17 configures and builds (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b2.log | sed 's/^/# /'
check "... libgreet.so needs at most manylinux_2_17's GLIBCXX_3.4.19 ($(highest_needed b2/libgreet.so GLIBCXX_))" \
	at_most b2/libgreet.so GLIBCXX_3.4.19
check "... libgreet.so and its object were built for manylinux_2_17" built_for b2/libgreet.so manylinux_2_17
check "... and the program runs" test "$(b2/app 2>&1)" = "greet 0.25"

# The same from MANYGUARD_POLICY in the environment of the first configure.
MANYGUARD_POLICY=manylinux_2_17 cmake -S cmake -B b4 -DCMAKE_TOOLCHAIN_FILE="$tc" >b4.log 2>&1 &&
	cmake --build b4 >>b4.log 2>&1
st=$?
check "MANYGUARD_POLICY=manylinux_2_17 at configure, unset at build (exit $st)" test $st = 0
check "... records manylinux_2_17" grep -qx "MANYGUARD_POLICY:STRING=manylinux_2_17" b4/CMakeCache.txt
check "... and builds for it" built_for b4/libgreet.so manylinux_2_17

# Building that tree from a shell that says another policy is an error,
# at the first compile, naming both; nothing is built for the wrong one.
touch cmake/greet.cc
MANYGUARD_POLICY=manylinux_2_28 cmake --build b2 >b2-mismatch.log 2>&1
st=$?
check "building the manylinux_2_17 tree with MANYGUARD_POLICY=manylinux_2_28 fails (exit $st)" test $st != 0
check "... saying what was configured and what was found" grep -q \
	"manyguard-c++: error: this build was configured for policy manylinux_2_17 (--manyguard-policy=manylinux_2_17 in its compiler command), but MANYGUARD_POLICY=manylinux_2_28 in the environment" \
	b2-mismatch.log
check "... and the library is still the manylinux_2_17 one" built_for b2/libgreet.so manylinux_2_17
MANYGUARD_POLICY=manylinux_2_17 cmake --build b2 >b2-same.log 2>&1
st=$?
check "MANYGUARD_POLICY repeating the configured policy builds (exit $st)" test $st = 0

# A toolchain file whose wrappers are not there stops configuring with its
# own message rather than falling back to another compiler.
sed "s|$wrappers|$tmp/no-such-prefix/bin|" "$tc" >"$tmp/moved.cmake"
cmake -S cmake -B b3 -DCMAKE_TOOLCHAIN_FILE="$tmp/moved.cmake" >b3.log 2>&1
st=$?
check "without the wrappers it names, configuring fails (exit $st)" test $st != 0
# (CMake wraps its messages: the lines are joined again.)
check "... naming the missing wrapper" sh -c "tr -s '\n ' '  ' <b3.log |
	grep -q 'manyguard.cmake: $tmp/no-such-prefix/bin/manyguard-cc does not exist'"
done_testing

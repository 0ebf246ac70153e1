#!/bin/sh
# The CMake toolchain file (integration/manyguard.cmake): a CMake project
# configured with only -DCMAKE_TOOLCHAIN_FILE builds through the wrappers;
# its C++ library needs at most manylinux_2_28's GLIBCXX_3.4.24, exports no
# runtime symbol, and works.  -DMANYGUARD_POLICY fixes another policy for
# the build tree's links.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/recipes/common.sh"

if ! command -v cmake >/dev/null 2>&1; then
	skip "cmake is not installed"
	done_testing
	exit
fi
check_control
project cmake

cmake -S cmake -B b1 -DCMAKE_TOOLCHAIN_FILE="$integration/manyguard.cmake" >b1.log 2>&1 &&
	cmake --build b1 >>b1.log 2>&1
st=$?
check "configure and build with the toolchain file (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b1.log | sed 's/^/# /'
check "CMake's C++ compiler is manyguard-c++ (found on PATH)" \
	grep -qx "set(CMAKE_CXX_COMPILER \"$tmp/bin/manyguard-c++\")" b1/CMakeFiles/*/CMakeCXXCompiler.cmake
check "CMake's C compiler is manyguard-cc" \
	grep -qx "set(CMAKE_C_COMPILER \"$tmp/bin/manyguard-cc\")" b1/CMakeFiles/*/CMakeCCompiler.cmake
check "the program runs" test "$(b1/app 2>&1)" = "greet 0.25"
check "libgreet.so needs at most GLIBCXX_3.4.24 ($(highest_needed b1/libgreet.so GLIBCXX_))" \
	at_most b1/libgreet.so GLIBCXX_3.4.24
check "libgreet.so needs at most CXXABI_1.3.11" at_most b1/libgreet.so CXXABI_1.3.11
check "libgreet.so exports no libstdc++ symbol" exports_no_runtime b1/libgreet.so
check "the link went through the runtime directory of manylinux_2_28" \
	test -d "$(ls -d cache/runtime/manylinux_2_28-* 2>/dev/null | head -n 1)"

# A policy fixed at configure time applies to the build's links without
# MANYGUARD_POLICY in the environment.
cmake -S cmake -B b2 -DCMAKE_TOOLCHAIN_FILE="$integration/manyguard.cmake" \
	-DMANYGUARD_POLICY=manylinux_2_17 >b2.log 2>&1 && cmake --build b2 >>b2.log 2>&1
st=$?
check "-DMANYGUARD_POLICY=manylinux_2_17 configures and builds (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b2.log | sed 's/^/# /'
check "... libgreet.so needs at most manylinux_2_17's GLIBCXX_3.4.19 ($(highest_needed b2/libgreet.so GLIBCXX_))" \
	at_most b2/libgreet.so GLIBCXX_3.4.19
check "... and the program runs" test "$(b2/app 2>&1)" = "greet 0.25"

# Without the wrappers anywhere, the toolchain file stops configuring with
# CMake's own message rather than falling back to the plain compiler.
PATH=$(printf '%s' "$PATH" | sed "s|$tmp/bin:||") cmake -S cmake -B b3 \
	-DCMAKE_TOOLCHAIN_FILE="$integration/manyguard.cmake" >b3.log 2>&1
st=$?
check "without manyguard-cc on PATH, configuring fails (exit $st)" test $st != 0
check "... naming the wrapper it looked for" grep -q "manyguard-cc" b3.log
done_testing

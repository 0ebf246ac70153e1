#!/bin/sh
# Real build systems, told only CC and CXX: a CMake project, an autoconf
# project and a setuptools C++ extension build through the wrappers; their
# C++ outputs need at most manylinux_2_28's GLIBCXX_3.4.24 and work.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"

CC=$wcc CXX=$wcxx
export CC CXX
# at_most FILE VERSION: FILE exists, requires some version of VERSION's kind
# and none above it.
at_most() {
	v=$(highest_needed "$1" "${2%%_*}_")
	[ -n "$v" ] || return 1
	printf '%s\n' "$v" "$2" | sort -t. -k3,3n | tail -n 1 | grep -qx "$2"
}

if command -v cmake >/dev/null 2>&1; then
	cmake -S "$fixtures/cmake" -B cmake-build >cmake.log 2>&1 &&
		cmake --build cmake-build >>cmake.log 2>&1
	check "CMake project builds with CC/CXX = the wrappers" test -x cmake-build/app
	sed 's/^/# /' cmake.log | grep -i "error" | head -n 5
	check "CMake found the wrappers as its compilers" \
		grep -q "CMAKE_CXX_COMPILER:.*=$wcxx" cmake-build/CMakeCache.txt
	check "CMake: the program runs" test "$(cmake-build/app)" = "greet 0.25"
	check "CMake: libgreet.so needs at most GLIBCXX_3.4.24" at_most cmake-build/libgreet.so GLIBCXX_3.4.24
else
	skip "cmake is not installed"
fi

if command -v autoconf >/dev/null 2>&1; then
	cp -R "$fixtures/autotools" at-src
	cp "$fixtures/project/greet.cc" "$fixtures/project/main.c" at-src/
	chmod -R u+w at-src
	(cd at-src && autoconf) >at.log 2>&1
	mkdir at-build
	(cd at-build && ../at-src/configure && make) >>at.log 2>&1
	check "autoconf project configures and builds with CC/CXX = the wrappers" test -x at-build/app
	sed 's/^/# /' at.log | grep -i "error" | head -n 5
	check "autoconf: configure linked its C++ test through manyguard-c++" \
		grep -q "whether $wcxx links a C++ program... yes" at.log
	check "autoconf: the program runs" test "$(at-build/app)" = "greet 0.25"
	check "autoconf: libgreet.so needs at most GLIBCXX_3.4.24" at_most at-build/libgreet.so GLIBCXX_3.4.24
else
	skip "autoconf is not installed"
fi

py=${PYTHON3:-python3}
if ! "$py" -c 'import setuptools, sysconfig, os; assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' 2>/dev/null; then
	skip "$py lacks setuptools or Python.h (install python3-setuptools python3-dev)"
else
	cp -R "$fixtures/setuptools" ext
	chmod -R u+w ext
	(cd ext && "$py" setup.py build_ext --inplace) >ext.log 2>&1
	so=$(ls ext/mgwrap_ext*.so 2>/dev/null | head -n 1)
	check "setuptools C++ extension builds with CC/CXX = the wrappers" test -n "$so"
	sed 's/^/# /' ext.log | grep -i "error" | head -n 5
	check "setuptools linked through manyguard-c++" grep -q "^$wcxx .*-shared" ext.log
	out=$(cd ext && "$py" -c 'import mgwrap_ext; print(mgwrap_ext.shortest(0.1), mgwrap_ext.shortest(6.02214076e23))')
	check "the extension imports and works in Python ($out)" test "$out" = "0.1 6.02214076e+23"
	check "the extension needs at most GLIBCXX_3.4.24" at_most "$so" GLIBCXX_3.4.24
	check "the extension needs at most CXXABI_1.3.11" at_most "$so" CXXABI_1.3.11
	check "the extension exports no libstdc++ symbol" \
		sh -c "! nm -D --defined-only '$so' | grep -q ' _ZNSt\\| _ZSt'"

	# Built against Debian bullseye's real libstdc++ (GCC 10) as baseline,
	# the same extension imports and works in Python running on it.
	. "$top_srcdir/tests/fixtures/bullseye.sh"
	if [ -n "$bullseye_missing" ]; then
		bullseye_unavailable
	else
		cp -R "$fixtures/setuptools" ext-bullseye
		chmod -R u+w ext-bullseye
		(cd ext-bullseye && MANYGUARD_BASELINE_LIBSTDCXX=$bullseye_libstdcxx \
			"$py" setup.py build_ext --inplace) >ext-bullseye.log 2>&1
		so=$(ls ext-bullseye/mgwrap_ext*.so 2>/dev/null | head -n 1)
		check "bullseye baseline: the extension builds" test -n "$so"
		sed 's/^/# /' ext-bullseye.log | grep -i "error" | head -n 5
		check "bullseye baseline: it needs at most GLIBCXX_3.4.28" at_most "$so" GLIBCXX_3.4.28
		out=$(cd ext-bullseye && LD_LIBRARY_PATH=$bullseye_ld_path "$py" -c '
import mgwrap_ext
lib = [l.split()[-1] for l in open("/proc/self/maps") if "libstdc++.so.6" in l][0]
print(mgwrap_ext.shortest(0.1), mgwrap_ext.shortest(6.02214076e23), lib)')
		check "bullseye baseline: imports and works on bullseye's libstdc++ ($out)" \
			test "$out" = "0.1 6.02214076e+23 $(readlink -f "$bullseye_libstdcxx")"
	fi
fi
done_testing

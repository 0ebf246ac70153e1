#!/bin/sh
# setuptools through pip with CC/CXX: `pip wheel` of a pyproject.toml
# package with a C++ extension, given only CC=manyguard-cc
# CXX=manyguard-c++.  The wheel's extension needs at most manylinux_2_28's
# GLIBCXX_3.4.24, exports nothing of a runtime, imports and works, and
# `manyguard audit` passes the wheel.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/recipes/common.sh"

# pip without build isolation (no network): the interpreter must have pip,
# setuptools and wheel, and its headers.
py=
for cand in "${PYTHON3:-}" python3 /usr/bin/python3; do
	[ -n "$cand" ] || continue
	if "$cand" -c 'import os, sysconfig, setuptools, wheel, pip
assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' 2>/dev/null; then
		py=$cand
		break
	fi
done
if [ -z "$py" ]; then
	skip "no python3 with pip, setuptools, wheel and Python.h (apt-get install python3-pip python3-wheel python3-dev)"
	done_testing
	exit
fi
diag "interpreter: $py"
wrappers_on_path
check_control
project pip

CC=manyguard-cc CXX=manyguard-c++ "$py" -m pip wheel --no-build-isolation --no-deps -v \
	-w dist ./pip >pip.log 2>&1
st=$?
check "pip wheel with CC/CXX = the wrappers (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 pip.log | sed 's/^/# /'
# distutils compiles every source, C++ included, with CC and links C++
# extensions with CXX: both must be set.
check "setuptools compiled the C++ sources with manyguard-cc" \
	grep -q "^ *manyguard-cc .*-c mgrecipe/_greet.cc" pip.log
check "setuptools linked with manyguard-c++" grep -q "^ *manyguard-c++ .*-shared" pip.log
whl=$(ls dist/mgrecipe-1.0-*.whl 2>/dev/null | head -n 1)
mkdir site && (cd site && "$py" -m zipfile -e "../$whl" .) 2>/dev/null
so=$(ls site/mgrecipe/_greet*.so 2>/dev/null | head -n 1)
check "the wheel holds the extension ($so)" test -n "$so"
out=$(cd site && "$py" -c 'import mgrecipe; print(mgrecipe.greet(0.25)); print(mgrecipe.greet(6.02214076e23))' 2>&1)
check "the extension imports and works" test "$out" = "greet 0.25
greet 6.02214076e+23"
check "the extension needs at most GLIBCXX_3.4.24 ($(highest_needed "$so" GLIBCXX_))" \
	at_most "$so" GLIBCXX_3.4.24
check "the extension needs at most CXXABI_1.3.11" at_most "$so" CXXABI_1.3.11
check "the extension exports no libstdc++ symbol" exports_no_runtime "$so"
"$top_builddir/tools/manyguard" audit --policy manylinux_2_28 "$whl" >audit.log 2>&1
st=$?
check "manyguard audit --policy manylinux_2_28 passes the wheel (exit $st)" test $st = 0
[ $st = 0 ] || sed 's/^/# /' audit.log | head -n 10
done_testing

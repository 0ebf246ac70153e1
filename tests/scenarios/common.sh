# Sourced by tests/scenarios/*.sh after tests/lib.sh: the build tree's
# manyguard, wrappers and a private cache, the Python the build found
# (PYTHON3) with its headers, and small builders shared by the scenarios.
mg_tmpdir
mg=$top_builddir/tools/manyguard
wcc=$top_builddir/wrappers/manyguard-cc
wcxx=$top_builddir/wrappers/manyguard-c++
[ -x "$mg" ] && [ -x "$wcc" ] && [ -x "$wcxx" ] || bail "manyguard not built in $top_builddir"
src=$top_srcdir/tests/scenarios
use_build_tree
unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS PYTHONPATH LD_LIBRARY_PATH
cd "$tmp" || bail "cannot enter $tmp"

# The scenarios' processes are real Python interpreters importing real
# extension modules: the one configure found, with its headers.
py=${PYTHON3:-python3}
# py_include PY: the directory holding PY's Python.h, or failure.
py_include() {
	"$1" -c 'import os, sysconfig
p = sysconfig.get_paths()["include"]
assert os.path.exists(os.path.join(p, "Python.h"))
print(p)' 2>/dev/null
}
pyinc=$(py_include "$py") || pyinc=
# need_python: end the test with a skip when PYTHON3 cannot build modules.
need_python() {
	if [ -z "$pyinc" ]; then
		skip "$py cannot build extension modules (no Python.h; install python3-dev)"
		done_testing
		exit
	fi
}
# need_tool NAME...: end the test with a skip when a program is missing.
need_tool() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 && continue
		skip "no $t on PATH"
		done_testing
		exit
	done
}

# pymod CC OUT SOURCE ARGS...: the extension module OUT built by CC.
pymod() {
	c=$1 out=$2 file=$3
	shift 3
	mkdir -p "$(dirname "$out")" && touch "$(dirname "$out")/__init__.py" &&
		$c -shared -fPIC -I"$pyinc" -o "$out" "$file" "$@"
}

# vendor LIB PKGDIR COPY MODULE NEEDED: what auditwheel repair does to one
# library: LIB copied to PKGDIR.libs/COPY (SONAME COPY), MODULE's NEEDED
# entry NEEDED replaced by COPY, its RUNPATH $ORIGIN/../PKG.libs (patchelf
# 0.14: one operation per call).
vendor() {
	libs=$2.libs
	mkdir -p "$libs" && cp "$1" "$libs/$3" &&
		patchelf --set-soname "$3" "$libs/$3" &&
		patchelf --replace-needed "$5" "$3" "$4" &&
		patchelf --set-rpath "\$ORIGIN/../$(basename "$libs")" "$4"
}

# manifest_json FILE OUT: the manifest of FILE as JSON in OUT.
manifest_json() { "$mg" manifest --json "$1" >"$2" 2>"$2.err"; }

# The number of CPUs this process may use: thread pools size themselves by it.
ncpu=$(nproc 2>/dev/null || echo 1)

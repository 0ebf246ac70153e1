# Builders for the audit tests: real modules, vendored runtime copies the
# way auditwheel makes them (hash-renamed, SONAME and NEEDED patched, RUNPATH
# to $ORIGIN), and wheels written with Python's zipfile.  Source it after
# tests/lib.sh and mg_tmpdir.
libomp=/usr/lib/llvm-14/lib/libomp.so.5
mkwheel() { "${PYTHON3:-python3}" "$top_srcdir/tests/audit/mkwheel.py" "$@"; }

# omp_module CC OUT: the OpenMP user module built by CC (gcc: libgomp,
# clang: libomp).
omp_module() {
	case $1 in
	clang*) "$1" -shared -fPIC -fopenmp -L/usr/lib/llvm-14/lib -o "$2" \
		"$top_srcdir/tests/audit/omp_user.c" ;;
	*) "$1" -shared -fPIC -fopenmp -o "$2" "$top_srcdir/tests/audit/omp_user.c" ;;
	esac
}

# vendor_libomp ROOT PKG HASH: ROOT/PKG/_omp.so using its own copy
# ROOT/PKG.libs/libomp-HASH.so.5 (patchelf 0.14: one operation per call).
vendor_libomp() {
	root=$1 pkg=$2 hash=$3
	mkdir -p "$root/$pkg" "$root/$pkg.libs"
	copy=libomp-$hash.so.5
	cp "$libomp" "$root/$pkg.libs/$copy" &&
	patchelf --set-soname "$copy" "$root/$pkg.libs/$copy" &&
	omp_module clang "$root/$pkg/_omp.so" &&
	patchelf --replace-needed libomp.so.5 "$copy" "$root/$pkg/_omp.so" &&
	patchelf --set-rpath '$ORIGIN/../'"$pkg.libs" "$root/$pkg/_omp.so"
}

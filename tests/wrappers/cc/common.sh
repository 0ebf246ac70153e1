# Sourced by tests/integration/wrapper_cc*.sh after tests/lib.sh: the
# wrappers of the build tree, a private cache and scratch directory, and
# helpers to compare a wrapped run with the unwrapped one.
mg_tmpdir
wcc=$top_builddir/wrappers/manyguard-cc
wcxx=$top_builddir/wrappers/manyguard-c++
[ -x "$wcc" ] && [ -x "$wcxx" ] || bail "wrappers not built: $wcc, $wcxx"
fixtures=$top_srcdir/tests/wrappers/cc
use_build_tree
cd "$tmp" || bail "cannot enter $tmp"

# The compilers the tests drive: "NAME C-DRIVER C++-DRIVER" per line.
compilers=
for pair in "gcc-12 gcc g++" "gcc-11 gcc-11 g++-11" "clang-14 clang clang++"; do
	set -- $pair
	if command -v "$2" >/dev/null 2>&1 && command -v "$3" >/dev/null 2>&1; then
		compilers="$compilers$pair
"
	else
		skip "$1: $2/$3 not installed"
	fi
done

# same_output DESC WRAPPER REAL ARGS...: run both the wrapped and the real
# compiler, compare exit status, stdout and stderr.
same_output() {
	d=$1 w=$2 r=$3
	shift 3
	"$w" "$@" >"$tmp/w.out" 2>"$tmp/w.err"
	ws=$?
	"$r" "$@" >"$tmp/r.out" 2>"$tmp/r.err"
	rs=$?
	if [ "$ws" = "$rs" ] && cmp -s "$tmp/w.out" "$tmp/r.out" && cmp -s "$tmp/w.err" "$tmp/r.err"; then
		ok "$d"
	else
		not_ok "$d (exit $ws vs $rs)"
		diff "$tmp/r.out" "$tmp/w.out" | head -n 5 | sed 's/^/# out: /'
		diff "$tmp/r.err" "$tmp/w.err" | head -n 5 | sed 's/^/# err: /'
	fi
}

# The highest version named VERSION_PREFIX_x.y.z that FILE requires.
highest_needed() {
	"$READELF" -V --wide "$1" | sed -n "s/.*Name: \($2[0-9.]*\).*/\1/p" | sort -t. -k1,1 -k2,2n -k3,3n -k4,4n | tail -n 1
}

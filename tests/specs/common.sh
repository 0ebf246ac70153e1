# Shared setup of tests/integration/specs_*.sh (sourced after tests/lib.sh).
# Sets: specs (the build tree's manyguard.specs), mg, dump, wcc/wcxx,
# fixtures, and compilers: "CC CXX MAJOR" per GCC the plugin is built for
# (gcc-12 and gcc-11 here).  Runs in a private scratch directory with a
# private wrapper cache.
specs="$top_builddir/specs/manyguard.specs"
mg="$top_builddir/tools/manyguard"
dump="$top_builddir/tests/unit/objnotes_dump"
wcc="$top_builddir/wrappers/manyguard-cc"
wcxx="$top_builddir/wrappers/manyguard-c++"
fixtures="$top_srcdir/tests/specs"
# GCC's messages are compared byte for byte.
LC_ALL=C
export LC_ALL
if [ ! -f "$top_builddir/gcc-plugin/manyguard.so" ]; then
	skip "the GCC plugin is not built (no gcc-N-plugin-dev): the specs tests assert its notes"
	done_testing
	exit 0
fi
[ -f "$specs" ] || bail "not built: $specs"
mg_tmpdir
use_build_tree
compilers=
for impl in "$top_builddir"/gcc-plugin/manyguard-gcc*.so; do
	n=${impl##*/manyguard-gcc}
	n=${n%.so}
	if command -v "gcc-$n" >/dev/null 2>&1 && command -v "g++-$n" >/dev/null 2>&1; then
		compilers="${compilers}gcc-$n g++-$n $n
"
	else
		skip "the plugin is built for GCC $n, but gcc-$n/g++-$n are not on PATH"
	fi
done
[ -n "$compilers" ] || bail "no compiler for the plugin builds in $top_builddir/gcc-plugin"
cp "$fixtures"/newer.cc "$fixtures"/plain.cc "$fixtures"/hello.c \
	"$top_srcdir"/tests/wrappers/cc/omp.c "$tmp"/ || bail "cannot copy the fixtures"
cd "$tmp" || bail "cd $tmp"

# facts OBJECT: its notes' compiler, language and baseline lines, on one line.
facts() {
	"$dump" "$1" 2>&1 | grep -E '^(compiler|language|baseline)=' | tr '\n' ' '
}

# highest FILE PREFIX: the highest version named PREFIX_x.y.z FILE requires.
highest() {
	"$READELF" -V --wide "$1" | sed -n "s/.*Name: \($2[0-9.]*\).*/\1/p" | sort -V | tail -n 1
}

# refused DESC RULE CMD...: CMD fails (exit 1), writes no ./out and says
# "error: ... [RULE]"; the message is left in err.txt.
refused() {
	d=$1 rule=$2
	shift 2
	rm -f out
	"$@" -o out >out.txt 2>err.txt
	st=$?
	if [ $st -eq 1 ] && [ ! -e out ] && grep -q "error: .*\[$rule\]\$" err.txt; then
		ok "$d: refused [$rule]"
	else
		not_ok "$d: refused [$rule] (exit $st)"
		sed 's/^/# /' err.txt | head -n 5
	fi
}

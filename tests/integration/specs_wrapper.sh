#!/bin/sh
# The compiler wrappers and GCC: manyguard-cc/c++ pass the specs (with
# --manyguard-wrapped) and the plugin to GCC for compiles and links, and
# nothing of either to clang; with manyguard's default specs installed as
# well (a private -B copy) a rule fires once and never contradicts the
# wrapper, and the plugin runs once, with the wrapper's policy.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/specs/common.sh"

# What the wrapper runs: fake compilers that write their arguments down.
# The wrapper tells GCC from clang by the compiler's name; its questions
# (version, runtime files) go to the real g++-12, whose runtime directory
# a real compile through the wrapper makes first (its key is the runtime
# files, not the compiler's name).
command -v g++-12 >/dev/null 2>&1 || bail "g++-12 is not installed"
MANYGUARD_CXX=g++-12 "$wcxx" -c newer.cc -o pre.o || bail "the wrapper cannot compile with g++-12"
mkdir fake
for name in g++-12 clang++; do
	cat >"fake/$name" <<SH
#!/bin/sh
case "\$1" in
-dumpversion|-print-file-name=*) exec g++-12 "\$@" ;;
esac
for a; do echo "\$a"; done >$tmp/$name.args
SH
	chmod +x "fake/$name"
done
MANYGUARD_CXX=$tmp/fake/g++-12 "$wcxx" -c x.cc -o x.o
check "GCC compile: -specs= and --manyguard-wrapped, then the plugin, before the user's arguments" test \
	"$(head -n 4 g++-12.args | tr '\n' ' ')" = \
	"-specs=$specs --manyguard-wrapped -fplugin=$top_builddir/gcc-plugin/manyguard.so -fplugin-arg-manyguard-symbols=$(ls -d "$MANYGUARD_CACHE_DIR"/runtime/manylinux_2_28-*[0-9a-f])/newer-symbols.txt "
check "... the baseline, then the user's arguments" test \
	"$(tail -n 5 g++-12.args | tr '\n' ' ')" = "-fplugin-arg-manyguard-baseline=manylinux_2_28 -c x.cc -o x.o "
MANYGUARD_CXX=$tmp/fake/clang++ "$wcxx" -c x.cc -o x.o
check "clang compile: neither specs nor plugin (the arguments unchanged)" test \
	"$(tr '\n' ' ' <clang++.args)" = "-c x.cc -o x.o "
rm clang++.args
MANYGUARD_CXX=$tmp/fake/clang++ "$wcxx" x.o -o x
check "clang link: no specs, no plugin (the linker wrapper and -L only)" sh -c "grep -q '^-B' clang++.args &&
	! grep -q -e '^-specs' -e '^-fplugin' -e manyguard-wrapped clang++.args"
MANYGUARD_PLUGIN=off MANYGUARD_CXX=$tmp/fake/g++-12 "$wcxx" -c x.cc -o x.o
check "MANYGUARD_PLUGIN=off: the specs (and the switch), no plugin" test \
	"$(tr '\n' ' ' <g++-12.args)" = "-specs=$specs --manyguard-wrapped -c x.cc -o x.o "
MANYGUARD_PLUGIN=maybe MANYGUARD_CXX=$tmp/fake/g++-12 "$wcxx" -c x.cc -o x.o 2>err.txt
st=$?
check "MANYGUARD_PLUGIN=maybe: an error naming the value" sh -c "[ $st -eq 1 ] &&
	grep -qF 'manyguard-c++: error: MANYGUARD_PLUGIN=\"maybe\": expected on or off' err.txt"
MANYGUARD_SPECS=$tmp/nonexistent.specs MANYGUARD_CXX=$tmp/fake/g++-12 "$wcxx" -c x.cc -o x.o 2>err.txt
st=$?
check "a missing specs file: an error naming it" sh -c "[ $st -eq 1 ] &&
	grep -qF 'manyguard-c++: error: $tmp/nonexistent.specs: cannot read manyguard' err.txt"
MANYGUARD_PLUGIN_DIR=$tmp/nonexistent MANYGUARD_CXX=$tmp/fake/g++-12 "$wcxx" -c x.cc -o x.o 2>err.txt
st=$?
check "a missing plugin directory: an error naming it, not a compile without the plugin" \
	sh -c "[ $st -eq 1 ] && grep -qF 'manyguard-c++: error: $tmp/nonexistent: MANYGUARD_PLUGIN_DIR names no directory: No such file or directory' err.txt"
mkdir noplugin
MANYGUARD_PLUGIN_DIR=$tmp/noplugin MANYGUARD_CXX=$tmp/fake/g++-12 "$wcxx" -c x.cc -o x.o
check "no plugin build for this GCC: the specs only (no loader error for every compile)" test \
	"$(tr '\n' ' ' <g++-12.args)" = "-specs=$specs --manyguard-wrapped -c x.cc -o x.o "

while read -r cc cxx n; do
	[ -n "$cc" ] || continue
	# manyguard's default specs in a private copy, for the other policy than
	# the wrapper's (manylinux_2_28): which one the notes name tells who
	# loaded the plugin.
	root=$tmp/root$n
	mkdir "$root"
	"$mg" specs install --gcc "$cxx" --policy manylinux_2_34 --root "$root" ||
		bail "specs install --gcc $cxx failed"
	export MANYGUARD_CC="$cc -B$root/" MANYGUARD_CXX="$cxx -B$root/"

	# The plugin once, with the wrapper's runtime directory.
	"$wcxx" -O2 -c newer.cc -o newer.o
	check "$cxx with default specs: the wrapper's plugin (baseline manylinux_2_28), once" test \
		"$("$dump" newer.o | grep -E '^(unit|baseline=|use )' | sed 's/:[0-9]*:[0-9]* / /' | tr '\n' ' ')" = \
		"unit 0 baseline=manylinux_2_28 use newer.cc _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided "
	"$cxx" "-B$root/" -O2 -c newer.cc -o direct.o
	check "$cxx with default specs alone: their plugin (baseline manylinux_2_34)" \
		test "$("$dump" direct.o | grep '^baseline=')" = baseline=manylinux_2_34
	# Off through the wrapper means off: the default specs' plugin stands down too.
	"$cxx" -O2 -g -c newer.cc -o real.o
	MANYGUARD_PLUGIN=off "$wcxx" -O2 -g -c newer.cc -o off.o
	check "$cxx with default specs, MANYGUARD_PLUGIN=off: the compiler's own object" cmp real.o off.o
	# The user's off switch follows the wrapper's -fplugin=.
	"$wcxx" -O2 -g -c newer.cc -o off2.o -fplugin-arg-manyguard-disable
	check "$cxx through the wrapper, -fplugin-arg-manyguard-disable: the compiler's own object" cmp real.o off2.o

	# One judge: the wrapper.  Refused once, in the wrapper's words...
	"$wcc" hello.c -static-libstdc++ -o out 2>err.txt
	st=$?
	check "$cc -static-libstdc++ through the wrapper: refused once, by the wrapper" sh -c "[ $st -eq 1 ] &&
		[ \$(grep -c 'static-libstdcxx\]' err.txt) -eq 1 ] && grep -q '^manyguard-cc: error: ' err.txt &&
		! grep -q '^$cc: error' err.txt"
	# ... and allowed once: the default specs do not contradict the
	# allowance (the link itself by the system's ld, unjudged).
	rm -f out
	mkdir -p plain-ld && printf '#!/bin/sh\nexec /usr/bin/ld "$@"\n' >plain-ld/ld && chmod +x plain-ld/ld
	MANYGUARD_LINKER_DIR=$tmp/plain-ld MANYGUARD_ALLOW=static-libstdcxx \
		"$wcc" hello.c -static-libstdc++ -o out 2>err.txt
	st=$?
	check "$cc -static-libstdc++ allowed through the wrapper: links, one warning, no error" sh -c "[ $st -eq 0 ] &&
		[ -x out ] && [ \$(grep -c 'warning: .*\[static-libstdcxx; allowed by MANYGUARD_ALLOW\]' err.txt) -eq 1 ] &&
		! grep -q 'error' err.txt"
	"$wcc" -static -fopenmp omp.c -o out 2>err.txt
	check "$cc -static -fopenmp through the wrapper: refused once" sh -c \
		"[ \$(grep -c 'static-openmp\]' err.txt) -eq 1 ] && ! grep -q '^$cc: error' err.txt"
	# A C++ link through both: the wrapper's -L and linker wrapper; the
	# program needs only the baseline and runs.
	"$wcxx" newer.o -o prog 2>err.txt
	got=$(highest prog GLIBCXX_)
	check "$cxx with default specs: a wrapped C++ link succeeds silently, needs $got <= 3.4.24" sh -c \
		"[ ! -s err.txt ] && [ \"\$(./prog)\" = '1.5 ok' ] && [ -n '$got' ] &&
		[ \"\$(printf '%s\n' '$got' GLIBCXX_3.4.24 | sort -V | tail -n 1)\" = GLIBCXX_3.4.24 ]"
	unset MANYGUARD_CC MANYGUARD_CXX
done <<EOF2
$compilers
EOF2

# ccache behind the wrapper with the plugin on: the second compile is a
# hit and its object still has the notes.
if command -v ccache >/dev/null 2>&1; then
	CCACHE_DIR=$tmp/ccache
	export CCACHE_DIR
	MANYGUARD_CXX="ccache g++" "$wcxx" -O2 -c newer.cc -o c1.o &&
		MANYGUARD_CXX="ccache g++" "$wcxx" -O2 -c newer.cc -o c2.o
	hits=$(ccache --print-stats | awk '$1 ~ /cache_hit$/ && $1 !~ /^local|^remote/ { n += $2 } END { print n + 0 }')
	check "ccache behind the wrapper with the plugin: a cache hit" test "$hits" -ge 1
	check "... and the cached object has the notes" sh -c "cmp -s c1.o c2.o &&
		'$dump' c2.o | grep -q '^use newer.cc:9:[0-9]* _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided\$'"
else
	skip "ccache is not installed"
fi
done_testing

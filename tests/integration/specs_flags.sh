#!/bin/sh
# Plain gcc/g++ (every GCC the plugin is built for) with -specs=manyguard.specs:
# forbidden flags fail with the rule id, worded as the wrapper words them;
# the -static-libstdc++ g++ consumes is refused by the linker wrapper the
# specs route links through; compiles and links succeed and load the
# plugin; -fplugin-arg-manyguard-disable switches it off per compile; the
# wrapper's --manyguard-wrapped makes the specs stand down.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/specs/common.sh"

while read -r cc cxx n; do
	[ -n "$cc" ] || continue
	S=-specs=$specs

	# Forbidden spellings the driver sees: GCC's own error, the wrapper's words.
	refused "$cc -static-libstdc++" static-libstdcxx "$cc" "$S" hello.c -static-libstdc++
	check "$cc -static-libstdc++: exactly the wrapper's message, from $cc" test "$(cat err.txt)" = \
		"$cc: error: -static-libstdc++ links a private copy of libstdc++ (libstdc++.a) into the output [static-libstdcxx]"
	MANYGUARD_CC=$cc "$wcc" hello.c -static-libstdc++ -o out 2>w.txt
	check "$cc -static-libstdc++: the wrapper's error line says the same" test \
		"$(sed -n 's/^manyguard-cc: error: //p' w.txt)" = "$(sed -n "s/^$cc: error: //p" err.txt)"
	refused "$cc -static -fopenmp" static-openmp "$cc" "$S" -static -fopenmp omp.c
	check "$cc -static -fopenmp: the wrapper's message" test "$(cat err.txt)" = \
		"$cc: error: -static links the OpenMP runtime of -fopenmp statically [static-openmp]"
	MANYGUARD_CC=$cc "$wcc" -static -fopenmp omp.c -o out 2>w.txt
	check "$cc -static -fopenmp: the wrapper's error line says the same" test \
		"$(sed -n 's/^manyguard-cc: error: //p' w.txt)" = "$(sed -n "s/^$cc: error: //p" err.txt)"
	refused "$cc -static-pie -fopenacc" static-openmp "$cc" "$S" -static-pie -fopenacc omp.c
	check "$cc -static-pie -fopenacc: message" test "$(cat err.txt)" = \
		"$cc: error: -static-pie links the OpenMP runtime of -fopenacc statically [static-openmp]"
	refused "$cc -static -ftree-parallelize-loops=4" static-openmp "$cc" "$S" -static \
		-ftree-parallelize-loops=4 hello.c
	# GCC has no -static-openmp (clang's spelling): the specs make it a
	# rule error, not "unrecognized command-line option".
	refused "$cc -static-openmp" static-openmp "$cc" "$S" -fopenmp -static-openmp omp.c
	check "$cc -static-openmp: message" test "$(cat err.txt)" = \
		"$cc: error: -static-openmp links the OpenMP runtime statically [static-openmp]"
	# g++ turns -static-libstdc++ into -Bstatic -lstdc++ before specs run;
	# the linker wrapper (the specs' -B) refuses what reaches the linker.
	refused "$cxx -static-libstdc++ (through the linker wrapper)" static-libstdcxx \
		"$cxx" "$S" newer.cc -static-libstdc++
	check "$cxx -static-libstdc++: named by manyguard-ld, then collect2 fails" \
		sh -c "grep -q '^manyguard-ld: error: .*libstdc++.a \[static-libstdcxx\]\$' err.txt &&
			grep -q '^collect2: error: ld returned 1 exit status\$' err.txt"
	refused "$cxx -static (through the linker wrapper)" static-libstdcxx "$cxx" "$S" -static newer.cc
	# Not judged outside links, as with the wrapper.
	check "$cc -c -static-libstdc++ compiles" "$cc" "$S" -c -static-libstdc++ hello.c -o c.o

	# Compiles and links load the plugin (no runtime directory: facts only).
	"$cc" "$S" -c hello.c -o hello.o
	check "$cc -c: notes with the build facts" test "$(facts hello.o)" = \
		"compiler=gcc $("$cc" -dumpfullversion) language=c "
	"$cxx" "$S" -O2 -c newer.cc -o newer.o
	check "$cxx -c: notes with the build facts" test "$(facts newer.o)" = \
		"compiler=gcc $("$cxx" -dumpfullversion) language=c++ "
	"$cxx" "$S" plain.cc -o prog >out.txt 2>err.txt
	check "$cxx: a C++ link succeeds silently and runs" \
		sh -c "[ ! -s err.txt ] && [ \"\$(./prog x)\" = 'hello x' ]"
	# -specs= alone has no runtime directory: the linker wrapper verifies
	# against the policy and names the symbol (specs_install.sh links it).
	refused "$cxx: a symbol newer than the policy (no runtime directory)" symbol-version \
		"$cxx" "$S" newer.o
	check "$cxx: ... named: std::to_chars" \
		grep -q '^manyguard-ld: note: GLIBCXX_3.4.29 is needed by std::to_chars(char\*, char\*, double)$' err.txt
	"$cc" "$S" -fopenmp omp.c -o omp_prog 2>err.txt
	check "$cc -fopenmp: a dynamic OpenMP link succeeds and runs" \
		sh -c "[ ! -s err.txt ] && [ \"\$(./omp_prog)\" = 1 ]"
	check "$cxx: the link runs manyguard's linker wrapper (-B of the specs)" \
		sh -c "'$cxx' '$S' -### newer.o -o prog 2>&1 | grep -q -- '-L$top_builddir/wrappers/bin '"
	check "$cxx: without the specs it would not" \
		sh -c "! '$cxx' -### newer.o -o prog 2>&1 | grep -q -- '$top_builddir/wrappers/bin'"

	# The off switch: the object is the compiler's own, also with -g.
	"$cxx" -O2 -g -c newer.cc -o real.o
	"$cxx" "$S" -O2 -g -c newer.cc -o off.o -fplugin-arg-manyguard-disable
	check "$cxx -fplugin-arg-manyguard-disable: byte-identical object" cmp real.o off.o
	check "$cxx: the off switch is accepted by -E too" \
		sh -c "'$cxx' '$S' -E newer.cc -fplugin-arg-manyguard-disable >/dev/null"
	"$cxx" -E newer.cc >real.i
	"$cxx" "$S" -E newer.cc >specs.i
	check "$cxx -E: identical preprocessed output" cmp real.i specs.i

	# The wrapper's switch: no rule, no plugin, no -B from the specs.
	rm -f out
	"$cc" "$S" --manyguard-wrapped hello.c -static-libstdc++ -o out 2>err.txt
	check "$cc --manyguard-wrapped: the rules stand down (the wrapper judged)" \
		sh -c "[ -x out ] && [ ! -s err.txt ]"
	"$cxx" "$S" --manyguard-wrapped -O2 -g -c newer.cc -o wrapped.o
	check "$cxx --manyguard-wrapped: no plugin, byte-identical object" cmp real.o wrapped.o
	check "$cxx --manyguard-wrapped: no -B of the specs" \
		sh -c "! '$cxx' '$S' --manyguard-wrapped -### newer.o 2>&1 | grep -q -- '$top_builddir/wrappers/bin'"
	"$cxx" "$S" --manyguard-wrapped -flto -O2 plain.cc -o lto_prog 2>err.txt
	check "$cxx --manyguard-wrapped -flto: lto-wrapper and lto1 accept the switch" \
		sh -c "[ ! -s err.txt ] && [ \"\$(./lto_prog)\" = 'hello world' ]"
	check "$cxx: without the specs --manyguard-wrapped is unknown" \
		sh -c "! '$cxx' --manyguard-wrapped -c newer.cc -o x.o 2>/dev/null"
done <<EOF2
$compilers
EOF2

# The copy `make install` installs is the same text with the installed
# plugin and linker wrapper.
inst=$top_builddir/specs/install/manyguard.specs
paths() { sed -e 's|-fplugin=/[^ ]*/gcc-plugin/manyguard\.so |-fplugin=PLUGIN |' -e 's|-B/[^ ]*/bin/}|-BDIR/}|' "$1"; }
paths "$specs" >build.txt
paths "$inst" >inst.txt
check "the installed specs differ from the build tree's in the two paths only" cmp build.txt inst.txt
check "... which are the build tree's here and not there" sh -c \
	"[ \$(grep -c '$top_builddir' '$specs') -eq 2 ] && ! grep -q '$top_builddir' '$inst'"
done_testing

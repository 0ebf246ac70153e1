#!/bin/sh
# Static libstdc++ and static OpenMP archives never reach the real linker,
# however they are spelled: g++/clang++ -static-libstdc++, -Bstatic around
# -l, -l:file, a path, a hash-renamed copy, --whole-archive, --push-state,
# a linker script, a linker response file, clang's -static-openmp, -static.
# MANYGUARD_ALLOW turns the error into a warning and the link goes on.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/wrappers/ld/common.sh"
cd "$tmp" || bail "cd $tmp"

g++ -O2 -c -o hello_cc.o "$fx/hello.cc" || bail "compile hello.cc"
gcc -O2 -fopenmp -c -o omp.o "$fx/omp.c" || bail "compile omp.c"
gcc -O2 -c -o omp_main.o "$fx/omp_main.c" || bail "compile omp_main.c"
libstdcxx_a=$(g++ -print-file-name=libstdc++.a)
libgomp_a=$(gcc -print-file-name=libgomp.a)
[ -f "$libstdcxx_a" ] || bail "g++ has no libstdc++.a"
[ -f "$libgomp_a" ] || bail "gcc has no libgomp.a"

# --- static libstdc++ ---------------------------------------------------------
link_fails "g++ -static-libstdc++" a.out static-libstdcxx \
	g++ -B "$wb/" -static-libstdc++ hello_cc.o -o a.out -Wl,-Map=link.map
check "the message names the archive and how it was reached" \
	grep -q "static libstdc++: -lstdc++ in static mode (-Bstatic/-static) links .*libstdc++\.a" "$tmp/err.txt"
check "the real linker did not run (it would have written the map)" [ ! -e link.map ]
link_fails "g++ -Wl,-Bstatic -lstdc++ -Wl,-Bdynamic" a.out static-libstdcxx \
	g++ -B "$wb/" hello_cc.o -Wl,-Bstatic -lstdc++ -Wl,-Bdynamic -o a.out
link_fails "a path to libstdc++.a" a.out static-libstdcxx \
	g++ -B "$wb/" hello_cc.o "$libstdcxx_a" -o a.out
link_fails "-l:libstdc++.a" a.out static-libstdcxx \
	g++ -B "$wb/" hello_cc.o -l:libstdc++.a -o a.out
link_fails "clang++ -static-libstdc++" a.out static-libstdcxx \
	clang++ -B "$wb/" -static-libstdc++ hello_cc.o -o a.out
link_fails "g++ -static-libstdc++ with gold" a.out static-libstdcxx \
	g++ -fuse-ld=gold -B "$wb/" -static-libstdc++ hello_cc.o -o a.out
link_fails "g++ -static-libstdc++ with lld" a.out static-libstdcxx \
	g++ -fuse-ld=lld -B "$wb/" -static-libstdc++ hello_cc.o -o a.out
if have g++-11; then
	link_fails "g++-11 -static-libstdc++" a.out static-libstdcxx \
		g++-11 -B "$wb/" -static-libstdc++ hello_cc.o -o a.out
else
	skip "g++-11 is not installed"
fi
# An old output of the same name does not survive a rejected link.
echo stale >a.out
g++ -B "$wb/" -static-libstdc++ hello_cc.o -o a.out 2>/dev/null
check "a stale output file is not left looking valid" [ ! -e a.out ]

# --- static OpenMP ------------------------------------------------------------------
link_fails "-Wl,-Bstatic -lgomp -Wl,-Bdynamic" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o -Wl,-Bstatic -lgomp -Wl,-Bdynamic -lpthread -o a.out
link_fails "a path to libgomp.a" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o "$libgomp_a" -lpthread -o a.out
cp "$libgomp_a" libgomp-1a2b3c4d.a
link_fails "a hash-renamed libgomp archive" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o ./libgomp-1a2b3c4d.a -lpthread -o a.out
link_fails "--whole-archive around libgomp.a" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o -Wl,--whole-archive "$libgomp_a" -Wl,--no-whole-archive -lpthread -o a.out
link_fails "-Wl,--push-state,-Bstatic -lgomp" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o -Wl,--push-state,-Bstatic -lgomp -Wl,--pop-state -lpthread -o a.out
link_passes "-lgomp after --pop-state is dynamic again" a.out \
	gcc -B "$wb/" omp_main.o omp.o -Wl,--push-state,-Bstatic -Wl,--pop-state -lgomp -o a.out
link_fails "gcc -static -fopenmp" a.out static-openmp \
	gcc -B "$wb/" -static -fopenmp omp_main.o omp.o -o a.out
link_fails "clang -fopenmp=libomp -static-openmp" a.out static-openmp \
	clang -B "$wb/" -fopenmp=libomp -static-openmp omp_main.o omp.o -o a.out
check "the message names the static -lomp" grep -q -- '-lomp in static mode' "$tmp/err.txt"
printf '%s\n' -Bstatic -lgomp -Bdynamic >static.rsp
link_fails "a linker response file with -Bstatic -lgomp" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o -Wl,@static.rsp -lpthread -o a.out
# A linker response file with spaces and quotes, as ld reads it: the
# wrapper sees the archive it names.
mkdir "omp libs" && cp "$libgomp_a" "omp libs/libgomp.a"
printf '%s\n' "-Bstatic" "'omp libs/libgomp.a'" "\"-Bdynamic\"" >quoted.rsp
link_fails "a linker response file with a quoted path to libgomp.a" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o -Wl,@quoted.rsp -lpthread -o a.out
check "... naming the path with its space" grep -q "omp libs/libgomp.a is linked" "$tmp/err.txt"
mkdir rspdir
gcc omp_main.o omp.o -fopenmp -Wl,@rspdir -o ref.out >/dev/null 2>ref.err; ref_st=$?
gcc -B "$wb/" omp_main.o omp.o -fopenmp -Wl,@rspdir -o a.out >/dev/null 2>out.err; out_st=$?
check "a linker response file that is a directory: ld's own verdict ($out_st, unwrapped $ref_st)" \
	sh -c "[ $out_st -eq $ref_st ] && cmp -s ref.err out.err"
mkdir scripts
printf '/* pulls in a static OpenMP runtime */\nGROUP ( %s )\n' "$libgomp_a" >scripts/libmyomp.so
link_fails "a linker script naming libgomp.a" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp.o -Lscripts -lmyomp -lpthread -o a.out
check "the message names the script" grep -q "named by the linker script scripts/libmyomp.so" "$tmp/err.txt"

# The linker itself, without a driver: sysroot-relative -L and the long
# spellings of -l.
mkdir -p sysroot/lib && cp "$libgomp_a" sysroot/lib/libgomp.a
link_fails "ld --sysroot=DIR -L=/lib -Bstatic -lgomp" a.out static-openmp \
	"$wb/ld" --sysroot="$tmp/sysroot" -L=/lib omp.o -Bstatic -lgomp -o a.out
check "... resolved inside the sysroot" grep -q "links $tmp/sysroot/lib/libgomp.a" "$tmp/err.txt"
link_fails "ld --library-path DIR --library=:libgomp.a" a.out static-openmp \
	"$wb/ld" --library-path "$tmp/sysroot/lib" omp.o --library=:libgomp.a -o a.out
link_fails "ld.lld -L DIR -l gomp after -static" a.out static-openmp \
	"$wb/ld.lld" -L "$tmp/sysroot/lib" omp.o -static -l gomp -o a.out
link_passes "ld -r with the same objects is not judged (no archive, no output checks)" r.o \
	"$wb/ld" -r omp.o omp_main.o -o r.o

# --- MANYGUARD_ALLOW ------------------------------------------------------------------
rm -f a.out
MANYGUARD_ALLOW=static-openmp gcc -B "$wb/" omp_main.o omp.o -Wl,-Bstatic -lgomp -Wl,-Bdynamic -lpthread -o a.out 2>err.txt
check "MANYGUARD_ALLOW=static-openmp links" [ -x a.out ]
check "... with a warning that says it was allowed" \
	grep -q '^manyguard-ld: warning: .*\[static-openmp; allowed by MANYGUARD_ALLOW\]$' err.txt
check "... and the program runs" sh -c "./a.out | grep -qx 63"
rm -f a.out
MANYGUARD_ALLOW=static-libstdcxx g++ -B "$wb/" -static-libstdc++ hello_cc.o -o a.out 2>err.txt
check "MANYGUARD_ALLOW=static-libstdcxx links, warning once" \
	sh -c "[ -x a.out ] && [ \$(grep -c 'warning:' err.txt) -eq 1 ] && ! grep -q 'error:' err.txt"
link_fails "MANYGUARD_ALLOW for another rule does not help" a.out static-libstdcxx \
	env MANYGUARD_ALLOW=static-openmp g++ -B "$wb/" -static-libstdc++ hello_cc.o -o a.out
rm -f a.out
if MANYGUARD_ALLOW=no-such-rule g++ -B "$wb/" hello_cc.o -o a.out 2>err.txt; then
	not_ok "an unknown rule in MANYGUARD_ALLOW is an error"
else
	check "an unknown rule in MANYGUARD_ALLOW is an error naming it" \
		grep -q 'unknown rule "no-such-rule"' err.txt
fi
done_testing

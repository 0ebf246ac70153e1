#!/bin/sh
# Every spelling of a static C++ or OpenMP runtime is refused at link time
# with its rule id, exit status 1 and no output file; MANYGUARD_ALLOW turns
# the refusal into a warning and the same link succeeds.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"

cp "$fixtures/hello.c" "$fixtures/hello.cc" "$fixtures/omp.c" .
echo 'int main() { return 0; }' >plain.cc
libgomp_a=$(gcc -print-file-name=libgomp.a)
# Stand-ins for the static runtimes this machine lacks (libomp.a,
# libiomp5.a): the refusal comes before any link reads them.
mkdir rt && for a in libgomp.a libomp.a libiomp5.a libstdc++.a; do printf '!<arch>\n' >"rt/$a"; done

# refused RULE DESC WRAPPER ARGS...: refused with RULE, then allowed.
# The output is always "out".  The allowed link runs without the linker
# wrapper (a stand-in -B directory whose ld runs the system's ld): it has
# rules of its own (static-runtime-copy, ...) that judge the linked
# output, not the command line, and are tested with it.
mkdir "$tmp/plain-ld" && printf '#!/bin/sh\nexec /usr/bin/ld "$@"\n' >"$tmp/plain-ld/ld" &&
	chmod +x "$tmp/plain-ld/ld" || bail "make plain-ld/ld"
refused() {
	refused_only "$@" || return 0
	rule=$1 d=$2
	shift 2
	MANYGUARD_LINKER_DIR=$tmp/plain-ld MANYGUARD_ALLOW=$rule "$@" -o out >o.txt 2>e.txt
	st=$?
	if [ $st -eq 0 ] && [ -e out ] && grep -q "warning: .*\[$rule; allowed by MANYGUARD_ALLOW\]" e.txt; then
		ok "$d: allowed by MANYGUARD_ALLOW=$rule, with a warning"
	else
		not_ok "$d: allowed by MANYGUARD_ALLOW=$rule (exit $st)"
		sed 's/^/# /' e.txt | head -n 5
	fi
}

# refused_only RULE DESC WRAPPER ARGS...: refused with RULE (for spellings
# whose link cannot succeed on this machine even when allowed).
refused_only() {
	rule=$1 d=$2
	shift 2
	rm -f out
	"$@" -o out >o.txt 2>e.txt
	st=$?
	if [ $st -eq 1 ] && [ ! -e out ] && grep -q "error: .*\[$rule\]" e.txt &&
		grep -q "note: " e.txt && [ ! -s o.txt ]; then
		ok "$d: refused [$rule]"
	else
		not_ok "$d: refused [$rule] (exit $st, output $(test -e out && echo present || echo absent))"
		sed 's/^/# /' e.txt | head -n 5
		return 1
	fi
}

# accepted DESC WRAPPER ARGS...: links with no diagnostic but, for an
# OpenMP link, the one that no OpenMP runtime is built for the policy here
# (tests/integration/openmp_wrappers.sh tests it).
accepted() {
	d=$1
	shift
	rm -f out
	"$@" -o out >o.txt 2>e.txt
	st=$?
	grep -v -e ': warning: no OpenMP runtime built for ' \
		-e ': note: fix: build the policy.s runtime once' e.txt >e-rest.txt
	if [ $st -eq 0 ] && [ -e out ] && [ ! -s e-rest.txt ]; then
		ok "$d: accepted silently"
	else
		not_ok "$d: accepted silently (exit $st)"
		sed 's/^/# /' e.txt | head -n 5
	fi
}

while read -r name cc cxx; do
	[ -n "$name" ] || continue
	export MANYGUARD_CC="$cc" MANYGUARD_CXX="$cxx"
	refused static-libstdcxx "$name: -static-libstdc++" "$wcxx" -static-libstdc++ hello.cc
	refused static-libstdcxx "$name: -static-libstdc++ in manyguard-cc with -lstdc++" \
		"$wcc" -static-libstdc++ -x c++ plain.cc -lstdc++
	refused static-libstdcxx "$name: -static with manyguard-c++" "$wcxx" -static hello.cc
	refused static-libstdcxx "$name: -static with a C++ input to manyguard-cc" "$wcc" -static plain.cc
	refused static-libstdcxx "$name: -static with -x c++" "$wcc" -static -x c++ plain.cc -x none
	refused static-libstdcxx "$name: -static with -lstdc++" "$wcc" -static hello.c -lstdc++
	refused static-libstdcxx "$name: -Wl,-Bstatic -lstdc++" \
		"$wcc" hello.c -Wl,-Bstatic -lstdc++ -Wl,-Bdynamic
	# The driver's -lgcc_s after it has no static form: the link fails anyway.
	refused_only static-libstdcxx "$name: -Wl,-Bstatic left on before g++'s own -lstdc++" \
		"$wcxx" hello.cc -Wl,-Bstatic -lm
	refused static-libstdcxx "$name: -static-libstdc++ inside a response file" \
		"$wcxx" @"$fixtures/static-libstdcxx.rsp" hello.cc
	# -static-pie needs a static-pie capable toolchain to link even when
	# allowed: refused is what is checked here.
	refused_only static-libstdcxx "$name: -static-pie with manyguard-c++" "$wcxx" -static-pie hello.cc
	refused_only static-openmp "$name: -static-pie -fopenmp" "$wcc" -static-pie -fopenmp omp.c
	# Static OpenMP archives of every runtime, by path and by -l:, however
	# named: refused before anything is linked (these need not exist).
	for a in libgomp.a libomp.a libiomp5.a; do
		refused_only static-openmp "$name: a path to $a" "$wcc" -fopenmp omp.c "$tmp/rt/$a"
		refused_only static-openmp "$name: -l:$a" "$wcc" -fopenmp omp.c -l:$a
		refused_only static-openmp "$name: -Wl,--whole-archive around $a" \
			"$wcc" -fopenmp omp.c -Wl,--whole-archive,"$tmp/rt/$a",--no-whole-archive
	done
	refused_only static-libstdcxx "$name: a path to libstdc++.a" "$wcxx" hello.cc "$tmp/rt/libstdc++.a"
	refused_only static-libstdcxx "$name: -l:libstdc++.a" "$wcc" hello.c -l:libstdc++.a
	refused_only static-libstdcxx "$name: -Xlinker -Bstatic -Xlinker -lstdc++" \
		"$wcc" hello.c -Xlinker -Bstatic -Xlinker -lstdc++ -Xlinker -Bdynamic
	case $name in
	clang*)
		# Debian's libomp-14-dev has no libomp.a: static libomp cannot link.
		libomp=omp allowed=refused_only
		# clang -static-openmp needs libomp.a, which Debian's libomp-14-dev lacks.
		rm -f out
		"$wcc" -fopenmp -static-openmp omp.c -o out >o.txt 2>e.txt
		check "$name: -static-openmp refused [static-openmp]" \
			grep -q "error: -static-openmp .*\[static-openmp\]" e.txt
		check "$name: -static-openmp: no output" test ! -e out
		;;
	*)
		libomp=gomp allowed=refused
		refused static-openmp "$name: -static -fopenmp" "$wcc" -static -fopenmp omp.c
		refused static-openmp "$name: -l:libgomp.a" "$wcc" -fopenmp omp.c -l:libgomp.a
		refused static-openmp "$name: a path to libgomp.a" "$wcc" -fopenmp omp.c "$libgomp_a"
		refused static-openmp "$name: -Wl,--whole-archive around libgomp.a" \
			"$wcc" -fopenmp omp.c -Wl,--whole-archive "$libgomp_a" -Wl,--no-whole-archive
		refused_only static-openmp "$name: -Wl,-Bstatic left on before -fopenmp's -lgomp" \
			"$wcc" -fopenmp omp.c -Wl,-Bstatic -lm
		refused static-openmp "$name: -Wl,-Bstatic,-lgomp,-Bdynamic in one -Wl" \
			"$wcc" -fopenmp omp.c -Wl,-Bstatic,-lgomp,-Bdynamic
		;;
	esac
	$allowed static-openmp "$name: -Wl,-Bstatic ... -l$libomp" \
		"$wcc" -fopenmp omp.c -Wl,-Bstatic -l$libomp -Wl,-Bdynamic
	$allowed static-openmp "$name: -Xlinker -Bstatic ... -l $libomp" \
		"$wcc" -fopenmp omp.c -Xlinker -Bstatic -l $libomp -Xlinker -Bdynamic
	$allowed static-openmp "$name: --push-state,-Bstatic ... -l$libomp" \
		"$wcc" -fopenmp omp.c -Wl,--push-state,-Bstatic -l$libomp -Wl,--pop-state

	accepted "$name: a dynamic C++ link" "$wcxx" hello.cc
	accepted "$name: a dynamic OpenMP link" "$wcc" -fopenmp omp.c
	accepted "$name: -Wl,-Bstatic -lm -Wl,-Bdynamic then the implicit runtimes" \
		"$wcxx" -fopenmp hello.cc -Wl,-Bstatic -lm -Wl,-Bdynamic
	accepted "$name: -static for a C program" "$wcc" -static hello.c
	accepted "$name: --push-state,-Bstatic -lm --pop-state, then -l$libomp" \
		"$wcc" -fopenmp omp.c -Wl,--push-state,-Bstatic -lm -Wl,--pop-state -l$libomp
	rm -f hello.o
	"$wcxx" -static-libstdc++ -c hello.cc -o hello.o 2>e.txt
	check "$name: -static-libstdc++ with -c (no link) passes" \
		sh -c 'test -s hello.o && ! grep -q manyguard e.txt'
	unset MANYGUARD_CC MANYGUARD_CXX
done <<EOF
$compilers
EOF

# Several findings are all reported before refusing.
rm -f out
"$wcxx" -static-libstdc++ -fopenmp hello.cc -l:libgomp.a -o out 2>e.txt
check "two findings: both rule ids reported" \
	sh -c 'grep -q "\[static-libstdcxx\]" e.txt && grep -q "\[static-openmp\]" e.txt'
MANYGUARD_ALLOW=static-libstdcxx "$wcxx" -static-libstdc++ -fopenmp hello.cc -l:libgomp.a \
	-o out 2>e.txt
check "allowing one of two rules still refuses the other" test $? -eq 1 -a ! -e out
# The message says what was found, why, and what to do.
"$wcc" -fopenmp omp.c -Wl,-Bstatic -lgomp -Wl,-Bdynamic -o out 2>e.txt
check "message names the spelling found" \
	grep -q "^manyguard-cc: error: -Wl,-Bstatic \.\.\. -lgomp links the OpenMP runtime statically (libgomp.a) \[static-openmp\]$" e.txt
check "message says why (OMP: Error #15)" grep -q "^manyguard-cc: note: .*OMP: Error #15" e.txt
check "message says what to do" grep -q "^manyguard-cc: note: fix: link the OpenMP runtime dynamically" e.txt
MANYGUARD_ALLOW=no-such-rule "$wcxx" hello.cc -o out 2>e.txt
check "an unknown rule in MANYGUARD_ALLOW is an error" \
	grep -q "MANYGUARD_ALLOW: unknown rule \"no-such-rule\"" e.txt
done_testing

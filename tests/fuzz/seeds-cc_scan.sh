#!/bin/sh
# seeds-cc_scan.sh DIR: command lines for fuzz_cc_scan, each written as
# DRIVER-BYTE RESPONSE-FILE \0\0 ARG \0 ARG ... (see fuzz_cc_scan.c): the
# forbidden spellings of tests/integration/wrapper_cc_forbidden.sh, the
# modes, and response files with quotes, escapes and self-reference.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
n=0
# seed DRIVER RSP ARG...: DRIVER c or c++.
seed() {
	d=$1 rsp=$2
	shift 2
	{
		if [ "$d" = c++ ]; then printf '\001'; else printf '\000'; fi
		printf '%s' "$rsp"
		printf '\000\000'
		first=1
		for a; do
			[ $first = 1 ] || printf '\000'
			printf '%s' "$a"
			first=0
		done
	} >"$out/seed$n"
	n=$((n + 1))
}
seed c++ '' -static-libstdc++ hello.cc -o out
seed c '' -static -x c++ plain.cc -x none -o out
seed c '' -static-pie hello.c -lstdc++
seed c '' hello.c -Wl,-Bstatic -lstdc++ -Wl,-Bdynamic
seed c++ '' hello.cc -Wl,-Bstatic -lm
seed c '' -fopenmp omp.c -l:libgomp.a
seed c '' -fopenmp omp.c /usr/lib/gcc/x86_64-linux-gnu/12/libgomp.a
seed c '' -fopenmp omp.c -Wl,--whole-archive libomp.a -Wl,--no-whole-archive
seed c '' -fopenmp=libomp -static-openmp omp.c
seed c '' -fopenmp omp.c -Xlinker -Bstatic -l gomp -Xlinker -Bdynamic
seed c '' -fopenmp omp.c -Wl,--push-state,-Bstatic -liomp5 -Wl,--pop-state
seed c '' -fopenmp omp.c -Wl,-l,gomp -Wl,--library=omp -Xlinker --library -Xlinker gomp
seed c++ '' -c -static-libstdc++ hello.cc -o hello.o
seed c++ '' -E -M -MD -MF dep.d hello.cc
seed c '' --version
seed c '' -print-file-name=libgomp.a
seed c '' -### -v -dumpversion
seed c '' -x
seed c '' -o
seed c '-static-libstdc++ -lstdc++' @R hello.c
seed c++ '-DGREETING="\"a b '"'"'c'"'"' \\\"d\\\"\"" -c "hello.c" -o '"'"'rsp obj.o'"'" @R
seed c '@R -Wl,-Bstatic' @R -lgomp -fopenmp x.c
seed c "'unterminated \"quote" @R x.c
seed c 'a\' @R @R @missing-file x.c
seed c++ "$(printf '%s\n' -nostdlib -static -fopenmp -fno-openmp x.cc)" @R -nodefaultlibs
exit 0

#!/bin/sh
# What a link gets: -B to the linker wrapper, -L to the policy's runtime
# directory (C++ links only) and to its glibc directory (every link, when
# the host's glibc is newer), the shared configuration in the environment;
# and the result: a program using newer runtime features needs at most the
# policy's versions and runs, also on Debian bullseye's real libstdc++.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"

cp "$fixtures/hello.c" "$fixtures/hello.cc" "$top_srcdir/examples/newer_runtime.cc" .
expected="shortest round-trip forms: 0.1 2.5e-08 6.02214076e+23 "

# A stand-in linker wrapper that records what the driver gave it.
mkdir fakeld
cat >fakeld/ld <<'SH'
#!/bin/sh
env | grep '^MANYGUARD_' | sort >"$MG_TEST_RECORD.env"
printf '%s\n' "$@" >"$MG_TEST_RECORD.args"
exec /usr/bin/ld "$@"
SH
chmod +x fakeld/ld
MG_TEST_RECORD=$tmp/record
export MG_TEST_RECORD

MANYGUARD_LINKER_DIR=$tmp/fakeld "$wcxx" hello.cc -o prog
check "the driver runs the linker from MANYGUARD_LINKER_DIR (-B)" test -f record.env
check "the C++ link runs" test "$(./prog)" = "hello world"
check "MANYGUARD_WRAPPED=1 for the linker wrapper" grep -qx MANYGUARD_WRAPPED=1 record.env
check "MANYGUARD_POLICY defaults to manylinux_2_28" grep -qx MANYGUARD_POLICY=manylinux_2_28 record.env
rtdir=$(sed -n 's/^MANYGUARD_RUNTIME_DIR=//p' record.env)
check "MANYGUARD_RUNTIME_DIR is a directory under the cache" \
	sh -c "case '$rtdir' in '$MANYGUARD_CACHE_DIR'/runtime/manylinux_2_28-*) test -f '$rtdir/libstdc++_nonshared.a' ;; *) false ;; esac"
check "the link line searches the runtime directory" grep -qx -- "-L$rtdir" record.args
# ld --trace names every file the link used.
MANYGUARD_LINKER_DIR=$tmp/fakeld "$wcxx" hello.cc -o prog -Wl,--trace >trace.txt
check "-lstdc++ resolved to the runtime directory's split runtime" \
	grep -q "^$rtdir/libstdc++_nonshared.a" trace.txt
check "... and its stub libstdc++.so.6" grep -q "^$rtdir/libstdc++.so.6" trace.txt
MANYGUARD_ALLOW=symbol-version MANYGUARD_POLICY=manylinux_2_34 MANYGUARD_LINKER_DIR=$tmp/fakeld \
	"$wcc" hello.c -o cprog
check "a C link runs the linker wrapper too" test "$(./cprog)" = hello
check "a C link gets no runtime directory" sh -c '! grep -q MANYGUARD_RUNTIME_DIR record.env'
check "MANYGUARD_POLICY passed on" grep -qx MANYGUARD_POLICY=manylinux_2_34 record.env
check "MANYGUARD_ALLOW passed on unchanged" grep -qx MANYGUARD_ALLOW=symbol-version record.env
check "a C link has no -L to a runtime directory" sh -c '! grep -q "^-L$MANYGUARD_CACHE_DIR/runtime/" record.args'
# The host's glibc (2.36 here) is newer than the policy's cap: the link
# binds to the policy's glibc through the glibc directory (docs/glibc.md).
gdir=$(sed -n 's/^MANYGUARD_GLIBC_DIR=//p' record.env)
check "a C link gets the policy's glibc directory, for the linker wrapper too" \
	sh -c "case '$gdir' in '$MANYGUARD_CACHE_DIR'/glibc/manylinux_2_34-*) test -f '$gdir/libc.so' ;; *) false ;; esac"
check "... and -L to it on the link line" grep -qx -- "-L$gdir" record.args
MANYGUARD_GLIBC=off MANYGUARD_ALLOW=symbol-version MANYGUARD_POLICY=manylinux_2_34 \
	MANYGUARD_LINKER_DIR=$tmp/fakeld "$wcc" hello.c -o cprog-off
check "MANYGUARD_GLIBC=off: the C link runs, with no glibc directory and no -L into the cache" \
	sh -c 'test "$(./cprog-off)" = hello && ! grep -q MANYGUARD_GLIBC_DIR record.env &&
		! grep -q "^-L$MANYGUARD_CACHE_DIR" record.args'
MANYGUARD_LINKER_DIR=$tmp/fakeld "$wcc" hello.c -o cprog2 -lstdc++
check "a C link with -lstdc++ gets the runtime directory" grep -q '^MANYGUARD_RUNTIME_DIR=' record.env
# A linker directory that is not there would let the driver find the
# system's ld: no verification, no manifest, exit 0.  It is an error.
mkdir noldhere
for dir in "$tmp/nonexistent" "$tmp/noldhere"; do
	rm -f unverified
	MANYGUARD_LINKER_DIR=$dir "$wcc" hello.c -o unverified 2>e.txt
	st=$?
	check "MANYGUARD_LINKER_DIR=${dir#$tmp/}: the link fails (exit $st), naming $dir/ld" \
		sh -c "[ $st -eq 1 ] && test ! -e unverified &&
		grep -qF 'manyguard-cc: error: $dir/ld: MANYGUARD_LINKER_DIR has no linker wrapper' e.txt"
done
MANYGUARD_LINKER_DIR=$tmp/nonexistent "$wcc" -c hello.c -o nold.o 2>e.txt
check "... a compile does not need it" sh -c 'test -f nold.o && test ! -s e.txt'
rm -f record.env
MANYGUARD_LINKER_DIR=$tmp/fakeld "$wcxx" -c hello.cc -o x.o
check "-c does not run the linker" test ! -e record.env
MANYGUARD_POLICY=no_such_policy "$wcxx" hello.cc -o out 2>e.txt
check "an unknown policy is an error naming it" grep -q "manyguard-c++: error: .*no_such_policy" e.txt

# newer_runtime.cc needs GLIBCXX_3.4.29 with the compiler's own runtime;
# linked through the wrapper it needs at most the policy's caps.
while read -r name cc cxx; do
	[ -n "$name" ] || continue
	"$cxx" -O0 newer_runtime.cc -o unwrapped
	check "$name: unwrapped, the program needs $(highest_needed unwrapped GLIBCXX_) (newer than 3.4.24)" \
		test "$(highest_needed unwrapped GLIBCXX_)" != GLIBCXX_3.4.24
	rm -f wrapped
	MANYGUARD_CXX=$cxx "$wcxx" -O0 newer_runtime.cc -o wrapped
	v=$(highest_needed wrapped GLIBCXX_)
	a=$(highest_needed wrapped CXXABI_)
	check "$name: through the wrapper it needs $v (at most GLIBCXX_3.4.24)" \
		sh -c "printf '%s\n' '$v' GLIBCXX_3.4.24 | sort -t. -k3,3n | tail -n 1 | grep -qx GLIBCXX_3.4.24"
	check "$name: ... and $a (at most CXXABI_1.3.11)" \
		sh -c "printf '%s\n' '$a' CXXABI_1.3.11 | sort -t. -k3,3n | tail -n 1 | grep -qx CXXABI_1.3.11"
	check "$name: ... and runs" test "$(./wrapped)" = "$expected"
done <<EOF
$compilers
EOF
n=$(ls -d "$MANYGUARD_CACHE_DIR"/runtime/manylinux_2_28-* | grep -vcE '\.(lock|stamp)$')
check "one runtime directory per compiler runtime (gcc-12 and clang share one): $n" test "$n" -eq 2

# With a real old runtime as baseline, the program runs on it.  The caps
# for libstdc++ then come from that runtime (bullseye: GLIBCXX_3.4.28),
# not from the policy (manylinux_2_28 caps at GLIBCXX_3.4.24), so the
# default policy links it.
. "$top_srcdir/tests/fixtures/bullseye.sh"
if [ -n "$bullseye_missing" ]; then
	bullseye_unavailable
else
	rm -f on-bullseye
	MANYGUARD_BASELINE_LIBSTDCXX=$bullseye_libstdcxx \
		"$wcxx" -O0 newer_runtime.cc -o on-bullseye 2>e.txt
	check "bullseye baseline, default policy: links silently" \
		sh -c 'test -x on-bullseye && test ! -s e.txt'
	out=$(LD_LIBRARY_PATH=$bullseye_ld_path ./on-bullseye)
	check "bullseye baseline: the program runs on bullseye's libstdc++" test "$out" = "$expected"
	v=$(highest_needed on-bullseye GLIBCXX_)
	check "bullseye baseline: it needs $v, above the policy's GLIBCXX_3.4.24" \
		sh -c "printf '%s\n' '$v' GLIBCXX_3.4.24 | sort -t. -k3,3n | tail -n 1 | grep -vqx GLIBCXX_3.4.24"
	check "bullseye baseline: ... and at most bullseye's GLIBCXX_3.4.28" \
		sh -c "printf '%s\n' '$v' GLIBCXX_3.4.28 | sort -t. -k3,3n | tail -n 1 | grep -qx GLIBCXX_3.4.28"
	check "bullseye baseline: a directory of its own" \
		sh -c "ls -d '$MANYGUARD_CACHE_DIR'/runtime/baseline-* | grep -v lock | grep -q ."
	LD_LIBRARY_PATH=$bullseye_ld_path ./unwrapped >/dev/null 2>e.txt
	check "(the unwrapped program does not run there: $(head -c 80 e.txt))" grep -q "GLIBCXX_3.4.29' not found" e.txt
	# The policy still governs the rest: a library outside its list.
	if gcc -shared -x c /dev/null -lopenblas -o probe.so 2>/dev/null; then
		printf '#include <string>\nextern "C" void cblas_dscal(int, double, double *, int);\nstd::string f(double *x) { cblas_dscal(1, 2.0, x, 1); return std::to_string(*x); }\n' >blas.cc
		rm -f blas.so
		MANYGUARD_BASELINE_LIBSTDCXX=$bullseye_libstdcxx \
			"$wcxx" -shared -fPIC blas.cc -Wl,--no-as-needed -lopenblas -o blas.so 2>e.txt
		check "bullseye baseline: the policy still refuses the system OpenBLAS [external-lib]" \
			sh -c 'test ! -e blas.so && grep -q "needs libopenblas.so.0, which manylinux_2_28 does not allow.*\[external-lib\]" e.txt'
	else
		skip "OpenBLAS is not installed (libopenblas-dev)"
	fi
fi
done_testing

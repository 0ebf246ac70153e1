#!/bin/bash
# The glibc directory through the compiler wrappers (docs/glibc.md), on
# unless MANYGUARD_GLIBC=off (then links bind to the host's glibc): every
# link, C and C++, executable and shared object, gets -L of the policy's
# glibc directory when the compiler's glibc is newer than the cap, and the
# linker wrapper gets MANYGUARD_GLIBC_DIR; compiles neither make nor
# use it; it is made once per compiler and target, checked on every use and
# made again when damaged; MANYGUARD_BASELINE_LIBC takes a real old glibc.
# The outputs run where the policy says: glibc 2.17 (its loader, and linked
# for it; the shared object dlopened by GCC 4.8.5's program) for
# manylinux_2_17, the bullseye root (glibc 2.31) for manylinux_2_28, the
# default policy.  (tests/glibc/corpus, glibc_corpus.sh, covers the shims.)
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
. "$top_srcdir/tests/glibc/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
src=$top_srcdir/tests/glibc/stubs
host=$(ldd --version | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)$/\1/p')
[ -n "$host" ] || bail "cannot tell this machine's glibc release"

# A linker wrapper in front of the real one that notes what it was given.
mkdir -p "$tmp/spy"
cat >"$tmp/spy/ld" <<EOF
#!/bin/sh
printf '%s\n' "\${MANYGUARD_GLIBC_DIR-unset}" >>"$tmp/spy.log"
exec "$MANYGUARD_LINKER_DIR/ld" "\$@"
EOF
chmod +x "$tmp/spy/ld"
real_linker_dir=$MANYGUARD_LINKER_DIR
spy() { MANYGUARD_LINKER_DIR=$tmp/spy "$@"; }

glibc_dirs() { ls -d "$MANYGUARD_CACHE_DIR"/glibc/*/ 2>/dev/null | wc -l; }

# --- the switch: on unless MANYGUARD_GLIBC=off ---------------------------------------------------
export MANYGUARD_POLICY=manylinux_2_17
: >"$tmp/spy.log"
MANYGUARD_GLIBC=off spy "$wcc" -O1 -o threads-off "$src/threads.c" -pthread -lm 2>err
check "MANYGUARD_GLIBC=off: no glibc directory, no MANYGUARD_GLIBC_DIR, the host's glibc versions" \
	sh -c "[ -x threads-off ] && [ ! -d '$MANYGUARD_CACHE_DIR/glibc' ] && grep -qx unset '$tmp/spy.log' &&
		'$READELF' -V -W threads-off | grep -q 'GLIBC_2.34'"
MANYGUARD_GLIBC=off "$wcc" -O1 -fPIC -shared -o lib-off.so "$src/lib.c" -lm 2>err
check "MANYGUARD_GLIBC=off: a shared object above the cap is a warning, whose fix is to link without it" \
	sh -c "[ -f lib-off.so ] && grep -q 'warning: lib-off.so requires GLIBC_2.34 .*\[symbol-version\]' err &&
		grep -qF 'note: fix: link without MANYGUARD_GLIBC=off' err"
MANYGUARD_GLIBC=yes "$wcc" -O1 -o threads-bad "$src/threads.c" 2>err
check "MANYGUARD_GLIBC=yes is refused, naming the value" \
	sh -c "[ ! -e threads-bad ] && grep -q 'MANYGUARD_GLIBC=\"yes\": expected on or off' err"

# --- compiles and links ------------------------------------------------------------------
"$wcc" -O1 -c -o threads.o "$src/threads.c" || bail "compile"
check "a compile makes no glibc directory" [ "$(glibc_dirs)" = 0 ]
: >"$tmp/spy.log"
spy "$wcc" -O1 -o threads threads.o -pthread -lm 2>err
check "manylinux_2_17: a C link through manyguard-cc links" [ -x threads ]
dir=$(ls -d "$MANYGUARD_CACHE_DIR"/glibc/manylinux_2_17-*/ 2>/dev/null | sed 's|/$||')
check "the link made one glibc directory in the cache, for manylinux_2_17" \
	[ "$(glibc_dirs)" = 1 -a -f "$dir/libc.so" ]
check "the linker wrapper was given MANYGUARD_GLIBC_DIR=$dir" grep -qx "$dir" "$tmp/spy.log"
check "the C program needs nothing above GLIBC_2.17" glibc_within threads 17
stamp=$(stat -c %Y.%i "$dir/libc.so.6")
"$wcc" -O1 -fPIC -shared -o lib.so "$src/lib.c" -lm 2>>err
"$wcxx" -O1 -pthread -o hello "$top_srcdir/tests/glibc/stubs/hello.cc" 2>>err
check "a shared object and a C++ program link, with the same directory" \
	[ -f lib.so -a -x hello -a "$(glibc_dirs)" = 1 -a "$(stat -c %Y.%i "$dir/libc.so.6")" = "$stamp" ]
check "both need nothing above GLIBC_2.17" sh -c "$(declare -f glibc_within diag); glibc_within lib.so 17 && glibc_within hello 17"
MANYGUARD_GLIBC=on "$wcc" -O1 -o threads-on threads.o -pthread -lm 2>>err
check "MANYGUARD_GLIBC=on is the default: the same directory, nothing above GLIBC_2.17" \
	sh -c "$(declare -f glibc_within diag); glibc_within threads-on 17 && [ $(glibc_dirs) = 1 ]"
grep -v '^$' err | head -n 5 | sed 's/^/# /'

# A damaged directory is made again, with a warning naming the file.
printf 'x' >>"$dir/libm.so.6"
"$wcc" -O1 -o threads2 threads.o -pthread -lm 2>err2
check "a damaged glibc directory is made again, with a warning" \
	sh -c "grep -q 'libm.so.6: .*the glibc directory was damaged, and is made again' err2 && cd '$dir' && sha256sum --quiet -c SHA256SUMS"

# --- the outputs on glibc 2.17 ---------------------------------------------------------------
gcc -O1 -o ref-threads "$src/threads.c" -pthread -lm && ./ref-threads >threads.expected || bail "reference"
g++ -O1 -o ref-hello "$src/hello.cc" && ./ref-hello >hello.expected || bail "reference"
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	run_on_glibc217 ./threads >got 2>&1
	check "2.17: the C program runs through glibc 2.17's loader" cmp -s got threads.expected
	"$wcc" -O1 -o threads-linked threads.o -pthread -lm $glibc217_ldflags
	run_linked_on_glibc217 ./threads-linked >got 2>&1
	check "2.17: the C program linked for glibc 2.17's loader runs" cmp -s got threads.expected
	dlopen_on_glibc217 "$tmp/lib.so" run a b >got 2>&1
	check "2.17: the shared object, dlopened by GCC 4.8.5's program, runs" \
		grep -qx 'square 49 pow 1024.0 args 2' got
	sed 's/^/# /' got | head -n 2
	"$wcxx" -O1 -pthread -o hello-linked "$src/hello.cc" $glibc217_ldflags 2>/dev/null
	run_linked_on_glibc217 ./hello-linked >got 2>&1
	check "2.17: the C++ program (a global std::string, threads, iostream) runs on glibc 2.17 and GCC 4.8.5's libstdc++" \
		cmp -s got hello.expected
	sed 's/^/# /' got | head -n 2
	# The same with the real glibc 2.17's libraries as the baseline.
	MANYGUARD_BASELINE_LIBC=$glibc217_lib "$wcc" -O1 -o threads-base threads.o -pthread -lm 2>err
	check "MANYGUARD_BASELINE_LIBC: a baseline directory of its own" \
		sh -c "ls -d '$MANYGUARD_CACHE_DIR'/glibc/baseline-*/libc.so.6 >/dev/null"
	run_on_glibc217 ./threads-base >got 2>&1
	check "MANYGUARD_BASELINE_LIBC: the C program runs on glibc 2.17" cmp -s got threads.expected
fi

# --- the default policy on bullseye -----------------------------------------------------------------
unset MANYGUARD_POLICY
"$wcc" -O1 -o threads-28 threads.o -pthread -lm 2>err &&
	"$wcc" -O1 -fPIC -shared -o lib28.so "$src/lib.c" -lm 2>>err &&
	"$wcc" -O1 -o dlopen-call "$top_srcdir/tests/fixtures/dlopen_call.c" 2>>err &&
	"$wcxx" -O1 -pthread -o hello-28 "$src/hello.cc" 2>>err
check "the default policy (manylinux_2_28): the same programs link" [ $? -eq 0 ]
check "the default policy: they need nothing above GLIBC_2.28" \
	sh -c "$(declare -f glibc_within diag); glibc_within threads-28 28 && glibc_within lib28.so 28 && glibc_within hello-28 28"
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
else
	run_in_bullseye ./threads-28 >got 2>&1
	check "2.28: the C program runs in the bullseye root" cmp -s got threads.expected
	run_in_bullseye -f lib28.so ./dlopen-call ./lib28.so run a b >got 2>&1
	check "2.28: the shared object, dlopened in the bullseye root, runs" \
		grep -qx 'square 49 pow 1024.0 args 2' got
	run_in_bullseye ./hello-28 >got 2>&1
	check "2.28: the C++ program runs in the bullseye root" cmp -s got hello.expected
	sed 's/^/# /' got | head -n 3
fi

# --- a cap at the compiler's glibc: nothing added ------------------------------------------------------
mkdir -p "$tmp/policies/glibc"
cp "$top_srcdir"/policy/glibc/*.abi "$tmp/policies/glibc/"
sed "s/\"GLIBC\": \"2.28\"/\"GLIBC\": \"$host\"/; s/manylinux_2_28/host_glibc/" \
	"$top_srcdir/policy/manylinux_2_28.json" >"$tmp/policies/host_glibc.json"
: >"$tmp/spy.log"
MANYGUARD_POLICY_DIR=$tmp/policies MANYGUARD_POLICY=host_glibc spy "$wcc" -O1 -o threads-host threads.o -pthread -lm 2>err
check "a cap at the compiler's glibc $host: no -L, no MANYGUARD_GLIBC_DIR, the host's versions" \
	sh -c "grep -qx unset '$tmp/spy.log' && '$READELF' -V -W threads-host | grep -q 'GLIBC_2.34'"
done_testing

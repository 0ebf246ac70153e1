#!/bin/bash
# The glibc directory (`manyguard glibc`, docs/glibc.md): stubs of an old
# glibc's libraries and linker scripts that a plain `gcc -L DIR` link on
# this newer host picks up.  For manylinux_2_17 and manylinux_2_28:
#   - the stubs are exactly the ABI table's view of the release (every
#     library, version node with its parent, symbol, default or compat,
#     kind and data size), SHA256SUMS holds;
#   - programs and a shared object (tests/glibc/stubs) link with no other
#     flag, need no version above the cap, bind each symbol in the library
#     the old release had it in (pthread_create in libpthread.so.0, dlopen
#     in libdl.so.2 without -ldl, clock_gettime in librt.so.1 with -lrt,
#     exp/log/pow at their old version in libm.so.6), and print what the
#     normal build prints: on the real glibc 2.17 (through its loader, and
#     linked for it; the shared object dlopened by a GCC 4.8.5 program), in
#     the Debian bullseye root (glibc 2.31) for 2.28;
#   - data copied into the executable keeps libc's aliases (environ);
#   - a function newer than the cap (close_range) does not link.
# Also --baseline-libc (stubs of the real glibc 2.17's libraries) and a cap
# not below the compiler's glibc (nothing to do).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/glibc/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
mg=$top_builddir/tools/manyguard
src=$top_srcdir/tests/glibc/stubs
query() { "${PYTHON3:-python3}" "$top_srcdir/policy/glibc/query" "$@"; }
READELF=${READELF:-readelf}
cd "$tmp" || bail "cd $tmp"
host=$(ldd --version | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)$/\1/p')
[ -n "$host" ] || bail "cannot tell this machine's glibc release"

# binds FILE NAME SONAME VERSION: FILE's undefined NAME is bound to VERSION
# and that version is required from SONAME.
binds() {
	local index
	index=$("$READELF" --dyn-syms -W "$1" | awk -v n="$2@$4" '$7 == "UND" && $8 == n { sub(/[()]/, "", $9); sub(/[()]/, "", $9); print $9; exit }')
	[ -n "$index" ] || { diag "$1: no undefined $2@$4"; return 1; }
	"$READELF" -V -W "$1" | awk -v file="$3" -v v="$4" -v i="$index" '
		/File: / { f = $0 ~ ("File: " file "( |$)") }
		f && $0 ~ ("Name: " v " ") && $0 ~ ("Version: " i "$") { found = 1 }
		END { exit !found }' || { diag "$1: $2@$4 is not required from $3"; return 1; }
}
highest_gcc() { "$READELF" -V -W "$1" | grep -oE 'Name: GCC_[0-9.]+' | sed 's/Name: //' | sort -V | tail -n 1; }
needed() { "$READELF" -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' '; }
# all CHECK ARGS... -- FILE...: CHECK FILE ARGS... holds for every FILE.
all() {
	local cmd=() f
	while [ "$1" != -- ]; do cmd+=("$1"); shift; done
	shift
	for f in "$@"; do "${cmd[0]}" "$f" "${cmd[@]:1}" || return 1; done
}
# bind_all NAME SONAME VERSION FILE...
bind_all() {
	local name=$1 so=$2 ver=$3 f
	shift 3
	for f in "$@"; do binds "$f" "$name" "$so" "$ver" || return 1; done
}
weak_environ() {
	"$READELF" --dyn-syms -W "$1" | awk '$8 == "__environ@@GLIBC_2.2.5" && $5 == "GLOBAL" { g = $2 }
		$8 == "environ@@GLIBC_2.2.5" && $5 == "WEAK" { w = $2 } END { exit !(g != "" && g == w) }'
}
libm_old() {
	local n
	for n in exp log pow; do binds "$1" $n libm.so.6 GLIBC_2.2.5 || return 1; done
}
sums_hold() { (cd "$1" && sha256sum --quiet -c SHA256SUMS); }
refused_close_range() { [ ! -e close_range ] && grep -q "undefined reference to \`close_range'" cr.err; }
nothing_to_do() { grep -q 'nothing to do' "$tmp/out" && [ -f "$1/glibc.json" ] && [ ! -e "$1/libc.so" ]; }

# --- the directories ------------------------------------------------------------------
for policy in manylinux_2_17 manylinux_2_28; do
	cap=2.${policy#manylinux_2_}
	dir=$tmp/$policy
	if ! "$mg" glibc --policy $policy -o "$dir" >"$tmp/out" 2>&1; then
		not_ok "$policy: manyguard glibc makes the directory"
		diag "$(cat "$tmp/out")"
		continue
	fi
	check "$policy: manyguard glibc reports glibc $cap on glibc $host with its stubs" \
		grep -q "^$dir: glibc $cap for x86_64 on glibc $host: [0-9]* library stubs, [0-9]* symbol versions" "$tmp/out"
	query compare --release $cap "$dir" >"$tmp/compare" 2>&1
	check "$policy: the stubs are the ABI table's glibc $cap: $(tail -n 1 "$tmp/compare" | sed 's/^compare: //')" \
		grep -q '; 0 differences, 0 explained$' "$tmp/compare"
	grep '^difference' "$tmp/compare" | head -n 5 | sed 's/^/# /'
	check "$policy: SHA256SUMS covers the directory" sums_hold "$dir"
	check "$policy: libc.so: the shims, libpthread as needed, libc's stub, the compiler's libc_nonshared.a, then libdl, librt and the loader as needed" \
		grep -qE "^GROUP \( $dir/libmanyguard_glibc.a AS_NEEDED \( $dir/libpthread.so.0 \) $dir/libc.so.6 /[^ ]*/libc_nonshared.a AS_NEEDED \( .*$dir/libdl.so.2 $dir/librt.so.1 .*$dir/ld-linux-x86-64.so.2 \) \)$" "$dir/libc.so"
	check "$policy: environ is a weak alias of __environ in libc's stub (copy relocations)" \
		weak_environ "$dir/libc.so.6"
done
dir17=$tmp/manylinux_2_17 dir28=$tmp/manylinux_2_28

# --- the links ----------------------------------------------------------------------------
gcc -O1 -o ref-threads "$src/threads.c" -pthread -lm && ./ref-threads >threads.expected ||
	bail "the normal build of threads.c does not run"
gcc -O1 -o ref-copyrel "$src/copyrel.c" && MG_PROBE=1 ./ref-copyrel >copyrel.expected 2>&1 ||
	bail "the normal build of copyrel.c does not run"
gcc -O1 -fPIC -shared -o ref-lib.so "$src/lib.c" -pthread -lm ||
	bail "the normal build of lib.c fails"

for dir in "$dir17" "$dir28"; do
	policy=$(basename "$dir")
	cap=2.${policy#manylinux_2_}
	[ -f "$dir/libc.so" ] || { not_ok "$policy: no directory to link with"; continue; }
	mkdir -p "$policy-out" && cd "$policy-out" || bail "cd"
	gcc -O1 -o threads "$src/threads.c" -L"$dir" -pthread -lm 2>err &&
		gcc -O1 -o threads-rt "$src/threads.c" -L"$dir" -pthread -lm -lrt 2>>err &&
		gcc -O1 -o copyrel "$src/copyrel.c" -L"$dir" 2>>err &&
		gcc -O1 -no-pie -o copyrel-nopie "$src/copyrel.c" -L"$dir" 2>>err &&
		gcc -O1 -fPIC -shared -o lib.so "$src/lib.c" -L"$dir" -lm 2>>err &&
		gcc -O1 -o unwind "$src/unwind.c" -L"$dir" 2>>err
	if ! check "$policy: programs and a shared object link with -L DIR and nothing else" [ $? -eq 0 ]; then
		diag "$(head -n 8 err)"
		cd "$tmp" && continue
	fi
	check "$policy: each requires no GLIBC version above $cap" \
		all glibc_within $cap -- threads threads-rt copyrel lib.so unwind
	check "$policy: pthread_create is libpthread.so.0's GLIBC_2.2.5 (program and shared object)" \
		bind_all pthread_create libpthread.so.0 GLIBC_2.2.5 threads lib.so
	check "$policy: dlopen is libdl.so.2's GLIBC_2.2.5 without -ldl" binds threads dlopen libdl.so.2 GLIBC_2.2.5
	check "$policy: clock_gettime is libc.so.6's GLIBC_2.17" binds threads clock_gettime libc.so.6 GLIBC_2.17
	check "$policy: clock_gettime is librt.so.1's GLIBC_2.2.5 with -lrt" \
		binds threads-rt clock_gettime librt.so.1 GLIBC_2.2.5
	check "$policy: exp, log and pow bind to libm.so.6's GLIBC_2.2.5, not their GLIBC_2.29 defaults" \
		libm_old threads
	check "$policy: NEEDED as a native old build: $(needed threads)" \
		[ "$(needed threads)" = "libm.so.6 libpthread.so.0 libc.so.6 libdl.so.2 " ]
	gcc -O1 -o close_range "$src/close_range.c" -L"$dir" 2>cr.err
	check "$policy: close_range (glibc 2.34) does not link" refused_close_range
	check "$policy: the unwinder comes from libgcc_s.so.1 capped at the policy ($(highest_gcc unwind))" \
		sh -c "[ '$(highest_gcc unwind)' = GCC_3.3 ]"
	cd "$tmp" || bail "cd"
done

# --- running on glibc 2.17 ---------------------------------------------------------------------
out=$tmp/manylinux_2_17-out
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
elif [ -x "$out/threads" ]; then
	run_on_glibc217 "$out/threads" >"$tmp/got" 2>&1
	check "2.17: threads runs through glibc 2.17's loader and prints what the normal build prints" \
		cmp -s "$tmp/got" threads.expected
	sed 's/^/# /' "$tmp/got" | head -n 3
	gcc -O1 -o "$out/threads-linked" "$src/threads.c" -L"$dir17" -pthread -lm $glibc217_ldflags &&
		gcc -O1 -o "$out/copyrel-linked" "$src/copyrel.c" -L"$dir17" $glibc217_ldflags ||
		not_ok "2.17: linked for glibc 2.17's loader"
	run_linked_on_glibc217 "$out/threads-linked" >"$tmp/got" 2>&1
	check "2.17: threads linked for glibc 2.17's loader runs and prints the same" cmp -s "$tmp/got" threads.expected
	(cd "$out" && MG_PROBE=1 run_linked_on_glibc217 ./copyrel-linked) >"$tmp/got" 2>&1
	check "2.17: copied environ and program_invocation_short_name are libc's (linked for the loader)" \
		cmp -s "$tmp/got" <(sed 's/ref-copyrel/copyrel-linked/' copyrel.expected)
	sed 's/^/# /' "$tmp/got" | head -n 3
	(cd "$out" && MG_PROBE=1 run_on_glibc217 ./copyrel-nopie) >"$tmp/got" 2>&1
	check "2.17: the -no-pie copyrel runs through glibc 2.17's loader" grep -q '^to stderr$' "$tmp/got"
	run_on_glibc217 "$out/unwind" >"$tmp/got" 2>&1
	check "2.17: the program that unwinds runs with GCC 4.8.5's libgcc_s" grep -qx 'unwound several frames' "$tmp/got"
	dlopen_on_glibc217 "$out/lib.so" run a b >"$tmp/got" 2>&1
	check "2.17: the shared object, dlopened by a GCC 4.8.5 program, runs" \
		grep -qx 'square 49 pow 1024.0 args 2' "$tmp/got"
	sed 's/^/# /' "$tmp/got" | head -n 3
	# The same links with the real glibc 2.17's libraries as the baseline.
	if "$mg" glibc --baseline-libc "$glibc217_lib" -o "$tmp/base217" >"$tmp/out" 2>&1; then
		query compare --release 2.17 --enable obsolete-rpc "$tmp/base217" >"$tmp/compare" 2>&1
		check "--baseline-libc: the stubs are glibc 2.17's real interface: $(tail -n 1 "$tmp/compare" | sed 's/^compare: //')" \
			grep -q '; 0 differences, 0 explained$' "$tmp/compare"
		gcc -O1 -o "$out/threads-base" "$src/threads.c" -L"$tmp/base217" -pthread -lm &&
			run_on_glibc217 "$out/threads-base" >"$tmp/got" 2>&1
		check "--baseline-libc: threads linked with the real libraries' stubs runs on glibc 2.17" \
			cmp -s "$tmp/got" threads.expected
	else
		not_ok "--baseline-libc: manyguard glibc makes the directory"
		diag "$(cat "$tmp/out")"
	fi
fi

# --- running on glibc 2.31 (bullseye) -------------------------------------------------------------
out=$tmp/manylinux_2_28-out
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
elif [ -x "$out/threads" ]; then
	run_in_bullseye "$out/threads" >"$tmp/got" 2>&1
	check "2.28: threads runs in the bullseye root and prints what the normal build prints" \
		cmp -s "$tmp/got" threads.expected
	gcc -O1 -o "$out/dlopen-call" "$top_srcdir/tests/fixtures/dlopen_call.c" -L"$dir28" 2>/dev/null
	run_in_bullseye -f "$out/lib.so" "$out/dlopen-call" ./lib.so run a b >"$tmp/got" 2>&1
	check "2.28: the shared object, dlopened in the bullseye root, runs" \
		grep -qx 'square 49 pow 1024.0 args 2' "$tmp/got"
	sed 's/^/# /' "$tmp/got" | head -n 3
fi

# --- nothing to do ----------------------------------------------------------------------------------
mkdir -p "$tmp/policies/glibc"
cp "$top_srcdir"/policy/glibc/*.abi "$tmp/policies/glibc/"
sed "s/\"GLIBC\": \"2.28\"/\"GLIBC\": \"$host\"/; s/manylinux_2_28/host_glibc/" \
	"$top_srcdir/policy/manylinux_2_28.json" >"$tmp/policies/host_glibc.json"
MANYGUARD_POLICY_DIR=$tmp/policies "$mg" glibc --policy host_glibc -o "$tmp/none" >"$tmp/out" 2>&1
check "a cap at the compiler's glibc $host: nothing to do, and no libc.so" nothing_to_do "$tmp/none"
done_testing

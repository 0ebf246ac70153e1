#!/bin/bash
# The glibc ABI table (policy/glibc/*.abi) against real glibc libraries:
# each release's view (libraries, version nodes in order with their
# parents, symbols with version, default or compat, kind and data size)
# must equal what that release's real libraries define, difference by
# difference.  Real libraries: glibc 2.17 of the napi-rs crosstool-NG
# sysroots (x86_64 and aarch64), Debian bullseye's libc6 (2.31), this
# host's glibc, Debian trixie's libc6 (2.41).  Then the query tool.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/fixtures/glibc217.sh"
query() { "$PYTHON3" "$top_srcdir/policy/glibc/query" "$@"; }
explained=$top_srcdir/tests/glibc
triplet=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)

# The aarch64 twin of glibc217.sh's toolchain: only its glibc 2.17 sysroot
# libraries are read (readelf reads any ELF).
aarch64_spec=@napi-rs/cross-toolchain-x64-target-aarch64@1.0.3
aarch64_integrity=sha512-EMFcy/ahFsmCY3BI1tMC3wRUYZ+cDuILg7nP1micaKXW1tO1+RvUB1CC6QYe+cv2W4Tuz9wr3qcFExWyjgWf2w==
aarch64_inner=aarch64-unknown-linux-gnu.tar.xz
aarch64_dir=$fixture_dir/glibc217-aarch64-$(fixture_key "$aarch64_spec" "$aarch64_integrity" \
	"$aarch64_inner" "@$top_srcdir/scripts/fetch-npm-fixture")
# debian_libc6 SUITE: fetch SUITE's libc6 into the fixture cache; sets
# debian_dir, or debian_missing to the reason it could not be fetched.
debian_libc6() {
	debian_dir=$fixture_dir/$1-libc6-$(fixture_key "$1" libc6 "@$top_srcdir/scripts/fetch-debian-runtime")
	debian_missing=
	"$top_srcdir/scripts/fetch-debian-runtime" "$1" "$debian_dir" libc6 >"$tmp/fixture-$1.log" 2>&1 ||
		debian_missing="cannot fetch $1's libc6 with apt: $(tail -n 1 "$tmp/fixture-$1.log")"
}
# compare DESCRIPTION ARGS...: one TAP line from query compare, its
# differences as diagnostics.
not() { ! "$@" >/dev/null 2>&1; }
compare() {
	local d=$1
	shift
	if query compare "$@" >"$tmp/compare.out" 2>"$tmp/compare.err"; then
		ok "$d"
	else
		not_ok "$d"
		diag "$(cat "$tmp/compare.err")" "$(grep -v '^explained: ' "$tmp/compare.out" | head -n 40)"
	fi
}

# --- the tables themselves ---------------------------------------------------
round_trip() {
	query --arch "$1" normalize "$tmp/$1.abi" && cmp -s "$tmp/$1.abi" "$2"
}
provenance() {
	[ "$(awk '$1 == "release" { print $2; exit }' "$1")" = 2.17 ] &&
		awk '$1 == "release" && ($3 != "glibc-" $2 || $4 !~ /^[0-9a-f]+$/ || length($4) != 40) { bad = 1 }
			END { exit bad }' "$1"
}
for arch in x86_64 aarch64; do
	table=$top_srcdir/policy/glibc/$arch.abi
	check "$arch table reads and writes back to the same bytes" \
		round_trip "$arch" "$table"
	check "$arch table starts at glibc 2.17 and names each release's tag and commit" \
		provenance "$table"
done

# --- glibc 2.17: the manylinux2014 baseline -----------------------------------
# crosstool-NG configures glibc with --enable-obsolete-rpc, so its sunrpc
# functions are default versions; every library glibc 2.17 builds is there.
if [ -z "$glibc217_missing" ]; then
	compare "x86_64 glibc 2.17 (napi-rs sysroot) equals the table's 2.17" \
		--arch x86_64 --release 2.17 --enable obsolete-rpc "$glibc217_lib"
else
	glibc217_unavailable
fi
if "$top_srcdir/scripts/fetch-npm-fixture" --integrity "$aarch64_integrity" \
	--inner "$aarch64_inner" "$aarch64_spec" "$aarch64_dir" >"$tmp/fixture-aarch64.log" 2>&1; then
	compare "aarch64 glibc 2.17 (napi-rs sysroot) equals the table's 2.17" \
		--arch aarch64 --release 2.17 --enable obsolete-rpc "$aarch64_dir/aarch64-unknown-linux-gnu/sysroot/lib"
else
	fixture_unavailable "aarch64 glibc 2.17 fixture" \
		"cannot fetch $aarch64_spec with npm: $(tail -n 1 "$tmp/fixture-aarch64.log")"
fi

# --- glibc 2.31: Debian bullseye ----------------------------------------------
# Debian configured 2.31 with --enable-obsolete-rpc and without
# --enable-obsolete-nsl; its libcrypt.so.1 is libxcrypt's, in another package.
debian_libc6 bullseye
if [ -z "$debian_missing" ]; then
	check "bullseye's libc6 ships no libcrypt.so.1 (libxcrypt does)" \
		test ! -e "$debian_dir/root/lib/$triplet/libcrypt.so.1"
	compare "Debian bullseye's glibc ($(cat "$debian_dir/packages.txt")) equals the table's 2.31" \
		--release 2.31 --enable obsolete-rpc --exclude-lib libcrypt "$debian_dir/root/lib/$triplet"
else
	fixture_unavailable "bullseye libc6 fixture" "$debian_missing"
fi

# --- this host's glibc ----------------------------------------------------------
host=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '$1 == "glibc" { print $2 }')
hostlib=/lib/$triplet
if [ "$triplet" != x86_64-linux-gnu ] || [ -z "$host" ]; then
	skip "host glibc: not an x86_64 glibc system"
elif ! grep -q "^release $host " "$top_srcdir/policy/glibc/x86_64.abi"; then
	skip "host glibc $host is not in the table"
else
	# Debian's libcrypt.so.1 is libxcrypt (version nodes XCRYPT_*), not glibc's.
	exclude=
	if "$READELF" -V -W "$hostlib/libcrypt.so.1" 2>/dev/null | grep -q 'Name: XCRYPT_'; then
		exclude="--exclude-lib libcrypt"
	fi
	compare "this host's glibc $host ($hostlib) equals the table's $host" \
		--release "$host" $exclude "$hostlib"
	# The comparison can fail: the release before is not the host's, and
	# an explanation of a difference that does not occur is stale.
	prev=$(awk -v h="$host" '$1 == "release" { if ($2 == h) { print p; exit } p = $2 }' \
		"$top_srcdir/policy/glibc/x86_64.abi")
	check "the table's $prev does not pass for the host's $host" \
		not query compare --release "$prev" $exclude "$hostlib"
	echo "> sym libc no_such_symbol GLIBC_2.2.5 F default  # a made-up difference" >"$tmp/stale"
	check "an explanation of a difference that does not occur fails the comparison" \
		not query compare --release "$host" $exclude --explained "$tmp/stale" "$hostlib"
fi

# --- glibc 2.41: Debian trixie ----------------------------------------------------
debian_libc6 trixie
if [ -z "$debian_missing" ]; then
	compare "Debian trixie's glibc ($(cat "$debian_dir/packages.txt")) equals the table's 2.41" \
		--release 2.41 --explained "$explained/trixie-2.41.explained" "$debian_dir/root/usr/lib/$triplet"
else
	fixture_unavailable "trixie libc6 fixture" "$debian_missing"
fi

# --- the query tool -----------------------------------------------------------------
# answers EXPECTED-STATUS EXPECTED-OUTPUT QUERY-ARGS...
answers() {
	local want_status=$1 want=$2 status=0
	shift 2
	query "$@" >"$tmp/answer" 2>&1 || status=$?
	[ "$status" = "$want_status" ] && [ "$(cat "$tmp/answer")" = "$want" ]
}
check "which: at cap 2.17 pthread_create is libpthread.so.0's GLIBC_2.2.5" \
	answers 0 "pthread_create libpthread libpthread.so.0 GLIBC_2.2.5" which --cap 2.17 pthread_create
check "which: at cap 2.34 pthread_create is libc.so.6's GLIBC_2.34" \
	answers 0 "pthread_create libc libc.so.6 GLIBC_2.34" which --cap 2.34 pthread_create
check "which: at cap 2.17 clock_gettime is in libc (GLIBC_2.17) and in librt (GLIBC_2.2.5)" \
	answers 0 "clock_gettime libc libc.so.6 GLIBC_2.17
clock_gettime librt librt.so.1 GLIBC_2.2.5" which --cap 2.17 clock_gettime
check "which: close_range is absent at cap 2.28 (exit 1) and first in 2.34" \
	answers 1 "close_range absent (first in 2.34: libc GLIBC_2.34)" which --cap 2.28 close_range
query missing --cap 2.28 --host 2.36 >"$tmp/missing"
all_absent() {
	grep -q '^libc absent stat GLIBC_2.33$' "$1" &&
		grep -q '^libc absent __libc_single_threaded GLIBC_2.32$' "$1" &&
		grep -q '^libc absent pidfd_open GLIBC_2.36$' "$1" &&
		! grep -q ' reallocarray ' "$1"
}
check "missing: host 2.36 against cap 2.28 lists stat, __libc_single_threaded and pidfd_open, not reallocarray" \
	all_absent "$tmp/missing"
# fails_with PATTERN QUERY-ARGS...: exit status 2 and PATTERN on stderr.
fails_with() {
	local pattern=$1 status=0
	shift
	query "$@" >/dev/null 2>"$tmp/err" || status=$?
	[ "$status" = 2 ] && grep -q -- "$pattern" "$tmp/err"
}
check "a missing table is an error naming the file" \
	fails_with "nonexistent.abi: cannot read" --table "$tmp/nonexistent.abi" view --release 2.17
sed 's/^sym libc memcpy GLIBC_2.14 F default /sym libc memcpy GLIBC_2.14 F sometimes /' \
	"$top_srcdir/policy/glibc/x86_64.abi" >"$tmp/bad.abi"
check "a bad line is an error naming the file and line" \
	fails_with "bad.abi:[0-9]*: bad kind or status" --table "$tmp/bad.abi" view --release 2.17
check "a release the table does not cover is an error" \
	fails_with "release 2.5 is not in the x86_64 table" which --cap 2.5 memcpy

done_testing

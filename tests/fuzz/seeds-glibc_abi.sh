#!/bin/sh
# seeds-glibc_abi.sh DIR: slices of the real tables (the header with the
# first lines of each kind), truncated and corrupted variants, odd ranges.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
src=${0%/*}/../../policy/glibc
for arch in x86_64 aarch64; do
	t=$src/$arch.abi
	[ -f "$t" ] || continue
	{ grep -v '^sym' "$t"; grep '^sym' "$t" | awk 'NR % 40 == 1'; } >"$out/$arch.abi"
	size=$(wc -c <"$out/$arch.abi")
	for cut in 30 200 $((size / 3)) $((size - 7)); do
		head -c $cut "$out/$arch.abi" >"$out/$arch.cut$cut"
	done
	cp "$out/$arch.abi" "$out/$arch.corrupt" && overwrite "$out/$arch.corrupt" 1500 '\n \001x-2.99,,'
done
head='format manyguard-glibc-abi 1\narch x86_64 GLIBC_2.2.5\nsource s\nrelease 2.17 a b\nrelease 2.18 a b\n'
printf "${head}lib libc libc.so.6 2.17-\nver libc V 2.17,2.18\nsym libc f V D:0xffffffffffffffff compat 2.18-\n" >"$out/ranges"
printf "${head}lib libc libc.so.6 2.18-2.17\n" >"$out/empty-range"
printf "${head}lib libc libc.so.6 2.17-\nver libc GLIBC_2.1x 2.17-\nver libc GLIBC_X 2.18\n" >"$out/versions"
printf "${head}lib a a 2.17\nlib a b 2.18\n" >"$out/twice"
exit 0

#!/bin/sh
# The C reader of the glibc ABI table (lib/policy/glibc_abi.c) against the
# Python one (policy/glibc/query), which glibc_table.sh checks against real
# libraries: every release's whole view, on both architectures, must be the
# same lines; `which` must give the same library, SONAME and default version
# (or the same "compat-only" / "absent (first in ...)") for a sample of the
# names, at the two manylinux caps the baseline uses most.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
reader=$top_builddir/tests/unit/glibc_abi_query
[ -x "$reader" ] || bail "$reader not built"
query() { "${PYTHON3:-python3}" "$top_srcdir/policy/glibc/query" "$@"; }

for arch in x86_64 aarch64; do
	table=$top_srcdir/policy/glibc/$arch.abi
	same=0 differ=
	for release in $(awk '$1 == "release" { print $2 }' "$table"); do
		query --arch $arch view --release "$release" >"$tmp/py" 2>&1
		"$reader" "$table" view "$release" >"$tmp/c" 2>&1
		if cmp -s "$tmp/py" "$tmp/c" && [ -s "$tmp/c" ]; then
			same=$((same + 1))
		else
			differ="$differ $release"
			diff "$tmp/py" "$tmp/c" | head -n 5 | sed 's/^/# /'
		fi
	done
	check "$arch: the C reader's view of each of $same releases is query's${differ:+ (differ:$differ)}" \
		[ -z "$differ" ]
done

# Every 25th name of the x86_64 table, and the ones the baseline's messages
# and stubs depend on.
table=$top_srcdir/policy/glibc/x86_64.abi
names="$(awk '$1 == "sym" { print $3 }' "$table" | sort -u | awk 'NR % 25 == 0') \
pthread_create clock_gettime dlopen exp log pow close_range stat __xstat sys_errlist \
clnt_create __libc_start_main __libc_single_threaded res_query __res_query memcpy \
_dl_find_object arc4random reallocarray no_such_name"
for cap in 2.17 2.28; do
	# shellcheck disable=SC2086
	query which --cap $cap $names >"$tmp/py" 2>&1
	# shellcheck disable=SC2086
	"$reader" "$table" which $cap $names >"$tmp/c" 2>&1
	n=$(wc -l <"$tmp/c")
	check "x86_64 cap $cap: which answers the same for $n lines" cmp -s "$tmp/py" "$tmp/c"
	diff "$tmp/py" "$tmp/c" | head -n 5 | sed 's/^/# /'
done
grep -q '^close_range absent (first in 2.34: libc GLIBC_2.34)$' "$tmp/c"
check "close_range's answer names its first release" [ $? -eq 0 ]
done_testing

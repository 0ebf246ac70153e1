# Shell helpers for integration tests: TAP output for the automake driver.
# Source it: . "$top_srcdir/tests/lib.sh"
tap_n=0
tap_failed=0
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }
# check DESCRIPTION COMMAND...: one TAP line from a command's exit status.
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
bail() { echo "Bail out! $*"; exit 99; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
# A private scratch directory removed at exit.
mg_tmpdir() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mgtest.XXXXXX") || bail "mktemp failed"
	trap 'rm -rf "$tmp"' EXIT
}

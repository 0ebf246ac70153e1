# Shared by the wrapper_ld_*.sh tests: the wrapper's directory and helpers.
# Drivers are run directly with -B so that the tests need only the linker
# wrapper (the compiler wrapper adds the same -B).
wb="$top_builddir/wrappers/bin"
fx="$top_srcdir/tests/wrappers/ld"
[ -x "$wb/ld" ] || bail "$wb/ld is not built"
unset MANYGUARD_ALLOW MANYGUARD_RUNTIME_DIR MANYGUARD_POLICY MANYGUARD_LD_DEPTH

have() { command -v "$1" >/dev/null 2>&1; }

# link_fails DESC OUTPUT RULE CMD...: the command fails, says
# "manyguard-ld: error: ... [RULE]" with note lines, and OUTPUT is absent.
link_fails() {
	lf_d=$1 out=$2 rule=$3
	shift 3
	rm -f "$out"
	if "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"; then
		not_ok "$lf_d: the link fails"; diag "$(cat "$tmp/err.txt")"; return 1
	fi
	if ! grep -q "^manyguard-ld: error: .*\[$rule\]\$" "$tmp/err.txt" ||
		! grep -q '^manyguard-ld: note: fix: ' "$tmp/err.txt"; then
		not_ok "$lf_d: [$rule] error with notes"; diag "$(cat "$tmp/err.txt")"; return 1
	fi
	if [ -e "$out" ]; then
		not_ok "$lf_d: no output file is left"; return 1
	fi
	ok "$lf_d: rejected with [$rule], no output"
}

# link_passes DESC OUTPUT CMD...: the command succeeds silently.
link_passes() {
	lp_d=$1 out=$2
	shift 2
	rm -f "$out"
	if ! "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"; then
		not_ok "$lp_d: links"; diag "$(cat "$tmp/err.txt")"; return 1
	fi
	if [ -s "$tmp/err.txt" ] || [ -s "$tmp/out.txt" ] || [ ! -f "$out" ]; then
		not_ok "$lp_d: links silently"; diag "$(cat "$tmp/err.txt" "$tmp/out.txt")"; return 1
	fi
	ok "$lp_d: links silently"
}

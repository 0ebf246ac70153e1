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
# tap_verdicts FILE [PREFIX]: one TAP line per "PASS<TAB>what" or
# "FAIL<TAB>what<TAB>why" line of FILE (tests/containers/verdict.py),
# PREFIX before each "what"; VERDICTS is set to how many there were.
tap_verdicts() {
	verdicts=0
	_tab=$(printf '\t')
	while IFS=$_tab read -r _verdict _what _why; do
		verdicts=$((verdicts + 1))
		case $_verdict in
		PASS) ok "${2-}$_what" ;;
		*) not_ok "${2-}$_what"; [ -z "$_why" ] || diag "$_why" ;;
		esac
	done <"$1"
}
bail() { echo "Bail out! $*"; exit 99; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
# A private scratch directory removed at exit.
mg_tmpdir() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mgtest.XXXXXX") || bail "mktemp failed"
	trap 'rm -rf "$tmp"' EXIT
}
# use_build_tree: the environment the build tree's wrappers need in place
# of an installation (a private cache under $tmp, the linker wrapper, GCC's
# specs and plugin), with every other MANYGUARD_* setting of the caller
# cleared so that nothing of the user's leaks into a test.  After mg_tmpdir.
use_build_tree() {
	MANYGUARD_CACHE_DIR=$tmp/cache
	MANYGUARD_LINKER_DIR=$top_builddir/wrappers/bin
	MANYGUARD_SPECS=$top_builddir/specs/manyguard.specs
	MANYGUARD_PLUGIN_DIR=$top_builddir/gcc-plugin
	MANYGUARD_SHIM_DIR=$top_builddir/shims
	export MANYGUARD_CACHE_DIR MANYGUARD_LINKER_DIR MANYGUARD_SPECS MANYGUARD_PLUGIN_DIR MANYGUARD_SHIM_DIR
	unset MANYGUARD_CC MANYGUARD_CXX MANYGUARD_ALLOW MANYGUARD_POLICY MANYGUARD_CC_DEPTH \
		MANYGUARD_PLUGIN MANYGUARD_BASELINE_LIBSTDCXX MANYGUARD_BASELINE_LIBGCC_S \
		MANYGUARD_RUNTIME_DIR MANYGUARD_WRAPPED MANYGUARD_LD_DEPTH MANYGUARD_MANIFEST \
		MANYGUARD_MANIFEST_DIR MANYGUARD_OPENMP_DIR MANYGUARD_BASELINE_LIBC MANYGUARD_GLIBC_DIR \
		MANYGUARD_GLIBC MANYGUARD_OPENMP_SOURCE
}
# elf_edit_setup: what the elf_edit_*.sh tests start with: a scratch
# directory to work in, $tool (the build tree's elf_edit_tool), $READELF,
# $CC (a C compiler on PATH, default cc).
elf_edit_setup() {
	mg_tmpdir
	tool="$top_builddir/tests/unit/elf_edit_tool"
	[ -x "$tool" ] || bail "$tool not built"
	READELF=${READELF:-readelf}
	CC=${CC:-cc}
	command -v "$CC" >/dev/null 2>&1 || bail "no C compiler ($CC)"
	cd "$tmp" || bail "cd $tmp"
}

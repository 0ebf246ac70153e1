#!/bin/sh
# The documented cibuildwheel configurations (docs/examples/*.toml, shown
# in docs/integration.md), one per image: each parses, and names only real
# commands, options, paths and settings (tests/containers/check_cibuildwheel.py
# says what is checked).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir

py=
for cand in "${PYTHON3:-}" python3 /usr/bin/python3; do
	[ -n "$cand" ] || continue
	if "$cand" -c 'import tomllib' 2>/dev/null; then
		py=$cand
		break
	fi
done
if [ -z "$py" ]; then
	skip "no python3 with tomllib (Python 3.11 or later)"
	done_testing
	exit
fi
[ -x "$top_builddir/tools/manyguard" ] || bail "manyguard not built: $top_builddir/tools/manyguard"

# Each example is checked against the Containerfile of the image it uses.
for pair in "pyproject-cibuildwheel.toml manylinux_2_28" "pyproject-cibuildwheel-debian.toml debian"; do
	set -- $pair
	"$py" "$top_srcdir/tests/containers/check_cibuildwheel.py" "$top_srcdir" "$top_builddir" \
		"$top_srcdir/docs/examples/$1" "$top_srcdir/containers/$2/Containerfile" >"$tmp/out" 2>"$tmp/err"
	st=$?
	tap_verdicts "$tmp/out" "$1: "
	check "$1: the checker ran to the end (exit $st, $verdicts checks)" \
		test $st = 0 -a $verdicts -ge 15
	[ ! -s "$tmp/err" ] || sed 's/^/# /' "$tmp/err"
done
done_testing

#!/bin/sh
# The Containerfiles, without a container engine: every path and script
# they reference exists in this tree, and every setting is one manyguard
# reads (tests/containers/lint_containerfile.py says what is checked).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir

py=${PYTHON3:-python3}
"$py" -c 'import sys; assert sys.version_info >= (3, 8)' 2>/dev/null || py=/usr/bin/python3

tab=$(printf '\t')
for pair in "debian debian:bookworm" "manylinux_2_28 quay.io/pypa/manylinux_2_28_x86_64"; do
	set -- $pair
	"$py" "$top_srcdir/tests/containers/lint_containerfile.py" "$top_srcdir" \
		"$top_srcdir/containers/$1/Containerfile" "$2" >"$tmp/out" 2>"$tmp/err"
	st=$?
	tap_verdicts "$tmp/out"
	check "containers/$1: the lint ran to the end (exit $st, $verdicts checks)" \
		test $st = 0 -a $verdicts -ge 15
	[ ! -s "$tmp/err" ] || sed 's/^/# /' "$tmp/err"
done

# The lint finds what it should: a Containerfile naming a script that does
# not exist, and a setting manyguard does not read, fail.
sed -e 's|containers/install.sh|containers/no-such-install.sh|' \
	-e 's|MANYGUARD_POLICY=|MANYGUARD_POLICI=|' "$top_srcdir/containers/debian/Containerfile" >"$tmp/Containerfile"
mkdir -p "$tmp/containers/debian"
mv "$tmp/Containerfile" "$tmp/containers/debian/Containerfile"
for f in .containerignore containers/install.sh containers/debian/python.sh; do
	mkdir -p "$tmp/$(dirname "$f")" && cp -p "$top_srcdir/$f" "$tmp/$f"
done
cp -R "$top_srcdir/wrappers" "$top_srcdir/policy" "$tmp/"
"$py" "$top_srcdir/tests/containers/lint_containerfile.py" "$tmp" \
	"$tmp/containers/debian/Containerfile" debian:bookworm >"$tmp/bad" 2>&1
st=$?
check "a broken Containerfile fails the lint (exit $st)" test $st = 1
check "... naming the missing script" \
	grep -q "^FAIL${tab}containers/debian/Containerfile: RUN names /usr/src/manyguard/containers/no-such-install.sh" "$tmp/bad"
check "... and the unknown setting" \
	grep -q "^FAIL${tab}containers/debian/Containerfile: ENV MANYGUARD_POLICI is read by the wrappers" "$tmp/bad"

# install.sh refuses bad input before it changes anything.
inst=$top_srcdir/containers/install.sh
sh "$inst" --help >"$tmp/help" 2>&1
check "install.sh --help exits 0 and lists --no-specs" sh -c "grep -q -- '--no-specs' '$tmp/help'"
sh "$inst" --frobnicate >"$tmp/o" 2>&1
st=$?
check "install.sh --frobnicate: exit 1 (got $st)" test $st = 1
check "... naming the option" grep -q "install.sh: error: unknown option '--frobnicate'" "$tmp/o"
sh "$inst" --policy >"$tmp/o" 2>&1
check "install.sh --policy without a value: exit 1, named" \
	sh -c "[ $? = 1 ] && grep -q 'error: --policy needs a value' '$tmp/o'"
if [ "$(id -u)" = 0 ]; then
	sh "$inst" --policy manylinux_1_0 --no-packages >"$tmp/o" 2>&1
	st=$?
	check "install.sh --policy manylinux_1_0: exit 1 before doing anything (got $st)" test $st = 1
	check "... naming the policy" grep -q "error: no policy 'manylinux_1_0' in" "$tmp/o"
	sh "$inst" --src "$tmp" --no-packages >"$tmp/o" 2>&1
	check "install.sh --src of a directory that is no source tree: exit 1, named" \
		sh -c "[ $? = 1 ] && grep -q 'is not a manyguard source tree' '$tmp/o'"
else
	sh "$inst" --no-packages >"$tmp/o" 2>&1
	check "install.sh as non-root: exit 1, says to run as root" \
		sh -c "[ $? = 1 ] && grep -q 'error: run as root' '$tmp/o'"
fi
done_testing

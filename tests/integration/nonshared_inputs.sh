#!/bin/bash
# manyguard nonshared: the runtime directory's contents, determinism, atomic
# replacement, the stub bounding plain links, and bad inputs (each a clear
# error naming the file, exit 1, no output directory and no staging left).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
libstdcxx_a=$(readlink -f "$(g++ -print-file-name=libstdc++.a)")
libstdcxx_so=$(readlink -f "$(g++ -print-file-name=libstdc++.so.6)")
rt="$tmp/rt"

check "nonshared --policy manylinux_2_28" "$mg" nonshared --policy manylinux_2_28 -o "$rt"
for f in libstdc++_nonshared.a libstdc++.so libstdc++.so.6 libgcc_s.so libgcc_s.so.1 \
	newer-symbols.txt report.json; do
	check "the runtime directory has $f" test -s "$rt/$f"
done
check "libstdc++.so names the stub, the archive, then the stub again (--as-needed)" \
	grep -qx "INPUT ( $rt/libstdc++.so.6 $rt/libstdc++_nonshared.a $rt/libstdc++.so.6 )" "$rt/libstdc++.so"
check "newer-symbols.txt lists std::to_chars(double) at GLIBCXX_3.4.29, provided" \
	grep -qxF "$(printf '_ZSt8to_charsPcS_d\tGLIBCXX_3.4.29\tprovided\tstd::to_chars(char*, char*, double)')" \
	"$rt/newer-symbols.txt"
check "report.json and newer-symbols.txt agree on the symbols" python3 -c '
import json, sys
r = json.load(open(sys.argv[1] + "/report.json"))
lines = [l for l in open(sys.argv[1] + "/newer-symbols.txt") if not l.startswith("#")]
assert r["schema"] == 1 and r["baseline"]["policy"] == "manylinux_2_28"
assert len(r["newer_symbols"]) == len(lines) > 100, (len(r["newer_symbols"]), len(lines))
assert all(m["why"] for m in r["members"])' "$rt"
hidden_bad=$("$READELF" -sW "$rt/libstdc++_nonshared.a" | awk '
	$1 ~ /^[0-9]+:$/ && ($5 == "GLOBAL" || $5 == "WEAK" || $5 == "UNIQUE") && $7 != "UND" && $6 != "HIDDEN"' | wc -l)
check "every definition in the archive is hidden ($hidden_bad are not)" [ "$hidden_bad" -eq 0 ]
defined=$("$READELF" -sW "$rt/libstdc++_nonshared.a" | awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $6 == "HIDDEN"' | wc -l)
diag "$defined hidden definitions in $(ar t "$rt/libstdc++_nonshared.a" | wc -l) members"

# Same inputs, byte-identical outputs (the directory is rewritten in place).
sha256sum "$rt"/* | sed "s|$rt|DIR|" >"$tmp/first"
touch "$rt/stale-marker"
check "a second run replaces the directory" "$mg" nonshared --policy manylinux_2_28 -o "$rt"
sha256sum "$rt"/* | sed "s|$rt|DIR|" >"$tmp/second"
check "the second run's files are byte-identical" cmp "$tmp/first" "$tmp/second"
check "the old directory was replaced whole (no stale file)" test ! -e "$rt/stale-marker"

# The stub alone bounds a link: without the archive a newer symbol is missing.
cat >"$tmp/newer.cc" <<'SRC'
#include <charconv>
int main() { char b[32]; return std::to_chars(b, b + 32, 0.25).ptr == b; }
SRC
g++ -std=c++17 -c -o "$tmp/newer.o" "$tmp/newer.cc" || bail compile
if g++ -o "$tmp/newer" "$tmp/newer.o" -nodefaultlibs "$rt/libstdc++.so.6" -lm -lc -lgcc_s 2>"$tmp/err"; then
	not_ok "plain g++ against the stub without the archive fails for a newer symbol"
else
	check "plain g++ against the stub without the archive fails for a newer symbol" \
		grep -q "undefined reference to \`std::to_chars(char\*, char\*, double)'" "$tmp/err"
fi
check "with -L DIR (stub + archive) it links" g++ -o "$tmp/newer" "$tmp/newer.o" -L"$rt"

# --- bad inputs ----------------------------------------------------------------
expect_error() { # DESCRIPTION PATTERN ARGS...
	local d=$1 pat=$2 out="$tmp/bad/out"
	shift 2
	rm -rf "$tmp/bad"
	mkdir -p "$tmp/bad"
	"$mg" nonshared "$@" -o "$out" >"$tmp/stdout" 2>"$tmp/err"
	local rc=$?
	if [ $rc -ne 1 ]; then
		not_ok "$d: exit status $rc"; diag "$(cat "$tmp/err")"
	elif ! grep -q -- "$pat" "$tmp/err"; then
		not_ok "$d: message"; diag "$(cat "$tmp/err")"
	elif [ -n "$(ls -A "$tmp/bad")" ]; then
		not_ok "$d: left files behind"; diag "$(ls -la "$tmp/bad")"
	else
		ok "$d: $(head -n 1 "$tmp/err")"
	fi
}
printf 'just text\n' >"$tmp/not-an-archive.a"
head -c 100000 "$libstdcxx_a" >"$tmp/truncated.a"
cc -shared -fPIC -o "$tmp/unversioned.so" -Wl,-soname,libstdc++.so.6 -x c - <<<'int f(void) { return 1; }'
"$mg" stub "$libstdcxx_so" --cap GLIBCXX_3.4.24 --cap CXXABI_1.3.11 -o "$tmp/old" >/dev/null || bail stub
expect_error "a non-archive" "not-an-archive.a" --libstdcxx-a "$tmp/not-an-archive.a"
expect_error "a truncated archive" "truncated.a" --libstdcxx-a "$tmp/truncated.a"
expect_error "a missing baseline" "missing.so.6.*No such file" --baseline-lib "$tmp/missing.so.6"
expect_error "a baseline without versions" "defines no symbol versions" --baseline-lib "$tmp/unversioned.so"
expect_error "a baseline newer than the compiler's runtime" "baseline is newer than the compiler's runtime" \
	--libstdcxx-so "$tmp/old/libstdc++.so.6" --baseline-lib "$libstdcxx_so"
expect_error "an unknown policy" "manylinux_9_99" --policy manylinux_9_99
expect_error "a compiler that cannot answer -print-file-name" "/bin/false.*failed (exit 1)" --cxx /bin/false
"$mg" nonshared >/dev/null 2>"$tmp/err"
check "no -o is a usage error (exit 2)" [ $? -eq 2 ]
done_testing

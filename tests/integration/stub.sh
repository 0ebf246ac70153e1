#!/bin/bash
# manyguard stub on real libraries: the stub carries exactly the library's
# dynamic symbols and versions (or those within --cap), bounds links, sizes
# copy relocations right, and bad input leaves nothing behind.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
libstdcxx=$(readlink -f "$(g++ -print-file-name=libstdc++.so.6)")
libc=$(readlink -f "$(gcc -print-file-name=libc.so.6)")

# "name@version" / "name@@version" type size of every defined dynamic symbol,
# without the version nodes' own marker symbols.
interface() {
	"$READELF" --dyn-syms -W "$1" | awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" {
		n = $8; v = n; sub(/@.*/, "", v); if ($7 == "ABS" && n ~ "@@" v "$") next
		t = $4; if (t == "IFUNC") t = "FUNC"; print n, t, ($4 == "OBJECT" || $4 == "TLS") ? $3 : "-" }' | sort
}
versions() {
	"$READELF" -V -W "$1" | awk '/Rev: .*Name: / { print $NF }'
}
not() { ! "$@"; }
# all_lines_in FILE LINE...: each LINE is a whole line of FILE.
all_lines_in() {
	local f=$1 l
	shift
	for l in "$@"; do grep -qx -- "$l" "$f" || return 1; done
}

# --- an exact stub ---------------------------------------------------------
check "stub of the system libstdc++" "$mg" stub "$libstdcxx" -o "$tmp/exact"
check "the stub is named by the SONAME" test -f "$tmp/exact/libstdc++.so.6"
interface "$libstdcxx" >"$tmp/want"
interface "$tmp/exact/libstdc++.so.6" >"$tmp/got"
if diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
	ok "the stub exports exactly the library's symbols, versions (@/@@), types and data sizes ($(wc -l <"$tmp/want"))"
else
	not_ok "the stub's interface differs"; diag "$(head -n 20 "$tmp/diff")"
fi
check "the stub defines the same versions in the same order" \
	cmp <(versions "$libstdcxx") <(versions "$tmp/exact/libstdc++.so.6")
check "the stub has no code worth running (under 2% of the library's .text)" \
	test "$(size -A "$tmp/exact/libstdc++.so.6" | awk '$1 == ".text" { print $2 }')" -lt \
	"$(( $(size -A "$libstdcxx" | awk '$1 == ".text" { print $2 }') / 50 ))"
"$mg" stub "$libstdcxx" -o "$tmp/exact2" && check "the same input gives the same bytes" \
	cmp "$tmp/exact/libstdc++.so.6" "$tmp/exact2/libstdc++.so.6"

# --- capped at manylinux_2_28's versions -----------------------------------
check "stub capped at GLIBCXX_3.4.24 / CXXABI_1.3.11" \
	"$mg" stub "$libstdcxx" --cap GLIBCXX_3.4.24 --cap CXXABI_1.3.11 -o "$tmp/capped"
capped=$tmp/capped/libstdc++.so.6
versions "$capped" >"$tmp/capped-versions"
interface "$capped" >"$tmp/capped-interface"
check "no version above the caps remains" \
	not grep -E '^(GLIBCXX_3\.4\.(2[5-9]|3[0-9])|CXXABI_1\.3\.1[2-9])$' "$tmp/capped-versions"
check "versions within the caps remain (GLIBCXX_3.4.24, CXXABI_1.3.11, CXXABI_TM_1)" \
	all_lines_in "$tmp/capped-versions" GLIBCXX_3.4.24 CXXABI_1.3.11 CXXABI_TM_1
cv=_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE
check "condition_variable::wait is @@GLIBCXX_3.4.30 in the library" grep -q "^$cv@@GLIBCXX_3.4.30 " "$tmp/want"
check "and @GLIBCXX_3.4.11 (hidden, older)" grep -q "^$cv@GLIBCXX_3.4.11 " "$tmp/want"
check "capped, its default becomes GLIBCXX_3.4.11, as in the older runtime" \
	grep -q "^$cv@@GLIBCXX_3.4.11 " "$tmp/capped-interface"
check "capped, its GLIBCXX_3.4.30 version is gone" not grep -q "^$cv@@*GLIBCXX_3.4.30" "$tmp/capped-interface"

# --- the stub bounds the link ----------------------------------------------
cat >"$tmp/newer.cc" <<'SRC'
#include <charconv>
#include <cstdio>
int main() { char b[32]; auto r = std::to_chars(b, b + 32, 0.5); std::printf("%.*s\n", int(r.ptr - b), b); }
SRC
cat >"$tmp/older.cc" <<'SRC'
#include <iostream>
int main() { std::cout << "copy-relocated cout works" << std::endl; }
SRC
g++ -std=c++17 -c -o "$tmp/newer.o" "$tmp/newer.cc" && g++ -c -fno-pie -o "$tmp/older.o" "$tmp/older.cc" || bail "compile"
if g++ -o "$tmp/newer" "$tmp/newer.o" -nodefaultlibs "$capped" -lm -lc -lgcc_s 2>"$tmp/err"; then
	not_ok "linking a newer symbol against the capped stub fails"
else
	check "linking std::to_chars(double) against the capped stub fails: undefined reference" \
		grep -q "undefined reference to \`std::to_chars(char\*, char\*, double)'" "$tmp/err"
fi
check "the same program links against the exact stub" \
	g++ -o "$tmp/newer" "$tmp/newer.o" -nodefaultlibs "$tmp/exact/libstdc++.so.6" -lm -lc -lgcc_s
check "a non-PIE program copy-relocating std::cout links against the capped stub" \
	g++ -no-pie -o "$tmp/older" "$tmp/older.o" -nodefaultlibs "$capped" -lm -lc -lgcc_s
want_size=$("$READELF" --dyn-syms -W "$libstdcxx" | awk '$8 == "_ZSt4cout@@GLIBCXX_3.4" { print $3 }')
got_size=$("$READELF" --dyn-syms -W "$tmp/older" | awk '$8 ~ /^_ZSt4cout@/ { print $3 }')
check "the copy relocation has std::cout's real size ($want_size)" [ -n "$want_size" ] && [ "$want_size" = "$got_size" ]
check "and runs on the real runtime" grep -q 'copy-relocated cout works' <("$tmp/older")

# --- other versioned libraries: glibc --------------------------------------
check "stub of libc.so.6 capped at GLIBC_2.28" "$mg" stub "$libc" --cap GLIBC_2.28 -o "$tmp/libc"
versions "$tmp/libc/libc.so.6" >"$tmp/libc-versions"
check "it keeps GLIBC_2.28" all_lines_in "$tmp/libc-versions" GLIBC_2.28 GLIBC_2.2.5
check "it defines nothing above GLIBC_2.28" not grep -E '^GLIBC_2\.(29|[3-9][0-9])$' "$tmp/libc-versions"

# --- bad input ---------------------------------------------------------------
expect_error() { # DESCRIPTION PATTERN ARGS...
	local d=$1 pat=$2
	shift 2
	rm -rf "$tmp/out"
	if "$mg" stub "$@" -o "$tmp/out" 2>"$tmp/err"; then
		not_ok "$d: accepted"
	elif grep -q -- "$pat" "$tmp/err" && [ -z "$(ls -A "$tmp/out" 2>/dev/null)" ]; then
		ok "$d: $(head -n 1 "$tmp/err")"
	else
		not_ok "$d"; diag "$(cat "$tmp/err")"; ls -la "$tmp/out" 2>/dev/null | sed 's/^/# /'
	fi
}
printf 'not an ELF file\n' >"$tmp/text"
head -c 3000 "$libstdcxx" >"$tmp/truncated.so"
cc -shared -fPIC -o "$tmp/unversioned.so" -Wl,-soname,libunversioned.so -x c - <<<'int f(void) { return 1; }'
cc -o "$tmp/exe" -x c - <<<'int main(void) { return 0; }'
expect_error "a missing file" "No such file" "$tmp/missing.so"
expect_error "a text file" "not an ELF file" "$tmp/text"
expect_error "a truncated library" "truncated\|out of range\|beyond" "$tmp/truncated.so"
expect_error "a library without versions, with --cap" "defines no symbol versions" "$tmp/unversioned.so" --cap GLIBC_2.17
expect_error "an executable (no SONAME)" "no SONAME" "$tmp/exe"
expect_error "a malformed --cap" "expected PREFIX_VERSION" "$libstdcxx" --cap GLIBCXX
done_testing

#!/bin/sh
# The runtime directory in the wrappers' cache is trusted only when it
# matches its SHA256SUMS: a damaged one (a member deleted from the
# nonshared archive, a truncated or garbage archive) is made again by the
# compiler wrapper, and refused by the linker wrapper; and an output that
# still leaves a newer runtime name undefined (the digest made to match a
# damaged archive) is an error of the linker wrapper, `manyguard show` and
# `manyguard audit` alike.  Proof by execution: the outputs are loaded
# with Debian bullseye's libstdc++ (GLIBCXX_3.4.28), which lacks
# std::to_chars(double) (GLIBCXX_3.4.29).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
. "$top_srcdir/tests/fixtures/bullseye.sh"
mg=$top_builddir/tools/manyguard
wb=$top_builddir/wrappers/bin

cp "$top_srcdir/tests/wrappers/ld/to_chars.cc" .
g++ -O0 -o dlhost "$fixtures/dlhost.cc" -Wl,--no-as-needed -ldl -lstdc++ || bail "build dlhost"
# run_on_bullseye SO: load SO into a C++ process running on bullseye's
# libstdc++; prints what it printed, dlerror()'s text on failure.
run_on_bullseye() {
	LD_LIBRARY_PATH=$bullseye_ld_path ./dlhost "./$1" 2>&1
}
link() {
	rm -f "$1"
	"$wcxx" -std=c++17 -O0 -shared -fPIC to_chars.cc -o "$1" >"$1.log" 2>&1
}

if [ -n "$bullseye_missing" ]; then
	bullseye_unavailable
	done_testing
	exit
fi

link ok.so
rt=$(ls -d "$MANYGUARD_CACHE_DIR"/runtime/manylinux_2_28-* | grep -vE '\.(lock|stamp)$')
check "a fresh runtime directory carries SHA256SUMS, which sha256sum -c accepts" \
	sh -c "cd '$rt' && sha256sum --quiet -c SHA256SUMS"
check "... covering every file in it" \
	test "$(ls "$rt" | grep -vcx SHA256SUMS)" -eq "$(wc -l <"$rt/SHA256SUMS")"
check "the intact cache's output runs on bullseye's libstdc++" test "$(run_on_bullseye ok.so)" = 1.5

# A member deleted: the archive stays a valid archive that links.
ar d "$rt/libstdc++_nonshared.a" floating_to_chars.o || bail "ar d"
link del.so
check "a deleted archive member: the compiler wrapper links (exit $?)" test -f del.so
check "... warning that the directory did not match its digest and was made again" \
	grep -q "^manyguard-c++: warning: $rt/libstdc++_nonshared.a: its content differs from the digest in SHA256SUMS: the runtime directory was damaged, and is made again" del.so.log
check "... the member is back" sh -c "ar t '$rt/libstdc++_nonshared.a' | grep -qx floating_to_chars.o"
out=$(run_on_bullseye del.so)
check "... and the output runs on bullseye's libstdc++ ($out)" test "$out" = 1.5

for damage in truncated garbage; do
	case $damage in
	truncated) truncate -s 1000 "$rt/libstdc++_nonshared.a" ;;
	garbage) echo garbage >"$rt/libstdc++_nonshared.a" ;;
	esac
	link "$damage.so"
	check "a $damage archive: the link succeeds, warning about $rt" \
		sh -c "test -f $damage.so && grep -q '^manyguard-c++: warning: $rt/libstdc++_nonshared.a: .*made again' $damage.so.log"
	check "... and no linker error about the archive" sh -c "! grep -q 'file format' $damage.so.log"
	check "... and runs on bullseye's libstdc++" test "$(run_on_bullseye "$damage.so")" = 1.5
done
rm "$rt/newer-symbols.txt"
link gone.so
check "a file of the directory deleted: made again" \
	grep -q "^manyguard-c++: warning: $rt/newer-symbols.txt: missing (SHA256SUMS lists it)" gone.so.log
echo x >"$rt/extra.o"
link extra.so
check "a file added to the directory: made again" \
	sh -c "grep -q '^manyguard-c++: warning: $rt/extra.o: not listed in SHA256SUMS' extra.so.log && test ! -e '$rt/extra.o'"
link again.so
check "an intact directory is used as it is, silently" test ! -s again.so.log

# The linker wrapper, given a damaged directory directly, refuses it.
ar d "$rt/libstdc++_nonshared.a" floating_to_chars.o || bail "ar d"
rm -f direct.so
MANYGUARD_RUNTIME_DIR=$rt g++ -B "$wb/" -std=c++17 -O0 -shared -fPIC to_chars.cc -L "$rt" \
	-o direct.so 2>direct.log
check "the linker wrapper refuses a damaged MANYGUARD_RUNTIME_DIR, naming the file" \
	sh -c "test ! -e direct.so && grep -q '^manyguard-ld: error: the runtime directory (MANYGUARD_RUNTIME_DIR) cannot be trusted: $rt/libstdc++_nonshared.a: its content differs' direct.log"

# The digest made to match the damaged archive: only the verifier stands
# between the link and an output that fails on the baseline.
(cd "$rt" && rm SHA256SUMS && sha256sum -- * >SHA256SUMS) || bail "sha256sum"
rm -f forged.so
MANYGUARD_RUNTIME_DIR=$rt g++ -B "$wb/" -std=c++17 -O0 -shared -fPIC to_chars.cc -L "$rt" \
	-o forged.so 2>forged.log
check "an output leaving std::to_chars(double) undefined is refused [symbol-version]" \
	sh -c "test ! -e forged.so && grep -q '^manyguard-ld: error: forged.so needs std::to_chars(char\*, char\*, double) (GLIBCXX_3.4.29), which libstdc++.so.6 does not provide for manylinux_2_28: the file fails to load there \[symbol-version\]' forged.log"
check "... saying why" grep -q "^manyguard-ld: note: why: the runtime directory's libstdc++_nonshared.a provides it, yet nothing in the link defined it" forged.log
# The same file linked without the wrapper: what show and audit see.
g++ -std=c++17 -O0 -shared -fPIC to_chars.cc -L "$rt" -o plain.so || bail "plain link"
check "(the file leaves _ZSt8to_charsPcS_d undefined, bound to no version)" \
	sh -c "nm -D plain.so | grep -qx ' *U _ZSt8to_charsPcS_d'"
out=$(run_on_bullseye plain.so)
check "(it fails to load on bullseye's libstdc++: $out)" \
	sh -c "echo '$out' | grep -q 'undefined symbol: _ZSt8to_charsPcS_d'"
check "(while it loads here, where libstdc++ is newer)" test "$(./dlhost ./plain.so)" = 1.5
"$mg" show plain.so >show.txt
check "manyguard show: exit 1" test $? -eq 1
check "... naming the symbol" grep -qx '      _ZSt8to_charsPcS_d  (std::to_chars(char\*, char\*, double))' show.txt
check "... as symbol-version" grep -q '^  symbol-version: a name is left undefined that libstdc++.so.6 has only at GLIBCXX_3.4.29' show.txt
"$mg" audit plain.so >audit.txt
check "manyguard audit: exit 1" test $? -eq 1
check "... naming the symbol and the baseline" \
	grep -q 'error *symbol-version plain.so: leaves _ZSt8to_charsPcS_d undefined, which libstdc++.so.6 has only at GLIBCXX_3.4.29, newer than manylinux_2_28 allows' audit.txt
done_testing

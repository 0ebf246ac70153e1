#!/bin/sh
# C++ compiles and preprocessing get the baseline's ABI flags from the
# policy's GLIBCXX cap (or the baseline's versions) without the runtime
# directory (issue 20): a -c, -E or -M makes no runtime directory, works
# with a compiler that has no libstdc++.a, and GCC and clang get the same
# flags (manylinux_2_17: -D_GLIBCXX_USE_CXX11_ABI=0; manylinux_2_28: none).
# GCC runs with MANYGUARD_PLUGIN=off here: the plugin itself reads the
# runtime directory's newer-symbols.txt (docs/plugin.md), without its
# digest checked (the last checks).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
use_build_tree
export MANYGUARD_POLICY_DIR="$top_srcdir/policy" MANYGUARD_PLUGIN=off
cd "$tmp" || bail "cd $tmp"
cxx="$top_builddir/wrappers/manyguard-c++"
printf '#include <string>\nstd::string f() { return "x"; }\n' >s.cc

# abi_macro POLICY DRIVER ARG...: the value of _GLIBCXX_USE_CXX11_ABI after
# <string>, preprocessed through the wrapper.
abi_macro() {
	MANYGUARD_POLICY=$1 MANYGUARD_CXX=$2 "$cxx" -E -dM s.cc |
		sed -n 's/^#define _GLIBCXX_USE_CXX11_ABI //p'
}

drivers=g++
if command -v clang++ >/dev/null 2>&1; then drivers="g++ clang++"; else skip "clang++ is not installed"; fi
for drv in $drivers; do
	for policy in manylinux_2_17 manylinux_2_28; do
		case $policy in manylinux_2_17) want=0 cxx11=0 ;; *) want=1 cxx11=1 ;; esac
		rm -rf "$MANYGUARD_CACHE_DIR" s.o
		MANYGUARD_POLICY=$policy MANYGUARD_CXX=$drv "$cxx" -c s.cc -o s.o 2>err.txt
		check "$drv -c, $policy: compiles" test -f s.o
		check "$drv -c, $policy: no runtime directory made" test ! -e "$MANYGUARD_CACHE_DIR/runtime"
		n=$(nm s.o | grep -c __cxx11)
		if [ "$cxx11" = 1 ]; then
			check "$drv -c, $policy: the new ABI (std::__cxx11 names)" test "$n" -gt 0
		else
			check "$drv -c, $policy: the old ABI (no std::__cxx11 name)" test "$n" -eq 0
		fi
		check "$drv -E, $policy: _GLIBCXX_USE_CXX11_ABI is $want" test "$(abi_macro $policy $drv)" = "$want"
		MANYGUARD_POLICY=$policy MANYGUARD_CXX=$drv "$cxx" -M s.cc >deps.txt
		check "$drv -M, $policy: dependencies, no runtime directory made" \
			sh -c "grep -q string deps.txt && test ! -e '$MANYGUARD_CACHE_DIR/runtime'"
	done
	check "$drv: -D_GLIBCXX_USE_CXX11_ABI=1 on the command line wins" \
		sh -c "MANYGUARD_POLICY=manylinux_2_17 MANYGUARD_CXX=$drv '$cxx' -D_GLIBCXX_USE_CXX11_ABI=1 -E -dM s.cc | grep -qx '#define _GLIBCXX_USE_CXX11_ABI 1'"
done

# A compiler without libstdc++.a (the runtime directory cannot be made):
# compiles work, a link says why it cannot.
mkdir nolib
cat >nolib/g++ <<'EOF'
#!/bin/sh
case $* in *-print-file-name=libstdc++.a*) echo libstdc++.a; exit 0 ;; esac
exec /usr/bin/g++ "$@"
EOF
chmod +x nolib/g++
rm -rf "$MANYGUARD_CACHE_DIR" s.o
MANYGUARD_POLICY=manylinux_2_17 MANYGUARD_CXX="$tmp/nolib/g++" "$cxx" -c s.cc -o s.o 2>err.txt
check "a compiler without libstdc++.a: -c compiles (old ABI)" \
	sh -c "test -f s.o && ! nm s.o | grep -q __cxx11"
[ -s err.txt ] && diag "$(cat err.txt)"
if MANYGUARD_CXX="$tmp/nolib/g++" "$cxx" -shared s.o -o s.so 2>err.txt; then
	not_ok "a compiler without libstdc++.a: a link fails"
else
	check "a compiler without libstdc++.a: a link fails, naming libstdc++.a" grep -q 'libstdc++.a' err.txt
fi

# Links and compiles agree: the runtime directory's cxxflags (made by a
# link) say what the compiles used; its stub libstdc++.so.6 as a real
# baseline gets the same flags from its versions.
rm -rf "$MANYGUARD_CACHE_DIR"
MANYGUARD_POLICY=manylinux_2_17 "$cxx" -fPIC -shared s.cc -o s.so 2>err.txt || diag "$(cat err.txt)"
rtdir=$(ls -d "$MANYGUARD_CACHE_DIR"/runtime/manylinux_2_17-*/ | head -n 1)
check "a manylinux_2_17 link: the runtime directory's cxxflags is the old ABI" \
	grep -qx -- '-D_GLIBCXX_USE_CXX11_ABI=0' "$rtdir/cxxflags"
cp "$rtdir/libstdc++.so.6" old-libstdc++.so.6
check "a baseline with GLIBCXX_3.4.19 (MANYGUARD_BASELINE_LIBSTDCXX): -E has the old ABI" \
	sh -c "MANYGUARD_BASELINE_LIBSTDCXX='$tmp/old-libstdc++.so.6' '$cxx' -E -dM s.cc | grep -qx '#define _GLIBCXX_USE_CXX11_ABI 0'"

# GCC's plugin reads the runtime directory's newer-symbols.txt for C++
# compiles: an existing directory is used as it is (its SHA256SUMS are
# checked by links, which use the nonshared archive: hashing it cost every
# compile ~25 ms).  A damaged archive is left alone by a compile and made
# again by the next link.
archive="$rtdir/libstdc++_nonshared.a"
printf 'damage' >>"$archive"
MANYGUARD_PLUGIN=on MANYGUARD_POLICY=manylinux_2_17 "$cxx" -c s.cc -o s.o 2>err.txt
check "plugin on: a -c compiles silently with the existing runtime directory" \
	sh -c "test -f s.o && ! test -s err.txt && tail -c 6 '$archive' | grep -qx damage"
[ -s err.txt ] && diag "$(cat err.txt)"
MANYGUARD_PLUGIN=on MANYGUARD_POLICY=manylinux_2_17 "$cxx" -fPIC -shared s.cc -o s.so 2>err.txt
check "... the next link finds the damage and makes the directory again" \
	grep -q "libstdc++_nonshared.a: .*made again" err.txt

done_testing

#!/bin/sh
# Links under -flto through manyguard-c++ (issue 20): the user's own
# template instantiations, which plain g++ -flto exports too, are no
# [nonshared-export] (what the user's LTO objects define comes from what
# the linker resolved: GCC's plugin resolution, the members the linker
# pulled), the manifest names the reference that pulled each member of the
# nonshared archive, and standard output and standard error are what the
# plain compiler prints (nothing; lto-wrapper's temporary objects, named in
# the linker's trace, are not passed on).  GNU ld and gold with GCC; lld,
# GNU ld and gold with clang (full and thin LTO).  lld cannot read GCC's
# LTO objects at all (it ignores GCC's plugin): plain g++ -fuse-ld=lld
# -flto makes a library without the objects' code, which the wrapper
# refuses, naming the objects and the fix (-ffat-lto-objects or GNU ld/gold).
# With MANYGUARD_MANIFEST=0 too: the nonshared check still gets what it
# needs (GCC's resolution file; for clang's bitcode, the linker's trace or
# --why-extract, asked for anyway).
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
use_build_tree
export MANYGUARD_POLICY_DIR="$top_srcdir/policy"
. "$top_srcdir/tests/wrappers/ld/common.sh"
cd "$tmp" || bail "cd $tmp"
cxx="$top_builddir/wrappers/manyguard-c++"
mg="$top_builddir/tools/manyguard"

# The program, verbatim.
printf '#include <memory>\nstruct A{virtual ~A(){}};\nstd::shared_ptr<A> make(){return std::make_shared<A>();}\n' >sp.cc

# same_as_plain DESC DRIVER ARG...: DRIVER ARG... -o plain.so and, through
# manyguard-c++ with MANYGUARD_CXX=DRIVER, ARG... -o libsp.so: both succeed,
# print the same on stdout and on stderr (nothing), and export the same
# dynamic symbols.
same_as_plain() {
	sp_d=$1 drv=$2
	shift 2
	rm -f plain.so libsp.so
	"$drv" "$@" -o plain.so >plain.out 2>plain.err || { not_ok "$sp_d: plain $drv links"; return; }
	if MANYGUARD_CXX=$drv "$cxx" "$@" -o libsp.so >mg.out 2>mg.err; then
		ok "$sp_d: links through manyguard-c++"
	else
		not_ok "$sp_d: links through manyguard-c++"; diag "$(cat mg.err)"; return
	fi
	check "$sp_d: stdout is plain $drv's (empty)" cmp plain.out mg.out
	[ -s mg.out ] && diag "stdout: $(cat mg.out)"
	check "$sp_d: stderr is plain $drv's (empty)" cmp plain.err mg.err
	nm -D --defined-only plain.so | awk '{print $NF}' | sort >plain.syms
	nm -D --defined-only libsp.so | awk '{print $NF}' | sort >mg.syms
	check "$sp_d: the same dynamic symbols as plain $drv (the user's instantiations)" \
		sh -c 'cmp plain.syms mg.syms && grep -qx _ZTISt16_Sp_counted_baseILN9__gnu_cxx12_Lock_policyE2EE mg.syms'
}

for ld in bfd gold; do
	same_as_plain "g++ -flto, $ld" g++ -fuse-ld=$ld -O2 -flto -shared -fPIC sp.cc
	"$mg" manifest libsp.so >manifest.txt 2>&1
	check "g++ -flto, $ld: the manifest labels no member (--whole-archive)" \
		sh -c '! grep -q -- "(--whole-archive)" manifest.txt'
	check "g++ -flto, $ld: functexcept.o pulled by the LTO object's reference (the plugin's resolution)" \
		grep -q '^    std::__throw_[a-z_]*()  (functexcept.o, for <compiler temporary 1>)$' manifest.txt
	diag "$(grep -A3 'linked privately' manifest.txt)"
	# Without the manifest the linker is asked for nothing: the plugin's
	# resolution alone acquits.
	rm -f libsp.so
	MANYGUARD_MANIFEST=0 "$cxx" -fuse-ld=$ld -O2 -flto -shared -fPIC sp.cc -o libsp.so \
		>mg.out 2>mg.err
	check "g++ -flto, $ld, MANYGUARD_MANIFEST=0: links, silently" \
		sh -c '[ -f libsp.so ] && ! [ -s mg.out ] && ! [ -s mg.err ]'
done

# lld and GCC's LTO objects: lld ignores GCC's plugin and links the
# objects' empty ELF shells.  Plain g++ -fuse-ld=lld -flto "succeeds" with
# a library holding none of the code (it exports only __gnu_lto_slim);
# through manyguard the link is refused, with the cause and the fix.
# lto_refused DESC OUTPUT NAMED CMD...: CMD fails with manyguard's error on
# GCC's LTO objects and lld, the note naming NAMED (a grep -E pattern) and
# the fix, and leaves no OUTPUT.
lto_refused() {
	lr_d=$1 lr_out=$2 lr_named=$3
	shift 3
	rm -f "$lr_out"
	if "$@" >mg.out 2>mg.err; then
		not_ok "$lr_d: refused"; return
	fi
	check "$lr_d: refused: ld.lld does not read GCC's LTO IR" \
		grep -q "^manyguard-ld: error: .*ld.lld does not read GCC's LTO IR (it ignores GCC's LTO plugin)" mg.err
	check "$lr_d: ... names the LTO objects" \
		grep -Eq "^manyguard-ld: note: GCC's LTO objects \(-flto without -ffat-lto-objects\): $lr_named\$" mg.err
	check "$lr_d: ... and the fix" \
		grep -q "^manyguard-ld: note: fix: link with GNU ld or gold (-fuse-ld=bfd or -fuse-ld=gold), which run GCC's LTO plugin, or compile with -ffat-lto-objects" mg.err
	check "$lr_d: ... no output is left" test ! -e "$lr_out"
	grep -q '^manyguard-ld: ' mg.err || diag "$(cat mg.err)"
}
if have ld.lld; then
	g++ -fuse-ld=lld -O2 -flto -shared -fPIC sp.cc -o plain.so ||
		bail "plain g++ -fuse-ld=lld -flto"
	nm -D --defined-only plain.so 2>/dev/null | awk '{print $NF}' >plain.syms
	check "plain g++ -flto, lld: the library exports __gnu_lto_slim and none of its code (lld's doing)" \
		sh -c 'grep -qx __gnu_lto_slim plain.syms && ! grep -qx _Z4makev plain.syms'
	lto_refused "g++ -flto, lld" libsp.so '/tmp/[^ ]*\.o' \
		"$cxx" -fuse-ld=lld -O2 -flto -shared -fPIC sp.cc -o libsp.so
	lto_refused "g++ -flto, lld, MANYGUARD_MANIFEST=0" libsp.so '/tmp/[^ ]*\.o' \
		env MANYGUARD_MANIFEST=0 "$cxx" -fuse-ld=lld -O2 -flto -shared -fPIC sp.cc -o libsp.so
	# A version script that hides everything hides the marker too.
	printf '{ local: *; };\n' >hide.map
	lto_refused "g++ -flto, lld, a version script hiding everything" libsp.so '/tmp/[^ ]*\.o' \
		"$cxx" -fuse-ld=lld -O2 -flto -shared -fPIC sp.cc -Wl,--version-script=hide.map -o libsp.so
	# The LTO objects in an archive, pulled by a compiled object.
	g++ -O2 -flto -fPIC -c sp.cc -o slim.o && ar rcs libslim.a slim.o || bail "libslim.a"
	printf '#include <memory>\nstruct A;\nstd::shared_ptr<A> make();\nint use(){return make()?1:0;}\n' >use.cc
	g++ -O2 -fPIC -c use.cc -o use.o || bail "use.o"
	lto_refused "g++, lld, an archive of LTO objects" libuse.so '\./libslim\.a\(slim\.o\)' \
		"$cxx" -fuse-ld=lld -shared use.o -L. -lslim -o libuse.so
	# An executable: lld fails (main is undefined); the cause is explained.
	printf '#include <cstdio>\nint main(){std::puts("hi");}\n' >hi.cc
	lto_refused "g++ -flto, lld, an executable" hi '/tmp/[^ ]*\.o' \
		"$cxx" -fuse-ld=lld -O2 -flto hi.cc -o hi
	check "g++ -flto, lld, an executable: lld's own error passes through" \
		grep -q "^ld.lld: error: undefined symbol: main" mg.err
	# The fix works: fat LTO objects hold machine code lld links.
	same_as_plain "g++ -flto -ffat-lto-objects, lld" g++ -fuse-ld=lld -O2 -flto -ffat-lto-objects \
		-shared -fPIC sp.cc
	check "g++ -flto -ffat-lto-objects, lld: the library exports its code" grep -qx _Z4makev mg.syms
else
	skip "ld.lld is not installed"
fi

if have clang++; then
	for lto in -flto -flto=thin; do
		for ld in lld bfd gold; do
			same_as_plain "clang++ $lto, $ld" clang++ -fuse-ld=$ld -O2 $lto -shared -fPIC sp.cc
			# Without the manifest the linker is still asked which
			# members it pulled: bitcode has no symbols to acquit by.
			rm -f libsp.so
			MANYGUARD_MANIFEST=0 MANYGUARD_CXX=clang++ "$cxx" -fuse-ld=$ld -O2 $lto -shared \
				-fPIC sp.cc -o libsp.so >mg.out 2>mg.err
			check "clang++ $lto, $ld, MANYGUARD_MANIFEST=0: links, silently" \
				sh -c '[ -f libsp.so ] && ! [ -s mg.out ] && ! [ -s mg.err ]'
			[ -s mg.err ] && diag "$(cat mg.err)"
			check "clang++ $lto, $ld, MANYGUARD_MANIFEST=0: no manifest" \
				sh -c '! readelf -SW libsp.so | grep -q manyguard'
		done
	done
else
	skip "clang++ is not installed: no LLVM LTO"
fi

# What the nonshared archive really exports is still found under LTO: a
# runtime directory whose archive leaves its symbols visible.
rt="$tmp/cache/leaky"
libstdcxx_a=$(g++ -print-file-name=libstdc++.a)
if "$mg" nonshared --policy manylinux_2_28 -o "$rt" >ns.log 2>&1 &&
	rm "$rt/libstdc++_nonshared.a" &&
	(cd "$rt" && ar x "$libstdcxx_a" floating_to_chars.o &&
		ar rc libstdc++_nonshared.a floating_to_chars.o && rm floating_to_chars.o &&
		rm SHA256SUMS && sha256sum -- * >SHA256SUMS); then
	g++ -std=c++17 -O2 -flto -fPIC -c -o tc.o "$fx/to_chars.cc" || bail "compile to_chars.cc"
	for ld in bfd gold; do
		link_fails "g++ -flto, $ld: an exported symbol of a visible nonshared archive" tc.so \
			nonshared-export env MANYGUARD_RUNTIME_DIR="$rt" g++ -fuse-ld=$ld -flto -B "$wb/" \
			-shared tc.o "$rt/libstdc++_nonshared.a" -o tc.so
		check "g++ -flto, $ld: ... names std::to_chars(char*, char*, double)" \
			grep -qx 'manyguard-ld: note: exported: std::to_chars(char\*, char\*, double)' err.txt
	done
	# clang's bitcode, without the manifest: the members the linker
	# pulled still count (and nothing acquits them).
	if have clang++; then
		clang++ -std=c++17 -O2 -flto -fPIC -c -o tcl.o "$fx/to_chars.cc" ||
			bail "clang++ -flto to_chars.cc"
		for ld in lld bfd gold; do
			link_fails "clang++ -flto, $ld, MANYGUARD_MANIFEST=0: an exported symbol of a visible nonshared archive" \
				tc.so nonshared-export env MANYGUARD_MANIFEST=0 MANYGUARD_RUNTIME_DIR="$rt" \
				clang++ -fuse-ld=$ld -flto -B "$wb/" -shared tcl.o "$rt/libstdc++_nonshared.a" -o tc.so
			check "clang++ -flto, $ld, MANYGUARD_MANIFEST=0: ... names std::to_chars(char*, char*, double)" \
				grep -qx 'manyguard-ld: note: exported: std::to_chars(char\*, char\*, double)' err.txt
		done
	fi
else
	not_ok "manyguard nonshared makes the runtime directory"; diag "$(cat ns.log)"
fi

done_testing

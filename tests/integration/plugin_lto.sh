#!/bin/sh
# The plugin under -flto: cc1plus reports uses and writes notes into the
# LTO objects; at link time lto1 loads it in WPA and LTRANS without a crash,
# reports nothing, and writes notes into the LTRANS objects (which keep
# only what survives whole-program optimisation); the program works.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/plugin_lib.sh"
dump="$top_builddir/tests/unit/objnotes_dump"
to_chars="'std::to_chars(char*, char*, double)' needs GLIBCXX_3.4.29, newer than manylinux_2_28; it will be linked privately from the nonshared archive"

for cxx in $compilers; do
	runtime "$cxx"
	flags=$(plugin_flags "$cxx")
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -flto -c uses.cc -o uses.o $flags -fplugin-arg-manyguard-report 2>uses.err
	check "$cxx -flto -c: compiles, an LTO object" sh -c "[ $? -eq 0 ] && $READELF -SW uses.o | grep -qF .gnu.lto_"
	check "$cxx -flto -c: the to_chars use is reported in cc1plus" grep -qxF "uses.cc:14:31: note: $to_chars" uses.err
	check "$cxx -flto -c: the LTO object carries the notes (language c++, the use)" \
		sh -c "$dump uses.o | grep -qxF language=c++ && $dump uses.o | grep -qxF 'use uses.cc:14:24 _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided'"
	# shellcheck disable=SC2086
	"$cxx" -O2 -flto -c main.cc -o main.o $flags -fplugin-arg-manyguard-report 2>main.err
	check "$cxx -flto -c main.cc: nothing to report" sh -c "[ $? -eq 0 ] && ! [ -s main.err ]"

	rm -rf link && mkdir link
	# shellcheck disable=SC2086
	(cd link && "$cxx" -O2 -flto -save-temps -o prog ../main.o ../uses.o $flags \
		-fplugin-arg-manyguard-report -fplugin-arg-manyguard-strict) >link.out 2>link.err
	rc=$?
	check "$cxx -flto link (WPA + LTRANS with the plugin, -strict): succeeds, no diagnostics" \
		sh -c "[ $rc -eq 0 ] && ! [ -s link.err ]"
	sed 's/^/# /' link.err
	ltrans=$(ls link/*.ltrans*.ltrans.o 2>/dev/null | head -n 1)
	check "$cxx: LTRANS wrote an object" test -n "$ltrans"
	cat >want <<EOF2
unit 0
producer=manyguard-plugin $(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")
compiler=gcc $("$cxx" -dumpfullversion)
language=lto
baseline=manylinux_2_28
use ../uses.cc:14:24 _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided
EOF2
	# lto1 names sources relative to the link's directory (link/).
	"$dump" "$ltrans" >got 2>&1
	if cmp -s want got; then ok "$cxx: the LTRANS object's notes: only format_double's to_chars survives"
	else not_ok "$cxx: the LTRANS object's notes"; diff want got | sed 's/^/# /'; fi
	check "$cxx: the program has no notes section and prints 1.5" \
		sh -c "! $READELF -SW link/prog | grep -qF manyguard && test \"\$(link/prog)\" = 1.5"
done
done_testing

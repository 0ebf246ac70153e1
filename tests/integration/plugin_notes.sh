#!/bin/sh
# The object notes the GCC plugin writes, with every GCC it is built for:
# the section (SHF_EXCLUDE) and its exact contents for real sources, the
# option facts under various flags, its absence from linked outputs, `ld -r`
# (two units), byte-identical objects with the plugin disabled.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/plugin_lib.sh"
dump="$top_builddir/tests/unit/objnotes_dump"
version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")

for cxx in $compilers; do
	n=$(major "$cxx")
	full=$("$cxx" -dumpfullversion)
	flags=$(plugin_flags "$cxx")
	cc=$(echo "$cxx" | sed 's/g++/gcc/')
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -fPIC -c uses.cc -o uses.o $flags 2>err || { cat err; bail "$cxx failed on uses.cc"; }
	check "$cxx: uses.o has .manyguard.objnotes as PROGBITS, flags exactly E (excluded, not allocated)" \
		sh -c "$READELF -SW uses.o | grep -E '\\] \\.manyguard\\.objnotes +PROGBITS +0+ [0-9a-f]+ [0-9a-f]+ 00 +E +0 +0 +1\$' >/dev/null"
	check "$cxx: readelf -p shows the unit header and the to_chars use" \
		sh -c "$READELF -p .manyguard.objnotes uses.o | grep -F 'manyguard-objnotes 1' >/dev/null &&
			$READELF -p .manyguard.objnotes uses.o | grep -F 'symbol=_ZSt8to_charsPcS_d' >/dev/null"
	cat >want <<EOF2
unit 0
producer=manyguard-plugin $version
compiler=gcc $full
language=c++
std=c++20
pic=2
pie=0
openmp=0
glibcxx_use_cxx11_abi=1
exceptions=1
rtti=1
baseline=manylinux_2_28
use uses.cc:14:24 _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided
use uses.cc:32:17 _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided
use uses.cc:35:8 _ZNSt3pmr15memory_resourceD2Ev GLIBCXX_3.4.28 provided
use uses.cc:35:8 _ZTINSt3pmr15memory_resourceE GLIBCXX_3.4.28 provided
use uses.cc:46:27 _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided
EOF2
	"$dump" uses.o >got 2>&1
	if cmp -s want got; then ok "$cxx -O2: notes of uses.o exactly (calls, initialiser, vtable/typeinfo, asm name; not the removed inline)"
	else not_ok "$cxx -O2: notes of uses.o"; diff want got | sed 's/^/# /'; fi

	# Option facts (flags.cc has no newer symbol up to C++17).
	check_facts() { # DESC WANT FLAGS...: the fact lines of flags.o compiled with FLAGS
		desc=$1 want=$2
		shift 2
		# shellcheck disable=SC2086
		"$cxx" "$@" -c flags.cc -o flags.o $flags
		got=$("$dump" flags.o | grep -v -e '^unit' -e '^producer' -e '^compiler' | tr '\n' ' ')
		if [ "$got" = "$want" ]; then ok "$cxx $desc"; else not_ok "$cxx $desc"; diag "got:  $got" "want: $want"; fi
	}
	check_facts "default flags" \
		"language=c++ std=gnu++17 pic=2 pie=2 openmp=0 glibcxx_use_cxx11_abi=1 exceptions=1 rtti=1 baseline=manylinux_2_28 "
	check_facts "-std=c++14 -fno-pic -D_GLIBCXX_USE_CXX11_ABI=0 -fno-exceptions -fno-rtti" \
		"language=c++ std=c++14 pic=0 pie=0 openmp=0 glibcxx_use_cxx11_abi=0 exceptions=0 rtti=0 baseline=manylinux_2_28 " \
		-std=c++14 -fno-pic -D_GLIBCXX_USE_CXX11_ABI=0 -fno-exceptions -fno-rtti
	check_facts "-fpie -std=gnu++11" \
		"language=c++ std=gnu++11 pic=1 pie=1 openmp=0 glibcxx_use_cxx11_abi=1 exceptions=1 rtti=1 baseline=manylinux_2_28 " \
		-fpie -std=gnu++11
	# shellcheck disable=SC2086
	"$cc" -std=c11 -fopenmp -fpic -c openmp.c -o openmp.o $flags
	check "$cc: C with -fopenmp: language, std, _OPENMP" test \
		"$("$dump" openmp.o | grep -v -e '^unit' -e '^producer' -e '^compiler' | tr '\n' ' ')" = \
		"language=c std=c11 pic=1 pie=0 openmp=1 openmp_version=201511 exceptions=0 baseline=manylinux_2_28 "
	"$cxx" -c flags.cc -o bare.o "-fplugin=$plugin"
	check "$cxx: without a symbols file: facts, no baseline, no symbols" test \
		"$("$dump" bare.o | grep -v -e '^unit' -e '^producer' -e '^compiler' | tr '\n' ' ')" = \
		"language=c++ std=gnu++17 pic=2 pie=2 openmp=0 glibcxx_use_cxx11_abi=1 exceptions=1 rtti=1 "

	# Linked outputs: the linker drops the section; ld -r keeps both units.
	"$cxx" -shared -fPIC -o libuses.so uses.o flags.o
	check "$cxx: the shared object linked from them has no notes section" \
		sh -c "! $READELF -SW libuses.so | grep -F manyguard >/dev/null"
	# shellcheck disable=SC2086
	"$cxx" -O2 -c main.cc -o main.o $flags
	"$cxx" -o prog main.o uses.o
	check "$cxx: the executable has no notes section and runs" \
		sh -c "! $READELF -SW prog | grep -F manyguard >/dev/null && ./prog >/dev/null"
	ld -r -o both.o uses.o flags.o
	check "$cxx: ld -r output holds both units" test "$("$dump" both.o | grep -c '^unit')" = 2

	# Disabled: nothing at all, down to the byte (also with -g, whose
	# DW_AT_producer records the command line, and for -flto objects).
	for extra in "" "-g" "-flto -frandom-seed=1"; do
		# shellcheck disable=SC2086
		"$cxx" -std=c++20 -O2 $extra -c uses.cc -o plain.o &&
		"$cxx" -std=c++20 -O2 $extra -c uses.cc -o disabled.o $flags -fplugin-arg-manyguard-report \
			-fplugin-arg-manyguard-disable 2>disabled.err
		check "$cxx -O2 $extra: with -fplugin-arg-manyguard-disable the object is byte-identical, no output" \
			sh -c "cmp plain.o disabled.o && ! test -s disabled.err"
	done
done
done_testing

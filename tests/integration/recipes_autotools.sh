#!/bin/sh
# autotools with manyguard's site file (integration/config.site): an
# autoconf + automake + libtool project configured with only
# CONFIG_SITE=.../config.site builds through the wrappers the file names by
# path (nothing on PATH).  libtool links C++ libraries with -nostdlib and
# the runtime it learned from the compiler: the result must still need at
# most manylinux_2_28's GLIBCXX_3.4.24, with no runtime symbol exported.
# The policy is fixed at configure time (MANYGUARD_POLICY as configure sees
# it) and recorded in CC/CXX; a make run with another MANYGUARD_POLICY
# stops with an error naming both.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/recipes/common.sh"

for tool in autoreconf automake libtoolize; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "$tool is not installed (apt-get install autoconf automake libtool)"
		done_testing
		exit
	fi
done
check_control
project autotools
site=$integration/config.site

(cd autotools && autoreconf -fi) >gen.log 2>&1 || { sed 's/^/# /' gen.log; bail "autoreconf of the recipe project failed"; }
mkdir b1 && (cd b1 && CONFIG_SITE=$site ../autotools/configure --prefix="$tmp/inst" &&
	make && make install) >b1.log 2>&1
st=$?
check "configure with the site file, make, make install (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b1.log | sed 's/^/# /'
check "configure read the site file" grep -q "^configure: loading site script $site" b1.log
check "configure took the wrapper the file names by path, with the policy, as the C++ compiler" \
	grep -qx "CXX='$wrappers/manyguard-c++ --manyguard-policy=manylinux_2_28'" b1/config.log
check "libtool links the library with it" \
	grep -q "^libtool: link: $wrappers/manyguard-c++ --manyguard-policy=manylinux_2_28 .*-shared.*-nostdlib" b1.log
lib=$tmp/inst/lib/libgreet.so.0
check "the installed program runs" test "$("$tmp/inst/bin/app" 2>&1)" = "greet 0.25"
check "the installed libgreet.so.0 needs at most GLIBCXX_3.4.24 ($(highest_needed "$lib" GLIBCXX_))" \
	at_most "$lib" GLIBCXX_3.4.24
check "libgreet.so.0 needs at most CXXABI_1.3.11" at_most "$lib" CXXABI_1.3.11
check "libgreet.so.0 exports no libstdc++ symbol" exports_no_runtime "$lib"
check "libgreet.so.0 and its object were built for manylinux_2_28" built_for "$lib" manylinux_2_28

# Another policy, given to configure; make runs without it.
mkdir b2 && (cd b2 && CONFIG_SITE=$site ../autotools/configure MANYGUARD_POLICY=manylinux_2_17 && make) >b2.log 2>&1
st=$?
check "configure MANYGUARD_POLICY=manylinux_2_17, then make (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b2.log | sed 's/^/# /'
lib2=b2/.libs/libgreet.so.0
check "... libgreet.so.0 needs at most manylinux_2_17's GLIBCXX_3.4.19 ($(highest_needed "$lib2" GLIBCXX_))" \
	at_most "$lib2" GLIBCXX_3.4.19
check "... libgreet.so.0 and its object were built for manylinux_2_17" built_for "$lib2" manylinux_2_17

# make from a shell that says another policy is an error naming both.
touch autotools/greet.cc
(cd b2 && MANYGUARD_POLICY=manylinux_2_28 make) >b2-mismatch.log 2>&1
st=$?
check "make in the manylinux_2_17 tree with MANYGUARD_POLICY=manylinux_2_28 fails (exit $st)" test $st != 0
check "... saying what was configured and what was found" grep -q \
	"manyguard-c++: error: this build was configured for policy manylinux_2_17 (--manyguard-policy=manylinux_2_17 in its compiler command), but MANYGUARD_POLICY=manylinux_2_28 in the environment" \
	b2-mismatch.log
check "... and the library is still the manylinux_2_17 one" built_for "$lib2" manylinux_2_17

# The wrappers' refusals reach the user through make.
mkdir b3 && (cd b3 && CONFIG_SITE=$site ../autotools/configure &&
	make LDFLAGS=-static-libstdc++) >b3.log 2>&1
st=$?
check "make LDFLAGS=-static-libstdc++ fails (exit $st)" test $st != 0
check "... with the rule id" grep -q "\[static-libstdcxx\]" b3.log
done_testing

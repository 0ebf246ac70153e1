#!/bin/sh
# autotools with CC/CXX: an autoconf + automake + libtool project, given
# only CC=manyguard-cc CXX=manyguard-c++ at configure time.  libtool links
# C++ libraries with -nostdlib and the runtime it learned from the
# compiler: the wrappers must still make the result need at most
# manylinux_2_28's GLIBCXX_3.4.24, with no runtime symbol exported.
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

(cd autotools && autoreconf -fi) >gen.log 2>&1 || { sed 's/^/# /' gen.log; bail "autoreconf of the recipe project failed"; }
mkdir b1 && (cd b1 && ../autotools/configure CC=manyguard-cc CXX=manyguard-c++ --prefix="$tmp/inst" &&
	make && make install) >b1.log 2>&1
st=$?
check "configure, make, make install with CC/CXX = the wrappers (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 b1.log | sed 's/^/# /'
check "configure took manyguard-c++ as the C++ compiler" \
	grep -q "^CXX='manyguard-c++'" b1/config.log
check "libtool links the library with manyguard-c++" \
	grep -q "^libtool: link: manyguard-c++ .*-shared.*-nostdlib" b1.log
lib=$tmp/inst/lib/libgreet.so.0
check "the installed program runs" test "$("$tmp/inst/bin/app" 2>&1)" = "greet 0.25"
check "the installed libgreet.so.0 needs at most GLIBCXX_3.4.24 ($(highest_needed "$lib" GLIBCXX_))" \
	at_most "$lib" GLIBCXX_3.4.24
check "libgreet.so.0 needs at most CXXABI_1.3.11" at_most "$lib" CXXABI_1.3.11
check "libgreet.so.0 exports no libstdc++ symbol" exports_no_runtime "$lib"

# The wrappers' refusals reach the user through make.
mkdir b2 && (cd b2 && ../autotools/configure CC=manyguard-cc CXX=manyguard-c++ &&
	make LDFLAGS=-static-libstdc++) >b2.log 2>&1
st=$?
check "make LDFLAGS=-static-libstdc++ fails (exit $st)" test $st != 0
check "... with the rule id" grep -q "\[static-libstdcxx\]" b2.log
done_testing

#!/bin/sh
# Finding the real compiler: MANYGUARD_CXX, the next c++ on PATH that is
# not the wrapper, ccache in front of and behind the wrapper, and every way
# of making the wrapper run itself reported instead of recursing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
# Objects are compared with the unwrapped compiler's: without the plugin
# (specs_wrapper.sh runs ccache and the wrapper with it).
MANYGUARD_PLUGIN=off
export MANYGUARD_PLUGIN

cp "$fixtures/hello.cc" .
g++ -c hello.cc -o plain.o
mkdir bin only
ln -s "$wcxx" bin/c++
ln -s "$wcxx" only/c++
ln -s "$wcxx" wrapper-link

# refuses_recursion DESC COMMAND...: exit 1 within 20 s, no output, and the
# message says the wrapper would run itself.
refuses_recursion() {
	d=$1
	shift
	rm -f out
	timeout 20 "$@" >o.txt 2>e.txt
	st=$?
	if [ $st -eq 1 ] && [ ! -e out ] && grep -q "manyguard-c++: error: .*itself" e.txt; then
		ok "$d"
	else
		not_ok "$d (exit $st)"
		sed 's/^/# /' e.txt | head -n 3
	fi
}

refuses_recursion "MANYGUARD_CXX naming the wrapper" \
	env MANYGUARD_CXX="$wcxx" "$wcxx" hello.cc -o out
refuses_recursion "MANYGUARD_CXX naming a symlink to the wrapper" \
	env MANYGUARD_CXX="$tmp/wrapper-link" "$wcxx" hello.cc -o out
refuses_recursion "MANYGUARD_CXX=c++ with the wrapper as c++ first on PATH" \
	env PATH="$tmp/bin:$PATH" MANYGUARD_CXX=c++ "$wcxx" hello.cc -o out
refuses_recursion "MANYGUARD_CXX=\"ccache c++\" where ccache would find the wrapper" \
	env PATH="$tmp/bin:$PATH" MANYGUARD_CXX="ccache c++" "$wcxx" hello.cc -o out
cat >loop.sh <<SH
#!/bin/sh
exec "$wcxx" "\$@"
SH
chmod +x loop.sh
refuses_recursion "a compiler command that runs the wrapper again (depth marker)" \
	env MANYGUARD_CXX="$tmp/loop.sh" "$wcxx" hello.cc -o out
check "the depth message names the compiler command" grep -q "MANYGUARD_CXX=\"$tmp/loop.sh\"" e.txt
refuses_recursion "no c++ on PATH but the wrapper" env PATH="$tmp/only" "$wcxx" hello.cc -o out
check "... says to set MANYGUARD_CXX" grep -q "no c++ on PATH other than manyguard-c++ itself: set MANYGUARD_CXX" e.txt
MANYGUARD_CXX=/nonexistent/g++ "$wcxx" -c hello.cc -o out 2>e.txt
check "a MANYGUARD_CXX that does not exist is an error" \
	grep -q 'MANYGUARD_CXX="/nonexistent/g++": /nonexistent/g++ is not an executable file' e.txt
# What cannot be a compiler command is refused, saying what was set.
# refused DESC VALUE MESSAGE: MANYGUARD_CXX=VALUE fails, its message says
# MESSAGE, and nothing is compiled.
refused() {
	rm -f out.o
	MANYGUARD_CXX=$2 "$wcxx" -c hello.cc -o out.o 2>e.txt
	st=$?
	if [ "$st" -ne 0 ] && grep -qxF -- "$3" e.txt && [ ! -e out.o ]; then
		ok "$1: refused, \"$3\""
	else
		not_ok "$1 (exit $st)"; diag "$(cat e.txt)"
	fi
}
refused "MANYGUARD_CXX of blanks" "   " \
	'manyguard-c++: error: MANYGUARD_CXX="   " names no compiler: unset it, or set it to the real compiler'
refused "MANYGUARD_CXX of an empty quoted word" '""' \
	'manyguard-c++: error: MANYGUARD_CXX="""" names no compiler: unset it, or set it to the real compiler'
refused "MANYGUARD_CXX with an unbalanced quote" "g++ '-DX=1" \
	"manyguard-c++: error: MANYGUARD_CXX=\"g++ '-DX=1\" cannot be read as a command: its ' is never closed"
refused "MANYGUARD_CXX ending in a backslash" 'g++ \' \
	'manyguard-c++: error: MANYGUARD_CXX="g++ \" cannot be read as a command: it ends in a lone backslash'
MANYGUARD_CXX="g++ '-DX=1'" "$wcxx" -c hello.cc -o quoted.o 2>e.txt
check "a balanced quote is read as one word" sh -c 'test -f quoted.o && test ! -s e.txt'
# A compiler on PATH that runs the wrapper again, MANYGUARD_CXX unset: the
# message must not pretend it was set.
mkdir loopbin && cp loop.sh loopbin/c++ || bail "loopbin"
refuses_recursion "the next c++ on PATH runs the wrapper again" \
	env -u MANYGUARD_CXX PATH="$tmp/loopbin:$PATH" "$wcxx" hello.cc -o out
check "... the message says MANYGUARD_CXX is unset" \
	sh -c 'grep -q "MANYGUARD_CXX is unset" e.txt && ! grep -q "MANYGUARD_CXX=" e.txt'

# The wrapper as c++ first on PATH skips itself and finds the real one.
out=$(PATH="$tmp/bin:$PATH" c++ --version | head -n 1)
check "called as c++ through PATH: the real c++ answers" test "$out" = "$(/usr/bin/c++ --version | head -n 1)"
PATH="$tmp/bin:$PATH" c++ -c hello.cc -o via-path.o
check "called as c++ through PATH: identical object" cmp via-path.o plain.o
PATH="$tmp/bin:$PATH" "$wcxx" hello.cc -o out && out=$(./out)
check "manyguard-c++ with itself as c++ first on PATH links" test "$out" = "hello world"

if ! command -v ccache >/dev/null 2>&1; then
	skip "ccache is not installed"
	done_testing
	exit
fi
CCACHE_DIR=$tmp/ccache
export CCACHE_DIR
hits() { ccache --print-stats | awk '$1 ~ /cache_hit$/ && $1 !~ /^local|^remote/ { n += $2 } END { print n + 0 }'; }
calls() { ccache --print-stats | awk '$1 == "direct_cache_miss" || $1 ~ /cache_hit$/ && $1 !~ /^local|^remote/ { n += $2 } END { print n + 0 }'; }

# ccache in front: ccache runs the wrapper (as the compiler it caches).
ccache --zero-stats >/dev/null
ccache "$wcxx" -c hello.cc -o front1.o && ccache "$wcxx" -c hello.cc -o front2.o
check "ccache in front: identical object" cmp front1.o plain.o
check "ccache in front: the second compile is a cache hit" test "$(hits)" -ge 1
ccache "$wcxx" front1.o -o out && out=$(./out)
check "ccache in front: link" test "$out" = "hello world"
# ccache behind: MANYGUARD_CXX="ccache g++".
ccache --zero-stats >/dev/null
MANYGUARD_CXX="ccache g++" "$wcxx" -c hello.cc -o behind1.o &&
	MANYGUARD_CXX="ccache g++" "$wcxx" -c hello.cc -o behind2.o
check "ccache behind: identical object" cmp behind2.o plain.o
check "ccache behind: the second compile is a cache hit" test "$(hits)" -ge 1
rm -f out
MANYGUARD_CXX="ccache g++" "$wcxx" behind1.o -o out && out=$(./out)
check "ccache behind: link" test "$out" = "hello world"
# ccache's masquerade directory first on PATH: used behind the wrapper...
masq=$(dirname "$(command -v ccache)")/../lib/ccache
# Debian fills it for the compilers installed before ccache; a private one
# (a c++ symlink to ccache) masquerades the same way.
if [ ! -x "$masq/c++" ]; then
	masq=$tmp/masq
	mkdir -p "$masq" && ln -sf "$(command -v ccache)" "$masq/c++"
fi
if [ -x "$masq/c++" ]; then
	ccache --zero-stats >/dev/null
	PATH="$masq:$PATH" "$wcxx" -c hello.cc -o masq.o
	check "masquerade dir first: identical object" cmp masq.o plain.o
	check "masquerade dir first: ccache is used" test "$(calls)" -ge 1
	# ... unless its own search would come back to the wrapper.
	ccache --zero-stats >/dev/null
	PATH="$masq:$tmp/bin:$PATH" timeout 20 "$wcxx" -c hello.cc -o masq2.o 2>e.txt
	check "masquerade dir, then the wrapper as c++: no recursion" cmp masq2.o plain.o
	check "... ccache is passed over" test "$(calls)" -eq 0
else
	skip "no ccache masquerade directory next to $(command -v ccache)"
fi
done_testing

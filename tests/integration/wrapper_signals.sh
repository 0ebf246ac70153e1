#!/bin/sh
# Killed in the middle of their work (^C, a CI timeout's SIGTERM), the
# wrappers leave nothing behind: the linker wrapper's trace file
# (manyguard-ld.XXXXXX) and the unverified output go, and the real linker
# gets the signal too instead of finishing an output nobody verifies; the
# compiler wrapper's file for a compiler query's messages
# (manyguard-err.XXXXXX) goes.  Each then dies of the signal it got.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
wb=$top_builddir/wrappers/bin
py=${PYTHON3:-python3}

# Started from a script, a background job ignores SIGINT; what a user's
# ^C reaches does not.  This launcher restores the default first.
with_default_signals() {
	"$py" -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
signal.signal(signal.SIGQUIT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}
# wait_for FILE: until FILE exists (at most 60 s).
wait_for() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ]
}
alive() { kill -0 "$1" 2>/dev/null; }

# A real linker that takes its time: it notes its parent (the linker
# wrapper) and itself, then links after a minute.
mkdir slowld
cat >slowld/ld <<SH
#!/bin/sh
echo \$PPID >$tmp/wrapper.pid
echo \$\$ >$tmp/ld.pid
sleep 60
exec /usr/bin/ld "\$@"
SH
chmod +x slowld/ld
gcc -c -o hello.o "$fixtures/hello.c" || bail "compile hello.c"

for sig in INT TERM; do
	mkdir "t-$sig"
	rm -f wrapper.pid ld.pid out
	TMPDIR=$tmp/t-$sig PATH=$tmp/slowld:$PATH with_default_signals \
		gcc -B "$wb/" hello.o -o out 2>"link-$sig.err" &
	driver=$!
	wait_for ld.pid || bail "the slow linker did not start"
	check "SIG$sig during a link: the wrapper's trace file is there first" \
		sh -c "ls t-$sig | grep -q '^manyguard-ld\.'"
	kill -"$sig" "$(cat wrapper.pid)"
	wait $driver
	check "... the link fails, the wrapper dead of SIG$sig" \
		grep -q "ld terminated with signal $(kill -l "$sig" 2>/dev/null || echo "$sig")\|ld terminated with signal" "link-$sig.err"
	check "... no temporary file is left in TMPDIR ($(ls "t-$sig" | tr '\n' ' '))" \
		test -z "$(ls "t-$sig")"
	check "... the real linker got the signal too" sh -c "! kill -0 $(cat ld.pid) 2>/dev/null"
	sleep 1
	check "... and no output appears" test ! -e out
done

# A compiler query (the GCC plugin asks -dumpversion) that takes its time.
mkdir slowcc
cat >slowcc/gcc-slow <<SH
#!/bin/sh
case "\$1" in
-dumpversion) echo \$PPID >$tmp/cc-wrapper.pid; echo \$\$ >$tmp/cc.pid; sleep 60; echo 12 ;;
*) exec gcc "\$@" ;;
esac
SH
chmod +x slowcc/gcc-slow
mkdir t-cc
TMPDIR=$tmp/t-cc MANYGUARD_CC=$tmp/slowcc/gcc-slow with_default_signals \
	"$wcc" -c "$fixtures/hello.c" -o q.o 2>cc.err &
job=$!
wait_for cc.pid || bail "the slow compiler query did not start"
check "SIGTERM during a compiler query: its messages' file is there first" \
	sh -c "ls t-cc | grep -q '^manyguard-err\.'"
kill -TERM "$(cat cc-wrapper.pid)"
wait $job
st=$?
check "... the compiler wrapper dies of SIGTERM (status $st)" test "$st" -eq 143
check "... no temporary file is left in TMPDIR ($(ls t-cc | tr '\n' ' '))" test -z "$(ls t-cc)"
kill "$(cat cc.pid)" 2>/dev/null
done_testing

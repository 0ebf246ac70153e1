#!/bin/sh
# The linker wrapper changes nothing when all is well: C and C++ programs
# and shared objects linked by gcc, g++, g++-11, clang and clang++ through
# `-B wrappers/bin/` (with bfd, gold and lld) are byte-identical to the
# unwrapped links and the link is silent; the real linker's own messages
# and exit status come through; the wrapper never runs itself.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/wrappers/ld/common.sh"
cd "$tmp" || bail "cd $tmp"

gcc -O2 -c -o hello.o "$fx/hello.c" || bail "compile hello.c"
g++ -O2 -c -o hello_cc.o "$fx/hello.cc" || bail "compile hello.cc"
g++ -O2 -fPIC -c -o lib.o "$fx/lib.cc" || bail "compile lib.cc"

# same DESC DRIVER ARGS...: wrapped and unwrapped outputs are identical and
# the wrapper really ran (an unknown policy makes the wrapped link fail).
# gold's C++ shared objects differ from run to run even unwrapped (bytes of
# .eh_frame and the build-id): for those the dynamic section and symbols
# are compared instead (less the version base name, which is the output's).
facts() { "$READELF" -d --dyn-syms -V -W "$1" | grep -v -e 'Build ID' -e 'Flags: BASE'; }
same() {
	sd=$1 drv=$2
	shift 2
	rm -f ref ref2 out
	if ! "$drv" "$@" -o ref 2>ref.err; then
		skip "$sd: the unwrapped link fails here: $(head -1 ref.err)"; return
	fi
	"$drv" "$@" -o ref2 2>/dev/null
	# The manifest (docs/manifest.md) is the one intended change: off here.
	link_passes "$sd" out env MANYGUARD_MANIFEST=0 "$drv" -B "$wb/" "$@" -o out || return
	if cmp -s ref ref2; then
		check "$sd: byte-identical to the unwrapped link" cmp -s ref out
	else
		facts ref >ref.facts; facts out >out.facts
		diag "$sd: two unwrapped links differ already; comparing dynamic facts"
		check "$sd: same dynamic section and symbols as the unwrapped link" \
			cmp -s ref.facts out.facts
	fi
	if MANYGUARD_POLICY=no_such_policy "$drv" -B "$wb/" "$@" -o out 2>err.txt ||
		! grep -q '^manyguard-ld: error: cannot load the policy' err.txt; then
		not_ok "$sd: the link went through the wrapper"; diag "$(cat err.txt)"
	else
		ok "$sd: the link went through the wrapper"
	fi
}

for flavour in bfd gold lld; do
	same "gcc C program, $flavour" gcc -fuse-ld=$flavour hello.o
	same "g++ C++ program, $flavour" g++ -fuse-ld=$flavour hello_cc.o
	same "g++ C++ shared object, $flavour" g++ -fuse-ld=$flavour -shared lib.o
	same "clang C program, $flavour" clang -fuse-ld=$flavour hello.o
	same "clang++ C++ shared object, $flavour" clang++ -fuse-ld=$flavour -shared lib.o
done
same "g++ default linker, --as-needed and -Wl,-z,now" g++ -Wl,--as-needed -Wl,-z,now lib.o -shared
same "g++ -static C program" gcc -static hello.o
if have g++-11; then
	g++-11 -O2 -fPIC -c -o lib11.o "$fx/lib.cc" || bail "compile with g++-11"
	same "g++-11 C++ shared object" g++-11 -shared lib11.o
	same "g++-11 C++ program" g++-11 hello_cc.o
else
	skip "g++-11 is not installed"
fi

# Response files reach the real linker as written (it expands them).
printf '%s\n' "-shared" "lib.o" >link.rsp
same "g++ with a response file" g++ @link.rsp
printf '%s\n' "--as-needed" >ld.rsp
same "g++ with a linker response file (-Wl,@file)" g++ -shared lib.o -Wl,@ld.rsp

# A failing link keeps the linker's message and status.
gcc -c -o undefined.o "$fx/undefined.c" || bail "compile undefined.c"
for flavour in bfd gold lld; do
	gcc -fuse-ld=$flavour undefined.o -o u.ref 2>ref.err; ref_status=$?
	gcc -fuse-ld=$flavour -B "$wb/" undefined.o -o u.out 2>out.err; out_status=$?
	check "failing $flavour link: same status ($out_status, unwrapped $ref_status)" \
		[ "$out_status" -eq "$ref_status" -a "$out_status" -ne 0 ]
	if cmp -s ref.err out.err && grep -q missing_function out.err; then
		ok "failing $flavour link: the linker's message unchanged"
	else
		not_ok "failing $flavour link: the linker's message unchanged"
		diag "$(cat out.err)"
	fi
done

# Questions to the linker are answered by the real one.
check "ld --version is GNU ld's" sh -c "'$wb/ld' --version | head -1 | grep -q '^GNU ld'"
check "ld.gold --version is gold's" sh -c "'$wb/ld.gold' --version | head -1 | grep -q '^GNU gold'"
check "ld.lld --version is lld's" sh -c "'$wb/ld.lld' --version | head -1 | grep -q 'LLD'"
check "the wrapper first on PATH still finds the real ld" \
	sh -c "PATH='$wb':\$PATH '$wb/ld' --version | head -1 | grep -q '^GNU ld'"
# A copy of the wrapper (another inode) first on PATH would be run by the
# wrapper; the depth marker stops it instead of recursing.
mkdir copy && cp "$wb/ld" copy/ld || bail "copy the wrapper"
if PATH="$tmp/copy:$PATH" "$wb/ld" --version >out.txt 2>err.txt; then
	not_ok "a wrapper reached through PATH from a wrapper stops"; diag "$(cat out.txt)"
else
	check "a wrapper reached through PATH from a wrapper stops with a message" \
		grep -q '^manyguard-ld: error: the linker wrapper was run by itself' err.txt
fi
# The real linker's exit status and death by signal are the wrapper's
# own: a stand-in `ld` first on PATH (the wrapper runs the next ld that is
# not itself) exits 3, or kills itself.
mkdir fake && cat >fake/ld <<'SH'
#!/bin/sh
echo "fake ld stdout"; echo "fake ld stderr" >&2
case " $* " in
*" kill.o "*) kill -KILL $$ ;;
*" term.o "*) kill -TERM $$ ;;
esac
exit 3
SH
chmod +x fake/ld
PATH="$tmp/fake:$PATH" "$wb/ld" exit.o -o fake.out >out.txt 2>err.txt
check "a linker's exit status 3 passes through" test $? -eq 3
check "... with its stdout and stderr unchanged" \
	sh -c 'test "$(cat out.txt)" = "fake ld stdout" && test "$(cat err.txt)" = "fake ld stderr"'
# The wrapper's temporary file for the linker's trace goes to TMPDIR and
# must not outlive it, whatever the linker did.
mkdir traces
TMPDIR="$tmp/traces" PATH="$tmp/fake:$PATH" "$wb/ld" exit.o -o fake.out >/dev/null 2>&1
TMPDIR="$tmp/traces" PATH="$tmp/fake:$PATH" \
	sh -c '"$0" kill.o -o fake.out; echo "status $?" >status.txt' "$wb/ld" 2>/dev/null
check "a linker killed by SIGKILL kills the wrapper by SIGKILL (status 137)" \
	test "$(cat status.txt)" = "status 137"
TMPDIR="$tmp/traces" PATH="$tmp/fake:$PATH" \
	sh -c '"$0" term.o -o fake.out >out.txt; echo "status $?" >status.txt' "$wb/ld" 2>/dev/null
check "a linker killed by SIGTERM: the wrapper re-raises it (status 143)" \
	test "$(cat status.txt)" = "status 143"
check "... after forwarding what the linker printed" test "$(cat out.txt)" = "fake ld stdout"
check "no trace file left behind by a failed or killed linker" \
	sh -c '[ -z "$(ls -A traces)" ]'

# Output to a device is left alone.
check "linking to /dev/null works and leaves it a device" \
	sh -c "gcc -B '$wb/' hello.o -o /dev/null && [ -c /dev/null ]"
done_testing

#!/bin/sh
# manyguard-cc/c++ outside links: everything the real compiler does, byte
# for byte (objects, preprocessed output, answers to queries, diagnostics,
# exit status, death by signal), with gcc-12, gcc-11 and clang-14.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"

cp "$fixtures/hello.c" "$fixtures/hello.cc" "$fixtures/syntax_error.c" .
# Response files for every compiler: spaces and quotes; a directory; one
# that names itself.
cat >quoted.rsp <<'RSP'
-DGREETING="\"a b 'c' \\\"d\\\"\""
-c "hello.c" -o 'quoted obj.o'
RSP
mkdir rspdir
echo '@self.rsp -DX=1' >self.rsp
while read -r name cc cxx; do
	[ -n "$name" ] || continue
	export MANYGUARD_CC="$cc" MANYGUARD_CXX="$cxx"
	for q in --version -dumpversion -dumpmachine -print-libgcc-file-name \
		-print-file-name=libstdc++.so -print-search-dirs; do
		same_output "$name: $q as $cxx" "$wcxx" "$cxx" $q
	done
	same_output "$name: -v alone" "$wcc" "$cc" -v
	same_output "$name: -E output" "$wcxx" "$cxx" -E -DGREETING='"hi"' hello.cc
	same_output "$name: -M output" "$wcc" "$cc" -M hello.c
	# -### names temporary files: compare with their names blanked.
	"$wcc" -### -c hello.c -o x.o 2>&1 | sed 's,/tmp/cc[^ ]*,TMP,g' >w.txt
	"$cc" -### -c hello.c -o x.o 2>&1 | sed 's,/tmp/cc[^ ]*,TMP,g' >r.txt
	check "$name: -### shows the real compiler's commands" cmp -s w.txt r.txt
	same_output "$name: syntax error: exit status and message" "$wcc" "$cc" -c syntax_error.c -o err.o
	check "$name: syntax error leaves no object" test ! -e err.o
	same_output "$name: no input files" "$wcc" "$cc"

	for src in hello.c hello.cc; do
		drv=$cc w=$wcc
		case $src in *.cc) drv=$cxx w=$wcxx ;; esac
		# The plugin off, GCC's output is the compiler's own (clang never
		# gets the plugin).
		"$drv" -O2 -g -c "$src" -o real.o && MANYGUARD_PLUGIN=off "$w" -O2 -g -c "$src" -o wrapped.o
		check "$name: -c $src gives a byte-identical object" cmp real.o wrapped.o
		"$drv" -S "$src" -o real.s && MANYGUARD_PLUGIN=off "$w" -S "$src" -o wrapped.s
		check "$name: -S $src gives identical assembly" cmp real.s wrapped.s
		# The plugin on: GCC's object carries its notes, with the
		# policy as the baseline; clang's is its own.
		"$w" -O2 -g -c "$src" -o wrapped.o
		want=
		case $name:$src in
		gcc-*:*.cc) want="compiler=gcc $("$cxx" -dumpfullversion) language=c++ baseline=manylinux_2_28" ;;
		gcc-*) want="compiler=gcc $("$cc" -dumpfullversion) language=c baseline=manylinux_2_28" ;;
		esac
		if [ -n "$want" ]; then
			got=$("$top_builddir/tests/unit/objnotes_dump" wrapped.o | grep -E '^(compiler|language|baseline)=' | tr '\n' ' ')
			check "$name: -c $src with the plugin: notes say \"$want\"" test "$got" = "$want "
		else
			check "$name: -c $src: clang gets no plugin, byte-identical object" cmp real.o wrapped.o
		fi
	done
	rm -f real.o wrapped.o real.s wrapped.s
	# Response files with spaces and quotes, read by each compiler itself:
	# the same object as the same options given directly.
	MANYGUARD_PLUGIN=off "$wcc" @quoted.rsp &&
		"$cc" -DGREETING="\"a b 'c' \\\"d\\\"\"" -c hello.c -o plain.o
	check "$name: response file with spaces and quotes: the same object" cmp "quoted obj.o" plain.o
	rm -f "quoted obj.o" plain.o
	# Response files the wrapper cannot expand are the compiler's to judge
	# (libiberty's expandargv would have ended the wrapper instead).
	same_output "$name: a response file that is a directory" "$wcc" "$cc" @rspdir -c hello.c -o d.o
	same_output "$name: a response file naming itself" "$wcc" "$cc" @self.rsp -c hello.c -o s.o
	same_output "$name: a missing response file" "$wcc" "$cc" @no-such.rsp -c hello.c -o m.o
	# stdin and stdout pass through: preprocess from a pipe to a pipe.
	out=$(echo 'int v = FOO;' | "$wcc" -E -P -DFOO=42 -x c - )
	check "$name: stdin to stdout through the wrapper" test "$out" = "int v = 42;"
	unset MANYGUARD_CC MANYGUARD_CXX
done <<EOF
$compilers
EOF

# A response file with spaces and quotes: the compiler reads it itself and
# the object is the one the same options give unwrapped.
cat >opts.rsp <<'RSP'
-DGREETING="\"a b 'c' \\\"d\\\"\""
-c "hello.c" -o 'rsp obj.o'
RSP
MANYGUARD_PLUGIN=off "$wcc" @opts.rsp
gcc -DGREETING="\"a b 'c' \\\"d\\\"\"" -c hello.c -o plain.o
check "response file with spaces and quotes compiles as unwrapped" cmp "rsp obj.o" plain.o
"$wcc" "rsp obj.o" -o rsp_prog && out=$(./rsp_prog)
check "response file: the program prints the quoted string" test "$out" = "a b 'c' \"d\""

# 200 KB command lines.  GCC 12 itself cannot run cc1 with 200 KB of
# options (COLLECT_GCC_OPTIONS exceeds Linux's 128 KiB string limit): the
# wrapper must fail exactly like it.  Clang compiles them; a link of 200 KB
# gets to the compiler through a response file.
i=0
defs=
while [ $i -lt 8000 ]; do
	defs="$defs -DMANYGUARD_LONG_MACRO_NUMBER_$i=$i"
	i=$((i + 1))
done
check "the long command line is over 200 KB" test "${#defs}" -gt 200000
# shellcheck disable=SC2086
export MANYGUARD_CC=gcc
same_output "gcc-12: 200 KB of -D options behave as unwrapped" "$wcc" gcc $defs -c hello.c -o long.o
unset MANYGUARD_CC
if command -v clang >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	clang $defs -c hello.c -o clang_plain.o &&
		MANYGUARD_CC=clang "$wcc" $defs -c hello.c -o clang_long.o
	check "clang-14: 200 KB command line: identical object" cmp clang_long.o clang_plain.o
	# shellcheck disable=SC2086
	MANYGUARD_CC=clang "$wcc" $defs hello.c -o long_prog && out=$(./long_prog)
	check "clang-14: 200 KB command line: link through a response file" test "$out" = hello
fi
# 1500 object file names of 150 characters each (inputs, not options).
echo 'static int unused_object;' >empty.c
gcc -c empty.c -o empty.o
mkdir objs
long=objs/manyguard_wrapper_long_object_name_used_to_build_a_command_line_over_two_hundred_kilobytes_through_the_response_file_path
i=0
while [ $i -lt 1500 ]; do
	ln empty.o "$long.$i.o"
	i=$((i + 1))
done
# The wrapper's response files go to TMPDIR: a private one, to see that
# none is left behind.
mkdir tmpdir
TMPDIR=$tmp/tmpdir
export TMPDIR
"$wcc" hello.c objs/*.o -o long_prog && out=$(./long_prog)
check "gcc-12: 200 KB link command line (through a response file)" test "$out" = hello

# Exit status and death by signal of the compiler are the wrapper's own.
cat >fake-cc <<'SH'
#!/bin/sh
all="$*"
for a; do
	case $a in @*) all="$all $(cat "${a#@}")" ;; esac
done
case "$all" in
*exit42*) echo "fake stdout"; echo "fake stderr" >&2; exit 42 ;;
*kill*) kill -KILL $$ ;;
*term*) kill -TERM $$ ;;
esac
exit 0
SH
chmod +x fake-cc
MANYGUARD_CC=$tmp/fake-cc "$wcc" -c exit42.c >o.txt 2>e.txt
check "exit status 42 passes through" test $? -eq 42
check "stdout passes through" test "$(cat o.txt)" = "fake stdout"
check "stderr passes through" test "$(cat e.txt)" = "fake stderr"
MANYGUARD_CC=$tmp/fake-cc sh -c '"$0" -c kill.c; echo "status $?" >status.txt' "$wcc" 2>/dev/null
check "a compiler killed by SIGKILL kills the wrapper by SIGKILL (status 137)" \
	test "$(cat status.txt)" = "status 137"
MANYGUARD_CC=$tmp/fake-cc sh -c '"$0" kill.c -o x; echo "status $?" >status.txt' "$wcc" 2>/dev/null
check "a link killed by SIGKILL kills the wrapper by SIGKILL" test "$(cat status.txt)" = "status 137"
MANYGUARD_CC=$tmp/fake-cc sh -c '"$0" "$@" term.c -o x; echo "status $?" >status.txt' "$wcc" objs/*.o 2>/dev/null
check "a link through a response file killed by SIGTERM re-raises it (status 143)" \
	test "$(cat status.txt)" = "status 143"
check "no response file is left behind" test -z "$(ls -A tmpdir)"

# Success adds no output.
"$wcxx" hello.cc -o hello_prog >o.txt 2>e.txt
check "a successful link prints nothing" test ! -s o.txt -a ! -s e.txt
check "the linked program runs" test "$(./hello_prog you)" = "hello you"
done_testing

#!/bin/sh
# The plugin's diagnostics, with every GCC it is built for, asserted line for
# line: -fplugin-arg-manyguard-report (a note at each use, with file:line:col),
# -strict (errors, no object), the wording per status, nothing when disabled
# or not asked for, and the errors for bad options.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/plugin_lib.sh"

tail_provided="it will be linked privately from the nonshared archive"
to_chars="'std::to_chars(char*, char*, double)' needs GLIBCXX_3.4.29, newer than manylinux_2_28"
str_rvalue="'std::__cxx11::basic_ostringstream<char, std::char_traits<char>, std::allocator<char> >::str() &&' needs GLIBCXX_3.4.29, newer than manylinux_2_28"
dtor="'std::pmr::memory_resource::~memory_resource()' needs GLIBCXX_3.4.28, newer than manylinux_2_28"
typeinfo="'typeinfo for std::pmr::memory_resource' needs GLIBCXX_3.4.28, newer than manylinux_2_28"

# same DESC WANT-FILE GOT-FILE
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; diff "$2" "$3" | sed 's/^/# /'; fi
}
# The diagnostics about the fixtures (system-header instantiations aside).
ours() { grep -E '^(uses\.cc|removed\.h):[0-9]+:[0-9]+: (note|error): ' "$1"; }

for cxx in $compilers; do
	runtime "$cxx"
	flags=$(plugin_flags "$cxx")
	# -O0: the inline render() is emitted with its to_chars call, and
	# std::move(os).str() calls the C++20 rvalue overload (GLIBCXX_3.4.29).
	# Columns are GCC's display columns (tabs count to the next multiple of 8).
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O0 -c uses.cc -o o0.o $flags -fplugin-arg-manyguard-report 2>o0.err
	check "$cxx -O0 -report: compiles" test -s o0.o
	cat >want <<EOF2
removed.h:8:43: note: $to_chars; $tail_provided
uses.cc:14:31: note: $to_chars; $tail_provided
uses.cc:20:34: note: $str_rvalue; $tail_provided
uses.cc:32:17: note: $to_chars; $tail_provided
uses.cc:35:8: note: $dtor; $tail_provided
uses.cc:35:8: note: $typeinfo; $tail_provided
uses.cc:46:34: note: $to_chars; $tail_provided
EOF2
	ours o0.err >got
	same "$cxx -O0 -report: one note per use, exact file:line:col and text" want got

	# -O2: render(..., false) is inlined and its to_chars branch removed;
	# str() && is inlined too.
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -c uses.cc -o o2.o $flags -fplugin-arg-manyguard-report 2>o2.err
	grep -v -e '^removed' -e '^uses.cc:20:' want >want2
	ours o2.err >got
	same "$cxx -O2 -report: no note for the removed inline code (removed.h) or the inlined str()" want2 got
	check "$cxx -O2 -report: nothing but the notes and their context on stderr" \
		sh -c "! grep -E ': (warning|error):' o2.err"

	# -strict: the same places, as errors; no object.
	rm -f strict.o
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -c uses.cc -o strict.o $flags -fplugin-arg-manyguard-strict 2>strict.err
	rc=$?
	sed 's/: note: /: error: /' want2 >want3
	ours strict.err >got
	same "$cxx -strict: an error at each use" want3 got
	check "$cxx -strict: exit status 1 and no object" sh -c "[ $rc -eq 1 ] && ! [ -e strict.o ]"

	# The wording follows the status in newer-symbols.txt.
	sed 's/^\(_ZSt8to_charsPcS_d\t[^\t]*\t\)provided\t/\1hazard\t/' "$rt/newer-symbols.txt" >hazard.txt
	printf 'char *f(char *b, char *e, double d);\n#include <charconv>\nchar *f(char *b, char *e, double d) { return std::to_chars(b, e, d).ptr; }\n' >hz.cc
	"$cxx" -std=c++17 -O2 -c hz.cc -o hz.o "-fplugin=$plugin" -fplugin-arg-manyguard-symbols=hazard.txt \
		-fplugin-arg-manyguard-baseline=manylinux_2_28 -fplugin-arg-manyguard-report 2>hz.err
	check "$cxx: a hazard symbol's note says it will not link, and why" grep -qxF \
		"hz.cc:3:59: note: $to_chars; it will not link: the nonshared archive leaves it out because it shares state or identity with the shared runtime (see report.json)" hz.err
	"$cxx" -std=c++17 -O2 -c hz.cc -o hz.o "-fplugin=$plugin" -fplugin-arg-manyguard-symbols=hazard.txt \
		-fplugin-arg-manyguard-report 2>hz2.err
	check "$cxx: without -baseline the note says 'the baseline'" grep -qF \
		"newer than the baseline; it will not link" hz2.err

	# Not asked for, or disabled: silent (the notes are still written).
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -c uses.cc -o quiet.o $flags 2>quiet.err
	check "$cxx: without -report or -strict: no diagnostics, exit 0" sh -c "[ $? -eq 0 ] && ! [ -s quiet.err ]"
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -c uses.cc -o off.o $flags -fplugin-arg-manyguard-strict -fplugin-arg-manyguard-disable 2>off.err
	check "$cxx: -strict with -disable: no diagnostics, exit 0" sh -c "[ $? -eq 0 ] && ! [ -s off.err ]"

	# Bad options stop the compiler with a message naming the problem.
	"$cxx" -c flags.cc -o bad.o "-fplugin=$plugin" -fplugin-arg-manyguard-symbols="$tmp/none.txt" 2>bad.err
	check "$cxx: an unreadable symbols file is an error" grep -qxF \
		"cc1plus: error: manyguard plugin: cannot read '$tmp/none.txt': No such file or directory" bad.err
	"$cxx" -c flags.cc -o bad.o "-fplugin=$plugin" -fplugin-arg-manyguard-symbols=flags.cc 2>bad.err
	check "$cxx: a file that is not newer-symbols.txt is an error" grep -qF \
		"cannot read 'flags.cc': not a newer-symbols.txt file" bad.err
	"$cxx" -c flags.cc -o bad.o "-fplugin=$plugin" -fplugin-arg-manyguard-loud 2>bad.err
	check "$cxx: an unknown option is an error that lists the known ones" grep -qF \
		"cc1plus: error: manyguard plugin: unknown option '-fplugin-arg-manyguard-loud'; known: -fplugin-arg-manyguard-symbols=PATH" bad.err
	check "$cxx: ... and GCC refuses the plugin" grep -qF "failed to initialize plugin" bad.err
done
done_testing

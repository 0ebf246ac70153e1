#!/bin/sh
# The linker wrapper verifies what the real linker wrote: symbol versions
# above the policy's caps (naming the symbols), nonshared symbols exported,
# runtimes copied in statically however they got there, two OpenMP
# runtimes, and system libraries outside the policy (with the path they
# resolved to).  A violation removes the output; MANYGUARD_ALLOW keeps it
# with a warning; the policy's runtime directory makes the same code pass.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/wrappers/ld/common.sh"
cd "$tmp" || bail "cd $tmp"

g++ -std=c++17 -O2 -DWITH_MAIN -c -o tc_main.o "$fx/to_chars.cc" || bail "compile to_chars.cc"
g++ -std=c++17 -O2 -fPIC -c -o tc.o "$fx/to_chars.cc" || bail "compile to_chars.cc"

# --- symbol versions ------------------------------------------------------------------
for drv in g++ clang++ g++-11; do
	if ! have $drv; then skip "$drv is not installed"; continue; fi
	link_fails "$drv: a program using std::to_chars(double)" tc symbol-version \
		$drv -B "$wb/" tc_main.o -o tc
	check "$drv: the error names GLIBCXX_3.4.29 and the policy's cap" \
		grep -q '^manyguard-ld: error: tc requires GLIBCXX_3.4.29 from libstdc++.so.6, newer than manylinux_2_28 allows (GLIBCXX_3.4.24) \[symbol-version\]$' err.txt
	check "$drv: ... and the symbol that needs it, demangled" \
		grep -qx 'manyguard-ld: note: GLIBCXX_3.4.29 is needed by std::to_chars(char\*, char\*, double)' err.txt
	check "$drv: ... and suggests the runtime directory" \
		grep -q '^manyguard-ld: note: link with manyguard-c++, or create the policy.s runtime directory' err.txt
done
for flavour in gold lld; do
	link_fails "a shared object using to_chars, $flavour" tc.so symbol-version \
		g++ -fuse-ld=$flavour -B "$wb/" -shared tc.o -o tc.so
done
link_fails "MANYGUARD_POLICY=manylinux_2_17 is judged by its own caps" tc symbol-version \
	env MANYGUARD_POLICY=manylinux_2_17 g++ -B "$wb/" tc_main.o -o tc
check "... (GLIBCXX_3.4.19)" grep -q 'newer than manylinux_2_17 allows (GLIBCXX_3.4.19)' err.txt
rm -f tc.so
env MANYGUARD_POLICY=manylinux_2_34 g++ -B "$wb/" -shared tc.o -o tc.so 2>err.txt
check "manylinux_2_34 allows GLIBCXX_3.4.29" sh -c "[ -f tc.so ] && ! grep -q 'error:' err.txt"

rm -f tc
MANYGUARD_ALLOW=symbol-version g++ -B "$wb/" tc_main.o -o tc 2>err.txt
check "MANYGUARD_ALLOW=symbol-version keeps the output" [ -x tc ]
check "... with a warning" \
	grep -q '^manyguard-ld: warning: tc requires GLIBCXX_3.4.29 .*\[symbol-version; allowed by MANYGUARD_ALLOW\]$' err.txt

# A real old runtime as baseline: its versions cap libstdc++, not the
# policy's (bullseye's GLIBCXX_3.4.28 is above manylinux_2_28's 3.4.24).
. "$top_srcdir/tests/fixtures/bullseye.sh"
if [ -n "$bullseye_missing" ]; then
	bullseye_unavailable
else
	link_fails "baseline bullseye: to_chars(double) needs more than it has" tc symbol-version \
		env MANYGUARD_BASELINE_LIBSTDCXX="$bullseye_libstdcxx" g++ -B "$wb/" tc_main.o -o tc
	check "... the error names the baseline and its cap GLIBCXX_3.4.28" \
		grep -q "^manyguard-ld: error: tc requires GLIBCXX_3.4.29 from libstdc++.so.6, newer than the baseline $bullseye_libstdcxx allows (GLIBCXX_3.4.28) \[symbol-version\]\$" err.txt
	check "... and suggests the baseline's runtime directory" \
		grep -q "^manyguard-ld: note: link with manyguard-c++, or create the baseline's runtime directory (manyguard nonshared --baseline-lib $bullseye_libstdcxx" err.txt
	# std::filesystem::current_path() needs GLIBCXX_3.4.26: above the
	# policy's cap, within bullseye's.
	printf '#include <filesystem>\n#include <cstdio>\nint main() { std::printf("%%d\\n", (int)std::filesystem::current_path().empty()); }\n' |
		g++ -std=c++17 -x c++ -c -o fs.o - || bail "compile fs.o"
	link_fails "without a baseline, GLIBCXX_3.4.26 is above manylinux_2_28" fs symbol-version \
		g++ -B "$wb/" fs.o -o fs
	link_passes "with bullseye as baseline, GLIBCXX_3.4.26 is within its caps" fs \
		env MANYGUARD_BASELINE_LIBSTDCXX="$bullseye_libstdcxx" g++ -B "$wb/" fs.o -o fs
	if gcc -shared -x c /dev/null -lopenblas -o probe.so 2>/dev/null; then
		link_fails "with a baseline, the policy still judges external libraries" \
			blas_b.so external-lib env MANYGUARD_BASELINE_LIBSTDCXX="$bullseye_libstdcxx" \
			gcc -B "$wb/" -shared -x c /dev/null -Wl,--no-as-needed -lopenblas -o blas_b.so
	else
		skip "OpenBLAS is not installed (libopenblas-dev)"
	fi
	rm -f fs
	MANYGUARD_BASELINE_LIBSTDCXX=$tmp/no-such-lib.so.6 g++ -B "$wb/" fs.o -o fs 2>err.txt
	check "an unreadable baseline fails the link, naming the file" \
		sh -c "test ! -e fs && grep -q '^manyguard-ld: error: cannot read the baseline (MANYGUARD_BASELINE_LIBSTDCXX): $tmp/no-such-lib.so.6' err.txt"
	MANYGUARD_BASELINE_LIBSTDCXX=$bullseye_libgcc_s g++ -B "$wb/" fs.o -o fs 2>err.txt
	check "a baseline that is no libstdc++ fails the link, saying so" \
		sh -c "test ! -e fs && grep -q 'defines no GLIBCXX_ version' err.txt"
fi

# The policy's runtime directory: the same program links and runs.
rt="$tmp/rt"
if "$top_builddir/tools/manyguard" nonshared --policy manylinux_2_28 -o "$rt" >ns.log 2>&1; then
	export MANYGUARD_RUNTIME_DIR="$rt"
	link_passes "to_chars program with -L <runtime dir>" tc g++ -B "$wb/" tc_main.o -o tc -L "$rt"
	check "... prints 1.5" sh -c "./tc | grep -qx 1.5"
	check "... and requires nothing above GLIBCXX_3.4.24" \
		sh -c "! '$READELF' -V -W tc | grep -E 'GLIBCXX_3\.4\.(2[5-9]|3[0-9])'"
	link_passes "to_chars shared object with -L <runtime dir> and --as-needed" tc.so \
		g++ -B "$wb/" -shared tc.o -o tc.so -L "$rt" -Wl,--as-needed
	link_passes "to_chars shared object with -L <runtime dir>, lld" tc.so \
		g++ -fuse-ld=lld -B "$wb/" -shared tc.o -o tc.so -L "$rt"
	# The nonshared archive with its symbols left visible: exported.
	libstdcxx_a=$(g++ -print-file-name=libstdc++.a)
	# A runtime directory whose archive leaves its symbols visible (its
	# SHA256SUMS made to match: the digest guards against damage, not
	# against this).
	cp -R "$rt" leaky && rm leaky/libstdc++_nonshared.a &&
		(cd leaky && ar x "$libstdcxx_a" floating_to_chars.o &&
		ar rc libstdc++_nonshared.a floating_to_chars.o && rm floating_to_chars.o &&
		rm SHA256SUMS && sha256sum -- * >SHA256SUMS) || bail "make a leaky archive"
	link_fails "a nonshared archive whose symbols are exported" tc.so nonshared-export \
		env MANYGUARD_RUNTIME_DIR="$tmp/leaky" g++ -B "$wb/" -shared tc.o leaky/libstdc++_nonshared.a -o tc.so
	check "... naming std::to_chars(char*, char*, double)" \
		grep -qx 'manyguard-ld: note: exported: std::to_chars(char\*, char\*, double)' err.txt
	link_fails "... also when only the archive's name tells (no MANYGUARD_RUNTIME_DIR)" tc.so \
		nonshared-export env -u MANYGUARD_RUNTIME_DIR g++ -B "$wb/" -shared tc.o leaky/libstdc++_nonshared.a -o tc.so
	# Names the user's own objects define are theirs to export.
	g++ -std=c++17 -fPIC -c -o own.o -x c++ - <<'SRC' || bail "compile own.o"
#include <charconv>
// The user's own definition of a name the archive also defines.
namespace std { to_chars_result to_chars(char *f, char *, double) { return {f, errc{}}; } }
SRC
	link_passes "a name the user's objects define is not a leak" own.so \
		env MANYGUARD_RUNTIME_DIR="$tmp/leaky" g++ -B "$wb/" -shared own.o leaky/libstdc++_nonshared.a -o own.so
	unset MANYGUARD_RUNTIME_DIR
else
	not_ok "manyguard nonshared makes the runtime directory"; diag "$(cat ns.log)"
fi

# --- static runtime copies, however they got in ----------------------------------------
g++ -O2 -fPIC -c -o lib.o "$fx/lib.cc" || bail "compile lib.cc"
ld -r -o prelinked.o lib.o "$(g++ -print-file-name=libstdc++.a)" || bail "ld -r with libstdc++.a"
link_fails "a prelinked object carrying libstdc++" pre.so static-runtime-copy \
	g++ -B "$wb/" -shared prelinked.o -o pre.so
check "... naming std::locale::classic()" \
	grep -qx 'manyguard-ld: note: defines std::locale::classic()' err.txt
gcc -O2 -fopenmp -c -o omp.o "$fx/omp.c" || bail "compile omp.c"
gcc -O2 -c -o omp_main.o "$fx/omp_main.c" || bail "compile omp_main.c"
ld -r -o omp_pre.o omp.o "$(gcc -print-file-name=libgomp.a)" || bail "ld -r with libgomp.a"
link_fails "a prelinked object carrying libgomp" a.out static-openmp \
	gcc -B "$wb/" omp_main.o omp_pre.o -lpthread -o a.out
check "... naming GOMP_parallel" grep -qx 'manyguard-ld: note: defines GOMP_parallel' err.txt

# --- NEEDED ------------------------------------------------------------------------------
gcc -O2 -fPIC -fopenmp -c -o omp_gnu.o "$fx/omp.c" || bail "compile omp.c (gcc)"
clang -O2 -fPIC -fopenmp=libomp -DFN=omp_fill_llvm -c -o omp_llvm.o "$fx/omp.c" || bail "compile omp.c (clang)"
libomp=$(ls /usr/lib/llvm-14/lib/libomp.so.5 2>/dev/null)
if [ -n "$libomp" ]; then
	link_fails "a shared object needing libgomp and libomp" mix.so mixed-openmp \
		gcc -B "$wb/" -shared omp_gnu.o omp_llvm.o -lgomp "$libomp" -o mix.so
	check "... naming both" \
		grep -q 'mix.so needs two OpenMP runtimes: libgomp.so.1 (gnu-openmp) and libomp.so.5 (llvm-openmp)' err.txt
	link_passes "one OpenMP runtime is fine (and not an external library)" one.so \
		gcc -B "$wb/" -shared omp_gnu.o -lgomp -o one.so
else
	skip "LLVM's libomp.so.5 is not installed"
fi

gcc -O2 -fPIC -c -o blas.o "$fx/blas.c" || bail "compile blas.c"
if gcc -shared blas.o -lopenblas -o probe.so 2>/dev/null; then
	link_fails "a shared object linked against the system OpenBLAS" blas.so external-lib \
		gcc -B "$wb/" -shared blas.o -lopenblas -o blas.so
	check "... naming the library and the path it resolved to" \
		grep -q '^manyguard-ld: error: blas.so needs libopenblas.so.0, which manylinux_2_28 does not allow; -lopenblas resolved to /usr/lib/x86_64-linux-gnu/libopenblas.so (/' err.txt
	link_fails "... also with lld" blas.so external-lib \
		gcc -fuse-ld=lld -B "$wb/" -shared blas.o -lopenblas -o blas.so
	rm -f blas.so
	MANYGUARD_ALLOW=external-lib gcc -B "$wb/" -shared blas.o -lopenblas -o blas.so 2>err.txt
	check "MANYGUARD_ALLOW=external-lib keeps it with a warning" \
		sh -c "[ -f blas.so ] && grep -q 'warning: .*\[external-lib; allowed by MANYGUARD_ALLOW\]' err.txt"
	# An executable (a build's helper program) is nobody else's process:
	# linking a system library is a warning there, and the output stays.
	printf 'double norm2(const double *, int);\nint main(void) { double x[2] = {3, 4}; return norm2(x, 2) != 25; }\n' >main.c
	rm -f tool
	gcc -B "$wb/" main.c blas.o -lopenblas -o tool 2>err.txt
	check "an executable linking the system OpenBLAS is kept, with an external-lib warning" \
		sh -c "[ -x tool ] && ./tool && grep -q '^manyguard-ld: warning: tool needs libopenblas.so.0, which manylinux_2_28 does not allow; .*\[external-lib\]$' err.txt"
	# Vendored next to the output with an $ORIGIN rpath: what a wheel ships.
	mkdir -p pkg/libs && cp -L "$(gcc -print-file-name=libopenblas.so.0)" pkg/libs/libopenblas.so.0 ||
		bail "copy libopenblas"
	link_passes "a vendored copy under \$ORIGIN is fine" pkg/blas.so \
		gcc -B "$wb/" -shared blas.o pkg/libs/libopenblas.so.0 -Wl,-rpath,'$ORIGIN/libs' -o pkg/blas.so
	# A library the project builds itself (outside the system dirs) is the
	# wheel's to carry: not an external library.
	mkdir -p proj/lib proj/ext
	printf 'int core(void) { return 1; }\n' | gcc -x c -fPIC -shared -o proj/lib/libcore.so -
	printf 'int core(void); int ext(void) { return core(); }\n' | gcc -x c -fPIC -c -o ext.o -
	link_passes "a project library built elsewhere is fine" proj/ext/ext.so \
		gcc -B "$wb/" -shared ext.o -Lproj/lib -lcore -o proj/ext/ext.so
else
	skip "OpenBLAS is not installed (libopenblas-dev)"
fi
done_testing

#!/bin/bash
# The glibc corpus (tests/glibc/corpus): C and C++ programs built through
# manyguard-cc/c++ with no extra flags, by gcc and clang, for
#   manylinux_2_17, run on the real glibc 2.17 (and GCC 4.8.5's libstdc++):
#     the executable through its ld.so and linked for its loader, the shared
#     object dlopened by GCC 4.8.5's program;
#   manylinux_2_28, run in a debootstrapped bullseye (glibc 2.31), the
#     executable and the shared object dlopened there.
# Each file says per policy "runs" or "refused SYMBOL" (a line "// POLICY
# COMPILER: ..." overrides it for one compiler).  One that runs must need
# nothing above the policy's GLIBC cap and print what the normal build
# prints on this machine; a refused one must fail to link with manyguard's
# error naming SYMBOL [symbol-version].
# The wrappers make and use the policy's glibc directory themselves.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
. "$top_srcdir/tests/glibc/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
corpus=$top_srcdir/tests/glibc/corpus

policies=
if [ -z "$glibc217_missing" ]; then
	policies="$policies manylinux_2_17"
else
	glibc217_unavailable
fi
[ -z "$bullseye_root_missing" ] && policies="$policies manylinux_2_28"

cap_of() { case $1 in manylinux_2_17) echo 17 ;; manylinux_2_28) echo 28 ;; esac; }
same() {
	[ "$1" = "$(cat "$2")" ] || { diag "got: $1" "want: $(cat "$2")"; return 1; }
}
# expectation FILE POLICY COMPILER: "runs" or "refused SYMBOL".
expectation() {
	local want
	want=$(sed -n "s|^// $2 $3: ||p" "$1" | head -n 1)
	[ -n "$want" ] || want=$(sed -n "s|^// $2: ||p" "$1" | head -n 1)
	echo "${want:-runs}"
}

# The dlopen host of bullseye: GCC 4.8.5's (glibc 2.17) program runs there.
if [ -z "$glibc217_missing" ]; then
	"$glibc217_cc" -std=gnu99 -O1 -o "$tmp/dlopen-host-217" "$top_srcdir/tests/fixtures/dlopen_call.c" -ldl ||
		bail "GCC 4.8.5 cannot build dlopen_call.c"
fi
gcc -O1 -o "$tmp/dlopen-host" "$top_srcdir/tests/fixtures/dlopen_call.c" -ldl || bail "cannot build the host"

while read -r cname ccc ccxx; do
	[ -n "$cname" ] || continue
	case $cname in gcc-11) continue ;; esac # one GCC is enough here
	compiler=${cname%%-*}
	"$ccc" -c -o "$tmp/main-$compiler.o" "$corpus/main.c" || bail "$ccc cannot compile main.c"
	for src in "$corpus"/*.c "$corpus"/*.cc; do
		name=$(basename "$src")
		name=${name%.*}
		[ "$name" = main ] && continue
		case $src in
		*.cc) real=$ccxx wrapper=$wcxx ;;
		*) real=$ccc wrapper=$wcc ;;
		esac
		flags="-O2 -pthread"
		ref=$tmp/ref-$compiler-$name
		mkdir -p "$ref"
		(cd "$ref" && "$real" $flags -o prog "$src" "$tmp/main-$compiler.o" -lm &&
			./prog >expected 2>&1 &&
			"$real" $flags -fPIC -shared -o prog.so "$src" -lm &&
			"$tmp/dlopen-host" ./prog.so corpus_main >expected-so 2>&1) ||
			{ not_ok "$compiler $name: the normal build runs on this machine"; continue; }
		for policy in $policies; do
			out=$tmp/$policy-$compiler-$name
			mkdir -p "$out"
			label="$compiler $name [$policy]"
			want=$(expectation "$src" $policy $compiler)
			(cd "$out" && MANYGUARD_POLICY=$policy "$wrapper" $flags -o prog "$src" "$tmp/main-$compiler.o" -lm) 2>"$out/err"
			status=$?
			case $want in
			refused*)
				symbol=${want#refused }
				if [ $status = 0 ]; then
					not_ok "$label: refused at link time, naming $symbol"
					diag "it linked"
				elif grep 'error: ' "$out/err" | grep -F "$symbol" | grep -qF '[symbol-version]'; then
					ok "$label: refused at link time, naming $symbol [symbol-version]"
				else
					not_ok "$label: refused at link time, naming $symbol [symbol-version]"
					diag "$(head -n 8 "$out/err")"
				fi
				check "$label: ... and no output is left" test ! -e "$out/prog"
				continue
				;;
			esac
			if [ $status != 0 ]; then
				not_ok "$label: links"
				diag "$(head -n 12 "$out/err")"
				continue
			fi
			(cd "$out" && MANYGUARD_POLICY=$policy "$wrapper" $flags -fPIC -shared -o prog.so "$src" -lm) 2>>"$out/err" ||
				{ not_ok "$label: links as a shared object"; diag "$(head -n 12 "$out/err")"; continue; }
			check "$label: needs nothing above GLIBC_2.$(cap_of $policy)" \
				glibc_within "$out/prog" "$(cap_of $policy)"
			check "$label: as a shared object too" glibc_within "$out/prog.so" "$(cap_of $policy)"
			case $policy in
			manylinux_2_17)
				got=$(cd "$out" && run_on_glibc217 ./prog 2>&1)
				check "$label: prints on glibc 2.17 (through its ld.so) what it prints here" \
					same "$got" "$ref/expected"
				(cd "$out" && MANYGUARD_POLICY=$policy "$wrapper" $flags $glibc217_ldflags -o prog-217 "$src" \
					"$tmp/main-$compiler.o" -lm) 2>>"$out/err"
				got=$(cd "$out" && run_linked_on_glibc217 ./prog-217 2>&1)
				check "$label: ... and linked for glibc 2.17's loader" same "$got" "$ref/expected"
				got=$(cd "$out" && dlopen_on_glibc217 ./prog.so corpus_main 2>&1)
				check "$label: the shared object, dlopened on glibc 2.17, prints the same" \
					same "$got" "$ref/expected-so"
				;;
			manylinux_2_28)
				got=$(run_in_bullseye "$out/prog" 2>&1)
				check "$label: prints in bullseye (glibc 2.31) what it prints here" \
					same "$got" "$ref/expected"
				got=$(run_in_bullseye -f "$out/prog.so" "$tmp/dlopen-host-217" ./prog.so corpus_main 2>&1)
				check "$label: the shared object, dlopened in bullseye, prints the same" \
					same "$got" "$ref/expected-so"
				;;
			esac
		done
	done
done <<EOT
$compilers
EOT
done_testing

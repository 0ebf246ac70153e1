#!/bin/bash
# The old-baseline corpus (tests/oldcxx/corpus): C++ programs and shared
# objects built through manyguard-c++ with no extra flags, for
#   manylinux_2_17, run on GCC 4.8.5's real libstdc++ 6.0.19 (the
#     manylinux2014 runtime, older than the C++11 ABI), as an executable
#     and as a shared object dlopened by a host program;
#   manylinux_2_28, run on Debian bullseye's real libstdc++ 10.2.
# Each file says, per policy, "runs" or "refused SYMBOL".  A program that
# runs must link, need no version its runtime lacks, and print exactly
# what the normal build prints on this machine.  A refused one must fail
# at link time with manyguard's error naming SYMBOL and why it was left
# out, and every undefined reference the linker reports must come with
# manyguard's explanation: never a bare linker error.
# manylinux_2_17 outputs also need nothing above GLIBC_2.17 and run
# entirely on glibc 2.17's loader (the glibc baseline, docs/glibc.md,
# which the wrappers add by themselves).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
. "$top_srcdir/tests/glibc/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
. "$top_srcdir/tests/fixtures/bullseye.sh"
corpus=$top_srcdir/tests/oldcxx/corpus
harness=$top_srcdir/tests/nonshared
flags="-std=c++20 -O2 -fPIC -pthread"

# The runtimes, each alone in a directory.
runs=
if [ -z "$glibc217_missing" ]; then
	mkdir -p "$tmp/rt-2_17"
	cp "$glibc217_libstdcxx" "$tmp/rt-2_17/libstdc++.so.6"
	cp "$glibc217_libgcc_s" "$tmp/rt-2_17/libgcc_s.so.1"
	runs="$runs manylinux_2_17"
else
	glibc217_unavailable
fi
if [ -z "$bullseye_missing" ]; then
	runs="$runs manylinux_2_28"
else
	bullseye_unavailable
fi
run_path() {
	case $1 in
	manylinux_2_17) echo "$tmp/rt-2_17" ;;
	manylinux_2_28) echo "$bullseye_ld_path" ;;
	esac
}
# The versions a runtime library defines, one per line.
defined_by() {
	"$READELF" -V -W "$1" | awk '/Rev: .*Name: / && !/Flags: BASE/ { print $NF }' | sort -u
}
if [ -z "$glibc217_missing" ]; then
	defined_by "$tmp/rt-2_17/libstdc++.so.6" >"$tmp/defs-manylinux_2_17-libstdc++.so.6"
	defined_by "$tmp/rt-2_17/libgcc_s.so.1" >"$tmp/defs-manylinux_2_17-libgcc_s.so.1"
fi
if [ -z "$bullseye_missing" ]; then
	defined_by "$bullseye_libstdcxx" >"$tmp/defs-manylinux_2_28-libstdc++.so.6"
	defined_by "$bullseye_libgcc_s" >"$tmp/defs-manylinux_2_28-libgcc_s.so.1"
fi

# needs_only FILE POLICY: FILE requires no version of libstdc++/libgcc_s
# that the policy's real runtime lacks.
needs_only() {
	local lib v bad=0
	for lib in libstdc++.so.6 libgcc_s.so.1; do
		for v in $("$READELF" -V -W "$1" | awk -v lib="$lib" '
			/File: / { f = ($0 ~ "File: " lib "( |$)") }
			f && /Name: / { for (i = 1; i <= NF; i++) if ($i == "Name:") print $(i + 1) }'); do
			grep -qx "$v" "$tmp/defs-$2-$lib" || { diag "$1 needs $v from $lib"; bad=1; }
		done
	done
	return $bad
}
# explained ERRFILE SYMBOL: the link failed with manyguard's error naming
# SYMBOL and its reason, and every undefined reference is explained.
explained() {
	local name bad=0
	grep -F "manyguard-ld: error: " "$1" | grep -qF "$2" ||
		{ diag "no manyguard error names $2"; bad=1; }
	grep -qE 'manyguard-ld: note: (left out for a hazard \(|why: )' "$1" ||
		{ diag "no reason given"; bad=1; }
	grep -qF 'manyguard-ld: note: ways out: ' "$1" || { diag "no way out given"; bad=1; }
	while IFS= read -r name; do
		grep -F "manyguard-ld: error: " "$1" | grep -qF "undefined reference to $name" ||
			{ diag "bare linker error: undefined reference to $name"; bad=1; }
	done < <(sed -n "s/.*undefined reference to \`\(.*\)'$/\1/p" "$1" | sort -u)
	return $bad
}

cc -O2 -o "$tmp/host" "$harness/host.c" -ldl || bail "cannot build the host"
g++ $flags -c -o "$tmp/exe_main.o" "$harness/exe_main.cc" || bail "compile"
programs=0 runs_ok=0 refused_ok=0
for src in "$corpus"/*.cc; do
	name=$(basename "$src" .cc)
	case $name in *.dso) continue ;; esac
	programs=$((programs + 1))
	dso=$corpus/$name.dso.cc
	[ -f "$dso" ] || dso=
	# The reference: the normal build on this machine.
	ref=$tmp/ref-$name
	mkdir -p "$ref"
	if [ -n "$dso" ]; then
		g++ $flags -shared -o "$ref/lib$name.so" "$dso" &&
			g++ $flags -o "$ref/$name" "$tmp/exe_main.o" "$src" -L"$ref" -l"$name" -Wl,-rpath,"$ref"
	else
		g++ $flags -o "$ref/$name" "$tmp/exe_main.o" "$src"
	fi && "$ref/$name" >"$tmp/$name.expected" 2>&1 ||
		{ not_ok "$name: the normal build runs"; continue; }
	for policy in $runs; do
		out=$tmp/$policy/$name
		mkdir -p "$out"
		want=$(sed -n "s|^// $policy: ||p" "$src" ${dso:+"$dso"} | grep -m1 '^refused' || echo runs)
		export MANYGUARD_POLICY=$policy
		status=0
		# The shared half first, then the program: each through the wrapper.
		: >"$out/err"
		if [ -n "$dso" ]; then
			"$wcxx" $flags -shared -o "$out/lib$name.so" "$dso" 2>>"$out/err" || status=1
		fi
		if [ $status = 0 ]; then
			"$wcxx" $flags -c -o "$out/$name.o" "$src" 2>>"$out/err" &&
				"$wcxx" $flags -o "$out/$name" "$tmp/exe_main.o" "$out/$name.o" \
					${dso:+-L"$out" -l"$name" -Wl,-rpath,"$out"} 2>>"$out/err" || status=1
		fi
		label="$name [$policy]"
		case $want in
		refused*)
			symbol=${want#refused }
			if [ $status = 0 ]; then
				not_ok "$label: refused at link time"; diag "it linked"
			elif explained "$out/err" "$symbol"; then
				ok "$label: refused at link time, naming $symbol and why"
				refused_ok=$((refused_ok + 1))
			else
				not_ok "$label: refused at link time, naming $symbol and why"
				diag "$(grep -v '^/usr/bin/ld' "$out/err" | head -n 12)"
			fi
			continue
			;;
		esac
		if [ $status != 0 ]; then
			not_ok "$label: links"; diag "$(head -n 12 "$out/err")"; continue
		fi
		got=$(env LD_LIBRARY_PATH="$(run_path $policy)" "$out/$name" 2>&1)
		if needs_only "$out/$name" $policy && [ "$got" = "$(cat "$tmp/$name.expected")" ]; then
			ok "$label: runs on the old runtime and prints what the normal build prints"
			runs_ok=$((runs_ok + 1))
		else
			not_ok "$label: runs on the old runtime and prints what the normal build prints"
			diag "got: $got" "want: $(cat "$tmp/$name.expected")"
		fi
		# The shared-object form of the program, loaded like an extension.
		if [ $policy = manylinux_2_17 ]; then
			if ! "$wcxx" $flags -shared -o "$out/ext$name.so" "$out/$name.o" \
				"$harness/lib_entry.cc" ${dso:+-L"$out" -l"$name" -Wl,-rpath,"$out"} 2>"$out/err"; then
				not_ok "$label: links as a shared object"; diag "$(head -n 12 "$out/err")"
			else
				got=$(env LD_LIBRARY_PATH="$(run_path $policy)" "$tmp/host" "$out/ext$name.so" 2>&1)
				if needs_only "$out/ext$name.so" $policy &&
					[ "$got" = "$(cat "$tmp/$name.expected")" ]; then
					ok "$label: as a shared object, loads and prints the same"
				else
					not_ok "$label: as a shared object, loads and prints the same"
					diag "got: $got" "want: $(cat "$tmp/$name.expected")"
				fi
			fi
			# Entirely on glibc 2.17: the program needs nothing above
			# GLIBC_2.17 and runs linked the way the old glibc starts it (its
			# loader as the interpreter, its libraries by DT_RPATH: the
			# fixture's libstdc++ 6.0.19 too), the shared object dlopened by a
			# program of GCC 4.8.5.
			check "$label: needs nothing above GLIBC_2.17" glibc_within "$out/$name" 17
			check "$label: ... as a shared object too" glibc_within "$out/ext$name.so" 17
			"$wcxx" $flags $glibc217_ldflags -o "$out/$name-217" "$tmp/exe_main.o" \
				"$out/$name.o" ${dso:+-L"$out" -l"$name" -Wl,-rpath,"$out"} 2>"$out/err"
			got=$(run_linked_on_glibc217 "$out/$name-217" 2>&1)
			check "$label: runs on glibc 2.17 and its loader" \
				[ "$got" = "$(cat "$tmp/$name.expected")" ]
			got=$(dlopen_on_glibc217 -L "$out" "$out/ext$name.so" corpus_entry 2>&1)
			check "$label: as a shared object, loads on glibc 2.17" \
				[ "$got" = "$(cat "$tmp/$name.expected")" ]
		fi
	done
done
unset MANYGUARD_POLICY

# --- what an output carries, and the ways out ------------------------------
if [ -z "$glibc217_missing" ]; then
	export MANYGUARD_POLICY=manylinux_2_17
	mg=$top_builddir/tools/manyguard
	out=$tmp/extra
	mkdir -p "$out"
	# The old ABI is recorded, and shown.
	"$wcxx" $flags -o "$out/put_money" "$tmp/exe_main.o" "$corpus/put_money.cc" 2>"$out/err"
	check "show: a manylinux_2_17 output's objects use the old ABI, its baseline has no other" \
		sh -c "'$mg' show --policy manylinux_2_17 '$out/put_money' | grep -qx '  C++ ABI: old (_GLIBCXX_USE_CXX11_ABI=0); the baseline predates the C++11 ABI'"
	# New-ABI objects are refused: compiled without the wrapper (their names
	# tell), or with the macro set on the command line (the plugin's note).
	g++ $flags -c -o "$out/strings-new.o" "$corpus/strings.cc"
	"$wcxx" $flags -o "$out/strings-new" "$tmp/exe_main.o" "$out/strings-new.o" 2>"$out/err"
	check "an object of the new ABI (no notes) is refused [cxx-abi], naming a new-ABI name" \
		sh -c "grep -F 'strings-new.o, built with the C++11 ABI (it defines _ZNSt7__cxx11' '$out/err' | grep -qF '[cxx-abi]' && [ ! -e '$out/strings-new' ]"
	"$wcxx" $flags -D_GLIBCXX_USE_CXX11_ABI=1 -c -o "$out/strings-flag.o" "$corpus/strings.cc"
	"$wcxx" $flags -o "$out/strings-flag" "$tmp/exe_main.o" "$out/strings-flag.o" 2>"$out/err"
	check "an object compiled with -D_GLIBCXX_USE_CXX11_ABI=1 is refused [cxx-abi], by its notes" \
		sh -c "grep -F 'strings-flag.o, built with the C++11 ABI (its notes say _GLIBCXX_USE_CXX11_ABI=1)' '$out/err' | grep -qF '[cxx-abi]'"
	# Allowing a hazard links, and the output carries the hazard we measured:
	# two shared objects, two generic categories.
	export MANYGUARD_ALLOW_HAZARD=_ZNSt3_V216generic_categoryEv
	"$wcxx" $flags -shared -o "$out/libxdso_error_code.so" "$corpus/xdso_error_code.dso.cc" 2>"$out/err" &&
		"$wcxx" $flags -o "$out/xdso_error_code" "$tmp/exe_main.o" "$corpus/xdso_error_code.cc" \
			-L"$out" -lxdso_error_code -Wl,-rpath,"$out" 2>>"$out/err"
	check "MANYGUARD_ALLOW_HAZARD=_ZNSt3_V216generic_categoryEv: the error-category programs link" \
		test -x "$out/xdso_error_code"
	got=$(env LD_LIBRARY_PATH="$tmp/rt-2_17" "$out/xdso_error_code" 2>&1)
	check "... and show the hazard on libstdc++ 6.0.19: each shared object has its own category" \
		test "$got" = "value 5, == errc::io_error 0, generic category 0"
	check "show names the accepted hazard and its class" \
		sh -c "'$mg' show --policy manylinux_2_17 '$out/libxdso_error_code.so' | grep -qF 'C++ hazard accepted (MANYGUARD_ALLOW_HAZARD): std::_V2::generic_category() [error-category]'"
	check "audit notes it" \
		sh -c "'$mg' audit --policy manylinux_2_17 '$out/libxdso_error_code.so' | grep -qF 'was linked with 1 C++ runtime symbol(s) whose hazard the build accepted (MANYGUARD_ALLOW_HAZARD): std::_V2::generic_category() [error-category]'"
	check "the manifest lists it" \
		sh -c "'$mg' manifest --json '$out/libxdso_error_code.so' | python3 -c 'import json,sys; h=json.load(sys.stdin)[\"cxx\"][\"hazards\"]; sys.exit(not [e for e in h if e[\"symbol\"]==\"_ZNSt3_V216generic_categoryEv\" and e[\"status\"]==\"hazard-allowed\"])'"
	unset MANYGUARD_ALLOW_HAZARD MANYGUARD_POLICY
fi

check "the corpus has at least 20 programs ($programs)" [ "$programs" -ge 20 ]
diag "$runs_ok runs printed the normal build's output, $refused_ok links were refused with reasons"
done_testing

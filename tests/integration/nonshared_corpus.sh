#!/bin/bash
# The split on real programs: every corpus program is built with g++ against
# (a) Debian bullseye's real libstdc++ (GLIBCXX_3.4.28) and (b) the
# manylinux_2_28 policy, with and without --as-needed, as an executable and
# as a shared library loaded by a host program.  Each output must require no
# version its baseline lacks, export nothing that came from the nonshared
# archive, and print what the normal build prints on this machine's runtime;
# with (a) it runs on the real bullseye runtime.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
corpus="$top_srcdir/tests/nonshared/corpus"
CXX=${CXX_FOR_TESTS:-g++}
cxxflags="-std=c++20 -O2 -fPIC"

. "$top_srcdir/tests/fixtures/bullseye.sh"

# Versions a file requires from LIB (readelf -V), one per line.
required_from() {
	"$READELF" -V -W "$1" | awk -v lib="$2" '
		/File: / { f = ($0 ~ "File: " lib "( |$)") }
		f && /Name: / { for (i = 1; i <= NF; i++) if ($i == "Name:") print $(i + 1) }'
}
# Versions a library defines.
defined_by() {
	"$READELF" -V -W "$1" | awk '/Rev: .*Name: / && !/Flags: BASE/ { print $NF }'
}
# Defined global names of the archive's members.
archive_names() {
	nm -g --defined-only "$1" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u
}
# Defined dynamic symbols of an output.
exported() {
	"$READELF" --dyn-syms -W "$1" | awk '$7 != "UND" && $1 ~ /^[0-9]+:$/ && $5 != "LOCAL" { sub(/@.*/, "", $8); print $8 }' | sort -u
}

# check_output NAME OUTPUT BASELINE_DIR LIBSTDCXX LIBGCC_S: the outputs' needs
# and exports; prints problems, returns non-zero on any.
check_needs() {
	local out=$1 libstdcxx=$2 libgcc_s=$3 names=$4 own=$5 bad=0 v
	for v in $(required_from "$out" libstdc++.so.6); do
		grep -qx "$v" "$tmp/defs-$libstdcxx" || { diag "$out needs $v from libstdc++.so.6, which the baseline lacks"; bad=1; }
	done
	for v in $(required_from "$out" libgcc_s.so.1); do
		grep -qx "$v" "$tmp/defs-$libgcc_s" || { diag "$out needs $v from libgcc_s.so.1, which the baseline lacks"; bad=1; }
	done
	local leaked
	# Template instantiations the program defines itself are its own to
	# export; anything else the archive defines must not show.
	leaked=$(exported "$out" | comm -12 - "$names" | comm -23 - "$own")
	if [ -n "$leaked" ]; then
		diag "$out exports symbols of the nonshared archive:" $leaked
		bad=1
	fi
	return $bad
}

# --- runtime directories --------------------------------------------------
baselines=
if [ -z "$bullseye_missing" ]; then
	if "$mg" nonshared --baseline-lib "$bullseye_libstdcxx" --baseline-libgcc-s "$bullseye_libgcc_s" \
		-o "$tmp/rt-bullseye" >"$tmp/ns.log" 2>&1; then
		ok "nonshared for the bullseye baseline"
		baselines="$baselines bullseye"
		defined_by "$bullseye_libstdcxx" >"$tmp/defs-bullseye-cxx"
		defined_by "$bullseye_libgcc_s" >"$tmp/defs-bullseye-gcc"
	else
		not_ok "nonshared for the bullseye baseline"; diag "$(cat "$tmp/ns.log")"
	fi
else
	bullseye_unavailable
fi
if "$mg" nonshared --policy manylinux_2_28 -o "$tmp/rt-2_28" >"$tmp/ns.log" 2>&1; then
	ok "nonshared for manylinux_2_28"
	baselines="$baselines 2_28"
	defined_by "$tmp/rt-2_28/libstdc++.so.6" >"$tmp/defs-2_28-cxx"
	defined_by "$tmp/rt-2_28/libgcc_s.so.1" >"$tmp/defs-2_28-gcc"
else
	not_ok "nonshared for manylinux_2_28"; diag "$(cat "$tmp/ns.log")"
fi
check "the manylinux_2_28 stub defines nothing above GLIBCXX_3.4.24 / CXXABI_1.3.11" \
	sh -c "! grep -E '^(GLIBCXX_3\.4\.(2[5-9]|3[0-9])|CXXABI_1\.3\.1[2-9])$' '$tmp/defs-2_28-cxx'"
for b in $baselines; do
	archive_names "$tmp/rt-$b/libstdc++_nonshared.a" >"$tmp/names-$b"
done

# --- the corpus -------------------------------------------------------------
cc -O2 -o "$tmp/host" "$top_srcdir/tests/nonshared/host.c" -ldl || bail "cannot build the host"
$CXX $cxxflags -c -o "$tmp/exe_main.o" "$top_srcdir/tests/nonshared/exe_main.cc" || bail "compile"
$CXX $cxxflags -c -o "$tmp/lib_entry.o" "$top_srcdir/tests/nonshared/lib_entry.cc" || bail "compile"
# Every symbol newer than one of the baselines.
cat "$tmp"/rt-*/newer-symbols.txt 2>/dev/null | grep -v '^#' | cut -f1 | sort -u >"$tmp/newer"
count=0 using_newer=0 using_none=0
for src in "$corpus"/*.cc; do
	name=$(basename "$src" .cc)
	count=$((count + 1))
	obj="$tmp/$name.o"
	extra=$(sed -n 's|^// cxxflags: \([^(]*\).*|\1|p' "$src")
	if ! $CXX $cxxflags $extra -c -o "$obj" "$src" 2>"$tmp/err"; then
		not_ok "$name: compiles"; diag "$(cat "$tmp/err")"; continue
	fi
	nm -g --defined-only "$obj" "$tmp/exe_main.o" "$tmp/lib_entry.o" 2>/dev/null |
		awk 'NF == 3 { print $3 }' | sort -u >"$tmp/$name.own"
	uses=$(nm -u "$obj" | awk '{ print $2 }' | sort -u | comm -12 - "$tmp/newer" | wc -l)
	diag "$name references $uses symbols newer than a baseline"
	[ "$uses" -gt 0 ] && using_newer=$((using_newer + 1)) || using_none=$((using_none + 1))
	# The reference: a normal build on this machine's runtime.
	$CXX -o "$tmp/$name.ref" "$tmp/exe_main.o" "$obj" && "$tmp/$name.ref" >"$tmp/$name.expected" 2>&1 &&
		ok "$name: the normal build runs" ||
		{ not_ok "$name: the normal build runs"; continue; }
	# A symbol the split leaves out for a baseline (its hazard) must not
	# link: the program is refused rather than run wrong.
	leftout=$(sed -n 's|^// left out for \([a-z0-9_]*\):.*|\1|p' "$src")
	for b in $baselines; do
		rt="$tmp/rt-$b"
		if [ "$b" = "$leftout" ]; then
			if $CXX -o "$tmp/$name-$b" "$tmp/exe_main.o" "$obj" -L"$rt" 2>"$tmp/err"; then
				not_ok "$name [$b]: left out for a hazard, the link fails"
			else
				check "$name [$b]: left out for a hazard, the link fails (undefined reference)" \
					grep -q 'undefined reference' "$tmp/err"
			fi
			continue
		fi
		case $b in
		bullseye) run_env="LD_LIBRARY_PATH=$bullseye_ld_path" ;;
		*) run_env="MG_UNUSED=1" ;;
		esac
		for asneeded in "" "-Wl,--as-needed"; do
			label="$name [$b${asneeded:+, as-needed}]"
			exe="$tmp/$name-$b${asneeded:+-an}"
			lib="$tmp/lib$name-$b${asneeded:+-an}.so"
			if ! $CXX -o "$exe" "$tmp/exe_main.o" "$obj" -L"$rt" $asneeded 2>"$tmp/err"; then
				not_ok "$label: executable links"; diag "$(cat "$tmp/err")"
			else
				got=$(env "$run_env" "$exe" 2>&1)
				if check_needs "$exe" "$b-cxx" "$b-gcc" "$tmp/names-$b" "$tmp/$name.own" &&
					[ "$got" = "$(cat "$tmp/$name.expected")" ]; then
					ok "$label: executable needs only the baseline, exports nothing private, prints the same"
				else
					not_ok "$label: executable"; diag "got: $got" "want: $(cat "$tmp/$name.expected")"
				fi
			fi
			if ! $CXX -shared -o "$lib" "$obj" "$tmp/lib_entry.o" -L"$rt" $asneeded 2>"$tmp/err"; then
				not_ok "$label: shared library links"; diag "$(cat "$tmp/err")"
			else
				got=$(env "$run_env" "$tmp/host" "$lib" 2>&1)
				if check_needs "$lib" "$b-cxx" "$b-gcc" "$tmp/names-$b" "$tmp/$name.own" &&
					[ "$got" = "$(cat "$tmp/$name.expected")" ]; then
					ok "$label: shared library needs only the baseline, exports nothing private, loads and prints the same"
				else
					not_ok "$label: shared library"; diag "got: $got" "want: $(cat "$tmp/$name.expected")"
				fi
			fi
		done
	done
done
check "the corpus has at least 25 programs ($count)" [ "$count" -ge 25 ]
check "at least 20 corpus programs use newer runtime symbols ($using_newer)" [ "$using_newer" -ge 20 ]
check "at least 3 corpus programs use none ($using_none)" [ "$using_none" -ge 3 ]
done_testing

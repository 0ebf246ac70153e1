#!/bin/bash
# The libraries a link for an old glibc gets without naming them
# (docs/glibc.md, "The linker scripts"): the glibc directory's libc.so
# brings in, as needed, libpthread, libdl, librt and the loader, whose
# names code written for a newer glibc calls without -lpthread, -ldl or
# -lrt; not libutil, libanl, libresolv (and 2.28's libm), which such code
# rarely reaches and which a build for the old glibc names, like a native
# one there.  Through the wrappers (MANYGUARD_GLIBC=on), for manylinux_2_17
# and manylinux_2_28:
#   - dlopen and shm_open without -ldl -lrt link, need libdl.so.2 and
#     librt.so.1, and run on glibc 2.17 and in the bullseye root;
#   - openpty without -lutil (getaddrinfo_a without -lanl) is refused with
#     the linker wrapper's error naming libutil.so.1 and -lutil, for an
#     executable (the link fails) and a shared object (it would link, then
#     fail to load); `manyguard show` names the same library;
#   - with -lutil it links, binds openpty in libutil.so.1 and runs.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/wrappers/cc/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
. "$top_srcdir/tests/fixtures/bullseye_root.sh"
src=$top_srcdir/tests/glibc/stubs
mg=$top_builddir/tools/manyguard
export MANYGUARD_GLIBC=on
needed() { "$READELF" -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' '; }
# binds FILE NAME SONAME: FILE's undefined NAME is bound to a version
# required from SONAME.
binds() {
	local index
	index=$("$READELF" --dyn-syms -W "$1" | awk -v n="$2" '$7 == "UND" && index($8, n "@") == 1 { gsub(/[()]/, "", $9); print $9; exit }')
	[ -n "$index" ] || { diag "$1: no versioned undefined $2"; return 1; }
	"$READELF" -V -W "$1" | awk -v file="$2" -v so="$3" -v i="$index" '
		/File: / { f = $0 ~ ("File: " so "( |$)") }
		f && $0 ~ ("Version: " i "$") { found = 1 }
		END { exit !found }' || { diag "$1: $2 is not bound to $3"; return 1; }
}

gcc -O1 -o ref-shm "$src/shm_dl.c" && ./ref-shm >shm.expected || bail "reference shm_dl"
gcc -O1 -o ref-pty "$src/pty.c" && ./ref-pty >pty.expected || bail "reference pty"
for policy in manylinux_2_17 manylinux_2_28; do
	export MANYGUARD_POLICY=$policy
	v=${policy#manylinux_}
	rm -f shm pty pty-lutil pty.so anl err
	"$wcc" -O1 -o shm "$src/shm_dl.c" 2>err
	check "$v: dlopen and shm_open without -ldl -lrt link" [ -x shm ]
	dir=$(ls -d "$MANYGUARD_CACHE_DIR"/glibc/$policy-*/ 2>/dev/null | sed 's|/$||')
	check "$v: libc.so brings in libpthread first, then libdl, librt and the loader as needed, nothing else" \
		grep -qE "^GROUP \( $dir/libmanyguard_glibc.a AS_NEEDED \( $dir/libpthread.so.0 \) $dir/libc.so.6 /[^ ]*/libc_nonshared.a AS_NEEDED \( $dir/libdl.so.2 $dir/librt.so.1 $dir/ld-linux-x86-64.so.2 \) \)$" "$dir/libc.so"
	check "$v: it needs libc.so.6, libdl.so.2 and librt.so.1, as a native build with -ldl -lrt" \
		[ "$(needed shm)" = "libc.so.6 libdl.so.2 librt.so.1 " ]
	check "$v: dlopen is libdl.so.2's, shm_open librt.so.1's" \
		sh -c "$(declare -f binds diag); binds shm dlopen libdl.so.2 && binds shm shm_open librt.so.1"

	"$wcc" -O1 -o pty "$src/pty.c" 2>err
	check "$v: openpty without -lutil is refused: the link fails, naming libutil.so.1" \
		sh -c "[ ! -e pty ] && grep -q 'error: pty: undefined reference to openpty: $policy (glibc 2.${v#2_}) has it in libutil.so.1, which the link does not name \[symbol-version\]' err"
	check "$v: ... with the way out, -lutil" grep -q 'ways out: link with -lutil' err
	sed -n 's/^/# /; /manyguard-ld: error/p' err
	"$wcc" -O1 -fPIC -shared -o pty.so "$src/pty.c" 2>err
	check "$v: a shared object leaving openpty undefined is refused, naming libutil.so.1" \
		sh -c "[ ! -e pty.so ] && grep -q 'error: pty.so needs openpty, which $policy (glibc 2.${v#2_}) has in libutil.so.1, a library the file does not need' err"
	"$wcc" -O1 -o anl "$src/anl.c" 2>err
	check "$v: getaddrinfo_a without -lanl is refused, naming libanl.so.1 and -lanl" \
		sh -c "[ ! -e anl ] && grep -q 'undefined reference to getaddrinfo_a: .* has it in libanl.so.1' err && grep -q 'link with -lanl' err"
	"$wcc" -O1 -o pty-lutil "$src/pty.c" -lutil 2>err
	check "$v: with -lutil it links, needs libutil.so.1 and binds openpty there" \
		sh -c "$(declare -f binds diag needed); [ -x pty-lutil ] && binds pty-lutil openpty libutil.so.1 && [ \"\$(needed pty-lutil)\" = 'libc.so.6 libutil.so.1 ' ]"
done

# manyguard show judges a shared object as it ships the same way.
MANYGUARD_POLICY=manylinux_2_17 MANYGUARD_ALLOW=symbol-version "$wcc" -O1 -fPIC -shared -o pty.so "$src/pty.c" 2>err
check "MANYGUARD_ALLOW=symbol-version keeps the shared object, with a warning" \
	sh -c "[ -f pty.so ] && grep -q 'warning: pty.so needs openpty' err"
"$mg" show --policy manylinux_2_17 pty.so >show.txt 2>&1
check "manyguard show: openpty is left undefined that glibc 2.17 has in libutil.so.1" \
	grep -q 'left undefined that manylinux_2_17 (glibc 2.17) has in libutil.so.1' show.txt

# --- on the old glibc -----------------------------------------------------------------------
export MANYGUARD_POLICY=manylinux_2_17
"$wcc" -O1 -o shm-17 "$src/shm_dl.c" && "$wcc" -O1 -o pty-17 "$src/pty.c" -lutil ||
	bail "link for manylinux_2_17"
if [ -n "$glibc217_missing" ]; then
	glibc217_unavailable
else
	run_on_glibc217 ./shm-17 >got 2>&1
	check "2.17: dlopen and shm_open without -ldl -lrt run on glibc 2.17" cmp -s got shm.expected
	sed 's/^/# /' got
	run_on_glibc217 ./pty-17 >got 2>&1
	check "2.17: openpty with -lutil runs on glibc 2.17" cmp -s got pty.expected
fi
export MANYGUARD_POLICY=manylinux_2_28
"$wcc" -O1 -o shm-28 "$src/shm_dl.c" && "$wcc" -O1 -o pty-28 "$src/pty.c" -lutil ||
	bail "link for manylinux_2_28"
if [ -n "$bullseye_root_missing" ]; then
	bullseye_root_unavailable
else
	# The chroot has no /dev/shm nor /dev/ptmx: shm_open and openpty run
	# there and fail for want of the device, after the loader bound them.
	run_in_bullseye ./shm-28 >got 2>&1
	check "2.28: dlopen and shm_open without -ldl -lrt run in the bullseye root" \
		grep -qE '^shm_open: (ok|failed), dlopen: ok$' got
	sed 's/^/# /' got
	run_in_bullseye ./pty-28 >got 2>&1
	check "2.28: openpty with -lutil runs in the bullseye root" grep -qE '^openpty: ' got
	sed 's/^/# /' got
fi
done_testing

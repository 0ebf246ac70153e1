#!/bin/sh
# `manyguard specs install/uninstall --root R` never goes through a symlink
# below R: a link where one of its files or directories belongs (R/manyguard,
# R/specs, R/manyguard/specs.orig, R/manyguard/runtime-P, R/manyguard/glibc-P)
# is refused, named, before anything is written, read or removed; what the
# link points to is left exactly as it was.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/specs/common.sh"
set -- $compilers
cxx=$2

# snapshot DIR: every file below it with its content digest.
snapshot() { (cd "$1" && find . -print0 | sort -z | xargs -0 -r sha256sum 2>/dev/null; find . | sort); }
# victim: a directory outside the root holding files named like ours.
mkdir -p elsewhere/runtime
printf 'precious\n' >elsewhere/specs.orig
printf 'precious builtin\n' >elsewhere/builtin.specs
printf 'not a specs file\n' >elsewhere/victim
snapshot elsewhere >before.txt

# refused NAME ROOT WHAT ACTION: ACTION into ROOT is refused (exit 1), naming
# ROOT/WHAT as a symbolic link, and nothing outside changed.
refused() {
	"$mg" specs "$4" --gcc "$cxx" --root "$2" >out.txt 2>err.txt
	st=$?
	check "$1: refused (exit 1: $st)" [ $st -eq 1 ]
	check "$1: the link is named" grep -qF "error: $(cd "$2" && pwd -P)/$3: a symbolic link: manyguard specs never writes, reads or removes through one" err.txt
	snapshot elsewhere >after.txt
	check "$1: nothing outside the root changed" cmp -s before.txt after.txt
}

mkdir r1
ln -s "$tmp/elsewhere" r1/manyguard
refused "install, R/manyguard a link" r1 manyguard install
check "... and no specs file was written" test ! -e r1/specs
check "... and the link itself is left alone" test -L r1/manyguard

mkdir -p r2/manyguard
ln -s "$tmp/elsewhere/specs.orig" r2/manyguard/specs.orig
refused "install, R/manyguard/specs.orig a link" r2 manyguard/specs.orig install
check "... and no specs file was written" test ! -e r2/specs

mkdir -p r3/manyguard
ln -s "$tmp/elsewhere/runtime" r3/manyguard/runtime-manylinux_2_28
refused "install, R/manyguard/runtime-P a link" r3 manyguard/runtime-manylinux_2_28 install
check "... and the runtime directory was not made there" test -z "$(ls -A elsewhere/runtime)"

mkdir -p r3g/manyguard
ln -s "$tmp/elsewhere/runtime" r3g/manyguard/glibc-manylinux_2_28
refused "install, R/manyguard/glibc-P a link" r3g manyguard/glibc-manylinux_2_28 install
check "... and the glibc directory was not made there" test -z "$(ls -A elsewhere/runtime)"

mkdir r4
ln -s "$tmp/elsewhere/victim" r4/specs
refused "install, R/specs a link" r4 specs install
check "... and the link is still there, to the same file" \
	sh -c "[ -L r4/specs ] && [ \"\$(readlink r4/specs)\" = '$tmp/elsewhere/victim' ] && [ ! -e r4/manyguard ]"
refused "uninstall, R/specs a link" r4 specs uninstall

# A real install whose state directory is then swapped for a link to a copy
# of it: uninstall removes neither the link nor anything it leads to.
mkdir r5
"$mg" specs install --gcc "$cxx" --root r5 2>err.txt || bail "specs install: $(cat err.txt)"
mv r5/manyguard elsewhere/moved
snapshot elsewhere >before.txt
ln -s "$tmp/elsewhere/moved" r5/manyguard
refused "uninstall, R/manyguard a link" r5 manyguard uninstall
check "... and our specs file is left in place" sh -c "head -n 1 r5/specs | grep -q '^# manyguard default specs'"
rm r5/manyguard
mv elsewhere/moved r5/manyguard
snapshot elsewhere >before.txt
# The stamp a digest check leaves beside a runtime directory is a file.
: >r5/manyguard/runtime-manylinux_2_28.stamp
"$mg" specs uninstall --gcc "$cxx" --root r5 2>err.txt
check "without the link (a check's stamp beside the runtime directory), uninstall works again and leaves R empty" \
	sh -c "[ $? -eq 0 ] && [ -z \"\$(ls -A r5)\" ]"

# --root itself may be a symlink: it names the directory to use.
mkdir r6real
ln -s r6real r6
"$mg" specs install --gcc "$cxx" --root r6 2>err.txt
check "--root given as a symlink is the directory it names" \
	sh -c "[ $? -eq 0 ] && head -n 1 r6real/specs | grep -q '^# manyguard default specs'"
"$mg" specs uninstall --gcc "$cxx" --root r6 2>err.txt
check "... and uninstall there works" sh -c "[ $? -eq 0 ] && [ -z \"\$(ls -A r6real)\" ]"
done_testing

#!/bin/sh
# Where the manifest lives and how it holds up: the non-allocated
# .manyguard.manifest section survives strip, strip --strip-unneeded and
# patchelf; the same link twice gives the same bytes; MANYGUARD_MANIFEST_DIR
# collects whole JSON files under parallel links; MANYGUARD_MANIFEST=0
# turns it off; and a missing or corrupted manifest is a clear error of
# `manyguard manifest`, never a crash.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/manifest/common.sh"
cp "$fx/to_chars.cc" "$fx/lib.cc" "$fx/hello.c" . || bail "cannot copy the fixtures"
"$wcxx" -std=c++17 -fPIC -c to_chars.cc -o tc.o || bail "compile to_chars.cc"
"$wcxx" -fPIC -c lib.cc -o lib.o || bail "compile lib.cc"

# --- the section ---------------------------------------------------------------------------
"$wcxx" -shared tc.o lib.o -o ext.so 2>err.txt || bail "link ext.so: $(cat err.txt)"
sec=$("$READELF" -S -W ext.so | grep ' \.manyguard\.manifest ')
check "the section is there, PROGBITS" sh -c "echo '$sec' | grep -q PROGBITS"
check "... not allocated (no flags, address 0)" \
	sh -c "echo '$sec' | awk '{ exit !(\$4 == \"0000000000000000\" && \$8 !~ /A/) }'"
objcopy --dump-section .manyguard.manifest=ext.sec ext.so || bail "objcopy --dump-section"
check "... starts with the magic MGMANIF" sh -c "head -c 8 ext.sec | od -An -c | tr -d ' ' | grep -qx 'MGMANIF\\\\0'"
check "... format 1, header size 32" \
	sh -c "[ \"\$(od -An -tu4 -j8 -N8 ext.sec | tr -s ' ')\" = ' 1 32' ]"
zsize=$(od -An -tu8 -j16 -N8 ext.sec | tr -d ' ')
check "... the compressed size fills the section" test $((zsize + 32)) -eq "$(wc -c <ext.sec)"
tail -c +33 ext.sec | zstd -dc >ext.sec.json 2>/dev/null
check "... a zstd frame of compact JSON" sh -c "head -c 40 ext.sec.json | grep -q '^{\"schema\":\"manyguard-manifest/1\"'"
check "the output still loads and runs" "$PYTHON3" -c "import ctypes; assert ctypes.CDLL('./ext.so').lib_entry(7) == 7"
manifest_of ext.so || bail "no manifest in ext.so"

# Nothing the linker wrote moves: the output is the unwrapped link's bytes
# with the manifest appended, and only e_shoff and e_shnum (bytes 40..47
# and 60..61 of the ELF header) point at the new section header table.
# The unwrapped link is given what the wrapper gives: the runtime
# directory and the glibc directory (docs/glibc.md).
glibc_dir=$(field ext.so.json 'd["glibc"]["dir"]')
case $glibc_dir in "$MANYGUARD_CACHE_DIR"/glibc/*) ;; *) bail "no glibc directory in the manifest: $glibc_dir" ;; esac
g++ -shared tc.o lib.o -o plain.so -L "$(field ext.so.json 'd["policy"]["runtime_dir"]')" \
	-L "$glibc_dir" -Wl,--allow-shlib-undefined || bail "unwrapped link"
"$wcxx" -shared tc.o lib.o -o appended.so || bail "wrapped link"
plain_size=$(wc -c <plain.so)
cmp -l -n "$plain_size" plain.so appended.so | awk '{ print $1 }' >diff.txt
check "the wrapped output starts with the unwrapped one's bytes, only e_shoff/e_shnum changed" \
	sh -c "[ -s diff.txt ] && awk '{ if (!((\$1 >= 41 && \$1 <= 48) || (\$1 >= 61 && \$1 <= 62))) bad = 1 } END { exit bad }' diff.txt"
check "... and is longer by the section and its tables only" \
	test $(($(wc -c <appended.so) - plain_size)) -lt $((zsize + 32 + 4096))

# --- survives strip and patchelf --------------------------------------------------------------
survives() {
	d=$1 f=$2
	if "$mg" manifest --json "$f" >"$f.json" 2>"$f.err" && cmp -s ext.so.json "$f.json"; then
		ok "$d: the manifest reads back unchanged"
	else
		not_ok "$d: the manifest reads back unchanged"; diag "$(cat "$f.err")"
	fi
}
cp ext.so s1.so && strip s1.so && survives strip s1.so
cp ext.so s2.so && strip --strip-unneeded s2.so && survives "strip --strip-unneeded" s2.so
cp ext.so s3.so && strip --strip-debug s3.so && survives "strip --strip-debug" s3.so
# patchelf 0.14 misparses combined options: one call per change.
cp ext.so p1.so && patchelf --set-rpath '$ORIGIN/ext.libs' p1.so && survives "patchelf --set-rpath" p1.so
check "... (the RUNPATH did change)" sh -c "'$READELF' -d p1.so | grep -q 'runpath: \[\$ORIGIN/ext.libs\]'"
cp ext.so p2.so && patchelf --set-rpath "\$ORIGIN/$(printf '%0300d' 0)" p2.so && survives "patchelf --set-rpath, growing .dynstr" p2.so
cp ext.so p3.so && patchelf --replace-needed libc.so.6 libc-0123abcd.so.6 p3.so && survives "patchelf --replace-needed" p3.so
check "... (NEEDED did change)" sh -c "'$READELF' -d p3.so | grep -q 'libc-0123abcd.so.6'"
# auditwheel repair: both, one after the other, then strip.
cp ext.so p4.so && patchelf --replace-needed libm.so.6 libm-0123abcd.so.6 p4.so &&
	patchelf --set-rpath '$ORIGIN/../x.libs' p4.so && strip p4.so && survives "replace-needed + set-rpath + strip" p4.so
check "a stripped, patched output still runs" "$PYTHON3" -c "import ctypes; assert ctypes.CDLL('./p1.so').lib_entry(-1) < 0"

# --- deterministic ---------------------------------------------------------------------------------
for flavour in bfd gold lld; do
	"$wcxx" -fuse-ld=$flavour -shared tc.o lib.o -o same.so 2>/dev/null &&
		objcopy --dump-section .manyguard.manifest=same1.sec same.so &&
		sleep 1 &&
		"$wcxx" -fuse-ld=$flavour -shared tc.o lib.o -o same.so 2>/dev/null &&
		objcopy --dump-section .manyguard.manifest=same2.sec same.so
	check "$flavour: the same link twice gives a byte-identical manifest" cmp -s same1.sec same2.sec
done
"$wcxx" -shared tc.o lib.o -o same.so && cp same.so same1.so && "$wcxx" -shared tc.o lib.o -o same.so
check "... and a byte-identical output" cmp -s same1.so same.so
# Compiled and linked in one step: the driver's randomly named temporary
# objects are named by their order, so the manifest stays the same.
printf 'int main(void) { return 0; }\n' >onestep.c
"$wcc" onestep.c -o onestep && objcopy --dump-section .manyguard.manifest=one1.sec onestep &&
	"$wcc" onestep.c -o onestep && objcopy --dump-section .manyguard.manifest=one2.sec onestep
check "cc x.c -o x twice: byte-identical manifests" cmp -s one1.sec one2.sec
"$mg" manifest --json onestep >onestep.json 2>&1
check "... the temporary object is named <compiler temporary 1>" \
	sh -c "grep -q '\"<compiler temporary 1>\"' onestep.json && ! grep -q '/cc[A-Za-z0-9]\{6\}\.o' onestep.json"

# --- MANYGUARD_MANIFEST_DIR under make -j ----------------------------------------------------------
mkdir par
i=0
while [ $i -lt 24 ]; do
	(MANYGUARD_MANIFEST_DIR=$tmp/collected/sub "$wcc" -o par/p$i hello.c 2>par/e$i) &
	i=$((i + 1))
done
wait
check "24 parallel links wrote 24 manifests into one new directory" \
	test "$(ls collected/sub | wc -l)" -eq 24
check "... no temporary file left" sh -c "! ls collected/sub | grep -v '\.manyguard\.json\$'"
check "... no link complained" sh -c "! cat par/e* | grep -q ."
check "... each whole, and naming its own output" "$PYTHON3" -c "
import json
for i in range(24):
    d = json.load(open('collected/sub/p%d.manyguard.json' % i))
    assert d['output']['path'] == 'par/p%d' % i, d['output']['path']"
"$mg" manifest --json par/p3 >p3.json
check "... the same document as the embedded one" cmp -s p3.json collected/sub/p3.manyguard.json

# --- MANYGUARD_MANIFEST=0 ----------------------------------------------------------------------------
MANYGUARD_MANIFEST=0 "$wcc" -o off hello.c
check "MANYGUARD_MANIFEST=0: no section" sh -c "! '$READELF' -S -W off | grep -q manyguard.manifest"
"$mg" manifest off >off.out 2>off.err
rc=$?
check "manyguard manifest: a file without one is an error (exit 1)" test $rc -eq 1
check "... saying so" grep -q "^manyguard manifest: error: off: no manyguard manifest (no .manyguard.manifest section)" off.err
rm -f typo
MANYGUARD_MANIFEST=no "$wcc" -o typo hello.c 2>typo.err
check "MANYGUARD_MANIFEST=no is not read as on or off: the link fails, no output" \
	sh -c "test ! -e typo && grep -q '^manyguard-ld: error: MANYGUARD_MANIFEST=\"no\": expected 0 (no manifest) or 1' typo.err"

# --- corrupted sections ------------------------------------------------------------------------------
# corrupt NAME DESC EXPECTED: ext.so with NAME as the section contents; the
# command fails with exit 1 and EXPECTED in its error.
corrupt() {
	cp ext.so "bad-$1.so" && objcopy --update-section .manyguard.manifest="$1" "bad-$1.so" ||
		{ not_ok "$2: objcopy --update-section"; return; }
	"$mg" manifest "bad-$1.so" >/dev/null 2>"bad-$1.err"
	rc=$?
	if [ $rc -eq 1 ] && grep -q "^manyguard manifest: error: bad-$1.so: .*$3" "bad-$1.err"; then
		ok "$2: exit 1, \"$3\""
	else
		not_ok "$2: exit 1, \"$3\" (exit $rc)"; diag "$(cat "bad-$1.err")"
	fi
}
head -c 20 ext.sec >short && corrupt short "shorter than the header" "truncated: 20 bytes"
head -c $(($(wc -c <ext.sec) - 9)) ext.sec >trunc && corrupt trunc "a truncated frame" "manifest truncated"
{ printf 'XGMANIF\000'; tail -c +9 ext.sec; } >magic && corrupt magic "wrong magic" "wrong magic"
{ head -c 8 ext.sec; printf '\002'; tail -c +10 ext.sec; } >format && corrupt format "a future format" "format 2"
{ head -c 32 ext.sec; head -c "$zsize" /dev/zero | tr '\000' 'z'; } >frame && corrupt frame "garbage instead of zstd" "bad zstd frame"
printf '{"schema": "manyguard-manifest/1", "output": {' >bad.json
jsize=$(wc -c <bad.json)
zstd -q -c bad.json >bad.zst
{ head -c 8 ext.sec
  "$PYTHON3" -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<IIQQ', 1, 32, $(wc -c <bad.zst), $jsize))"
  cat bad.zst; } >json && corrupt json "valid zstd, invalid JSON" "invalid JSON at line 1"
printf '{"schema": "other/1"}' >other.json
zstd -q -c other.json >other.zst
{ head -c 8 ext.sec
  "$PYTHON3" -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<IIQQ', 1, 32, $(wc -c <other.zst), $(wc -c <other.json)))"
  cat other.zst; } >schema && corrupt schema "another schema" 'schema "other/1" is not manyguard-manifest/1'
printf 'not elf' >plain.txt
"$mg" manifest plain.txt ext.so >two.out 2>two.err
rc=$?
check "a non-ELF file: exit 1, and the next file is still printed" \
	sh -c "[ $rc -eq 1 ] && grep -q '^manyguard manifest: error: plain.txt: ' two.err && grep -q '^ext.so: manifest of manyguard' two.out"

done_testing

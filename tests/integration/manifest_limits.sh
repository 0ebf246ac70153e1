#!/bin/sh
# A manifest section is bounded before anything is inflated: JSON above
# 16 MiB, or (above 1 MiB) more than 1000 times its compressed size, is
# refused naming the file, by `manyguard manifest` and `manyguard audit`,
# in little memory (an 8 KB section claiming 250 MiB of JSON took 772 MB);
# a large manifest within the limits is read as before.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/manifest/common.sh"
cp "$fx/hello.c" . || bail "cannot copy the fixtures"
"$wcc" -shared -fPIC hello.c -o ext.so 2>err.txt || bail "link ext.so: $(cat err.txt)"
objcopy --dump-section .manyguard.manifest=ext.sec ext.so || bail "objcopy --dump-section"
tail -c +33 ext.sec | zstd -dc >ext.json || bail "zstd -dc"

# with_pad NAME PADDING_COMMAND: NAME.so, ext.so whose manifest is its own
# JSON with a "pad" string (the command's output) added: a valid manifest.
with_pad() {
	{ head -c $(($(wc -c <ext.json) - 1)) ext.json; printf ',"pad":"'; sh -c "$2"; printf '"}'; } >"$1.json"
	zstd -q -"${3:-3}" -c "$1.json" >"$1.zst" || bail zstd
	{ head -c 8 ext.sec
	  "$PYTHON3" -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<IIQQ', 1, 32, $(wc -c <"$1.zst"), $(wc -c <"$1.json")))"
	  cat "$1.zst"; } >"$1.sec"
	cp ext.so "$1.so" && objcopy --update-section .manyguard.manifest="$1.sec" "$1.so" || bail objcopy
}
# rss_check DESC KB: KB under 64 MB; not measured under AddressSanitizer
# (its shadow memory and quarantine are what RSS would show there; the
# plain build's run of this test asserts it).
rss_check() {
	if "$READELF" -d "$mg" | grep -q 'NEEDED.*libasan'; then
		skip "$1: RSS is not the program's under AddressSanitizer"
	else
		check "$1 (peak $2 KB, under 64 MB)" [ "$2" -lt 65536 ]
	fi
}
# peak_kb OUT ERR CMD...: CMD's exit status in $rc and its peak RSS (KB) in $kb.
peak_kb() {
	out=$1 err=$2
	shift 2
	/usr/bin/time -f '%M' -o rss.txt "$@" >"$out" 2>"$err"
	rc=$?
	kb=$(tail -n 1 rss.txt)
}

# 250 MiB of JSON in 8 KB (a ratio of 32,000).
with_pad huge "head -c 262144000 /dev/zero | tr '\\000' ' '" 19
diag "huge.so: section of $(wc -c <huge.sec) bytes, $(wc -c <huge.json) bytes of JSON"
rm huge.json
peak_kb out.txt err.txt "$mg" manifest huge.so
check "8 KB claiming 250 MiB of JSON: refused (exit 1: $rc)" [ $rc -eq 1 ]
check "... naming the file and the limit" \
	grep -q "^manyguard manifest: error: huge.so: manifest claims [0-9]* bytes of JSON (limit 16777216)$" err.txt
rss_check "... in little memory" "$kb"
peak_kb out.txt err.txt "$mg" audit huge.so
check "audit: the same manifest is a corrupted one (a warning)" \
	grep -q 'manifest huge.so: .*manifest claims [0-9]* bytes of JSON (limit 16777216)' out.txt
rss_check "... in little memory" "$kb"

# 4 MiB of JSON in a few KB: within the size limit, above the ratio limit.
with_pad ratio "head -c 4194304 /dev/zero | tr '\\000' ' '"
peak_kb out.txt err.txt "$mg" manifest ratio.so
check "4 MiB of JSON compressed $(($(wc -c <ratio.json) / $(wc -c <ratio.zst))) times: refused (exit 1: $rc)" [ $rc -eq 1 ]
check "... naming the file and the ratio" \
	grep -q "^manyguard manifest: error: ratio.so: manifest claims [0-9]* bytes of JSON from [0-9]* compressed: a compression ratio above the limit of 1000$" err.txt

# 17 MiB of JSON that compresses little: above the size limit only.
with_pad big "head -c 13369344 /dev/urandom | base64 -w0" 1
peak_kb out.txt err.txt "$mg" manifest big.so
check "17 MiB of JSON compressed $(($(wc -c <big.json) / $(wc -c <big.zst))) times: refused (exit 1: $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q '^manyguard manifest: error: big.so: manifest claims [0-9]* bytes of JSON (limit 16777216)$' err.txt"

# Within both limits: 8 MiB of JSON (many times the 580 KB of a 3,000-object
# link), compressed 100 times: read and shown.
with_pad fine "head -c 1048576 /dev/urandom | base64 -w0 | head -c 80000; head -c 8300000 /dev/zero | tr '\\000' ' '"
"$mg" manifest fine.so >out.txt 2>err.txt
rc=$?
check "8 MiB of JSON compressed $(($(wc -c <fine.json) / $(wc -c <fine.zst))) times: read (exit 0: $rc)" \
	sh -c "[ $rc -eq 0 ] && grep -q '^fine.so: manifest of manyguard' out.txt"
done_testing

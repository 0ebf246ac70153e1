#!/bin/sh
# manyguard audit of a wheel holds a member's bytes in memory only up to
# 8 MiB: a 300 MiB shared object (a real module with its manifest, grown by
# a section of mostly zeros that deflates 100 times, under the ratio limit)
# is audited in under 64 MB of peak RSS (it took twice its size), with the
# same findings and manifest as the unpacked file, and the temporary file
# it went through is gone afterwards.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/audit/fixtures.sh"
. "$top_srcdir/tests/manifest/common.sh"

cat >s.cc <<'SRC'
#include <iostream>
extern "C" void hello() { std::cout << "hello" << std::endl; }
SRC
# Linked by the wrapper (a manifest at the end of the file), then with
# libstdc++ copied in statically (an error-level finding read from .dynsym).
"$wcxx" -shared -fPIC -o small.so s.cc 2>err.txt || bail "link small.so: $(cat err.txt)"
g++ -shared -fPIC -static-libstdc++ -o copy.so s.cc || bail g++
"$PYTHON3" - pad.bin <<'PY' || bail "python3 pad"
import os, sys
with open(sys.argv[1], "wb") as f:
    for _ in range(300):            # 300 MiB: 1% random, the rest zeros
        f.write(os.urandom(10240) + bytes((1 << 20) - 10240))
PY
mkdir -p tree/pkg spill
for m in small copy; do
	objcopy --add-section .pad=pad.bin --set-section-flags .pad=readonly "$m.so" "tree/pkg/_$m.so" ||
		bail "objcopy $m.so"
done
rm pad.bin
mkwheel big-1.0-cp311-cp311-linux_x86_64.whl tree || bail mkwheel
diag "members of $(stat -c %s tree/pkg/_small.so) bytes, wheel of $(stat -c %s big-1.0-cp311-cp311-linux_x86_64.whl)"

rss_check() {
	if "$READELF" -d "$mg" | grep -q 'NEEDED.*libasan'; then
		skip "$1: RSS is not the program's under AddressSanitizer"
	else
		check "$1 (peak $2 KB, under 64 MB)" [ "$2" -lt 65536 ]
	fi
}

TMPDIR=$tmp/spill /usr/bin/time -f %M -o rss.txt "$mg" audit big-1.0-cp311-cp311-linux_x86_64.whl >whl.out 2>whl.err
rc=$?
check "the wheel is audited: exit 1 (the static libstdc++: $rc)" [ $rc -eq 1 ]
rss_check "two 300 MiB members in little memory" "$(tail -n 1 rss.txt)"
check "the temporary files are gone" test -z "$(ls -A spill)"
check "the copy of libstdc++ is found in the large member" \
	grep -q "static-runtime-copy pkg/_copy.so: contains a statically linked libstdc++" whl.out
check "the manifest at the end of the large member is read" \
	grep -q "pkg/_small.so: manifest: linked by manyguard .* for manylinux_2_28, pass" whl.out
"$mg" audit tree >tree.out 2>&1
sed -n '/^  /p' whl.out >whl.lines
sed -n '/^  /p' tree.out >tree.lines
check "the same findings and manifests as the unpacked files" cmp -s whl.lines tree.lines
[ -s whl.lines ] || bail "no finding lines in the report"

# The large member's entry declaring a size other than its stream's.
size=$(stat -c %s tree/pkg/_small.so)
mkwheel short-1.0-py3-none-any.whl tree --claim=pkg/_small.so=$((size - 4096)) || bail mkwheel
mkwheel long-1.0-py3-none-any.whl tree --claim=pkg/_small.so=$((size + 4096)) || bail mkwheel
TMPDIR=$tmp/spill "$mg" audit short-1.0-py3-none-any.whl long-1.0-py3-none-any.whl >bad.out 2>&1
check "a stream longer or shorter than declared: exit 2" [ $? -eq 2 ]
check "... each named" sh -c "grep -q '^  short-1.0-py3-none-any.whl!pkg/_small.so: ' bad.out &&
	grep -q '^  long-1.0-py3-none-any.whl!pkg/_small.so: ' bad.out"
check "... and the temporary files are gone" test -z "$(ls -A spill)"

# Nowhere to put a large member: an error naming the member and the
# directory.
TMPDIR=$tmp/no-such-dir "$mg" audit big-1.0-cp311-cp311-linux_x86_64.whl >nodir.out 2>&1
check "no temporary directory: exit 2, naming the member and the directory" \
	sh -c "[ $? -eq 2 ] && grep -q '^  big-1.0-cp311-cp311-linux_x86_64.whl!pkg/_copy.so: cannot create a temporary file in $tmp/no-such-dir' nodir.out"
done_testing

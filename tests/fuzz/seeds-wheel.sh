#!/bin/sh
# seeds-wheel.sh DIR: seed inputs for fuzz_wheel, made on the fly with
# Python's zipfile: wheels holding a small shared object compiled here and a
# small system library (stored and deflated, zip64 headers, symlink
# members), plus truncated and corrupted copies (each seed < 300 KB).
set -e
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
printf 'int seed(int x) { return x * 2; }\n' >"$work/m.c"
cc -shared -fPIC -o "$work/_m.so" "$work/m.c" 2>/dev/null || : >"$work/_m.so"
small=$(readlink -f /usr/lib/x86_64-linux-gnu/libdl.so.2 2>/dev/null || true)
[ -f "$small" ] || small="$work/_m.so"
"${PYTHON3:-python3}" - "$out" "$work/_m.so" "$small" <<'PY'
import io, os, stat, sys, zipfile
out, mod, lib = sys.argv[1:4]
def wheel(name, method, zip64=False, link=False):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.write(mod, "pkg/_m.so")
        with z.open("pkg.libs/libsmall.so", "w", force_zip64=zip64) as f:
            f.write(open(lib, "rb").read())
        z.writestr("pkg/__init__.py", "from ._m import seed\n")
        if link:
            info = zipfile.ZipInfo("pkg.libs/libsmall.so.1")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "libsmall.so")
        z.writestr("pkg-1.0.dist-info/RECORD", "pkg/_m.so,,\n")
    data = buf.getvalue()
    open(os.path.join(out, name), "wb").write(data)
    return data
d = wheel("deflated.whl", zipfile.ZIP_DEFLATED, link=True)
wheel("stored.whl", zipfile.ZIP_STORED)
wheel("zip64.whl", zipfile.ZIP_DEFLATED, zip64=True)
for n in (22, 100, len(d) // 2, len(d) - 22, len(d) - 1):
    open(os.path.join(out, "cut-%d.whl" % n), "wb").write(d[:n])
for i, off in enumerate((8, 18, 22, 26, d.find(b"PK\x01\x02") + 20, d.find(b"PK\x01\x02") + 42, len(d) - 10)):
    b = bytearray(d)
    b[off:off + 4] = b"\xff\xff\xff\xff"
    open(os.path.join(out, "bad-%d.whl" % i), "wb").write(bytes(b))
open(os.path.join(out, "empty.whl"), "wb").write(b"")
PY

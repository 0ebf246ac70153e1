"""mkwheel.py OUT.whl ROOT [OPTION]...: write the files under ROOT into a
wheel (deflated, as pip and auditwheel write them) with a dist-info RECORD.

Options (for malformed inputs):
  --symlink NAME=TARGET  add a member NAME with Unix symlink mode
  --claim MEMBER=SIZE    patch MEMBER's declared uncompressed size (local
                         header and central directory) to SIZE
  --break-cd             overwrite the central directory's first entry
                         signature, so the central directory is unreadable
"""
import os
import stat
import struct
import sys
import zipfile


def write(out, root, links):
    names = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for dirpath, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                path = os.path.join(dirpath, f)
                arc = os.path.relpath(path, root)
                z.write(path, arc)
                names.append(arc)
        for name, target in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, target)
            names.append(name)
        dist = os.path.basename(out).split("-")[0]
        z.writestr("%s-1.0.dist-info/RECORD" % dist,
                   "".join("%s,,\n" % n for n in names))


def claim(data, member, size):
    name = member.encode()
    # Local header: signature, ..., uncompressed size at +22, name at +30.
    i = data.find(b"PK\x03\x04" + b"")
    while i >= 0:
        nlen = struct.unpack_from("<H", data, i + 26)[0]
        if data[i + 30:i + 30 + nlen] == name:
            struct.pack_into("<I", data, i + 22, size)
        i = data.find(b"PK\x03\x04", i + 4)
    # Central directory entry: uncompressed size at +24, name at +46.
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        nlen = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46:i + 46 + nlen] == name:
            struct.pack_into("<I", data, i + 24, size)
        i = data.find(b"PK\x01\x02", i + 4)


def main():
    out, root = sys.argv[1], sys.argv[2]
    links, claims, break_cd = [], [], False
    for arg in sys.argv[3:]:
        if arg == "--break-cd":
            break_cd = True
        elif arg.startswith("--symlink="):
            links.append(arg[len("--symlink="):].split("=", 1))
        elif arg.startswith("--claim="):
            m, s = arg[len("--claim="):].rsplit("=", 1)
            claims.append((m, int(s)))
        else:
            sys.exit("mkwheel.py: unknown option " + arg)
    write(out, root, links)
    if not claims and not break_cd:
        return
    with open(out, "rb") as f:
        data = bytearray(f.read())
    for m, s in claims:
        claim(data, m, s)
    if break_cd:
        i = data.find(b"PK\x01\x02")
        data[i:i + 4] = b"XXXX"
    with open(out, "wb") as f:
        f.write(data)


main()

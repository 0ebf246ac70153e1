#!/bin/sh
# seeds-ompinfo.sh DIR: openmp.json as `manyguard openmp` writes it, with
# fields missing, of the wrong type or another SONAME, not an object, and
# truncated.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
cat >"$out/good.json" <<'J'
{
  "format": "1",
  "runtime": "gnu-openmp",
  "soname": "libgomp-manyguard.so.1",
  "source": "Debian bookworm source package gcc-12 12.2.0-14+deb12u1, libgomp/ of gcc-12.2.0-dfsg.tar.xz",
  "compiler": "gcc (Debian 12.2.0-14+deb12u1) 12.2.0",
  "policy": "manylinux_2_17",
  "glibc": "baseline",
  "glibc_dir": "/x/sysroot/lib",
  "needed": ["libdl.so.2", "libpthread.so.0", "libc.so.6"],
  "glibc_max": "GLIBC_2.17",
  "size": 286280,
  "fortran": true
}
J
sed '/"source"/d' "$out/good.json" >"$out/no-source.json"
sed 's/"glibc_max": "GLIBC_2.17"/"glibc_max": 217/' "$out/good.json" >"$out/number.json"
sed 's/libgomp-manyguard.so.1/libgomp.so.1/' "$out/good.json" >"$out/other-soname.json"
printf '["libgomp-manyguard.so.1"]' >"$out/array.json"
printf '{"soname": "libgomp-manyguard.so.1", "source": "s", "policy": "p", "glibc_max": "GLIBC_2.17"' >"$out/open.json"
printf '{"soname": "libgomp-manyguard.so.1\\u0000x", "source": "s", "policy": "p", "glibc_max": ""}' >"$out/nul.json"
size=$(wc -c <"$out/good.json")
for cut in 1 40 $((size / 2)) $((size - 3)); do
	head -c $cut "$out/good.json" >"$out/good.cut$cut"
done

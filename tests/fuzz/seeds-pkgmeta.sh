#!/bin/sh
# seeds-pkgmeta.sh DIR: METADATA as setuptools writes it, with the
# dependency required, under an extra, continued, after the description,
# with CRLF line ends, and truncated.
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"
cat >"$out/good" <<'M'
Metadata-Version: 2.1
Name: pkg-a
Version: 1.0
Requires-Python: >=3.8
Requires-Dist: numpy (>=1.20)
Requires-Dist: Manyguard_OpenMP>=12 ; python_version >= "3.8"
Provides-Extra: fast
Requires-Dist: manyguard-openmp ; extra == "fast"

A package using the shared OpenMP runtime.
Requires-Dist: not-a-header
M
sed 's/^Requires-Dist: Manyguard_OpenMP.*//' "$out/good" >"$out/extra-only"
printf 'Requires-Dist:\n manyguard-openmp\n\t; extra == "x"\n' >"$out/continued"
sed 's/$/\r/' "$out/good" >"$out/crlf"
printf 'Requires-Dist: manyguard-openmp; extra == "' >"$out/open-quote"
size=$(wc -c <"$out/good")
for cut in 1 14 $((size / 2)) $((size - 3)); do
	head -c $cut "$out/good" >"$out/good.cut$cut"
done

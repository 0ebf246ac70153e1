#!/bin/sh
# The shared OpenMP runtime: `manyguard openmp --wheel` makes the
# manyguard-openmp wheel; two extension wheels built through the wrappers
# against the runtime and importing manyguard_openmp first load together
# in one Python process with one OpenMP runtime (the loaded copies counted
# in /proc/self/maps, and the file each extension's omp_* calls reach), and
# manyguard audit agrees: no duplicate-runtime, the runtime not an
# external library; audited without the runtime wheel, a note says where
# it comes from.  Two wheels vendoring private, hash-renamed copies (what
# auditwheel repair makes) load two runtimes, and the audit says so.  A
# package that needs the shared runtime but neither ships it nor requires
# manyguard-openmp in its metadata (or only for an extra) is an error.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/openmp/setup.sh"
openmp_test_setup build-tree python patchelf
pyinc=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
pytag=$("$py" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')

# The runtime's wheel.
mkdir w
"$mg" openmp --wheel w --runtime "$openmp_rt" >wheel.out 2>&1
rc=$?
rt_whl=$(cat wheel.out)
check "manyguard openmp --wheel writes the manyguard-openmp wheel (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && [ -f '$rt_whl' ]"
check "tagged for the policy it was built for and its alias" \
	sh -c "case '$rt_whl' in */manyguard_openmp-*-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl) true ;; *) false ;; esac"
"$py" - "$rt_whl" >record.out 2>&1 <<'PY'
import base64, hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
record = [n for n in names if n.endswith(".dist-info/RECORD")][0]
listed = set()
for line in z.read(record).decode().splitlines():
    name, digest, size = line.rsplit(",", 2)
    listed.add(name)
    if name == record:
        continue
    data = z.read(name)
    algo, b64 = digest.split("=", 1)
    assert algo == "sha256" and b64 == base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode(), name
    assert int(size) == len(data), name
assert listed == names, (listed ^ names)
assert "manyguard_openmp/lib/libgomp-manyguard.so.1" in names
assert z.getinfo("manyguard_openmp/lib/libgomp-manyguard.so.1").external_attr >> 16 == 0o100755
print("ok")
PY
check "its RECORD lists every member with its SHA-256 and size; the library is executable" \
	grep -qx ok record.out
"$mg" audit --policy manylinux_2_17 "$rt_whl" >rt_audit.out 2>&1
rc=$?
check "manyguard audit --policy manylinux_2_17 passes the runtime wheel (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$(cat rt_audit.out)"

# Two extension packages using it, built through the wrappers.
for p in pkg_a pkg_b; do
	mkdir -p "src_$p/$p"
	MANYGUARD_OPENMP_DIR=$openmp_rt "$cc_w" -fopenmp -fPIC -shared -O2 -I"$pyinc" \
		-o "src_$p/$p/_omp$suffix" "$top_srcdir/tests/openmp/omp_ext.c" ||
		bail "cannot build $p"
	printf 'import manyguard_openmp  # the shared OpenMP runtime, loaded first\nfrom ._omp import threads, runtime\n' \
		>"src_$p/$p/__init__.py"
	mkdir "src_$p/$p-1.0.dist-info"
	printf 'Metadata-Version: 2.1\nName: %s\nVersion: 1.0\nRequires-Dist: manyguard-openmp\n' "$p" \
		>"src_$p/$p-1.0.dist-info/METADATA"
	printf 'Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\nTag: %s-%s-linux_x86_64\n' \
		"$pytag" "$pytag" >"src_$p/$p-1.0.dist-info/WHEEL"
	mkwheel "w/$p-1.0-$pytag-$pytag-linux_x86_64.whl" "src_$p" || bail "mkwheel $p"
done
check "each extension needs libgomp-manyguard.so.1" \
	sh -c "$READELF -d src_pkg_a/pkg_a/_omp$suffix | grep -q 'NEEDED.*libgomp-manyguard.so.1' &&
		$READELF -d src_pkg_b/pkg_b/_omp$suffix | grep -q 'NEEDED.*libgomp-manyguard.so.1'"
"$py" -m pip install -q --no-deps --no-index --target site w/*.whl >pip.out 2>&1 ||
	bail "pip install: $(tail -n 3 pip.out)"
cat >count.py <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import pkg_a, pkg_b
print("threads", pkg_a.threads(), pkg_b.threads())
maps = []
for line in open("/proc/self/maps"):
    f = line.split()
    lo, hi = (int(x, 16) for x in f[0].split("-"))
    maps.append((lo, hi, f[-1] if len(f) > 5 else ""))
def mapped(addr):
    return [name for lo, hi, name in maps if lo <= addr < hi][0]
print("pkg_a runtime", mapped(pkg_a.runtime()))
print("pkg_b runtime", mapped(pkg_b.runtime()))
files = sorted({name for lo, hi, name in maps if "libgomp" in name})
print("loaded", len(files), " ".join(files))
PY
OMP_NUM_THREADS=3 "$py" count.py "$tmp/site" >count.out 2>&1
rc=$?
diag "$(cat count.out)"
check "both extensions import and run their parallel regions in one process (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'threads 3 3' count.out"
check "with one OpenMP runtime loaded: the manyguard-openmp wheel's" \
	grep -qx "loaded 1 $tmp/site/manyguard_openmp/lib/libgomp-manyguard.so.1" count.out
check "and both extensions' omp_* calls reach it" \
	sh -c "grep -qx 'pkg_a runtime $tmp/site/manyguard_openmp/lib/libgomp-manyguard.so.1' count.out &&
		grep -qx 'pkg_b runtime $tmp/site/manyguard_openmp/lib/libgomp-manyguard.so.1' count.out"

"$mg" audit site >audit_site.out 2>&1
rc=$?
diag "$(grep -E 'error|warning|note' audit_site.out | head -n 5)"
check "manyguard audit of the environment: no duplicate-runtime" sh -c "! grep -q duplicate-runtime audit_site.out"
check "and the shared runtime is no external library" sh -c "! grep -q 'external-lib.*libgomp' audit_site.out"
"$mg" audit w/pkg_a-*.whl w/pkg_b-*.whl >audit_two.out 2>&1
rc=$?
check "the two extension wheels alone pass (exit $rc): no duplicate-runtime" \
	sh -c "[ $rc -eq 0 ] && ! grep -q duplicate-runtime audit_two.out"
check "a note names the shared runtime, where it comes from and both users" \
	sh -c "grep -q 'note *external-lib *2 files need the shared OpenMP runtime libgomp-manyguard.so.1, which the manyguard-openmp package provides' audit_two.out &&
		grep -q 'pkg_a.*_omp.*needs libgomp-manyguard.so.1' audit_two.out && grep -q 'pkg_b.*_omp.*needs libgomp-manyguard.so.1' audit_two.out"

# The dependency undeclared, or only under an extra: the package breaks
# where it is installed as its metadata says.  An error, also next to the
# runtime's wheel and once installed beside it.
for v in nodep extra; do
	cp -R src_pkg_a "src_$v"
	meta=src_$v/pkg_a-1.0.dist-info/METADATA
	case $v in
	nodep) sed -i '/^Requires-Dist: manyguard-openmp$/d' "$meta" ;;
	extra) sed -i 's/^Requires-Dist: manyguard-openmp$/Provides-Extra: omp\nRequires-Dist: manyguard-openmp ; extra == "omp"/' "$meta" ;;
	esac
	mkdir "$v"
	mkwheel "$v/pkg_a-1.0-$pytag-$pytag-linux_x86_64.whl" "src_$v" || bail "mkwheel $v"
done
"$mg" audit nodep/pkg_a-*.whl >audit_nodep.out 2>&1
rc=$?
diag "$(grep -A2 'error' audit_nodep.out | head -n 3)"
check "a wheel that needs the shared runtime without requiring manyguard-openmp is an error (exit $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'error *external-lib *pkg_a/_omp.*: needs the shared OpenMP runtime libgomp-manyguard.so.1, which the package neither ships nor requires: its metadata has no Requires-Dist: manyguard-openmp' audit_nodep.out"
check "saying the import fails" grep -q 'the import fails ("libgomp-manyguard.so.1: cannot open shared object file")' audit_nodep.out
"$mg" audit nodep/pkg_a-*.whl "$rt_whl" >audit_nodep_rt.out 2>&1
rc=$?
check "also audited next to the runtime's wheel (exit $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'error *external-lib *pkg_a/_omp.*which the package neither ships nor requires' audit_nodep_rt.out"
"$mg" audit extra/pkg_a-*.whl >audit_extra.out 2>&1
rc=$?
check "required only with an extra: an error naming the extra (exit $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q \"its metadata requires manyguard-openmp only with the extra 'omp'\" audit_extra.out"
"$py" -m pip install -q --no-deps --no-index --target site_nodep nodep/*.whl "$rt_whl" >pip_nodep.out 2>&1 ||
	bail "pip install: $(tail -n 3 pip_nodep.out)"
"$mg" audit site_nodep >audit_site_nodep.out 2>&1
rc=$?
check "installed beside the runtime, the environment's audit says the same of its METADATA (exit $rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'error *external-lib *pkg_a/_omp.*which the package neither ships nor requires' audit_site_nodep.out &&
		! grep -q 'external-lib.*manyguard_openmp' audit_site_nodep.out"

# Private copies, as auditwheel repair vendors them: one per wheel.
for p in pkg_c:1a2b3c4d pkg_d:5e6f7a8b; do
	name=${p%%:*} hash=${p#*:}
	copy=libgomp-manyguard-$hash.so.1
	mkdir -p "priv/$name" "priv/$name.libs"
	cp "$openmp_rt/libgomp-manyguard.so.1" "priv/$name.libs/$copy"
	patchelf --set-soname "$copy" "priv/$name.libs/$copy"
	cp "src_pkg_a/pkg_a/_omp$suffix" "priv/$name/"
	printf 'from ._omp import threads, runtime\n' >"priv/$name/__init__.py"
	patchelf --replace-needed libgomp-manyguard.so.1 "$copy" "priv/$name/_omp$suffix"
	patchelf --set-rpath "\$ORIGIN/../$name.libs" "priv/$name/_omp$suffix"
done
sed -e 's/pkg_a/pkg_c/g' -e 's/pkg_b/pkg_d/g' count.py >count_priv.py
OMP_NUM_THREADS=2 "$py" count_priv.py "$tmp/priv" >count_priv.out 2>&1
diag "$(cat count_priv.out)"
check "two wheels with private copies load two OpenMP runtimes" grep -q '^loaded 2 ' count_priv.out
"$mg" audit priv >audit_priv.out 2>&1
rc=$?
check "and manyguard audit flags them (exit $rc): 2 copies of GNU OpenMP" \
	sh -c "[ $rc -eq 1 ] && grep -q 'error *duplicate-runtime *2 copies of GNU OpenMP (libgomp) would be loaded into one process' audit_priv.out"
check "naming both private copies" \
	sh -c "grep -q 'pkg_c.libs/libgomp-manyguard-1a2b3c4d.so.1' audit_priv.out && grep -q 'pkg_d.libs/libgomp-manyguard-5e6f7a8b.so.1' audit_priv.out"
done_testing

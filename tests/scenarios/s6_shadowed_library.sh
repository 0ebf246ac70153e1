#!/bin/sh
# Scenario 6: a library the interpreter itself links (libz, libexpat) is
# vendored again by a package under another name.  ld.so loads the copy but
# binds the extension's calls to the interpreter's library, which comes
# first in the lookup scope (shown with LD_DEBUG=bindings): the package runs
# against a library it was not built with.  `manyguard audit --python`
# reports the vendored copy.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/scenarios/common.sh"
need_tool gcc patchelf ldd

# The interpreter: PYTHON3 if its process links one of these libraries
# (ldd), else Debian's /usr/bin/python3 (pyenv's and other self-built
# interpreters often link only libc and libm).
interp='' lib='' libpath='' fn=''
for cand in "$py" /usr/bin/python3; do
	exe=$("$cand" -c 'import sys; print(sys.executable)' 2>/dev/null) || continue
	inc=$(py_include "$cand") || { diag "$cand: no Python.h"; continue; }
	for pair in "libz.so.1 zlibVersion" "libexpat.so.1 XML_ExpatVersion"; do
		set -- $pair
		p=$(ldd "$exe" 2>/dev/null | awk -v n="$1" '$1 == n && $3 ~ /^\// { print $3 }')
		if [ -n "$p" ]; then
			interp=$exe pyinc=$inc lib=$1 libpath=$p fn=$2
			break 2
		fi
	done
	diag "$exe links neither libz.so.1 nor libexpat.so.1 (ldd)"
done
if [ -z "$interp" ]; then
	skip "no interpreter with Python.h here links libz.so.1 or libexpat.so.1"
	done_testing
	exit
fi
diag "interpreter $interp, which links $lib ($libpath)"
stem=${lib%%.so*}
copy=$stem-0f1e2d3c.so.1
site=$tmp/env/site-packages

# The package: pkg/_ver.so linked against its own renamed copy in pkg.libs/.
mkdir -p "$site/pkg.libs"
cp "$(readlink -f "$libpath")" "$site/pkg.libs/$copy" &&
	patchelf --set-soname "$copy" "$site/pkg.libs/$copy" || bail "cannot vendor $lib"
pymod gcc "$site/pkg/_ver.so" "$src/version_mod.c" -DMODNAME=_ver -DFN="$fn" \
	"$site/pkg.libs/$copy" -Wl,-rpath,'$ORIGIN/../pkg.libs' || bail "cannot build pkg/_ver.so"
check "the extension needs its own copy ($copy)" \
	sh -c "$READELF -d '$site/pkg/_ver.so' | grep -q 'NEEDED.*\[$copy\]'"

# Without manyguard: import it and see where its call went.
(cd "$site" && LD_DEBUG=bindings LD_DEBUG_OUTPUT=$tmp/ld "$interp" -c '
from pkg import _ver
loaded = {l.split()[-1] for l in open("/proc/self/maps") if l.rstrip().endswith(".so.1")}
print("copy-loaded", any(p.endswith("/'"$copy"'") for p in loaded))
print("provider", _ver.provider())') >run.out 2>&1
diag "$(cat run.out)"
check "ld.so loads the package's copy" grep -qx "copy-loaded True" run.out
check "but $fn comes from the interpreter's $lib" grep -qx "provider $libpath" run.out
cat "$tmp"/ld.* 2>/dev/null | grep "binding file .*/pkg/_ver.so .* normal symbol \`$fn'" >bindings
diag "$(sed 's/^ *[0-9]*:[[:space:]]*//' bindings)"
check "LD_DEBUG=bindings: the extension's $fn binds to $libpath" \
	grep -q "binding file $site/pkg/_ver.so \[0\] to $libpath \[0\]: normal symbol \`$fn'" bindings
check "and not to its own copy" sh -c "! grep -q '$copy' bindings"

# With manyguard: audit --python reports the vendored copy.
"$mg" audit --python "$interp" "$site" >audit.out 2>&1
check "audit --python $interp reads the interpreter's process" grep -q "^process (process" audit.out
check "and reports pkg's $copy as shadowing the interpreter's $lib" \
	grep -q "warning *shadowed-library *pkg.libs/$copy: ships $copy, another copy of $lib, which the interpreter's process already loads" audit.out
"$mg" audit "$site" >audit1.out 2>&1
check "without --python the copy is not flagged" sh -c "! grep -q shadowed-library audit1.out"
done_testing

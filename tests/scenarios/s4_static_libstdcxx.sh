#!/bin/sh
# Scenario 4: a developer "fixes" GLIBCXX_... not found with
# -static-libstdc++.  The module now carries a private libstdc++ with its own
# global state: the C++ locale the process sets is not the module's.
# manyguard-c++ refuses the flag, names the rule and the fix; the fix (plain
# manyguard-c++) builds, shares the process's runtime and still needs only
# the baseline; audit finds a prebuilt module made the old way.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/scenarios/common.sh"
need_python
need_tool g++
site=$tmp/site
loc=C.UTF-8

# Without manyguard: one module linked normally, one with -static-libstdc++.
pymod g++ "$site/app/_dyn.so" "$src/locale_mod.cc" -O2 -DMODNAME=_dyn || bail "cannot build _dyn"
pymod g++ "$site/app/_static.so" "$src/locale_mod.cc" -O2 -DMODNAME=_static -static-libstdc++ ||
	bail "cannot build _static"
# locales MODULE...: set the C++ global locale through _dyn, then print
# what each MODULE sees.
locales() {
	PYTHONPATH=$site "$py" -c '
import importlib, sys
dyn = importlib.import_module("app._dyn")
mods = [importlib.import_module("app." + m) for m in sys.argv[2:]]
dyn.set_global(sys.argv[1])
print(" ".join(m.global_name() for m in [dyn] + mods))' "$loc" "$@" 2>&1
}
out=$(locales)
if [ "$out" != "$loc" ]; then
	skip "the $loc locale is not available here ($out)"
	done_testing
	exit
fi
check "the -static-libstdc++ module carries libstdc++ (no libstdc++.so.6 needed)" \
	sh -c "! $READELF -d '$site/app/_static.so' | grep -q 'libstdc++'"
out=$(locales _static)
check "after std::locale::global($loc), the static module still sees \"C\" ($out)" \
	test "$out" = "$loc C"

# With manyguard: the flag is refused.
"$wcxx" -shared -fPIC -O2 -I"$pyinc" -DMODNAME=_static -static-libstdc++ \
	-o "$site/app/_wrapped.so" "$src/locale_mod.cc" >refuse.out 2>&1
rc=$?
diag "$(head -n 1 refuse.out)"
check "manyguard-c++ refuses -static-libstdc++ (exit $rc)" [ $rc -eq 1 ]
check "naming the rule" grep -q "^manyguard-c++: error: -static-libstdc++ .*\[static-libstdcxx\]" refuse.out
check "saying why" grep -q "^manyguard-c++: note: .*one runtime per process" refuse.out
check "and the fix" grep -q "^manyguard-c++: note: fix: link libstdc++ dynamically" refuse.out
check "no output is written" [ ! -e "$site/app/_wrapped.so" ]

# The suggested fix: the same command without the flag.
"$wcxx" -shared -fPIC -O2 -I"$pyinc" -DMODNAME=_fixed \
	-o "$site/app/_fixed.so" "$src/locale_mod.cc" >fixed.out 2>&1
check "the suggested fix builds" test -f "$site/app/_fixed.so"
out=$(locales _fixed)
check "and shares the process's runtime: it sees $loc ($out)" test "$out" = "$loc $loc"
check "needing nothing above manylinux_2_28's GLIBCXX_3.4.24" \
	sh -c "! $READELF -V --wide '$site/app/_fixed.so' | grep -q 'GLIBCXX_3\.4\.\(2[5-9]\|3[0-9]\)'"

# A prebuilt module made the old way is found by audit.
mkdir -p prebuilt && cp "$site/app/_static.so" prebuilt/
"$mg" audit prebuilt >audit.out 2>&1
check "audit of the prebuilt module exits 1" [ $? -eq 1 ]
check "it finds the static libstdc++ copy" \
	grep -q "error *static-runtime-copy *_static.so: contains a statically linked libstdc++" audit.out
"$mg" audit "$site/app/_fixed.so" >audit.out 2>&1
check "the fixed module has no such finding" sh -c "! grep -q static-runtime-copy audit.out"
done_testing

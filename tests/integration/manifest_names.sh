#!/bin/sh
# The manifest of an output or input whose name is not UTF-8: written,
# with the names escaped (a byte that is not UTF-8 as \xNN), never a
# warning followed by uninitialised bytes.  Run under the sanitizer build
# too (.ci/run), where reading an error that was never set shows.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
cd "$tmp" || bail "cd $tmp"
. "$top_srcdir/tests/wrappers/ld/common.sh"
mg=$top_builddir/tools/manyguard
py=${PYTHON3:-python3}

latin1=$(printf 'caf\351')
echo 'int f(void) { return 1; }' >f.c
gcc -fPIC -c -o "obj-$latin1.o" f.c || bail "compile"
mkdir copies
for run in 1 2; do
	rm -f "$latin1.so"
	MANYGUARD_MANIFEST_DIR=$tmp/copies gcc -B "$wb/" -shared -o "$latin1.so" "obj-$latin1.o" \
		2>"link-$run.err"
	check "link $run of $latin1.so through the linker wrapper: silent (no warning)" \
		sh -c "test -f '$latin1.so' && test ! -s link-$run.err"
done
if [ -s link-1.err ]; then diag "$(cat -v link-1.err)"; fi
"$mg" manifest --json "$latin1.so" >m.json 2>m.err
check "the manifest is there" test $? -eq 0
"$py" - m.json >facts.txt 2>/dev/null <<'PY' || :
import json, sys
doc = json.load(open(sys.argv[1]))
print("output", doc["output"]["path"])
for o in doc["objects"]:
    print("object", o["path"])
PY
check "its output path has the byte escaped" grep -qxF 'output caf\xe9.so' facts.txt
check "... and so has the input object" grep -qxF 'object obj-caf\xe9.o' facts.txt
check "the JSON copy is written too" test -f "copies/$latin1.so.manyguard.json"
"$mg" audit "$latin1.so" >audit.txt 2>&1
check "manyguard audit reads that manifest" grep -q "manifest: linked by manyguard" audit.txt
done_testing

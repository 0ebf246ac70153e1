# Shared by tests/integration/manifest_*.sh (after tests/lib.sh): the
# wrappers of the build tree with a private cache, the manyguard tool, and
# helpers to read a manifest's fields.
mg_tmpdir
wcc=$top_builddir/wrappers/manyguard-cc
wcxx=$top_builddir/wrappers/manyguard-c++
wb=$top_builddir/wrappers/bin
mg=$top_builddir/tools/manyguard
fx=$top_srcdir/tests/wrappers/ld
[ -x "$wcc" ] && [ -x "$wcxx" ] && [ -x "$wb/ld" ] || bail "wrappers not built"
[ -x "$mg" ] || bail "$mg not built"
use_build_tree
cd "$tmp" || bail "cannot enter $tmp"

have() { command -v "$1" >/dev/null 2>&1; }

# manifest_of FILE: FILE's manifest as JSON in FILE.json; fails without one.
manifest_of() {
	"$mg" manifest --json "$1" >"$1.json" 2>"$1.err" || { diag "$(cat "$1.err")"; return 1; }
}

# field JSON EXPR: the Python expression EXPR over the document d of JSON
# (e.g. 'd["output"]["type"]'), printed; "ERROR: ..." when it fails.
field() {
	"$PYTHON3" - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def needed(name):
    return next(n for n in d["needed"] if n["name"] == name)
def runtime(family):
    return next(r for r in d["runtimes"] if r["family"] == family)
try:
    v = eval(sys.argv[2])
except Exception as e:
    v = "ERROR: %r" % e
print(json.dumps(v) if isinstance(v, (list, dict, bool)) or v is None else v)
PY
}

# is DESC JSON EXPR EXPECTED: one TAP line, the value shown when it differs.
is() {
	got=$(field "$2" "$3")
	if [ "$got" = "$4" ]; then ok "$1"; else not_ok "$1"; diag "$3: got '$got', expected '$4'"; fi
}

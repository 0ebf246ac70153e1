#!/bin/sh
# manyguard audit --json with file names that are not UTF-8: every finding
# and every input error is in the report, its names escaped (a byte that
# is not UTF-8 as \xNN, a backslash as \\), never dropped.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
cd "$tmp" || bail "cd $tmp"
mg=$top_builddir/tools/manyguard
py=${PYTHON3:-python3}

mkdir pkg
latin1=$(printf 'caf\351')
# A file with a finding (an absolute RUNPATH: relocatability), one that
# cannot be read (a truncated ELF file), and a valid UTF-8 name with a
# backslash for comparison.
echo 'int f(void) { return 1; }' >f.c
gcc -shared -fPIC -o "pkg/$latin1.so" f.c -Wl,-rpath,/opt/build/lib,--enable-new-dtags ||
	bail "build $latin1.so"
head -c 100 "pkg/$latin1.so" >"pkg/cut-$latin1.so"
cp "pkg/$latin1.so" 'pkg/back\slash.so'
"$mg" audit --json pkg >report.json 2>err.txt
check "the audit runs (exit $?: an unreadable input)" test $? -eq 2
"$py" - report.json >facts.txt <<'PY' || bail "read the report"
import json, sys
doc = json.load(open(sys.argv[1]))
print("summary", doc["summary"]["warnings"], doc["summary"]["unreadable_inputs"])
for f in doc["findings"]:
    print("finding", f["rule"], *[p["file"] for p in f["places"]])
for e in doc["input_errors"]:
    print("error", e["file"].rsplit("/", 1)[-1], e["reason"].split(":")[0])
for p in doc["packages"]:
    for e in p["elf"]:
        print("elf", e["path"])
PY
check "the report is valid JSON whose summary counts them" grep -qx "summary 2 1" facts.txt
check "the finding about the Latin-1 name is there, the byte escaped" \
	grep -qxF 'finding relocatability caf\xe9.so' facts.txt
check "... and so is the ELF entry" grep -qxF 'elf caf\xe9.so' facts.txt
check "the input error about the Latin-1 name is there" grep -qF 'error cut-caf\xe9.so' facts.txt
check "a UTF-8 name is written as it is" grep -qxF 'finding relocatability back\slash.so' facts.txt
"$py" - report.json <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for f in doc["findings"]:
    for p in f["places"]:
        if "caf" in p["file"]:
            # $'...' escapes give the bytes back.
            raw = p["file"].encode("utf-8").decode("unicode_escape").encode("latin-1")
            sys.exit(0 if raw == b"caf\xe9.so" else 1)
sys.exit(1)
PY
check "the escaped name gives the file's bytes back" test $? -eq 0
done_testing

#!/bin/bash
# One rule, one implementation: the same ELF file judged by the linker
# wrapper's verification (as it links it), by `manyguard show` and by
# `manyguard audit` gives the same rule ids, and for each symbol version
# above the caps the same symbols.  The file breaks three rules that all
# three judge at both stages: symbol-version (std::to_chars(double) needs
# GLIBCXX_3.4.29; this machine's glibc adds GLIBC versions), external-lib
# (the system's OpenBLAS) and mixed-openmp (GNU and LLVM OpenMP, both
# vendored next to it, so that they are nobody's external library).
# And a second file, linked against a runtime directory whose nonshared
# archive lost the member defining std::to_chars(double) (its digest made
# to match): it leaves that name undefined, a symbol-version error of the
# three alike.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/wrappers/ld/common.sh"
mg="$top_builddir/tools/manyguard"
cd "$tmp" || bail "cd $tmp"

libomp=$(ls /usr/lib/llvm-14/lib/libomp.so.5 2>/dev/null)
[ -n "$libomp" ] || bail "LLVM's libomp.so.5 is not installed (scripts/debian-packages.txt)"
gcc -shared "$fx/blas.c" -lopenblas -o probe.so 2>/dev/null ||
	bail "the system OpenBLAS is not installed (scripts/debian-packages.txt)"

mkdir pkg
cp -L "$(gcc -print-file-name=libgomp.so.1)" pkg/libgomp.so.1 || bail "copy libgomp"
cp -L "$libomp" pkg/libomp.so.5 || bail "copy libomp"
g++ -std=c++17 -O2 -fPIC -c -o tc.o "$fx/to_chars.cc" || bail "compile to_chars.cc"
gcc -O2 -fPIC -c -o blas.o "$fx/blas.c" || bail "compile blas.c"
gcc -O2 -fPIC -fopenmp -c -o omp_gnu.o "$fx/omp.c" || bail "compile omp.c (gcc)"
clang -O2 -fPIC -fopenmp=libomp -DFN=omp_fill_llvm -c -o omp_llvm.o "$fx/omp.c" ||
	bail "compile omp.c (clang)"

# Allowed, so that the wrapper keeps the output it judged.
MANYGUARD_ALLOW=symbol-version,external-lib,mixed-openmp \
	g++ -B "$wb/" -shared -o pkg/ext.so tc.o blas.o omp_gnu.o omp_llvm.o \
	-Wl,--no-as-needed pkg/libgomp.so.1 pkg/libomp.so.5 -lopenblas \
	-Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN' 2>ld.txt
check "the linker wrapper keeps the output it judged (MANYGUARD_ALLOW)" [ -f pkg/ext.so ] ||
	{ diag "$(cat ld.txt)"; bail "no output"; }
"$mg" show pkg/ext.so >show.txt 2>&1
check "manyguard show: the file violates the policy (exit 1)" [ $? -eq 1 ]
"$mg" audit --json pkg >audit.json 2>audit.err
check "manyguard audit: findings at error level (exit 1)" [ $? -eq 1 ]

mkdir pkg2
"$mg" nonshared --policy manylinux_2_28 -o rt >/dev/null || bail "manyguard nonshared"
ar d rt/libstdc++_nonshared.a floating_to_chars.o || bail "ar d"
(cd rt && rm SHA256SUMS && sha256sum -- * >SHA256SUMS) || bail "sha256sum"
MANYGUARD_ALLOW=symbol-version MANYGUARD_RUNTIME_DIR=$tmp/rt \
	g++ -B "$wb/" -shared -o pkg2/absent.so tc.o -L rt 2>ld2.txt
check "the linker wrapper keeps the second file it judged (MANYGUARD_ALLOW)" [ -f pkg2/absent.so ] ||
	{ diag "$(cat ld2.txt)"; bail "no output"; }
"$mg" show pkg2/absent.so >show2.txt 2>&1
check "manyguard show: the second file violates the policy (exit 1)" [ $? -eq 1 ]
"$mg" audit --json pkg2 >audit2.json 2>audit2.err
check "manyguard audit: findings at error level (exit 1)" [ $? -eq 1 ]

# Each program's findings about ext.so as lines "rule" and
# "rule VERSION total SYMBOL..." (symbols demangled, at most the eight the
# linker wrapper lists), and a name left undefined as "absent SYMBOL".
"${PYTHON3:-python3}" - ld.txt show.txt audit.json ld2.txt show2.txt audit2.json >verdicts.txt <<'PY' || bail "parse the reports"
import json, re, subprocess, sys

LISTED = 8

def demangle(names):
    if not names:
        return []
    out = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True)
    return out.stdout.split("\n")[:len(names)]

def lines(who, rules, versions, absent):
    for rule in sorted(rules):
        print(who, rule)
    for v in sorted(versions):
        total, symbols = versions[v]
        print(who, "symbol-version", v, total, *symbols[:LISTED])
    for name in sorted(absent):
        print(who, "absent", name)

def ld(path):
    """The linker wrapper: "manyguard-ld: warning: OUT requires V from L, ...
    [rule; allowed by MANYGUARD_ALLOW]", then "note: V is needed by SYM"
    lines and "note: ... and N more"; "OUT needs SYM (V), which ..." for a
    name left undefined."""
    rules, versions, absent, current = set(), {}, [], None
    for line in open(path):
        m = re.match(r"manyguard-ld: (?:error|warning): (.*) \[([a-z-]+)[;\]]", line)
        if m:
            rules.add(m.group(2))
            v = re.match(r"\S+ requires (\S+) from", m.group(1))
            current = v.group(1) if m.group(2) == "symbol-version" and v else None
            if current:
                versions[current] = [0, []]
            a = re.match(r"\S+ needs (.*) \(\S+\), which", m.group(1))
            if m.group(2) == "symbol-version" and a:
                absent.append(a.group(1))
            continue
        m = re.match(r"manyguard-ld: note: (\S+) is needed by (.*)$", line)
        if m and current == m.group(1):
            versions[current][0] += 1
            versions[current][1].append(m.group(2))
        m = re.match(r"manyguard-ld: note: \.\.\. and (\d+) more$", line)
        if m and current:
            versions[current][0] += int(m.group(1))
    return rules, versions, absent

def show(path):
    """manyguard show: "  rule: ..." lines; a version's symbols follow, one
    a line, "MANGLED  (DEMANGLED)"; so does a name left undefined."""
    rules, versions, absent, current = set(), {}, [], None
    for line in open(path):
        m = re.match(r"  ([a-z-]+): (.*)$", line)
        if m and m.group(1) != "needs":
            rules.add(m.group(1))
            v = re.match(r"(\S+) from ", m.group(2))
            current = v.group(1) if m.group(1) == "symbol-version" and v else None
            if current:
                versions[current] = [0, []]
            elif m.group(2).startswith("a name is left undefined"):
                current = absent
            continue
        m = re.match(r"      (\S+)(?:  \((.*)\))?$", line)
        if m and current is absent:
            absent.append(m.group(2) or m.group(1))
        elif m and current:
            versions[current][0] += 1
            versions[current][1].append(m.group(2) or m.group(1))
    return rules, versions, absent

def audit(path, file):
    """manyguard audit --json: the findings whose places name FILE.  The
    audit also reads the manifest the wrapper embedded: its note on the
    rules allowed at link time is about the link, and is checked apart."""
    doc = json.load(open(path))
    rules, versions, absent = set(), {}, []
    for f in doc["findings"]:
        if not any(p["file"] == file for p in f["places"]):
            continue
        if f["rule"] == "manifest":
            allowed = re.match(r"was linked with MANYGUARD_ALLOW=([a-z,-]+):", f["message"])
            print("manifest", *sorted(allowed.group(1).split(",")) if allowed else "?")
            continue
        rules.add(f["rule"])
        if f["rule"] == "symbol-version" and f["message"].startswith("leaves "):
            absent += demangle(f["symbols"])
        elif f["rule"] == "symbol-version":
            v = f["message"].split(" ", 1)[0]
            versions[v] = [f["symbols_total"], demangle(f["symbols"])]
    return rules, versions, absent

lines("ld", *ld(sys.argv[1]))
lines("show", *show(sys.argv[2]))
lines("audit", *audit(sys.argv[3], "ext.so"))
lines("ld2", *ld(sys.argv[4]))
lines("show2", *show(sys.argv[5]))
lines("audit2", *audit(sys.argv[6], "absent.so"))
PY
for who in ld show audit ld2 show2 audit2; do
	sed -n "s/^$who //p" verdicts.txt >"$who.verdict"
done
check "the linker wrapper found the three rules" \
	sh -c 'grep -qx symbol-version ld.verdict && grep -qx external-lib ld.verdict && grep -qx mixed-openmp ld.verdict'
check "... and GLIBCXX_3.4.29 needed by std::to_chars(char*, char*, double)" \
	grep -qF 'symbol-version GLIBCXX_3.4.29 1 std::to_chars(char*, char*, double)' ld.verdict
check "manyguard show: the same rule ids and, per version, the same symbols" \
	cmp -s ld.verdict show.verdict
check "manyguard audit: the same rule ids and, per version, the same symbols" \
	cmp -s ld.verdict audit.verdict
check "... and the manifest audit reads records the same rules as allowed at link time" \
	grep -qx "manifest $(grep -v ' ' ld.verdict | tr '\n' ' ' | sed 's/ $//')" verdicts.txt
if ! cmp -s ld.verdict show.verdict || ! cmp -s ld.verdict audit.verdict; then
	diag "linker wrapper:" "$(cat ld.verdict)" "show:" "$(cat show.verdict)" \
		"audit:" "$(cat audit.verdict)"
fi
check "the second file: the linker wrapper finds std::to_chars(double) left undefined" \
	grep -qxF 'absent std::to_chars(char*, char*, double)' ld2.verdict
check "... and so do manyguard show and manyguard audit, with the same rule ids" \
	sh -c 'cmp -s ld2.verdict show2.verdict && cmp -s ld2.verdict audit2.verdict'
if ! cmp -s ld2.verdict show2.verdict || ! cmp -s ld2.verdict audit2.verdict; then
	diag "linker wrapper:" "$(cat ld2.verdict)" "show:" "$(cat show2.verdict)" \
		"audit:" "$(cat audit2.verdict)"
fi
done_testing

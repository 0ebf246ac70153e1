#!/bin/sh
# What the manifest says about real outputs built through the wrappers: a C
# program, a C++ program (libstdc++ with versions and the symbols needing
# them), a C++ shared object with newer symbols taken from the nonshared
# archive (with GNU ld, gold and lld), OpenMP with GCC and clang, the
# system OpenBLAS (allowed by MANYGUARD_ALLOW, and recorded so), the
# plugin's object notes, and the user's own -Map left alone.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/manifest/common.sh"
cp "$fx/hello.c" "$fx/hello.cc" "$fx/to_chars.cc" "$fx/omp.c" "$fx/omp_main.c" "$fx/blas.c" . ||
	bail "cannot copy the fixtures"

# --- C -----------------------------------------------------------------------------------
"$wcc" -o hello hello.c 2>err.txt || bail "C link: $(cat err.txt)"
check "C program: links silently" test ! -s err.txt
if manifest_of hello; then
	is "C: output path as linked" hello.json 'd["output"]["path"]' hello
	is "C: output type (PIE by default on Debian)" hello.json 'd["output"]["type"]' PIE
	is "C: machine" hello.json 'd["output"]["machine"]' "$(uname -m)"
	is "C: build-id is the one readelf reads" hello.json 'd["output"]["build_id"]' \
		"$("$READELF" -n hello | sed -n 's/.*Build ID: //p')"
	is "C: libc.so.6 linked by -lc" hello.json 'needed("libc.so.6")["linked_by"]' -lc
	is "C: ... through the libc.so linker script" hello.json \
		'needed("libc.so.6")["script"].endswith("/libc.so")' true
	is "C: ... needs GLIBC_2.2.5 for puts" hello.json \
		'"puts" in next(v for v in needed("libc.so.6")["versions"] if v["version"] == "GLIBC_2.2.5")["symbols"]' true
	is "C: policy recorded" hello.json 'd["policy"]["name"]' manylinux_2_28
	is "C: a C link has no runtime directory" hello.json 'd["policy"]["runtime_dir"]' null
	is "C: manyguard version" hello.json 'd["manyguard_version"]' \
		"$("$mg" --version | sed 's/^manyguard //')"
	is "C: verdict" hello.json 'd["verdict"]["result"]' pass
	is "C: ... an executable's GLIBC versions are not findings, so none" hello.json \
		'len(d["verdict"]["findings"])' 0
fi
check "the summary says what the program needs" sh -c "'$mg' manifest hello | grep -q '^    libc.so.6  linked by -lc'"
# The glibc baseline (docs/glibc.md): the host's glibc is newer than the
# policy's 2.28, so the link used the glibc directory; with -pthread its
# libpthread.so script adds its pthread_dep.o, manyguard's own object.
"$wcc" -pthread -o hello-pt hello.c 2>err.txt || bail "C link with -pthread: $(cat err.txt)"
if manifest_of hello-pt; then
	is "C: the glibc baseline is glibc 2.28" hello-pt.json 'd["glibc"]["release"]' 2.28
	is "C: ... libc.so.6 through the glibc directory's libc.so" hello-pt.json \
		'needed("libc.so.6")["script"] == d["glibc"]["dir"] + "/libc.so"' true
	is "C -pthread: the glibc directory's pthread_dep.o counts as manyguard's, like a start file" \
		hello-pt.json '[o["toolchain"] for o in d["objects"] if o["path"].endswith("/pthread_dep.o")]' '[true]'
	is "C -pthread: ... no object without notes" hello-pt.json 'd["objects_without_notes"]' '[]'
fi
MANYGUARD_GLIBC=off "$wcc" -o hello-off hello.c 2>err.txt || bail "C link, MANYGUARD_GLIBC=off: $(cat err.txt)"
manifest_of hello-off && is "MANYGUARD_GLIBC=off: no glibc baseline (null)" hello-off.json 'd["glibc"]' null

# --- C++ ---------------------------------------------------------------------------------
"$wcxx" -o hellocc hello.cc 2>err.txt || bail "C++ link: $(cat err.txt)"
if manifest_of hellocc; then
	rt=$(field hellocc.json 'd["policy"]["runtime_dir"]')
	check "C++: the runtime directory is the wrapper's cache" \
		sh -c "case '$rt' in '$MANYGUARD_CACHE_DIR'/runtime/manylinux_2_28-*) true ;; *) false ;; esac"
	is "C++: libstdc++.so.6 linked by -lstdc++" hellocc.json 'needed("libstdc++.so.6")["linked_by"]' -lstdc++
	is "C++: ... through the runtime directory's script" hellocc.json \
		'needed("libstdc++.so.6")["script"]' "$rt/libstdc++.so"
	is "C++: ... resolved to its baseline stub" hellocc.json \
		'needed("libstdc++.so.6")["resolved"]' "$rt/libstdc++.so.6"
	is "C++: ... identified as libstdc++" hellocc.json 'needed("libstdc++.so.6")["runtime"]["impl"]' libstdc++
	is "C++: std::cout needs GLIBCXX_3.4" hellocc.json \
		'"_ZSt4cout" in next(v for v in needed("libstdc++.so.6")["versions"] if v["version"] == "GLIBCXX_3.4")["symbols"]' true
	is "C++: nothing above the policy's GLIBCXX_3.4.24" hellocc.json \
		'max(tuple(map(int, v["version"][8:].split("."))) for v in needed("libstdc++.so.6")["versions"] if v["version"].startswith("GLIBCXX_3.4")) <= (3, 4, 24)' true
fi

# --- C++ with newer symbols: the nonshared archive, per linker -------------------------------
"$wcxx" -std=c++17 -fPIC -c to_chars.cc -o tc.o || bail "compile to_chars.cc"
for flavour in bfd gold lld; do
	if ! "$wcxx" -fuse-ld=$flavour -shared tc.o -o tc-$flavour.so >out-$flavour.txt 2>err.txt; then
		not_ok "$flavour: to_chars shared object links"; diag "$(cat err.txt)"; continue
	fi
	manifest_of tc-$flavour.so || { not_ok "$flavour: has a manifest"; continue; }
	j=tc-$flavour.so.json
	is "$flavour: linker recorded" $j 'd["output"]["linker"]' ld.$flavour
	is "$flavour: one archive: the nonshared one" $j \
		'[(a["path"].endswith("/libstdc++_nonshared.a"), a["nonshared"]) for a in d["archives"]]' '[[true, true]]'
	is "$flavour: ... reached through -lstdc++" $j 'd["archives"][0]["linked_by"]' -lstdc++
	is "$flavour: floating_to_chars.o pulled in by tc.o for std::to_chars(double)" $j \
		'[[m["member"], m["referenced_by"], m["symbol"]] for m in d["archives"][0]["members"]]' \
		'[["floating_to_chars.o", "tc.o", "std::to_chars(char*, char*, double)"]]'
	is "$flavour: the libstdc++ family is the nonshared part only (--as-needed)" $j \
		'[runtime("libstdc++")["how"], runtime("libstdc++")["private_symbols"]]' \
		'["nonshared", ["std::to_chars(char*, char*, double)"]]'
	is "$flavour: provenance from the linker's own report" $j 'd["provenance"]["source"]' \
		"$([ $flavour = lld ] && echo why-extract || echo trace)"
	check "$flavour: the trace does not reach standard output" test ! -s out-$flavour.txt
done
is "bfd: libstdc++.so.6 was dropped by --as-needed, and says by what" tc-bfd.so.json \
	'[(x["linked_by"], x["as_needed"]) for x in d["dropped_as_needed"] if x["name"] == "libstdc++.so.6"]' \
	'[["-lstdc++", true]]'
"$mg" manifest tc-bfd.so >summary.txt
check "the summary lists what was linked privately" \
	grep -q '^    std::to_chars(char\*, char\*, double)  (floating_to_chars.o, for tc.o)$' summary.txt

# --- a user's archive: a member pulled in by another member ----------------------------------
printf 'int b(void); int a(void) { return b(); }\n' >a.c
printf 'int b(void) { return 2; }\n' >b.c
printf 'int a(void); int m(void) { return a(); }\n' >m.c
gcc -fPIC -c a.c b.c m.c && ar rc libab.a a.o b.o || bail "make libab.a"
for flavour in bfd gold lld; do
	"$wcc" -fuse-ld=$flavour -shared m.o -L. -lab -o ab-$flavour.so 2>err.txt
	manifest_of ab-$flavour.so || { not_ok "$flavour: libab.a link has a manifest"; continue; }
	is "$flavour: a.o for m.o's reference to a, b.o for a.o's reference to b" ab-$flavour.so.json \
		'[(a["path"], a["linked_by"], [(m["member"], m["referenced_by"], m["symbol"]) for m in a["members"]]) for a in d["archives"]]' \
		'[["./libab.a", "-lab", [["a.o", "m.o", "a"], ["b.o", "./libab.a(a.o)", "b"]]]]'
done
"$wcc" -shared m.o -Wl,--whole-archive libab.a -Wl,--no-whole-archive -o abw.so 2>err.txt
if manifest_of abw.so; then
	is "--whole-archive: every member, marked so, no reference" abw.so.json \
		'[(a["whole_archive"], [(m["member"], m["referenced_by"]) for m in a["members"]]) for a in d["archives"]]' \
		'[[true, [["a.o", null], ["b.o", null]]]]'
fi

# --- OpenMP ----------------------------------------------------------------------------------
"$wcc" -fopenmp -fPIC -shared omp.c -o omp-gcc.so 2>err.txt || bail "OpenMP link: $(cat err.txt)"
if manifest_of omp-gcc.so; then
	is "gcc -fopenmp: libgomp.so.1 is GNU OpenMP" omp-gcc.so.json 'needed("libgomp.so.1")["runtime"]["impl"]' gnu-openmp
	is "gcc -fopenmp: ... linked by the driver's -lgomp" omp-gcc.so.json 'needed("libgomp.so.1")["linked_by"]' -lgomp
	is "gcc -fopenmp: ... needs GOMP_parallel" omp-gcc.so.json \
		'any("GOMP_parallel" in v["symbols"] for v in needed("libgomp.so.1")["versions"])' true
	is "gcc -fopenmp: the runtimes list it" omp-gcc.so.json '[runtime("openmp")["impl"], runtime("openmp")["how"]]' \
		'["gnu-openmp", "dynamic"]'
fi
check "the summary names the OpenMP runtime" sh -c "'$mg' manifest omp-gcc.so | grep -q '^  OpenMP: gnu-openmp (libgomp.so.1, dynamic, linked by -lgomp)'"
if have clang; then
	MANYGUARD_CC=clang "$wcc" -fopenmp -fPIC -shared omp.c -o omp-clang.so 2>err.txt
	if manifest_of omp-clang.so; then
		is "clang -fopenmp: LLVM OpenMP" omp-clang.so.json 'runtime("openmp")["impl"]' llvm-openmp
		is "clang -fopenmp: ... linked by -lomp" omp-clang.so.json 'runtime("openmp")["linked_by"]' -lomp
	else
		not_ok "clang -fopenmp: links with a manifest"; diag "$(cat err.txt)"
	fi
else
	skip "clang is not installed"
fi

# --- OpenBLAS: outside the policy, allowed for one build, recorded ------------------------------
if [ -e /usr/lib/"$(gcc -print-multiarch)"/libopenblas.so ]; then
	"$wcc" -fPIC -shared blas.c -o blas.so -lopenblas 2>err.txt
	check "OpenBLAS: refused by the policy [external-lib]" grep -q 'error: .*libopenblas.* \[external-lib\]$' err.txt
	MANYGUARD_ALLOW=external-lib "$wcc" -fPIC -shared blas.c -o blas.so -lopenblas 2>err.txt
	check "... linked with MANYGUARD_ALLOW=external-lib" test -f blas.so
	if manifest_of blas.so; then
		is "OpenBLAS: needed, identified" blas.so.json 'needed("libopenblas.so.0")["runtime"]["impl"]' openblas
		is "OpenBLAS: ... linked by -lopenblas" blas.so.json 'needed("libopenblas.so.0")["linked_by"]' -lopenblas
		is "OpenBLAS: ... resolved to the system libopenblas.so" blas.so.json \
			'needed("libopenblas.so.0")["resolved"].endswith("libopenblas.so")' true
		is "OpenBLAS: the runtimes list BLAS" blas.so.json 'runtime("blas")["impl"]' openblas
		is "OpenBLAS: verdict pass-with-allowed" blas.so.json 'd["verdict"]["result"]' pass-with-allowed
		is "OpenBLAS: allowed external-lib" blas.so.json 'd["verdict"]["allowed"]' '["external-lib"]'
		is "OpenBLAS: the finding, downgraded" blas.so.json \
			'[(f["rule"], f["severity"], f["allowed"], "libopenblas.so.0" in f["message"]) for f in d["verdict"]["findings"]]' \
			'[["external-lib", "warning", true, true]]'
		is "OpenBLAS: MANYGUARD_ALLOW as requested" blas.so.json 'd["verdict"]["allow_requested"]' '["external-lib"]'
	fi
	check "the summary shows the verdict" sh -c "'$mg' manifest blas.so | grep -q '^  verdict: pass-with-allowed (7 rules checked; allowed by MANYGUARD_ALLOW: external-lib)'"
else
	skip "no system OpenBLAS (libopenblas-dev)"
fi

# --- MANYGUARD_ALLOW on the forbidden spellings: the build passes, the manifest says so --------
MANYGUARD_ALLOW=static-libstdcxx "$wcxx" -static-libstdc++ -o static hello.cc 2>err.txt
check "-static-libstdc++ with MANYGUARD_ALLOW=static-libstdcxx links" test -x static
if manifest_of static; then
	is "... the manifest records static-libstdcxx as allowed" static.json \
		'"static-libstdcxx" in d["verdict"]["allowed"] and all(f["allowed"] for f in d["verdict"]["findings"])' true
	is "... and libstdc++.a among the archives" static.json \
		'any(a["path"].endswith("/libstdc++.a") for a in d["archives"])' true
fi
g++ -std=c++17 -O2 -DWITH_MAIN -c -o tc_main.o to_chars.cc || bail "compile to_chars.cc"
MANYGUARD_ALLOW=symbol-version g++ -B "$wb/" tc_main.o -o tc_main 2>err.txt
if manifest_of tc_main; then
	is "symbol-version allowed: recorded with the version in the message" tc_main.json \
		'[(f["rule"], "GLIBCXX_3.4.29" in f["message"]) for f in d["verdict"]["findings"] if f["allowed"]]' \
		'[["symbol-version", true]]'
	is "... and std::to_chars is the symbol needing GLIBCXX_3.4.29" tc_main.json \
		'next(v for v in needed("libstdc++.so.6")["versions"] if v["version"] == "GLIBCXX_3.4.29")["symbols"]' \
		'["_ZSt8to_charsPcS_d"]'
fi

# --- the plugin's notes ------------------------------------------------------------------------
plugin=$top_builddir/gcc-plugin/manyguard.so
if [ -f "$plugin" ]; then
	"$mg" nonshared --policy manylinux_2_28 -o rt >/dev/null 2>&1 || bail "manyguard nonshared"
	g++ -std=c++17 -fPIC -c to_chars.cc -o noted.o -fplugin="$plugin" \
		-fplugin-arg-manyguard-symbols=rt/newer-symbols.txt -fplugin-arg-manyguard-baseline=manylinux_2_28 ||
		bail "compile with the plugin"
	g++ -fPIC -c -x c++ -o plain.o - <<'SRC' || bail "compile plain.o"
extern "C" int plain(void) { return 2; }
SRC
	MANYGUARD_RUNTIME_DIR=$tmp/rt g++ -B "$wb/" -shared noted.o plain.o -L rt -o notes.so 2>err.txt
	if manifest_of notes.so; then
		is "notes: the noted object's language and standard" notes.so.json \
			'[(u["language"], u["std"]) for o in d["objects"] if o["path"] == "noted.o" for u in o["notes"]]' \
			'[["c++", "c++17"]]'
		is "notes: its newer-symbol use with the source location" notes.so.json \
			'[(x["symbol"], x["version"], x["file"]) for o in d["objects"] if o["path"] == "noted.o" for x in o["notes"][0]["newer_symbol_uses"]]' \
			'[["_ZSt8to_charsPcS_d", "GLIBCXX_3.4.29", "to_chars.cc"]]'
		is "notes: the object without notes is named (start files are not)" notes.so.json \
			'd["objects_without_notes"]' '["plain.o"]'
	fi
	# The same objects as members of the project's own archive.
	rm -f libnp.a && ar rc libnp.a noted.o plain.o || bail "make libnp.a"
	MANYGUARD_RUNTIME_DIR=$tmp/rt g++ -B "$wb/" -shared -Wl,--whole-archive libnp.a \
		-Wl,--no-whole-archive -L rt -o notes-ar.so 2>err.txt
	if manifest_of notes-ar.so; then
		is "notes: an archive member's notes, named archive(member)" notes-ar.so.json \
			'[(o["path"], o["member"], [u["language"] for u in o["notes"]]) for o in d["objects"] if o.get("archive") == "libnp.a" and o["notes"]]' \
			'[["libnp.a(noted.o)", "noted.o", ["c++"]]]'
		is "notes: the member without notes is named" notes-ar.so.json \
			'd["objects_without_notes"]' '["libnp.a(plain.o)"]'
	else
		not_ok "notes: the archive link has a manifest"
	fi
else
	skip "the GCC plugin is not built"
fi

# --- the user's own map --------------------------------------------------------------------------
"$wcxx" -shared tc.o -o usermap.so -Wl,-Map=user.map 2>err.txt
check "a user's -Map is still written" grep -q '^Archive member included' user.map
if manifest_of usermap.so; then
	is "... and read for the manifest" usermap.so.json \
		'[d["provenance"]["source"], d["archives"][0]["members"][0]["member"]]' '["map", "floating_to_chars.o"]'
	is "... which says which reference kept libm.so.6 (--as-needed)" usermap.so.json \
		'needed("libm.so.6")["kept_by"]["symbol"]' fesetround@@GLIBC_2.2.5
fi
"$wcxx" -shared tc.o -o printmap.so -Wl,--print-map >map.out 2>err.txt
check "--print-map still prints the map" grep -q '^Archive member included' map.out
"$wcxx" -shared tc.o -o verbose.so -Wl,--verbose >verbose.out 2>err.txt
check "--verbose still prints the linker script on standard output" grep -q '^SECTIONS$' verbose.out
if manifest_of printmap.so; then
	is "... the manifest says why it has no provenance" printmap.so.json 'd["provenance"]["source"]' none
fi

# --- every manifest above against the JSON Schema -------------------------------------------------
if "$PYTHON3" -c 'import jsonschema' 2>/dev/null; then
	"$PYTHON3" - "$top_srcdir/docs/manifest.schema.json" ./*.json >schema.txt 2>&1 <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        print("%s: %s: %s" % (f, "/".join(map(str, e.path)), e.message))
        bad += 1
print("%d manifests checked" % len(sys.argv[2:]))
sys.exit(1 if bad else 0)
PY
	rc=$?
	check "$(tail -n 1 schema.txt), all valid against docs/manifest.schema.json" test $rc -eq 0
	[ $rc -eq 0 ] || diag "$(head -n 20 schema.txt)"
else
	skip "python3 has no jsonschema module (python3-jsonschema): the schema is not checked"
fi

done_testing

#!/bin/sh
# lib/archive against GNU binutils 2.40 on real archives of this machine:
# the reader lists what `ar tv` and `nm --print-armap` list, the writer
# produces exactly what `ar rcD` produces, BSD archives from llvm-ar read
# correctly, thin archives are refused, damaged archives give errors.
. "$top_srcdir/tests/lib.sh"
tool="$top_builddir/tests/integration/archive_tool"
[ -x "$tool" ] || bail "$tool not built"
command -v ar >/dev/null || bail "GNU ar not found"
mg_tmpdir
cd "$tmp" || bail "cannot enter $tmp"

# --- libstdc++.a -----------------------------------------------------------
lib=$(g++ -print-file-name=libstdc++.a 2>/dev/null)
if [ -f "$lib" ]; then
	ar tv "$lib" | awk '{print $3, $NF}' >ar.list
	"$tool" list "$lib" >our.list
	check "libstdc++.a: $(wc -l <ar.list) member names and sizes as ar tv" cmp -s ar.list our.list
	[ "$(wc -l <ar.list)" -gt 100 ] && ok "libstdc++.a has $(wc -l <ar.list) members" \
		|| not_ok "libstdc++.a listing looks empty"
	"$tool" modes "$lib" | sort -u | awk '{print $1, $2, $3, $4}' | sort -u >modes
	check "libstdc++.a members: mode 644, uid 0, gid 0, mtime 0" \
		[ "$(cat modes)" = "644 0 0 0" ]
	nm -s --print-armap "$lib" 2>/dev/null |
		awk '/^Archive index:/ {f = 1; next} f && /^$/ {exit} f' >nm.map
	"$tool" symbols "$lib" >our.map
	check "libstdc++.a: symbol index ($(wc -l <nm.map) entries) as nm --print-armap" \
		cmp -s nm.map our.map
	grep -q '^DW.ref.__gxx_personality_v0 in ' our.map && ok "hidden symbols are indexed" \
		|| not_ok "hidden DW.ref.__gxx_personality_v0 missing from the index"

	# Re-archive with GNU ar from extracted members (ar x keeps one file per
	# name, so duplicate names would break this: assert there are none).
	check "libstdc++.a has no duplicate member names" \
		[ -z "$(ar t "$lib" | sort | uniq -d)" ]
	mkdir x && (cd x && ar x "$lib" && ar rcD ../gnu.a $(ar t "$lib")) ||
		bail "ar x / ar rcD of libstdc++.a failed"
	"$tool" rewrite "$lib" ours.a || not_ok "rewrite libstdc++.a"
	check "libstdc++.a re-archived by the writer is byte-identical to ar rcD" cmp gnu.a ours.a
	(cd x && "$tool" create ../ours2.a $(ar t "$lib"))
	check "libstdc++.a members from files: byte-identical to ar rcD" cmp gnu.a ours2.a
else
	skip "g++ has no libstdc++.a (install libstdc++-12-dev)"
fi

# --- objects compiled here: symbol kinds, long names, odd sizes ---------------
cat >kinds.c <<'EOF'
int g_data = 1;
static int l_data;
int g_bss;
__attribute__((visibility("hidden"))) int g_hidden(void) { return l_data; }
__attribute__((weak)) int g_weak(void) { return 2; }
__thread int g_tls;
extern int undefined_here(void);
extern __attribute__((weak)) int weak_undefined(void);
int g_call(void) { return undefined_here() + (weak_undefined ? 1 : 0); }
EOF
printf 'int common_sym;\n' >common.c
cat >unique.cc <<'EOF'
inline int &counter() { static int n; return n; }
int bump() { return ++counter(); }
EOF
printf 'static int only_local(void) { return 1; }\nint (*keep)(void) = only_local;\n' >a_very_long_object_name.c
cc -c kinds.c common.c a_very_long_object_name.c -fcommon || bail "cc failed"
g++ -c unique.cc || bail "g++ failed"
readelf -s unique.o | grep -q ' UNIQUE ' && ok "g++ made an STB_GNU_UNIQUE symbol" \
	|| not_ok "no STB_GNU_UNIQUE symbol in unique.o"
as /dev/null -o empty.o || bail "as failed"
printf 'odd' >odd.txt
printf 'not an object, just text\n' >a_long_text_file_name.txt
members="kinds.o common.o unique.o a_very_long_object_name.o empty.o odd.txt a_long_text_file_name.txt kinds.o"
ar qcD gnu-small.a $members || bail "ar failed"
"$tool" create ours-small.a $members
check "objects, text, duplicate name: byte-identical to ar qD" cmp gnu-small.a ours-small.a
"$tool" symbols ours-small.a >our.map
nm -s --print-armap gnu-small.a 2>/dev/null |
	awk '/^Archive index:/ {f = 1; next} f && /^$/ {exit} f' >nm.map
check "symbol index of the small archive as nm --print-armap" cmp -s nm.map our.map
check "common symbol indexed" grep -qx 'common_sym in common.o' our.map
check "undefined symbols not indexed" sh -c '! grep -q undefined our.map'
check "static symbols not indexed" sh -c '! grep -q -e only_local -e l_data our.map'
check "duplicate member kept: g_data indexed twice" [ "$(grep -c '^g_data in kinds.o$' our.map)" -eq 2 ]

ar rcD gnu-text.a odd.txt a_long_text_file_name.txt
"$tool" create ours-text.a odd.txt a_long_text_file_name.txt
check "text members only (no index): byte-identical to ar rcD" cmp gnu-text.a ours-text.a
ar rcD gnu-empty.a empty.o
"$tool" create ours-empty.a empty.o
check "object without symbols (empty index): byte-identical to ar rcD" cmp gnu-empty.a ours-empty.a
"$tool" cat ours-small.a 5 >odd.out
check "member bytes read back (odd size)" cmp odd.txt odd.out

# --- BSD archives (llvm-ar) ----------------------------------------------------
llvm_ar=$(command -v llvm-ar-14 || command -v llvm-ar)
if [ -n "$llvm_ar" ]; then
	"$llvm_ar" rc --format=bsd bsd.a kinds.o odd.txt a_long_text_file_name.txt ||
		bail "llvm-ar failed"
	"$llvm_ar" t bsd.a >llvm.names
	"$tool" list bsd.a | awk '{print $2}' >our.names
	check "BSD archive: member names as llvm-ar t" cmp -s llvm.names our.names
	"$tool" list bsd.a | awk '{print $1}' | tr '\n' ' ' >our.sizes
	check "BSD archive: sizes are the files' sizes" \
		[ "$(cat our.sizes)" = "$(wc -c <kinds.o) 3 $(wc -c <a_long_text_file_name.txt) " ]
	"$tool" cat bsd.a 0 >kinds.out
	check "BSD archive: member bytes are the object's bytes" cmp kinds.o kinds.out
else
	skip "llvm-ar not installed (Debian package llvm-14)"
fi

# --- thin archives -------------------------------------------------------------
ar rcT thin.a kinds.o
"$tool" list thin.a >/dev/null 2>thin.err
rc=$?
check "thin archive refused (exit 1)" [ $rc -eq 1 ]
check "thin archive message" grep -q 'thin.a: thin archives are not supported: members live outside the archive' thin.err

# --- damage --------------------------------------------------------------------
# Each must exit 1 with a message naming the archive (a crash exits >128).
refuse() { # DESCRIPTION FILE PATTERN
	"$tool" list "$2" >/dev/null 2>err
	rc=$?
	if [ $rc -eq 1 ] && grep -q -- "$3" err; then ok "$1"; else
		not_ok "$1 (exit $rc)"; diag "$(cat err)"; fi
}
# kinds.o's header follows the index and the long-name table.
kinds=$(grep -a -b -o -F 'kinds.o/        0   ' gnu-small.a | head -n 1 | cut -d: -f1)
size=$(wc -c <gnu-small.a)
# Cuts inside the magic, the index header, the index, kinds.o's header and
# data, and the last member: none falls on a member boundary.
for cut in 4 30 100 $((kinds + 30)) $((kinds + 70)) $((size - 70)) $((size - 2)); do
	head -c $cut gnu-small.a >cut.a
	refuse "truncated at $cut of $size bytes" cut.a "cut.a: "
done
: >zero.a
refuse "zero-length file" zero.a "zero.a: empty file"
cp gnu-small.a size.a
printf '9999999 ' | dd of=size.a bs=1 seek=$((kinds + 48)) conv=notrunc 2>/dev/null
refuse "member size past the end" size.a "size 9999999 runs past the end"
cp gnu-small.a sizex.a
printf '12x4' | dd of=sizex.a bs=1 seek=$((kinds + 48)) conv=notrunc 2>/dev/null
refuse "corrupt size field" sizex.a "corrupt size field"
long=$(grep -a -b -o -F '/0              0           0     0     644 ' gnu-small.a | head -n 1 | cut -d: -f1)
cp gnu-small.a longname.a
printf '/9999' | dd of=longname.a bs=1 seek=$long conv=notrunc 2>/dev/null
refuse "long-name offset out of range" longname.a "long-name offset 9999 is outside the long-name table"

done_testing

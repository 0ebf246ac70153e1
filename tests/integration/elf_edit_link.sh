#!/bin/sh
# Rewritten objects link and run for real: a hidden definition is not
# exported from a DSO, an undefined former definition binds to the shared
# library's copy, and the hazard queries see what keeps using a local copy.
. "$top_srcdir/tests/lib.sh"
elf_edit_setup

# sym FILE NAME: "TYPE BIND VIS NDX" of NAME in readelf -sW FILE
sym() { "$READELF" -sW "$1" | awk -v n="$2" '$8 == n { print $4, $5, $6, $7 }'; }
# no_warnings FILE: readelf -a has nothing to complain about
no_warnings() { "$READELF" -a "$1" >ra.out 2>&1 && ! grep -qi 'warning\|error' ra.out; }

# --- hide foo ---------------------------------------------------------------
cat >a.c <<'C'
int foo(void) { return 42; }
int bar = 7;
int use_foo(void) { return foo() + 1; }
C
echo 'int use_foo(void); int main(void) { return use_foo() == 43 ? 0 : 1; }' >main_a.c
"$CC" -O2 -fPIC -c a.c -o a.o || bail "cc a.c failed"
"$tool" edit a.o a_hidden.o hide:foo || bail "hide foo failed"
check "foo is GLOBAL HIDDEN in the rewritten object" [ "$(sym a_hidden.o foo)" = "FUNC GLOBAL HIDDEN 1" ]
check "bar is untouched" [ "$(sym a_hidden.o bar)" = "$(sym a.o bar)" ]
check "only .symtab bytes changed" sh -c "cmp -l a.o a_hidden.o | wc -l | grep -qx 1"
check "readelf -a has no warnings on the rewritten object" no_warnings a_hidden.o
"$CC" -shared -o liba.so a.o && "$CC" -shared -o liba_hidden.so a_hidden.o || bail "cc -shared failed"
check "control: unedited DSO exports foo" sh -c "'$READELF' --dyn-syms -W liba.so | grep -q ' foo\$'"
check "hidden foo is not exported" sh -c "! '$READELF' --dyn-syms -W liba_hidden.so | grep -q ' foo\$'"
check "use_foo and bar still are" sh -c "'$READELF' --dyn-syms -W liba_hidden.so | grep -q ' use_foo\$' &&
	'$READELF' --dyn-syms -W liba_hidden.so | grep -q ' bar\$'"
mkdir hid && cp liba_hidden.so hid/liba.so
"$CC" -o main_a main_a.c -Lhid -la -Wl,-rpath,"$tmp/hid" || bail "linking main_a failed"
check "program using foo internally works" ./main_a

# --- undefine bar: it binds to the shared library's definition ---------------
cat >b.c <<'C'
int bar = 7;
int get_bar(void) { return bar; }
C
echo 'int bar = 99;' >libbar.c
cat >main_b.c <<'C'
#include <stdio.h>
int get_bar(void);
int main(void) { printf("%d\n", get_bar()); return 0; }
C
"$CC" -O2 -fPIC -c b.c -o b.o && "$CC" -shared -fPIC -o libbar.so libbar.c || bail "cc b.c failed"
"$tool" edit b.o b_undef.o undef:bar || bail "undef bar failed"
check "bar is GLOBAL UND NOTYPE" [ "$(sym b_undef.o bar)" = "NOTYPE GLOBAL DEFAULT UND" ]
check "bar's value and size are 0" sh -c "'$READELF' -sW b_undef.o | awk '\$8==\"bar\" {print \$2, \$3}' | grep -qx '0000000000000000 0'"
check "readelf -a has no warnings on the undefined-bar object" no_warnings b_undef.o
"$CC" -o main_b_ctl main_b.c b.o -L. -lbar -Wl,-rpath,"$tmp" && "$CC" -o main_b main_b.c b_undef.o -L. -lbar -Wl,-rpath,"$tmp" ||
	bail "linking main_b failed"
check "control: the object's own bar is 7" [ "$(./main_b_ctl)" = 7 ]
check "undefined bar uses the shared library's 99" [ "$(./main_b)" = 99 ]
"$CC" -shared -o libb.so b_undef.o -L. -lbar -Wl,-rpath,"$tmp" && "$CC" -o main_b2 main_b.c -L. -lb -Wl,-rpath,"$tmp" ||
	bail "linking libb.so failed"
check "through a DSO too" [ "$(./main_b2)" = 99 ]
check "the DSO imports bar instead of defining it" sh -c "'$READELF' --dyn-syms -W libb.so | grep ' bar\$' | grep -q UND"

# --- weak and TLS definitions ----------------------------------------------
cat >w.c <<'C'
__attribute__((weak)) int wk(void) { return 1; }
__thread int tv = 3;
int call_wk(void) { return wk() + tv; }
C
"$CC" -O2 -fPIC -c w.c -o w.o || bail "cc w.c failed"
"$tool" edit w.o w_undef.o undef:wk undef:tv || bail "undef wk failed"
check "weak definition becomes a strong (GLOBAL) reference" [ "$(sym w_undef.o wk)" = "NOTYPE GLOBAL DEFAULT UND" ]
check "TLS definition stays TLS" [ "$(sym w_undef.o tv)" = "TLS GLOBAL DEFAULT UND" ]
check "a missing definition is a link error, not a silent null" sh -c "! '$CC' -o w_exe w_undef.o -x c - <<'M' 2>/dev/null
int call_wk(void); int main(void) { return call_wk(); }
M"
printf 'int wk(void) { return 40; }\n__thread int tv = 2;\n' >libw.c
"$CC" -shared -fPIC -o libw.so libw.c && printf 'int call_wk(void);\nint main(void) { return call_wk(); }\n' >main_w.c &&
	"$CC" -o main_w main_w.c w_undef.o -L. -lw -Wl,-rpath,"$tmp" || bail "linking main_w failed"
./main_w; rc=$?
check "weak and TLS references bind to the shared library (40+2)" [ $rc -eq 42 ]

# --- hazards: references through the section symbol, section mates --------
cat >lo.c <<'C'
__attribute__((noinline)) int foo(void) { return 42; }
int caller(void) { return foo() + 1; }
int (*fp)(void) = foo;
C
"$CC" -O2 -fPIC -fno-semantic-interposition -ffunction-sections -c lo.c -o lo_fs.o &&
	"$CC" -O2 -fPIC -fno-semantic-interposition -c lo.c -o lo.o || bail "cc lo.c failed"
"$tool" refs lo_fs.o foo >refs_fs || bail "refs failed"
check "call via the local alias is a section-symbol reference" grep -qx 'ref .rela.text.caller .text.caller 0x[0-9a-f]* -4' refs_fs
check "unwind info and direct uses are not hazards" [ "$(grep -c '^ref' refs_fs)" = 1 ]
check "foo's only section mate is GCC's local alias" [ "$(grep '^mate' refs_fs)" = "mate foo.localalias" ]
"$tool" refs lo.o foo >refs || bail "refs failed"
check "same-section call resolved by the assembler: caller is a mate" grep -qx 'mate caller' refs
cat >cd.cc <<'C'
inline int counter() { static int n; return ++n; }
int use() { return counter(); }
C
if command -v g++ >/dev/null 2>&1 && g++ -O0 -fPIC -c cd.cc -o cd.o; then
	"$tool" refs cd.o _Z7counterv >refs_cd || bail "refs cd failed"
	check "inline function is in its COMDAT group" grep -qx 'group _Z7counterv comdat' refs_cd
	"$tool" refs cd.o _ZZ7countervE1n >refs_n || bail "refs n failed"
	check "its static local (GNU_UNIQUE) has its own group" grep -qx 'group _ZZ7countervE1n comdat' refs_n
	"$tool" edit cd.o cd_undef.o undef:_ZZ7countervE1n || bail "undef unique failed"
	check "GNU_UNIQUE becomes GLOBAL undefined" [ "$(sym cd_undef.o _ZZ7countervE1n)" = "NOTYPE GLOBAL DEFAULT UND" ]
	check "readelf -a has no warnings (undefined group signature)" no_warnings cd_undef.o
else
	skip "no g++"
fi

# --- errors ----------------------------------------------------------------
check "undefining a missing symbol fails" sh -c "! '$tool' edit a.o x.o undef:nosuch 2>err && grep -q 'no global symbol named nosuch' err"
check "undefining an undefined symbol fails" sh -c "! '$tool' edit b_undef.o x.o undef:bar 2>err && grep -q 'is not defined' err"
check "a failed edit leaves no output" [ ! -e x.o ]
done_testing

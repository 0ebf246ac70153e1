#!/bin/sh
# floating_to_chars.o from GCC's libstdc++.a with every global definition
# hidden: a C++ program links it statically next to the dynamic libstdc++
# and gets the right std::to_chars output, and a DSO linked from it exports
# none of its symbols (what `manyguard nonshared` relies on).
. "$top_srcdir/tests/lib.sh"
command -v g++ >/dev/null 2>&1 || { skip "no g++"; done_testing; exit; }
libstdcxx=$(g++ -print-file-name=libstdc++.a)
[ -f "$libstdcxx" ] || { skip "g++ has no libstdc++.a"; done_testing; exit; }
elf_edit_setup
ar x "$libstdcxx" floating_to_chars.o || bail "ar x failed"

# Defined non-local symbols of default visibility, as readelf sees them.
exported() { "$READELF" -sW "$1" | awk '$5 != "LOCAL" && $5 != "Bind" && $6 == "DEFAULT" && $7 != "UND" && NF == 8 { print $8 }' | sort; }
undefined() { "$READELF" -sW "$1" | awk '$7 == "UND" && NF == 8 { print $5, $6, $8 }' | sort; }
exported floating_to_chars.o >defs
n=$(wc -l <defs)
check "floating_to_chars.o has global definitions ($n)" [ "$n" -gt 10 ]

"$tool" edit floating_to_chars.o ftc.o hide-all >hide.out || bail "hide-all failed"
check "hide-all reports every one of them" [ "$(cat hide.out)" = "hidden $n" ]
check "no default-visibility definition is left" [ -z "$(exported ftc.o)" ]
check "undefined references are unchanged" sh -c "undefined() { '$READELF' -sW \"\$1\" | awk '\$7 == \"UND\" && NF == 8 { print \$5, \$6, \$8 }' | sort; }; [ \"\$(undefined floating_to_chars.o)\" = \"\$(undefined ftc.o)\" ]"
check "to_chars(double) is GLOBAL HIDDEN" sh -c "'$READELF' -sW ftc.o | awk '\$8 == \"_ZSt8to_charsPcS_d\" { print \$5, \$6 }' | grep -qx 'GLOBAL HIDDEN'"
"$READELF" -a ftc.o >ra.out 2>&1
check "readelf -a has no warnings" sh -c "! grep -qi 'warning' ra.out"

cat >t.cc <<'C'
#include <charconv>
#include <iostream>
int main()
{
	char buf[64];
	double values[] = { 0.1, 1e300, -2.5, 123456.789 };
	for (double v : values) {
		auto r = std::to_chars(buf, buf + sizeof buf, v);
		std::cout << std::string(buf, r.ptr) << '\n';
	}
}
C
g++ -std=c++17 -O2 -o t t.cc ftc.o || bail "linking t failed"
check "program prints std::to_chars(double) results" [ "$(./t | tr '\n' ' ')" = "0.1 1e+300 -2.5 123456.789 " ]
check "it uses the member's copy (local in the output)" sh -c "'$READELF' -sW t | awk '\$8 == \"_ZSt8to_charsPcS_d\" { print \$5 }' | grep -qx LOCAL"
check "libstdc++ stays dynamic" sh -c "'$READELF' -d t | grep -q 'NEEDED.*libstdc++.so.6'"

cat >fmt.cc <<'C'
#include <charconv>
extern "C" int fmt(char *b, int n, double d)
{
	auto r = std::to_chars(b, b + n, d);
	*r.ptr = '\0';
	return (int)(r.ptr - b);
}
C
g++ -std=c++17 -O2 -fPIC -shared -o libfmt_ctl.so fmt.cc floating_to_chars.o &&
	g++ -std=c++17 -O2 -fPIC -shared -o libfmt.so fmt.cc ftc.o || bail "linking libfmt failed"
"$READELF" --dyn-syms -W libfmt_ctl.so | awk '$7 != "UND" { print $8 }' | sort >ctl_dyn
"$READELF" --dyn-syms -W libfmt.so | awk '$7 != "UND" { print $8 }' | sort >dyn
check "control: the unedited member exports its symbols from a DSO" [ -n "$(comm -12 defs ctl_dyn)" ]
check "the hidden member exports none of them" [ -z "$(comm -12 defs dyn)" ]
check "the DSO exports fmt" grep -qx fmt dyn
printf '#include <stdio.h>\nint fmt(char *, int, double);\nint main(void) { char b[64]; fmt(b, 64, 0.25); puts(b); return 0; }\n' >m.c
cc -o m m.c -L. -lfmt -Wl,-rpath,"$tmp" || bail "linking m failed"
check "program calling the DSO works" [ "$(./m)" = 0.25 ]

# Undefining to_chars(double) in the member binds it to the shared runtime.
"$tool" edit floating_to_chars.o ftc_undef.o undef:_ZSt8to_charsPcS_d || bail "undef failed"
g++ -std=c++17 -O2 -o t2 t.cc ftc_undef.o || bail "linking t2 failed"
check "program with the undefined member still works" [ "$(./t2 | tr '\n' ' ')" = "0.1 1e+300 -2.5 123456.789 " ]
check "to_chars(double) now comes from libstdc++.so.6" sh -c "'$READELF' --dyn-syms -W t2 | grep -q 'UND _ZSt8to_charsPcS_d@GLIBCXX_3.4'"
done_testing

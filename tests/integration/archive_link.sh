#!/bin/sh
# Archives written by lib/archive link with GNU ld.bfd, gold and lld: the
# main object needs a symbol defined only in the second of three members,
# so each linker must find it through our symbol index (bfd and lld refuse
# an archive without one) and the program must run.
. "$top_srcdir/tests/lib.sh"
tool="$top_builddir/tests/integration/archive_tool"
[ -x "$tool" ] || bail "$tool not built"
mg_tmpdir
cd "$tmp" || bail "cannot enter $tmp"

printf 'int first(void) { return 1; }\n' >first.c
printf 'int only_in_second(void) { return 42; }\n' >second_member_with_a_long_name.c
printf 'int third(void) { return 3; }\n' >third.c
cat >main.c <<'EOF'
#include <stdio.h>
int only_in_second(void);
int main(void) { printf("%d\n", only_in_second()); return 0; }
EOF
cc -c first.c second_member_with_a_long_name.c third.c main.c || bail "cc failed"
"$tool" create libthree.a first.o second_member_with_a_long_name.o third.o ||
	bail "archive_tool create failed"
"$tool" symbols libthree.a >map
check "index maps only_in_second to the second member" \
	grep -qx 'only_in_second in second_member_with_a_long_name.o' map

# Without an index the linkers must fail, or the test proves nothing.
ar rcS noindex.a first.o second_member_with_a_long_name.o third.o
if cc -fuse-ld=bfd main.o noindex.a -o noindex 2>/dev/null; then
	not_ok "ld.bfd links an archive without an index (test cannot tell)"
else
	ok "ld.bfd refuses an archive without an index"
fi

for ld in bfd gold lld; do
	if ! cc -fuse-ld=$ld -Wl,--version 2>/dev/null | head -n 1 | grep -q .; then
		skip "linker $ld not installed (binutils provides bfd and gold, lld-14 provides lld)"
		continue
	fi
	rm -f prog
	if cc -fuse-ld=$ld main.o -L. -lthree -o prog 2>err; then
		out=$(./prog)
		check "ld.$ld links from our archive; program prints 42" [ "$out" = 42 ]
		nm prog | grep -q ' T third$' && not_ok "ld.$ld pulled in an unneeded member" ||
			ok "ld.$ld pulled only the needed member"
	else
		not_ok "ld.$ld cannot link from our archive"
		diag "$(cat err)"
	fi
done
done_testing

#!/bin/sh
# The relocation classifier against what the real linker does: libstdc++.a
# members are PIC-safe; non-PIC code, local-exec TLS and PC-relative
# references to preemptible symbols are refused by `ld -shared`; an absolute
# pointer in .rodata links with DT_TEXTREL.
. "$top_srcdir/tests/lib.sh"
elf_edit_setup

# classify FILE: the tool's summary and offender lines into FILE.cls
classify() { "$tool" classify "$1" >"$1.cls" 2>"$1.err"; }
has() { grep -q -- "$2" "$1"; }

# --- libstdc++.a members ---------------------------------------------------
libstdcxx=$(g++ -print-file-name=libstdc++.a 2>/dev/null)
members="floating_to_chars.o string-inst.o ios_init.o compatibility.o eh_globals.o"
# globals_io.o defines the hidden symbols ios_init.o references.
if [ -f "$libstdcxx" ] && [ "$libstdcxx" != libstdc++.a ]; then
	mkdir m && (cd m && ar x "$libstdcxx" $members globals_io.o) || bail "ar x $libstdcxx failed"
	for m in $members; do
		classify "m/$m" && has "m/$m.cls" "shared_ok=yes" && ! has "m/$m.cls" "^offender" &&
			has "m/$m.cls" " not-shared=0$" && ! has "m/$m.cls" " pic=0 "
		check "$m from libstdc++.a is PIC-safe" [ $? -eq 0 ]
	done
	(cd m && "$CC" -shared -o members.so $members globals_io.o)
	check "ld agrees: the members link into a shared object" [ $? -eq 0 ]
	has m/eh_globals.o.cls "dynamic=0" && has m/compatibility.o.cls "dynamic=2"
	check "TLS local-dynamic is PIC, R_X86_64_64 in data is dynamic" [ $? -eq 0 ]
else
	skip "g++ has no libstdc++.a"
fi

# --- non-PIC code: absolute 32-bit address of a global ----------------------
cat >addr.c <<'C'
int g;
unsigned addr(void) { return (unsigned)(unsigned long)&g; }
C
"$CC" -O2 -c -fno-pic -mcmodel=small addr.c -o nopic.o || bail "cc -fno-pic failed"
classify nopic.o
check "non-PIC object is not linkable into a shared object" has nopic.o.cls "shared_ok=no"
check "offender names section, symbol and type" has nopic.o.cls "^offender not-shared .text g R_X86_64_32$"
check "ld agrees: -shared refuses it" sh -c "! '$CC' -shared -o nopic.so nopic.o 2>/dev/null"
"$CC" -O2 -c -fPIC addr.c -o pic.o || bail "cc -fPIC failed"
classify pic.o
check "-fPIC object is clean" sh -c "grep -q 'worst=pic shared_ok=yes' pic.o.cls && ! grep -q offender pic.o.cls"
check "ld agrees: -fPIC object links" "$CC" -shared -o pic.so pic.o

# --- .quad sym in .rodata: a text relocation --------------------------------
cat >ro.s <<'S'
	.section .rodata
	.globl table
table:	.quad g
	.data
	.globl g
g:	.long 1
	.section .note.GNU-stack,"",@progbits
S
"$CC" -c ro.s -o ro.o || bail "assembling ro.s failed"
classify ro.o
check "absolute pointer in .rodata is a text relocation" has ro.o.cls "worst=textrel shared_ok=no"
check "textrel offender named" has ro.o.cls "^offender textrel .rodata g R_X86_64_64$"
"$CC" -shared -o ro.so ro.o 2>/dev/null && "$READELF" -d ro.so | grep -q TEXTREL
check "ld agrees: the DSO gets DT_TEXTREL" [ $? -eq 0 ]

# --- PC-relative references: preemptible vs protected ----------------------
cat >pc.s <<'S'
	.text
	.globl f
f:	movl x(%rip), %eax
	ret
	.data
	.globl x
	.type x,@object
	.size x,4
x:	.long 1
	.section .note.GNU-stack,"",@progbits
S
sed 's/^\t\.globl x$/&\n\t.protected x/' pc.s >prot.s
"$CC" -c pc.s -o pc.o && "$CC" -c prot.s -o prot.o || bail "assembling pc.s failed"
classify pc.o; classify prot.o
check "PC32 against a preemptible global is refused" has pc.o.cls "^offender not-shared .text x R_X86_64_PC32$"
check "ld agrees (preemptible)" sh -c "! '$CC' -shared -o pc.so pc.o 2>/dev/null"
check "PC32 against a protected global is PIC" has prot.o.cls "worst=pic"
check "ld agrees (protected)" "$CC" -shared -o prot.so prot.o

# --- TLS models --------------------------------------------------------------
echo '__thread int t; int get(void) { return t; }' >tls.c
"$CC" -O2 -c -fno-pic tls.c -o le.o && "$CC" -O2 -c -fPIC -ftls-model=initial-exec tls.c -o ie.o ||
	bail "cc tls.c failed"
classify le.o; classify ie.o
check "local-exec TLS is refused" has le.o.cls "^offender not-shared .text t R_X86_64_TPOFF32$"
check "ld agrees (local-exec)" sh -c "! '$CC' -shared -o le.so le.o 2>/dev/null"
check "initial-exec TLS needs a dynamic relocation" has ie.o.cls "worst=dynamic shared_ok=yes"
"$CC" -shared -o ie.so ie.o && "$READELF" -d ie.so | grep -q STATIC_TLS
check "ld agrees: initial-exec links with STATIC_TLS" [ $? -eq 0 ]

# --- aarch64 (clang's integrated assembler; no aarch64 linker here) ---------
if command -v clang >/dev/null 2>&1 &&
	clang -target aarch64-linux-gnu -O2 -c -fno-pic addr.c -o a64_nopic.o 2>/dev/null; then
	clang -target aarch64-linux-gnu -O2 -c -fPIC addr.c -o a64_pic.o &&
	clang -target aarch64-linux-gnu -O2 -c -fno-pic -mcmodel=large addr.c -o a64_large.o ||
		bail "clang aarch64 failed"
	classify a64_nopic.o; classify a64_pic.o; classify a64_large.o
	check "aarch64 ADRP against a preemptible global is refused" \
		has a64_nopic.o.cls "^offender not-shared .text g R_AARCH64_ADR_PREL_PG_HI21$"
	check "aarch64 -fPIC is clean" has a64_pic.o.cls "worst=pic shared_ok=yes"
	check "aarch64 MOVW_UABS is refused" has a64_large.o.cls "^offender not-shared .text g R_AARCH64_MOVW_UABS_G0_NC$"
else
	skip "clang cannot target aarch64 here"
fi

# --- bad inputs: an error, never a crash ------------------------------------
expect_error() { # DESC PATTERN FILE
	"$tool" classify "$3" >/dev/null 2>err; rc=$?
	if [ $rc -eq 1 ] && grep -q -- "$2" err; then ok "$1"; else not_ok "$1 (rc $rc)"; diag "$(cat err)"; fi
}
: >empty.o
expect_error "empty file" "not an ELF file" empty.o
head -c 200 pic.o >trunc.o
expect_error "truncated object" "section header table" trunc.o
expect_error "executable is not ET_REL" "not a relocatable object" "$(readlink -f "$(command -v "$CC")")"
if command -v clang >/dev/null 2>&1 && clang -target i686-linux-gnu -c addr.c -o i686.o 2>/dev/null; then
	expect_error "i386 object: unsupported machine" "unsupported machine 3" i686.o
else
	skip "clang cannot target i686 here"
fi
if command -v clang >/dev/null 2>&1 && clang -target x86_64-linux-gnux32 -c addr.c -o x32.o 2>/dev/null; then
	expect_error "x32 object: wrong class" "x32" x32.o
else
	skip "clang cannot target x32 here"
fi
done_testing

#!/bin/sh
# seeds-elf.sh DIR: seed inputs for fuzz_elf, made on the fly: objects,
# a PIE and versioned shared libraries compiled here, a few small system
# libraries, and truncated/corrupted copies (each seed < 200 KB).
set -e
. "${0%/*}/seeds-lib.sh"
seeds_begin "$@"

cat >"$work/lib.c" <<'SRC'
#include <math.h>
#include <string.h>
int s_old(int x) { return x + 1; }
int s_new(int x) { return x + 2; }
__asm__(".symver s_old, s_value@S_1");
__asm__(".symver s_new, s_value@@S_2");
double s_cos(double x) { return cos(x); }
void s_copy(void *d, const void *s, unsigned long n) { memcpy(d, s, n); }
__thread int s_tls;
int s_common;
SRC
printf 'S_1 { global: s_cos; s_value; local: *; };\nS_2 { global: s_value; s_copy; s_tls; } S_1;\n' >"$work/lib.map"
printf '#include <stdio.h>\nint main(void) { puts("x"); return 0; }\n' >"$work/main.c"

cc -c -O1 -o "$out/obj.o" "$work/lib.c" 2>/dev/null || true
cc -c -g -o "$work/objg.o" "$work/main.c" 2>/dev/null && cp "$work/objg.o" "$out/obj-debug.o" || true
cc -shared -fPIC -o "$out/libv.so" "$work/lib.c" -Wl,--version-script="$work/lib.map" \
	-Wl,-soname,libv.so.1 -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN' -lm 2>/dev/null || true
cc -shared -fPIC -o "$out/libv-rpath.so" "$work/lib.c" -Wl,--version-script="$work/lib.map" \
	-Wl,--disable-new-dtags -Wl,-rpath,/opt/x -Wl,-z,now -lm 2>/dev/null || true
cc -fPIE -pie -o "$out/pie" "$work/main.c" 2>/dev/null || true
cc -no-pie -o "$out/exec" "$work/main.c" 2>/dev/null || true
printf 'int w(void) { return 1; }\nint common32;\n' >"$work/w.c"
cc -m32 -c -o "$out/obj32.o" "$work/w.c" 2>/dev/null || true

for lib in /usr/lib/x86_64-linux-gnu/libdl.so.2 /usr/lib/x86_64-linux-gnu/libz.so.1 \
	/usr/lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libjansson.so.4; do
	f=$(readlink -f "$lib" 2>/dev/null) || continue
	[ -f "$f" ] && [ "$(wc -c <"$f")" -lt 200000 ] && cp "$f" "$out/sys-$(basename "$lib")"
done

# Truncated and corrupted variants of the versioned library.
if [ -f "$out/libv.so" ]; then
	size=$(wc -c <"$out/libv.so")
	for n in 16 64 200 $((size / 2)) $((size - 200)) $((size - 1)); do
		head -c "$n" "$out/libv.so" >"$out/libv-trunc-$n"
	done
	# Overwrite bytes at a few offsets (ELF header fields, early section
	# contents, the section header table near the end).
	i=0
	for off in 5 40 60 62 $((size / 3)) $((size - 300)) $((size - 100)); do
		cp "$out/libv.so" "$out/libv-bad-$i"
		overwrite "$out/libv-bad-$i" "$off" '\377\377\377\377'
		i=$((i + 1))
	done
fi
printf '' >"$out/empty"
printf 'not an elf file at all' >"$out/text"
printf '!<arch>\n' >"$out/ar"

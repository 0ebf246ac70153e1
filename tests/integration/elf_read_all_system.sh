#!/bin/sh
# The model reads every ELF file under /usr/lib/x86_64-linux-gnu (dynamic
# section, .dynsym with versions, .symtab, verdef, verneed, build-id)
# without an error, quickly.
. "$top_srcdir/tests/lib.sh"
dump="$top_builddir/tests/unit/elf_dump_versions"
[ -x "$dump" ] || bail "$dump not built"
dir=/usr/lib/x86_64-linux-gnu
[ -d "$dir" ] || { skip "$dir does not exist on this machine"; done_testing; exit; }
mg_tmpdir
find "$dir" -type f >"$tmp/list"
start=$(date +%s)
"$dump" --read-all <"$tmp/list" >"$tmp/out"
rc=$?
end=$(date +%s)
grep '^error:' "$tmp/out" | head -n 20 | sed 's/^/# /'
summary=$(tail -n 1 "$tmp/out")
diag "$summary in $((end - start)) s"
check "every ELF file under $dir reads without an error" [ $rc -eq 0 ]
shared=$(echo "$summary" | sed -n 's/.*(\([0-9]*\) shared objects).*/\1/p')
check "hundreds of shared objects were read (${shared:-0})" [ "${shared:-0}" -ge 300 ]
check "in well under a minute ($((end - start)) s)" [ $((end - start)) -lt 30 ]
done_testing

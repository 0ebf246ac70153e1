#!/bin/sh
# manyguard audit walks a directory as the tree it is: a symlink to a
# directory outside it (a package's `lib -> /usr/lib/...`) is not followed,
# a loop (`bin/X11 -> .`, as on every Debian's /usr) is skipped; both are
# listed as not followed, neither is an unreadable input (exit 0), and
# nothing outside the tree is audited as part of it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/audit/fixtures.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"

printf 'int w(void) { return 1; }\n' >"$tmp/w.c"
printf '#include <iostream>\nextern "C" void hello() { std::cout << "hi"; }\n' >"$tmp/s.cc"
mkdir -p "$tmp/tree/pkg/mod" "$tmp/tree/pkg/bin" "$tmp/outside/lib"
cc -shared -fPIC -o "$tmp/tree/pkg/mod/_w.so" "$tmp/w.c" || bail cc
# Outside the tree: a file that would be an error-level finding.
g++ -shared -fPIC -static-libstdc++ -o "$tmp/outside/lib/_s.so" "$tmp/s.cc" || bail g++
ln -s . "$tmp/tree/pkg/bin/X11"
ln -s ../.. "$tmp/tree/pkg/bin/up"
ln -s self "$tmp/tree/pkg/self"
ln -s "$tmp/outside/lib" "$tmp/tree/pkg/syslib"
ln -s ../../outside "$tmp/tree/pkg/relout"
ln -s mod "$tmp/tree/pkg/mod-alias"   # inside: followed
ln -s mod/_w.so "$tmp/tree/pkg/w-alias.so"
ln -s "$tmp/outside/lib/_s.so" "$tmp/tree/pkg/file-outside.so" # a file: followed

timeout 60 "$mg" audit "$tmp/tree" >"$tmp/out" 2>&1
rc=$?
check "loops and links leaving the tree are no unreadable input: exit 1, for the file linked in ($rc)" \
	[ $rc -eq 1 ]
check "the directory outside is not followed, and says where it leads" \
	grep -q "^  $tmp/tree/pkg/syslib: a symlink to a directory outside $tmp/tree ($tmp/outside/lib)$" "$tmp/out"
check "a relative link leaving the tree is not followed either" \
	grep -q "^  $tmp/tree/pkg/relout: a symlink to a directory outside $tmp/tree ($tmp/outside)$" "$tmp/out"
check "bin/X11 -> . is a loop, not followed" \
	grep -q "^  $tmp/tree/pkg/bin/X11: symlink loop: leads back to $tmp/tree/pkg/bin$" "$tmp/out"
check "the self-referencing link is a loop, not followed" grep -q "^  $tmp/tree/pkg/self: symlink loop" "$tmp/out"
check "they are listed as not followed, after no unreadable input" \
	sh -c "grep -q '^symlinks not followed:' '$tmp/out' && ! grep -q 'could not be read' '$tmp/out'"
check "the summary counts them: 0 unreadable inputs, 5 symlinks not followed" \
	grep -q "0 unreadable inputs, 5 symlinks not followed$" "$tmp/out"
check "a link to a file outside is followed: its finding is reported once, under the link's name" \
	sh -c "[ \$(grep -c 'static-runtime-copy' '$tmp/out') -eq 1 ] &&
	       grep -q 'static-runtime-copy pkg/file-outside.so:' '$tmp/out'"
check "the tree's own module is audited once (inside links lead to the same file)" \
	grep -q "^tree (directory .*): 2 ELF files" "$tmp/out"

"$mg" audit --json "$tmp/tree" >"$tmp/out.json" 2>"$tmp/err"
"${PYTHON3:-python3}" - "$tmp/out.json" "$tmp/tree" >"$tmp/json.txt" <<'PY' || bail python3
import json, sys
doc = json.load(open(sys.argv[1]))
print("summary", doc["summary"]["unreadable_inputs"], doc["summary"]["not_followed"],
      doc["summary"]["exit_status"])
for e in doc["not_followed"]:
    print("skip", e["file"][len(sys.argv[2]) + 1:], e["input"] == sys.argv[2])
PY
check "JSON: 0 unreadable inputs, 5 not followed, exit status 1" grep -qx "summary 0 5 1" "$tmp/json.txt"
check "JSON: each link not followed is named, with its input" \
	sh -c "grep -qx 'skip pkg/syslib True' '$tmp/json.txt' && grep -qx 'skip pkg/bin/X11 True' '$tmp/json.txt'"

# Only the outside link gone: the tree is clean (exit 0), nothing is an error.
rm "$tmp/tree/pkg/file-outside.so"
"$mg" audit "$tmp/tree" >"$tmp/out" 2>&1
check "a tree with loops and outside links only: exit 0" [ $? -eq 0 ]

# A site-packages tree: the walk stays inside it too.
mkdir -p "$tmp/site/site-packages/foo"
cp "$tmp/tree/pkg/mod/_w.so" "$tmp/site/site-packages/foo/"
ln -s "$tmp/outside" "$tmp/site/site-packages/foo/vendored"
"$mg" audit "$tmp/site/site-packages" >"$tmp/out" 2>&1
check "site-packages: the link out is not followed, exit 0" \
	sh -c "[ $? -eq 0 ] && grep -q '^  $tmp/site/site-packages/foo/vendored: a symlink to a directory outside' '$tmp/out'"
done_testing

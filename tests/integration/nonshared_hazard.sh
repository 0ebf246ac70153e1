#!/bin/bash
# The hazard pass on a miniature runtime built by the test: newer code that
# shares file-local state with code left to the shared runtime is left out
# (and reported with the member, the state and both symbols) unless allowed;
# newer code reaching it through another member is left out too; stateless
# newer code is provided.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
mg="$top_builddir/tools/manyguard"
src="$top_srcdir/tests/nonshared/hazard"
gcc_s=$(readlink -f "$(gcc -print-file-name=libgcc_s.so.1)")

cc -O1 -fPIC -ffunction-sections -fdata-sections -c -o "$tmp/state.o" "$src/state.c" &&
	cc -O1 -fPIC -ffunction-sections -c -o "$tmp/user.o" "$src/user.c" &&
	ar rcs "$tmp/libfake.a" "$tmp/state.o" "$tmp/user.o" &&
	cc -shared -o "$tmp/libfake.so.6" -Wl,-soname,libfake.so.6 -Wl,--version-script="$src/fake.map" \
		"$tmp/state.o" "$tmp/user.o" || bail "cannot build the miniature runtime"

split() { # OUTDIR [ARGS...]
	local out=$1
	shift
	"$mg" nonshared --libstdcxx-a "$tmp/libfake.a" --libstdcxx-so "$tmp/libfake.so.6" \
		--libgcc-s "$gcc_s" --policy manylinux_2_28 -o "$out" "$@"
}
status_of() { # DIR SYMBOL
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1] + "/report.json"))
print([s["status"] for s in r["newer_symbols"] if s["symbol"] == sys.argv[2]][0])' "$1" "$2"
}
reason_of() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1] + "/report.json"))
print([s["reason"] for s in r["newer_symbols"] if s["symbol"] == sys.argv[2]][0])' "$1" "$2"
}
visibility_in_archive() { # DIR MEMBER SYMBOL -> "HIDDEN 3" / "UND" ...
	"$READELF" -sW "$1/libstdc++_nonshared.a" | awk -v m="$2" -v s="$3" '
		/^File: / { cur = $2 } cur ~ "\\(" m "\\)$" && $8 == s { print ($7 == "UND" ? "UND" : $6) }'
}

check "split of the miniature runtime" split "$tmp/rt"
check "new_pure (stateless) is provided" [ "$(status_of "$tmp/rt" new_pure)" = provided ]
check "new_peek is left out for a hazard" [ "$(status_of "$tmp/rt" new_peek)" = hazard ]
reason=$(reason_of "$tmp/rt" new_peek)
diag "reason: $reason"
check "the reason names the member, the state and the shared symbol" \
	grep -q "state.o.*counter.*old_bump" <<<"$reason"
check "new_uses_peek (in user.o) is left out because it uses new_peek" \
	[ "$(status_of "$tmp/rt" new_uses_peek)" = hazard ]
check "report.json lists the hazard (member, state, kept, redirected)" python3 -c '
import json, sys
h = json.load(open(sys.argv[1] + "/report.json"))["hazards"]
sys.exit(0 if any(x["member"] == "state.o" and x["state"] == "counter" and x["kept"] == "new_peek"
                  and x["redirected"] == "old_bump" for x in h) else 1)' "$tmp/rt"
check "in the archive old_bump is a reference to the shared runtime" \
	[ "$(visibility_in_archive "$tmp/rt" state.o old_bump)" = UND ]
check "in the archive new_peek is left out (a reference)" \
	[ "$(visibility_in_archive "$tmp/rt" state.o new_peek)" = UND ]
check "in the archive new_pure is hidden" \
	[ "$(visibility_in_archive "$tmp/rt" state.o new_pure)" = HIDDEN ]

cc -c -o "$tmp/main.o" "$src/main.c" && cc -c -o "$tmp/peek.o" "$src/peek.c" || bail compile
check "a program using old_bump and new_pure links against the split runtime" \
	cc -o "$tmp/main" "$tmp/main.o" -L"$tmp/rt" -lstdc++
check "it runs on the real (shared) runtime: one counter" \
	grep -qx "bumped to 2, pure 42" <(LD_LIBRARY_PATH="$tmp" "$tmp/main")
if cc -o "$tmp/peek" "$tmp/peek.o" -L"$tmp/rt" -lstdc++ 2>"$tmp/err"; then
	not_ok "a program using the left-out new_peek does not link"
else
	check "a program using the left-out new_peek does not link: undefined reference" \
		grep -q "undefined reference to \`new_peek'" "$tmp/err"
fi

check "with --allow-hazard new_peek the split succeeds" split "$tmp/rt-allowed" --allow-hazard new_peek
check "new_peek is then provided, marked hazard-allowed" \
	[ "$(status_of "$tmp/rt-allowed" new_peek)" = hazard-allowed ]
check "and new_uses_peek is provided" [ "$(status_of "$tmp/rt-allowed" new_uses_peek)" = provided ]
check "the program using new_peek links" cc -o "$tmp/peek" "$tmp/peek.o" -L"$tmp/rt-allowed" -lstdc++
check "and shows the forked state the hazard predicted: peek 0 after a bump" \
	grep -qx "peek 0" <(LD_LIBRARY_PATH="$tmp" "$tmp/peek")
# A member that cannot go into a shared object is refused, named.
mkdir -p "$tmp/nopic"
cc -O1 -fno-pic -mcmodel=small -c -o "$tmp/nopic/state.o" "$src/nopic.c" &&
	ar rcs "$tmp/nopic/libfake.a" "$tmp/nopic/state.o" "$tmp/user.o" || bail "cannot build the non-PIC archive"
"$mg" nonshared --libstdcxx-a "$tmp/nopic/libfake.a" --libstdcxx-so "$tmp/libfake.so.6" \
	--libgcc-s "$gcc_s" --policy manylinux_2_28 -o "$tmp/rt-nopic" 2>"$tmp/err"
rc=$?
diag "$(cat "$tmp/err")"
check "a non-PIC member is refused (exit 1)" [ $rc -eq 1 ]
check "naming the member and the relocation" grep -q "libfake.a(state.o): cannot go into a shared object: .*R_X86_64_32" "$tmp/err"
check "and no directory is left" test ! -e "$tmp/rt-nopic"
done_testing

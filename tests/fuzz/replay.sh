#!/bin/sh
# replay.sh NAME: build the seed corpus of fuzz target NAME and run the target
# over it and over the committed fuzz-found inputs (one TAP result).
# FUZZ_SECONDS=N instead fuzzes for N seconds (libFuzzer builds, CI smoke run).
. "$top_srcdir/tests/lib.sh"
name=$1
bin="$top_builddir/tests/fuzz/fuzz_$name"
[ -x "$bin" ] || bail "fuzz target $bin not built"
mg_tmpdir
mkdir -p "$tmp/seeds"
sh "$top_srcdir/tests/fuzz/seeds-$name.sh" "$tmp/seeds" || bail "seed script for $name failed"
nseeds=$(ls "$tmp/seeds" | wc -l)
[ "$nseeds" -gt 0 ] || bail "seed script for $name made no seeds"
found="$top_srcdir/tests/fuzz/corpus/$name"
[ -d "$found" ] || found=
if [ -n "$FUZZ_SECONDS" ]; then
	mkdir -p "$tmp/work"
	"$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$tmp/" "$tmp/work" "$tmp/seeds" $found >"$tmp/log" 2>&1
	rc=$?
	tail -n 3 "$tmp/log" | sed 's/^/# /'
	if [ $rc -ne 0 ]; then
		sed 's/^/# /' "$tmp/log" | tail -n 40
		for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
			[ -f "$a" ] && cp "$a" "./fuzz-$name-$(basename "$a")" && diag "artifact kept: ./fuzz-$name-$(basename "$a")"
		done
	fi
	check "fuzz_$name ran ${FUZZ_SECONDS}s from $nseeds seeds without a finding" [ $rc -eq 0 ]
else
	"$bin" -runs=0 "$tmp/seeds" $found >"$tmp/log" 2>&1
	rc=$?
	tail -n 2 "$tmp/log" | sed 's/^/# /'
	check "fuzz_$name replays $nseeds seeds${found:+ and fuzz-found inputs} without a crash" [ $rc -eq 0 ]
fi
done_testing

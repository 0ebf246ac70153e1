#!/bin/sh
# Compiler caches with the wrapper: sccache (its server run on 127.0.0.1,
# on a free port) and ccache, behind the wrapper (MANYGUARD_CXX="sccache
# g++") and in front of it with the policy in the command
# (CXX="sccache manyguard-c++ --manyguard-policy=NAME", as the recipes
# write it).  A cache hit keeps the plugin's notes (the object is cached
# whole, note section included), and a policy change never reuses an
# object compiled for another policy: the plugin's arguments, which the
# caches hash, name the policy and its runtime directory.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/integration/daemon_lib.sh"

command -v sccache >/dev/null 2>&1 || engine_missing sccache "sccache is not installed (apt-get install sccache)"
use_build_tree
wcxx=$top_builddir/wrappers/manyguard-c++
wcc=$top_builddir/wrappers/manyguard-cc
dump=$top_builddir/tests/unit/objnotes_dump
cd "$tmp" || bail "cannot enter $tmp"
cp "$top_srcdir/tests/wrappers/cc/newer_show.cc" newer.cc || bail "cannot copy newer_show.cc"
printf 'int next(int x) { return x + 1; }\n' >plain.c

# --- sccache: its server in the foreground of a session of its own ------------------
SCCACHE_DIR=$tmp/sccache SCCACHE_SERVER_PORT=$(free_port) SCCACHE_IDLE_TIMEOUT=0
export SCCACHE_DIR SCCACHE_SERVER_PORT SCCACHE_IDLE_TIMEOUT
unset SCCACHE_LOG SCCACHE_ERROR_LOG RUSTC_WRAPPER
start_daemon "$tmp/sccache-server.log" env SCCACHE_START_SERVER=1 SCCACHE_NO_DAEMON=1 sccache
listening "$SCCACHE_SERVER_PORT" ||
	{ sed 's/^/# /' "$tmp/sccache-server.log"; bail "the sccache server does not listen on 127.0.0.1:$SCCACHE_SERVER_PORT"; }
# stat NAME: sccache's counter NAME (hits and misses summed over languages).
stat() {
	sccache --stats-format json --show-stats 2>/dev/null | "${PYTHON3:-python3}" -c '
import json, sys
s = json.load(sys.stdin)["stats"][sys.argv[1]]
print(sum(s["counts"].values()) if isinstance(s, dict) else s)' "$1"
}
# notes OBJ: the plugin's notes in OBJ, as objnotes_dump prints them.
notes() { "$dump" "$1" 2>&1; }
baseline() { notes "$1" | sed -n 's/^baseline=//p'; }

MANYGUARD_CXX="sccache g++" "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o s1.o &&
	MANYGUARD_CXX="sccache g++" "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o s2.o
st=$?
check "sccache behind the wrapper: two compiles (exit $st)" test $st = 0
check "... the first a miss, the second a hit ($(stat cache_misses) misses, $(stat cache_hits) hits)" \
	test "$(stat cache_misses)-$(stat cache_hits)" = 1-1
check "... the hit is the same object" cmp -s s1.o s2.o
check "... with the plugin's notes" \
	sh -c "'$dump' s2.o | grep -q '^use newer.cc:6:[0-9]* _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided\$'"
MANYGUARD_POLICY=manylinux_2_17 MANYGUARD_CXX="sccache g++" "$wcxx" -std=c++17 -O2 -fPIC \
	-c newer.cc -o s3.o
check "another policy is a miss, not the cached object ($(stat cache_misses) misses)" \
	test "$(stat cache_misses)" = 2
check "... its object's notes name manylinux_2_17 ($(baseline s3.o)), the first's manylinux_2_28 ($(baseline s1.o))" \
	test "$(baseline s3.o)-$(baseline s1.o)" = manylinux_2_17-manylinux_2_28
MANYGUARD_CXX="sccache g++" "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o s4.o
check "back to manylinux_2_28: a hit again, the first object" \
	sh -c "[ $(stat cache_hits) = 2 ] && cmp -s s1.o s4.o"
MANYGUARD_CC="sccache gcc" "$wcc" -O2 -c plain.c -o c1.o &&
	MANYGUARD_POLICY=manylinux_2_17 MANYGUARD_CC="sccache gcc" "$wcc" -O2 -c plain.c -o c2.o
check "a C compile for another policy is a miss too ($(stat cache_misses) misses): its notes name the baseline" \
	sh -c "[ $(stat cache_misses) = 4 ] && [ '$(baseline c1.o)-$(baseline c2.o)' = manylinux_2_28-manylinux_2_17 ]"

# In front: the cache runs the wrapper, whose command carries the policy.
for p in manylinux_2_28 manylinux_2_17 manylinux_2_28; do
	sccache "$wcxx" --manyguard-policy=$p -std=c++17 -O2 -fPIC -c newer.cc -o "f-$p.o" ||
		not_ok "sccache in front for $p"
done
check "sccache in front, the policy in the command: a hit only for the same policy ($(stat cache_hits) hits)" \
	test "$(stat cache_hits)" = 3
check "... each object's notes name its policy" \
	test "$(baseline f-manylinux_2_17.o)-$(baseline f-manylinux_2_28.o)" = manylinux_2_17-manylinux_2_28
sccache "$wcxx" --manyguard-policy=manylinux_2_28 -shared -o libf.so f-manylinux_2_28.o 2>link.log
st=$?
check "... and links through it (exit $st)" test $st = 0 -a -f libf.so

# --- ccache: the same two properties --------------------------------------------------
if command -v ccache >/dev/null 2>&1; then
	CCACHE_DIR=$tmp/ccache
	export CCACHE_DIR
	hits() { ccache --print-stats | awk '$1 ~ /cache_hit$/ && $1 !~ /^local|^remote/ { n += $2 } END { print n + 0 }'; }
	for p in manylinux_2_28 manylinux_2_17 manylinux_2_28; do
		MANYGUARD_POLICY=$p MANYGUARD_CXX="ccache g++" "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o "k-$p.o"
	done
	check "ccache behind the wrapper: a hit only for the same policy ($(hits) hits)" test "$(hits)" = 1
	check "... each object's notes name its policy" \
		test "$(baseline k-manylinux_2_17.o)-$(baseline k-manylinux_2_28.o)" = manylinux_2_17-manylinux_2_28
	ccache --zero-stats >/dev/null
	for p in manylinux_2_28 manylinux_2_17 manylinux_2_28; do
		ccache "$wcxx" --manyguard-policy=$p -std=c++17 -O2 -fPIC -c newer.cc -o "kf-$p.o"
	done
	check "ccache in front, the policy in the command: a hit only for the same policy ($(hits) hits)" \
		test "$(hits)" = 1
	check "... each object's notes name its policy" \
		test "$(baseline kf-manylinux_2_17.o)-$(baseline kf-manylinux_2_28.o)" = manylinux_2_17-manylinux_2_28
else
	skip "ccache is not installed"
fi
done_testing

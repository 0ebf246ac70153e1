#!/bin/sh
# icecream behind the wrapper (MANYGUARD_CXX="icecc g++"), for real: a
# scheduler, the local daemon (--no-remote) and a second daemon that takes
# the compiles, all on 127.0.0.1, in a network namespace of the test's own
# (only loopback: icecream also announces itself by broadcast, which must
# not leave the test).  icecc sends a -fplugin= file with the compiler's
# environment but not the files the plugin and the specs name: the wrapper
# lists them in ICECC_EXTRAFILES, so the compile runs on the other daemon
# with the plugin and the object arrives with its notes.  Links stay local,
# through the linker wrapper.  Root only (iceccd compiles in a chroot of
# the environment).
#
# The second daemon stands for another machine of the farm, an idle one:
# icecream's scheduler gives no job to a daemon whose CPU had no idle time
# lately, and this machine may be busy with other tests.  That daemon runs
# in a mount namespace of its own where /proc/stat (which it reads for its
# load) shows an idle CPU.
. "$top_srcdir/tests/lib.sh"

if [ "$(id -u)" != 0 ]; then
	skip "not root: iceccd runs remote compiles in a chroot, and the test in a network namespace"
	done_testing
	exit
fi
if [ -z "${MG_ICECC_NETNS:-}" ] && command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1; then
	MG_ICECC_NETNS=1 exec unshare --net "$0" "$@"
fi
mg_tmpdir
. "$top_srcdir/tests/integration/daemon_lib.sh"
[ -n "${MG_ICECC_NETNS:-}" ] || engine_missing icecream "unshare or ip is missing (util-linux, iproute2)"
for tool in icecc iceccd icecc-scheduler; do
	command -v $tool >/dev/null 2>&1 || engine_missing icecream "$tool is not installed (apt-get install icecc)"
done
ip link set lo up || bail "cannot bring up the loopback interface of the test's network namespace"

# The test's directory is readable by the user icecc: iceccd runs as it
# and makes its environment directories here.
. "$top_srcdir/tests/wrappers/cc/farm.sh"
mkdir -m 1777 "$tmp/ice" || bail "cannot create $tmp/ice"

# The scheduler takes its port and the next; the daemons are found through
# ICECC_SCHEDULER, the local one through its socket (ICECC_TEST_SOCKET, as
# icecream's own tests do).  Readiness is read from the logs: a connection
# that is not icecream's protocol leaves the scheduler deaf to daemons.
sport=$(free_port)
rport=$(free_port)
start_daemon sched.log icecc-scheduler -p "$sport" -n mgtest -vvv
wait_for sched.log "scheduler ready" || { sed 's/^/# /' sched.log; bail "icecc-scheduler did not start"; }
start_daemon local.log env ICECC_TEST_SOCKET="$tmp/ice/local.sock" ICECC_SCHEDULER=127.0.0.1:$sport \
	iceccd --no-remote -b "$tmp/ice/envs-local" -n mgtest -N localice -m 2 -vvv
# The idle CPU: /proc/stat's first line, rewritten in place twice a second
# with growing idle ticks and nothing else (iceccd keeps the file open and
# reads it again at each look).
cat >idle-stat.sh <<'EOF2'
ticks=1000
while :; do
	ticks=$((ticks + 100))
	printf 'cpu  100 0 100 %d 0 0 0 0 0 0\n' "$ticks" >"$1"
	sleep 0.5
done
EOF2
printf 'cpu  100 0 100 1000 0 0 0 0 0 0\n' >idle.stat
start_daemon idle-stat.log sh idle-stat.sh "$tmp/idle.stat"
start_daemon remote.log unshare --mount sh -c 'mount --bind "$1" /proc/stat && shift && exec "$@"' sh \
	"$tmp/idle.stat" env ICECC_TEST_SOCKET="$tmp/ice/remote.sock" ICECC_SCHEDULER=127.0.0.1:$sport \
	iceccd -b "$tmp/ice/envs-remote" -n mgtest -N remoteice -m 2 -p "$rport" -vvv
# The daemons look for the scheduler every few seconds.
wait_for sched.log "login remoteice" && wait_for sched.log "login localice" ||
	{ sed 's/^/# /' sched.log local.log remote.log | tail -n 40; bail "the daemons did not log in to the scheduler"; }
ok "icecc-scheduler and two iceccd on 127.0.0.1 ($sport, $rport), in a network namespace"

# The client talks to the local daemon; ICECC_TEST_REMOTEBUILD makes a job
# that the scheduler gives to a daemon on this machine go there rather
# than be compiled by the client (icecream's own tests do the same).
ICECC_TEST_SOCKET=$tmp/ice/local.sock ICECC_TEST_REMOTEBUILD=1 ICECC_PREFERRED_HOST=remoteice
ICECC_DEBUG=debug ICECC_LOGFILE=$tmp/icecc.log MANYGUARD_CXX="icecc g++"
export ICECC_TEST_SOCKET ICECC_TEST_REMOTEBUILD ICECC_PREFERRED_HOST ICECC_DEBUG ICECC_LOGFILE MANYGUARD_CXX
unset ICECC_VERSION ICECC_EXTRAFILES ICECC CCACHE_PREFIX

# The first compile also builds and ships the environment (about 30 MB).
"$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o newer.o
st=$?
check "manyguard-c++ -c with MANYGUARD_CXX=\"icecc g++\" (exit $st)" test $st = 0
check "the other daemon compiled it" grep -q "remote compile for file newer.cc" remote.log
check "... with the specs and the plugin" \
	sh -c "grep 'remote compile arguments:' remote.log | grep -e '-specs=' | grep -q -e '-fplugin='"
check "the scheduler saw it end well there" grep -q "END [0-9]* status=0 .*server=remoteice" sched.log
check "icecc did not fall back to compiling here" sh -c "! grep -qi -e 'building_local' -e 'local build forced' icecc.log"
MANYGUARD_CXX= "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o newer-local.o
"$dump" newer.o >remote.notes 2>&1
"$dump" newer-local.o >local.notes 2>&1
check "the object arrives with the plugin's notes" \
	grep -q "^use newer.cc:6:[0-9]* _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided\$" remote.notes
check "... the same as a local compile's" cmp -s remote.notes local.notes
"$wcxx" -std=c++17 -O2 -fPIC -c plain.cc -o plain.o
check "a second compile there too" grep -q "remote compile for file plain.cc" remote.log

# The link runs here, through the linker wrapper.
"$wcxx" -shared newer.o plain.o -o libice.so >link.log 2>&1
st=$?
check "the link through the wrapper and icecc (exit $st)" test $st = 0
check "... ran here: the other daemon saw no link" sh -c "! grep -q libice remote.log"
"$mg" manifest libice.so >m.txt 2>&1
check "its manifest: both objects with the plugin's notes" grep -q "^  objects: 2 with plugin notes, 0 without\$" m.txt
check "... std::to_chars from the split runtime" \
	grep -q "std::to_chars(char\*, char\*, double)  (floating_to_chars.o, for newer.o)" m.txt

# An environment made beforehand (ICECC_VERSION), with which icecc sends
# no extra files: manyguard-icecc-env puts the wrapper's files in it.
mkdir envdir
env=$("$top_builddir/integration/manyguard-icecc-env" -o envdir 2>envdir.log)
st=$?
check "manyguard-icecc-env makes an environment (exit $st)" test $st = 0 -a -f "$env"
[ $st = 0 ] || sed 's/^/# /' envdir.log
tar -tzf "$env" >env.list 2>/dev/null
for f in "${MANYGUARD_SPECS#/}" "${MANYGUARD_PLUGIN_DIR#/}/manyguard.so" \
	"${MANYGUARD_PLUGIN_DIR#/}/manyguard-gcc$(g++ -dumpversion | sed 's/\..*//').so"; do
	check "... holding $f" grep -qx "$f" env.list
done
check "... and the policy's newer-symbols.txt" \
	grep -q "^${MANYGUARD_CACHE_DIR#/}/runtime/manylinux_2_28-[0-9a-f]*/newer-symbols.txt\$" env.list
ICECC_VERSION=$env ICECC_LOGFILE=$tmp/icecc-env.log "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o newer-env.o
st=$?
check "a compile with ICECC_VERSION=that environment (exit $st)" test $st = 0
check "... ran on the other daemon, in that environment, without falling back" \
	sh -c "[ \$(grep -c 'remote compile for file newer.cc' remote.log) = 2 ] &&
		grep -q 'env: x86_64 .$env.' icecc-env.log &&
		! grep -qi -e 'building_local' -e 'local build forced' icecc-env.log"
"$dump" newer-env.o >env.notes 2>&1
check "... with the same notes" cmp -s env.notes local.notes
done_testing

# Sourced by the tests that run a compile farm or cache daemon on the
# loopback interface (wrapper_cc_distcc.sh, wrapper_cc_icecc.sh,
# wrapper_cc_caches.sh for sccache), after tests/lib.sh and mg_tmpdir.  Each daemon
# runs in a session of its own, listens on 127.0.0.1 only, on a port free
# when it starts, and is stopped (with everything it forked) when the test
# exits, however it exits.

# engine_missing WHAT REASON: the engine is not installed: a failure in CI
# (CI=true: scripts/debian-packages.txt installs it there), a skip with the
# reason elsewhere; the test ends.
engine_missing() {
	if [ "${CI:-}" = true ]; then
		not_ok "$1: $2"
	else
		skip "$1: $2"
	fi
	done_testing
	exit
}

# free_port: a TCP port of 127.0.0.1 that nothing listens on now.
free_port() {
	"${PYTHON3:-python3}" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# listening PORT [SECONDS]: waits until something accepts connections on
# 127.0.0.1:PORT (default: up to 20 s); fails when nothing does.
listening() {
	"${PYTHON3:-python3}" -c 'import socket, sys, time
end = time.time() + float(sys.argv[2])
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()
        sys.exit(0)
    except OSError:
        if time.time() > end:
            sys.exit(1)
        time.sleep(0.1)' "$1" "${2:-20}"
}

# start_daemon LOG COMMAND...: COMMAND in a new session (setsid), its output
# in LOG.  A session of its own, because daemons such as distccd signal
# their whole process group when they stop, which would otherwise be this
# test's.  Its pid (and process group) goes to $daemon_pid.
daemon_pids=
start_daemon() {
	_log=$1
	shift
	setsid "$@" >"$_log" 2>&1 </dev/null &
	daemon_pid=$!
	daemon_pids="$daemon_pids $daemon_pid"
}

# group_alive PGID: a process of group PGID still runs (zombies, which
# wait for init to reap them, do not count).
group_alive() {
	ps -e -o pgid= -o stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# stop_daemons: every daemon started, with its process group (what it
# forked); waits until the group is gone (at most 5 s, then SIGKILL).
stop_daemons() {
	for _pid in $daemon_pids; do
		kill -TERM -- "-$_pid" 2>/dev/null || kill -TERM "$_pid" 2>/dev/null
	done
	for _pid in $daemon_pids; do
		_n=0
		while group_alive "$_pid" && [ $_n -lt 50 ]; do
			sleep 0.1
			_n=$((_n + 1))
		done
		group_alive "$_pid" && kill -KILL -- "-$_pid" 2>/dev/null
	done
	daemon_pids=
}
trap 'stop_daemons; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

#!/bin/sh
# distcc behind the wrapper (MANYGUARD_CXX="distcc g++"), with real distccd
# servers on 127.0.0.1: compiles run on the server (its log says so), links
# stay on this machine and go through the linker wrapper.  distcc keeps
# every command with -specs= local and distccd refuses -fplugin=, so the
# wrapper passes neither to compiles distcc runs: with a plain server the
# objects carry no notes and the link's manifest names them; a server
# whose GCC has manyguard's default specs (manyguard specs install) loads
# the plugin itself, and its objects arrive with their notes intact.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/integration/daemon_lib.sh"

command -v distcc >/dev/null 2>&1 && command -v distccd >/dev/null 2>&1 ||
	engine_missing distcc "distcc is not installed (apt-get install distcc)"
command -v setsid >/dev/null 2>&1 || engine_missing distcc "setsid is not installed (util-linux)"
# distccd runs only compilers named in its masquerade directory.
gxx=$(basename "$(readlink -f "$(command -v g++)")")
triple=$(g++ -dumpmachine)
[ -e "/usr/lib/distcc/$triple-g++" ] ||
	engine_missing distcc "/usr/lib/distcc/$triple-g++ is missing: distccd would refuse g++ (run update-distcc-symlinks)"

# The test's directory is readable by the user distcc: distccd drops root
# for it, and it must read what it runs.
. "$top_srcdir/tests/wrappers/cc/farm.sh"
DISTCC_DIR=$tmp/distcc-client
mkdir "$DISTCC_DIR" || bail "cannot create $DISTCC_DIR"
export DISTCC_DIR
unset DISTCC_HOSTS DISTCC_FALLBACK CCACHE_PREFIX

# server NAME [PATH]: a distccd for 127.0.0.1 only on a free port, with
# PATH (default: ours) to find the compilers; sets NAME_port and NAME_log.
server() {
	_port=$(free_port)
	_log=$tmp/distccd-$1.log
	start_daemon "$_log" env PATH="${2:-$PATH}" distccd --no-detach --daemon --allow 127.0.0.1 \
		--listen 127.0.0.1 --port "$_port" --jobs 2 --log-stderr --log-level info
	listening "$_port" || { sed 's/^/# /' "$_log"; bail "distccd $1 does not listen on 127.0.0.1:$_port"; }
	eval "$1_port=$_port $1_log=\$_log"
}
# compiled_on LOG FILE: distccd's LOG has a successful compile of FILE
# (distccd writes its summary after answering: waited for, up to 10 s).
compiled_on() { wait_for "$1" "COMPILE_OK .* $2\$" 10; }

# --- a plain server: plain GCC, no plugin ------------------------------------------
server plain
DISTCC_HOSTS=127.0.0.1:$plain_port
export DISTCC_HOSTS
MANYGUARD_CXX="distcc g++" DISTCC_VERBOSE=1 "$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o newer.o \
	>c1.log 2>&1
st=$?
check "manyguard-c++ -c with MANYGUARD_CXX=\"distcc g++\" (exit $st)" test $st = 0
check "distcc does not keep it local" sh -c "! grep -q 'must be local' c1.log"
check "distcc ran it on 127.0.0.1:$plain_port" grep -q "compile newer.cc on 127.0.0.1:$plain_port completed ok" c1.log
check "the server's log has the compile" compiled_on "$plain_log" newer.cc
check "the command the server ran has no -specs= and no -fplugin=" \
	sh -c "grep 'exec on 127.0.0.1' c1.log | grep -qv -e '-specs=' -e '-fplugin'"
check "the object has no notes (the plain server's GCC has no plugin)" \
	sh -c "'$dump' newer.o 2>&1 | grep -q 'no notes'"
MANYGUARD_CXX="distcc g++" "$wcxx" -std=c++17 -O2 -fPIC -c plain.cc -o plain.o 2>c2.log
check "a second file compiles there too" compiled_on "$plain_log" plain.cc

# The link runs here, through the linker wrapper: distcc never distributes
# a link, so the wrapper gives it everything.
MANYGUARD_CXX="distcc g++" DISTCC_VERBOSE=1 "$wcxx" -shared newer.o plain.o -o libplain.so >l1.log 2>&1
st=$?
check "the link through the wrapper and distcc succeeds (exit $st)" test $st = 0
check "... and runs on this machine" grep -q "exec on localhost: .*-shared newer.o plain.o" l1.log
check "... the server saw no link" sh -c "! grep -q libplain '$plain_log'"
"$mg" manifest --json libplain.so >m1.json 2>m1.err
check "the library has manyguard's manifest (the linker wrapper ran)" test -s m1.json
check "the manifest names both objects as without notes" "${PYTHON3:-python3}" -c '
import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(sorted(m["objects_without_notes"]) != ["newer.o", "plain.o"] or m["verdict"]["result"] != "pass")' m1.json
"$mg" manifest libplain.so >m1.txt 2>&1
check "... and its summary says so" sh -c "grep -qx '    no notes: newer.o' m1.txt && grep -qx '    no notes: plain.o' m1.txt"
check "std::to_chars still came from the split runtime" \
	grep -q "std::to_chars(char\*, char\*, double)  (floating_to_chars.o, for newer.o)" m1.txt

# --- a server whose GCC has manyguard's default specs --------------------------------
# As `manyguard specs install` on a farm machine does; here a private copy
# (--root) that the server's g++ reads through -B.
mkdir -p srv/specs srv/bin
"$mg" specs install --gcc g++ --policy manylinux_2_28 --root "$tmp/srv/specs" >specs.log 2>&1 ||
	{ sed 's/^/# /' specs.log; bail "manyguard specs install --root failed"; }
printf '#!/bin/sh\nexec %s -B %s/ "$@"\n' "$(command -v "$triple-g++")" "$tmp/srv/specs" >"srv/bin/$triple-g++"
chmod 755 "srv/bin/$triple-g++"
server specs "$tmp/srv/bin:$PATH"
DISTCC_HOSTS=127.0.0.1:$specs_port MANYGUARD_CXX="distcc g++" "$wcxx" -std=c++17 -O2 -fPIC \
	-c newer.cc -o newer-remote.o 2>c3.log
st=$?
check "compile on the server with manyguard's default specs (exit $st)" test $st = 0
check "... the server's log has it" compiled_on "$specs_log" newer.cc
"$wcxx" -std=c++17 -O2 -fPIC -c newer.cc -o newer-local.o
"$dump" newer-remote.o >remote.notes 2>&1
"$dump" newer-local.o >local.notes 2>&1
check "the object arrives with the plugin's notes" \
	grep -q "^use newer.cc:6:[0-9]* _ZSt8to_charsPcS_d GLIBCXX_3.4.29 provided\$" remote.notes
# The server compiles the source distcc preprocessed here: the plugin
# there cannot read _GLIBCXX_USE_CXX11_ABI, a macro, which is the one fact
# a local compile records that the remote one lacks.
grep -v '^glibcxx_use_cxx11_abi=' local.notes >local-nomacro.notes
check "... the same notes as a local compile through the wrapper, but the ABI macro" \
	cmp -s remote.notes local-nomacro.notes
check "... which the local compile has and the remote one lacks" \
	sh -c "grep -qx 'glibcxx_use_cxx11_abi=1' local.notes && ! grep -q glibcxx_use_cxx11_abi remote.notes"
DISTCC_HOSTS=127.0.0.1:$specs_port MANYGUARD_CXX="distcc g++" "$wcxx" -std=c++17 -O2 -fPIC \
	-c plain.cc -o plain-remote.o 2>c4.log
MANYGUARD_CXX="distcc g++" DISTCC_HOSTS=127.0.0.1:$specs_port "$wcxx" -shared newer-remote.o plain-remote.o \
	-o libspecs.so 2>l2.log
"$mg" manifest libspecs.so >m2.txt 2>&1
check "its link's manifest: both objects with notes" grep -q "^  objects: 2 with plugin notes, 0 without\$" m2.txt

# --- a parallel build, and ccache in front of distcc ------------------------------------
for i in 1 2 3 4; do
	sed "s/show/show$i/g" plain.cc >"p$i.cc"
done
cat >Makefile <<'EOF2'
OBJS = p1.o p2.o p3.o p4.o
all: $(OBJS)
%.o: %.cc
	$(CXX) -std=c++17 -O2 -fPIC -c $< -o $@
EOF2
DISTCC_HOSTS="127.0.0.1:$plain_port/4" MANYGUARD_CXX="distcc g++" make -j4 CXX="$wcxx" >make.log 2>&1
st=$?
check "make -j4 through the wrapper and distcc (exit $st)" test $st = 0
n=0
for i in 1 2 3 4; do
	compiled_on "$plain_log" "p$i.cc" && n=$((n + 1))
done
check "all 4 compiles ran on the server ($n)" test $n = 4
if command -v ccache >/dev/null 2>&1; then
	CCACHE_DIR=$tmp/ccache CCACHE_PREFIX=distcc MANYGUARD_CXX="ccache g++" "$wcxx" -std=c++17 -O2 \
		-fPIC -c plain.cc -o plain-ccache.o 2>c5.log
	st=$?
	sleep 1 # distccd's summary comes after its answer
	check "ccache with CCACHE_PREFIX=distcc behind the wrapper (exit $st): compiled on the server" \
		sh -c "[ $st = 0 ] && [ \$(grep -c 'COMPILE_OK .* plain.cc\$' '$plain_log') -ge 2 ]"
else
	skip "ccache is not installed"
fi
done_testing

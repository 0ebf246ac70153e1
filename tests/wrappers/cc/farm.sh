# Sourced by wrapper_cc_distcc.sh and wrapper_cc_icecc.sh after
# tests/integration/daemon_lib.sh: the build tree's wrapper and tools, the
# test's directory (readable by the users the daemons run as, and the
# current one), the two sources both compile on the farm (newer.cc uses
# std::to_chars(double), GLIBCXX_3.4.29, which the plugin notes and the
# split runtime provides; plain.cc calls it), and wait_for.
use_build_tree
wcxx=$top_builddir/wrappers/manyguard-c++
dump=$top_builddir/tests/unit/objnotes_dump
mg=$top_builddir/tools/manyguard
chmod 755 "$tmp"
cd "$tmp" || bail "cannot enter $tmp"
cp "$top_srcdir/tests/wrappers/cc/newer_show.cc" newer.cc || bail "cannot copy newer_show.cc"
cat >plain.cc <<'EOF2'
#include <string>
std::string show(double d);
extern "C" int mg_entry(void) { return (int)show(0.25).size(); }
EOF2

# wait_for FILE PATTERN [SECONDS]: FILE has a line matching PATTERN (grep)
# within SECONDS (default 60): daemons log after they answer.
wait_for() {
	_n=0
	until grep -q "$2" "$1"; do
		[ $_n -lt $((${3:-60} * 10)) ] || return 1
		sleep 0.1
		_n=$((_n + 1))
	done
}

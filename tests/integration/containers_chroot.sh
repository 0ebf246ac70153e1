#!/bin/sh
# The Debian image without a container engine: a minimal bookworm root
# filesystem (debootstrap), containers/install.sh run inside it with chroot
# (as the Containerfile's RUN would), then an extension-like C++ shared
# object built there through the wrappers and checked: at most
# GLIBCXX_3.4.24, no exported runtime symbol, works when loaded.  A second
# install.sh run installs no package (idempotent).
#
# Root only.  The debootstrapped base (scripts/make-debian-root) and apt's
# downloaded packages are kept in the fixture cache (docs/testing.md).
. "$top_srcdir/tests/lib.sh"

if [ "$(id -u)" != 0 ]; then
	skip "not root: debootstrap and chroot need root"
	done_testing
	exit
fi
for tool in debootstrap chroot mount umount tar zstd flock; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "$tool is not installed (apt-get install debootstrap zstd)"
		done_testing
		exit
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mgchroot.XXXXXX") || bail "mktemp failed"
root=$tmp/root
. "$top_srcdir/tests/fixtures/common.sh"
. "$top_srcdir/tests/fixtures/chroot.sh"
trap 'chroot_remove "$tmp" "$root"' EXIT
trap 'exit 130' INT TERM HUP
debs=$fixture_dir/bookworm-apt-archives
mkdir -p "$debs/partial"
# Runs from several build trees share apt's download cache, whose lock apt
# would refuse to wait for: one run at a time.
exec 8>"$fixture_dir/bookworm-chroot.lock"
flock 8 || bail "cannot lock $fixture_dir/bookworm-chroot.lock"

# --- the base root filesystem, cached -----------------------------------------
if ! fixture_debian_root bookworm minbase "" "$tmp/make-root.log"; then
	sed 's/^/# /' "$tmp/make-root.log"
	fixture_unavailable "bookworm root" "debootstrap of bookworm from this machine's Debian mirror failed"
	done_testing
	exit
fi
base=$fixture_root_tarball
chroot_unpack "$base" "$root" || bail "cannot unpack $base"
ok "bookworm minbase root filesystem from $base"

# /proc and /dev for compilers and apt; the package cache for speed; the
# host's resolver for the mirror.  The source tree is copied (not bound):
# make may regenerate its Makefile.in, and the copy keeps that private.
mount -t proc proc "$root/proc" || bail "cannot mount /proc in $root"
mount --bind /dev "$root/dev" || bail "cannot bind /dev into $root"
mount --bind /dev/pts "$root/dev/pts" || bail "cannot bind /dev/pts into $root"
mount --bind "$debs" "$root/var/cache/apt/archives" || bail "cannot bind $debs"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
mkdir -p "$root/src/manyguard" "$root/work"
# Build trees (a directory with config.status) are not part of the source.
builds=$(cd "$top_srcdir" && for d in */config.status; do [ -f "$d" ] && echo "--exclude=./${d%/*}"; done)
# shellcheck disable=SC2086 # one option per word
(cd "$top_srcdir" && tar -cf - $builds --exclude=./.git \
	--exclude=./tests/fixtures/cache --exclude=./autom4te.cache .) |
	(cd "$root/src/manyguard" && tar -xf -) || bail "cannot copy the source tree"
cp "$top_srcdir/tests/containers/ext.cc" "$top_srcdir/tests/containers/host.c" "$root/work/"

# in_root CMD: CMD run by a shell in the root with a clean environment.
in_root() {
	chroot_exec "$root" "$1"
}

# --- install.sh, as the Debian Containerfile runs it ----------------------------
in_root 'MANYGUARD_CXX=g++-12 MANYGUARD_CC=gcc-12 MANYGUARD_POLICY=manylinux_2_28 \
	/src/manyguard/containers/install.sh --jobs 2' >"$tmp/install1.log" 2>&1
st=$?
check "install.sh succeeds in a fresh bookworm root (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 30 "$tmp/install1.log" | sed 's/^/# /'
check "install.sh installed the build dependencies with apt-get" \
	grep -q "^install.sh: installing with apt-get:.* libelf-dev" "$tmp/install1.log"
check "the wrappers are installed in /usr/local/bin" \
	test -x "$root/usr/local/bin/manyguard-cc" -a -x "$root/usr/local/bin/manyguard-c++"
check "cc and c++ in /usr/local/bin are the wrappers" \
	test "$(readlink "$root/usr/local/bin/c++")" = manyguard-c++ -a "$(readlink "$root/usr/local/bin/cc")" = manyguard-cc
check "the CMake toolchain file, meson native file and autoconf site file are installed" \
	test -f "$root/usr/local/share/manyguard/integration/manyguard.cmake" -a \
	-f "$root/usr/local/share/manyguard/integration/manyguard-native.ini" -a \
	-f "$root/usr/local/share/manyguard/integration/config.site"
check "... naming the installed wrappers by path" \
	grep -q "/usr/local/bin/manyguard-c++" "$root/usr/local/share/manyguard/integration/manyguard.cmake" \
	"$root/usr/local/share/manyguard/integration/manyguard-native.ini" \
	"$root/usr/local/share/manyguard/integration/config.site"
check "the plugin for GCC 12 is installed" \
	test -f "$root/usr/local/lib/manyguard/gcc-plugin/manyguard-gcc12.so"
# runtime_dirs: the runtime directories in the root's shared cache (each
# has a .lock file next to it).
runtime_dirs() {
	for d in "$root"/var/cache/manyguard/runtime/manylinux_2_28-*; do
		[ -d "$d" ] && echo "$d"
	done
}
rt=$(runtime_dirs | head -n 1)
check "the runtime directory for g++-12 and manylinux_2_28 is prepared" \
	test -f "$rt/libstdc++_nonshared.a" -a -f "$rt/libstdc++.so.6"
check "the glibc directory for manylinux_2_28 is prepared" \
	sh -c "ls '$root'/var/cache/manyguard/glibc/manylinux_2_28-*/libc.so >/dev/null"
check "the OpenMP runtime for manylinux_2_28 is built, and -fopenmp links bind to it" \
	grep -q "^install.sh: -fopenmp links through the wrappers bind to /var/cache/manyguard/openmp/manylinux_2_28-.*/libgomp-manyguard.so.1" \
	"$tmp/install1.log"
check "... and its source is not left in the root" \
	sh -c "[ ! -e '$root/var/cache/manyguard/sources' ] && ! ls -d '$root'/tmp/manyguard-install.* >/dev/null 2>&1"
check "/etc/profile.d/manyguard.sh sets CXX=manyguard-c++ and the policy" \
	grep -q "CXX=manyguard-c++" "$root/etc/profile.d/manyguard.sh"
if grep -q "no 'specs' command" "$tmp/install1.log"; then
	specs=no
	diag "this manyguard has no specs command yet: default specs were not installed"
else
	specs=yes
	check "install.sh installed the default specs" grep -q "default specs installed for g++-12" "$tmp/install1.log"
fi

# --- the extension, built in the root through the wrappers -----------------------
in_root '. /etc/profile.d/manyguard.sh && cd /work &&
	$CXX -std=c++17 -O2 -fPIC -c ext.cc -o ext.o && $CXX -shared -o ext.so ext.o &&
	$CC -o host host.c -ldl && ./host ./ext.so' >"$tmp/ext.log" 2>&1
st=$?
check "the extension builds with \$CXX and loads in the root (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 "$tmp/ext.log" | sed 's/^/# /'
check "the extension works: formats 0.1 and catches its own exception" \
	test "$(tail -n 1 "$tmp/ext.log")" = "0.1 -1"
so=$root/work/ext.so
v=$("$READELF" -V --wide "$so" 2>/dev/null | sed -n 's/.*Name: \(GLIBCXX_[0-9.]*\).*/\1/p' |
	sort -t. -k3,3n | tail -n 1)
check "the extension needs at most GLIBCXX_3.4.24 (highest: $v)" \
	test -n "$v" -a "$(printf '%s\n' "$v" GLIBCXX_3.4.24 | sort -t. -k3,3n | tail -n 1)" = GLIBCXX_3.4.24
# Nothing of a runtime copy may be exported: no libstdc++ definition, and
# nothing the runtime directory's private archive defines.
nm -D --defined-only "$so" | awk '{ print $NF }' | sort -u >"$tmp/ext.syms"
nm -D --defined-only "$root/usr/lib/x86_64-linux-gnu/libstdc++.so.6" | awk '{ print $NF }' |
	sed 's/@.*//' | sort -u >"$tmp/std.syms"
nm --defined-only "$rt/libstdc++_nonshared.a" 2>/dev/null | awk 'NF == 3 { print $3 }' |
	sort -u >"$tmp/nonshared.syms"
check "the extension exports only its own entry point" \
	test "$(cat "$tmp/ext.syms")" = mg_ext_format
check "the extension exports no libstdc++ symbol and nothing of libstdc++_nonshared.a" \
	test -s "$tmp/ext.syms" -a -s "$tmp/std.syms" -a -s "$tmp/nonshared.syms" -a \
	-z "$(comm -12 "$tmp/ext.syms" "$tmp/std.syms")" -a -z "$(comm -12 "$tmp/ext.syms" "$tmp/nonshared.syms")"
in_root 'manyguard show --policy manylinux_2_28 /work/ext.so' >"$tmp/show.log" 2>&1
check "manyguard show in the root: the extension meets manylinux_2_28" test $? = 0

# Builds that ignore CXX and call c++ by name still go through manyguard.
in_root 'cd /work && c++ -shared -fPIC -static-libstdc++ -o bad.so ext.cc' >"$tmp/bad.log" 2>&1
st=$?
check "plain c++ -static-libstdc++ is refused in the root (exit $st)" test $st = 1
check "... with the rule id" grep -q "\[static-libstdcxx\]" "$tmp/bad.log"
check "... and leaves no output" test ! -e "$root/work/bad.so"

# --- idempotent --------------------------------------------------------------------
in_root '. /etc/profile.d/manyguard.sh && /src/manyguard/containers/install.sh --jobs 2' \
	>"$tmp/install2.log" 2>&1
st=$?
check "install.sh runs again successfully (exit $st)" test $st = 0
[ $st = 0 ] || tail -n 20 "$tmp/install2.log" | sed 's/^/# /'
check "the second run installs no package" \
	sh -c "grep -q '^install.sh: done' '$tmp/install2.log' && ! grep -q 'installing with' '$tmp/install2.log'"
check "the second run keeps the one runtime directory" \
	test "$(runtime_dirs | wc -l)" = 1
if [ $specs = yes ]; then
	# manyguard links system libraries no policy allows: the specs come off
	# for its build and go back on.
	check "the second run builds manyguard without the default specs" \
		grep -q "removing manyguard's default specs from g++-12 for the build" "$tmp/install2.log"
	in_root 'cd /work && /usr/bin/g++-12 -shared -fPIC -static-libstdc++ -o bad2.so ext.cc' >"$tmp/bad2.log" 2>&1
	st=$?
	check "afterwards /usr/bin/g++-12 itself refuses -static-libstdc++ (exit $st)" test $st != 0
	check "... with the rule id" grep -q "\[static-libstdcxx\]" "$tmp/bad2.log"
	# The specs bind plain gcc's links to the policy's glibc too.
	in_root 'cd /work && /usr/bin/gcc-12 -O1 -o host2 host.c -ldl && ./host2 ./ext.so' >"$tmp/host2.log" 2>&1
	st=$?
	v=$("$READELF" -V --wide "$root/work/host2" 2>/dev/null | sed -n 's/.*Name: \(GLIBC_[0-9.]*\).*/\1/p' |
		sort -t. -k2,2n | tail -n 1)
	check "/usr/bin/gcc-12 itself links a program that runs and needs at most GLIBC_2.28 (exit $st, highest: $v)" \
		test $st = 0 -a -n "$v" -a "$(printf '%s\n' "$v" GLIBC_2.28 | sort -t. -k2,2n | tail -n 1)" = GLIBC_2.28
fi
check "the second run finds the OpenMP runtime built" grep -q "^install.sh: OpenMP runtime already built in " "$tmp/install2.log"
done_testing

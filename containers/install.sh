#!/bin/sh
# install.sh: makes the system it runs in (a container image being built,
# or a chroot) a manyguard toolchain.
#
# Passes, each safe to repeat:
#   packages  - the build dependencies and the real compiler's plugin
#               headers, with apt (Debian) or dnf (AlmaLinux/RHEL 8);
#               only what is missing is installed.
#   build     - configure, make, make install from the source tree, in a
#               temporary build directory (the source tree is never written).
#   runtime   - one link through the installed wrappers with the image's
#               compiler, policy and baseline, so the runtime directory and
#               the glibc directory exist in the shared cache before the
#               first user build.
#   openmp    - the OpenMP runtime built for the policy's glibc
#               (`manyguard openmp`, from the compiler's Debian source
#               package) in the shared cache, so -fopenmp links through the
#               wrappers bind to it; Debian only (the source comes with apt).
#   specs     - `manyguard specs install` for the real compiler, when the
#               installed manyguard has that command.
#   compilers - cc and c++ in PREFIX/bin are the wrappers, for builds that
#               ignore CC/CXX but call cc/c++ by name.
#
# Settings come from the environment the image declares (ENV lines), so the
# Containerfile states them once; options override them.
set -eu

me=${0##*/}
usage() {
	cat <<USAGE
usage: $me [options]
  --src DIR                  manyguard source tree (default: the tree holding this script)
  --prefix DIR               install prefix (default: /usr/local)
  --cc CMD                   real C compiler (default: \$MANYGUARD_CC, else gcc)
  --cxx CMD                  real C++ compiler (default: \$MANYGUARD_CXX, else g++)
  --policy NAME              policy (default: \$MANYGUARD_POLICY, else manylinux_2_28)
  --baseline-libstdcxx PATH  a real old libstdc++.so.6 as baseline
                             (default: \$MANYGUARD_BASELINE_LIBSTDCXX)
  --baseline-libgcc-s PATH   its libgcc_s.so.1 (default: \$MANYGUARD_BASELINE_LIBGCC_S)
  --cache-dir DIR            shared runtime cache (default: \$MANYGUARD_CACHE_DIR,
                             else /var/cache/manyguard)
  --no-packages              do not install packages
  --no-compiler-links        do not make PREFIX/bin/cc and c++ the wrappers
  --no-specs                 do not install manyguard's specs as the real compiler's default
  --no-openmp                do not build the OpenMP runtime for the policy (manyguard openmp)
  --jobs N                   parallel make jobs (default: the number of CPUs)
USAGE
}
die() { echo "$me: error: $*" >&2; exit 1; }
say() { echo "$me: $*"; }

src=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local
cc=${MANYGUARD_CC:-gcc}
cxx=${MANYGUARD_CXX:-g++}
policy=${MANYGUARD_POLICY:-manylinux_2_28}
baseline=${MANYGUARD_BASELINE_LIBSTDCXX:-}
baseline_gcc_s=${MANYGUARD_BASELINE_LIBGCC_S:-}
cache=${MANYGUARD_CACHE_DIR:-/var/cache/manyguard}
packages=yes
links=yes
specs=yes
openmp=yes
jobs=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
	case $1 in
	--src|--prefix|--cc|--cxx|--policy|--baseline-libstdcxx|--baseline-libgcc-s|--cache-dir|--jobs)
		[ $# -ge 2 ] || die "$1 needs a value"
		case $1 in
		--src) src=$2 ;;
		--prefix) prefix=$2 ;;
		--cc) cc=$2 ;;
		--cxx) cxx=$2 ;;
		--policy) policy=$2 ;;
		--baseline-libstdcxx) baseline=$2 ;;
		--baseline-libgcc-s) baseline_gcc_s=$2 ;;
		--cache-dir) cache=$2 ;;
		--jobs) jobs=$2 ;;
		esac
		shift 2 ;;
	--no-packages) packages=no; shift ;;
	--no-compiler-links) links=no; shift ;;
	--no-specs) specs=no; shift ;;
	--no-openmp) openmp=no; shift ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; die "unknown option '$1'" ;;
	esac
done
[ "$(id -u)" = 0 ] || die "run as root: it installs packages and writes $prefix"
[ -f "$src/configure.ac" ] && [ -f "$src/wrappers/cc/cc_main.c" ] ||
	die "$src is not a manyguard source tree (no configure.ac, wrappers/cc/cc_main.c)"
[ -f "$src/policy/$policy.json" ] || die "no policy '$policy' in $src/policy"
[ -z "$baseline" ] || [ -f "$baseline" ] || die "baseline $baseline does not exist"
[ -z "$baseline_gcc_s" ] || [ -f "$baseline_gcc_s" ] || die "baseline $baseline_gcc_s does not exist"

work=$(mktemp -d "${TMPDIR:-/tmp}/manyguard-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# --- packages ---------------------------------------------------------------
# The packages of LIST (one argument each) that are not installed.
missing_deb() {
	for p; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || echo "$p"
	done
}
missing_rpm() {
	for p; do rpm -q "$p" >/dev/null 2>&1 || echo "$p"; done
}
# install_missing PACKAGE...: installs those not yet installed, so a second
# run neither needs the network nor changes anything.
install_missing() {
	if command -v apt-get >/dev/null 2>&1; then
		need=$(missing_deb "$@")
		[ -n "$need" ] || return 0
		say "installing with apt-get:" $need
		DEBIAN_FRONTEND=noninteractive apt-get update -q >"$work/apt-update.log" 2>&1 ||
			{ cat "$work/apt-update.log" >&2; die "apt-get update failed"; }
		# shellcheck disable=SC2086 # one package per word
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
	elif command -v dnf >/dev/null 2>&1; then
		need=$(missing_rpm "$@")
		[ -n "$need" ] || return 0
		say "installing with dnf:" $need
		# The -devel packages of AlmaLinux/RHEL 8 are split between AppStream
		# and PowerTools; the manylinux image does not enable the latter.
		# shellcheck disable=SC2086
		dnf install -y -q --enablerepo=powertools $need
	else
		die "neither apt-get nor dnf found: install the build dependencies by hand and use --no-packages"
	fi
}

# The GCC major of the real C++ compiler, and its plugin-headers package.
gcc_major() { "$cxx" -dumpversion 2>/dev/null | sed 's/\..*//'; }
plugin_package() {
	major=$1
	if command -v apt-get >/dev/null 2>&1; then
		echo "gcc-$major-plugin-dev"
	else
		# gcc-toolset-N's compiler lives under /opt/rh/gcc-toolset-N.
		real=$(readlink -f "$(command -v "$cxx")")
		case $real in
		/opt/rh/gcc-toolset-*) t=${real#/opt/rh/gcc-toolset-}; echo "gcc-toolset-${t%%/*}-gcc-plugin-devel" ;;
		*) echo gcc-plugin-devel ;;
		esac
	fi
}

if [ $packages = yes ]; then
	if command -v apt-get >/dev/null 2>&1; then
		# A versioned real compiler (g++-12) is its own package; g++ pulls
		# in gcc and the default one.
		case ${cxx##*/} in
		g++-[0-9]*) install_missing "${cxx##*/}" ;;
		esac
		install_missing make autoconf automake pkg-config gcc g++ libc6-dev \
			libelf-dev libzstd-dev libjansson-dev libiberty-dev libzip-dev
		# manyguard openmp fetches the compiler's source package
		# (dpkg-source) and unpacks its .tar.xz.
		[ $openmp = no ] || install_missing dpkg-dev xz-utils
	else
		# The real compiler (gcc-toolset-N) is the image's own.
		install_missing make autoconf automake pkgconf-pkg-config \
			elfutils-libelf-devel libzstd-devel jansson-devel libzip-devel binutils-devel
	fi
fi
command -v "$cxx" >/dev/null 2>&1 || die "the real C++ compiler '$cxx' is not installed"
command -v "$cc" >/dev/null 2>&1 || die "the real C compiler '$cc' is not installed"
major=$(gcc_major)
case $("$cxx" --version 2>/dev/null | head -n 1) in
*clang*) plugin_pkg= ;;     # clang takes no GCC plugin
*) [ -n "$major" ] || die "'$cxx -dumpversion' printed nothing"; plugin_pkg=$(plugin_package "$major") ;;
esac
[ $packages = no ] || [ -z "$plugin_pkg" ] || install_missing "$plugin_pkg"

# --- build --------------------------------------------------------------------
# manyguard itself links system libraries (libelf, libzstd, ...) that no
# wheel policy allows: a real compiler that already has manyguard's default
# specs from an earlier run would refuse to build it.  They come off for the
# build and go back on in the specs pass.
specs_file=$("$cxx" -print-file-name=specs 2>/dev/null || true)
if [ -f "$specs_file" ] && head -n 1 "$specs_file" | grep -q '^# manyguard default specs'; then
	say "removing manyguard's default specs from $cxx for the build"
	"$prefix/bin/manyguard" specs uninstall --gcc "$cxx" ||
		die "cannot remove manyguard's default specs ($specs_file) for the build"
fi
# A git checkout without generated files is copied and autoreconf'ed in the
# temporary directory; a release tarball or a prepared tree builds as is.
tree=$src
if [ ! -x "$src/configure" ]; then
	command -v autoreconf >/dev/null 2>&1 || die "$src has no configure and autoreconf is missing"
	say "no $src/configure: generating it in a copy"
	mkdir "$work/src"
	# Build trees (a directory with config.status) are not part of the source.
	builds=$(cd "$src" && for d in */config.status; do [ -f "$d" ] && echo "--exclude=./${d%/*}"; done)
	# shellcheck disable=SC2086 # one option per word
	(cd "$src" && tar -cf - $builds --exclude=./.git .) | (cd "$work/src" && tar -xf -)
	(cd "$work/src" && autoreconf -fi) >"$work/autoreconf.log" 2>&1 ||
		{ cat "$work/autoreconf.log" >&2; die "autoreconf failed"; }
	tree=$work/src
fi
# RHEL's binutils-devel has libiberty.h directly in /usr/include, where
# Debian (and configure) expect <libiberty/libiberty.h>.
cppflags=
if [ ! -f /usr/include/libiberty/libiberty.h ] && [ -f /usr/include/libiberty.h ]; then
	mkdir "$work/include" && ln -s /usr/include "$work/include/libiberty"
	cppflags=-I$work/include
fi
mkdir "$work/build"
say "building in $work/build with CC=$cc CXX=$cxx"
(cd "$work/build" && "$tree/configure" -q --prefix="$prefix" CC="$cc" CXX="$cxx" \
	${cppflags:+CPPFLAGS="$cppflags"} && make -j"$jobs" && make install) \
	>"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; die "build failed (configure, make or make install)"; }
mg=$prefix/bin/manyguard
[ -x "$mg" ] && [ -x "$prefix/bin/manyguard-cc" ] && [ -x "$prefix/bin/manyguard-c++" ] ||
	die "make install did not install manyguard, manyguard-cc, manyguard-c++ into $prefix/bin"
say "installed $("$mg" --version) into $prefix"

# --- runtime --------------------------------------------------------------------
# Any user may build in the image: the cache is shared like /tmp, and
# entries created here are readable by all.
mkdir -p "$cache/runtime" "$cache/glibc" "$cache/compilers" "$cache/openmp"
chmod 1777 "$cache" "$cache/runtime" "$cache/glibc" "$cache/compilers" "$cache/openmp"
cat >"$work/probe.cc" <<'CC'
#include <charconv>
#include <string>
// std::to_chars(double) is newer than every manylinux baseline: the link
// needs the split runtime to meet the policy.
std::string mg_probe(double v)
{
	char buf[32];
	auto r = std::to_chars(buf, buf + sizeof buf, v);
	return std::string(buf, r.ptr);
}
CC
(
	export MANYGUARD_CC="$cc" MANYGUARD_CXX="$cxx" MANYGUARD_POLICY="$policy" MANYGUARD_CACHE_DIR="$cache"
	if [ -n "$baseline" ]; then export MANYGUARD_BASELINE_LIBSTDCXX="$baseline"; fi
	if [ -n "$baseline_gcc_s" ]; then export MANYGUARD_BASELINE_LIBGCC_S="$baseline_gcc_s"; fi
	# The glibc directory too, unless the image switched it off.
	export MANYGUARD_GLIBC="${MANYGUARD_GLIBC:-on}"
	"$prefix/bin/manyguard-c++" -std=c++17 -shared -fPIC -O2 -o "$work/probe.so" "$work/probe.cc"
) || die "the first link through $prefix/bin/manyguard-c++ failed (compiler $cxx, policy $policy)"
chmod -R a+rX "$cache"
say "runtime directory ready in $cache/runtime for $cxx, policy $policy${baseline:+, baseline $baseline}"
# The glibc directory the link made (the newest for the policy: an earlier
# compiler's may be there too); none when the compiler's glibc is not newer
# than the policy's, or the image switched it off.
glibc_dir=
for d in $(ls -td "$cache/glibc/$policy"-*/ 2>/dev/null); do
	[ -f "$d/libc.so" ] && glibc_dir=${d%/} && break
done
if [ -n "$glibc_dir" ]; then
	say "glibc directory ready in $glibc_dir: links bind to the policy's glibc"
else
	say "no glibc directory: links bind to the compiler's own glibc (not newer than $policy's, or MANYGUARD_GLIBC=off)"
fi

# --- openmp ---------------------------------------------------------------------
# -fopenmp links through the wrappers bind to the OpenMP runtime built for
# the policy in the cache, when there is one (docs/openmp.md); without it
# they bind to the compiler's libgomp.so.1, which needs this system's glibc.
# Built against the glibc directory's stubs (or, where the compiler's glibc
# is not newer than the policy's, against it), from the compiler's Debian
# source package, fetched into the temporary directory and removed with it.
omp_env() {
	env MANYGUARD_POLICY="$policy" MANYGUARD_CACHE_DIR="$cache" "$mg" openmp --policy "$policy" --cc "$cc" "$@"
}
if [ $openmp = no ]; then
	say "OpenMP runtime not built (--no-openmp): -fopenmp links bind to $cc's libgomp"
elif [ -z "$plugin_pkg" ]; then
	say "OpenMP runtime not built: $cxx is not GCC (clang's -fopenmp links LLVM's libomp)"
elif omp_dir=$(omp_env --print-dir) && omp_env --check "$omp_dir" >/dev/null 2>&1; then
	say "OpenMP runtime already built in $omp_dir"
elif ! command -v apt-get >/dev/null 2>&1; then
	say "OpenMP runtime not built: manyguard openmp takes the compiler's source from Debian's archive (apt); -fopenmp links bind to $cc's libgomp"
else
	say "building the OpenMP runtime for $policy (manyguard openmp: the gcc-$major source package, libgomp)"
	omp_env --fetch --source "$work/openmp-source" -j "$jobs" ${glibc_dir:+--glibc-dir "$glibc_dir"} \
		>"$work/openmp.log" 2>&1 ||
		{ tail -n 20 "$work/openmp.log" >&2; die "manyguard openmp failed (--no-openmp builds the image without it)"; }
	omp_dir=$(omp_env --print-dir)
	chmod -R a+rX "$cache"
	say "OpenMP runtime ready in $omp_dir"
fi
# A runtime in the cache must be what -fopenmp links bind to.
if [ -n "${omp_dir:-}" ] && omp_env --check "$omp_dir" >/dev/null 2>&1; then
	printf '#include <omp.h>\nint mg_probe_threads(void) { return omp_get_max_threads(); }\n' >"$work/probe-omp.c"
	env MANYGUARD_CC="$cc" MANYGUARD_POLICY="$policy" MANYGUARD_CACHE_DIR="$cache" \
		"$prefix/bin/manyguard-cc" -fopenmp -shared -fPIC -o "$work/probe-omp.so" "$work/probe-omp.c" ||
		die "an OpenMP link through $prefix/bin/manyguard-cc failed (compiler $cc, policy $policy)"
	readelf -d "$work/probe-omp.so" | grep -q 'NEEDED.*\[libgomp-manyguard\.so\.1\]' ||
		die "an OpenMP link through $prefix/bin/manyguard-cc does not bind to $omp_dir/libgomp-manyguard.so.1"
	say "-fopenmp links through the wrappers bind to $omp_dir/libgomp-manyguard.so.1"
fi

# --- specs ----------------------------------------------------------------------
if [ $specs = no ]; then
	say "default specs not installed (--no-specs)"
elif "$mg" specs --help >/dev/null 2>&1; then
	"$mg" specs install --gcc "$cxx" --policy "$policy" ||
		die "manyguard specs install --gcc $cxx --policy $policy failed"
	# An image whose compiler cannot compile any more must not be built.
	"$cxx" -std=c++17 -shared -fPIC -O2 -o "$work/probe-specs.so" "$work/probe.cc" ||
		die "$cxx fails with manyguard's default specs; 'manyguard specs uninstall --gcc $cxx' restores it"
	say "default specs installed for $cxx"
else
	say "this manyguard has no 'specs' command: default specs not installed"
fi

# --- compilers ------------------------------------------------------------------
if [ $links = yes ]; then
	ln -sf manyguard-cc "$prefix/bin/cc"
	ln -sf manyguard-c++ "$prefix/bin/c++"
	say "$prefix/bin/cc and $prefix/bin/c++ are the wrappers"
fi
# Containers get these settings from their ENV lines; login shells of a
# chroot or VM from here.
if [ -d /etc/profile.d ]; then
	{
		echo "# Written by manyguard's containers/install.sh: this system's toolchain."
		echo "export CC=manyguard-cc CXX=manyguard-c++"
		echo "export MANYGUARD_CC='$cc' MANYGUARD_CXX='$cxx' MANYGUARD_POLICY='$policy'"
		echo "export MANYGUARD_CACHE_DIR='$cache'"
		[ -z "$baseline" ] || echo "export MANYGUARD_BASELINE_LIBSTDCXX='$baseline'"
		[ -z "$baseline_gcc_s" ] || echo "export MANYGUARD_BASELINE_LIBGCC_S='$baseline_gcc_s'"
	} >/etc/profile.d/manyguard.sh.tmp && mv /etc/profile.d/manyguard.sh.tmp /etc/profile.d/manyguard.sh
fi
say "done: CC=manyguard-cc CXX=manyguard-c++ MANYGUARD_CC=$cc MANYGUARD_CXX=$cxx MANYGUARD_POLICY=$policy MANYGUARD_CACHE_DIR=$cache"

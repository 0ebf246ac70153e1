# Shared setup of the plugin_*.sh tests (sourced after tests/lib.sh).
# Sets: plugin (the loader), fixtures, mg (the manyguard tool), compilers
# (one "g++-N" per plugin build, the configured GCC first), and, per
# compiler, a runtime directory $tmp/rtN made by `manyguard nonshared`.
plugin="$top_builddir/gcc-plugin/manyguard.so"
fixtures="$top_srcdir/tests/plugin"
mg="$top_builddir/tools/manyguard"
# GCC quotes with ' ' in the C locale: the messages below are asserted byte for byte.
LC_ALL=C
export LC_ALL
if [ ! -f "$plugin" ]; then
	skip "the GCC plugin is not built: configure found no GCC plugin headers (gcc-N-plugin-dev)"
	done_testing
	exit 0
fi
mg_tmpdir
compilers=
for impl in "$top_builddir"/gcc-plugin/manyguard-gcc*.so; do
	major=${impl##*/manyguard-gcc}
	major=${major%.so}
	if command -v "g++-$major" >/dev/null 2>&1; then
		compilers="$compilers g++-$major"
	else
		diag "plugin built for GCC $major but g++-$major is not on PATH"
	fi
done
[ -n "$compilers" ] || bail "no compiler found for the plugin builds in $top_builddir/gcc-plugin"

# major CXX: the GCC major of CXX.
major() { "$1" -dumpversion | sed 's/\..*//'; }

# runtime CXX: $tmp/rtN, the manylinux_2_28 runtime directory of CXX.
runtime() {
	rt="$tmp/rt$(major "$1")"
	[ -f "$rt/newer-symbols.txt" ] ||
		"$mg" nonshared --cxx "$1" --policy manylinux_2_28 -o "$rt" >/dev/null ||
		bail "manyguard nonshared --cxx $1 failed"
}

# The plugin options for CXX's runtime directory, baseline manylinux_2_28.
plugin_flags() {
	runtime "$1"
	echo "-fplugin=$plugin -fplugin-arg-manyguard-symbols=$rt/newer-symbols.txt -fplugin-arg-manyguard-baseline=manylinux_2_28"
}

# The fixtures are compiled from $tmp so that diagnostics say "uses.cc:14:31".
cp "$fixtures"/uses.cc "$fixtures"/removed.h "$fixtures"/flags.cc "$fixtures"/openmp.c \
	"$fixtures"/main.cc "$tmp"/ || bail "cannot copy the fixtures"
cd "$tmp" || bail "cd $tmp"

#!/bin/sh
# The plugin next to another plugin (loaded before and after it), and its
# version check: a build for one GCC major refuses to run in another with a
# clear message, both through the loader and loaded directly.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/integration/plugin_lib.sh"
dump="$top_builddir/tests/unit/objnotes_dump"

for cxx in $compilers; do
	n=$(major "$cxx")
	runtime "$cxx"
	flags=$(plugin_flags "$cxx")
	pdir=$("$cxx" -print-file-name=plugin)
	"$cxx" -shared -fPIC -fno-rtti -O1 -I"$pdir/include" -o second.so "$fixtures/second.cc" 2>second.err ||
		{ sed 's/^/# /' second.err; bail "$cxx cannot build the second plugin"; }
	# shellcheck disable=SC2086
	"$cxx" -std=c++20 -O2 -c uses.cc -o alone.o $flags -fplugin-arg-manyguard-report 2>alone.err
	"$dump" alone.o >alone.notes
	for order in before after; do
		if [ $order = before ]; then
			# shellcheck disable=SC2086
			"$cxx" -std=c++20 -O2 -c uses.cc -o both.o -fplugin=./second.so $flags -fplugin-arg-manyguard-report 2>both.err
		else
			# shellcheck disable=SC2086
			"$cxx" -std=c++20 -O2 -c uses.cc -o both.o $flags -fplugin-arg-manyguard-report -fplugin=./second.so 2>both.err
		fi
		check "$cxx, second plugin loaded $order: compiles" test $? -eq 0
		check "$cxx, second plugin $order: the same notes as alone" sh -c "$dump both.o | cmp -s - alone.notes"
		check "$cxx, second plugin $order: the same diagnostics as alone" cmp -s both.err alone.err
		check "$cxx, second plugin $order: its section is there too (it counted uses.cc's functions)" \
			sh -c "$READELF -p .second_plugin both.o | grep -qE 'functions=[1-9]'"
	done

	# A build for another major, loaded directly into this GCC.
	full=$("$cxx" -dumpfullversion)
	for impl in "$top_builddir"/gcc-plugin/manyguard-gcc*.so; do
		case $impl in *"manyguard-gcc$n.so") continue ;; esac
		other=${impl##*/manyguard-gcc}
		other=${other%.so}
		"$cxx" -c flags.cc -o wrong.o "-fplugin=$impl" 2>wrong.err
		rc=$?
		# Either our check speaks, or (when GCC's internals differ too much)
		# the dynamic linker refuses before it can; never a crash or a load.
		if grep -qxF "cc1plus: error: the manyguard plugin '$impl' was built for GCC $other and cannot run in GCC $full; use the manyguard.so of this installation, or rebuild manyguard with the plugin headers of GCC $n (gcc-$n-plugin-dev)" wrong.err; then
			ok "$cxx: the GCC $other build refuses to run in GCC $full, saying why"
		else
			check "$cxx: the GCC $other build fails to load into GCC $full" grep -qF "cannot load plugin" wrong.err
			sed 's/^/# /' wrong.err
		fi
		check "$cxx: ... and the compiler fails without an object" sh -c "[ $rc -ne 0 ] && ! [ -e wrong.o ]"
	done
	# The loader without a build for this major.
	mkdir -p only && cp "$plugin" only/manyguard.so
	"$cxx" -c flags.cc -o wrong.o -fplugin=only/manyguard.so 2>wrong.err
	rc=$?
	check "$cxx: the loader without a build for GCC $n says so" grep -qE \
		"^cc1plus: error: manyguard plugin: not built for GCC $full \\(this installation has builds for GCC [0-9 ]+\\); rebuild manyguard with that compiler's plugin headers, or use a compiler it was built for \\(only/manyguard-gcc$n.so is missing\\)\$" wrong.err
	check "$cxx: ... and GCC stops" sh -c "[ $rc -ne 0 ] && grep -qF 'failed to initialize plugin' wrong.err"
	rm -rf only
done
done_testing

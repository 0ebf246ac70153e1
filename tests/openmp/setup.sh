# The preamble of the tests/integration/openmp_*.sh tests, in one place.
# Source it after tests/lib.sh, then call
#
#   openmp_test_setup [build-tree] [source-only] [python] [pip] [patchelf]
#
# which makes the scratch directory, sources the glibc 2.17, OpenMP runtime
# (tests/fixtures/openmp.sh: openmp_source, openmp_rt) and audit fixtures,
# sets mg, cc_w, cxx_w (the build tree's programs) and READELF, and changes
# into $tmp.  A fixture that cannot be had ends the test there, said once
# (TAP skip lines name what is missing):
#   build-tree   the build tree's wrappers, with a private cache (use_build_tree)
#   source-only  the test builds its runtimes itself: only the libgomp
#                source tree is needed, not the fixture's runtime
#   python       sets py: a python3 with Python.h and pip (extensions to
#                build, wheels to install)
#   pip          ... and with setuptools and wheel (`pip wheel` of the demo)
#   patchelf     patchelf on PATH (copies vendored as auditwheel does)

# openmp_test_end: the TAP plan, and the end of the test.
openmp_test_end() {
	done_testing
	exit
}

# openmp_python MODULES...: the first python3 that has Python.h and imports
# MODULES, in that order (pip before setuptools breaks setuptools' import).
openmp_python() {
	_imports=$(printf 'import os, sysconfig'; for _m in "$@"; do printf ', %s' "$_m"; done)
	for _cand in "${PYTHON3:-}" python3 /usr/bin/python3; do
		[ -n "$_cand" ] || continue
		if "$_cand" -c "$_imports
assert os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h'))" 2>/dev/null; then
			echo "$_cand"
			return 0
		fi
	done
	return 1
}

openmp_test_setup() {
	mg_tmpdir
	_source_only=
	for _need in "$@"; do
		case $_need in
		build-tree) use_build_tree ;;
		source-only) _source_only=yes ;;
		python | pip | patchelf) ;;
		*) bail "openmp_test_setup: unknown need '$_need'" ;;
		esac
	done
	. "$top_srcdir/tests/fixtures/glibc217.sh"
	. "$top_srcdir/tests/fixtures/openmp.sh"
	. "$top_srcdir/tests/audit/fixtures.sh"
	mg="$top_builddir/tools/manyguard"
	cc_w="$top_builddir/wrappers/manyguard-cc"
	cxx_w="$top_builddir/wrappers/manyguard-c++"
	READELF=${READELF:-readelf}
	if [ -n "$_source_only" ]; then
		if [ -z "$openmp_source" ] || [ ! -d "$openmp_source" ]; then
			openmp_unavailable
			openmp_test_end
		fi
	elif [ -n "$openmp_missing" ]; then
		openmp_unavailable
		openmp_test_end
	fi
	for _need in "$@"; do
		case $_need in
		python)
			py=$(openmp_python pip) ||
				{ skip "no python3 with Python.h and pip"; openmp_test_end; } ;;
		pip)
			py=$(openmp_python setuptools wheel pip) ||
				{ skip "no python3 with pip, setuptools, wheel and Python.h"; openmp_test_end; } ;;
		patchelf)
			command -v patchelf >/dev/null || { skip "no patchelf"; openmp_test_end; } ;;
		esac
	done
	cd "$tmp" || bail "cd $tmp"
}

# The facts the tests read off ELF files with readelf.
# openmp_needed FILE: its NEEDED entries, on one line.
openmp_needed() {
	"$READELF" -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' '
}
# openmp_exports FILE: the symbols it defines, with their versions, sorted.
openmp_exports() {
	"$READELF" -W --dyn-syms "$1" | awk '$5 != "LOCAL" && $7 != "UND" { print $8 }' | sort
}
# openmp_glibc_max FILE|DIR: the highest GLIBC version it (any .so under DIR) needs.
openmp_glibc_max() {
	if [ -d "$1" ]; then
		find "$1" -type f -name '*.so*' -exec "$READELF" -V {} +
	else
		"$READELF" -V "$1"
	fi | sed -n 's/.*Name: \(GLIBC_[0-9.]*\).*/\1/p' | sort -uV | tail -n 1
}
# openmp_within VERSION CAP: VERSION (GLIBC_2.14) is not above CAP.
openmp_within() {
	[ -n "$1" ] && [ "$(printf '%s\n' "$1" "$2" | sort -V | tail -n 1)" = "$2" ]
}

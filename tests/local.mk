# What the tests share (tests/lib.sh, the TAP helpers) and the inputs the
# integration tests and scenarios build from, one folder per subject.
EXTRA_DIST += %reldir%/lib.sh %reldir%/audit %reldir%/containers %reldir%/glibc %reldir%/manifest \
	%reldir%/nonshared %reldir%/plugin %reldir%/recipes %reldir%/specs %reldir%/wrappers \
	%reldir%/fixtures/bullseye.sh %reldir%/fixtures/common.sh %reldir%/fixtures/chroot.sh \
	%reldir%/fixtures/glibc217.sh %reldir%/fixtures/dlopen_call.c %reldir%/fixtures/zig.sh \
	%reldir%/fixtures/bullseye_root.sh %reldir%/fixtures/probe %reldir%/fixtures/openmp.sh \
	%reldir%/openmp

# The fixture cache's fallback inside the build tree (when the user's cache
# cannot be written; docs/testing.md), and the bullseye runtime scripts/demo
# and bench/nonshared fetch into the build tree, stay between `make check`
# runs; distclean removes them.
distclean-local: distclean-fixtures
distclean-fixtures:
	rm -rf tests/fixtures/cache tests/fixtures/bullseye tests/fixtures/bullseye.lock
.PHONY: distclean-fixtures

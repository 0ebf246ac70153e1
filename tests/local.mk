# What the tests share (tests/lib.sh, the TAP helpers) and the inputs the
# integration tests and scenarios build from, one folder per subject.
EXTRA_DIST += %reldir%/lib.sh %reldir%/audit %reldir%/containers %reldir%/manifest \
	%reldir%/nonshared %reldir%/plugin %reldir%/recipes %reldir%/specs %reldir%/wrappers \
	%reldir%/fixtures/bullseye.sh

# The fetched fixture stays between `make check` runs; distclean removes it.
distclean-local: distclean-fixtures
distclean-fixtures:
	rm -rf tests/fixtures/bullseye tests/fixtures/bullseye.lock
.PHONY: distclean-fixtures

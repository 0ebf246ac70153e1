# containers: the toolchain images (containers/), the build-system recipes
# (integration/) and their tests.  No container engine runs here: the
# Debian image's install is tested in a debootstrapped chroot (root only),
# the Containerfiles and cibuildwheel configurations by lint, and each
# recipe by building a real project through the wrappers.

# The recipes are installed where the CMake toolchain file finds the
# wrappers relative to itself (PREFIX/share/manyguard/integration -> PREFIX/bin).
integrationdir = $(pkgdatadir)/integration
dist_integration_DATA = integration/manyguard.cmake integration/manyguard-native.ini
dist_doc_DATA += docs/integration.md

CONTAINERS_IT = tests/integration/containers_lint.sh \
	tests/integration/containers_cibuildwheel.sh \
	tests/integration/containers_chroot.sh \
	tests/integration/recipes_cmake.sh \
	tests/integration/recipes_meson.sh \
	tests/integration/recipes_autotools.sh \
	tests/integration/recipes_pip.sh
TESTS += $(CONTAINERS_IT)
EXTRA_DIST += $(CONTAINERS_IT) containers .containerignore docs/examples \
	tests/containers tests/recipes

# The build-system recipes, installed where the CMake toolchain file finds
# the wrappers relative to itself (PREFIX/share/manyguard/integration ->
# PREFIX/bin).
integrationdir = $(pkgdatadir)/integration
dist_integration_DATA = %reldir%/manyguard.cmake %reldir%/manyguard-native.ini

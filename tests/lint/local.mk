# Checks of the source tree itself: the folders use each other only as the
# map in docs/library.md allows, and library code never prints.
TESTS += %reldir%/layers.sh
EXTRA_DIST += %reldir%/layers.sh

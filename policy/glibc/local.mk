# The glibc ABI table (docs/glibc-table.md): per-release symbol tables of
# glibc's libraries, generated from glibc's git by generate (not run by the
# build: the tables are committed), and the query tool.
glibctabledir = $(pkgdatadir)/policy/glibc
dist_glibctable_DATA = %reldir%/x86_64.abi %reldir%/aarch64.abi
EXTRA_DIST += %reldir%/generate %reldir%/query %reldir%/glibc_abi.py

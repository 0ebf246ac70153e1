# lib/libmanyguard.a: the library, one folder per layer (docs/library.md);
# each folder's local.mk adds its sources.
noinst_LIBRARIES += lib/libmanyguard.a
lib_libmanyguard_a_SOURCES =
# Programs find the installed policies and glibc shims without being told where.
lib_libmanyguard_a_CPPFLAGS = $(AM_CPPFLAGS) -DMG_POLICY_DIR='"$(policydir)"' \
	-DMG_SHIM_DIR='"$(pkglibdir)/shims"'

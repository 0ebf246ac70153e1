# GCC specs that make gcc/g++ themselves follow manyguard's rules and load
# its plugin (docs/specs.md).  manyguard.specs.in is rendered twice:
# specs/manyguard.specs with the build tree's paths (the tests; the
# wrappers and `manyguard specs` run from the build tree) and
# specs/install/manyguard.specs with the installed ones, installed as
# $(pkgdatadir)/manyguard.specs.  Without a plugin build the specs load none.
if BUILD_GCC_PLUGIN
specs_plugin_build = -fplugin=$(abs_top_builddir)/gcc-plugin/manyguard.so %(manyguard_plugin_args)
specs_plugin_install = -fplugin=$(pkglibdir)/gcc-plugin/manyguard.so %(manyguard_plugin_args)
else
specs_plugin_build =
specs_plugin_install =
endif
specs/manyguard.specs: $(srcdir)/%reldir%/manyguard.specs.in Makefile
	@$(MKDIR_P) specs
	$(AM_V_GEN)$(SED) -e 's|@MG_PLUGIN_OPTS@|$(specs_plugin_build)|' \
		-e 's|@MG_LINKER_DIR@|$(abs_top_builddir)/wrappers/bin|' \
		$(srcdir)/%reldir%/manyguard.specs.in >$@.tmp && mv $@.tmp $@
specs/install/manyguard.specs: $(srcdir)/%reldir%/manyguard.specs.in Makefile
	@$(MKDIR_P) specs/install
	$(AM_V_GEN)$(SED) -e 's|@MG_PLUGIN_OPTS@|$(specs_plugin_install)|' \
		-e 's|@MG_LINKER_DIR@|$(pkglibexecdir)/bin|' \
		$(srcdir)/%reldir%/manyguard.specs.in >$@.tmp && mv $@.tmp $@

all-local: specs/manyguard.specs
specsdir = $(pkgdatadir)
specs_DATA = specs/install/manyguard.specs
CLEANFILES += specs/manyguard.specs specs/install/manyguard.specs
EXTRA_DIST += %reldir%/manyguard.specs.in

# The wrappers pass the specs (and the plugin) to GCC; `manyguard specs`
# installs them as a compiler's default specs (wrappers/cc/local.mk,
# tools/local.mk).
specs_paths = -DMG_SPECS_FILE='"$(pkgdatadir)/manyguard.specs"' \
	-DMG_PLUGIN_DIR='"$(pkglibdir)/gcc-plugin"'

# Every test that runs the build tree's wrappers gives GCC the build tree's
# specs and plugin, as it gets the build tree's policies.
AM_TESTS_ENVIRONMENT += \
	MANYGUARD_SPECS='$(abs_top_builddir)/specs/manyguard.specs'; export MANYGUARD_SPECS; \
	MANYGUARD_PLUGIN_DIR='$(abs_top_builddir)/gcc-plugin'; export MANYGUARD_PLUGIN_DIR;


# The build-system recipes (docs/integration.md).  Each names the wrappers
# by their path and is rendered twice from its .in file, like the specs:
# integration/NAME with the build tree's wrappers (the tests) and
# integration/install/NAME with $(bindir)'s, installed as
# $(pkgdatadir)/integration/NAME; manyguard-icecc-env, a program, goes to
# $(bindir).
integration_recipes = manyguard.cmake manyguard-native.ini config.site manyguard-icecc-env
integration_build = $(integration_recipes:%=integration/%)
integration_install = $(integration_recipes:%=integration/install/%)
$(integration_build): integration/%: $(srcdir)/%reldir%/%.in Makefile
	@$(MKDIR_P) integration
	$(AM_V_GEN)$(SED) -e 's|@MG_BINDIR@|$(abs_top_builddir)/wrappers|g' \
		$(srcdir)/%reldir%/$*.in >$@.tmp && chmod --reference=$(srcdir)/%reldir%/$*.in $@.tmp && \
		mv $@.tmp $@
$(integration_install): integration/install/%: $(srcdir)/%reldir%/%.in Makefile
	@$(MKDIR_P) integration/install
	$(AM_V_GEN)$(SED) -e 's|@MG_BINDIR@|$(bindir)|g' \
		$(srcdir)/%reldir%/$*.in >$@.tmp && chmod --reference=$(srcdir)/%reldir%/$*.in $@.tmp && \
		mv $@.tmp $@

all-local: $(integration_build)
integrationdir = $(pkgdatadir)/integration
integration_DATA = integration/install/manyguard.cmake integration/install/manyguard-native.ini \
	integration/install/config.site
bin_SCRIPTS = integration/install/manyguard-icecc-env
CLEANFILES += $(integration_build) $(integration_install)
EXTRA_DIST += $(integration_recipes:%=%reldir%/%.in)

# manyguard.so (the loader users name with -fplugin=) picks
# manyguard-gccN.so for the GCC major it runs in.  Each manyguard-gccN.so is
# compiled by that GCC against its own plugin headers (GCC's internal C++
# ABI differs between releases), hence the explicit rules: automake has no
# notion of a shared object built by another compiler.  lib/elf/objnotes.c
# reads back the notes the plugin writes.
MG_PLUGIN_SRCS = $(srcdir)/%reldir%/manyguard.cc $(srcdir)/%reldir%/scan.cc \
	$(srcdir)/%reldir%/facts.cc $(srcdir)/%reldir%/notes.cc $(srcdir)/%reldir%/symbols.cc
MG_PLUGIN_HDRS = $(srcdir)/%reldir%/compat.h $(srcdir)/%reldir%/plugin.h \
	$(srcdir)/%reldir%/notes.h $(srcdir)/%reldir%/symbols.h \
	$(srcdir)/lib/elf/objnotes_format.h
EXTRA_DIST += %reldir%/manyguard.cc %reldir%/scan.cc %reldir%/facts.cc %reldir%/notes.cc \
	%reldir%/symbols.cc %reldir%/loader.cc %reldir%/compat.h %reldir%/plugin.h \
	%reldir%/notes.h %reldir%/symbols.h
# GCC is built without RTTI: a plugin with it would need GCC's typeinfo.
# -Werror follows --enable-werror (WARN_CFLAGS holds C-only flags, so it
# cannot be reused for C++).
# The notes' format is lib/elf/objnotes_format.h, included by folder like
# the library does.
PLUGIN_CXXFLAGS = -shared -fPIC -fno-rtti -O2 -g -Wall -Wextra -iquote $(srcdir)/lib \
	-DMG_PLUGIN_VERSION='"$(PACKAGE_VERSION)"'
plugin_werror = `case " $(WARN_CFLAGS) " in *" -Werror "*) echo -Werror;; esac`

if BUILD_GCC_PLUGIN
plugindir = $(pkglibdir)/gcc-plugin
plugin_DATA = %reldir%/manyguard.so %reldir%/manyguard-gcc$(GCC_PLUGIN_MAJOR).so
PLUGIN_MAJORS = $(GCC_PLUGIN_MAJOR)
if BUILD_EXTRA_GCC_PLUGIN
plugin_DATA += %reldir%/manyguard-gcc$(EXTRA_PLUGIN_MAJOR).so
PLUGIN_MAJORS += $(EXTRA_PLUGIN_MAJOR)
%reldir%/manyguard-gcc$(EXTRA_PLUGIN_MAJOR).so: $(MG_PLUGIN_SRCS) $(MG_PLUGIN_HDRS)
	@$(MKDIR_P) %reldir%
	$(AM_V_GEN)$(EXTRA_PLUGIN_CXX) $(PLUGIN_CXXFLAGS) $(plugin_werror) \
		-I$(EXTRA_PLUGIN_DIR)/include -o $@ $(MG_PLUGIN_SRCS)
endif
%reldir%/manyguard-gcc$(GCC_PLUGIN_MAJOR).so: $(MG_PLUGIN_SRCS) $(MG_PLUGIN_HDRS)
	@$(MKDIR_P) %reldir%
	$(AM_V_GEN)$(CXX) $(PLUGIN_CXXFLAGS) $(plugin_werror) \
		-I$(GCC_PLUGIN_DIR)/include -o $@ $(MG_PLUGIN_SRCS)
%reldir%/manyguard.so: $(srcdir)/%reldir%/loader.cc Makefile
	@$(MKDIR_P) %reldir%
	$(AM_V_GEN)$(CXX) $(PLUGIN_CXXFLAGS) $(plugin_werror) -I$(GCC_PLUGIN_DIR)/include \
		-DMG_PLUGIN_MAJORS='"$(PLUGIN_MAJORS)"' -o $@ $(srcdir)/%reldir%/loader.cc
CLEANFILES += $(plugin_DATA)
endif

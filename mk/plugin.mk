# gcc-plugin: manyguard.so (the loader users name with -fplugin=) picks
# manyguard-gccN.so for the GCC major it runs in.  Each manyguard-gccN.so
# is compiled by that GCC against its own plugin headers (GCC's internal
# C++ ABI differs between releases), hence the explicit rules: automake
# has no notion of a shared object built by another compiler.
# lib/objnotes reads the note section back (linker wrapper, manifest).
lib_libmanyguard_a_SOURCES += lib/elf/objnotes.c lib/elf/objnotes.h

check_PROGRAMS += tests/unit/test_objnotes
tests_unit_test_objnotes_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_objnotes_LDADD = $(TAP_LIBS) $(MG_LIBS)
TESTS += tests/unit/test_objnotes

# Prints an object's notes (tests, and the integration test's readelf
# cross-check).
check_PROGRAMS += tests/unit/objnotes_dump
tests_unit_objnotes_dump_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_unit_objnotes_dump_LDADD = $(MG_LIBS)

check_PROGRAMS += tests/fuzz/fuzz_objnotes
tests_fuzz_fuzz_objnotes_SOURCES = tests/fuzz/fuzz_objnotes.c $(FUZZ_MAIN)
tests_fuzz_fuzz_objnotes_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tests_fuzz_fuzz_objnotes_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LINK_FLAGS)
tests_fuzz_fuzz_objnotes_LDADD = $(MG_LIBS)
TESTS += tests/fuzz/objnotes.sh
EXTRA_DIST += tests/fuzz/objnotes.sh tests/fuzz/seeds-objnotes.sh tests/fuzz/corpus/objnotes

MG_PLUGIN_SRCS = $(srcdir)/gcc-plugin/manyguard.cc $(srcdir)/gcc-plugin/scan.cc \
	$(srcdir)/gcc-plugin/facts.cc $(srcdir)/gcc-plugin/notes.cc $(srcdir)/gcc-plugin/symbols.cc
MG_PLUGIN_HDRS = $(srcdir)/gcc-plugin/compat.h $(srcdir)/gcc-plugin/plugin.h \
	$(srcdir)/gcc-plugin/notes.h $(srcdir)/gcc-plugin/symbols.h
EXTRA_DIST += gcc-plugin/manyguard.cc gcc-plugin/scan.cc gcc-plugin/facts.cc \
	gcc-plugin/notes.cc gcc-plugin/symbols.cc gcc-plugin/loader.cc gcc-plugin/compat.h \
	gcc-plugin/plugin.h gcc-plugin/notes.h gcc-plugin/symbols.h
# GCC is built without RTTI: a plugin with it would need GCC's typeinfo.
# -Werror follows --enable-werror (WARN_CFLAGS holds C-only flags, so it
# cannot be reused for C++).
PLUGIN_CXXFLAGS = -shared -fPIC -fno-rtti -O2 -g -Wall -Wextra \
	-DMG_PLUGIN_VERSION='"$(PACKAGE_VERSION)"'
plugin_werror = `case " $(WARN_CFLAGS) " in *" -Werror "*) echo -Werror;; esac`

if BUILD_GCC_PLUGIN
plugindir = $(pkglibdir)/gcc-plugin
plugin_DATA = gcc-plugin/manyguard.so gcc-plugin/manyguard-gcc$(GCC_PLUGIN_MAJOR).so
PLUGIN_MAJORS = $(GCC_PLUGIN_MAJOR)
if BUILD_EXTRA_GCC_PLUGIN
plugin_DATA += gcc-plugin/manyguard-gcc$(EXTRA_PLUGIN_MAJOR).so
PLUGIN_MAJORS += $(EXTRA_PLUGIN_MAJOR)
gcc-plugin/manyguard-gcc$(EXTRA_PLUGIN_MAJOR).so: $(MG_PLUGIN_SRCS) $(MG_PLUGIN_HDRS)
	@$(MKDIR_P) gcc-plugin
	$(AM_V_GEN)$(EXTRA_PLUGIN_CXX) $(PLUGIN_CXXFLAGS) $(plugin_werror) \
		-I$(EXTRA_PLUGIN_DIR)/include -o $@ $(MG_PLUGIN_SRCS)
endif
gcc-plugin/manyguard-gcc$(GCC_PLUGIN_MAJOR).so: $(MG_PLUGIN_SRCS) $(MG_PLUGIN_HDRS)
	@$(MKDIR_P) gcc-plugin
	$(AM_V_GEN)$(CXX) $(PLUGIN_CXXFLAGS) $(plugin_werror) \
		-I$(GCC_PLUGIN_DIR)/include -o $@ $(MG_PLUGIN_SRCS)
gcc-plugin/manyguard.so: $(srcdir)/gcc-plugin/loader.cc Makefile
	@$(MKDIR_P) gcc-plugin
	$(AM_V_GEN)$(CXX) $(PLUGIN_CXXFLAGS) $(plugin_werror) -I$(GCC_PLUGIN_DIR)/include \
		-DMG_PLUGIN_MAJORS='"$(PLUGIN_MAJORS)"' -o $@ $(srcdir)/gcc-plugin/loader.cc
CLEANFILES += $(plugin_DATA)
endif

PLUGIN_IT = tests/integration/plugin_notes.sh tests/integration/plugin_diagnostics.sh \
	tests/integration/plugin_lto.sh tests/integration/plugin_coexist.sh
TESTS += $(PLUGIN_IT)
EXTRA_DIST += $(PLUGIN_IT) tests/integration/plugin_lib.sh tests/plugin bench/plugin
dist_doc_DATA += docs/plugin.md

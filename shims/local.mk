# The glibc shims (docs/glibc-shims.md): target code, one object per
# concern, compiled here for the machine the compiler targets and
# installed as $(pkglibdir)/shims/<arch>/<concern>.o; the runtime directory
# picks from them the members its glibc release lacks
# (lib/rtdir/glibc_shims.c).  They are linked into users' outputs, so they
# get their own flags: position-independent, no stack protector (old glibc
# has __stack_chk_fail, but a shim must not need more than glibc 2.17
# has), no _FORTIFY_SOURCE (its __*_chk calls could be newer), no
# sanitizers, nothing of the user's CFLAGS.  The architecture's directory
# name is the compiler's (`$(CC) -dumpmachine`, up to the first '-').
SHIM_NAMES = start stat mknod fcntl64 single_threaded clockwait reallocarray \
	explicit_bzero getrandom getentropy arc4random gettid sysconf memcmpeq
SHIM_SRCS = $(SHIM_NAMES:%=$(srcdir)/%reldir%/shim_%.c)
SHIM_HDRS = $(srcdir)/%reldir%/shim.h $(srcdir)/%reldir%/shim_x86_64.h \
	$(srcdir)/%reldir%/shim_aarch64.h
SHIM_CFLAGS = -std=gnu11 -D_GNU_SOURCE -U_FORTIFY_SOURCE -fPIC -O2 -fno-stack-protector \
	-fno-sanitize=all $(WARN_CFLAGS)
EXTRA_DIST += $(SHIM_NAMES:%=%reldir%/shim_%.c) %reldir%/shim.h %reldir%/shim_x86_64.h \
	%reldir%/shim_aarch64.h

# shims/arch names the architecture; the objects are made with it.
%reldir%/arch: $(SHIM_SRCS) $(SHIM_HDRS) Makefile
	$(AM_V_GEN)arch=`$(CC) -dumpmachine | sed 's/-.*//'` && \
	$(MKDIR_P) %reldir%/$$arch && \
	for n in $(SHIM_NAMES); do \
		$(CC) $(SHIM_CFLAGS) -c -o %reldir%/$$arch/$$n.o $(srcdir)/%reldir%/shim_$$n.c || exit 1; \
	done && echo $$arch >$@
all-local: %reldir%/arch
check-am: %reldir%/arch

install-data-hook: install-data-shims
install-data-shims: %reldir%/arch
	arch=`cat %reldir%/arch` && $(MKDIR_P) '$(DESTDIR)$(pkglibdir)/shims/'$$arch && \
	for n in $(SHIM_NAMES); do \
		$(INSTALL_DATA) %reldir%/$$arch/$$n.o '$(DESTDIR)$(pkglibdir)/shims/'$$arch/$$n.o || exit 1; \
	done
uninstall-hook: uninstall-shims
uninstall-shims:
	-arch=`cat %reldir%/arch` && for n in $(SHIM_NAMES); do \
		rm -f '$(DESTDIR)$(pkglibdir)/shims/'$$arch/$$n.o; done && \
	rmdir '$(DESTDIR)$(pkglibdir)/shims/'$$arch '$(DESTDIR)$(pkglibdir)/shims' 2>/dev/null
clean-local: clean-shims
clean-shims:
	-arch=`cat %reldir%/arch 2>/dev/null` && [ -n "$$arch" ] && rm -rf %reldir%/$$arch
	rm -f %reldir%/arch
.PHONY: install-data-shims uninstall-shims clean-shims

# The tests (and the wrappers run from the build tree) find them here.
AM_TESTS_ENVIRONMENT += \
	MANYGUARD_SHIM_DIR='$(abs_top_builddir)/%reldir%'; export MANYGUARD_SHIM_DIR;

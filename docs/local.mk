# The documentation, installed in docdir, and the manual pages.
dist_doc_DATA += %reldir%/library.md %reldir%/versions.md %reldir%/policies.md \
	%reldir%/nonshared.md %reldir%/wrappers.md %reldir%/linker.md %reldir%/specs.md \
	%reldir%/plugin.md %reldir%/manifest.md %reldir%/manifest.schema.json %reldir%/audit.md \
	%reldir%/integration.md %reldir%/scenarios.md %reldir%/testing.md %reldir%/glibc-table.md %reldir%/glibc-shims.md \
	%reldir%/openmp.md %reldir%/glibc.md
dist_man1_MANS += %reldir%/man/manyguard-cc.1 %reldir%/man/manyguard-c++.1 \
	%reldir%/man/manyguard-manifest.1 %reldir%/man/manyguard-openmp.1 %reldir%/man/manyguard-glibc.1
EXTRA_DIST += %reldir%/examples

# Integration tests: the real compilers, linkers and programs on real
# inputs, asserting on what a user sees.  Named after what they cover.
INTEGRATION_TESTS = \
	%reldir%/elf_readelf_versions.sh %reldir%/elf_read_all_system.sh \
	%reldir%/elf_edit_classify.sh %reldir%/elf_edit_link.sh %reldir%/elf_edit_libstdcxx.sh \
	%reldir%/archive_gnu.sh %reldir%/archive_link.sh \
	%reldir%/nonshared_corpus.sh %reldir%/nonshared_inputs.sh %reldir%/nonshared_hazard.sh \
	%reldir%/oldcxx_corpus.sh \
	%reldir%/stub.sh %reldir%/show.sh %reldir%/rules_agree.sh %reldir%/tools_special_files.sh \
	%reldir%/wrapper_cc_passthrough.sh %reldir%/wrapper_cc_forbidden.sh \
	%reldir%/wrapper_cc_find.sh %reldir%/wrapper_cc_link.sh %reldir%/wrapper_cc_projects.sh \
	%reldir%/wrapper_cc_parallel.sh %reldir%/wrapper_cc_caches.sh %reldir%/wrapper_cc_cxxflags.sh %reldir%/wrapper_cc_distcc.sh \
	%reldir%/wrapper_cc_icecc.sh %reldir%/wrapper_cc_runtime_digest.sh \
	%reldir%/wrapper_signals.sh \
	%reldir%/wrapper_ld_link.sh %reldir%/wrapper_ld_lto.sh %reldir%/wrapper_ld_reject.sh %reldir%/wrapper_ld_verify.sh \
	%reldir%/glibc_verify.sh \
	%reldir%/plugin_notes.sh %reldir%/plugin_diagnostics.sh %reldir%/plugin_lto.sh \
	%reldir%/plugin_coexist.sh \
	%reldir%/audit_openmp.sh %reldir%/audit_modules.sh %reldir%/audit_env.sh \
	%reldir%/audit_malformed.sh %reldir%/audit_json_names.sh %reldir%/audit_symlinks.sh %reldir%/audit_wheel_memory.sh \
	%reldir%/manifest_content.sh %reldir%/manifest_storage.sh %reldir%/manifest_limits.sh %reldir%/manifest_audit.sh \
	%reldir%/audit_build_tree.sh \
	%reldir%/manifest_names.sh \
	%reldir%/specs_flags.sh %reldir%/specs_install.sh %reldir%/specs_symlinks.sh %reldir%/specs_wrapper.sh \
	%reldir%/specs_glibc.sh \
	%reldir%/containers_lint.sh %reldir%/containers_cibuildwheel.sh \
	%reldir%/containers_chroot.sh %reldir%/containers_podman.sh \
	%reldir%/recipes_cmake.sh %reldir%/recipes_meson.sh %reldir%/recipes_autotools.sh \
	%reldir%/recipes_pip.sh \
	%reldir%/fixtures_runtimes.sh %reldir%/readme_demo.sh %reldir%/glibc_table.sh \
	%reldir%/glibc_abi_reader.sh %reldir%/glibc_shims.sh %reldir%/glibc_stubs.sh %reldir%/glibc_corpus.sh \
	%reldir%/glibc_wrappers.sh %reldir%/glibc_unnamed.sh \
	%reldir%/openmp_runtime.sh %reldir%/openmp_wrappers.sh %reldir%/openmp_shared.sh \
	%reldir%/openmp_demo_wheel.sh %reldir%/openmp_glibc_dir.sh
TESTS += $(INTEGRATION_TESTS)
EXTRA_DIST += $(INTEGRATION_TESTS) %reldir%/plugin_lib.sh %reldir%/daemon_lib.sh

# Lists, checks and rewrites archives through the library (archive_*.sh).
check_PROGRAMS += %reldir%/archive_tool
%canon_reldir%_archive_tool_LDADD = $(MG_LIBS)

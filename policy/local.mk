# The policies (docs/policies.md), installed where programs look for them
# (lib/local.mk passes the directory to the library).
policydir = $(pkgdatadir)/policy
dist_policy_DATA = %reldir%/manylinux_2_17.json %reldir%/manylinux_2_28.json \
	%reldir%/manylinux_2_34.json %reldir%/manylinux_2_35.json

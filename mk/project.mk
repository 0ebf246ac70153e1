# Project-level files: scripts, docs, and helpers for CI.
EXTRA_DIST += quickstart scripts/setup scripts/demo scripts/test-summary \
	scripts/debian-packages.txt scripts/fetch-debian-runtime README.md \
	.ci/run
dist_doc_DATA += docs/library.md

# CI asks for the test list to pick the subset it runs under the sanitizers.
print-tests:
	@echo $(TESTS)
.PHONY: print-tests

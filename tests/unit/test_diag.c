/* Diagnostic formatting, the rule table and MANYGUARD_ALLOW parsing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "tests/unit/tap.h"

static void test_table(void)
{
	static const char *const ids[] = {"static-libstdcxx", "static-openmp", "mixed-openmp",
					  "duplicate-runtime", "symbol-version", "external-lib",
					  "static-runtime-copy", "nonshared-export", "cxx-abi", "relocatability",
					  "shadowed-library", "foreign-machine", "no-policy",
					  "manifest"};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		mg_rule r = mg_rule_lookup(ids[i]);
		const mg_rule_info *info = mg_rule_get(r);
		if (!tap_ok(info != NULL, "rule %s exists", ids[i]))
			continue;
		tap_eq_str(info->id, ids[i], "id round-trips");
		tap_ok(info->why && strlen(info->why) > 20 && !strchr(info->why, '\n'),
		       "%s has a one-line why", ids[i]);
		tap_ok(info->fix && strlen(info->fix) > 10 && !strchr(info->fix, '\n'),
		       "%s has a one-line fix", ids[i]);
	}
	tap_eq_int(MG_RULE_COUNT - 1, 14, "fourteen rules");
	int allowable = 0;
	for (int r = MG_RULE_NONE + 1; r < MG_RULE_COUNT; r++)
		allowable += mg_rule_get((mg_rule)r)->allowable;
	tap_eq_int(allowable, 9, "nine of them judged at build time (MANYGUARD_ALLOW)");
	tap_ok(mg_rule_lookup("static-libstdc++") == MG_RULE_NONE, "unknown id");
	tap_ok(mg_rule_get(MG_RULE_NONE) == NULL, "no info for NONE");
	tap_ok(mg_rule_get(MG_RULE_COUNT) == NULL, "no info past the end");
}

static void test_allow(void)
{
	mg_allow a;
	mg_error err;

	tap_ok(mg_rule_allow_parse(NULL, &a, &err) == 0 && a.bits == 0, "NULL allows nothing");
	tap_ok(mg_rule_allow_parse("", &a, &err) == 0 && a.bits == 0, "empty allows nothing");
	tap_ok(mg_rule_allow_parse("static-libstdcxx", &a, &err) == 0, "one rule");
	tap_ok(mg_rule_allow_has(&a, MG_RULE_STATIC_LIBSTDCXX), "has it");
	tap_ok(!mg_rule_allow_has(&a, MG_RULE_SYMBOL_VERSION), "not another");
	tap_ok(mg_rule_allow_parse(" symbol-version , ,external-lib,", &a, &err) == 0,
	       "spaces and empty items");
	tap_ok(mg_rule_allow_has(&a, MG_RULE_SYMBOL_VERSION) && mg_rule_allow_has(&a, MG_RULE_EXTERNAL_LIB),
	       "both rules");
	tap_ok(!mg_rule_allow_has(&a, MG_RULE_NONE), "NONE is never allowed");

	tap_ok(mg_rule_allow_parse("symbol-version,static-libstdc++", &a, &err) < 0, "unknown id");
	tap_ok(a.bits == 0, "nothing allowed after an error");
	tap_ok(strstr(err.reason, "\"static-libstdc++\"") != NULL, "names the bad id: %s", err.reason);
	tap_ok(strstr(err.reason, "static-libstdcxx") && strstr(err.reason, "nonshared-export"),
	       "lists the valid ones");
	tap_ok(strncmp(err.reason, "MANYGUARD_ALLOW:", 16) == 0, "names the variable");
	tap_ok(!strstr(err.reason, "relocatability"), "... and not the audit's own rules");
	tap_ok(mg_rule_allow_parse("relocatability", &a, &err) < 0 &&
	       strstr(err.reason, "\"relocatability\""),
	       "an audit rule is not one MANYGUARD_ALLOW takes");
	char longid[300];
	memset(longid, 'x', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	tap_ok(mg_rule_allow_parse(longid, &a, &err) < 0, "overlong id is an error");
}

static void test_format(void)
{
	char buf[512];
	mg_diag d = {.program = "manyguard-c++", .severity = MG_SEV_ERROR,
		     .rule = MG_RULE_STATIC_LIBSTDCXX,
		     .message = "-static-libstdc++ is not allowed"};

	size_t n = mg_diag_format(&d, buf, sizeof buf);
	tap_eq_str(buf, "manyguard-c++: error: -static-libstdc++ is not allowed [static-libstdcxx]",
		   "program diagnostic");
	tap_eq_int((long long)n, (long long)strlen(buf), "returns the length");

	mg_diag f = {.file = "src/ext.cc", .line = 12, .col = 3, .severity = MG_SEV_WARNING,
		     .rule = MG_RULE_SYMBOL_VERSION, .message = "std::to_chars needs GLIBCXX_3.4.29"};
	mg_diag_format(&f, buf, sizeof buf);
	tap_eq_str(buf, "src/ext.cc:12:3: warning: std::to_chars needs GLIBCXX_3.4.29 [symbol-version]",
		   "file:line:col");
	f.col = 0;
	mg_diag_format(&f, buf, sizeof buf);
	tap_eq_str(buf, "src/ext.cc:12: warning: std::to_chars needs GLIBCXX_3.4.29 [symbol-version]",
		   "file:line");
	f.line = 0;
	f.severity = MG_SEV_NOTE;
	f.rule = MG_RULE_NONE;
	mg_diag_format(&f, buf, sizeof buf);
	tap_eq_str(buf, "src/ext.cc: note: std::to_chars needs GLIBCXX_3.4.29", "file only, no rule");

	/* Truncation behaves like snprintf. */
	char small[16];
	n = mg_diag_format(&d, small, sizeof small);
	tap_eq_str(small, "manyguard-c++: ", "truncated");
	tap_eq_int((long long)n, 73, "full length reported");
	tap_eq_int((long long)mg_diag_format(&d, NULL, 0), 73, "size query");

	mg_allow a;
	mg_rule_allow_parse("static-libstdcxx", &a, NULL);
	mg_diag e = d;
	tap_ok(mg_diag_apply_allow(&e, &a), "allowed rule downgrades");
	mg_diag_format(&e, buf, sizeof buf);
	tap_eq_str(buf, "manyguard-c++: warning: -static-libstdc++ is not allowed "
		   "[static-libstdcxx; allowed by MANYGUARD_ALLOW]", "downgraded to a warning");
	mg_diag g = d;
	g.rule = MG_RULE_STATIC_OPENMP;
	tap_ok(!mg_diag_apply_allow(&g, &a) && g.severity == MG_SEV_ERROR, "other rules stay errors");
	tap_ok(!mg_diag_apply_allow(&g, NULL), "no allow set");
}

static void test_buffer(void)
{
	mg_diag_buf b = {0};
	mg_diag d = {.program = "manyguard-ld", .severity = MG_SEV_ERROR,
		     .rule = MG_RULE_MIXED_OPENMP, .message = "ext.so links libgomp and libomp"};

	mg_diag_append(&b, &d);
	mg_diag_append_notes(&b, &d);
	const mg_rule_info *info = mg_rule_get(MG_RULE_MIXED_OPENMP);
	char want[2048];
	snprintf(want, sizeof want,
		 "manyguard-ld: error: ext.so links libgomp and libomp [mixed-openmp]\n"
		 "manyguard-ld: note: %s\n"
		 "manyguard-ld: note: fix: %s\n", info->why, info->fix);
	tap_eq_str(b.data, want, "three lines");
	tap_eq_int((long long)b.len, (long long)strlen(want), "length tracked");

	/* Many appends grow the buffer. */
	for (int i = 0; i < 200; i++)
		mg_diag_append(&b, &d);
	tap_eq_int((long long)b.len, (long long)(strlen(want) + 200 * 68), "grows");
	mg_diag_buf_free(&b);
	tap_ok(b.data == NULL && b.len == 0, "freed");

	mg_diag n = d;
	n.rule = MG_RULE_NONE;
	mg_diag_append_notes(&b, &n);
	tap_ok(b.data == NULL, "no notes without a rule");
}

int main(void)
{
	test_table();
	test_allow();
	test_format();
	test_buffer();
	return tap_done();
}

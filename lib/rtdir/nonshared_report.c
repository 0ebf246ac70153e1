/* The split's reports: report.json (every newer symbol with its status
 * and the members, hazards and external references behind it) and
 * newer-symbols.txt, the table the GCC plugin reads. */
#include "config.h"
#include "rtdir/nonshared_report.h"
#include "base/demangle.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libiberty/libiberty.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *demangled(const char *name)
{
	char *plain = mg_demangle(name);
	json_t *j = str_or_null(plain);
	free(plain);
	return j;
}

char *mg_nonshared_report_json(const mg_nonshared *ns, const struct mg_nonshared_inputs *in)
{
	json_t *root = json_object();
	json_object_set_new(root, "schema", json_integer(1));
	json_t *inputs = json_object();
	json_object_set_new(inputs, "libstdc++.a", str_or_null(in->archive));
	json_object_set_new(inputs, "libstdc++.so.6", str_or_null(in->runtime));
	json_object_set_new(inputs, "libgcc_s.so.1", str_or_null(in->libgcc_s));
	json_object_set_new(root, "compiler", inputs);
	json_t *base = json_object();
	json_object_set_new(base, "kind", json_string(in->baseline_lib ? "library" : "policy"));
	json_object_set_new(base, "policy", str_or_null(in->policy));
	json_object_set_new(base, "libstdc++.so.6", str_or_null(in->baseline_lib));
	json_object_set_new(base, "libgcc_s.so.1", str_or_null(in->baseline_libgcc_s));
	/* 0: the baseline has no C++11 ABI; the wrappers compile with it off. */
	json_object_set_new(base, "cxx11_abi", json_integer(in->old_abi ? 0 : 1));
	json_object_set_new(root, "baseline", base);

	json_t *syms = json_array();
	for (size_t i = 0; i < mg_nonshared_symbol_count(ns); i++) {
		const mg_nonshared_symbol *s = mg_nonshared_symbol_at(ns, i);
		json_t *o = json_object();
		json_object_set_new(o, "symbol", json_string(s->name));
		json_object_set_new(o, "version", json_string(s->version));
		json_object_set_new(o, "demangled", demangled(s->name));
		json_object_set_new(o, "status", json_string(mg_nonshared_status_name(s->status)));
		json_object_set_new(o, "member", str_or_null(s->member));
		json_object_set_new(o, "reason", json_string(s->reason));
		json_object_set_new(o, "hazard", str_or_null(mg_nonshared_hazard_class_name(s->hazard)));
		json_object_set_new(o, "hazard_root", str_or_null(s->root));
		json_array_append_new(syms, o);
	}
	json_object_set_new(root, "newer_symbols", syms);

	json_t *members = json_array();
	for (size_t i = 0; i < mg_nonshared_member_count(ns); i++) {
		const mg_nonshared_member *m = mg_nonshared_member_at(ns, i);
		json_t *o = json_object();
		json_object_set_new(o, "member", json_string(m->name));
		json_object_set_new(o, "why", json_string(m->why));
		json_object_set_new(o, "provides", json_integer((json_int_t)m->n_provided));
		json_object_set_new(o, "hidden", json_integer((json_int_t)m->n_hidden));
		json_object_set_new(o, "undefined", json_integer((json_int_t)m->n_undefined));
		json_array_append_new(members, o);
	}
	json_object_set_new(root, "members", members);

	json_t *hazards = json_array();
	for (size_t i = 0; i < mg_nonshared_hazard_count(ns); i++) {
		const mg_nonshared_hazard *h = mg_nonshared_hazard_at(ns, i);
		json_t *o = json_object();
		json_object_set_new(o, "hazard", str_or_null(mg_nonshared_hazard_class_name(h->hazard)));
		json_object_set_new(o, "member", json_string(h->member));
		json_object_set_new(o, "state", json_string(h->state));
		json_object_set_new(o, "kept", json_string(h->kept));
		json_object_set_new(o, "redirected", json_string(h->redirected));
		json_array_append_new(hazards, o);
	}
	json_object_set_new(root, "hazards", hazards);

	json_t *ext = json_array();
	for (size_t i = 0; i < mg_nonshared_external_count(ns); i++)
		json_array_append_new(ext, json_string(mg_nonshared_external_at(ns, i)));
	json_object_set_new(root, "external_references", ext);

	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	char *with_newline = concat(text, "\n", NULL);
	free(text);
	return with_newline;
}

char *mg_nonshared_report_newer_symbols(const mg_nonshared *ns)
{
	char *text = xstrdup("# manyguard newer-symbols 1: symbol\tversion\tstatus\tdemangled\n");
	for (size_t i = 0; i < mg_nonshared_symbol_count(ns); i++) {
		const mg_nonshared_symbol *s = mg_nonshared_symbol_at(ns, i);
		char *plain = mg_demangle(s->name);
		text = reconcat(text, text, s->name, "\t", s->version, "\t",
				mg_nonshared_status_name(s->status), "\t", plain ? plain : s->name, "\n",
				NULL);
		free(plain);
	}
	return text;
}

/* Refusal pass: the static archives of runtimes that keep global state
 * (libstdc++, OpenMP) never reach the real linker, however the link line
 * names them.  Which archive stands for which runtime is lib/rules'
 * judgement; how the archive got onto the line is the wrapper's to say. */
#include "config.h"
#include "ld/ld_verify.h"
#include "base/asprintf.h"

#include <stdlib.h>
#include <string.h>

#include <libiberty/libiberty.h>

/* The archive file name an input stands for, or NULL when it is none:
 * an archive that exists, or a static -l whose archive does not. */
static char *archive_name(const ld_input *in)
{
	if (in->type == LD_ARCHIVE)
		return xstrdup(lbasename(in->path));
	if (!in->library || !in->static_state || in->type != LD_MISSING)
		return NULL;
	const char *name = in->spec + 2;
	if (name[0] == ':')
		return xstrdup(lbasename(name + 1));
	return concat("lib", name, ".a", NULL);
}

/* How the archive got in, for the message. */
static char *how_named(const ld_input *in)
{
	const char *from = in->script ? ", named by the linker script " : "";
	const char *script = in->script ? in->script : "";
	if (in->library && in->static_state && !in->path)
		return concat(in->spec, " in static mode (-Bstatic/-static) asks for a static "
			      "archive (none in the search path)", from, script, NULL);
	const char *path = in->path ? in->path : "";
	if (in->library && in->static_state)
		return concat(in->spec, " in static mode (-Bstatic/-static) links ", path, from,
			      script, NULL);
	if (in->library)
		return concat(in->spec, " links ", path, from, script, NULL);
	return concat(path, " is linked", from, script, NULL);
}

void ld_refuse_inputs(const ld_line *line, ld_report *rep)
{
	for (size_t i = 0; i < line->n_inputs; i++) {
		const ld_input *in = &line->inputs[i];
		char *file = archive_name(in);
		mg_runtime_id id;
		mg_rule rule;
		if (file && mg_rules_static_archive(file, &id, &rule)) {
			char *how = how_named(in);
			mg_finding f = {.rule = rule, .severity = MG_SEV_ERROR};
			f.u.runtime.impl = id.impl;
			f.u.runtime.family = id.family;
			f.u.runtime.archive = xstrdup(file);
			if (rule == MG_RULE_STATIC_LIBSTDCXX)
				f.message = concat("static libstdc++: ", how, NULL);
			else
				f.message = mg_asprintf("static OpenMP runtime (%s): %s",
						      mg_runtime_impl_name(id.impl), how);
			ld_report_add(rep, &f);
			free(how);
		}
		free(file);
	}
}

/* The readable audit report, grouped by package, columns aligned, colours
 * (GCC's: error red, warning magenta, note cyan) only on a terminal. */
#include "config.h"

#include <stdlib.h>
#include <string.h>


#include "base/demangle.h"
#include "tools/audit_output.h"

static const char *sev_color(mg_severity sev)
{
	switch (sev) {
	case MG_SEV_ERROR: return "\033[1;31m";
	case MG_SEV_WARNING: return "\033[1;35m";
	case MG_SEV_NOTE: return "\033[1;36m";
	}
	return "";
}

#define BOLD "\033[1m"
#define RESET "\033[m"
/* Symbols shown per version; the JSON report has up to MG_AUDIT_MAX_SYMBOLS. */
#define TEXT_SYMBOLS 6

typedef struct text_ctx {
	FILE *out;
	const mg_audit *audit;
	const audit_output *o;
	int rule_width;
} text_ctx;

/* What the walk left out: how many paths, then each pattern that matched,
 * with its count and where it comes from (probe outputs, --exclude);
 * nothing when nothing was. */
static void print_excluded(FILE *out, const mg_audit *audit)
{
	size_t total = mg_audit_excluded(audit);
	if (!total)
		return;
	fprintf(out, "\nleft out %zu path%s:", total, total == 1 ? "" : "s");
	const char *sep = " ";
	for (size_t i = 0; i < mg_audit_exclusion_count(audit); i++) {
		const mg_audit_exclusion *s = mg_audit_exclusion_at(audit, i);
		if (!s->paths)
			continue;
		fprintf(out, "%s%s (%zu%s)", sep, s->pattern, s->paths,
			s->probe ? ", probe outputs" : ", --exclude");
		sep = ", ";
	}
	fputc('\n', out);
}

static const char *pkg_name(const text_ctx *t, size_t i)
{
	return mg_audit_package_at(t->audit, i)->name;
}

static void print_symbol(const text_ctx *t, const char *name)
{
	char *plain = mg_demangle(name);
	if (plain)
		fprintf(t->out, "%*s  %s (%s)\n", 12 + t->rule_width, "", name, plain);
	else
		fprintf(t->out, "%*s  %s\n", 12 + t->rule_width, "", name);
	free(plain);
}

/* "  error    rule-id            FILE: MESSAGE" then the places, the
 * symbols, what happens at run time and the fix, indented under the
 * message. */
static void print_finding(const text_ctx *t, const mg_audit_finding *f)
{
	FILE *out = t->out;
	const char *sev = mg_diag_severity_name(f->f.severity);
	int pad = 8 - (int)strlen(sev);
	if (t->o->color)
		fprintf(out, "  %s%s%s%*s %-*s ", sev_color(f->f.severity), sev, RESET, pad, "",
			t->rule_width, mg_rule_get(f->f.rule)->id);
	else
		fprintf(out, "  %s%*s %-*s ", sev, pad, "", t->rule_width, mg_rule_get(f->f.rule)->id);
	int indent = 12 + t->rule_width;
	if (f->cross) {
		fprintf(out, "%s\n", f->f.message);
		for (size_t i = 0; i < f->n_places; i++) {
			const mg_audit_place *p = &f->places[i];
			fprintf(out, "%*s  %s: %s%s%s%s\n", indent, "", pkg_name(t, p->package),
				p->file, p->role ? " (" : "", p->role ? p->role : "",
				p->role ? ")" : "");
		}
	} else {
		fprintf(out, "%s: %s\n", f->places[0].file, f->f.message);
		for (size_t i = 1; i < f->n_places; i++) {
			const mg_audit_place *p = &f->places[i];
			fprintf(out, "%*s  %s: %s%s%s%s\n", indent, "", pkg_name(t, p->package),
				p->file, p->role ? " (" : "", p->role ? p->role : "",
				p->role ? ")" : "");
		}
	}
	if (f->f.n_symbols) {
		fprintf(out, "%*sneeded by:\n", indent, "");
		size_t n = f->f.n_symbols < TEXT_SYMBOLS ? f->f.n_symbols : TEXT_SYMBOLS;
		for (size_t i = 0; i < n; i++)
			print_symbol(t, f->f.symbols[i]);
		if (f->f.n_symbols_total > n)
			fprintf(out, "%*s  ... and %zu more (--json lists %zu)\n", indent, "",
				f->f.n_symbols_total - n, f->f.n_symbols);
	}
	if (f->f.effect)
		fprintf(out, "%*sat run time: %s\n", indent, "", f->f.effect);
	if (f->f.fix)
		fprintf(out, "%*sfix: %s\n", indent, "", f->f.fix);
}

static void print_package(const text_ctx *t, size_t index)
{
	const mg_audit_package *p = mg_audit_package_at(t->audit, index);
	FILE *out = t->out;
	size_t nf = 0;
	for (size_t i = 0; i < mg_audit_finding_count(t->audit); i++) {
		const mg_audit_finding *f = mg_audit_finding_at(t->audit, i);
		nf += !f->cross && f->places[0].package == index;
	}
	/* Pure-Python packages would drown the report: the summary counts them. */
	if (!p->n_elf && !nf)
		return;
	fprintf(out, "\n%s%s%s (%s %s): %zu ELF file%s\n", t->o->color ? BOLD : "", p->name,
		t->o->color ? RESET : "", mg_audit_kind_name(p->kind), p->root, p->n_elf,
		p->n_elf == 1 ? "" : "s");
	bool auto_policy = t->o->policy && strcmp(t->o->policy, "auto") == 0;
	if (auto_policy && p->kind != MG_AUDIT_PROCESS && p->n_elf) {
		int width = 0;
		for (size_t i = 0; i < p->n_elf; i++)
			if ((int)strlen(p->elf[i].path) > width)
				width = (int)strlen(p->elf[i].path);
		for (size_t i = 0; i < p->n_elf; i++)
			fprintf(out, "  %-*s  %s\n", width, p->elf[i].path,
				p->elf[i].best_policy ? p->elf[i].best_policy : "(no policy)");
		fprintf(out, "  best policy of the package: %s\n",
			p->best_policy ? p->best_policy : "none");
	}
	/* Embedded manifests: what each file was linked for, and how it passed. */
	for (size_t i = 0; i < p->n_elf; i++)
		if (p->elf[i].manifest_result)
			fprintf(out, "  %s: manifest: linked by manyguard %s for %s, %s%s%s\n",
				p->elf[i].path,
				p->elf[i].manifest_version ? p->elf[i].manifest_version : "?",
				p->elf[i].manifest_policy ? p->elf[i].manifest_policy : "?",
				p->elf[i].manifest_result,
				p->elf[i].manifest_allowed && *p->elf[i].manifest_allowed
					? ", allowed: " : "",
				p->elf[i].manifest_allowed ? p->elf[i].manifest_allowed : "");
	size_t shown = 0;
	for (size_t i = 0; i < mg_audit_finding_count(t->audit); i++) {
		const mg_audit_finding *f = mg_audit_finding_at(t->audit, i);
		if (f->cross || f->places[0].package != index)
			continue;
		print_finding(t, f);
		shown++;
	}
	if (!shown)
		fprintf(out, "  no findings\n");
}

void audit_output_text(FILE *out, const mg_audit *audit, const audit_output *o)
{
	text_ctx t = { out, audit, o, 0 };
	size_t nf = mg_audit_finding_count(audit);
	size_t cross = 0;
	for (size_t i = 0; i < nf; i++) {
		const mg_audit_finding *f = mg_audit_finding_at(audit, i);
		if ((int)strlen(mg_rule_get(f->f.rule)->id) > t.rule_width)
			t.rule_width = (int)strlen(mg_rule_get(f->f.rule)->id);
		cross += f->cross;
	}
	if (cross) {
		fprintf(out, "%sacross packages%s: %zu finding%s\n", o->color ? BOLD : "",
			o->color ? RESET : "", cross, cross == 1 ? "" : "s");
		for (size_t i = 0; i < nf; i++)
			if (mg_audit_finding_at(audit, i)->cross)
				print_finding(&t, mg_audit_finding_at(audit, i));
	}
	for (size_t i = 0; i < mg_audit_package_count(audit); i++)
		print_package(&t, i);
	size_t nerr = mg_audit_error_count(audit);
	if (nerr) {
		fprintf(out, "\n%sinputs that could not be read%s:\n", o->color ? BOLD : "",
			o->color ? RESET : "");
		for (size_t i = 0; i < nerr; i++) {
			const mg_audit_input_error *e = mg_audit_error_at(audit, i);
			fprintf(out, "  %s: %s\n", e->error.file[0] ? e->error.file : e->input,
				e->error.reason);
		}
	}
	size_t nskip = mg_audit_skipped_count(audit);
	if (nskip) {
		fprintf(out, "\n%ssymlinks not followed%s:\n", o->color ? BOLD : "",
			o->color ? RESET : "");
		for (size_t i = 0; i < nskip; i++) {
			const mg_audit_input_error *e = mg_audit_skipped_at(audit, i);
			fprintf(out, "  %s: %s\n", e->error.file, e->error.reason);
		}
	}
	print_excluded(out, audit);
	size_t ne = mg_audit_count_severity(audit, MG_SEV_ERROR);
	size_t nw = mg_audit_count_severity(audit, MG_SEV_WARNING);
	size_t nn = mg_audit_count_severity(audit, MG_SEV_NOTE);
	fprintf(out, "\n%zu package%s, %zu files (%zu ELF): %zu error%s, %zu warning%s, %zu "
		"note%s, %zu unreadable input%s",
		mg_audit_package_count(audit), mg_audit_package_count(audit) == 1 ? "" : "s",
		mg_audit_files_seen(audit), mg_audit_elf_seen(audit), ne, ne == 1 ? "" : "s",
		nw, nw == 1 ? "" : "s", nn, nn == 1 ? "" : "s", nerr, nerr == 1 ? "" : "s");
	if (nskip)
		fprintf(out, ", %zu symlink%s not followed", nskip, nskip == 1 ? "" : "s");
	fputc('\n', out);
}

/* Test driver for lib/elf/elf_reloc.h and lib/elf/elf_edit.h, used by the
 * tests/integration/elf_edit_*.sh scripts:
 *   elf_edit_tool classify FILE...        class summary + offenders
 *   elf_edit_tool edit IN OUT OP...       OP: hide:NAME undef:NAME hide-all
 *   elf_edit_tool refs FILE NAME          section-symbol refs, group, mates
 * Exit status 0 on success, 1 on a library error (printed on stderr). */
#include "config.h"

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/small_file.h"
#include "elf/elf_edit.h"
#include "elf/elf_reloc.h"

static int fail(const mg_error *err)
{
	char msg[6000];
	fprintf(stderr, "elf_edit_tool: %s\n", mg_error_format(err, msg, sizeof msg));
	return 1;
}

/* PATH opened for editing, or NULL after printing why. */
static mg_elf_edit *open_edit(const char *path)
{
	size_t size;
	char *buf = mg_small_file_read(path, SIZE_MAX, &size, NULL);
	if (!buf) {
		perror(path);
		return NULL;
	}
	mg_error err;
	mg_elf_edit *ed = mg_elf_edit_open(buf, size, path, &err);
	free(buf);
	if (!ed)
		fail(&err);
	return ed;
}

static int classify(const char *path)
{
	size_t size;
	char *buf = mg_small_file_read(path, SIZE_MAX, &size, NULL);
	if (!buf) {
		perror(path);
		return 1;
	}
	mg_error err;
	mg_elf_reloc_set *set = mg_elf_reloc_read(buf, size, path, &err);
	free(buf);
	if (!set)
		return fail(&err);
	printf("%s: worst=%s shared_ok=%s", path, mg_elf_reloc_class_name(set->worst),
	       mg_elf_reloc_shared_ok(set) ? "yes" : "no");
	for (int c = 0; c < MG_ELF_RELOC_NCLASSES; c++)
		printf(" %s=%zu", mg_elf_reloc_class_name((mg_elf_reloc_class)c), set->counts[c]);
	printf("\n");
	for (size_t i = 0; i < set->noffenders; i++) {
		const mg_elf_reloc_offender *o = &set->offenders[i];
		printf("offender %s %s %s %s\n", mg_elf_reloc_class_name(o->cls), o->section,
		       o->symbol, o->type_name);
	}
	mg_elf_reloc_free(set);
	return 0;
}

static int apply(mg_elf_edit *ed, const char *op, mg_error *err)
{
	if (strncmp(op, "hide:", 5) == 0)
		return mg_elf_edit_set_visibility_by_name(ed, op + 5, STV_HIDDEN, err);
	if (strncmp(op, "undef:", 6) == 0)
		return mg_elf_edit_undefine_by_name(ed, op + 6, err);
	if (strcmp(op, "hide-all") == 0) {
		size_t n;
		if (mg_elf_edit_hide_definitions(ed, &n, err) != 0)
			return -1;
		printf("hidden %zu\n", n);
		return 0;
	}
	return mg_error_set(err, NULL, "unknown operation %s", op);
}

static int edit(int argc, char **argv)
{
	mg_elf_edit *ed = open_edit(argv[0]);
	if (!ed)
		return 1;
	mg_error err;
	int rc = 0;
	for (int i = 2; i < argc && rc == 0; i++)
		rc = apply(ed, argv[i], &err);
	if (rc == 0)
		rc = mg_elf_edit_save(ed, argv[1], &err);
	mg_elf_edit_close(ed);
	return rc == 0 ? 0 : fail(&err);
}

static int refs(const char *path, const char *name)
{
	mg_elf_edit *ed = open_edit(path);
	if (!ed)
		return 1;
	mg_error err;
	size_t index, n, nmates;
	mg_elf_edit_ref *list = NULL;
	size_t *mates = NULL;
	mg_elf_edit_group group;
	int rc = -1;
	if (mg_elf_edit_find(ed, name, &index, &err) != 0 ||
	    mg_elf_edit_section_refs(ed, index, &list, &n, &err) != 0 ||
	    mg_elf_edit_symbol_group(ed, index, &group, &err) != 0 ||
	    mg_elf_edit_section_mates(ed, index, &mates, &nmates, &err) != 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		printf("ref %s %s 0x%jx %jd\n", list[i].reloc_section, list[i].section,
		       (uintmax_t)list[i].offset, (intmax_t)list[i].addend);
	if (group.in_group)
		printf("group %s%s\n", group.signature ? group.signature : "?",
		       group.comdat ? " comdat" : "");
	for (size_t i = 0; i < nmates; i++) {
		mg_elf_edit_symbol_info s;
		if (mg_elf_edit_symbol(ed, mates[i], &s, &err) != 0)
			goto out;
		printf("mate %s\n", s.name);
	}
	rc = 0;
out:
	free(list);
	free(mates);
	mg_elf_edit_close(ed);
	return rc == 0 ? 0 : fail(&err);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "classify") == 0) {
		int rc = 0;
		for (int i = 2; i < argc; i++)
			rc |= classify(argv[i]);
		return rc;
	}
	if (argc >= 4 && strcmp(argv[1], "edit") == 0)
		return edit(argc - 2, argv + 2);
	if (argc == 4 && strcmp(argv[1], "refs") == 0)
		return refs(argv[2], argv[3]);
	fprintf(stderr, "usage: elf_edit_tool classify FILE... | edit IN OUT OP... | "
		"refs FILE NAME\n");
	return 2;
}

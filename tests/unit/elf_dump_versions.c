/* elf_dump_versions FILE
 *   Print FILE's .gnu.version, .gnu.version_d and .gnu.version_r from the
 *   ELF model in exactly the format of binutils 2.40 `readelf -V`, so that
 *   tests/integration/elf_readelf_versions.sh can compare the two byte for
 *   byte: every offset, hash, flag and index the model reports is checked
 *   against an independent reader.
 *
 * elf_dump_versions --read-all < LIST
 *   Open every file named in LIST (one path per line) and read every part
 *   the model offers; print one line per failure and "read N files".
 *   Exit status 1 when any file failed. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/elf.h"

/* binutils's flag, not in glibc's <elf.h>. */
#ifndef VER_FLG_INFO
#define VER_FLG_INFO 0x4
#endif

/* readelf's get_ver_flags(). */
static const char *ver_flags(unsigned flags, char *buf, size_t size)
{
	if (flags == 0)
		return "none";
	buf[0] = '\0';
	const unsigned known = VER_FLG_BASE | VER_FLG_WEAK | VER_FLG_INFO;
	if (flags & VER_FLG_BASE)
		strncat(buf, "BASE", size - strlen(buf) - 1);
	if (flags & VER_FLG_WEAK) {
		if (flags & VER_FLG_BASE)
			strncat(buf, " | ", size - strlen(buf) - 1);
		strncat(buf, "WEAK", size - strlen(buf) - 1);
	}
	if (flags & VER_FLG_INFO) {
		if (flags & (VER_FLG_BASE | VER_FLG_WEAK))
			strncat(buf, " | ", size - strlen(buf) - 1);
		strncat(buf, "INFO", size - strlen(buf) - 1);
	}
	if (flags & ~known) {
		if (flags & known)
			strncat(buf, " | ", size - strlen(buf) - 1);
		strncat(buf, "<unknown>", size - strlen(buf) - 1);
	}
	return buf;
}

static const char *link_name(const mg_elf *elf, const mg_elf_section *s)
{
	const mg_elf_section *l = mg_elf_section_at(elf, s->link);
	return l ? l->name : "<corrupt>";
}

static void section_header(const mg_elf *elf, const char *kind, const mg_elf_section *s,
			   unsigned long count)
{
	printf("\n%s section '%s' contains %lu %s:\n", kind, s->name, count,
	       count == 1 ? "entry" : "entries");
	printf(" Addr: 0x%016" PRIx64 "  Offset: 0x%08" PRIx64 "  Link: %u (%s)\n", s->addr,
	       s->offset, (unsigned)s->link, link_name(elf, s));
}

static void print_verdefs(const mg_elf *elf, const mg_elf_verdefs *v)
{
	char buf[64];
	const mg_elf_section *s = mg_elf_section_at(elf, v->section);
	section_header(elf, "Version definition", s, s->info);
	for (size_t i = 0; i < v->count; i++) {
		const mg_elf_verdef *d = &v->defs[i];
		printf("  %#06zx: Rev: %u  Flags: %s  Index: %u  Cnt: %u  Name: %s\n", d->offset,
		       d->revision, ver_flags(d->flags, buf, sizeof buf), d->index, d->count,
		       d->name);
		for (size_t j = 0; j < d->n_parents; j++)
			printf("  %#06zx: Parent %zu: %s\n", d->parent_offsets[j], j + 1,
			       d->parents[j]);
	}
}

static void print_verneeds(const mg_elf *elf, const mg_elf_verneeds *v)
{
	char buf[64];
	const mg_elf_section *s = mg_elf_section_at(elf, v->section);
	section_header(elf, "Version needs", s, s->info);
	for (size_t i = 0; i < v->count; i++) {
		const mg_elf_verneed *n = &v->needs[i];
		printf("  %#06zx: Version: %u  File: %s  Cnt: %u\n", n->offset, n->version,
		       n->file, n->count);
		for (size_t j = 0; j < n->count; j++) {
			const mg_elf_vernaux *a = &n->aux[j];
			printf("  %#06zx:   Name: %s  Flags: %s  Version: %u\n", a->offset, a->name,
			       ver_flags(a->flags, buf, sizeof buf), a->other);
		}
	}
}

/* The name readelf shows for a raw versym value: it looks the value up
 * among the requirements (vna_other, hidden bit included) and then among
 * the definitions (vd_ndx, hidden bit ignored, except for 0x8001), and
 * says "*both*" when both match. */
static const char *versym_name(uint16_t raw, const mg_elf_verdefs *defs,
			       const mg_elf_verneeds *needs)
{
	const char *name = NULL;
	for (size_t i = 0; i < needs->count && !name; i++)
		for (size_t j = 0; j < needs->needs[i].count && !name; j++)
			if (needs->needs[i].aux[j].other == raw)
				name = needs->needs[i].aux[j].name;
	if (raw == 0x8001)
		return name;
	for (size_t i = 0; i < defs->count; i++)
		if (defs->defs[i].index == (raw & MG_ELF_VERSYM_VERSION))
			return name ? "*both*" : defs->defs[i].name;
	return name;
}

static void print_versym(const mg_elf *elf, const mg_elf_section *s,
			 const mg_elf_symbols *syms, const mg_elf_verdefs *defs,
			 const mg_elf_verneeds *needs)
{
	section_header(elf, "Version symbols", s, (unsigned long)syms->count);
	for (size_t i = 0; i < syms->count; i += 4) {
		printf("  %03zx:", i);
		for (size_t j = i; j < i + 4 && j < syms->count; j++) {
			uint16_t raw = syms->symbols[j].versym;
			if (raw == 0) {
				fputs("   0 (*local*)    ", stdout);
				continue;
			}
			if (raw == 1) {
				fputs("   1 (*global*)   ", stdout);
				continue;
			}
			int nn = printf("%4x%c", raw & MG_ELF_VERSYM_VERSION,
					raw & MG_ELF_VERSYM_HIDDEN ? 'h' : ' ');
			const char *name = versym_name(raw, defs, needs);
			/* readelf's own padding, quirks included: a long name
			 * turns the width negative, i.e. left-justified. */
			if (name)
				nn += printf("(%s%-*s", name, 12 - (int)strlen(name), ")");
			if (nn < 18)
				printf("%*c", 18 - nn, ' ');
		}
		putchar('\n');
	}
}

static int dump(const char *path)
{
	mg_error err;
	mg_elf *elf;
	char msg[6000];
	if (mg_elf_open(path, &elf, &err) != 0) {
		fprintf(stderr, "%s\n", mg_error_format(&err, msg, sizeof msg));
		return 1;
	}
	const mg_elf_symbols *syms = mg_elf_dynsym(elf, &err);
	const mg_elf_verdefs *defs = syms ? mg_elf_verdef_info(elf, &err) : NULL;
	const mg_elf_verneeds *needs = defs ? mg_elf_verneed_info(elf, &err) : NULL;
	if (!needs) {
		fprintf(stderr, "%s\n", mg_error_format(&err, msg, sizeof msg));
		mg_elf_close(elf);
		return 1;
	}
	/* readelf prints the sections in section header order. */
	bool found = false;
	for (size_t i = 1; i < mg_elf_section_count(elf); i++) {
		const mg_elf_section *s = mg_elf_section_at(elf, i);
		if (s->type == SHT_GNU_verdef && i == defs->section) {
			print_verdefs(elf, defs);
			found = true;
		} else if (s->type == SHT_GNU_verneed && i == needs->section) {
			print_verneeds(elf, needs);
			found = true;
		} else if (s->type == SHT_GNU_versym && s->link == syms->section) {
			print_versym(elf, s, syms, defs, needs);
			found = true;
		}
	}
	if (!found)
		printf("\nNo version information found in this file.\n");
	mg_elf_close(elf);
	return 0;
}

/* Read every part of PATH; 0 or -1 with ERR set.  *SHARED tells whether it
 * is a shared object (ET_DYN and not a PIE). */
static int read_all(const char *path, bool *shared, mg_error *err)
{
	mg_elf *elf;
	mg_elf_type type = MG_ELF_TYPE_OTHER;
	if (mg_elf_open(path, &elf, err) != 0)
		return -1;
	int rc = -1;
	if (mg_elf_type_of(elf, &type, err) == 0 && mg_elf_dynamic_info(elf, err) &&
	    mg_elf_dynsym(elf, err) && mg_elf_symtab(elf, err) &&
	    mg_elf_verdef_info(elf, err) && mg_elf_verneed_info(elf, err) &&
	    mg_elf_build_id(elf, err))
		rc = 0;
	*shared = type == MG_ELF_TYPE_DYN;
	mg_elf_close(elf);
	return rc;
}

static bool starts_like_elf(const char *path)
{
	unsigned char ident[EI_NIDENT];
	FILE *f = fopen(path, "rb");
	if (!f)
		return true; /* let the model report why it cannot be read */
	size_t got = fread(ident, 1, sizeof ident, f);
	fclose(f);
	return mg_elf_is_elf(ident, got);
}

/* Files that do not start like ELF (linker scripts such as libc.so, data
 * files) are counted as skipped; everything else must read cleanly. */
static int read_list(FILE *list)
{
	char line[4096];
	char msg[6000];
	unsigned long files = 0, shared = 0, skipped = 0, failed = 0;
	while (fgets(line, sizeof line, list)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		if (!starts_like_elf(line)) {
			skipped++;
			continue;
		}
		mg_error err;
		bool is_shared = false;
		files++;
		if (read_all(line, &is_shared, &err) != 0) {
			failed++;
			printf("error: %s\n", mg_error_format(&err, msg, sizeof msg));
		}
		shared += is_shared;
	}
	printf("read %lu ELF files (%lu shared objects), %lu not ELF, %lu failed\n", files,
	       shared, skipped, failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--read-all") == 0)
		return read_list(stdin);
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: elf_dump_versions FILE | --read-all < LIST\n");
		return 2;
	}
	return dump(argv[1]);
}

/* What each relocation type computes, machine by machine: the tables are
 * data, one X-macro file per machine (elf_reloc_x86_64.def,
 * elf_reloc_aarch64.def), and a machine is added with its file and a line
 * in the machine table below.  The reader (elf_reloc.c) asks
 * mg_elf_reloc_type_lookup for each relocation it reads. */
#include "config.h"
#include "elf/elf_reloc.h"

#include <elf.h>
#include <stddef.h>

/* Reasons shared by many table entries; an entry may give its own. */
#define WHY_NONE "no-op relocation"
#define WHY_ABS_PTR "64-bit absolute address: ld emits a dynamic relocation for it"
#define WHY_ABS_NARROW "absolute address narrower than 64 bits: a DSO is loaded " \
	"anywhere in the address space, so ld refuses it with -shared"
#define WHY_PCREL "PC-relative: position independent only if the symbol binds " \
	"locally (ld refuses it against a preemptible or undefined symbol)"
#define WHY_GOTREL "relative to the GOT base: position independent only if the " \
	"symbol binds locally"
#define WHY_GOT_PLT "through a GOT entry or PLT stub made by the linker"
#define WHY_PAGE_OFF "low 12 bits of the address: unchanged by page-aligned load " \
	"addresses (the paired ADRP decides)"
#define WHY_LINK_CONST "link-time constant (symbol size or offset in the TLS block)"
#define WHY_TLS_DYN "general/local-dynamic TLS or TLS descriptor: made for DSOs"
#define WHY_TLS_IE "initial-exec TLS: ld emits a dynamic TPOFF relocation and " \
	"DF_STATIC_TLS; dlopen may fail once the static TLS surplus is used up"
#define WHY_TLS_LE "local-exec TLS: thread-pointer offsets fixed at link time exist " \
	"only in executables; ld refuses it with -shared"
#define WHY_DYN_ONLY "dynamic-only relocation type, invalid in a relocatable object"
#define WHY_UNKNOWN "relocation type unknown to manyguard: not classified"

typedef struct reloc_entry {
	uint32_t type;
	const char *name;
	mg_elf_reloc_kind kind;
	const char *why; /* NULL: the kind's default reason */
} reloc_entry;

#define MG_ELF_RELOC(t, k) { t, #t, MG_ELF_RELOC_KIND_##k, NULL },
#define MG_ELF_RELOC_WHY(t, k, w) { t, #t, MG_ELF_RELOC_KIND_##k, w },
#define MG_ELF_RELOC_AS(n, t, k) { n, #t, MG_ELF_RELOC_KIND_##k, NULL },

static const reloc_entry x86_64_relocs[] = {
#include "elf/elf_reloc_x86_64.def"
};

static const reloc_entry aarch64_relocs[] = {
#include "elf/elf_reloc_aarch64.def"
};

#undef MG_ELF_RELOC
#undef MG_ELF_RELOC_WHY
#undef MG_ELF_RELOC_AS

static const struct {
	unsigned machine;
	const reloc_entry *table;
	size_t n;
} machines[] = {
	{ EM_X86_64, x86_64_relocs, sizeof x86_64_relocs / sizeof x86_64_relocs[0] },
	{ EM_AARCH64, aarch64_relocs, sizeof aarch64_relocs / sizeof aarch64_relocs[0] },
};

bool mg_elf_reloc_machine_known(unsigned machine)
{
	for (size_t i = 0; i < sizeof machines / sizeof machines[0]; i++)
		if (machines[i].machine == machine)
			return true;
	return false;
}

static const char *kind_why(mg_elf_reloc_kind kind)
{
	switch (kind) {
	case MG_ELF_RELOC_KIND_NONE: return WHY_NONE;
	case MG_ELF_RELOC_KIND_ABS_PTR: return WHY_ABS_PTR;
	case MG_ELF_RELOC_KIND_ABS_NARROW: return WHY_ABS_NARROW;
	case MG_ELF_RELOC_KIND_PCREL: return WHY_PCREL;
	case MG_ELF_RELOC_KIND_GOT_PLT: return WHY_GOT_PLT;
	case MG_ELF_RELOC_KIND_PAGE_OFF: return WHY_PAGE_OFF;
	case MG_ELF_RELOC_KIND_LINK_CONST: return WHY_LINK_CONST;
	case MG_ELF_RELOC_KIND_TLS_DYN: return WHY_TLS_DYN;
	case MG_ELF_RELOC_KIND_TLS_IE: return WHY_TLS_IE;
	case MG_ELF_RELOC_KIND_TLS_LE: return WHY_TLS_LE;
	case MG_ELF_RELOC_KIND_DYN_ONLY: return WHY_DYN_ONLY;
	case MG_ELF_RELOC_KIND_UNKNOWN: break;
	}
	return WHY_UNKNOWN;
}

int mg_elf_reloc_type_lookup(unsigned machine, uint32_t type, mg_elf_reloc_type_info *info,
			 mg_error *err)
{
	size_t m = 0;
	while (m < sizeof machines / sizeof machines[0] && machines[m].machine != machine)
		m++;
	if (m == sizeof machines / sizeof machines[0])
		return mg_error_set(err, NULL, "unsupported machine %u (only x86_64 and "
				    "aarch64 relocations are known)", machine);
	for (size_t i = 0; i < machines[m].n; i++) {
		const reloc_entry *e = &machines[m].table[i];
		if (e->type == type) {
			info->name = e->name;
			info->kind = e->kind;
			info->why = e->why ? e->why : kind_why(e->kind);
			return 0;
		}
	}
	info->name = NULL;
	info->kind = MG_ELF_RELOC_KIND_UNKNOWN;
	info->why = WHY_UNKNOWN;
	return 0;
}

const char *mg_elf_reloc_class_name(mg_elf_reloc_class cls)
{
	switch (cls) {
	case MG_ELF_RELOC_LINK_TIME: return "link-time";
	case MG_ELF_RELOC_PIC: return "pic";
	case MG_ELF_RELOC_DYNAMIC: return "dynamic";
	case MG_ELF_RELOC_TEXTREL: return "textrel";
	case MG_ELF_RELOC_UNKNOWN: return "unknown";
	case MG_ELF_RELOC_NOT_SHARED: return "not-shared";
	}
	return "?";
}


/* The final link line as the linker sees it: output and its kind, the
 * library search path, and every input with the state it was named in
 * (-Bstatic/-Bdynamic, --as-needed, --whole-archive), each -l and each
 * linker-script entry resolved to a file the way ld resolves it. */
#ifndef LD_LINE_H
#define LD_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef enum ld_file_type {
	LD_MISSING,  /* not found (the real linker will complain) */
	LD_OBJECT,   /* ELF relocatable */
	LD_SHARED,   /* ELF shared object (or another ELF file) */
	LD_ARCHIVE,  /* ar archive, thin or not */
	LD_SCRIPT,   /* a text linker script naming inputs */
	LD_BITCODE,  /* LLVM bitcode (clang -flto): no ELF symbol table; what
			it defines only the linker's LTO knows */
	LD_OTHER,    /* anything else: left to the real linker */
} ld_file_type;

typedef struct ld_input {
	char *spec;          /* as written: "-lstdc++", "-l:libgomp.a", "x.o",
				or a script entry */
	char *path;          /* the file it resolved to, NULL when MISSING */
	ld_file_type type;
	bool library;        /* named by -l (or -l: / a script's -l) */
	bool static_state;   /* named while -Bstatic / -static was in force */
	bool as_needed;
	bool whole_archive;
	const char *script;  /* the script that named it (points at that
				input's PATH), NULL for the command line */
} ld_input;

typedef struct ld_line {
	char *output;        /* -o, "a.out" by default */
	bool shared;         /* -shared / -Bshareable */
	bool relocatable;    /* -r / -i / --relocatable */
	size_t n_dirs;
	char **dirs;         /* -L directories in order, sysroot applied */
	size_t n_inputs, cap_inputs;
	ld_input *inputs; /* in link order; a script's entries follow it */
} ld_line;

/* Parse ARGV (ARGC words, response files already expanded, ARGV[0] the
 * program) into LINE.  Fails only for malformed input scripts and missing
 * option arguments; unknown options are skipped (the real linker judges
 * them).  LINE belongs to the caller: free it with ld_line_free, also
 * after a failure. */
int ld_line_parse(int argc, char *const *argv, ld_line *line, mg_error *err);

void ld_line_free(ld_line *line);

/* The SONAME of each input, indexed like LINE's inputs: its DT_SONAME, or
 * its file name when it has none; NULL for inputs that are not shared
 * libraries.  Free with ld_line_sonames_free. */
char **ld_line_sonames(const ld_line *line);
void ld_line_sonames_free(const ld_line *line, char **names);
/* The index of the first input whose SONAME (in SONAMES, as above) is
 * SONAME: the input that provided a DT_NEEDED entry; (size_t)-1 if none. */
size_t ld_line_provider(const ld_line *line, char *const *sonames, const char *soname);

#endif

/* GCC's LTO objects linked by a linker that did not compile their IR.
 * An object GCC compiled with -flto (without -ffat-lto-objects) holds
 * only GIMPLE in .gnu.lto_* sections and one symbol, __gnu_lto_slim; its
 * code exists once GCC's LTO plugin has run lto-wrapper during the link.
 * lld ignores -plugin: it links the empty ELF shells, and a shared object
 * comes out "successfully" with none of the objects' functions (plain
 * g++ -fuse-ld=lld -flto does the same).  Such an output carries
 * __gnu_lto_slim, which no compiled object defines. */
#ifndef LD_LTO_IR_H
#define LD_LTO_IR_H

#include <stdbool.h>

#include "elf/elf.h"
#include "ld/ld_line.h"
#include "ld/ld_report.h"

/* Whether ARGV (the link line, response files expanded) loads GCC's LTO
 * plugin (-plugin .../liblto_plugin.so), as every GCC driver's link does. */
bool ld_lto_ir_gcc_plugin(char *const *argv);

/* After a link: an error in REP when OUTPUT carries __gnu_lto_slim,
 * naming the inputs of LINE that are GCC's LTO objects, why (the linker,
 * lld when LLD, did not compile them) and the fix.  The output's .dynsym
 * is looked at; its .symtab too when DEEP (lld with GCC's plugin on the
 * line: a version script may have hidden the marker). */
void ld_lto_ir_check(const ld_line *line, mg_elf *output, bool lld, bool deep,
		     ld_report *rep);

/* After lld failed a link with GCC's plugin on the line: when inputs of
 * LINE are GCC's LTO objects, what they define is what lld reported
 * undefined: the same error, why and fix. */
void ld_lto_ir_explain_failure(const ld_line *line, ld_report *rep);

#endif

/* The object notes' format, shared by the GCC plugin that writes them
 * (gcc-plugin/notes.cc) and lib/elf/objnotes.c that reads them back;
 * plain C, so that both include it.  docs/plugin.md describes it:
 *
 *   manyguard-objnotes 1
 *   key=value            (one per line; values escaped: \\ and \xHH)
 *   symbol=MANGLED<TAB>VERSION<TAB>STATUS<TAB>LINE<TAB>COLUMN<TAB>FILE
 *   end
 *
 * in an SHF_EXCLUDE section of each object (`ld -r` concatenates units). */
#ifndef MG_ELF_OBJNOTES_FORMAT_H
#define MG_ELF_OBJNOTES_FORMAT_H

#define MG_OBJNOTES_SECTION ".manyguard.objnotes"
#define MG_OBJNOTES_FORMAT 1
/* A unit starts with the header and the format number, ends with END. */
#define MG_OBJNOTES_HEADER "manyguard-objnotes "
#define MG_OBJNOTES_END "end"

/* The keys.  A reader skips keys it does not know: format 1 may gain
 * keys. */
#define MG_OBJNOTES_KEY_PRODUCER "producer"          /* "manyguard-plugin 0.1.0" */
#define MG_OBJNOTES_KEY_COMPILER "compiler"          /* "gcc 12.2.0" */
#define MG_OBJNOTES_KEY_LANGUAGE "language"          /* c, c++, lto */
#define MG_OBJNOTES_KEY_STD "std"                    /* gnu++17, c11 */
#define MG_OBJNOTES_KEY_PIC "pic"                    /* 0, 1 (-fpic), 2 (-fPIC) */
#define MG_OBJNOTES_KEY_PIE "pie"                    /* 0, 1 (-fpie), 2 (-fPIE) */
#define MG_OBJNOTES_KEY_OPENMP "openmp"              /* 0 or 1 */
#define MG_OBJNOTES_KEY_OPENMP_VERSION "openmp_version" /* _OPENMP */
#define MG_OBJNOTES_KEY_CXX11_ABI "glibcxx_use_cxx11_abi"
#define MG_OBJNOTES_KEY_EXCEPTIONS "exceptions"      /* 0 or 1 */
#define MG_OBJNOTES_KEY_RTTI "rtti"                  /* 0 or 1 */
#define MG_OBJNOTES_KEY_BASELINE "baseline"          /* "manylinux_2_28" */
#define MG_OBJNOTES_KEY_SYMBOL "symbol"              /* one use of a newer symbol */
#define MG_OBJNOTES_SYMBOL_FIELDS 6

#endif

/* The words `manyguard show` and `manyguard manifest` use for the C++
 * runtime an output carries, from its manifest: the objects' C++ ABI, the
 * baseline's, and the newer symbols linked despite a hazard or from a
 * forwarder (docs/nonshared.md). */
#ifndef TOOLS_CXX_WORDS_H
#define TOOLS_CXX_WORDS_H

#include "manifest/manifest.h"

/* Print the lines (indented by two spaces); nothing when the manifest
 * records nothing about C++. */
void cxx_words_print(const mg_manifest_summary *s);

#endif

/* C++ symbol names as users write them. */
#ifndef MG_BASE_DEMANGLE_H
#define MG_BASE_DEMANGLE_H

/* NAME demangled with its parameters ("std::to_chars(char*, char*,
 * double)"), malloc'd; NULL when NAME is not a mangled C++ name. */
char *mg_demangle(const char *name);

#endif

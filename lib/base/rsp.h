/* Response files for the wrappers' own look at a command line. */
#ifndef MG_WRAPPERS_RSP_H
#define MG_WRAPPERS_RSP_H

/* ARGV (ARGC words, ARGV[0] the program) with its "@file" arguments
 * expanded as GCC and GNU ld expand them (libiberty's quoting; files
 * named inside files too), for inspection.  Unlike libiberty's expandargv
 * it never exits: an @file that is not a readable regular file (missing,
 * a directory) stays as written, for the real program to report, and
 * expansion stops after 2000 files or 64 MiB of them (a file naming
 * itself).  Returns ARGV
 * itself when nothing was expanded, else a new vector (free it with
 * freeargv); *ARGC is updated. */
char **mg_rsp_expand(int *argc, char **argv);

#endif

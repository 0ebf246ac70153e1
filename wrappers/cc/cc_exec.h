/* Running the real compiler so that it looks as if it had been called
 * directly: same standard streams, same exit status, same death by signal. */
#ifndef MG_WRAPPERS_CC_EXEC_H
#define MG_WRAPPERS_CC_EXEC_H

#include <stddef.h>

#include "cc/cc_args.h"

/* Command lines longer than this go to the compiler in a response file. */
#define CC_MAX_COMMAND_LINE (128 * 1024)

/* Replace the wrapper by ARGV, running FILE (NULL: ARGV[0] searched on
 * PATH).  Returns only on failure, with the exit status to use (126 or
 * 127) after printing why. */
int cc_exec(const char *program, const char *file, const cc_args *argv);

/* Run ARGV with everything after its first NCOMMAND words in a response
 * file (libiberty's writeargv quoting), wait, remove the file and return
 * the child's exit status; a child killed by a signal kills the wrapper
 * with the same signal. */
int cc_exec_with_response_file(const char *program, const char *file, const cc_args *argv,
			      size_t ncommand);

#endif

/* What every manyguard subcommand shares: the program name in messages,
 * error printing in GCC style, and the location of installed data. */
#ifndef MG_CLI_H
#define MG_CLI_H

#include "base/error.h"

/* "manyguard" or "manyguard SUBCOMMAND", for messages. */
extern const char *cli_name;

/* "manyguard: error: FILE: REASON" on stderr. */
void cli_error(const mg_error *err);
/* "manyguard: error: MESSAGE" on stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "manyguard: note: MESSAGE" on stderr. */
void cli_notef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Directory holding the policy JSON files: $MANYGUARD_POLICY_DIR, else the
 * installed one. */
const char *cli_policy_dir(void);

#endif

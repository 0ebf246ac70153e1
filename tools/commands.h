/* The subcommands of `manyguard`; each returns the process exit status. */
#ifndef MG_COMMANDS_H
#define MG_COMMANDS_H

int mg_cmd_stub(int argc, char **argv);
int mg_cmd_nonshared(int argc, char **argv);
int mg_cmd_show(int argc, char **argv);
int mg_cmd_audit(int argc, char **argv);
int mg_cmd_specs(int argc, char **argv);
int mg_cmd_manifest(int argc, char **argv);

#endif

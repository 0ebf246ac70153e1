/* The subcommands of `manyguard`; each returns the process exit status. */
#ifndef MG_COMMANDS_H
#define MG_COMMANDS_H

int cmd_stub(int argc, char **argv);
int cmd_nonshared(int argc, char **argv);
int cmd_glibc(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_specs(int argc, char **argv);
int cmd_manifest(int argc, char **argv);
int cmd_openmp(int argc, char **argv);

#endif

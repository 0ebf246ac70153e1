# The manyguard command.
bin_PROGRAMS += tools/manyguard
tools_manyguard_SOURCES = tools/manyguard.c tools/commands.h tools/cli.c tools/cli.h \
	tools/cmd_stub.c tools/cmd_show.c tools/cmd_nonshared.c
tools_manyguard_CPPFLAGS = $(AM_CPPFLAGS) $(MG_CFLAGS)
tools_manyguard_LDADD = $(MG_LIBS)

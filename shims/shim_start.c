/* The start fix for executables that target glibc before 2.34.
 *
 * glibc 2.34's crt1.o and Scrt1.o call __libc_start_main@GLIBC_2.34 with
 * no init function: from 2.34 on, libc runs the executable's initializers
 * itself.  The old entry point, __libc_start_main@GLIBC_2.2.5, runs only
 * the init function it is given (the old crt's __libc_csu_init), so a
 * program linked naively against it never runs _init or its init_array:
 * C constructors are silently skipped, a C++ global std::string crashes.
 * This hidden __libc_start_main takes crt1.o's call and hands the old entry
 * point an init function doing what __libc_csu_init did in a dynamically
 * linked program: _init, then the init_array in order (the preinit_array
 * is the dynamic loader's job there).  It works for gcc and clang alike,
 * with the system's crt files.
 *
 * When the program is started as `ld.so PROG`, an old loader runs the
 * executable's initializers itself (its main map then has a name): a
 * first init_array entry (priority 0, before every user's) notes that they
 * ran, and the init function then does nothing, so nothing runs twice.
 * The fini_array and _fini are run by the loader in every case. */
#include <stddef.h>

#include "shim.h"

MG_SHIM_BELOW("GLIBC_2.34");

typedef int (*mg_main_fn)(int, char **, char **);
typedef void (*mg_init_fn)(int, char **, char **);

extern int mg_old_libc_start_main(mg_main_fn main, int argc, char **argv, mg_init_fn init,
				  void (*fini)(void), void (*rtld_fini)(void), void *stack_end);
MG_SHIM_OLD(mg_old_libc_start_main, __libc_start_main, MG_GLIBC_BASE);

/* From crti.o and the linker: the executable's own, never another's. */
extern void _init(void) __attribute__((visibility("hidden")));
extern mg_init_fn __init_array_start[] __attribute__((visibility("hidden")));
extern mg_init_fn __init_array_end[] __attribute__((visibility("hidden")));

static int mg_start_inits_ran;

static void mg_start_note_inits(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	(void)envp;
	mg_start_inits_ran = 1;
}

__attribute__((used, section(".init_array.00000")))
static mg_init_fn mg_start_note_entry = mg_start_note_inits;

static void mg_start_init(int argc, char **argv, char **envp)
{
	if (mg_start_inits_ran)
		return;
	_init();
	size_t n = (size_t)(__init_array_end - __init_array_start);
	for (size_t i = 0; i < n; i++)
		__init_array_start[i](argc, argv, envp);
}

MG_SHIM int __libc_start_main(mg_main_fn main, int argc, char **argv, mg_init_fn init,
			      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);

int __libc_start_main(mg_main_fn main, int argc, char **argv, mg_init_fn init,
		      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	(void)init;
	(void)fini;
	return mg_old_libc_start_main(main, argc, argv, mg_start_init, NULL, rtld_fini,
				      stack_end);
}

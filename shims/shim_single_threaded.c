/* __libc_single_threaded for targets before glibc 2.32.
 *
 * libstdc++'s headers (shared_ptr's reference counts, the locale and
 * string code) read this byte to skip atomic operations while a process
 * has a single thread, so nearly all C++ code built on a newer host refers
 * to it.  Its value 0 means "maybe multithreaded": always safe, only the
 * shortcut is lost.  Nothing ever sets it (an old libc would not keep it
 * up to date), and it is hidden: each output reads its own. */
#include "shim.h"

MG_SHIM char __libc_single_threaded = 0;

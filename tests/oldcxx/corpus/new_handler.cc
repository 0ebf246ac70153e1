// The new handler set through set_new_handler, read through
// get_new_handler and called by (aligned) operator new on failure.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <new>
static int calls;
static void handler()
{
	calls++;
	std::set_new_handler(nullptr); // the next failure throws
}
int corpus_run()
{
	std::set_new_handler(handler);
	std::printf("get_new_handler is ours %d\n", std::get_new_handler() == handler);
	try {
		void *p = ::operator new(~std::size_t(0) / 2, std::align_val_t(64));
		std::printf("allocated %p\n", p);
	} catch (const std::bad_alloc &) {
		std::printf("bad_alloc after %d handler call(s)\n", calls);
	}
	return 0;
}

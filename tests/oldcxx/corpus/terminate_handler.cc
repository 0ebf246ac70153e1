// The terminate handler set through set_terminate, read back through
// get_terminate (GLIBCXX_3.4.20).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <cstdlib>
#include <exception>
static void handler()
{
	std::_Exit(3);
}
int corpus_run()
{
	std::terminate_handler old = std::set_terminate(handler);
	std::printf("old handler set %d, get_terminate is ours %d\n", old != nullptr,
		    std::get_terminate() == handler);
	std::set_terminate(old);
	return 0;
}

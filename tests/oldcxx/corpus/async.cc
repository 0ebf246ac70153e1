// std::async: it retries a launch that failed with
// errc::resource_unavailable_try_again, comparing the runtime's error code.
// manylinux_2_17: refused std::_V2::generic_category()
// manylinux_2_28: runs
#include <cstdio>
#include <future>
int corpus_run()
{
	auto f = std::async(std::launch::async, [] { return 6 * 7; });
	std::printf("async %d\n", f.get());
	auto g = std::async(std::launch::deferred, [] { return 5; });
	std::printf("deferred %d\n", g.get());
	return 0;
}

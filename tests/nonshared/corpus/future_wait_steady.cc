// std::future::wait_for: __atomic_futex_unsigned_base::_M_futex_wait_until_steady, GLIBCXX_3.4.29
#include <chrono>
#include <cstdio>
#include <future>
int corpus_run()
{
	std::promise<int> p;
	std::future<int> f = p.get_future();
	auto st = f.wait_for(std::chrono::milliseconds(5));
	std::printf("before set: %s\n", st == std::future_status::timeout ? "timeout" : "ready");
	p.set_value(9);
	st = f.wait_for(std::chrono::milliseconds(5));
	std::printf("after set: %s %d\n", st == std::future_status::ready ? "ready" : "timeout", f.get());
	return 0;
}

// Threads, mutexes, condition variables, promises, call_once.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>
#include <vector>
int corpus_run()
{
	std::mutex m;
	std::condition_variable cv;
	int count = 0;
	std::vector<std::thread> ts;
	for (int i = 0; i < 4; i++)
		ts.emplace_back([&] {
			std::lock_guard<std::mutex> g(m);
			count++;
			cv.notify_all();
		});
	{
		std::unique_lock<std::mutex> l(m);
		cv.wait(l, [&] { return count == 4; });
	}
	for (auto &t : ts)
		t.join();
	std::printf("count %d\n", count);
	std::promise<int> p;
	std::future<int> pf = p.get_future();
	std::thread setter([&] { p.set_value(5); });
	std::printf("promise %d\n", pf.get());
	setter.join();
	static std::once_flag once;
	int n = 0;
	for (int i = 0; i < 3; i++)
		std::call_once(once, [&] { n++; });
	std::printf("call_once ran %d time(s)\n", n);
	std::unique_lock<std::mutex> l(m);
	bool woke = cv.wait_for(l, std::chrono::milliseconds(1), [] { return false; });
	std::printf("wait_for timed out %d\n", !woke);
	return 0;
}

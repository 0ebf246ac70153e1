// steady_clock waits: libstdc++ (GCC 10+) calls pthread_cond_clockwait,
// pthread_mutex_clocklock and pthread_rwlock_clock* (glibc 2.30).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>

extern "C" int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	using namespace std::chrono;
	std::mutex m;
	std::condition_variable cv;
	bool ready = false;
	std::unique_lock<std::mutex> lk(m);
	auto t0 = steady_clock::now();
	bool woke = cv.wait_for(lk, milliseconds(30), [&] { return ready; });
	auto waited = duration_cast<milliseconds>(steady_clock::now() - t0).count();
	std::printf("wait_for timed out %d after 30ms or more %d\n", !woke, waited >= 29);
	std::thread t([&] {
		std::lock_guard<std::mutex> g(m);
		ready = true;
		cv.notify_one();
	});
	woke = cv.wait_until(lk, steady_clock::now() + seconds(10), [&] { return ready; });
	lk.unlock();
	t.join();
	std::printf("wait_until woken %d\n", woke);

	std::timed_mutex tm;
	tm.lock();
	std::thread t2([&] { std::printf("try_lock_for %d\n", tm.try_lock_for(milliseconds(20))); });
	t2.join();
	tm.unlock();
	std::shared_timed_mutex sm;
	sm.lock();
	std::thread t3([&] {
		std::printf("try_lock_shared_for %d\n", sm.try_lock_shared_for(milliseconds(20)));
	});
	t3.join();
	sm.unlock();
	return 0;
}

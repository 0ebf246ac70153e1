// C++20 atomic wait/notify, latch, barrier, counting_semaphore.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <atomic>
#include <barrier>
#include <cstdio>
#include <latch>
#include <semaphore>
#include <thread>
int corpus_run()
{
	std::atomic<int> a{0};
	std::thread t([&] {
		a.store(1);
		a.notify_one();
	});
	a.wait(0);
	t.join();
	std::printf("atomic woke with %d\n", a.load());
	std::latch l(2);
	std::thread u([&] { l.count_down(); });
	l.count_down();
	l.wait();
	u.join();
	std::printf("latch done\n");
	int phases = 0;
	std::barrier b(2, [&]() noexcept { phases++; });
	std::thread v([&] { b.arrive_and_wait(); b.arrive_and_wait(); });
	b.arrive_and_wait();
	b.arrive_and_wait();
	v.join();
	std::printf("barrier phases %d\n", phases);
	std::counting_semaphore<4> s(0);
	std::thread w([&] { s.release(2); });
	s.acquire();
	s.acquire();
	w.join();
	std::printf("semaphore acquired twice\n");
	return 0;
}

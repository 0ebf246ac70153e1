// Atomic access to shared_ptr (the runtime's mutex pool), weak_ptr.
// manylinux_2_17: refused std::_Sp_locker::_Sp_locker(void const*)
// manylinux_2_28: runs
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
int corpus_run()
{
	auto p = std::make_shared<int>(1);
	std::thread t([&] {
		for (int i = 0; i < 1000; i++)
			std::atomic_store(&p, std::make_shared<int>(i));
	});
	for (int i = 0; i < 1000; i++)
		(void)std::atomic_load(&p);
	t.join();
	std::printf("last %d\n", *std::atomic_load(&p));
	std::weak_ptr<int> w = p;
	std::printf("weak alive %d use_count %ld\n", !w.expired(), p.use_count());
	return 0;
}

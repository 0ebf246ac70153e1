// Uses only old runtime symbols: exceptions across functions, threads, mutex.
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>
static int total;
static std::mutex lock;
static void add(int n)
{
	std::lock_guard<std::mutex> g(lock);
	total += n;
}
int corpus_run()
{
	std::vector<std::thread> ts;
	for (int i = 1; i <= 4; i++)
		ts.emplace_back(add, i);
	for (auto &t : ts)
		t.join();
	try {
		throw std::out_of_range("range");
	} catch (const std::logic_error &e) {
		std::printf("total %d, caught %s\n", total, e.what());
	}
	return 0;
}

// C++ globals: a std::string and objects constructed before main (the
// start fix), a thread_local with a destructor, iostreams, shared_ptr
// (libstdc++'s headers read __libc_single_threaded, glibc 2.32).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

std::string greeting = std::string(40, 'g') + "!";
static int built;
struct Counter {
	Counter() { built++; }
} counters[3];

struct Tracer {
	~Tracer() { std::printf("thread_local destroyed\n"); }
	int n = 7;
};
thread_local Tracer tracer;

extern "C" int corpus_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	std::cout << "greeting " << greeting.size() << " built " << built << std::endl;
	auto p = std::make_shared<std::string>("shared");
	auto q = p;
	std::cout << *q << " uses " << p.use_count() << std::endl;
	std::thread t([] { std::printf("in thread %d\n", tracer.n); });
	t.join();
	return 0;
}

// C++ through the wrappers: a global std::string (its constructor must run
// before main), threads (linked with -pthread, as on the old systems:
// docs/glibc.md) and iostream.
#include <atomic>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

std::string greeting = "hello from a global std::string";

int main()
{
	std::atomic<int> sum{0};
	std::vector<std::thread> threads;
	for (int i = 1; i <= 4; i++)
		threads.emplace_back([&sum, i] { sum += i; });
	for (auto &t : threads)
		t.join();
	std::cout << greeting << ", threads " << sum << std::endl;
	return 0;
}

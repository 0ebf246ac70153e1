// Over-aligned new and delete (CXXABI_1.3.11).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdint>
#include <cstdio>
#include <memory>
#include <new>
#include <vector>
struct alignas(128) block {
	char data[200];
};
int corpus_run()
{
	block *b = new block;
	std::printf("single aligned %d\n", reinterpret_cast<std::uintptr_t>(b) % 128 == 0);
	delete b;
	block *arr = new block[5];
	std::printf("array aligned %d\n", reinterpret_cast<std::uintptr_t>(arr) % 128 == 0);
	delete[] arr;
	std::vector<block> v(3);
	std::printf("vector aligned %d\n", reinterpret_cast<std::uintptr_t>(v.data()) % 128 == 0);
	void *p = ::operator new(64, std::align_val_t(4096), std::nothrow);
	std::printf("nothrow page aligned %d\n", reinterpret_cast<std::uintptr_t>(p) % 4096 == 0);
	::operator delete(p, std::align_val_t(4096));
	return 0;
}

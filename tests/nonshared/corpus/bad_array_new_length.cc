// std::__throw_bad_array_new_length: GLIBCXX_3.4.29 (allocator<T>::allocate overflow)
#include <cstdio>
#include <memory>
#include <new>
int corpus_run()
{
	std::allocator<long> a;
	volatile std::size_t huge = std::size_t(-1) / 4;
	try {
		long *p = a.allocate(huge);
		a.deallocate(p, huge);
		std::printf("allocated?\n");
	} catch (const std::bad_array_new_length &e) {
		std::printf("caught bad_array_new_length\n");
	} catch (const std::bad_alloc &e) {
		std::printf("caught bad_alloc\n");
	}
	return 0;
}

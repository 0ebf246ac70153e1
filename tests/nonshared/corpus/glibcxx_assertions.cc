// -D_GLIBCXX_ASSERTIONS: std::__glibcxx_assert_fail, GLIBCXX_3.4.30 (not called: in bounds)
#define _GLIBCXX_ASSERTIONS 1
#include <cstdio>
#include <vector>
int corpus_run()
{
	std::vector<int> v = { 4, 5, 6 };
	volatile std::size_t i = 2;
	std::printf("%d %d\n", v[i], v.front());
	return 0;
}

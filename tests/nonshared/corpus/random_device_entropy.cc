// std::random_device::entropy(): _M_getentropy, GLIBCXX_3.4.25 (newer than manylinux_2_28)
// left out for 2_28: _M_getentropy reads the representation the baseline's _M_init writes
#include <cstdio>
#include <random>
int corpus_run()
{
	std::random_device rd;
	double e = rd.entropy();
	unsigned v = rd();
	std::printf("entropy %s, value drawn %s\n", e >= 0 ? "known" : "negative",
		    v == v ? "yes" : "no");
	return 0;
}

// std::random_device::entropy() of the default device (GLIBCXX_3.4.25).
// manylinux_2_17: refused std::random_device::_M_getentropy() const
// manylinux_2_28: refused std::random_device::_M_getentropy() const
#include <cstdio>
#include <random>
int corpus_run()
{
	std::random_device rd;
	std::printf("entropy %g\n", rd.entropy());
	return 0;
}

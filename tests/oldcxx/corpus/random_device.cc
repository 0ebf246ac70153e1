// std::random_device: construction from a token and drawing values.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <random>
int corpus_run()
{
	std::random_device rd;
	unsigned a = rd(), b = rd(), c = rd();
	std::printf("drew three values, all equal %d\n", a == b && b == c);
	std::random_device urandom("/dev/urandom");
	std::uniform_int_distribution<int> d(1, 6);
	int x = d(urandom);
	std::printf("die in range %d\n", x >= 1 && x <= 6);
	return 0;
}

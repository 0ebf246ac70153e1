// std::pmr pools: GLIBCXX_3.4.26 (newer than manylinux_2_28)
#include <cstdio>
#include <memory_resource>
#include <vector>
int corpus_run()
{
	std::pmr::unsynchronized_pool_resource pool;
	std::pmr::vector<int> v(&pool);
	for (int i = 0; i < 100; i++)
		v.push_back(i * i);
	std::printf("%d %zu\n", v[99], v.size());
	std::pmr::monotonic_buffer_resource mono;
	std::pmr::vector<char> c(&mono);
	c.assign(10, 'z');
	std::printf("%c %zu\n", c[9], c.size());
	return 0;
}

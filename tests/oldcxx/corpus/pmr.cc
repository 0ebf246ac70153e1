// std::pmr: pools, the default resource, new_delete_resource (GLIBCXX_3.4.26).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <memory_resource>
#include <vector>
int corpus_run()
{
	std::pmr::unsynchronized_pool_resource pool;
	std::pmr::vector<int> v(&pool);
	for (int i = 0; i < 1000; i++)
		v.push_back(i * 3);
	std::printf("pool: %d %zu\n", v[999], v.size());
	char buffer[256];
	std::pmr::monotonic_buffer_resource mono(buffer, sizeof buffer);
	std::pmr::vector<char> c(&mono);
	c.assign(100, 'm');
	std::printf("monotonic: %c %zu\n", c[99], c.size());
	std::pmr::vector<long> d; // the default resource
	d.resize(10, 7);
	std::printf("default is new_delete: %d, sum %ld\n",
		    std::pmr::get_default_resource() == std::pmr::new_delete_resource(),
		    d[0] + d[9]);
	return 0;
}

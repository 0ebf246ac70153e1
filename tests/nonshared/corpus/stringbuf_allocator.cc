// std::stringbuf(ios::openmode, const allocator&) and get_allocator(): GLIBCXX_3.4.29
// cxxflags: -O0 (the members are inline; unoptimised code calls the library)
#include <cstdio>
#include <sstream>
int corpus_run()
{
	std::allocator<char> alloc;
	std::stringbuf buf(std::ios::in | std::ios::out, alloc);
	buf.sputn("abc", 3);
	std::printf("%s %d\n", buf.str().c_str(), buf.get_allocator() == alloc);
	return 0;
}

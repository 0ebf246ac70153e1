// std::string::reserve() (no argument, shrink request): GLIBCXX_3.4.29
// cxxflags: -std=c++17 -O0 -Wno-deprecated-declarations (the members are inline; unoptimised code calls the library)
#include <cstdio>
#include <string>
int corpus_run()
{
	std::string s(100, 'x');
	s.resize(3);
	s.reserve();
	std::wstring w(50, L'y');
	w.resize(2);
	w.reserve();
	std::printf("%s %zu %zu\n", s.c_str(), s.size(), w.size());
	return 0;
}

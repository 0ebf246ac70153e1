// std::stringstream::view(): GLIBCXX_3.4.29 (C++20)
// cxxflags: -O0 (the members are inline; unoptimised code calls the library)
#include <cstdio>
#include <sstream>
#include <string_view>
int corpus_run()
{
	std::stringstream ss;
	ss << "view of " << 3 << " items";
	std::string_view v = ss.view();
	std::printf("%.*s (%zu)\n", int(v.size()), v.data(), v.size());
	return 0;
}

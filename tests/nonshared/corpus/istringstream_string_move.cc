// std::istringstream(std::string&&): GLIBCXX_3.4.29 (C++20)
// cxxflags: -O0 (the members are inline; unoptimised code calls the library)
#include <cstdio>
#include <sstream>
#include <string>
int corpus_run()
{
	std::string text = "10 20 30";
	std::istringstream is(std::move(text));
	int a, b, c;
	is >> a >> b >> c;
	std::printf("sum %d\n", a + b + c);
	return 0;
}

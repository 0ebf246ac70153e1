// std::wostringstream::view(): GLIBCXX_3.4.29 (wide)
// cxxflags: -O0 (the members are inline; unoptimised code calls the library)
#include <cstdio>
#include <sstream>
int corpus_run()
{
	std::wostringstream os;
	os << L"wide " << 7;
	std::wstring_view v = os.view();
	std::printf("%zu chars, last %lc\n", v.size(), (wint_t)v.back());
	return 0;
}

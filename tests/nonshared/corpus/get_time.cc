// std::get_time on an istringstream built from a string rvalue: the facet
// is the shared runtime's; the stream constructor is GLIBCXX_3.4.29
// cxxflags: -O0
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <sstream>
int corpus_run()
{
	std::tm t = {};
	std::istringstream is("2024-02-29 13:45:07");
	is >> std::get_time(&t, "%Y-%m-%d %H:%M:%S");
	std::printf("%s %d %d %d %d %d %d\n", is.fail() ? "fail" : "ok", t.tm_year + 1900,
		    t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
	return 0;
}

// std::time_get over a custom iterator type: the facet is instantiated in
// user code and needs std::__time_get_state::_M_finalize_state, GLIBCXX_3.4.30
#include <cstdio>
#include <ctime>
#include <ios>
#include <locale>
#include <sstream>
#include <string>
using Facet = std::time_get<char, std::string::const_iterator>;
int corpus_run()
{
	std::locale loc(std::locale::classic(), new Facet);
	const Facet &f = std::use_facet<Facet>(loc);
	std::string text = "2024-02-29 13:45:07";
	std::istringstream fmt;
	fmt.imbue(loc);
	std::ios_base::iostate state = std::ios_base::goodbit;
	std::tm t = {};
	const char pattern[] = "%Y-%m-%d %H:%M:%S";
	f.get(text.cbegin(), text.cend(), fmt, state, &t, pattern, pattern + sizeof pattern - 1);
	std::printf("%s %d-%02d-%02d %02d:%02d:%02d\n", (state & std::ios_base::failbit) ? "fail" : "ok",
		    t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
	return 0;
}

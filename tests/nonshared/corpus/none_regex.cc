// Uses only old runtime symbols: <regex> (locale, ctype) and ostringstream.
#include <cstdio>
#include <regex>
#include <sstream>
int corpus_run()
{
	std::regex re("([a-z]+)-([0-9]+)");
	std::smatch m;
	std::string s = "item-42";
	std::ostringstream os;
	if (std::regex_match(s, m, re))
		os << m[1] << "/" << m[2];
	std::printf("%s\n", os.str().c_str());
	return 0;
}

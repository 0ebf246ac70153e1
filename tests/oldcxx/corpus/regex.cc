// std::regex: regex_traits looks up ctype and collate in its locale.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <regex>
#include <string>
int corpus_run()
{
	std::regex re("([a-z]+)-([0-9]+)", std::regex::icase);
	std::smatch m;
	std::string s = "Item-42";
	bool ok = std::regex_match(s, m, re);
	std::printf("match %d: %s %s\n", ok, ok ? m[1].str().c_str() : "", ok ? m[2].str().c_str() : "");
	std::printf("%s\n", std::regex_replace(std::string("a1b22c333"), std::regex("[0-9]+"), "#").c_str());
	std::regex cls("[[:alpha:]]+[[:digit:]]");
	std::printf("class match %d\n", std::regex_match(std::string("abc7"), cls));
	return 0;
}

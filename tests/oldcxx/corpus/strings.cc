// std::string operations, conversions, and the exceptions they throw.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
int corpus_run()
{
	std::string s = "manyguard";
	s.reserve(100);
	s.shrink_to_fit();
	s += std::to_string(42);
	std::printf("%s size %zu starts_with many %d\n", s.c_str(), s.size(), s.starts_with("many"));
	std::printf("stoi %d stod %g\n", std::stoi("-17"), std::stod("2.5"));
	try {
		(void)std::stoi("99999999999999999999");
	} catch (const std::out_of_range &e) {
		std::printf("out_of_range from stoi\n");
	}
	try {
		(void)s.at(1000);
	} catch (const std::out_of_range &e) {
		std::printf("out_of_range from at\n");
	}
	std::string_view v = s;
	std::printf("view %.*s\n", static_cast<int>(v.substr(4, 5).size()), v.substr(4, 5).data());
	return 0;
}

#include <charconv>
#include <cstdio>
#include <string>

// std::to_chars(double) is GLIBCXX_3.4.29: newer than manylinux_2_28.
extern "C" int greet(char *buf, int size)
{
	std::string s = "greet ";
	char num[32];
	auto r = std::to_chars(num, num + sizeof num, 0.25);
	s.append(num, r.ptr);
	return std::snprintf(buf, size, "%s", s.c_str());
}

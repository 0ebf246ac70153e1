// std::to_chars(double) is GLIBCXX_3.4.29 (GCC 11): newer than manylinux_2_28.
#include <charconv>
#include <cstdio>

extern "C" int format_double(char *buf, int size, double d)
{
	auto r = std::to_chars(buf, buf + size, d);
	*r.ptr = '\0';
	return static_cast<int>(r.ptr - buf);
}

#ifdef WITH_MAIN
int main()
{
	char buf[64];
	format_double(buf, sizeof buf - 1, 1.5);
	std::puts(buf);
}
#endif

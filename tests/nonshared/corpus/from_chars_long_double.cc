// std::from_chars(long double): GLIBCXX_3.4.29
#include <charconv>
#include <cstdio>
#include <cstring>
int corpus_run()
{
	const char *s = "0.333333333333333333333";
	long double v = 0;
	auto r = std::from_chars(s, s + std::strlen(s), v);
	std::printf("%.18Lf %s\n", v, r.ec == std::errc() ? "ok" : "error");
	return 0;
}

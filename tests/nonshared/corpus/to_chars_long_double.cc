// std::to_chars(long double): GLIBCXX_3.4.29
#include <charconv>
#include <cstdio>
int corpus_run()
{
	char buf[128];
	auto r = std::to_chars(buf, buf + sizeof buf, 1.0L / 3.0L);
	std::printf("%.*s\n", int(r.ptr - buf), buf);
	r = std::to_chars(buf, buf + sizeof buf, 6.02214076e23L, std::chars_format::general);
	std::printf("%.*s\n", int(r.ptr - buf), buf);
	return 0;
}

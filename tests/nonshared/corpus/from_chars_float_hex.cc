// std::from_chars(float, chars_format::hex): GLIBCXX_3.4.29
#include <charconv>
#include <cstdio>
#include <cstring>
int corpus_run()
{
	const char *s = "1.8p3";
	float f = 0;
	auto r = std::from_chars(s, s + std::strlen(s), f, std::chars_format::hex);
	std::printf("%g consumed %d\n", double(f), int(r.ptr - s));
	return 0;
}

// std::to_chars(float, chars_format, int): GLIBCXX_3.4.29
#include <charconv>
#include <cstdio>
int corpus_run()
{
	char buf[64];
	auto r = std::to_chars(buf, buf + sizeof buf, 3.14159f, std::chars_format::fixed, 3);
	std::printf("%.*s\n", int(r.ptr - buf), buf);
	r = std::to_chars(buf, buf + sizeof buf, 1234.5f, std::chars_format::scientific, 2);
	std::printf("%.*s\n", int(r.ptr - buf), buf);
	r = std::to_chars(buf, buf + sizeof buf, 0.5f, std::chars_format::hex);
	std::printf("%.*s\n", int(r.ptr - buf), buf);
	return 0;
}

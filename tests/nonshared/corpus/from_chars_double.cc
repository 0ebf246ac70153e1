// std::from_chars(double): GLIBCXX_3.4.29 (floating_from_chars.o)
#include <charconv>
#include <cstdio>
#include <cstring>
int corpus_run()
{
	const char *inputs[] = { "2.75", "1e-5", "-123.456", "inf" };
	for (const char *s : inputs) {
		double v = 0;
		auto r = std::from_chars(s, s + std::strlen(s), v);
		std::printf("%s -> %.17g (%s)\n", s, v, r.ec == std::errc() ? "ok" : "error");
	}
	return 0;
}

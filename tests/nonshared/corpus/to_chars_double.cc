// std::to_chars(double): GLIBCXX_3.4.29 (floating_to_chars.o)
#include <charconv>
#include <cstdio>
int corpus_run()
{
	const double values[] = { 3.25, 0.1, 1e300, -2.5e-7 };
	for (double v : values) {
		char buf[64];
		auto r = std::to_chars(buf, buf + sizeof buf, v);
		std::printf("%.*s\n", int(r.ptr - buf), buf);
	}
	return 0;
}

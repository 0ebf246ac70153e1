// std::to_chars / std::from_chars for integers and floating point
// (GLIBCXX_3.4.29 floating point; integers are header-only).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <charconv>
#include <cstdio>
#include <system_error>
int corpus_run()
{
	char buf[64];
	auto r = std::to_chars(buf, buf + sizeof buf, 3.14159);
	*r.ptr = '\0';
	std::printf("to_chars(double) %s\n", buf);
	r = std::to_chars(buf, buf + sizeof buf, 1.0f / 3, std::chars_format::scientific, 4);
	*r.ptr = '\0';
	std::printf("to_chars(float, scientific, 4) %s\n", buf);
	r = std::to_chars(buf, buf + sizeof buf, 255, 16);
	*r.ptr = '\0';
	std::printf("to_chars(int, 16) %s\n", buf);
	double d = 0;
	const char in[] = "2.5e-3";
	auto f = std::from_chars(in, in + sizeof in - 1, d);
	std::printf("from_chars(double) %g ok %d\n", d, f.ec == std::errc());
	int i = 0;
	const char bad[] = "zz";
	auto g = std::from_chars(bad, bad + 2, i);
	std::printf("from_chars(int, \"zz\") invalid %d\n", g.ec == std::errc::invalid_argument);
	return 0;
}

// Needs the C++ runtime (iostream) and one symbol newer than
// manylinux_2_28 (std::to_chars(double), GLIBCXX_3.4.29).
#include <charconv>
#include <iostream>

int main(int argc, char **argv)
{
	char buf[32];
	auto r = std::to_chars(buf, buf + sizeof buf, 1.5 * argc);
	std::cout << std::string(buf, r.ptr) << ' ' << (argv[1] ? argv[1] : "ok") << '\n';
	return 0;
}

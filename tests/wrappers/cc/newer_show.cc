#include <charconv>
#include <string>
std::string show(double d)
{
	char buf[64];
	auto r = std::to_chars(buf, buf + sizeof buf, d);
	return std::string(buf, r.ptr);
}
// The cache and farm tests compile this: one symbol newer than
// manylinux_2_28 (std::to_chars(double), GLIBCXX_3.4.29, line 6, which
// they find in the plugin's notes) that the split runtime provides.
// Comments stay below the code: the tests name the line.

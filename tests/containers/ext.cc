// An extension-like shared object: C entry points over C++ that needs
// symbols newer than manylinux_2_28's libstdc++ (std::to_chars for double
// is GLIBCXX_3.4.29) and throws across the library boundary.
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <string>

namespace {
std::string shortest(double v)
{
	char buf[64];
	auto r = std::to_chars(buf, buf + sizeof buf, v);
	if (r.ec != std::errc())
		throw std::runtime_error("to_chars failed");
	return std::string(buf, r.ptr);
}
}

extern "C" __attribute__((visibility("default"))) int mg_ext_format(double v, char *out, int size)
{
	try {
		std::string s = shortest(v);
		if (s.size() + 1 > static_cast<std::size_t>(size))
			throw std::length_error("buffer too small");
		std::memcpy(out, s.c_str(), s.size() + 1);
		return static_cast<int>(s.size());
	} catch (const std::exception &) {
		return -1;
	}
}

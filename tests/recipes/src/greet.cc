#include "greet.h"

#include <charconv>
#include <stdexcept>

std::string greet(double v)
{
	char buf[32];
	auto r = std::to_chars(buf, buf + sizeof buf, v);
	if (r.ec != std::errc())
		throw std::runtime_error("to_chars failed");
	return "greet " + std::string(buf, r.ptr);
}

// A small C++ program that uses runtime features newer than most users'
// libstdc++: floating-point std::to_chars (GLIBCXX_3.4.29) and moving the
// string out of an ostringstream (GLIBCXX_3.4.29, called unoptimised).
#include <charconv>
#include <cstdio>
#include <sstream>
#include <utility>

int main()
{
	std::ostringstream os;
	for (double v : { 0.1, 2.5e-8, 6.02214076e23 }) {
		char buf[32];
		auto r = std::to_chars(buf, buf + sizeof buf, v);
		os.write(buf, r.ptr - buf);
		os << ' ';
	}
	std::string s = std::move(os).str();
	std::printf("shortest round-trip forms: %s\n", s.c_str());
	return 0;
}

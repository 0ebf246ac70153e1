// Newer and older symbols together: to_chars into an ostringstream, moved out.
#include <charconv>
#include <cstdio>
#include <sstream>
#include <utility>
int corpus_run()
{
	std::ostringstream os;
	for (double v : { 1.5, 2.25, 1e10 }) {
		char buf[32];
		auto r = std::to_chars(buf, buf + sizeof buf, v);
		os.write(buf, r.ptr - buf);
		os << ';';
	}
	std::string s = std::move(os).str();
	std::printf("%s\n", s.c_str());
	return 0;
}

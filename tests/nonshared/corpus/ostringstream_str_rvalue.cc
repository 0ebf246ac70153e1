// std::ostringstream::str() &&: GLIBCXX_3.4.29 (moves the buffer out)
// cxxflags: -O0 (the members are inline; unoptimised code calls the library)
#include <cstdio>
#include <sstream>
#include <utility>
int corpus_run()
{
	std::ostringstream os;
	os << "moved out of the stream: " << 42;
	std::string s = std::move(os).str();
	std::printf("%s | left behind: \"%s\"\n", s.c_str(), os.str().c_str());
	return 0;
}

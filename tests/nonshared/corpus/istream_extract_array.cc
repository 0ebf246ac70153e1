// operator>>(istream&, char(&)[N]) (C++20): std::__istream_extract, GLIBCXX_3.4.29
#include <cstdio>
#include <sstream>
int corpus_run()
{
	std::istringstream is("truncated-word next");
	char word[6];
	is >> word;
	std::printf("[%s]\n", word);
	return 0;
}

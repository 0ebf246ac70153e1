// A user facet derived from std::numpunct, imbued into a stream: the
// runtime's num_put must find it under numpunct's id.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <iostream>
#include <locale>
#include <sstream>
struct thousands : std::numpunct<char> {
	char do_thousands_sep() const override { return '\''; }
	std::string do_grouping() const override { return "\3"; }
};
int corpus_run()
{
	std::ostringstream os;
	os.imbue(std::locale(std::locale::classic(), new thousands));
	os << 1234567 << ' ' << 9876543210LL;
	std::cout << os.str() << std::endl;
	return 0;
}

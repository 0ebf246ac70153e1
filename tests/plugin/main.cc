// The program of tests/integration/plugin_lto.sh: uses one function of
// uses.cc, so LTO keeps only that one's newer-symbol reference.
#include <cstdio>
#include <string>

std::string format_double(double d);

int main()
{
	std::string s = format_double(1.5);
	std::puts(s.c_str());
	return s == "1.5" ? 0 : 1;
}

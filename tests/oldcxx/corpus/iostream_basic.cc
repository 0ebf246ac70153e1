// Plain iostreams: nothing newer than any baseline.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <iomanip>
#include <iostream>
#include <string>
int corpus_run()
{
	std::cout << "hello " << 42 << ' ' << std::fixed << std::setprecision(2) << 2.0 / 3 << std::endl;
	std::string s(3, 'x');
	std::cout << std::setw(6) << s << '|' << std::left << std::setw(6) << s << '|' << std::endl;
	return 0;
}

// String streams: str(), the C++20 rvalue str(), formatting.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <iomanip>
#include <iostream>
#include <sstream>
int corpus_run()
{
	std::ostringstream os;
	os << std::setprecision(3) << 3.14159 << ' ' << std::hex << 255 << ' ' << std::boolalpha << true;
	std::cout << os.str() << std::endl;
	std::string moved = std::move(os).str();
	std::cout << "moved " << moved.size() << std::endl;
	std::istringstream in("12 abc 4.5");
	int i;
	std::string w;
	double d;
	in >> i >> w >> d;
	std::cout << i << ' ' << w << ' ' << d << std::endl;
	return 0;
}

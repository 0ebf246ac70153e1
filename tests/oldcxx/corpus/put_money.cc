// put_money into a stream imbued with the classic locale (the money_put
// facet of the process's runtime), then a double.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <iomanip>
#include <iostream>
#include <locale>
#include <sstream>
int corpus_run()
{
	std::ostringstream os;
	os.imbue(std::locale::classic());
	os << std::put_money(12345) << ' ' << 3.14159;
	std::cout << "[" << os.str() << "] good " << os.good() << std::endl;
	return 0;
}

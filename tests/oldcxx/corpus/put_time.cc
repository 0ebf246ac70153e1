// std::put_time and the time_put facet; std::put_money's sibling for time.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>
int corpus_run()
{
	std::tm t = {};
	t.tm_year = 99;
	t.tm_mon = 11;
	t.tm_mday = 31;
	t.tm_hour = 23;
	t.tm_min = 59;
	std::ostringstream os;
	os << std::put_time(&t, "%Y-%m-%d %H:%M");
	std::cout << os.str() << " good " << os.good() << std::endl;
	return 0;
}

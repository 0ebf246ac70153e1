// std::get_time: the time_get facet of the stream's locale.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>
int corpus_run()
{
	std::tm t = {};
	std::istringstream in("2024-03-05 10:20");
	in >> std::get_time(&t, "%Y-%m-%d %H:%M");
	std::cout << "ok " << !in.fail() << " year " << t.tm_year + 1900 << " mon " << t.tm_mon + 1
		  << " day " << t.tm_mday << " " << t.tm_hour << ":" << t.tm_min << std::endl;
	return 0;
}

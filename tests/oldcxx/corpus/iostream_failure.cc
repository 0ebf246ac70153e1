// An ios_base::failure thrown by the runtime's streams, caught here.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <fstream>
#include <iostream>
int corpus_run()
{
	std::ifstream f;
	f.exceptions(std::ios::failbit);
	try {
		f.open("/nonexistent/manyguard");
		std::cout << "no exception" << std::endl;
	} catch (const std::ios_base::failure &e) {
		std::cout << "caught ios_base::failure" << std::endl;
	} catch (const std::exception &e) {
		std::cout << "caught another exception" << std::endl;
	}
	return 0;
}

// Uses only old runtime symbols: iostream.
#include <iostream>
int corpus_run()
{
	std::cout << "hello from the baseline runtime " << 12 << std::endl;
	return 0;
}

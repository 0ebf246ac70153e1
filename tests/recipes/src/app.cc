#include <iostream>

#include "greet.h"

int main()
{
	std::cout << greet(0.25) << '\n';
	return 0;
}

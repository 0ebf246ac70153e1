// std::exception_ptr copies: exception_ptr::_M_addref/_M_release, CXXABI_1.3.13
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <vector>
int corpus_run()
{
	std::exception_ptr p;
	try {
		throw std::runtime_error("kept for later");
	} catch (...) {
		p = std::current_exception();
	}
	std::vector<std::exception_ptr> copies(3, p);
	try {
		std::rethrow_exception(copies[2]);
	} catch (const std::exception &e) {
		std::printf("%s (%zu copies)\n", e.what(), copies.size());
	}
	return 0;
}

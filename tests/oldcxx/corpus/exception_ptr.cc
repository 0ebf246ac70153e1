// exception_ptr, nested exceptions, uncaught_exceptions.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <exception>
#include <stdexcept>
struct guard {
	~guard() { std::printf("uncaught in unwinding %d\n", std::uncaught_exceptions()); }
};
int corpus_run()
{
	// First: GCC 4.8's rethrow_exception does not count the exception it
	// throws as uncaught (PR libstdc++/62258), which leaves the count at -1
	// for the rest of the thread on that runtime.
	try {
		guard g;
		throw 1;
	} catch (int) {
	}
	std::exception_ptr p = std::make_exception_ptr(std::runtime_error("boxed"));
	try {
		std::rethrow_exception(p);
	} catch (const std::runtime_error &e) {
		std::printf("rethrown: %s\n", e.what());
	}
	try {
		try {
			throw std::out_of_range("inner");
		} catch (...) {
			std::throw_with_nested(std::logic_error("outer"));
		}
	} catch (const std::logic_error &e) {
		std::printf("outer: %s\n", e.what());
		try {
			std::rethrow_if_nested(e);
		} catch (const std::out_of_range &in) {
			std::printf("nested: %s\n", in.what());
		}
	}
	std::exception_ptr cur;
	try {
		throw std::invalid_argument("current");
	} catch (...) {
		cur = std::current_exception();
	}
	std::printf("current captured %d\n", static_cast<bool>(cur));
	return 0;
}

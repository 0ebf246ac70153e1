// An error_code made in one shared object and compared in another (the
// executable): error categories are compared by address.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <system_error>
std::error_code xdso_make_io_error();
int corpus_run()
{
	std::error_code ec = xdso_make_io_error();
	std::printf("value %d, == errc::io_error %d, generic category %d\n", ec.value(),
		    ec == std::errc::io_error, ec.category() == std::generic_category());
	return 0;
}

// The shared object half of xdso_exception.cc.
// manylinux_2_17: refused std::_V2::generic_category()
// manylinux_2_28: runs
#include <filesystem>
#include <stdexcept>
#include <system_error>
__attribute__((visibility("default"))) void xdso_throw(int which)
{
	if (which == 0)
		throw std::filesystem::filesystem_error(
			"gone", std::make_error_code(std::errc::no_such_file_or_directory));
	if (which == 1)
		throw std::range_error("out of range");
	volatile long n = -1;
	int *p = new int[n];
	delete[] p;
}

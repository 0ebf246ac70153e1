// The shared object half of xdso_error_code.cc.
// manylinux_2_17: refused std::_V2::generic_category()
// manylinux_2_28: runs
#include <system_error>
__attribute__((visibility("default"))) std::error_code xdso_make_io_error()
{
	return std::make_error_code(std::errc::io_error);
}

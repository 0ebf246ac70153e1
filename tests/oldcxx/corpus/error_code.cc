// error_code / error_condition made and compared here.
// manylinux_2_17: refused std::_V2::generic_category()
// manylinux_2_28: runs
#include <cerrno>
#include <cstdio>
#include <system_error>
int corpus_run()
{
	std::error_code ec = std::make_error_code(std::errc::invalid_argument);
	std::printf("%s: %s, == errc %d\n", ec.category().name(), ec.message().c_str(),
		    ec == std::errc::invalid_argument);
	std::error_code sys(ENOENT, std::system_category());
	std::printf("system ENOENT == errc::no_such_file_or_directory %d\n",
		    sys == std::errc::no_such_file_or_directory);
	std::error_condition cond = sys.default_error_condition();
	std::printf("default condition generic %d, value %d\n",
		    cond.category() == std::generic_category(), cond.value());
	return 0;
}

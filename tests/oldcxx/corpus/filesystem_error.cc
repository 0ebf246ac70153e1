// std::filesystem::filesystem_error thrown by the library, caught here.
// manylinux_2_17: refused std::filesystem::file_size(std::filesystem::path const&)
// manylinux_2_28: runs
#include <cstdio>
#include <filesystem>
#include <system_error>
int corpus_run()
{
	namespace fs = std::filesystem;
	try {
		(void)fs::file_size("/nonexistent/manyguard");
		std::printf("no exception\n");
	} catch (const fs::filesystem_error &e) {
		std::printf("filesystem_error: path1 %s, == errc::no_such_file_or_directory %d\n",
			    e.path1().c_str(), e.code() == std::errc::no_such_file_or_directory);
	}
	return 0;
}

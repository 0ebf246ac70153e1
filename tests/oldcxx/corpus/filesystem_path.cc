// std::filesystem paths and status queries with error_code (GLIBCXX_3.4.26).
// manylinux_2_17: refused std::filesystem::status(std::filesystem::path const&, std::error_code&)
// manylinux_2_28: runs
#include <cstdio>
#include <filesystem>
#include <system_error>
int corpus_run()
{
	namespace fs = std::filesystem;
	fs::path p = "/usr/lib/../include/./stdio.h";
	std::printf("%s %s %s\n", p.lexically_normal().c_str(), p.filename().c_str(),
		    p.extension().c_str());
	std::printf("root is a directory: %d\n", fs::is_directory("/"));
	std::error_code ec;
	auto st = fs::status("/nonexistent/manyguard", ec);
	std::printf("missing: type not_found %d, ec %d, == errc::no_such_file_or_directory %d\n",
		    st.type() == fs::file_type::not_found, ec.value(),
		    ec == std::errc::no_such_file_or_directory);
	return 0;
}

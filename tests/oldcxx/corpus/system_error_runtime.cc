// A std::system_error thrown by the runtime (joining a thread that is not
// joinable), caught here: its error_code comes from the runtime.
// manylinux_2_17: refused std::_V2::generic_category()
// manylinux_2_28: runs
#include <cstdio>
#include <system_error>
#include <thread>
int corpus_run()
{
	std::thread t;
	try {
		t.join();
	} catch (const std::system_error &e) {
		std::printf("value %d\n", e.code().value());
		std::printf("message %s\n", e.code().message().c_str());
		std::printf("== errc::invalid_argument %d\n", e.code() == std::errc::invalid_argument);
		std::printf("generic category %d\n", e.code().category() == std::generic_category());
	}
	return 0;
}

// Exceptions thrown in one shared object, caught in another by their type.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <filesystem>
#include <stdexcept>
void xdso_throw(int which);
int corpus_run()
{
	for (int which = 0; which < 3; which++) {
		try {
			xdso_throw(which);
		} catch (const std::filesystem::filesystem_error &e) {
			std::printf("filesystem_error, == errc::no_such_file_or_directory %d\n",
				    e.code() == std::errc::no_such_file_or_directory);
		} catch (const std::range_error &e) {
			std::printf("range_error %s\n", e.what());
		} catch (const std::bad_array_new_length &e) {
			std::printf("bad_array_new_length\n");
		} catch (...) {
			std::printf("something else\n");
		}
	}
	return 0;
}

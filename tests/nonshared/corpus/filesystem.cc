// std::filesystem: GLIBCXX_3.4.26 (newer than manylinux_2_28, old for bullseye)
#include <cstdio>
#include <filesystem>
int corpus_run()
{
	namespace fs = std::filesystem;
	fs::path p = "/usr/lib/../include/./stdio.h";
	std::printf("%s %s %s\n", p.lexically_normal().c_str(), p.filename().c_str(),
		    p.extension().c_str());
	std::printf("root exists: %d\n", fs::exists("/"));
	return 0;
}

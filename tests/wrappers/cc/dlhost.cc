// A C++ process, as a Python interpreter with a C++ extension loaded is:
// it links libstdc++ and dlopens a shared object with RTLD_NOW, then calls
// its format_double (tests/wrappers/ld/to_chars.cc) and prints the text.
// Exit 125 with dlerror()'s text when the object does not load.
#include <cstdio>
#include <dlfcn.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	void *h = dlopen(argv[1], RTLD_NOW);
	if (!h) {
		std::fprintf(stderr, "dlopen: %s\n", dlerror());
		return 125;
	}
	auto fn = reinterpret_cast<int (*)(char *, int, double)>(dlsym(h, "format_double"));
	if (!fn)
		return 124;
	char buf[64];
	fn(buf, sizeof buf - 1, 1.5);
	std::puts(buf);
	return 0;
}

// The executable's initializers on glibc 2.17 (the start fix): a global
// std::string built by a constructor, a global object whose constructor
// prints, a C-style constructor, and their order.  Built with the old
// string ABI (the test links it against GCC 4.8.5's libstdc++ 6.0.19).
#include <cstdio>
#include <cstring>
#include <string>

static char order[64]; // constant-initialized: usable by the earliest constructor
__attribute__((constructor(101))) static void early() { std::strcat(order, "early "); }
std::string greeting(40, 'x');
struct Global {
	Global() { std::strcat(order, greeting.size() == 40 ? "global " : "global-too-early "); }
	~Global() { std::printf("destructor ran\n"); }
} global;

int main()
{
	std::printf("%s| %s %zu\n", order, greeting.substr(0, 3).c_str(), greeting.size());
	greeting += "!";
	std::printf("%zu\n", greeting.size());
	return 0;
}

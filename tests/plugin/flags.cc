// A small C++ unit for the option facts of the object notes (no newer
// symbols): tests/integration/plugin_notes.sh compiles it with various flags.
#include <string>

std::string greeting(const char *who)
{
	return std::string("hello, ") + who;
}

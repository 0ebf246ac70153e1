// An inline function whose only path to std::to_chars is a branch the
// optimiser removes when EXACT is false (tests/plugin/uses.cc).
#include <charconv>

inline int render(char *b, char *e, double d, bool exact)
{
	if (exact)
		return (int)(std::to_chars(b, e, d).ptr - b);
	return 0;
}

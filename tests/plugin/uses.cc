// Real uses of runtime symbols newer than manylinux_2_28 (GLIBCXX_3.4.24),
// for tests/integration/plugin_*.sh: the line and column numbers of the
// uses below are asserted there, so keep them where they are.
#include <charconv>
#include <memory_resource>
#include <sstream>
#include <string>

#include "removed.h"

std::string format_double(double d)
{
	char buf[64];
	auto r = std::to_chars(buf, buf + sizeof buf, d);
	return std::string(buf, r.ptr);
}

std::string take_string(std::ostringstream &os)
{
	return std::move(os).str();
}

// Only reaches std::to_chars through render()'s branch that the optimiser
// removes at -O1 and above.
int render_inexact(char *b, char *e, double d)
{
	return render(b, e, d, false);
}

// An initialiser: the reference is in data, not in code.
using to_chars_double = std::to_chars_result (*)(char *, char *, double);
to_chars_double formatters[] = {static_cast<to_chars_double>(std::to_chars)};

// A vtable and typeinfo: arena's typeinfo names its base's.
struct arena : std::pmr::memory_resource {
	void *do_allocate(std::size_t, std::size_t) override;
	void do_deallocate(void *, std::size_t, std::size_t) override {}
	bool do_is_equal(const memory_resource &o) const noexcept override { return this == &o; }
};
void *arena::do_allocate(std::size_t, std::size_t) { return nullptr; }

// A name set with asm(): the reference is to the assembler name.
extern "C" std::to_chars_result raw_to_chars(char *, char *, double) __asm__("_ZSt8to_charsPcS_d");
int raw_length(char *b, char *e, double d)
{
	return (int)(raw_to_chars(b, e, d).ptr - b);
}

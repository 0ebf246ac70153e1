// A small C++ shared object: strings, exceptions, iostreams.
#include <sstream>
#include <stdexcept>
#include <string>

extern "C" int lib_entry(int x)
{
	std::ostringstream os;
	os << "value " << x;
	try {
		if (x < 0)
			throw std::runtime_error(os.str());
	} catch (const std::exception &e) {
		return -static_cast<int>(std::string(e.what()).size());
	}
	return static_cast<int>(os.str().size());
}

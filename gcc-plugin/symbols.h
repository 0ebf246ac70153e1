/* The newer-symbols table: what `manyguard nonshared` wrote to
 * newer-symbols.txt (symbol TAB version TAB status TAB demangled), keyed by
 * the mangled name.  Plain C++, no GCC headers, so it is the same code in
 * every GCC the plugin is built for. */
#ifndef MG_PLUGIN_SYMBOLS_H
#define MG_PLUGIN_SYMBOLS_H

#include <string>
#include <unordered_map>

namespace mg_plugin {

struct newer_symbol {
	std::string version;   /* GLIBCXX_3.4.29 */
	std::string status;    /* provided, hazard, not-in-archive, ... */
	std::string demangled; /* as c++filt prints it */
};

class symbol_table {
public:
	/* Read PATH; on failure returns false and sets *WHY. */
	bool load(const std::string &path, std::string *why);
	/* The entry for the mangled NAME (LEN bytes), or nullptr. */
	const newer_symbol *find(const char *name, size_t len) const;
	bool empty() const { return table_.empty(); }
	size_t size() const { return table_.size(); }

private:
	std::unordered_map<std::string, newer_symbol> table_;
};

/* True when STATUS means the symbol can be linked (privately). */
bool status_links(const std::string &status);

/* The second half of a diagnostic: what happens to a use of a symbol with
 * STATUS ("it will be linked privately from the nonshared archive"). */
const char *status_consequence(const std::string &status);

} // namespace mg_plugin

#endif

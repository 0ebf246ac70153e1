/* Reading newer-symbols.txt (format: docs/nonshared.md). */
#include "symbols.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace mg_plugin {

static const char header_prefix[] = "# manyguard newer-symbols 1";

/* Split LINE at tabs into exactly FIELDS fields; false when it has another
 * number of them. */
static bool split_tabs(const std::string &line, std::string *fields, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		size_t tab = line.find('\t', start);
		if ((tab == std::string::npos) != (i == n - 1))
			return false;
		fields[i] = line.substr(start, tab == std::string::npos ? std::string::npos
								       : tab - start);
		start = tab + 1;
	}
	return true;
}

bool symbol_table::load(const std::string &path, std::string *why)
{
	std::ifstream in(path);
	if (!in) {
		*why = std::strerror(errno);
		return false;
	}
	std::string line;
	if (!std::getline(in, line) || line.compare(0, sizeof header_prefix - 1, header_prefix) != 0) {
		*why = "not a newer-symbols.txt file (the first line is not \"" +
		       std::string(header_prefix) + " ...\")";
		return false;
	}
	unsigned long lineno = 1;
	while (std::getline(in, line)) {
		lineno++;
		if (line.empty() || line[0] == '#')
			continue;
		std::string f[4];
		if (!split_tabs(line, f, 4) || f[0].empty() || f[1].empty()) {
			*why = "line " + std::to_string(lineno) +
			       ": expected symbol TAB version TAB status TAB demangled";
			return false;
		}
		table_[f[0]] = newer_symbol{f[1], f[2], f[3].empty() ? f[0] : f[3]};
	}
	if (in.bad()) {
		*why = std::strerror(errno);
		return false;
	}
	return true;
}

const newer_symbol *symbol_table::find(const char *name, size_t len) const
{
	if (table_.empty())
		return nullptr;
	auto it = table_.find(std::string(name, len));
	return it == table_.end() ? nullptr : &it->second;
}

bool status_links(const std::string &status)
{
	return status == "provided" || status == "hazard-allowed" || status == "forwarded";
}

const char *status_consequence(const std::string &status)
{
	if (status == "provided")
		return "it will be linked privately from the nonshared archive";
	if (status == "forwarded")
		return "it will be linked from manyguard's forwarder, which reaches the shared "
		       "runtime's state through the baseline's own functions";
	if (status == "hazard-allowed")
		return "it will be linked privately from the nonshared archive although it "
		       "shares state or identity with the shared runtime (hazard allowed with "
		       "--allow-hazard)";
	if (status == "hazard")
		return "it will not link: the nonshared archive leaves it out because it "
		       "shares state or identity with the shared runtime (see report.json)";
	if (status == "not-in-archive")
		return "it will not link: only the shared runtime has it, the static archive "
		       "has no copy to link privately";
	if (status == "unresolved")
		return "it will not link: its code needs a symbol that neither the baseline nor "
		       "the nonshared archive provides (see report.json)";
	return "it will not link (unknown status in newer-symbols.txt)";
}

} // namespace mg_plugin

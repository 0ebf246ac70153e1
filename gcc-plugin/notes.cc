/* Formatting the object notes (format: notes.h, docs/plugin.md). */
#include "notes.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <tuple>

namespace mg_plugin {

static const char producer[] = "manyguard-plugin " MG_PLUGIN_VERSION;

void sort_uses(std::vector<symbol_use> &uses)
{
	auto key = [](const symbol_use &u) {
		return std::tie(u.file, u.line, u.column, u.symbol);
	};
	std::sort(uses.begin(), uses.end(),
		  [&](const symbol_use &a, const symbol_use &b) { return key(a) < key(b); });
	uses.erase(std::unique(uses.begin(), uses.end(),
			       [&](const symbol_use &a, const symbol_use &b) {
				       return key(a) == key(b);
			       }),
		   uses.end());
}

/* Values are one line each: backslash and control bytes are escaped, so a
 * file name with a tab or newline cannot break the format. */
static void append_escaped(std::string &out, const std::string &value)
{
	for (unsigned char c : value) {
		if (c == '\\') {
			out += "\\\\";
		} else if (c < 0x20 || c == 0x7f) {
			char buf[5];
			std::snprintf(buf, sizeof buf, "\\x%02x", c);
			out += buf;
		} else {
			out += static_cast<char>(c);
		}
	}
}

static void append_pair(std::string &out, const char *key, const std::string &value)
{
	if (value.empty())
		return;
	out += key;
	out += '=';
	append_escaped(out, value);
	out += '\n';
}

/* Negative numbers mean "not recorded". */
static void append_pair(std::string &out, const char *key, int value)
{
	if (value >= 0)
		append_pair(out, key, std::to_string(value));
}

std::string format_notes(const unit_facts &facts, const std::vector<symbol_use> &uses)
{
	std::string out = MG_OBJNOTES_HEADER + std::to_string(MG_OBJNOTES_FORMAT) + "\n";
	append_pair(out, MG_OBJNOTES_KEY_PRODUCER, producer);
	append_pair(out, MG_OBJNOTES_KEY_COMPILER, facts.compiler);
	append_pair(out, MG_OBJNOTES_KEY_LANGUAGE, facts.language);
	append_pair(out, MG_OBJNOTES_KEY_STD, facts.std);
	append_pair(out, MG_OBJNOTES_KEY_PIC, facts.pic);
	append_pair(out, MG_OBJNOTES_KEY_PIE, facts.pie);
	append_pair(out, MG_OBJNOTES_KEY_OPENMP, facts.openmp);
	append_pair(out, MG_OBJNOTES_KEY_OPENMP_VERSION, facts.openmp_version);
	append_pair(out, MG_OBJNOTES_KEY_CXX11_ABI, facts.cxx11_abi);
	append_pair(out, MG_OBJNOTES_KEY_EXCEPTIONS, facts.exceptions);
	append_pair(out, MG_OBJNOTES_KEY_RTTI, facts.rtti);
	append_pair(out, MG_OBJNOTES_KEY_BASELINE, facts.baseline);
	for (const symbol_use &u : uses) {
		out += MG_OBJNOTES_KEY_SYMBOL "=";
		append_escaped(out, u.symbol);
		out += '\t';
		append_escaped(out, u.info->version);
		out += '\t';
		append_escaped(out, u.info->status);
		out += '\t' + std::to_string(u.line) + '\t' + std::to_string(u.column) + '\t';
		append_escaped(out, u.file);
		out += '\n';
	}
	out += MG_OBJNOTES_END "\n";
	return out;
}

std::string std_from_language_name(const char *lang_name, bool iso)
{
	/* GCC names the dialect in effect: "GNU C++17", "GNU C2X", "GNU C89". */
	const char *cxx = "GNU C++", *c = "GNU C";
	std::string version;
	const char *prefix;
	if (std::strncmp(lang_name, cxx, std::strlen(cxx)) == 0) {
		version = lang_name + std::strlen(cxx);
		prefix = iso ? "c++" : "gnu++";
	} else if (std::strncmp(lang_name, c, std::strlen(c)) == 0) {
		version = lang_name + std::strlen(c);
		prefix = iso ? "c" : "gnu";
	} else {
		return "";
	}
	if (version.empty() || !std::all_of(version.begin(), version.end(), ::isalnum))
		return "";
	std::transform(version.begin(), version.end(), version.begin(), ::tolower);
	return prefix + version;
}

} // namespace mg_plugin

// codecvt_utf8 through wstring_convert (GLIBCXX_3.4.21 facets, used directly).
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <codecvt>
#include <cstdio>
#include <locale>
#include <string>
int corpus_run()
{
	std::wstring_convert<std::codecvt_utf8<wchar_t>> conv;
	std::string utf8 = conv.to_bytes(L"gr\u00fc\u00df");
	std::printf("utf8 bytes %zu\n", utf8.size());
	std::wstring back = conv.from_bytes(utf8);
	std::printf("wide chars %zu, last %x\n", back.size(), static_cast<unsigned>(back.back()));
	std::wstring_convert<std::codecvt_utf8_utf16<char16_t>, char16_t> u16;
	std::printf("utf16 units %zu\n", u16.from_bytes("\xf0\x9f\x98\x80").size());
	return 0;
}

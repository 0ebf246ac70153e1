// Facets of the classic locale, looked up with use_facet / has_facet.
// manylinux_2_17: runs
// manylinux_2_28: runs
#include <cstdio>
#include <locale>
int corpus_run()
{
	const std::locale &c = std::locale::classic();
	const auto &ct = std::use_facet<std::ctype<char>>(c);
	std::printf("toupper %c, is digit %d\n", ct.toupper('q'), ct.is(std::ctype_base::digit, '7'));
	const auto &np = std::use_facet<std::numpunct<char>>(c);
	std::printf("decimal point '%c', truename %s\n", np.decimal_point(), np.truename().c_str());
	std::printf("has money_put %d, has time_get %d, has collate %d\n",
		    std::has_facet<std::money_put<char>>(c), std::has_facet<std::time_get<char>>(c),
		    std::has_facet<std::collate<char>>(c));
	const auto &co = std::use_facet<std::collate<char>>(c);
	const char a[] = "apple", b[] = "banana";
	std::printf("collate compare %d\n", co.compare(a, a + 5, b, b + 6));
	return 0;
}

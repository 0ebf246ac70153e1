// Uses only old runtime symbols: containers, algorithms, strings.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>
int corpus_run()
{
	std::vector<std::string> words = { "pear", "apple", "fig", "apple" };
	std::sort(words.begin(), words.end());
	std::map<std::string, int> count;
	for (const auto &w : words)
		count[w]++;
	for (const auto &[w, n] : count)
		std::printf("%s=%d ", w.c_str(), n);
	std::printf("\n");
	return 0;
}

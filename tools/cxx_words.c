/* See cxx_words.h. */
#include "config.h"
#include "tools/cxx_words.h"

#include <stdio.h>
#include <string.h>

void cxx_words_print(const mg_manifest_summary *s)
{
	if (s->cxx_abi || s->baseline_cxx11_abi >= 0) {
		const char *abi = !s->cxx_abi			   ? "not recorded (no plugin notes)"
				  : strcmp(s->cxx_abi, "old") == 0 ? "old (_GLIBCXX_USE_CXX11_ABI=0)"
				  : strcmp(s->cxx_abi, "new") == 0 ? "new (_GLIBCXX_USE_CXX11_ABI=1)"
								   : "mixed (objects of both)";
		printf("  C++ ABI: %s%s\n", abi,
		       s->baseline_cxx11_abi == 0   ? "; the baseline predates the C++11 ABI"
		       : s->baseline_cxx11_abi == 1 ? "; the baseline has both ABIs"
						    : "");
	}
	for (size_t i = 0; i < s->n_hazards && i < sizeof s->hazards / sizeof s->hazards[0]; i++)
		printf("  C++ hazard accepted (MANYGUARD_ALLOW_HAZARD): %s [%s]\n",
		       s->hazards[i] ? s->hazards[i] : "?",
		       s->hazard_classes[i] ? s->hazard_classes[i] : "hazard");
	if (s->n_hazards > sizeof s->hazards / sizeof s->hazards[0])
		printf("  ... and %zu more hazards accepted\n",
		       s->n_hazards - sizeof s->hazards / sizeof s->hazards[0]);
	if (s->n_forwarded)
		printf("  C++ symbols from manyguard's forwarders: %zu\n", s->n_forwarded);
}

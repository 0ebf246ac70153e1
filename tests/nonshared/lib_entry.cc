// The shared-library form of a corpus program: the host calls this.
#include <cstdio>
int corpus_run();
extern "C" __attribute__((visibility("default"))) int corpus_entry()
{
	int rc = corpus_run();
	std::fflush(stdout);
	return rc;
}

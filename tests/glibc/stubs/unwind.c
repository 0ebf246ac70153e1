/* A C program that needs libgcc_s (the unwinder): the compiler's own
 * libgcc_s.so.1 needs the host's glibc, so the link must see a stub of it
 * capped at the policy. */
#include <stdio.h>
#include <unwind.h>

static _Unwind_Reason_Code count(struct _Unwind_Context *context, void *arg)
{
	(void)context;
	++*(int *)arg;
	return _URC_NO_REASON;
}

int main(void)
{
	int frames = 0;
	_Unwind_Backtrace(count, &frames);
	printf("unwound %s\n", frames > 1 ? "several frames" : "nothing");
	return 0;
}

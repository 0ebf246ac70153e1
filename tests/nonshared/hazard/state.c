/* Member state.o of a miniature C++ runtime: old_bump is in the baseline
 * (GLIBCXX_3.4.20), new_peek and new_pure are newer (GLIBCXX_3.4.30).
 * new_peek reads the file-local counter that old_bump writes: linked
 * privately while old_bump comes from the shared runtime, it would read a
 * second, never-incremented counter. */
static int counter;

int old_bump(void)
{
	return ++counter;
}

int new_peek(void)
{
	return counter;
}

int new_pure(int x)
{
	return 2 * x;
}

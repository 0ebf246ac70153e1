/* A C unit with an OpenMP loop (tests/integration/plugin_notes.sh). */
int sum_to(int n)
{
	int s = 0;
#pragma omp parallel for reduction(+ : s)
	for (int i = 0; i < n; i++)
		s += i;
	return s;
}

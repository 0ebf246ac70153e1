// The executable form of a corpus program.
int corpus_run();
int main()
{
	return corpus_run();
}

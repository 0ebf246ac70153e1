/* The executable form of a corpus program. */
int corpus_main(int argc, char **argv);

int main(int argc, char **argv)
{
	return corpus_main(argc, argv);
}

/* Member user.o: a newer function that only reaches the counter through
 * new_peek, in another member. */
int new_peek(void);

int new_uses_peek(void)
{
	return new_peek() + 100;
}

/* Linker scripts as the link line reader meets them (libc.so, libm.so,
 * the runtime directory's libstdc++.so): the inputs of INPUT and GROUP,
 * AS_NEEDED lists included; everything else a script says is the real
 * linker's business. */
#include "config.h"
#include "ld/ld_script.h"
#include "base/grow.h"

#include <libiberty/libiberty.h>
#include <stdlib.h>
#include <string.h>

/* Scripts are small; these limits keep a hostile input from costing much. */
#define MAX_ENTRIES 4096
#define MAX_NAME 4096

typedef enum tok_kind { TOK_END, TOK_WORD, TOK_OPEN, TOK_CLOSE } tok_kind;

typedef struct lexer {
	const char *p, *end;
	const char *word; /* TOK_WORD: start and length */
	size_t len;
} lexer;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whitespace, commas (separators inside INPUT/GROUP) and comments. */
static void skip_blank(lexer *lx)
{
	while (lx->p < lx->end) {
		if (is_space(*lx->p) || *lx->p == ',') {
			lx->p++;
		} else if (lx->end - lx->p >= 2 && lx->p[0] == '/' && lx->p[1] == '*') {
			const char *q = lx->p + 2;
			while (q + 1 < lx->end && !(q[0] == '*' && q[1] == '/'))
				q++;
			lx->p = q + 1 < lx->end ? q + 2 : lx->end;
		} else {
			return;
		}
	}
}

static tok_kind next_token(lexer *lx)
{
	skip_blank(lx);
	if (lx->p >= lx->end)
		return TOK_END;
	char c = *lx->p;
	if (c == '(' || c == ')') {
		lx->p++;
		return c == '(' ? TOK_OPEN : TOK_CLOSE;
	}
	if (c == '"') {
		const char *q = memchr(lx->p + 1, '"', (size_t)(lx->end - lx->p - 1));
		const char *stop = q ? q : lx->end;
		lx->word = lx->p + 1;
		lx->len = (size_t)(stop - lx->word);
		lx->p = q ? q + 1 : lx->end;
		return TOK_WORD;
	}
	lx->word = lx->p;
	while (lx->p < lx->end && !is_space(*lx->p) && *lx->p != ',' && *lx->p != '(' &&
	       *lx->p != ')' && !(lx->end - lx->p >= 2 && lx->p[0] == '/' && lx->p[1] == '*'))
		lx->p++;
	lx->len = (size_t)(lx->p - lx->word);
	return TOK_WORD;
}

static bool word_is(const lexer *lx, const char *kw)
{
	return lx->len == strlen(kw) && memcmp(lx->word, kw, lx->len) == 0;
}

static int add_entry(ld_script *s, const lexer *lx, bool as_needed, const char *name,
		     mg_error *err)
{
	if (s->count >= MAX_ENTRIES)
		return mg_error_set(err, name, "linker script names more than %d inputs", MAX_ENTRIES);
	if (lx->len == 0 || lx->len >= MAX_NAME)
		return mg_error_set(err, name, "linker script names an input of length %zu", lx->len);
	MG_GROW(s->entries, s->count + 1, s->cap);
	s->entries[s->count].name = xstrndup(lx->word, lx->len);
	s->entries[s->count].as_needed = as_needed;
	s->count++;
	return 0;
}

/* The inside of INPUT( / GROUP( up to its ')', with AS_NEEDED( nested
 * once (ld does not allow it deeper). */
static int parse_input_list(lexer *lx, ld_script *s, const char *name, mg_error *err)
{
	bool as_needed = false;

	for (;;) {
		tok_kind t = next_token(lx);
		if (t == TOK_END)
			return mg_error_set(err, name, "linker script: missing ')' in INPUT or GROUP");
		if (t == TOK_CLOSE) {
			if (!as_needed)
				return 0;
			as_needed = false;
			continue;
		}
		if (t == TOK_OPEN)
			return mg_error_set(err, name, "linker script: unexpected '(' in INPUT or GROUP");
		if (word_is(lx, "AS_NEEDED") && !as_needed) {
			if (next_token(lx) != TOK_OPEN)
				return mg_error_set(err, name, "linker script: AS_NEEDED without '('");
			as_needed = true;
			continue;
		}
		if (add_entry(s, lx, as_needed, name, err) < 0)
			return -1;
	}
}

/* Skip the arguments of a command that does not name inputs. */
static void skip_group(lexer *lx)
{
	size_t depth = 1;
	while (depth > 0) {
		tok_kind t = next_token(lx);
		if (t == TOK_END)
			return;
		if (t == TOK_OPEN)
			depth++;
		else if (t == TOK_CLOSE)
			depth--;
	}
}

int ld_script_parse(const char *text, size_t len, const char *name,
		       ld_script *out, mg_error *err)
{
	lexer lx = {.p = text, .end = text + len};
	bool found = false;

	*out = (ld_script){0};
	/* A NUL byte never appears in a script: binary input is not one. */
	if (memchr(text, '\0', len))
		return 0;
	for (tok_kind t = next_token(&lx); t != TOK_END; t = next_token(&lx)) {
		if (t != TOK_WORD)
			continue;
		bool input = word_is(&lx, "INPUT") || word_is(&lx, "GROUP");
		const char *save = lx.p;
		if (next_token(&lx) != TOK_OPEN) {
			lx.p = save;
			continue;
		}
		if (!input) {
			skip_group(&lx);
			continue;
		}
		if (parse_input_list(&lx, out, name, err) < 0)
			return -1;
		found = true;
	}
	return found ? 1 : 0;
}

void ld_script_free(ld_script *script)
{
	for (size_t i = 0; i < script->count; i++)
		free(script->entries[i].name);
	free(script->entries);
	*script = (ld_script){0};
}

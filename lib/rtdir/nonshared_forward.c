/* Forwarders: newer symbols manyguard provides itself, built on the
 * baseline's own functions, where the compiler's implementation would fork
 * the runtime's state.  GCC 4.9 added std::get_new_handler(),
 * std::get_terminate() and std::get_unexpected(); the compiler's versions
 * read the handler variable of their own copy of the runtime, which the
 * shared runtime's set_new_handler() (and aligned operator new, and
 * std::terminate()) never see.  The baseline's setters return the previous
 * handler, so a getter can read the shared runtime's handler by setting and
 * restoring it.  The window between the two calls is the price: a handler
 * looked up by another thread in that instant is the placeholder (for new:
 * none, so operator new throws bad_alloc without calling the handler; for
 * terminate and unexpected: abort).  GCC 4.8's own operator new reads the
 * variable directly and is not affected.
 *
 * The forwarders are compiled, as C, with the compiler the runtime
 * directory is made for, into one hidden member of the archive. */
#include "config.h"

#include "base/run.h"
#include "rtdir/nonshared_internal.h"
#include "rtdir/stub.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

static const struct forwarder {
	const char *symbol; /* the newer symbol */
	const char *setter; /* the baseline function it is built on */
	const char *placeholder; /* what the handler is for the instant of the read */
	const char *why;
} forwarders[] = {
	{ "_ZSt15get_new_handlerv", "_ZSt15set_new_handlerPFvvE", "0",
	  "forwarded to the shared runtime's handler through std::set_new_handler (set and "
	  "restored): the compiler's get_new_handler reads a private copy that "
	  "set_new_handler never writes" },
	{ "_ZSt13get_terminatev", "_ZSt13set_terminatePFvvE", "abort",
	  "forwarded to the shared runtime's handler through std::set_terminate (set and "
	  "restored): the compiler's get_terminate reads a private copy that set_terminate "
	  "never writes" },
	{ "_ZSt14get_unexpectedv", "_ZSt14set_unexpectedPFvvE", "abort",
	  "forwarded to the shared runtime's handler through std::set_unexpected (set and "
	  "restored): the compiler's get_unexpected reads a private copy that "
	  "set_unexpected never writes" },
};
#define N_FORWARDERS (sizeof forwarders / sizeof forwarders[0])

void nonshared_forward_plan(mg_nonshared *ns, const mg_stub *baseline)
{
	for (size_t i = 0; i < N_FORWARDERS; i++) {
		mg_nonshared_symbol *s = nonshared_find_newer(ns, forwarders[i].symbol);
		if (!s || !mg_stub_defines(baseline, forwarders[i].setter))
			continue;
		s->status = MG_NONSHARED_FORWARDED;
		s->member = NONSHARED_FORWARD_MEMBER;
		s->reason = forwarders[i].why;
		void **slot = htab_find_slot(ns->forwarded, s->name, INSERT);
		*slot = (void *)s->name;
	}
}

/* The C source of the planned forwarders. */
static char *forward_source(const mg_nonshared *ns)
{
	char *src = xstrdup("/* manyguard forwarders (lib/rtdir/nonshared_forward.c) */\n"
			    "typedef void (*mg_handler)(void);\n"
			    "extern void abort(void);\n");
	for (size_t i = 0; i < N_FORWARDERS; i++) {
		const struct forwarder *f = &forwarders[i];
		if (!htab_find(ns->forwarded, f->symbol))
			continue;
		char *def = xasprintf(
			"extern mg_handler %s(mg_handler) __attribute__((visibility(\"default\")));\n"
			"__attribute__((visibility(\"hidden\"))) mg_handler %s(void)\n"
			"{\n"
			"\tmg_handler h = %s((mg_handler)%s);\n"
			"\t%s(h);\n"
			"\treturn h;\n"
			"}\n",
			f->setter, f->symbol, f->setter, f->placeholder, f->setter);
		src = reconcat(src, src, def, NULL);
		free(def);
	}
	return src;
}

static int read_whole(const char *path, void **out, size_t *size, mg_error *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		if (f)
			fclose(f);
		return mg_error_set(err, path, "cannot read: %s", strerror(errno));
	}
	*size = (size_t)st.st_size;
	*out = xmalloc(*size ? *size : 1);
	bool ok = fread(*out, 1, *size, f) == *size;
	fclose(f);
	if (!ok) {
		free(*out);
		*out = NULL;
		return mg_error_set(err, path, "cannot read: short read");
	}
	return 0;
}

int nonshared_forward_object(const mg_nonshared *ns, const char *cc, void **out, size_t *size,
		      mg_error *err)
{
	*out = NULL;
	*size = 0;
	if (htab_elements(ns->forwarded) == 0)
		return 0;
	char dir[] = "/tmp/manyguard-forward-XXXXXX";
	if (!mkdtemp(dir))
		return mg_error_set(err, "/tmp", "cannot create a directory: %s", strerror(errno));
	char *c_path = concat(dir, "/forward.c", NULL);
	char *o_path = concat(dir, "/forward.o", NULL);
	char *src = forward_source(ns);
	int rc = -1;
	FILE *f = fopen(c_path, "w");
	bool written = f && fwrite(src, 1, strlen(src), f) == strlen(src);
	if (f && fclose(f) != 0)
		written = false;
	if (!written) {
		mg_error_set(err, c_path, "cannot write: %s", strerror(errno));
		goto out;
	}
	/* -fno-asynchronous-unwind-tables keeps nothing of the compiler's in the
	 * member but the code; -g0 keeps the paths out of it. */
	const char *argv[] = { cc, "-x", "c", "-std=c99", "-O2", "-fPIC", "-g0",
			       "-fno-asynchronous-unwind-tables", "-fno-ident", "-c", "-o",
			       o_path, c_path, NULL };
	if (mg_run(argv, "the forwarders of the nonshared archive", NULL, err) != 0)
		goto out;
	rc = read_whole(o_path, out, size, err);
out:
	unlink(c_path);
	unlink(o_path);
	rmdir(dir);
	free(c_path);
	free(o_path);
	free(src);
	return rc;
}

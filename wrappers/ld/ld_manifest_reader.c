/* The link line's objects are inputs the linker only reads, so their
 * plugin notes are read on a second thread while the linker runs rather
 * than after it: the objects of a large C++ link hold tens of thousands
 * of sections each, and reading them was half of the wrapper's own time.
 * Their undefined names, which the provenance pass needs, are kept too.
 * The main thread only waits for the linker meanwhile; it touches neither
 * OBJS nor libelf nor jansson until mg_ldm_reader_wait returns. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include <libiberty/libiberty.h>

#include "ld/ld_manifest_internal.h"

struct mg_ldm_reader {
	pthread_t thread;
	const mg_ld_line *line;
	mg_ldm_objs *objs;
};

static void *read_objects(void *arg)
{
	mg_ldm_reader *r = arg;
	for (size_t i = 0; i < r->line->n_inputs; i++) {
		const mg_ld_input *in = &r->line->inputs[i];
		if (in->type == MG_LD_OBJECT && in->path)
			mg_ldm_obj_record(r->objs, in->path);
	}
	return NULL;
}

mg_ldm_reader *mg_ldm_reader_start(const mg_ld_line *line, mg_ldm_objs *objs)
{
	mg_ldm_reader *r = xcalloc(1, sizeof *r);
	r->line = line;
	r->objs = objs;
	if (pthread_create(&r->thread, NULL, read_objects, r) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

void mg_ldm_reader_wait(mg_ldm_reader *r)
{
	if (!r)
		return;
	pthread_join(r->thread, NULL);
	free(r);
}

/* The link line's objects are inputs the linker only reads, so their
 * plugin notes are read on a second thread while the linker runs rather
 * than after it: the objects of a large C++ link hold tens of thousands
 * of sections each, and reading them was half of the wrapper's own time.
 * Their undefined names, which the provenance pass needs, are kept too.
 * The main thread only waits for the linker meanwhile; it touches neither
 * OBJS nor libelf nor jansson until ld_manifest_reader_wait returns. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include <libiberty/libiberty.h>

#include "ld/ld_manifest_internal.h"

struct ld_manifest_reader {
	pthread_t thread;
	const ld_line *line;
	ld_manifest_objs *objs;
};

static void *read_objects(void *arg)
{
	ld_manifest_reader *r = arg;
	for (size_t i = 0; i < r->line->n_inputs; i++) {
		const ld_input *in = &r->line->inputs[i];
		if (in->type == LD_OBJECT && in->path)
			ld_manifest_obj_record(r->objs, in->path);
	}
	return NULL;
}

ld_manifest_reader *ld_manifest_reader_start(const ld_line *line, ld_manifest_objs *objs)
{
	ld_manifest_reader *r = xcalloc(1, sizeof *r);
	r->line = line;
	r->objs = objs;
	if (pthread_create(&r->thread, NULL, read_objects, r) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

void ld_manifest_reader_wait(ld_manifest_reader *r)
{
	if (!r)
		return;
	pthread_join(r->thread, NULL);
	free(r);
}

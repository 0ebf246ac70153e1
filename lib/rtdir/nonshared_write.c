/* Rewrite pass of the split: apply the plan to the selected members and
 * write them, in archive order, with the forwarders' member after them, as
 * a deterministic archive. */
#include "config.h"

#include "elf/elf_edit.h"
#include "rtdir/nonshared_internal.h"

#include <elf.h>
#include <stdlib.h>

#include <libiberty/libiberty.h>

static int rewrite_member(struct nonshared_member *m, void **out, size_t *size, mg_error *err)
{
	mg_elf_edit *ed = mg_elf_edit_open(m->ar->data, m->ar->size, m->ar->name, err);
	if (!ed)
		return -1;
	int rc = -1;
	for (size_t j = 1; j < m->nsyms; j++) {
		switch (m->action[j]) {
		case NS_HIDE:
			if (mg_elf_edit_set_visibility(ed, j, STV_HIDDEN, err) != 0)
				goto out;
			break;
		case NS_UNDEFINE:
			if (mg_elf_edit_undefine(ed, j, err) != 0)
				goto out;
			break;
		default:
			break;
		}
	}
	rc = mg_elf_edit_write(ed, out, size, err);
out:
	mg_elf_edit_close(ed);
	return rc;
}

int mg_nonshared_write_archive(mg_nonshared *ns, const char *path, const char *cc,
			       mg_error *err)
{
	mg_archive_writer *w = mg_archive_writer_new();
	void **bufs = xcalloc(ns->nmembers ? ns->nmembers : 1, sizeof *bufs);
	void *forward = NULL;
	size_t forward_size;
	int rc = -1;
	for (size_t i = 0; i < ns->nmembers; i++) {
		struct nonshared_member *m = &ns->members[i];
		if (!m->selected)
			continue;
		size_t size;
		if (rewrite_member(m, &bufs[i], &size, err) != 0 ||
		    mg_archive_writer_add(w, m->ar->name, bufs[i], size, err) != 0)
			goto out;
	}
	/* The forwarders last: the members that need them come before. */
	if (nonshared_forward_object(ns, cc, &forward, &forward_size, err) != 0 ||
	    (forward && mg_archive_writer_add(w, NONSHARED_FORWARD_MEMBER, forward, forward_size,
					      err) != 0))
		goto out;
	rc = mg_archive_writer_write(w, path, err);
out:
	free(forward);
	mg_archive_writer_free(w);
	for (size_t i = 0; i < ns->nmembers; i++)
		free(bufs[i]);
	free(bufs);
	return rc;
}

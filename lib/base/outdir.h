/* Output directories that appear whole or not at all: everything is
 * written into a staging directory next to the target, which replaces the
 * target in one rename at the end.  An aborted or failed run leaves no
 * staging directory behind and the old target (if any) untouched. */
#ifndef MG_OUTDIR_H
#define MG_OUTDIR_H

#include "base/error.h"

typedef struct mg_outdir mg_outdir;

/* Start writing the directory FINAL (its parent must exist or be
 * creatable).  Returns NULL with ERR set on failure. */
mg_outdir *mg_outdir_begin(const char *final, mg_error *err);

/* The staging directory to write into (owned by OUT). */
const char *mg_outdir_path(const mg_outdir *out);

/* FINAL as an absolute path with its parent resolved (the parent exists
 * once the directory is begun), for files that must name where the
 * directory will be: malloc'd, or NULL with ERR. */
char *mg_outdir_final_path(const mg_outdir *out, mg_error *err);

/* Replace FINAL with the staging directory (an existing FINAL is swapped
 * out atomically and then removed) and free OUT.  On failure the staging
 * directory is removed too. */
int mg_outdir_commit(mg_outdir *out, mg_error *err);

/* Remove the staging directory and free OUT.  NULL is allowed. */
void mg_outdir_abort(mg_outdir *out);

/* Write TEXT (NUL-terminated) as the file DIR/NAME, for the small text
 * files of a staging directory (linker scripts, reports): 0, or -1 with
 * ERR naming the file.  Written in place: the directory's commit is what
 * makes it appear whole. */
int mg_outdir_write_text(const char *dir, const char *name, const char *text, mg_error *err);

/* Where manyguard keeps the directories it makes for later runs (runtime,
 * glibc and OpenMP directories): $MANYGUARD_CACHE_DIR, else
 * $XDG_CACHE_HOME/manyguard, else ~/.cache/manyguard (malloc'd; not
 * created).  The compiler wrappers and the commands that make the same
 * directories ahead of time agree through this one function. */
char *mg_outdir_cache_root(void);

/* Remove PATH and everything below it (no symlink is followed). */
int mg_outdir_remove_tree(const char *path, mg_error *err);

#endif

/* openmp.json of a `manyguard openmp` directory, read back: the few facts
 * its users print (where the runtime came from, the policy and the highest
 * GLIBC version it needs). */
#include "config.h"

#include "policy/ompinfo.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "base/small_file.h"

void mg_ompinfo_free(mg_ompinfo *info)
{
	if (!info)
		return;
	free(info->dir);
	free(info->library);
	free(info->source);
	free(info->policy);
	free(info->glibc_max);
	memset(info, 0, sizeof *info);
}

static char *json_text(json_t *root, const char *key)
{
	const char *s = json_string_value(json_object_get(root, key));
	return s ? xstrdup(s) : NULL;
}

int mg_ompinfo_parse(const char *text, size_t len, const char *path, const char *dir,
		     mg_ompinfo *info, mg_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, 0, &jerr);
	int rc = -1;

	memset(info, 0, sizeof *info);
	if (!root || !json_is_object(root)) {
		mg_error_set(err, path, "not a JSON object%s%s", root ? "" : ": ",
			     root ? "" : jerr.text);
		goto out;
	}
	info->source = json_text(root, "source");
	info->policy = json_text(root, "policy");
	info->glibc_max = json_text(root, "glibc_max");
	const char *soname = json_string_value(json_object_get(root, "soname"));
	if (!info->source || !info->policy || !info->glibc_max || !soname ||
	    strcmp(soname, MG_OMPINFO_SONAME) != 0) {
		mg_error_set(err, path, "lacks source, policy, glibc_max or soname "
			     MG_OMPINFO_SONAME);
		goto out;
	}
	info->dir = xstrdup(dir);
	info->library = concat(dir, "/" MG_OMPINFO_SONAME, NULL);
	rc = 1;
out:
	if (rc != 1)
		mg_ompinfo_free(info);
	json_decref(root);
	return rc;
}

int mg_ompinfo_read(const char *dir, mg_ompinfo *info, mg_error *err)
{
	char *path = NULL, *text = NULL, *real = NULL;
	size_t len;
	int rc = -1;

	memset(info, 0, sizeof *info);
	path = concat(dir, "/" MG_OMPINFO_FILE, NULL);
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		rc = 0;
		goto out;
	}
	if (!(real = realpath(dir, NULL))) {
		mg_error_set(err, dir, "%s", strerror(errno));
		goto out;
	}
	if (!(text = mg_small_file_read(path, 1 << 16, &len, err)))
		goto out;
	rc = mg_ompinfo_parse(text, len, path, real, info, err);
out:
	free(text);
	free(path);
	free(real);
	return rc;
}

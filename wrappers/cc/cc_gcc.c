/* What GCC gets that clang does not: manyguard's specs (-specs=) and its
 * plugin for the compiler's major version, with the runtime directory's
 * newer-symbols table and the baseline as the plugin's arguments. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libiberty/libiberty.h>

#include "cc/cc_cache.h"
#include "cc/cc_gcc.h"

#if !defined(MG_SPECS_FILE) || !defined(MG_PLUGIN_DIR)
#error "MG_SPECS_FILE and MG_PLUGIN_DIR must be defined by the build"
#endif

static const char *env_or(const char *name, const char *fallback)
{
	const char *value = getenv(name);
	return value && *value ? value : fallback;
}

const char *cc_gcc_specs_file(void)
{
	return env_or("MANYGUARD_SPECS", MG_SPECS_FILE);
}

int cc_gcc_add_specs(cc_args *out, mg_error *err)
{
	const char *file = cc_gcc_specs_file();
	if (access(file, R_OK) != 0)
		return mg_error_set(err, file, "cannot read manyguard's specs for GCC: %s "
				    "(an incomplete installation? MANYGUARD_SPECS names another file)",
				    strerror(errno));
	char *opt = concat("-specs=", file, NULL);
	cc_args_add(out, opt);
	free(opt);
	cc_args_add(out, CC_GCC_WRAPPED_SWITCH);
	return 0;
}

/* MANYGUARD_PLUGIN: unset, "" or "on" load it; "off" does not. */
static int plugin_switch(bool *on, mg_error *err)
{
	const char *value = getenv("MANYGUARD_PLUGIN");
	if (!value || !*value || strcmp(value, "on") == 0) {
		*on = true;
		return 0;
	}
	if (strcmp(value, "off") == 0) {
		*on = false;
		return 0;
	}
	return mg_error_set(err, NULL, "MANYGUARD_PLUGIN=\"%s\": expected on or off", value);
}

int cc_gcc_plugin(const cc_compiler *cc, char **plugin, char **build_out, mg_error *err)
{
	*plugin = *build_out = NULL;
	bool on;
	if (plugin_switch(&on, err) != 0)
		return -1;
	if (!on)
		return 0;
	char *version = cc_cache_compiler_answer(cc, "-dumpversion", err);
	if (!version)
		return -1;
	version[strcspn(version, ".")] = '\0';
	const char *dir = env_or("MANYGUARD_PLUGIN_DIR", MG_PLUGIN_DIR);
	/* A directory without a build for this GCC means no plugin for it; a
	 * directory that is not there is a mistake, which would otherwise
	 * switch the plugin off for every compile without a word. */
	const char *set = getenv("MANYGUARD_PLUGIN_DIR");
	struct stat st;
	const char *why = !set || !*set	     ? NULL
			  : stat(set, &st) != 0	     ? strerror(errno)
			  : !S_ISDIR(st.st_mode) ? "not a directory"
						 : NULL;
	if (why) {
		mg_error_set(err, set, "MANYGUARD_PLUGIN_DIR names no directory: %s", why);
		free(version);
		return -1;
	}
	char *build = concat(dir, "/manyguard-gcc", version, ".so", NULL);
	if (access(build, R_OK) == 0) {
		*plugin = concat(dir, "/manyguard.so", NULL);
		*build_out = build;
	} else {
		free(build);
	}
	free(version);
	return 0;
}

void cc_gcc_add_plugin(cc_args *out, const char *plugin, const char *runtime_dir,
		       const char *baseline)
{
	char *opt = concat("-fplugin=", plugin, NULL);
	cc_args_add(out, opt);
	free(opt);
	if (runtime_dir) {
		opt = concat("-fplugin-arg-manyguard-symbols=", runtime_dir, "/newer-symbols.txt",
			     NULL);
		cc_args_add(out, opt);
		free(opt);
	}
	opt = concat("-fplugin-arg-manyguard-baseline=", baseline, NULL);
	cc_args_add(out, opt);
	free(opt);
}

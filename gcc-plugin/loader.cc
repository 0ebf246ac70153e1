/* manyguard.so: the plugin users load.  It holds no GCC code itself: it
 * picks manyguard-gccN.so, built against GCC N's plugin headers, for the
 * GCC major it runs in, from its own directory, and hands over to it.  A
 * plugin built for another GCC usually cannot even be loaded (GCC dlopens
 * with RTLD_NOW and the internal symbols differ between releases), so the
 * check has to happen here, before any GCC symbol is needed, to give a
 * clear message instead of the dynamic linker's. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>

/* Only for struct plugin_name_args and plugin_gcc_version, which every GCC
 * since 4.5 lays out the same way. */
#include "gcc-plugin.h"

int plugin_is_GPL_compatible;

static void complain(const char *fmt, const std::string &a, const std::string &b)
{
	fprintf(stderr, "%s: error: manyguard plugin: ", program_invocation_short_name);
	fprintf(stderr, fmt, a.c_str(), b.c_str());
	fputc('\n', stderr);
}

int plugin_init(plugin_name_args *info, plugin_gcc_version *version)
{
	std::string basever = version->basever ? version->basever : "";
	std::string major = basever.substr(0, basever.find('.'));
	std::string self = info->full_name;
	size_t slash = self.rfind('/');
	std::string dir = slash == std::string::npos ? "." : self.substr(0, slash);
	std::string impl = dir + "/manyguard-gcc" + major + ".so";
	if (access(impl.c_str(), R_OK) != 0) {
		complain("not built for GCC %s (this installation has builds for GCC "
			 MG_PLUGIN_MAJORS "); rebuild manyguard with that compiler's plugin "
			 "headers, or use a compiler it was built for (%s is missing)",
			 basever, impl);
		return 1;
	}
	void *handle = dlopen(impl.c_str(), RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		complain("cannot load the build for GCC %s: %s", basever, dlerror());
		return 1;
	}
	void *sym = dlsym(handle, "plugin_init");
	if (!sym) {
		complain("%s has no plugin_init%s", impl, "");
		return 1;
	}
	return reinterpret_cast<plugin_init_func>(sym)(info, version);
}

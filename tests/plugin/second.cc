// A trivial second GCC plugin for tests/integration/plugin_coexist.sh: like
// manyguard it adds a pass after "optimized" and writes an excluded section
// at the end of the unit (.second_plugin: "functions=N").
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "output.h"

int plugin_is_GPL_compatible;

static int functions;

static const pass_data count_data = {GIMPLE_PASS, "second_count", OPTGROUP_NONE, TV_NONE,
				     PROP_cfg, 0, 0, 0, 0};

class count_pass : public gimple_opt_pass {
public:
	count_pass() : gimple_opt_pass(count_data, g) {}
	unsigned int execute(function *) final override
	{
		functions++;
		return 0;
	}
};

static void finish_unit(void *, void *)
{
	if (!asm_out_file)
		return;
	char text[64];
	int n = snprintf(text, sizeof text, "functions=%d\n", functions);
	switch_to_section(get_section(".second_plugin", SECTION_DEBUG | SECTION_EXCLUDE, NULL));
	assemble_string(text, n);
}

int plugin_init(plugin_name_args *info, plugin_gcc_version *version)
{
	if (!plugin_default_version_check(version, &gcc_version))
		return 1;
	register_pass_info pass = {new count_pass(), "optimized", 1, PASS_POS_INSERT_AFTER};
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass);
	register_callback(info->base_name, PLUGIN_FINISH_UNIT, finish_unit, NULL);
	return 0;
}

/* manyguard's GCC plugin (docs/plugin.md): object notes and diagnostics for
 * references to runtime symbols newer than the baseline.
 *
 * Start (plugin_init): version check, options, newer-symbols.txt, the
 * reference passes (scan.cc).  End of the unit (PLUGIN_FINISH_UNIT): the
 * initialisers' references, the diagnostics (cc1/cc1plus only), the note
 * section (wherever an assembler file is written: cc1, cc1plus, LTRANS). */
#include "plugin.h"

int plugin_is_GPL_compatible;

namespace mg_plugin {

plugin_state *state;

static const char usage[] =
	"-fplugin-arg-manyguard-symbols=PATH (newer-symbols.txt), "
	"-fplugin-arg-manyguard-baseline=NAME, -fplugin-arg-manyguard-report, "
	"-fplugin-arg-manyguard-strict, -fplugin-arg-manyguard-disable";

/* Options into STATE; false (after an error) on a bad one. */
static bool parse_args(const plugin_name_args *info)
{
	for (int i = 0; i < info->argc; i++) {
		const char *key = info->argv[i].key, *value = info->argv[i].value;
		bool takes_value = !strcmp(key, "symbols") || !strcmp(key, "baseline");
		bool is_flag = !strcmp(key, "report") || !strcmp(key, "strict");
		if (!takes_value && !is_flag) {
			error("manyguard plugin: unknown option %<-fplugin-arg-%s-%s%>; known: %s",
			      info->base_name, key, usage);
			return false;
		}
		if (takes_value != (value != NULL)) {
			error("manyguard plugin: %<-fplugin-arg-%s-%s%> %s", info->base_name, key,
			      takes_value ? "needs a value (=...)" : "takes no value");
			return false;
		}
		if (!strcmp(key, "symbols"))
			state->symbols_path = value;
		else if (!strcmp(key, "baseline"))
			state->baseline = value;
		else if (!strcmp(key, "report"))
			state->report = true;
		else
			state->strict = true;
	}
	return true;
}

static void diagnose_uses(void)
{
	const char *baseline = state->baseline.empty() ? "the baseline" : state->baseline.c_str();
	for (const symbol_use &u : state->uses) {
		location_t loc = (location_t)u.location;
		const char *what = u.info->demangled.c_str(), *version = u.info->version.c_str();
		const char *then = status_consequence(u.info->status);
		if (state->strict)
			error_at(loc, "%qs needs %s, newer than %s; %s", what, version, baseline, then);
		else
			inform(loc, "%qs needs %s, newer than %s; %s", what, version, baseline, then);
	}
}

static void write_note_section(const std::string &text)
{
	section *sec = get_section(MG_OBJNOTES_SECTION, MG_NOTE_SECTION_FLAGS, NULL);
	switch_to_section(sec);
	assemble_string(text.data(), (int)text.size());
}

static void on_all_ipa_passes_end(void *, void *)
{
	/* A -flto object assembles no variables: take their references here. */
	if (!in_lto_p && flag_generate_lto && !flag_fat_lto_objects)
		scan_variables(false);
}

static void on_finish_unit(void *, void *)
{
	if (flag_wpa)
		return;
	if (!(!in_lto_p && flag_generate_lto && !flag_fat_lto_objects))
		scan_variables(true);
	sort_uses(state->uses);
	/* In lto1 the uses were already reported when the objects were compiled. */
	if (!in_lto_p && (state->report || state->strict))
		diagnose_uses();
	if (asm_out_file && !flag_syntax_only)
		write_note_section(format_notes(collect_facts(), state->uses));
}

/* GCC records its command line in the object (DW_AT_producer with -g, the
 * options of -flto objects): with the plugin disabled, its own options are
 * hidden there too, so the object is byte-identical to one compiled
 * without it. */
static void forget_own_options(const plugin_name_args *info)
{
	std::string arg_prefix = std::string(info->base_name) + "-";
	bool other_plugins = false;
	for (unsigned i = 0; i < save_decoded_options_count; i++) {
		cl_decoded_option *o = &save_decoded_options[i];
		bool ours = (o->opt_index == OPT_fplugin_ && o->arg &&
			     !strcmp(o->arg, info->full_name)) ||
			    (o->opt_index == OPT_fplugin_arg_ && o->arg &&
			     !strncmp(o->arg, arg_prefix.c_str(), arg_prefix.size()));
		if (ours)
			o->opt_index = OPT_SPECIAL_ignore;
		else if (o->opt_index == OPT_fplugin_)
			other_plugins = true;
	}
	/* The driver adds -iplugindir= for any -fplugin; it is ours to hide
	 * only when no other plugin is loaded. */
	for (unsigned i = 0; !other_plugins && i < save_decoded_options_count; i++)
		if (save_decoded_options[i].opt_index == OPT_iplugindir_)
			save_decoded_options[i].opt_index = OPT_SPECIAL_ignore;
}

/* The major version in BASEVER ("12.2.0" -> 12). */
static int major_of(const char *basever)
{
	return basever ? atoi(basever) : 0;
}

} // namespace mg_plugin

using namespace mg_plugin;

int plugin_init(plugin_name_args *info, plugin_gcc_version *version)
{
	if (major_of(version->basever) != MG_GCC_MAJOR) {
		error("the manyguard plugin %qs was built for GCC %d and cannot run in GCC %s; "
		      "use the manyguard.so of this installation, or rebuild manyguard with "
		      "the plugin headers of GCC %d (gcc-%d-plugin-dev)",
		      info->full_name, MG_GCC_MAJOR, version->basever,
		      major_of(version->basever), major_of(version->basever));
		return 1;
	}
	static plugin_info about = {MG_PLUGIN_VERSION, usage};
	register_callback(info->base_name, PLUGIN_INFO, NULL, &about);
	for (int i = 0; i < info->argc; i++)
		if (!strcmp(info->argv[i].key, "disable")) {
			forget_own_options(info);
			return 0; /* nothing else at all */
		}

	state = new plugin_state();
	state->name = info->base_name;
	state->gcc_version = version->basever;
	if (!parse_args(info))
		return 1;
	if (!state->symbols_path.empty()) {
		std::string why;
		if (!state->symbols.load(state->symbols_path, &why)) {
			error("manyguard plugin: cannot read %qs: %s", state->symbols_path.c_str(),
			      why.c_str());
			return 1;
		}
	}
	register_scan_passes();
	register_callback(info->base_name, PLUGIN_ALL_IPA_PASSES_END, on_all_ipa_passes_end, NULL);
	register_callback(info->base_name, PLUGIN_FINISH_UNIT, on_finish_unit, NULL);
	return 0;
}

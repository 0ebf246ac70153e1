/* Where the object's references to newer symbols are taken: where they are
 * final.
 *
 * - A GIMPLE pass right after "optimized" (the last GIMPLE pass, which runs
 *   at every -O level) walks every statement and PHI argument of each
 *   function GCC is about to expand: calls, address-taken functions, loads
 *   and stores of external variables.  Inline code the optimiser removed
 *   is gone by then, so it is not reported.
 * - With -flto (without -ffat-lto-objects) cc1/cc1plus never run that pass;
 *   a second instance after "release_ssa" (the end of the early
 *   optimisations, what is streamed to the object) takes its place there.
 * - Initialisers and vtables: the IPA references of each variable GCC
 *   assembled (scan_variables, at the end of the unit; at the end of IPA
 *   for -flto objects, which assemble none).
 *
 * Names are DECL_ASSEMBLER_NAMEs, so asm("name") declarations count. */
#include "plugin.h"

namespace mg_plugin {

static bool in_system_header(location_t loc)
{
	return loc != UNKNOWN_LOCATION && in_system_header_at(loc);
}

/* The location to report for a reference made by STMT: its own, unless it
 * was inlined from a system header, in which case the call site of the
 * outermost such inline function (the user's line that pulled it in). */
static location_t user_location(gimple *stmt, location_t loc)
{
	tree block = gimple_block(stmt);
	while ((LOCATION_LOCUS(loc) == UNKNOWN_LOCATION || in_system_header(loc)) && block) {
		while (block && TREE_CODE(block) == BLOCK && !inlined_function_outer_scope_p(block))
			block = BLOCK_SUPERCONTEXT(block);
		if (!block || TREE_CODE(block) != BLOCK)
			break;
		loc = BLOCK_SOURCE_LOCATION(block);
		block = BLOCK_SUPERCONTEXT(block);
	}
	if (LOCATION_LOCUS(loc) == UNKNOWN_LOCATION && current_function_decl)
		loc = DECL_SOURCE_LOCATION(current_function_decl);
	return LOCATION_LOCUS(loc);
}

/* True when DECL is defined in this unit: a reference to it binds locally
 * and never needs the runtime's version. */
static bool defined_here(tree decl)
{
	if (DECL_EXTERNAL(decl))
		return false;
	symtab_node *node = symtab_node::get(decl);
	return node && node->definition;
}

static void note_decl(tree decl, location_t loc)
{
	if (TREE_CODE(decl) != FUNCTION_DECL && TREE_CODE(decl) != VAR_DECL)
		return;
	if (TREE_CODE(decl) == VAR_DECL && !is_global_var(decl))
		return;
	if (!TREE_PUBLIC(decl) && !DECL_EXTERNAL(decl))
		return;
	tree id = DECL_ASSEMBLER_NAME(decl);
	const char *name = IDENTIFIER_POINTER(id);
	size_t len = IDENTIFIER_LENGTH(id);
	/* asm("name") gives "*name": the star means "no user label prefix". */
	if (len > 0 && name[0] == '*')
		name++, len--;
	const newer_symbol *sym = state->symbols.find(name, len);
	if (!sym || defined_here(decl))
		return;
	expanded_location x = expand_location(loc);
	state->uses.push_back(symbol_use{std::string(name, len), sym, x.file ? x.file : "",
					 (unsigned)x.line, (unsigned)x.column, (uint64_t)loc});
}

struct walk_context {
	gimple *stmt;
	location_t loc;
};

static tree scan_operand(tree *tp, int *walk_subtrees, void *data)
{
	tree t = *tp;
	if (TYPE_P(t)) {
		*walk_subtrees = 0;
		return NULL_TREE;
	}
	if (DECL_P(t)) {
		walk_stmt_info *wi = static_cast<walk_stmt_info *>(data);
		walk_context *ctx = static_cast<walk_context *>(wi->info);
		note_decl(t, user_location(ctx->stmt, ctx->loc));
		*walk_subtrees = 0;
	}
	return NULL_TREE;
}

static void scan_function(function *fun)
{
	if (state->symbols.empty())
		return;
	basic_block bb;
	FOR_EACH_BB_FN(bb, fun) {
		for (gphi_iterator pi = gsi_start_phis(bb); !gsi_end_p(pi); gsi_next(&pi)) {
			gphi *phi = pi.phi();
			for (unsigned i = 0; i < gimple_phi_num_args(phi); i++) {
				walk_context ctx{phi, gimple_phi_arg_location(phi, i)};
				walk_stmt_info wi;
				memset(&wi, 0, sizeof wi);
				wi.info = &ctx;
				walk_tree(gimple_phi_arg_def_ptr(phi, i), scan_operand, &wi, NULL);
			}
		}
		for (gimple_stmt_iterator si = gsi_start_bb(bb); !gsi_end_p(si); gsi_next(&si)) {
			gimple *stmt = gsi_stmt(si);
			/* Debug binds name what the source had, not what the code uses. */
			if (is_gimple_debug(stmt))
				continue;
			walk_context ctx{stmt, gimple_location(stmt)};
			walk_stmt_info wi;
			memset(&wi, 0, sizeof wi);
			wi.info = &ctx;
			walk_gimple_op(stmt, scan_operand, &wi);
		}
	}
}

void scan_variables(bool require_written)
{
	if (state->symbols.empty())
		return;
	varpool_node *vnode;
	FOR_EACH_DEFINED_VARIABLE(vnode) {
		if (require_written && !TREE_ASM_WRITTEN(vnode->decl))
			continue;
		ipa_ref *ref;
		for (unsigned i = 0; vnode->iterate_reference(i, ref); i++)
			note_decl(ref->referred->decl, DECL_SOURCE_LOCATION(vnode->decl));
	}
}

namespace {

const pass_data late_pass_data = {
	GIMPLE_PASS,
	"manyguard_refs", /* name */
	OPTGROUP_NONE,
	TV_NONE,
	PROP_cfg, /* properties_required */
	0, 0, 0, 0,
};

const pass_data early_pass_data = {
	GIMPLE_PASS,
	"manyguard_lto_refs", /* name */
	OPTGROUP_NONE,
	TV_NONE,
	PROP_cfg,
	0, 0, 0, 0,
};

/* After "optimized": the references the object really has. */
class late_refs_pass : public gimple_opt_pass {
public:
	late_refs_pass() : gimple_opt_pass(late_pass_data, g) {}
	bool gate(function *) final override { return !flag_wpa; }
	unsigned int execute(function *fun) final override
	{
		scan_function(fun);
		return 0;
	}
};

/* After the early optimisations, for LTO bytecode objects only: the late
 * pass runs at link time there (in lto1, where we only write notes). */
class early_refs_pass : public gimple_opt_pass {
public:
	early_refs_pass() : gimple_opt_pass(early_pass_data, g) {}
	bool gate(function *) final override
	{
		return !in_lto_p && flag_generate_lto && !flag_fat_lto_objects;
	}
	unsigned int execute(function *fun) final override
	{
		scan_function(fun);
		return 0;
	}
};

} // namespace

void register_scan_passes(void)
{
	register_pass_info late = {new late_refs_pass(), "optimized", 1, PASS_POS_INSERT_AFTER};
	register_callback(state->name, PLUGIN_PASS_MANAGER_SETUP, NULL, &late);
	register_pass_info early = {new early_refs_pass(), "release_ssa", 1,
				    PASS_POS_INSERT_AFTER};
	register_callback(state->name, PLUGIN_PASS_MANAGER_SETUP, NULL, &early);
}

} // namespace mg_plugin

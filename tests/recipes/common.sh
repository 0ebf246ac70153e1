# Sourced by tests/integration/recipes_*.sh after tests/lib.sh.  The
# recipes are the build tree's renderings of integration/*.in, which name
# the build tree's wrappers by their path, as the installed ones name
# $(bindir)'s; no wrapper is on PATH unless a test puts it there
# (wrappers_on_path).  A private cache; nothing of the user's MANYGUARD_*
# leaks in.
mg_tmpdir
wrappers=$top_builddir/wrappers
for w in manyguard-cc manyguard-c++; do
	[ -x "$wrappers/$w" ] || bail "wrappers not built: $wrappers/$w"
done
use_build_tree
unset CC CXX CONFIG_SITE
recipes=$top_srcdir/tests/recipes
integration=$top_builddir/integration
for r in manyguard.cmake manyguard-native.ini config.site; do
	[ -f "$integration/$r" ] || bail "recipe not built: $integration/$r"
done
cd "$tmp" || bail "cannot enter $tmp"

# wrappers_on_path: the build tree's wrappers on PATH under their own
# names, where an installed manyguard puts them, for recipes that name them
# (CC=manyguard-cc).
wrappers_on_path() {
	mkdir "$tmp/bin" && ln -s "$wrappers/manyguard-cc" "$wrappers/manyguard-c++" "$tmp/bin/" ||
		bail "cannot link the wrappers into $tmp/bin"
	PATH=$tmp/bin:$PATH
	export PATH
}

# built_for FILE POLICY: FILE's manifest names POLICY, and the plugin's
# notes of every object in it name POLICY as their baseline (the compiles
# ran for that policy too, not only the link).
built_for() {
	"$top_builddir/tools/manyguard" manifest --json "$1" 2>/dev/null | "${PYTHON3:-python3}" -c '
import json, sys
m = json.load(sys.stdin)
want = sys.argv[1]
units = [u for o in m["objects"] if not o["toolchain"] and o["notes"] for u in o["notes"]]
sys.exit(not (m["policy"]["name"] == want and units and all(u["baseline"] == want for u in units)))' "$2"
}

# project NAME: a work copy of the recipe project NAME with the shared
# library sources, in $tmp/NAME.
project() {
	cp -R "$recipes/$1" "$tmp/$1" && cp "$recipes"/src/* "$tmp/$1/" && chmod -R u+w "$tmp/$1" ||
		bail "cannot copy the $1 project"
}

# The highest version named PREFIX_x.y.z that FILE requires.
highest_needed() {
	"$READELF" -V --wide "$1" | sed -n "s/.*Name: \($2[0-9.]*\).*/\1/p" |
		sort -t. -k1,1 -k2,2n -k3,3n -k4,4n | tail -n 1
}
# at_most FILE VERSION: FILE requires some version of VERSION's kind and
# none above it.
at_most() {
	v=$(highest_needed "$1" "${2%%_*}_")
	[ -n "$v" ] || return 1
	[ "$(printf '%s\n' "$v" "$2" | sort -t. -k1,1 -k2,2n -k3,3n | tail -n 1)" = "$2" ]
}
# exports_no_runtime FILE: FILE exports nothing of a private runtime copy:
# no strong definition of a symbol the compiler's libstdc++.so.6 defines
# (weak ones are the project's own template instantiations, as in any C++
# library), and nothing the runtime directories' libstdc++_nonshared.a
# defines.
exports_no_runtime() {
	std=$(g++ -print-file-name=libstdc++.so.6)
	nm -D --defined-only "$1" | awk '{ print $NF }' | sort -u >"$tmp/own.syms"
	nm -D --defined-only "$1" | awk '$(NF-1) !~ /^[VWvwu]$/ { print $NF }' | sort -u >"$tmp/own-strong.syms"
	nm -D --defined-only "$std" | awk '{ print $NF }' | sed 's/@.*//' | sort -u >"$tmp/std.syms"
	nm --defined-only "$MANYGUARD_CACHE_DIR"/runtime/*/libstdc++_nonshared.a 2>/dev/null |
		awk 'NF == 3 { print $3 }' | sort -u >"$tmp/nonshared.syms"
	[ -s "$tmp/own.syms" ] && [ -s "$tmp/nonshared.syms" ] &&
		[ -z "$(comm -12 "$tmp/own-strong.syms" "$tmp/std.syms")" ] &&
		[ -z "$(comm -12 "$tmp/own.syms" "$tmp/nonshared.syms")" ]
}
# above FILE VERSION: FILE requires a version of VERSION's kind above it.
above() {
	[ -n "$(highest_needed "$1" "${2%%_*}_")" ] && ! at_most "$1" "$2"
}
# The same library built by plain g++ needs more than the policy allows:
# without manyguard, the recipe tests' version checks would fail.
check_control() {
	g++ -std=c++17 -shared -fPIC -o "$tmp/control.so" "$recipes/src/greet.cc" ||
		bail "plain g++ cannot build $recipes/src/greet.cc"
	check "control: greet.cc built by plain g++ needs $(highest_needed "$tmp/control.so" GLIBCXX_), above GLIBCXX_3.4.24" \
		above "$tmp/control.so" GLIBCXX_3.4.24
}

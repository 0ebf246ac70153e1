#!/bin/bash
# The folders use each other only as docs/library.md's map allows: the
# folder graph is derived from the #include lines of every source file and
# compared with the map's "may use" column.  Fails on a use the map does not
# allow, on a project include that does not name its folder (or names a file
# that is not there), on a private *_internal.h included from another
# folder, on a folder the map does not list (or a row whose folder is gone),
# on a cycle between folders, on library code that prints or exits, and
# on a source file that does not open with a paragraph on its job.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || bail "no source tree"
"${PYTHON3:-python3}" - <<'PY'
import glob, os, re, sys

n = 0
failed = 0
def check(ok, what, why=()):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what))
    if not ok:
        failed += 1
        for line in why:
            print("# " + line)

# The map: | `lib/elf/` | job | base, policy |
rows = {}
for line in open("docs/library.md", encoding="utf-8"):
    m = re.match(r"\|\s*`((?:lib|wrappers)/[a-z_-]+/|tools/|gcc-plugin/)`\s*\|.*\|\s*([^|]*?)\s*\|\s*$", line)
    if m:
        uses = m.group(2)
        rows[m.group(1).rstrip("/")] = set() if uses == "nothing of ours" else \
            {u.strip() for u in uses.split(",")}
short = {path: os.path.basename(path) for path in rows}
by_short = {name: path for path, name in short.items()}

# The tree: every folder holding sources.
sources = [f for pattern in ("lib/*/*.[ch]", "lib/*/*.def", "wrappers/*/*.[ch]", "tools/*.[ch]",
                             "gcc-plugin/*.cc", "gcc-plugin/*.h")
           for f in sorted(glob.glob(pattern))]
folders = sorted({os.path.dirname(f) for f in sources})
check(folders == sorted(rows), "the map lists every folder with sources, and only those",
      ["in the tree, not in the map: %s" % f for f in sorted(set(folders) - set(rows))] +
      ["in the map, not in the tree: %s" % f for f in sorted(set(rows) - set(folders))])
# The rest judges the folders the map knows.
sources = [f for f in sources if os.path.dirname(f) in rows]
unknown = sorted(u for uses in rows.values() for u in uses if u not in by_short)
check(not unknown, "the map's \"may use\" column names only folders of the map", unknown)

def resolve(name):
    """The file a qualified include names, or None."""
    for root in ("lib", "wrappers", "."):
        path = os.path.normpath(os.path.join(root, name))
        if os.path.exists(path):
            return path
    return None

include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
edges = {}
bad_form, forbidden, private = [], [], []
for f in sources:
    here = short[os.path.dirname(f)]
    text = open(f, encoding="utf-8").read()
    for name in include.findall(text):
        if name == "config.h":
            continue
        # The GCC plugin's own headers and GCC's sit next to its sources.
        if f.startswith("gcc-plugin/") and "/" not in name:
            continue
        path = resolve(name) if "/" in name else None
        if not path or os.path.dirname(path) not in short:
            bad_form.append("%s: #include \"%s\"" % (f, name))
            continue
        there = short[os.path.dirname(path)]
        if there == here:
            continue
        edges.setdefault(here, set()).add(there)
        if there not in rows[os.path.dirname(f)]:
            forbidden.append("%s: #include \"%s\" (%s may not use %s)" % (f, name, here, there))
        if path.endswith("_internal.h"):
            private.append("%s: #include \"%s\"" % (f, name))

check(not bad_form, "every project include names its folder and an existing file", bad_form)
check(not forbidden, "every use between folders is one the map allows", forbidden)
check(not private, "private *_internal.h headers are included only inside their folder", private)

# A cycle, found by depth-first search over the derived graph.
cycle = []
state = {}
def visit(node, stack):
    state[node] = "open"
    stack.append(node)
    for nxt in sorted(edges.get(node, ())):
        if state.get(nxt) == "open":
            cycle.extend(stack[stack.index(nxt):] + [nxt])
            return True
        if nxt not in state and visit(nxt, stack):
            return True
    stack.pop()
    state[node] = "done"
    return False
for node in sorted(edges):
    if node not in state and visit(node, []):
        break
check(not cycle, "no include cycle between folders", [" -> ".join(cycle)] if cycle else [])

# Only programs print or exit.  (libiberty's x* allocators, which exit when
# memory is exhausted, are not calls of these.)
prints = re.compile(r"\b(printf|fprintf|vfprintf|dprintf|puts|fputs|fputc|putchar|perror|exit|_exit|abort)\s*\(")
comment = re.compile(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\])*\"", re.S)
printing = []
for f in sources:
    if f.startswith("lib/"):
        code = comment.sub("", open(f, encoding="utf-8").read())
        printing += ["%s: %s(" % (f, m) for m in prints.findall(code)]
check(not printing, "library code (lib/) never prints and never exits", printing)

# Every source file opens with a paragraph on its job.
silent = [f for f in sources if f.endswith((".c", ".cc")) and
          not open(f, encoding="utf-8").read().startswith("/*")]
check(not silent, "every .c file opens with a paragraph on its job", silent)

for here in sorted(edges):
    print("# %s uses %s" % (here, ", ".join(sorted(edges[here]))))
print("1..%d" % n)
sys.exit(1 if failed else 0)
PY

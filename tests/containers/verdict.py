"""The container checkers' output (check_cibuildwheel.py,
lint_containerfile.py): one line per check, "PASS<TAB>what" or
"FAIL<TAB>what<TAB>why", which tests/lib.sh's tap_verdicts turns into TAP,
and what both checkers read of the source tree."""

import glob
import os

_failed = 0


def check(desc, cond, why=""):
    global _failed
    print(("PASS\t" if cond else "FAIL\t") + desc + ("" if cond else "\t" + why))
    _failed += 0 if cond else 1


def status():
    """The exit status: 1 when a check failed."""
    return 1 if _failed else 0


def wrapper_sources(top):
    """The text of the wrappers' C sources (wrappers/cc/, wrappers/ld/) and of
    the library code they run (lib/*/, e.g. the cache root in lib/base), where
    the MANYGUARD_* variables they read are named."""
    files = glob.glob(os.path.join(top, "wrappers", "*", "*.c")) + \
        glob.glob(os.path.join(top, "lib", "*", "*.c"))
    return "".join(open(f, encoding="utf-8").read() for f in sorted(files))

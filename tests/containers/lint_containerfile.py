#!/usr/bin/env python3
"""lint_containerfile.py TOP_SRCDIR CONTAINERFILE EXPECTED_BASE

Checks what a Containerfile references without a container engine: the base
image, every COPY source (the build context is TOP_SRCDIR, minus what
.containerignore leaves out), every path a RUN line names inside the copied
tree (it exists in this tree; a command is executable and passes `sh -n`),
and every ENV setting (variables the wrappers or install.sh read, a policy
of this tree, the wrappers as CC/CXX).  One line per check on stdout:
"PASS<TAB>what" or "FAIL<TAB>what<TAB>why"; exit status 1 when one failed.
"""
import os
import re
import shlex
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from verdict import check, status, wrapper_sources  # noqa: E402


def instructions(path):
    """(KEYWORD, arguments) per instruction, continuation lines joined."""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\\\n", " ", text)
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            yield word.upper(), rest.strip()


def main():
    top, cf, expected_base = sys.argv[1:4]
    rel = os.path.relpath(cf, top)
    ins = list(instructions(cf))
    check(f"{rel} has instructions", ins != [])
    args = {}
    env = {}
    copies = []  # (source in the context, destination in the image)
    froms = []
    for kw, rest in ins:
        if kw == "ARG":
            name, _, default = rest.partition("=")
            args[name] = default
        elif kw == "FROM":
            froms.append(re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), ""), rest.split()[0]))
        elif kw == "ENV":
            for word in shlex.split(rest):
                k, _, v = word.partition("=")
                env[k] = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), v)
        elif kw == "COPY":
            words = [w for w in shlex.split(rest) if not w.startswith("--")]
            for src in words[:-1]:
                copies.append((src, words[-1]))
        elif kw not in ("RUN", "WORKDIR", "LABEL", "CMD", "ENTRYPOINT", "USER", "SHELL"):
            check(f"{rel}: instruction {kw} is one this lint knows", False)
    check(f"{rel}: FROM {expected_base}", froms == [expected_base], f"FROM {froms}")

    # COPY: sources exist in the context; the context leaves out build trees.
    ignore = open(os.path.join(top, ".containerignore"), encoding="utf-8").read().split()
    check(".containerignore leaves out .git and build trees", ".git" in ignore and "build-*" in ignore)
    mapping = {}
    for src, dest in copies:
        check(f"{rel}: COPY {src} exists in the build context", os.path.exists(os.path.join(top, src)))
        mapping[dest.rstrip("/")] = os.path.normpath(os.path.join(top, src))
    check(f"{rel}: copies the source tree", any(v == os.path.normpath(top) for v in mapping.values()))

    # RUN: paths inside a copied tree exist; commands are executable scripts.
    runs = [rest for kw, rest in ins if kw == "RUN"]
    check(f"{rel}: has RUN lines", runs != [])
    named = 0
    for run in runs:
        for command in re.split(r"&&|\|\||;", run):
            words = shlex.split(command)
            for i, w in enumerate(words):
                for dest, src in mapping.items():
                    if w == dest or w.startswith(dest + "/"):
                        path = src + w[len(dest):]
                        named += 1
                        check(f"{rel}: RUN names {w}, which is {os.path.relpath(path, top)} in this tree",
                              os.path.exists(path))
                        if i == 0:
                            ok = os.access(path, os.X_OK) and subprocess.run(
                                ["sh", "-n", path], capture_output=True).returncode == 0
                            check(f"{rel}: {os.path.relpath(path, top)} is an executable shell script "
                                  "that parses", ok)
    check(f"{rel}: RUN lines name scripts of this tree", named > 0)

    # ENV: the settings are ones manyguard reads, with real values.
    wrappers = wrapper_sources(top)
    install = open(os.path.join(top, "containers", "install.sh"), encoding="utf-8").read()
    for k, v in env.items():
        if k.startswith("MANYGUARD_"):
            check(f"{rel}: ENV {k} is read by the wrappers", f'"{k}"' in wrappers)
            check(f"{rel}: ENV {k} is read by install.sh too", "${" + k + ":-" in install)
        elif k in ("CC", "CXX"):
            check(f"{rel}: ENV {k}={v} is the wrapper", v == {"CC": "manyguard-cc", "CXX": "manyguard-c++"}[k])
        else:
            check(f"{rel}: ENV {k} is a setting this lint knows", False)
    pol = env.get("MANYGUARD_POLICY", "")
    check(f"{rel}: MANYGUARD_POLICY={pol} is a policy of this tree",
          os.path.isfile(os.path.join(top, "policy", pol + ".json")))
    check(f"{rel}: the build command in its comment names this file",
          f"-f {rel} " in open(cf, encoding="utf-8").read())
    return status()


if __name__ == "__main__":
    sys.exit(main())

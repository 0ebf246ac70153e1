#!/usr/bin/env python3
"""check_cibuildwheel.py TOP_SRCDIR TOP_BUILDDIR EXAMPLE.toml CONTAINERFILE

Checks a documented cibuildwheel configuration: it parses
(tomllib), and every command, path, option and setting it names is real:
install.sh and its options, the wrappers and the variables they read, the
policy, the compilers (on this machine when they are Debian's, else the
same as the image's Containerfile), the repair commands.  {project}/manyguard
stands for this source tree.  One line per check on stdout: "PASS<TAB>what"
or "FAIL<TAB>what<TAB>why"; the exit status is 1 when a check failed.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from verdict import check, status, wrapper_sources  # noqa: E402


def containerfile_env(path):
    """The ENV settings of a Containerfile, with ARG defaults substituted."""
    text = open(path, encoding="utf-8").read().replace("\\\n", " ")
    args = dict(re.findall(r"^ARG\s+(\w+)=(\S+)", text, re.M))
    env = {}
    for line in re.findall(r"^ENV\s+(.*)$", text, re.M):
        for word in shlex.split(line):
            key, _, value = word.partition("=")
            env[key] = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), value)
    return env


def main():
    top, build, example, containerfile = sys.argv[1:5]
    name = os.path.basename(example)
    try:
        with open(example, "rb") as f:
            conf = tomllib.load(f)
        check(f"{name} parses as TOML", True)
    except (OSError, tomllib.TOMLDecodeError) as e:
        check(f"{name} parses as TOML", False, str(e))
        return 1
    linux = conf.get("tool", {}).get("cibuildwheel", {}).get("linux", {})
    env = linux.get("environment", {})
    check("it has [tool.cibuildwheel.linux] with an environment table",
          isinstance(linux, dict) and isinstance(env, dict) and env)
    image_env = containerfile_env(containerfile)

    # The environment.
    for var in ("CC", "CXX"):
        w = env.get(var, "")
        check(f"{var} = {w}: a wrapper manyguard installs",
              w in ("manyguard-cc", "manyguard-c++") and os.access(os.path.join(build, "wrappers", w), os.X_OK))
    wrapper_src = wrapper_sources(top)
    for var in sorted(k for k in env if k.startswith("MANYGUARD_")):
        check(f"{var} is a variable the wrappers read", f'"{var}"' in wrapper_src)
    policy = env.get("MANYGUARD_POLICY", "")
    check(f"MANYGUARD_POLICY = {policy}: a policy of this tree",
          os.path.isfile(os.path.join(top, "policy", policy + ".json")))
    for var in ("MANYGUARD_CC", "MANYGUARD_CXX", "MANYGUARD_BASELINE_LIBSTDCXX", "MANYGUARD_BASELINE_LIBGCC_S"):
        if var not in env:
            continue
        value = env[var]
        if var in image_env:
            check(f"{var} = {value}: the same as the image's Containerfile", value == image_env[var],
                  f"Containerfile: {image_env[var]}")
        if value.startswith("/opt/") or value.startswith("/usr/lib64/"):
            continue  # the manylinux image's own files: not on this machine
        check(f"{var} = {value}: exists on this Debian machine",
              shutil.which(value) is not None or os.path.exists(value))

    # before-all: install.sh of this tree, with options it has, agreeing
    # with the environment.
    before = linux.get("before-all", "")
    before = " && ".join(before) if isinstance(before, list) else before
    words = shlex.split(before.replace("{project}/manyguard", top))
    script = words[0] if words else ""
    check(f"before-all runs {os.path.relpath(script, top) if script else '?'}: an executable of this tree",
          script == os.path.join(top, "containers", "install.sh") and os.access(script, os.X_OK))
    usage = subprocess.run(["sh", os.path.join(top, "containers", "install.sh"), "--help"],
                           capture_output=True, text=True).stdout
    opts = dict(zip(words[1::2], words[2::2]))
    for opt in opts:
        check(f"install.sh has the option {opt}", re.search(rf"^\s+{re.escape(opt)}\b", usage, re.M) is not None)
    check("--src is this tree", opts.get("--src") == top)
    pairs = {"--cc": "MANYGUARD_CC", "--cxx": "MANYGUARD_CXX", "--policy": "MANYGUARD_POLICY",
             "--baseline-libstdcxx": "MANYGUARD_BASELINE_LIBSTDCXX",
             "--baseline-libgcc-s": "MANYGUARD_BASELINE_LIBGCC_S", "--cache-dir": "MANYGUARD_CACHE_DIR"}
    for opt, var in pairs.items():
        if opt in opts or var in env:
            check(f"before-all {opt} agrees with {var}", opts.get(opt) == env.get(var),
                  f"{opts.get(opt)} vs {env.get(var)}")

    # repair-wheel-command: manyguard audit with its real options, then
    # auditwheel (the pypa images have it; the Debian image's python.sh
    # installs it).
    # The image: a pypa image by cibuildwheel's short name (those have
    # auditwheel), or the Debian image by the tag its Containerfile gives,
    # whose python.sh installs auditwheel.
    image = linux.get("manylinux-x86_64-image", "")
    cf_text = open(containerfile, encoding="utf-8").read()
    if image.startswith("manylinux_"):
        check(f"image {image}: the pypa image the Containerfile starts from",
              f"quay.io/pypa/{image}_x86_64" in cf_text)
        auditwheel_in_image = True
    else:
        tag = image.rsplit("/", 1)[-1]
        check(f"image {image}: the tag the Containerfile's build command gives", f"-t {tag} " in cf_text)
        debian_py = os.path.join(top, "containers", "debian", "python.sh")
        auditwheel_in_image = "containers/debian/python.sh" in cf_text and \
            "auditwheel" in open(debian_py, encoding="utf-8").read()

    repair = linux.get("repair-wheel-command", [])
    repair = repair if isinstance(repair, list) else [repair]
    audit_help = subprocess.run([os.path.join(build, "tools", "manyguard"), "audit", "--help"],
                                capture_output=True, text=True).stdout
    for cmd in repair:
        w = shlex.split(cmd)
        if w[0] == "manyguard":
            check(f"'{cmd}': manyguard {w[1]} exists with these options",
                  w[1] == "audit" and all(o in audit_help for o in w[2:] if o.startswith("-")))
        elif w[0] == "auditwheel":
            check(f"'{cmd}': auditwheel is in the image", auditwheel_in_image)
        else:
            check(f"'{cmd}': a known command", False)
        placeholders = set(re.findall(r"\{(\w+)\}", cmd))
        check(f"'{cmd}' uses only cibuildwheel's placeholders", placeholders <= {"wheel", "dest_dir"})

    # The block is the one docs/integration.md shows.
    doc = open(os.path.join(top, "docs", "integration.md"), encoding="utf-8").read()
    body = "".join(l for l in open(example, encoding="utf-8") if not l.startswith("#")).strip()
    check(f"docs/integration.md shows {name} as it is", body in doc)
    return status()


if __name__ == "__main__":
    sys.exit(main())

"""The glibc ABI table: its model, its text format, and the order of versions.

Shared by policy/glibc/generate (which writes tables from glibc's git) and
policy/glibc/query (which answers questions from them and compares them with
real libraries).  The format is described in docs/glibc-table.md; this module
is its only reader and writer, so the two cannot drift apart.
"""

import os
import re
import tempfile

FORMAT = "manyguard-glibc-abi 1"

# The libraries the table covers, by glibc's own name for them (the names
# its abilist files and its shlib-compat macros use), with their SONAMEs.
# ld's SONAME depends on the architecture.
LIBRARIES = ["libc", "libm", "libpthread", "libdl", "librt", "libutil",
             "libresolv", "libanl", "libnsl", "libmvec", "libcrypt",
             "libBrokenLocale", "ld"]
SONAMES = {
    "libc": "libc.so.6", "libm": "libm.so.6", "libpthread": "libpthread.so.0",
    "libdl": "libdl.so.2", "librt": "librt.so.1", "libutil": "libutil.so.1",
    "libresolv": "libresolv.so.2", "libanl": "libanl.so.1",
    "libnsl": "libnsl.so.1", "libmvec": "libmvec.so.1",
    "libcrypt": "libcrypt.so.1", "libBrokenLocale": "libBrokenLocale.so.1",
}
LD_SONAMES = {"x86_64": "ld-linux-x86-64.so.2",
              "aarch64": "ld-linux-aarch64.so.1"}
# The oldest symbol version of each architecture: older version names in
# glibc's sources (GLIBC_2_0 ...) denote this one there.
BASE_VERSIONS = {"x86_64": "GLIBC_2.2.5", "aarch64": "GLIBC_2.17"}

# A symbol's status in one release: "default" is the version the static
# linker binds new references to (name@@VERSION); "compat" is a non-default
# ("hidden") version (name@VERSION) that only satisfies binaries already
# linked against it.  "compat/obsolete-rpc" and "compat/obsolete-nsl" are
# compat in glibc's default configuration but default when glibc was
# configured with --enable-obsolete-rpc or --enable-obsolete-nsl.
STATUSES = ("default", "compat", "compat/obsolete-rpc", "compat/obsolete-nsl")
OPTIONS = ("obsolete-rpc", "obsolete-nsl")


class TableError(Exception):
    """A table file that does not follow the format; names file and line."""


def soname(lib, arch):
    return LD_SONAMES[arch] if lib == "ld" else SONAMES[lib]


def version_key(version):
    """Sort key of a symbol version, in glibc's own order.

    glibc orders the version nodes of a library as `sort -t. -k1,1 -k2n,2n
    -k3` does (scripts/versionlist.awk): GLIBC_2.2.5 < GLIBC_2.2.6 <
    GLIBC_2.3 < GLIBC_2.3.2 < ... < GLIBC_2.36 < GLIBC_ABI_DT_RELR <
    GLIBC_PRIVATE.  The verdef parent of each node is the one before it.
    """
    fields = version.split(".", 2)
    minor = fields[1] if len(fields) > 1 else ""
    digits = re.match(r"\d*", minor).group(0)
    return (fields[0], int(digits) if digits else 0, minor[len(digits):],
            fields[2] if len(fields) > 2 else "")


def version_parent(previous, version):
    """The verdef parent of VERSION when PREVIOUS is the node before it, or
    None.  glibc's scripts/versions.awk makes a node inherit from the one
    before only when both have the same non-numeric prefix: PREVIOUS with
    its first run of digits and dots turned into the regex ".+" must match
    VERSION.  So GLIBC_2.3 inherits from GLIBC_2.2.6 and GLIBC_ABI_DT_RELR
    from GLIBC_2.36, but GLIBC_PRIVATE (after GLIBC_ABI_DT_RELR) and
    GLIBC_ABI_GNU2_TLS (after GLIBC_ABI_DT_X86_64_PLT) have no parent."""
    if previous is None:
        return None
    prefix = re.sub(r"[0-9.]+", ".+", previous, count=1)
    return previous if re.search(prefix, version) else None


def release_key(release):
    """Sort key of a release name such as "2.17"."""
    return tuple(int(part) for part in release.split("."))


def format_ranges(indices, releases):
    """Release indices as ranges: "2.17-2.33", "2.34-" (still present in the
    newest release of the table), several joined by commas."""
    out = []
    run = []
    for i in sorted(indices):
        if run and i != run[-1] + 1:
            out.append(run)
            run = []
        run.append(i)
    if run:
        out.append(run)
    text = []
    for run in out:
        first, last = releases[run[0]], releases[run[-1]]
        if run[-1] == len(releases) - 1:
            text.append(first + "-")
        elif first == last:
            text.append(first)
        else:
            text.append(first + "-" + last)
    return ",".join(text)


def parse_ranges(text, releases, where):
    """The release indices a range field names; raises TableError."""
    index = {r: i for i, r in enumerate(releases)}
    out = set()
    for part in text.split(","):
        first, dash, last = part.partition("-")
        if first not in index or (last and last not in index):
            raise TableError("%s: unknown release in range '%s'" % (where, part))
        lo = index[first]
        hi = (index[last] if last else len(releases) - 1) if dash else lo
        if hi < lo:
            raise TableError("%s: empty range '%s'" % (where, part))
        out.update(range(lo, hi + 1))
    return out


class Table:
    """One architecture's table.

    releases: [(name, tag, commit)] oldest first.
    libs:     {lib: set of release indices in which glibc builds it}
    versions: {lib: {version: set of release indices}} (version nodes)
    symbols:  {(lib, name, version, kind, status): set of release indices}
              kind is "F", "D:0xSIZE" or "T:0xSIZE".
    """

    def __init__(self, arch, source):
        self.arch = arch
        self.source = source
        self.releases = []
        self.libs = {}
        self.versions = {}
        self.symbols = {}

    def release_names(self):
        return [r[0] for r in self.releases]

    def release_index(self, release):
        names = self.release_names()
        if release not in names:
            raise TableError("release %s is not in the %s table (it covers %s to %s)"
                             % (release, self.arch, names[0], names[-1]))
        return names.index(release)

    def view(self, release, options=()):
        """What one release defines: {lib: (versions in order,
        {(name, version): (kind, status)})}, statuses resolved for the
        configure options given (e.g. "obsolete-rpc")."""
        i = self.release_index(release)
        out = {}
        for lib, present in self.libs.items():
            if i not in present:
                continue
            vers = sorted((v for v, r in self.versions.get(lib, {}).items() if i in r),
                          key=version_key)
            out[lib] = (vers, {})
        for (lib, name, ver, kind, status), present in self.symbols.items():
            if i in present:
                if status.startswith("compat/"):
                    status = "default" if status[len("compat/"):] in options else "compat"
                out[lib][1][(name, ver)] = (kind, status)
        return out

    def write(self, path):
        """Writes the table atomically (a temporary file renamed over PATH)."""
        names = self.release_names()
        lines = [
            "# manyguard glibc ABI table: which library of which glibc release",
            "# defines which symbol at which version.  Generated by",
            "# policy/glibc/generate from glibc's abilist files at the release tags",
            "# (see docs/glibc-table.md); do not edit.",
            "format " + FORMAT,
            "arch %s %s" % (self.arch, BASE_VERSIONS[self.arch]),
            "source " + self.source,
        ]
        for name, tag, commit in self.releases:
            lines.append("release %s %s %s" % (name, tag, commit))
        for lib in LIBRARIES:
            if lib in self.libs:
                lines.append("lib %s %s %s" % (lib, soname(lib, self.arch),
                                               format_ranges(self.libs[lib], names)))
        for lib in LIBRARIES:
            for ver in sorted(self.versions.get(lib, {}), key=version_key):
                lines.append("ver %s %s %s" % (lib, ver,
                                               format_ranges(self.versions[lib][ver], names)))
        order = {lib: i for i, lib in enumerate(LIBRARIES)}
        for key in sorted(self.symbols, key=lambda k: (order[k[0]], k[1], version_key(k[2]),
                                                       min(self.symbols[k]), k[3], k[4])):
            lib, name, ver, kind, status = key
            lines.append("sym %s %s %s %s %s %s" % (lib, name, ver, kind, status,
                                                    format_ranges(self.symbols[key], names)))
        write_atomically(path, "\n".join(lines) + "\n")


def write_atomically(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp.", dir=directory)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.rename(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


KIND_RE = re.compile(r"^(F|[DT]:0x[0-9a-f]+)$")


def read_table(path):
    """Reads a table file; raises TableError naming the file and line."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        raise TableError("%s: cannot read: %s" % (path, e.strerror))
    table = None
    arch = source = None
    releases = []
    names = None
    for number, line in enumerate(text.splitlines(), 1):
        where = "%s:%d" % (path, number)
        if not line or line.startswith("#"):
            continue
        fields = line.split(" ")
        word = fields[0]
        if table is None and word not in ("format", "arch", "source", "release"):
            if arch is None or source is None or not releases:
                raise TableError("%s: '%s' before the header (format, arch, source, release) is complete"
                                 % (where, word))
            table = Table(arch, source)
            table.releases = releases
            names = table.release_names()
        if word == "format":
            if line != "format " + FORMAT:
                raise TableError("%s: unsupported format '%s' (this reader knows '%s')"
                                 % (where, line[7:], FORMAT))
        elif word == "arch" and len(fields) == 3 and table is None:
            arch = fields[1]
            if BASE_VERSIONS.get(arch) != fields[2]:
                raise TableError("%s: unknown architecture or base version '%s'" % (where, line))
        elif word == "source" and len(fields) == 2 and table is None:
            source = fields[1]
        elif word == "release" and len(fields) == 4 and table is None:
            releases.append((fields[1], fields[2], fields[3]))
        elif word == "lib" and len(fields) == 4:
            if fields[1] not in LIBRARIES or fields[2] != soname(fields[1], arch):
                raise TableError("%s: unknown library '%s %s'" % (where, fields[1], fields[2]))
            table.libs[fields[1]] = parse_ranges(fields[3], names, where)
        elif word == "ver" and len(fields) == 4:
            if fields[1] not in table.libs:
                raise TableError("%s: version of undeclared library '%s'" % (where, fields[1]))
            table.versions.setdefault(fields[1], {})[fields[2]] = parse_ranges(fields[3], names, where)
        elif word == "sym" and len(fields) == 7:
            lib, name, ver, kind, status = fields[1:6]
            if ver not in table.versions.get(lib, {}):
                raise TableError("%s: symbol at undeclared version '%s %s'" % (where, lib, ver))
            if not KIND_RE.match(kind) or status not in STATUSES:
                raise TableError("%s: bad kind or status in '%s'" % (where, line))
            table.symbols[(lib, name, ver, kind, status)] = parse_ranges(fields[6], names, where)
        else:
            raise TableError("%s: cannot parse '%s'" % (where, line))
    if table is None:
        raise TableError("%s: no table (empty or header only)" % path)
    return table

#!/bin/bash
# The linker wrapper's judgement of GLIBC requirements (docs/linker.md,
# "glibc"), with real links on this host (gcc and clang) against stubs made
# here: a stub of this machine's libc.so.6 capped at GLIBC_2.17 (`manyguard
# stub --cap`, every name in libc.so.6, as such a stub has them) and of its
# libm.so.6, in a directory that looks like a glibc directory to the
# wrapper (a libc.so script), with a shim archive of one hidden getrandom.
#  - wrong library: pthread_create@GLIBC_2.2.5 required from libc.so.6,
#    which glibc 2.17 has in libpthread.so.0: an error for executables and
#    shared objects, naming symbol, version, both files; allowed, the
#    manifest says so, and the real glibc 2.17 refuses the program as the
#    message said;
#  - a GLIBC version above the cap with the baseline in force (the host's
#    libc.so.6 named by path): an error for an executable too; without the
#    baseline, today's rule (nothing for executables, a warning for shared
#    objects) with a fix that is true for glibc;
#  - names glibc lacks at the cap, left undefined: close_range, pidfd_open,
#    libmvec's _ZGV*, _dl_find_object (cannot be shimmed), getrandom (no
#    shim without the archive; the shim when it is there, listed in the
#    manifest), strlcpy (glibc 2.38: absent even from this host, no stubs
#    involved); a library of the link defining the name clears it; an
#    executable's failed link is explained;
#  - show and audit name the same symbols as the linker wrapper.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
. "$top_srcdir/tests/wrappers/ld/common.sh"
. "$top_srcdir/tests/fixtures/glibc217.sh"
mg="$top_builddir/tools/manyguard"
cd "$tmp" || bail "cd $tmp"
export MANYGUARD_POLICY=manylinux_2_17
unset MANYGUARD_GLIBC_DIR MANYGUARD_MANIFEST
libdir=$(dirname "$(gcc -print-file-name=libc.so.6)")
nonshared=$(gcc -print-file-name=libc_nonshared.a)
[ -f "$libdir/libc.so.6" ] && [ -f "$nonshared" ] || bail "no libc.so.6 / libc_nonshared.a next to gcc"

# --- the stub directory -------------------------------------------------------
"$mg" stub "$libdir/libc.so.6" --cap GLIBC_2.17 -o stubs >/dev/null || bail "manyguard stub libc.so.6"
"$mg" stub "$(dirname "$(gcc -print-file-name=libm.so.6)")/libm.so.6" --cap GLIBC_2.17 -o stubs \
	>/dev/null || bail "manyguard stub libm.so.6"
echo "GROUP ( $tmp/stubs/libc.so.6 $nonshared )" >stubs/libc.so
echo "INPUT ( $tmp/stubs/libm.so.6 )" >stubs/libm.so
cp -r stubs shimmed
cat >getrandom.c <<'EOF'
#include <stddef.h>
#include <sys/types.h>
__attribute__((visibility("hidden"))) ssize_t getrandom(void *b, size_t n, unsigned f)
{
	(void)b; (void)f;
	return (ssize_t)n;
}
EOF
gcc -O2 -fPIC -c getrandom.c -o getrandom.o && ar rcD shimmed/libmanyguard_glibc.a getrandom.o ||
	bail "shim archive"
echo "GROUP ( $tmp/shimmed/libc.so.6 $nonshared $tmp/shimmed/libmanyguard_glibc.a )" >shimmed/libc.so

cat >pt.c <<'EOF'
#include <pthread.h>
#include <stdio.h>
static void *run(void *arg) { puts("thread"); return arg; }
int pt(void) { pthread_t t; if (pthread_create(&t, 0, run, 0)) return 1; return pthread_join(t, 0); }
int main(void) { return pt(); }
EOF
cat >absent.c <<'EOF'
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/random.h>
#include <sys/syscall.h>
int pidfd_open(pid_t pid, unsigned int flags);
int absent(void)
{
	char b[4];
	if (getrandom(b, sizeof b, 0) < 0)
		return -1;
	return close_range(3, ~0u, 0) + pidfd_open(getpid(), 0);
}
EOF
cat >mvec.c <<'EOF'
#include <math.h>
void vsin(double *x, int n) { for (int i = 0; i < n; i++) x[i] = sin(x[i]); }
EOF
cat >strl.c <<'EOF'
#include <stddef.h>
size_t strlcpy(char *dst, const char *src, size_t size);
size_t copy(char *d, const char *s) { return strlcpy(d, s, 8); }
EOF
cat >findobj.c <<'EOF'
struct dl_find_object;
int _dl_find_object(void *pc, struct dl_find_object *result);
int find(void *pc) { return _dl_find_object(pc, 0); }
EOF

# expect DESC FILE PATTERN...: each grep -E pattern matches a line of FILE.
expect() {
	e_d=$1 e_f=$2
	shift 2
	for e_p in "$@"; do
		if ! grep -qE -- "$e_p" "$e_f"; then
			not_ok "$e_d"
			diag "no line matches: $e_p" "$(cat "$e_f")"
			return 1
		fi
	done
	ok "$e_d"
}

# --- wrong library ------------------------------------------------------------
for drv in gcc clang; do
	have $drv || bail "$drv is not installed"
	rm -f pt
	MANYGUARD_GLIBC_DIR=$tmp/stubs $drv -B "$wb/" -o pt pt.c -L stubs 2>err.txt
	check "$drv: an executable bound to libc.so.6 for pthread_create@GLIBC_2.2.5 is refused" \
		sh -c '[ ! -e pt ]'
	expect "... the error names the version, both libraries, the release and the policy" err.txt \
		'^manyguard-ld: error: pt requires GLIBC_2\.2\.5 from libc\.so\.6 for names that glibc 2\.17 \(manylinux_2_17\) has in libpthread\.so\.0: its ld\.so refuses to load the file \[symbol-version\]$' \
		'^manyguard-ld: note: GLIBC_2\.2\.5 is needed by pthread_create, which glibc 2\.17 has in libpthread\.so\.0, not libc\.so\.6$' \
		'^manyguard-ld: note: GLIBC_2\.2\.5 is needed by pthread_join, which glibc 2\.17 has in libpthread\.so\.0, not libc\.so\.6$' \
		'^manyguard-ld: note: fix: every GLIBC name must come from the stubs of the glibc directory \(MANYGUARD_GLIBC_DIR\)'
done
MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -shared -fPIC -o pt.so pt.c -L stubs 2>err.txt
check "a shared object bound the same way is refused as well" sh -c '[ ! -e pt.so ]'
expect "... with the same error" err.txt \
	'^manyguard-ld: error: pt\.so requires GLIBC_2\.2\.5 from libc\.so\.6 for names that glibc 2\.17 \(manylinux_2_17\) has in libpthread\.so\.0: its ld\.so refuses to load the file \[symbol-version\]$'

MANYGUARD_ALLOW=symbol-version MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -o pt pt.c -L stubs 2>err.txt
check "MANYGUARD_ALLOW=symbol-version keeps the executable" test -f pt
expect "... with a warning saying so" err.txt \
	'^manyguard-ld: warning: pt requires GLIBC_2\.2\.5 from libc\.so\.6 for names that glibc 2\.17 \(manylinux_2_17\) has in libpthread\.so\.0: .*\[symbol-version; allowed by MANYGUARD_ALLOW\]$'
"$mg" manifest --json pt >pt.json 2>&1
check "... and its manifest records symbol-version as allowed, with the finding" \
	"${PYTHON3:-python3}" -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = d["verdict"]
assert v["result"] == "pass-with-allowed" and v["allowed"] == ["symbol-version"], v
assert any(f["rule"] == "symbol-version" and f["allowed"] and "libpthread.so.0" in f["message"]
           for f in v["findings"]), v["findings"]
assert d["glibc"]["release"] == "2.17" and d["glibc"]["dir"].endswith("/stubs"), d["glibc"]
' pt.json
if [ -z "$glibc217_missing" ]; then
	run_on_glibc217 ./pt >run.out 2>run.err
	st=$?
	check "... and glibc 2.17's ld.so refuses it as the error said (exit $st)" \
		sh -c "[ $st -ne 0 ] && grep -q 'symbol pthread_create, version GLIBC_2.2.5 not defined in file libc.so.6 with link time reference' run.err"
else
	glibc217_unavailable
fi

# --- GLIBC above the cap --------------------------------------------------------
# The glibc directory is in force, but the host's libc.so.6 is named by its
# path: pthread_create@GLIBC_2.34.
MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -o pt2 pt.c -L stubs "$libdir/libc.so.6" 2>err.txt
check "with the glibc baseline, an executable requiring GLIBC_2.34 is refused" sh -c '[ ! -e pt2 ]'
expect "... naming the version, the cap, the symbols and the fix" err.txt \
	'^manyguard-ld: error: pt2 requires GLIBC_2\.34 from libc\.so\.6, newer than manylinux_2_17 allows \(GLIBC_2\.17\) \[symbol-version\]$' \
	'^manyguard-ld: note: GLIBC_2\.34 is needed by pthread_create$' \
	'^manyguard-ld: note: fix: every GLIBC name must come from the stubs of the glibc directory'
link_passes "without the glibc baseline, an executable's GLIBC versions are not judged" pt2 \
	gcc -B "$wb/" -o pt2 pt.c
gcc -B "$wb/" -shared -fPIC -o pt2.so pt.c 2>err.txt
check "... a shared object's are a warning, and the output stays" test -f pt2.so
expect "... whose fix is the glibc baseline, not manyguard nonshared" err.txt \
	'^manyguard-ld: warning: pt2\.so requires GLIBC_2\.34 from libc\.so\.6, newer than manylinux_2_17 allows \(GLIBC_2\.17\) \[symbol-version\]$' \
	'^manyguard-ld: note: fix: link with manyguard-cc or manyguard-c\+\+ for manylinux_2_17: they link against stubs of glibc 2\.17'"'"'s libraries'
check "... and never points to manyguard nonshared" sh -c '! grep -q nonshared err.txt'

# --- names glibc lacks at the cap -------------------------------------------------
rm -f absent.so
MANYGUARD_GLIBC_DIR=$tmp/stubs clang -B "$wb/" -shared -fPIC -o absent.so absent.c -L stubs 2>err.txt
check "clang: a shared object leaving close_range, pidfd_open and getrandom undefined is refused" \
	sh -c '[ ! -e absent.so ]'
expect "... close_range: symbol, first version, policy, cap, why it cannot be shimmed, ways out" err.txt \
	'^manyguard-ld: error: absent\.so needs close_range \(GLIBC_2\.34\), which manylinux_2_17 \(glibc 2\.17\) does not provide \(libc\.so\.6 has it from glibc 2\.34\): the file fails to load there \[symbol-version\]$' \
	'^manyguard-ld: note: why: it cannot be shimmed: it is a system call of Linux 5\.9' \
	'^manyguard-ld: note: ways out: a policy whose glibc has it \(GLIBC cap GLIBC_2\.34 or newer\), or code that does not call it: close the descriptors in a loop'
expect "... pidfd_open (glibc 2.36): cannot be shimmed" err.txt \
	'^manyguard-ld: error: absent\.so needs pidfd_open \(GLIBC_2\.36\), which manylinux_2_17 \(glibc 2\.17\) does not provide \(libc\.so\.6 has it from glibc 2\.36\): the file fails to load there \[symbol-version\]$' \
	'^manyguard-ld: note: why: it cannot be shimmed: process file descriptors'
expect "... getrandom (glibc 2.25): no shim in this glibc directory" err.txt \
	'^manyguard-ld: error: absent\.so needs getrandom \(GLIBC_2\.25\), which manylinux_2_17 \(glibc 2\.17\) does not provide \(libc\.so\.6 has it from glibc 2\.25\): the file fails to load there \[symbol-version\]$' \
	'^manyguard-ld: note: why: manyguard has no shim for it$'

gcc -O3 -ffast-math -fPIC -c mvec.c -o mvec.o || bail "compile mvec.c"
vname=$(nm -u mvec.o | awk '$2 ~ /^_ZGV/ { print $2; exit }')
[ -n "$vname" ] || bail "gcc -O3 -ffast-math made no libmvec call of mvec.c"
MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -shared -o mvec.so mvec.o -L stubs -lm 2>err.txt
expect "libmvec's $vname (glibc 2.22) is refused: it cannot be shimmed" err.txt \
	"^manyguard-ld: error: mvec\\.so needs $vname \\(GLIBC_2\\.22\\), which manylinux_2_17 \\(glibc 2\\.17\\) does not provide \\(libmvec\\.so\\.1 has it from glibc 2\\.22\\): the file fails to load there \\[symbol-version\\]\$" \
	'^manyguard-ld: note: ways out: .*without -ffast-math'
MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -shared -fPIC -o findobj.so findobj.c -L stubs 2>err.txt
expect "_dl_find_object (glibc 2.35) is refused: it cannot be shimmed" err.txt \
	'^manyguard-ld: error: findobj\.so needs _dl_find_object \(GLIBC_2\.35\), which manylinux_2_17 \(glibc 2\.17\) does not provide \(libc\.so\.6 has it from glibc 2\.35\)' \
	'^manyguard-ld: note: why: it cannot be shimmed: it is ld\.so'"'"'s index'

rm -f gr.so
cat >gr.c <<'EOF'
#include <sys/random.h>
int gr(void) { char b[4]; return (int)getrandom(b, sizeof b, 0); }
EOF
MANYGUARD_GLIBC_DIR=$tmp/shimmed gcc -B "$wb/" -shared -fPIC -o gr.so gr.c -L shimmed 2>err.txt
check "with the shim archive, getrandom links silently" sh -c '[ -f gr.so ] && [ ! -s err.txt ]' ||
	diag "$(cat err.txt)"
check "... and the output leaves no getrandom undefined nor exports it" \
	sh -c "! '${READELF:-readelf}' --dyn-syms -W gr.so | grep -qw getrandom"
"$mg" manifest gr.so >gr.txt 2>&1
expect "... its manifest names the glibc baseline and the shim, and why it was pulled in" gr.txt \
	"^  glibc baseline: glibc 2\\.17, from $tmp/shimmed\$" \
	'^    shims linked in \(1, hidden\):$' \
	'^      getrandom  \(getrandom\.o, for <compiler temporary 1>\)$'
# The same archive present but left off the link line: the name is the shims'.
MANYGUARD_GLIBC_DIR=$tmp/shimmed gcc -B "$wb/" -shared -fPIC -o gr2.so gr.c -L stubs 2>err.txt
expect "the shim left off the link line: the error says the archive was not linked" err.txt \
	'^manyguard-ld: error: gr2\.so needs getrandom \(GLIBC_2\.25\), which manylinux_2_17 \(glibc 2\.17\) does not provide' \
	'^manyguard-ld: note: why: the glibc directory'"'"'s shim archive \(libmanyguard_glibc\.a\) provides it, yet nothing in the link defined it'

# A library of the link that defines the name (unversioned) clears it.
cat >mine.c <<'EOF'
int close_range(unsigned a, unsigned b, int f) { (void)a; (void)b; (void)f; return 0; }
EOF
gcc -shared -fPIC -o libmine.so mine.c || bail "libmine.so"
cat >cr.c <<'EOF'
int close_range(unsigned a, unsigned b, int f);
int cr(void) { return close_range(3, ~0u, 0); }
EOF
link_passes "close_range from a library of the link is nobody's business but its" cr.so \
	env MANYGUARD_GLIBC_DIR="$tmp/stubs" gcc -B "$wb/" -shared -fPIC -o cr.so cr.c -L stubs \
	-L. -lmine
check "... (and the reference did stay unversioned)" \
	sh -c "'${READELF:-readelf}' --dyn-syms -W cr.so | grep -q ' UND close_range\$'"

# An executable: the link fails, and the wrapper explains the linker's error.
cat >crmain.c <<'EOF'
int close_range(unsigned a, unsigned b, int f);
int main(void) { return close_range(3, ~0u, 0); }
EOF
MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -o crmain crmain.c -L stubs 2>err.txt
check "an executable calling close_range fails to link" sh -c '[ ! -e crmain ]'
expect "... the linker's error is followed by the judgement, not left bare" err.txt \
	"undefined reference to \`close_range'" \
	'^manyguard-ld: error: crmain: undefined reference to close_range \(GLIBC_2\.34\): manylinux_2_17 \(glibc 2\.17\) does not provide it \(libc\.so\.6 has it from glibc 2\.34\) \[symbol-version\]$' \
	'^manyguard-ld: note: why: it cannot be shimmed'

# A library of the link built against this machine's glibc requires
# pthread_create@GLIBC_2.34: every linker fails, in its own words, and the
# wrapper says which glibc has it and what to do.
cat >foo.c <<'EOF'
#include <pthread.h>
static void *run(void *arg) { return arg; }
int foo(void) { pthread_t t; if (pthread_create(&t, 0, run, 0)) return 1; return pthread_join(t, 0); }
EOF
echo 'int foo(void); int main(void) { return foo(); }' >usefoo.c
gcc -shared -fPIC -o libfoo.so foo.c || bail "libfoo.so"
for flavour in bfd gold lld; do
	MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -fuse-ld=$flavour -B "$wb/" -o usefoo usefoo.c -L stubs \
		-L. -lfoo 2>err.txt
	expect "$flavour: a library's pthread_create@GLIBC_2.34 is explained: glibc 2.17 has it only at older versions" err.txt \
		'^manyguard-ld: error: usefoo: undefined reference to pthread_create@GLIBC_2\.34: manylinux_2_17 \(glibc 2\.17\) has pthread_create only at older versions \(libc\.so\.6 has GLIBC_2\.34 from glibc 2\.34\) \[symbol-version\]$' \
		'^manyguard-ld: note: why: glibc 2\.17 has pthread_create, but not at GLIBC_2\.34: a library of the link \(or an object\) was built against a newer glibc$' \
		'^manyguard-ld: note: ways out: build that library for manylinux_2_17 too'
done

# at_quick_exit (the compiler's libc_nonshared.a) calls __cxa_at_quick_exit,
# which glibc 2.17 has (GLIBC_2.10): nothing to judge, and it runs there.
cat >aqe.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
static void bye(void) { puts("bye"); fflush(stdout); }
int main(void) { if (at_quick_exit(bye)) return 1; quick_exit(0); }
EOF
link_passes "at_quick_exit for glibc 2.17 is no finding" aqe \
	env MANYGUARD_GLIBC_DIR="$tmp/stubs" gcc -B "$wb/" -o aqe aqe.c -L stubs
if [ -z "$glibc217_missing" ]; then
	out=$(run_on_glibc217 ./aqe 2>&1)
	check "... and runs on glibc 2.17 (prints '$out')" [ "$out" = bye ]
else
	glibc217_unavailable
fi

# Without any stub: strlcpy is glibc 2.38's, newer than this host's too.
MANYGUARD_POLICY=manylinux_2_28 gcc -B "$wb/" -shared -fPIC -o strl.so strl.c 2>err.txt
check "without the glibc baseline, a shared object leaving strlcpy undefined is refused" \
	sh -c '[ ! -e strl.so ]'
expect "... naming glibc 2.38 and manylinux_2_28's glibc 2.28" err.txt \
	'^manyguard-ld: error: strl\.so needs strlcpy \(GLIBC_2\.38\), which manylinux_2_28 \(glibc 2\.28\) does not provide \(libc\.so\.6 has it from glibc 2\.38\): the file fails to load there \[symbol-version\]$'

# --- the same symbols from show and audit ------------------------------------------
mkdir pkg
MANYGUARD_ALLOW=symbol-version MANYGUARD_GLIBC_DIR=$tmp/stubs gcc -B "$wb/" -shared -fPIC \
	-o pkg/both.so pt.c absent.c -L stubs 2>ld.txt
[ -f pkg/both.so ] || bail "pkg/both.so was not kept: $(cat ld.txt)"
"$mg" show --policy manylinux_2_17 pkg/both.so >show.txt 2>&1
check "manyguard show: the file violates manylinux_2_17 (exit 1)" [ $? -eq 1 ]
"$mg" audit --policy manylinux_2_17 --json pkg >audit.json 2>audit.err
check "manyguard audit: errors (exit 1)" [ $? -eq 1 ]
"${PYTHON3:-python3}" - ld.txt show.txt audit.json >verdicts.txt <<'PY' || bail "parse the reports"
import json, re, sys
def ld(path):
    out = []
    for line in open(path):
        m = re.match(r"manyguard-ld: warning: \S+ requires (\S+) from (\S+) for names that glibc \S+ \(\S+\) has in (\S+):", line)
        if m:
            cur = "wrong %s %s %s" % m.groups()
            continue
        m = re.match(r"manyguard-ld: note: \S+ is needed by (\S+), which glibc", line)
        if m:
            out.append("%s %s" % (cur, m.group(1)))
        m = re.match(r"manyguard-ld: warning: \S+ needs (\S+) \((\S+)\), which (.*) does not provide", line)
        if m:
            out.append("absent %s %s %s" % m.groups())
    return sorted(out)
def show(path):
    """A finding's line, then its symbols one a line ("      NAME")."""
    out, cur = [], None
    for line in open(path):
        m = re.match(r"      (\S+)$", line)
        if m and cur:
            out.append(cur.format(m.group(1)))
            continue
        if line.startswith("    "):
            continue
        cur = None
        m = re.match(r"  symbol-version: (\S+) from (\S+) is bound to the wrong library: glibc \S+ \(\S+\) has these in (\S+), needed by:", line)
        if m:
            cur = "wrong %s %s %s {}" % m.groups()
        m = re.match(r"  symbol-version: a name is left undefined that \S+ has only at (\S+), newer than (.*) allows:", line)
        if m:
            cur = "absent {} %s %s" % m.groups()
    return sorted(out)
def audit(path):
    out = []
    for f in json.load(open(path))["findings"]:
        if f["rule"] != "symbol-version":
            continue
        m = re.match(r"(\S+) from (\S+) is bound to the wrong library: glibc \S+ \(\S+\) has these names in (\S+)$", f["message"])
        if m:
            out += ["wrong %s %s %s %s" % (m.groups() + (s,)) for s in f["symbols"]]
        m = re.match(r"leaves (\S+) undefined, which \S+ has only at (\S+), newer than (.*) allows", f["message"])
        if m:
            out.append("absent %s %s %s" % m.groups())
    return sorted(out)
for who, got in (("ld", ld(sys.argv[1])), ("show", show(sys.argv[2])), ("audit", audit(sys.argv[3]))):
    for line in got:
        print(who, line)
PY
for who in ld show audit; do
	sed -n "s/^$who //p" verdicts.txt >"$who.verdict"
done
check "the linker wrapper names the wrong binding of pthread_create and the absent names" \
	sh -c 'grep -qx "wrong GLIBC_2.2.5 libc.so.6 libpthread.so.0 pthread_create" ld.verdict &&
		grep -qx "absent close_range GLIBC_2.34 manylinux_2_17 (glibc 2.17)" ld.verdict &&
		grep -qx "absent getrandom GLIBC_2.25 manylinux_2_17 (glibc 2.17)" ld.verdict &&
		grep -qx "absent pidfd_open GLIBC_2.36 manylinux_2_17 (glibc 2.17)" ld.verdict'
check "manyguard show names the same symbols" cmp -s ld.verdict show.verdict
check "manyguard audit names the same symbols" cmp -s ld.verdict audit.verdict
if ! cmp -s ld.verdict show.verdict || ! cmp -s ld.verdict audit.verdict; then
	diag "linker wrapper:" "$(cat ld.verdict)" "show:" "$(cat show.verdict)" "audit:" "$(cat audit.verdict)"
fi

# --- the real glibc 2.17 as the baseline, with the real shims ------------------------
# A glibc directory made by hand from glibc 2.17's own libraries (what
# `manyguard glibc --baseline-libc` stands for) and every shim object of
# the build tree in its libmanyguard_glibc.a, first in libc.so: the link
# passes the checks, the manifest names the baseline and each shim with the
# name that pulled it, and the program runs on glibc 2.17 with its
# constructor run (the __libc_start_main interposer, start.o).
shims=${MANYGUARD_SHIM_DIR:-}/$(cat "${MANYGUARD_SHIM_DIR:-.}/arch" 2>/dev/null)
[ -f "$shims/start.o" ] || bail "no shim objects in '$shims' (MANYGUARD_SHIM_DIR)"
if [ -z "$glibc217_missing" ]; then
	mkdir real
	ar rcD real/libmanyguard_glibc.a "$shims"/*.o || bail "shim archive of the build tree"
	echo "GROUP ( $tmp/real/libmanyguard_glibc.a $glibc217_lib/libc.so.6 $nonshared AS_NEEDED ( $glibc217_ld_so ) )" >real/libc.so
	echo "GROUP ( $glibc217_lib/libpthread.so.0 )" >real/libpthread.so
	printf '{"release": "2.17", "host": "%s", "baseline_libc": "%s", "needed": true}\n' \
		"$(ldd --version | sed -n '1s/.* //p')" "$glibc217_lib" >real/glibc.json
	cat >ctor.c <<'EOF'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
static int ready;
__attribute__((constructor)) static void init(void) { ready = 42; }
static void *run(void *arg) { return arg; }
int main(int argc, char **argv)
{
	struct stat st;
	pthread_t t;
	void *p = reallocarray(NULL, 4, 4);
	if (pthread_create(&t, NULL, run, NULL) || pthread_join(t, NULL))
		return 1;
	printf("constructor %d, stat %d, reallocarray %d, args %d\n", ready,
	       stat(argv[0], &st), p != NULL, argc);
	free(p);
	return 0;
}
EOF
	for drv in gcc clang; do
		link_passes "$drv: against glibc 2.17's own libraries and the shims, the checks pass" \
			ctor-$drv env MANYGUARD_GLIBC_DIR="$tmp/real" $drv -B "$wb/" -O2 -o ctor-$drv ctor.c \
			-L real -pthread
		out=$(run_on_glibc217 ./ctor-$drv 2>&1)
		check "... and it runs on glibc 2.17, its constructor run (prints '$out')" \
			[ "$out" = "constructor 42, stat 0, reallocarray 1, args 1" ]
	done
	"$mg" manifest ctor-gcc >ctor.txt 2>&1
	expect "the manifest names the baseline, the real glibc it is, and each shim with the name that pulled it" ctor.txt \
		"^  glibc baseline: glibc 2\\.17, from $tmp/real \\(made from the glibc in $glibc217_lib\\)\$" \
		'^    shims linked in \(3, hidden\):$' \
		'^      __libc_start_main  \(start\.o, for .*/Scrt1\.o\)$' \
		'^      stat  \(stat\.o, for <compiler temporary 1>\)$' \
		'^      reallocarray  \(reallocarray\.o, for <compiler temporary 1>\)$'
else
	glibc217_unavailable
fi

# --- the glibc directory must exist -----------------------------------------------
MANYGUARD_GLIBC_DIR=$tmp/no-such-dir gcc -B "$wb/" -o nodir pt.c 2>err.txt
check "MANYGUARD_GLIBC_DIR naming nothing is an error, not a silent off switch" \
	sh -c "[ ! -e nodir ] && grep -q '^manyguard-ld: error: MANYGUARD_GLIBC_DIR=\"$tmp/no-such-dir\": No such file or directory' err.txt"
done_testing

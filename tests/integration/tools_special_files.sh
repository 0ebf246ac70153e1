#!/bin/sh
# Every reader of a file a user names opens it one way (lib/base/input.h):
# a FIFO, a device or a directory given where a file is expected is an
# error naming it, at once, never a read that waits forever.  Each command
# runs under a timeout: exit 124 would be a hang.
. "$top_srcdir/tests/lib.sh"
mg_tmpdir
cd "$tmp" || bail "cd $tmp"
mg=$top_builddir/tools/manyguard
mkfifo fifo fifo.whl || bail "mkfifo"
ln -s fifo to-fifo
mkdir dir

# expect DESC STATUS MESSAGE CMD...: CMD exits with STATUS within 20 s and
# its standard error (or output) says MESSAGE.
expect() {
	e_d=$1 e_status=$2 e_msg=$3
	shift 3
	timeout 20 "$@" >out.txt 2>err.txt
	e_got=$?
	if [ "$e_got" -eq 124 ]; then
		not_ok "$e_d: hangs"
	elif [ "$e_got" -ne "$e_status" ]; then
		not_ok "$e_d: exit $e_got, not $e_status"; diag "$(cat err.txt out.txt)"
	elif ! grep -qF -- "$e_msg" err.txt out.txt; then
		not_ok "$e_d: says \"$e_msg\""; diag "$(cat err.txt out.txt)"
	else
		ok "$e_d: exit $e_status, \"$e_msg\""
	fi
}

for input in fifo to-fifo; do
	expect "audit $input" 2 "$input: not a regular file (a FIFO)" "$mg" audit "$input"
	expect "show $input" 2 "$input: not a regular file (a FIFO)" "$mg" show "$input"
	expect "manifest $input" 2 "$input: not a regular file (a FIFO)" "$mg" manifest "$input"
	expect "stub $input" 2 "$input: not a regular file (a FIFO)" "$mg" stub "$input" -o stub
done
expect "audit --json fifo" 2 '"reason": "not a regular file (a FIFO)"' "$mg" audit --json fifo
expect "audit of a FIFO named like a wheel" 2 "fifo.whl: not a regular file (a FIFO)" \
	"$mg" audit fifo.whl
expect "audit /dev/null (a character device)" 2 "/dev/null: not a regular file (a character device)" \
	"$mg" audit /dev/null
expect "show of a directory" 2 "dir: not a regular file (a directory)" "$mg" show dir
expect "nonshared with a FIFO as the baseline" 1 "fifo: not a regular file (a FIFO)" \
	"$mg" nonshared --baseline-lib fifo -o rt
expect "a policy file that is a FIFO" 2 "not a regular file (a FIFO)" \
	env MANYGUARD_POLICY_DIR="$tmp/policies" sh -c 'mkdir -p policies && mkfifo policies/p.json && "$1" show --policy p "$1"' sh "$mg"
# Inside a directory a FIFO is no input: skipped, like any file that is not ELF.
mkdir tree && mkfifo tree/pipe && cp /bin/true tree/
mkfifo tree/x.whl
expect "a directory holding FIFOs is audited, the FIFOs passed over" 0 "1 ELF file" \
	"$mg" audit --policy manylinux_2_34 tree
done_testing

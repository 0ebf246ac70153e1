# Shared by the seeds-NAME.sh scripts, which source it:
#   . "${0%/*}/seeds-lib.sh"; seeds_begin "$@"

# seeds_begin DIR: $out is DIR (made), where the seeds go; $work a scratch
# directory removed at exit.
seeds_begin() {
	out=$1
	[ -n "$out" ] || { echo "usage: $0 DIR" >&2; exit 2; }
	mkdir -p "$out" || exit 1
	work=$(mktemp -d "${TMPDIR:-/tmp}/mgseeds.XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT
}

# overwrite FILE OFFSET BYTES: BYTES (a printf format) written over FILE at
# OFFSET, the rest of FILE unchanged: a corrupted copy.
overwrite() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

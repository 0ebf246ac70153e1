# Sourced by the glibc tests (tests/integration/glibc_*.sh,
# oldcxx_corpus.sh) after tests/lib.sh: what an output needs of glibc.

# glibc_within FILE CAP: FILE exists and requires no GLIBC_2.N above the
# cap (CAP 2.17 or 17); what it requires above is named in a diagnostic.
glibc_within() {
	local v
	[ -f "$1" ] || { diag "no $1"; return 1; }
	v=$("$READELF" -V -W "$1" | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sort -u -t. -k2,2n |
		awk -F'[_.]' -v cap="${2#2.}" '$2 > 2 || $3 > cap' | tr '\n' ' ')
	[ -z "$v" ] || { diag "$1 needs $v"; return 1; }
}

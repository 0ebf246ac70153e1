#!/bin/sh
# python.sh [--pypi=yes|no]: the pypa image layout cibuildwheel expects,
# from Debian's Python: /opt/python/cp311-cp311, a venv that sees Debian's
# pip, setuptools, wheel and build (so a project builds without reaching
# the package index: `pip wheel --no-build-isolation`), plus auditwheel,
# which Debian does not package, from the package index, on PATH.
#
# --pypi=no leaves out what only the package index has (auditwheel, newer
# pip and build), for networks that cannot reach it; it says so, and the
# image then cannot run cibuildwheel's `auditwheel repair`.  Idempotent.
set -eu
pypi=yes
for arg; do
	case $arg in
	--pypi=yes|--pypi=no) pypi=${arg#--pypi=} ;;
	*) echo "python.sh: error: unknown argument '$arg' (usage: python.sh [--pypi=yes|no])" >&2; exit 2 ;;
	esac
done
need=
for p in python3 python3-dev python3-venv python3-pip python3-setuptools python3-wheel python3-build; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || need="$need $p"
done
if [ -n "$need" ]; then
	apt-get update -q
	# shellcheck disable=SC2086 # one package per word
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
fi
tag=cp$(python3 -c 'import sys; print("%d%d" % sys.version_info[:2])')
venv=/opt/python/$tag-$tag
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
if [ $pypi = yes ]; then
	"$venv/bin/python" -m pip install -q --upgrade pip build auditwheel
	ln -sf "$venv/bin/auditwheel" /usr/local/bin/auditwheel
	echo "python.sh: $venv ready, with auditwheel"
else
	echo "python.sh: $venv ready, without auditwheel (--pypi=no: the package index is not used)"
fi

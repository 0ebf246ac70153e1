#!/bin/sh
# python.sh: the pypa image layout cibuildwheel expects, from Debian's
# Python: /opt/python/cp311-cp311 (a venv with pip, build and auditwheel)
# and auditwheel on PATH.  Idempotent.
set -eu
need=
for p in python3 python3-dev python3-venv; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || need="$need $p"
done
if [ -n "$need" ]; then
	apt-get update -q
	# shellcheck disable=SC2086 # one package per word
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
fi
tag=cp$(python3 -c 'import sys; print("%d%d" % sys.version_info[:2])')
venv=/opt/python/$tag-$tag
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip build auditwheel
ln -sf "$venv/bin/auditwheel" /usr/local/bin/auditwheel
echo "python.sh: $venv ready"

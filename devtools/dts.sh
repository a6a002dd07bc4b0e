#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# Conformance: the DPDK Test Suite (DTS) of a DPDK release against nicpmd
# ports, on this one machine (as root), leaving it as it was found.
#   devtools/dts.sh [options]
#   --dpdk PATH        release tarball, source tree or version (default: the
#                      newest ../shared/dpdk/dpdk-*.tar.xz); its dts/ runs
#   --pmd PATH         the nicpmd plugin (default: nicpmd built against that
#                      release in build-<version>/)
#   --port-vdev V      how a SUT port becomes a DPDK port: a template with
#                      {n} (port number) and {iface} (its veth; default
#                      net_nicpmd{n},wire=iface:{iface}), or af_packet
#                      (DPDK's net_af_packet on the same veths: a baseline)
#   --suites a,b       only these DTS suites (default: all)
#   --label L          run directory results/L/ (default dts-<version>, with
#                      -af_packet for that baseline)
#   --append           also add the cases to results/results.json (the test
#                      command's count) and rewrite its reports
#   --cleanup          only remove what a killed earlier run left, and exit
# Ends with 'N passed, N failed, N skipped'; DTS's own results.json and
# logs, the project's results.json, ci-report.txt, nipa.json and a
# per-suite table are in results/<label>/. devtools/dts/README.md tells
# how the testbed is made.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cache=${NICPMD_CACHE:-/var/cache/nicpmd}
tarballs=${NICPMD_DPDK_DIR:-$top/../shared/dpdk}

usage() { sed -n '5,25p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }
say() { echo "dts: $*" >&2; }
die() { say "$*"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

dpdk="" pmd="" vdev="" suites="" label="" append="" cleanup=0
while [ $# -gt 0 ]; do
	case $1 in
	--dpdk) dpdk=$2; shift ;;
	--pmd) pmd=$2; shift ;;
	--port-vdev) vdev=$2; shift ;;
	--suites) suites=$2; shift ;;
	--label) label=$2; shift ;;
	--append) append=--append ;;
	--cleanup) cleanup=1 ;;
	-h|--help) usage 0 ;;
	*) say "unknown argument $1"; usage ;;
	esac
	shift
done
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces, hugepages)"

if [ "$cleanup" = 1 ]; then
	exec /usr/bin/python3 devtools/dts/testbed.py cleanup
fi

devtools/setup.sh --dts >&2 || die "setup failed"

if [ -z "$dpdk" ]; then
	dpdk=$(ls "$tarballs"/dpdk-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	[ -n "$dpdk" ] || die "no DPDK release tarball in $tarballs (--dpdk PATH)"
fi
say "DPDK release: $dpdk"
# The release: built minimally and installed once (cached), with its dts/.
paths=$(devtools/dpdk-release.sh --dts --print-prefix --print-src "$dpdk") ||
	die "cannot build DPDK from $dpdk"
prefix=$(echo "$paths" | sed -n 1p)
src=$(echo "$paths" | sed -n 2p)
version=$(cut -d' ' -f1 "$prefix/.nicpmd-done" | sed 's/\.0$//')
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
	gcc -print-multiarch)
# nicpmd against the same release.
if [ -z "$pmd" ]; then
	build=$(devtools/build-release.sh "$dpdk" | sed -n 1p) ||
		die "cannot build nicpmd against DPDK $version"
	pmd=$build/drivers/librte_net_nicpmd.so
fi
[ -f "$pmd" ] || die "no nicpmd plugin $pmd"
pmd=$(cd "$(dirname "$pmd")" && pwd)/$(basename "$pmd")

case $vdev in
"" | nicpmd) ports=nicpmd vdev='net_nicpmd{n},wire=iface:{iface}'
	: "${label:=dts-$version}" ;;
af_packet) ports=af_packet vdev=af_packet
	: "${label:=dts-$version-af_packet}" ;;
*"{n}"*) ports=nicpmd
	: "${label:=dts-$version-custom}" ;;
*) die "--port-vdev: af_packet or a template with {n} and {iface}" ;;
esac

# DTS's Python: >= 3.10 with pydantic >= 2.9 (the machine's pyenv
# interpreters have it, Debian 12's python3 has pydantic 1), in a venv
# cached outside the clone that also sees Debian's dist-packages (Fabric,
# Invoke, Paramiko, Scapy, PyYAML from the Debian packages).
dts_python() {
	for py in /usr/bin/python3 \
		$(ls -d "${PYENV_ROOT:-${HOME:-/root}/.pyenv}"/versions/3.1[0-9]*/bin/python3 \
			2>/dev/null | sort -rV); do
		[ -x "$py" ] || continue
		"$py" - <<-'PY' 2>/dev/null && { echo "$py"; return 0; }
		import sys
		import pydantic
		v = tuple(int(x) for x in pydantic.VERSION.split('.')[:2])
		sys.exit(0 if sys.version_info >= (3, 10) and v >= (2, 9) else 1)
		PY
	done
	return 1
}
base=$(dts_python) || die "no Python >= 3.10 with pydantic >= 2.9 for DTS"
pyver=$("$base" -c 'import platform; print(platform.python_version())')
venv=$cache/dts-venv-$pyver
if [ ! -f "$venv/.nicpmd-done" ]; then
	say "DTS Python: venv of $base in $venv"
	rm -rf "$venv"
	"$base" -m venv --system-site-packages "$venv" >&2
	site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
	echo /usr/lib/python3/dist-packages > "$site/nicpmd-debian-dist-packages.pth"
	touch "$venv/.nicpmd-done"
fi
"$venv/bin/python" -c 'import fabric, invoke, paramiko, scapy, yaml, pydantic, typing_extensions' ||
	die "DTS's Python ($venv) lacks one of its libraries"

exec /usr/bin/python3 devtools/dts/testbed.py run --src "$src" \
	--prefix "$prefix" --libdir "$prefix/lib/$multiarch" \
	--version "$version" --pmd "$pmd" --python "$venv/bin/python" \
	--label "$label" --ports "$ports" --vdev "$vdev" \
	${suites:+--suites "$suites"} $append

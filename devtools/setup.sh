#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Install every Debian package nicpmd needs to build, run, test and benchmark.
# Idempotent: packages already present are not reinstalled, apt lists are
# refreshed only when something is missing.
#   devtools/setup.sh [--dts]
# --dts: also what the DTS conformance run needs (devtools/dts.sh): sshd
# for its nodes (never started as a service), DTS's Python libraries
# (Fabric, Invoke, Paramiko; Scapy and PyYAML are in the list below).
set -eu

PKGS="dpdk dpdk-dev libdpdk-dev dpdk-doc meson ninja-build gcc pkg-config
libbsd-dev libpcap-dev libelf-dev python3 python3-scapy python3-pexpect
python3-pyelftools xz-utils dpkg-dev iproute2 ethtool iputils-ping tcpdump
netcat-openbsd make clang debhelper"
if [ "${1:-}" = --dts ]; then
	PKGS="$PKGS openssh-server openssh-client python3-fabric python3-invoke
python3-paramiko python3-yaml lsof util-linux"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "setup: installing:$missing"
	[ "$(id -u)" -eq 0 ] || { echo "setup: need root to install packages" >&2; exit 1; }
	apt-get update -q
	# A package's service (sshd) is never started by the install: a
	# policy-rc.d saying so is put in place for it if there is none.
	own_policy=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		own_policy=/usr/sbin/policy-rc.d
		printf '#!/bin/sh\n# nicpmd devtools/setup.sh: no service starts\nexit 101\n' \
			> "$own_policy"
		chmod 755 "$own_policy"
		trap 'rm -f "$own_policy"' EXIT
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
	[ -z "$own_policy" ] || { rm -f "$own_policy"; trap - EXIT; }
else
	echo "setup: all packages present"
fi

# The driver-SDK headers Debian does not ship (see devtools/driver-sdk.sh).
exec "$(dirname "$0")/driver-sdk.sh"

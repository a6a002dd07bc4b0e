#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Install every Debian package nicpmd needs to build, run, test and benchmark.
# Idempotent: packages already present are not reinstalled, apt lists are
# refreshed only when something is missing.
set -eu

PKGS="dpdk dpdk-dev libdpdk-dev dpdk-doc meson ninja-build gcc pkg-config
libbsd-dev libpcap-dev libelf-dev python3 python3-scapy python3-pexpect
python3-pyelftools xz-utils dpkg-dev iproute2 ethtool iputils-ping tcpdump
netcat-openbsd make debhelper"

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
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
else
	echo "setup: all packages present"
fi

# The driver-SDK headers Debian does not ship (see devtools/driver-sdk.sh).
exec "$(dirname "$0")/driver-sdk.sh"

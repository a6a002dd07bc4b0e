#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Fetch the DPDK driver-SDK headers that Debian's libdpdk-dev lacks
# (ethdev_driver.h & co.) from Debian's own dpdk source package, for exactly
# the installed DPDK version, into a cache the build uses. Nothing fetched
# here is ever committed.
#
# Output: $NICPMD_SDK_CACHE/<version>/include (default: <repo>/.cache/driver-sdk)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${NICPMD_SDK_CACHE:-$top/.cache/driver-sdk}
HEADERS="lib/ethdev/ethdev_driver.h lib/ethdev/ethdev_vdev.h
drivers/bus/vdev/bus_vdev_driver.h lib/eal/include/dev_driver.h
lib/eal/include/bus_driver.h"

debver=$(dpkg-query -W -f='${Version}' libdpdk-dev)
modver=$(pkg-config --modversion libdpdk)
inc="$cache/$modver/include"

if [ -f "$inc/.complete" ]; then
	echo "driver-sdk: cached headers for DPDK $modver in $inc"
	exit 0
fi

work="$cache/$modver/src"
mkdir -p "$work"
cd "$work"

if ! ls dpdk_*.orig.tar.xz >/dev/null 2>&1; then
	# A private apt configuration with deb-src entries derived from the
	# machine's own sources: the system's apt setup stays untouched and no
	# mirror host is named here.
	aptdir="$work/apt"
	mkdir -p "$aptdir/sources.list.d" "$aptdir/lists/partial"
	found=0
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		sed 's/^Types:.*/Types: deb-src/' "$f" > "$aptdir/sources.list.d/$(basename "$f")"
		found=1
	done
	if [ -f /etc/apt/sources.list ]; then
		grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
			> "$aptdir/sources.list.d/from-sources-list.list" || true
		[ -s "$aptdir/sources.list.d/from-sources-list.list" ] && found=1
	fi
	[ "$found" -eq 1 ] || { echo "driver-sdk: no apt sources found to derive deb-src from" >&2; exit 1; }
	APTOPT="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$aptdir/sources.list.d -o Dir::State::Lists=$aptdir/lists"
	# shellcheck disable=SC2086
	apt-get $APTOPT update -q
	# shellcheck disable=SC2086
	apt-get $APTOPT source --download-only "dpdk=$debver"
fi

tarball=$(ls dpdk_*.orig.tar.xz | head -n 1)
topdir=$(tar -tJf "$tarball" | head -n 1 | cut -d/ -f1)
srcver=${topdir#dpdk-stable-}
srcver=${srcver#dpdk-}
if [ "$srcver" != "$modver" ]; then
	echo "driver-sdk: source $tarball is DPDK $srcver but installed libdpdk is $modver" >&2
	exit 1
fi

mkdir -p "$inc"
members=""
for h in $HEADERS; do members="$members $topdir/$h"; done
# shellcheck disable=SC2086
tar -xJf "$tarball" -C "$work" $members
for h in $HEADERS; do cp "$work/$topdir/$h" "$inc/"; done
touch "$inc/.complete"
echo "driver-sdk: DPDK $modver headers in $inc"

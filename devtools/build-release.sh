#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# Build nicpmd against another DPDK release (built minimally once and
# cached by devtools/dpdk-release.sh) in build-<version>/, with -Werror:
#   devtools/build-release.sh VERSION|TARBALL|TREE
# Prints, on stdout, the build directory, the release's install prefix
# and its version (three lines). Build output goes to stderr.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ $# -eq 1 ] || { sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
prefix=$(devtools/dpdk-release.sh --print-prefix "$1")
version=$(cut -d' ' -f1 "$prefix/.nicpmd-done" | sed 's/\.0$//')
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
	gcc -print-multiarch)
build=$top/build-$version
# A build dir configured against another build of that release (a
# changed recipe) is set up again, by meson itself (--wipe).
if [ ! -f "$build/build.ninja" ]; then
	PKG_CONFIG_PATH=$prefix/lib/$multiarch/pkgconfig \
		meson setup "$build" "$top" >&2
elif [ "$(cat "$build/.nicpmd-dpdk" 2>/dev/null)" != "$prefix" ]; then
	PKG_CONFIG_PATH=$prefix/lib/$multiarch/pkgconfig \
		meson setup --wipe "$build" "$top" >&2
fi
echo "$prefix" > "$build/.nicpmd-dpdk"
ninja -C "$build" >&2
printf '%s\n%s\n%s\n' "$build" "$prefix" "$version"

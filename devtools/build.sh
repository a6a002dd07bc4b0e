#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Configure (once) and build nicpmd into build/ (or $NICPMD_BUILD).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${NICPMD_BUILD:-$top/build}
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$top" "$@"
fi
ninja -C "$build"

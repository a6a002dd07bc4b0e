#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# Build nicpmd against one other DPDK release and run the test suites with
# that release's dpdk-testpmd:
#   devtools/test-release.sh VERSION|TARBALL [run_tests.py options]
# The release is built minimally once and cached (devtools/dpdk-release.sh);
# nicpmd is built in build-<version>/ with -Werror. Test names carry the
# prefix dpdk-<version>/, files go to results/dpdk-<version>/ and the
# records to results/results.json (--append adds to an earlier run's).
# Without options every suite runs with both engines, as for 22.11.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ $# -ge 1 ] || { sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
release=$1
shift

out=$(devtools/build-release.sh "$release")
build=$(echo "$out" | sed -n 1p)
prefix=$(echo "$out" | sed -n 2p)
version=$(echo "$out" | sed -n 3p)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
	gcc -print-multiarch)

# That release's apps first: tests that start dpdk-testpmd (or another
# DPDK app) by name get the ones the driver was built against; examples
# they build link against it (pkg-config) and find its libraries.
src=$(dirname "$prefix")/src
PKG_CONFIG_PATH=$prefix/lib/$multiarch/pkgconfig \
	NICPMD_DPDK_EXAMPLES=$src/examples \
	LD_LIBRARY_PATH=$prefix/lib/$multiarch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
	PATH=$prefix/bin:$PATH TESTPMD=$prefix/bin/dpdk-testpmd \
	exec /usr/bin/python3 devtools/run_tests.py --build "$build" \
	--label "dpdk-$version" "$@"

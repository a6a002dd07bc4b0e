#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The test command: install what is needed, build, run every test suite
# with both device engines. Ends with 'N passed, N failed, N skipped';
# per-test records go to results/results.json.
#   devtools/test.sh [--engine inline|thread] [--suite ctest|testpmd|dpdk-test] [--filter STR]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

fail_early() {
	echo "test: $1" >&2
	echo "0 passed, 1 failed"
	exit 1
}

devtools/setup.sh || fail_early "setup failed"
devtools/build.sh || fail_early "build failed"
exec /usr/bin/python3 devtools/run_tests.py "$@"

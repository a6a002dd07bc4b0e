#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The test command: install what is needed, build, run every test suite
# with both device engines against Debian's DPDK 22.11; then, for every
# other release whose tarball is in ../shared/dpdk (or $NICPMD_DPDK_DIR),
# build it minimally (cached), build nicpmd against it and run the C tests
# and a testpmd forwarding smoke test, both engines, and the install tests
# (versioned PMD in that release's plugin directory); then the DTS of the
# newest release tarball that has dts/ against nicpmd ports
# (devtools/dts.sh: the conformance run). Ends with
# 'N passed, N failed, N skipped' over all of it; per-test records go to
# results/results.json (other releases' tests named dpdk-<version>/...,
# DTS cases dts-<version>/<suite>/<case>).
#   devtools/test.sh [--engine inline|thread] [--suite ctest|testpmd|dpdk-test] [--filter STR]
# With options, only the 22.11 run, narrowed as asked.
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
if [ $# -gt 0 ]; then
	exec /usr/bin/python3 devtools/run_tests.py "$@"
fi
/usr/bin/python3 devtools/run_tests.py
tarballs=${NICPMD_DPDK_DIR:-$top/../shared/dpdk}
found=0
for t in "$tarballs"/dpdk-*.tar.xz; do
	[ -f "$t" ] || continue
	found=1
	v=$(basename "$t" .tar.xz)
	echo "== ${v}: C tests and a testpmd smoke test"
	devtools/test-release.sh "$t" --append --suite ctest ||
		echo "test: $v: C tests failed"
	devtools/test-release.sh "$t" --append --suite testpmd \
		--filter basic/io_fwd_peer || echo "test: $v: smoke test failed"
	devtools/test-release.sh "$t" --append --suite install ||
		echo "test: $v: install tests failed"
done
[ "$found" = 1 ] || echo "test: no DPDK release tarballs in $tarballs: 22.11 only"
# Conformance: DTS of the newest release whose tarball has dts/, against
# nicpmd ports (devtools/dts.sh); its cases are added to the count.
dts_tarball=""
for t in $(ls "$tarballs"/dpdk-*.tar.xz 2>/dev/null | sort -rV); do
	top_dir=$(tar -tf "$t" 2>/dev/null | head -n 1 | cut -d/ -f1)
	if tar -tf "$t" "$top_dir/dts/main.py" >/dev/null 2>&1; then
		dts_tarball=$t
		break
	fi
done
if [ -n "$dts_tarball" ]; then
	v=$(basename "$dts_tarball" .tar.xz)
	echo "== ${v}: DTS conformance run against nicpmd ports"
	devtools/dts.sh --dpdk "$dts_tarball" --append ||
		echo "test: $v: DTS conformance run had failures"
else
	echo "test: no DPDK release tarball with dts/ in $tarballs: no DTS conformance run"
fi
# The count over everything. A release that could not be built or run
# left no records: it counts as a failure, under its own name.
/usr/bin/python3 - "$tarballs" "$dts_tarball" <<'PY'
import glob, json, os, sys
path = 'results/results.json'
d = json.load(open(path))
for t in sorted(glob.glob(os.path.join(sys.argv[1], 'dpdk-*.tar.xz'))):
    label = os.path.basename(t)[:-len('.tar.xz')]
    for what in ('ctest', 'testpmd', 'install'):
        if not any(r['test'].startswith(label + '/') and
                   r['suite'].startswith(label + '/' + what)
                   for r in d['results']):
            d['results'].append({
                'test': '%s/%s/build' % (label, what), 'group': what,
                'suite': '%s/%s' % (label, what), 'engine': '-',
                'result': 'FAIL', 'duration_ms': 0,
                'reason': 'no results: build or run failed (see above)',
                'log': ''})
dts = sys.argv[2]
if dts:
    label = 'dts-' + os.path.basename(dts)[len('dpdk-'):-len('.tar.xz')]
    if not any(r['test'].startswith(label + '/') for r in d['results']):
        d['results'].append({
            'test': label + '/run', 'group': 'dts', 'suite': label,
            'engine': '-', 'result': 'FAIL', 'duration_ms': 0,
            'reason': 'no results: the DTS run failed (see above)',
            'log': ''})
n = {r: sum(1 for x in d['results'] if x['result'] == r)
     for r in ('PASS', 'FAIL', 'SKIP')}
d['summary'] = {'passed': n['PASS'], 'failed': n['FAIL'],
                'skipped': n['SKIP']}
json.dump(d, open(path, 'w'), indent=1)
print('%d passed, %d failed, %d skipped' % (n['PASS'], n['FAIL'], n['SKIP']))
sys.exit(1 if n['FAIL'] else 0)
PY

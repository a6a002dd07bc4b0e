#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# The soak of the NIC guide (issue 10): the C test device_faults/soak with
# many rounds, each a link flap, a queue stop/start and a port restart
# with traffic around each, in both engines; every frame must arrive
# intact or count in oerrors, and the pool must be full after every stop.
#   devtools/soak.sh [--rounds N] [--engine inline|thread]   (default
#                    10000 rounds, both engines)
# Needs devtools/build.sh first. One line per engine:
#   RESULT soak/<engine> PASS|FAIL <ms> <the test's summary or failure>
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${NICPMD_BUILD:-$top/build}
rounds=10000
engines="inline thread"
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift 2 ;;
	--engine) engines=$2; shift 2 ;;
	*) sed -n '5,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
exe=$build/app/test/nicpmd_test
pmd=$build/drivers/librte_net_nicpmd.so
if [ ! -x "$exe" ] || [ ! -e "$pmd" ]; then
	echo "soak: no $exe or $pmd: run devtools/build.sh first" >&2
	exit 2
fi
log_dir=$build/soak
mkdir -p "$log_dir"
status=0
for e in $engines; do
	log=$log_dir/soak-$e.log
	t0=$(date +%s%N)
	NICPMD_TEST_WATCHDOG=14400 NICPMD_SOAK_ROUNDS=$rounds "$exe" -l 0-1 --no-huge -m 512 --no-pci \
		--file-prefix "nicpmd_soak_$e" -d "$pmd" -- --engine "$e" \
		--filter device_faults/soak >"$log" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	summary=$(grep '^soak: ' "$log" | tail -n 1)
	if [ $rc -eq 0 ] && [ -n "$summary" ]; then
		echo "RESULT soak/$e PASS $ms ${summary#soak: }"
	else
		status=1
		echo "RESULT soak/$e FAIL $ms exit $rc, see $log:" \
			"$(grep -i 'fail' "$log" | head -n 1)"
	fi
done
exit $status

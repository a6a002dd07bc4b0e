#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Build the libFuzzer harnesses (app/fuzz, clang, ASan + UBSan) into
# build-fuzz/ (or $NICPMD_FUZZ_BUILD) and run each for a bounded time,
# starting from the corpus in app/fuzz/corpus/<harness> (new inputs go to
# build-fuzz/corpus/<harness>, crashes to build-fuzz/crashes/).
#
#   devtools/fuzz.sh [--seconds N | --runs N] [--only NAME]
#                                       default 10 s each; --runs: that
#                                       many executions each, no time limit
#
# One line per harness, as the test runner reads them:
#   RESULT fuzz/<harness> PASS|FAIL <ms> <execs, coverage or the crash>
# A crash, a sanitizer report or a leak fails the harness. The long run
# of the NIC guide is this with --seconds 3600.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${NICPMD_FUZZ_BUILD:-$top/build-fuzz}
seconds=10
runs=
only=
while [ $# -gt 0 ]; do
	case $1 in
	--seconds) seconds=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	*) echo "usage: $0 [--seconds N | --runs N] [--only NAME]" >&2; exit 2 ;;
	esac
done
harnesses="parse tx_offload adminq xproc pcap devargs"

if ! command -v clang >/dev/null; then
	for h in $harnesses; do
		echo "RESULT fuzz/$h SKIP 0 no clang (apt-get install clang)"
	done
	exit 0
fi
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$top" -Dfuzz=true -Dtests=false \
		-Db_lundef=false >"${TMPDIR:-/tmp}/nicpmd-fuzz-setup.log" 2>&1 || {
		echo "RESULT fuzz/build FAIL 0 meson setup failed: ${TMPDIR:-/tmp}/nicpmd-fuzz-setup.log"
		exit 1
	}
fi
if ! ninja -C "$build" >"$build/fuzz-build.log" 2>&1; then
	echo "RESULT fuzz/build FAIL 0 build failed: $build/fuzz-build.log"
	exit 1
fi

fail=0
mkdir -p "$build/crashes"
for h in $harnesses; do
	[ -n "$only" ] && [ "$only" != "$h" ] && continue
	corpus=$build/corpus/$h
	log=$build/fuzz-$h.log
	mkdir -p "$corpus"
	start=$(date +%s%N)
	if [ -n "$runs" ]; then
		bound="-runs=$runs"
	else
		bound="-max_total_time=$seconds"
	fi
	UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$top/devtools/ubsan.supp" \
	ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
		"$build/app/fuzz/fuzz_$h" "$bound" \
		-rss_limit_mb=4096 -timeout=10 \
		-artifact_prefix="$build/crashes/$h-" \
		"$corpus" "$top/app/fuzz/corpus/$h" >"$log" 2>&1
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
	execs=$(echo "$done_line" | sed -n 's/^#\([0-9]*\).*/\1/p')
	cov=$(echo "$done_line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	if [ $rc -eq 0 ] && [ -n "$execs" ] && \
	   ! grep -qE 'runtime error:|ERROR: (Address|Leak|libFuzzer)' "$log"; then
		echo "RESULT fuzz/$h PASS $ms $execs execs, cov $cov"
	else
		why=$(grep -m 1 -E 'SUMMARY|ERROR|runtime error' "$log" | cut -c1-160)
		echo "RESULT fuzz/$h FAIL $ms rc $rc: ${why:-see $log} (log $log)"
		fail=1
	fi
done
exit $fail

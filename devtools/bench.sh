#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# testpmd io-forwarding throughput of port pairs, measured the same way in
# the same run, one testpmd at a time:
#   nicpmd-inline   two nicpmd ports on a peer cable, engine=inline
#   nicpmd-thread   the same with engine=thread
#   null            net_null0 + net_null1
#   memif           net_memif server + client in one process
#   vhost-virtio    net_vhost + net_virtio_user in one process
# Every run: dpdk-testpmd -l 0-1 --no-huge -m 1024 --no-pci ... -- --no-mlockall
# --total-num-mbufs 32768 --forward-mode=io --auto-start --tx-first
# --stats-period 1, stopped with SIGINT after BENCH_SECONDS. The figure is the
# median over the periods after a 2 s warm-up of the Rx-pps of both ports
# summed; with several rounds, the median of the rounds.
#
# Environment: BENCH_SECONDS (10), BENCH_ROUNDS (1), BENCH_OUT
# (build/bench/results.json), NICPMD_PMD (build/drivers/net/nicpmd/
# librte_net_nicpmd.so), BENCH_PAIRS (all; e.g. "nicpmd-inline null"),
# TESTPMD (dpdk-testpmd). Options: --pmd PATH, --pairs "LIST".
# The PMD path must not have a world-writable parent (EAL refuses it).

set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-1}
OUT=${BENCH_OUT:-$REPO/build/bench/results.json}
PMD=${NICPMD_PMD:-$REPO/build/drivers/net/nicpmd/librte_net_nicpmd.so}
PAIRS=${BENCH_PAIRS:-"nicpmd-inline nicpmd-thread null memif vhost-virtio"}
TESTPMD=${TESTPMD:-dpdk-testpmd}
WARMUP=2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

while [ $# -gt 0 ]; do
	case "$1" in
	--pmd) PMD=$2; shift 2 ;;
	--pairs) PAIRS=$2; shift 2 ;;
	-h|--help) sed -n '3,24p' "$0"; exit 0 ;;
	*) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

case "$SECONDS_PER_RUN$ROUNDS" in
*[!0-9]*) echo "bench.sh: BENCH_SECONDS and BENCH_ROUNDS are integers" >&2
	exit 2 ;;
esac
if [ "$SECONDS_PER_RUN" -le "$WARMUP" ]; then
	echo "bench.sh: BENCH_SECONDS must be > $WARMUP (warm-up)" >&2
	exit 2
fi
if ! command -v "$TESTPMD" >/dev/null; then
	echo "bench.sh: $TESTPMD not found" >&2
	exit 2
fi
PMD=$(readlink -f "$PMD" 2>/dev/null || echo "$PMD")

OUTDIR=$(dirname "$OUT")
mkdir -p "$OUTDIR" || exit 2
LOGDIR=$OUTDIR/logs
mkdir -p "$LOGDIR" || exit 2
RESULTS=$OUTDIR/results.tsv
: > "$RESULTS"
# Unix socket paths are limited to 108 bytes: keep them short.
SOCKDIR=$(mktemp -d /tmp/nicpmd-bench.XXXXXX) || exit 2
CHILD=

cleanup() {
	if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
		kill -INT "$CHILD" 2>/dev/null
		sleep 2
		kill -0 "$CHILD" 2>/dev/null && kill -KILL "$CHILD" 2>/dev/null
		wait "$CHILD" 2>/dev/null
	fi
	CHILD=
	rm -rf "$SOCKDIR"
}
trap cleanup EXIT
trap 'echo "bench.sh: interrupted" >&2; exit 130' INT TERM

# run_testpmd NAME ROUND EAL-ARGS... -- EXTRA-APP-ARGS...
# Writes the log, appends "pair round mpps note" to $RESULTS.
run_testpmd() {
	local name=$1 round=$2 eal=() app=() log res val note
	shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do eal+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	app=("$@")
	log=$LOGDIR/$name.r$round.log
	rm -f "$SOCKDIR"/*.sock
	# SIGINT after the run time; SIGKILL if testpmd ignores it for 15 s.
	timeout -k 15 -s INT "$SECONDS_PER_RUN" \
		"$TESTPMD" -l 0-1 --no-huge -m 1024 --no-pci \
		--file-prefix "bench_${name//-/_}_$$" "${eal[@]}" -- \
		--no-mlockall --total-num-mbufs 32768 --forward-mode=io \
		--auto-start --tx-first --stats-period 1 "${app[@]}" \
		< /dev/null > "$log" 2>&1 &
	CHILD=$!
	wait "$CHILD"
	CHILD=
	rm -f "$SOCKDIR"/*.sock
	res=$("$PY" "$REPO/devtools/bench_table.py" parse "$log" \
		--warmup "$WARMUP")
	val=${res%% *}
	note=
	[ "$val" = "n/a" ] && note=${res#n/a }
	[ -n "${EXTRA_NOTE:-}" ] && note="${note:+$note; }$EXTRA_NOTE"
	printf '%s\t%s\t%s\t%s\n' "$name" "$round" "$val" "$note" >> "$RESULTS"
	printf '  %-14s round %s: %s Mpps%s\n' "$name" "$round" "$val" \
		"${note:+ ($note)}" >&2
}

run_pair() {
	local pair=$1 round=$2
	EXTRA_NOTE=
	case "$pair" in
	nicpmd-inline|nicpmd-thread)
		local engine=${pair#nicpmd-}
		if [ ! -f "$PMD" ]; then
			printf '%s\t%s\tn/a\tno PMD at %s\n' "$pair" "$round" \
				"$PMD" >> "$RESULTS"
			return
		fi
		run_testpmd "$pair" "$round" -d "$PMD" \
			--vdev "net_nicpmd0,wire=peer:bench,engine=$engine" \
			--vdev "net_nicpmd1,wire=peer:bench,engine=$engine" --
		;;
	null)
		run_testpmd null "$round" --vdev net_null0 --vdev net_null1 --
		;;
	memif)
		run_testpmd memif "$round" \
			--vdev "net_memif0,role=server,socket=$SOCKDIR/memif.sock" \
			--vdev "net_memif1,role=client,socket=$SOCKDIR/memif.sock" --
		;;
	vhost-virtio)
		# net_vhost creates its socket only when its port starts, after
		# all probing: listing net_virtio_user as a --vdev fails to
		# connect. Hot-attach it once testpmd has started the vhost port.
		local cmds=$SOCKDIR/vhost.cmd
		printf 'port attach net_virtio_user0,path=%s,queues=1\nport start all\n' \
			"$SOCKDIR/vhost.sock" > "$cmds"
		EXTRA_NOTE="virtio_user hot-attached (port attach)"
		run_testpmd vhost-virtio "$round" \
			--vdev "net_vhost0,iface=$SOCKDIR/vhost.sock,queues=1" -- \
			--cmdline-file "$cmds"
		EXTRA_NOTE=
		;;
	*)
		echo "bench.sh: unknown pair $pair" >&2
		;;
	esac
}

echo "bench.sh: ${SECONDS_PER_RUN}s per run, $ROUNDS round(s), pairs: $PAIRS" >&2
for round in $(seq 1 "$ROUNDS"); do
	for pair in $PAIRS; do
		run_pair "$pair" "$round"
	done
done

"$PY" "$REPO/devtools/bench_table.py" report "$RESULTS" --json "$OUT" \
	--seconds "$SECONDS_PER_RUN" --rounds "$ROUNDS"

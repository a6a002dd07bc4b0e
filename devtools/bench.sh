#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# testpmd io-forwarding throughput of port pairs, measured the same way in
# the same run, one testpmd at a time:
#   nicpmd-inline   two nicpmd ports on a peer cable, engine=inline
#   nicpmd-rxcsum   nicpmd-inline with Rx checksum offload (--enable-rx-cksum)
#                   and packet-type parsing on (set port N ptype_mask
#                   0x0fffffff, then port stop/start: testpmd clears the
#                   ptypes at port start, nicpmd applies them at the next
#                   start); --disable-link-check. Round 1 first checks, with
#                   a short rxonly + verbose run, which ptypes and checksum
#                   flags the packets carry, and puts them in the note.
#   nicpmd-thread   the same as nicpmd-inline with engine=thread
#   nicpmd-rss4     nicpmd-inline with 4 queues per port and RSS: testpmd
#                   --rxq=4 --txq=4 --txonly-multi-flow (the tx_first
#                   packets vary their IP source), RSS on IP/UDP; one
#                   forwarding core serves the 8 queues
#   null            net_null0 + net_null1
#   memif           net_memif server + client in one process
#   vhost-virtio    net_vhost + net_virtio_user in one process
# Every run: dpdk-testpmd -l 0-1 --no-huge -m 1024 --no-pci ... -- --no-mlockall
# --total-num-mbufs 32768 --forward-mode=io --auto-start --tx-first
# --stats-period 1, stopped with SIGINT after BENCH_SECONDS. The figure is the
# median over the periods after a 2 s warm-up of the Rx-pps of both ports
# summed; with several rounds, the median of the rounds.
#   nicpmd-tso      not testpmd: nicpmd_offload_tool --mode tso-bench, engine
#                   inline, 64 KiB TCP/IPv4 sends (32 mbufs of 2 KiB) with
#                   TSO at mss 1460 from port A, segments received and freed
#                   on port B, 8 sends in flight at most. Figure: median of
#                   the per-second input payload Gbit/s after the warm-up;
#                   n/a unless payload received == sent, no error, and the
#                   mempools full again at the end.
#
# Environment: BENCH_SECONDS (10), BENCH_ROUNDS (1), BENCH_OUT
# (build/bench/results.json), NICPMD_PMD (build/drivers/net/nicpmd/
# librte_net_nicpmd.so), BENCH_PAIRS (all; e.g. "nicpmd-inline null"),
# TESTPMD (dpdk-testpmd), OFFLOAD_TOOL (build/app/test/nicpmd_offload_tool).
# Options: --pmd PATH, --tool PATH, --pairs "LIST".
# The PMD path must not have a world-writable parent (EAL refuses it).

set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-1}
OUT=${BENCH_OUT:-$REPO/build/bench/results.json}
PMD=${NICPMD_PMD:-$REPO/build/drivers/net/nicpmd/librte_net_nicpmd.so}
PAIRS=${BENCH_PAIRS:-"nicpmd-inline nicpmd-rxcsum nicpmd-rss4 nicpmd-thread null memif vhost-virtio nicpmd-tso"}
TESTPMD=${TESTPMD:-dpdk-testpmd}
TOOL=${OFFLOAD_TOOL:-$REPO/build/app/test/nicpmd_offload_tool}
WARMUP=2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

while [ $# -gt 0 ]; do
	case "$1" in
	--pmd) PMD=$2; shift 2 ;;
	--pairs) PAIRS=$2; shift 2 ;;
	--tool) TOOL=$2; shift 2 ;;
	-h|--help) sed -n '3,43p' "$0"; exit 0 ;;
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
TOOL=$(readlink -f "$TOOL" 2>/dev/null || echo "$TOOL")

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

# record PAIR ROUND VALUE UNIT NOTE: one line of $RESULTS.
record() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$RESULTS"
	printf '  %-14s round %s: %s %s%s\n' "$1" "$2" "$3" "$4" \
		"${5:+ ($5)}" >&2
}

# run_testpmd NAME ROUND EAL-ARGS... -- EXTRA-APP-ARGS...
# Writes the log, appends "pair round mpps Mpps note" to $RESULTS.
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
	record "$name" "$round" "$val" Mpps "$note"
}

NICPMD_VDEVS=()
nicpmd_vdevs() {
	NICPMD_VDEVS=(-d "$PMD"
		--vdev "net_nicpmd0,wire=peer:bench,engine=$1"
		--vdev "net_nicpmd1,wire=peer:bench,engine=$1")
}

# The ptypes and Rx flags the rxcsum setup really delivers: 2 x 32 packets
# (--tx-first, rxonly) printed by testpmd's verbose dump. Prints a note.
rxcsum_check() {
	local cmds=$1 log=$LOGDIR/nicpmd-rxcsum.check.log pt fl
	{ cat "$cmds"; echo "set verbose 1"; } > "$SOCKDIR/rxcsum-check.cmd"
	timeout -k 5 -s INT 30 "$TESTPMD" -l 0-1 --no-huge -m 1024 --no-pci \
		--file-prefix "bench_rxcheck_$$" "${NICPMD_VDEVS[@]}" -- \
		--no-mlockall --total-num-mbufs 32768 --forward-mode=rxonly \
		--tx-first --enable-rx-cksum --disable-link-check \
		--cmdline-file "$SOCKDIR/rxcsum-check.cmd" \
		< /dev/null > "$log" 2>&1
	pt=$(grep -o 'hw ptype: [A-Z0-9_ ]*' "$log" | sed 's/ *$//' |
		sort | uniq -c | sort -rn | head -1 |
		sed 's/^ *\([0-9]*\) hw ptype: /\1 pkts /')
	fl=$(grep -o 'ol_flags: .*' "$log" | tr ' ' '\n' |
		grep -o 'RX_IP_CKSUM_[A-Z]*\|RX_L4_CKSUM_[A-Z]*' |
		sort | uniq -c | sed 's/^ *\([0-9]*\) /\1x/' | tr '\n' ' ')
	case "$pt" in
	*L3_IPV4*) echo "checked: ${pt:-none}; ${fl% }" ;;
	*) echo "PTYPE NOT REPORTED: hw ptype ${pt:-none} (see $log)" ;;
	esac
}

run_tso() {
	local round=$1 log=$LOGDIR/nicpmd-tso.r$1.log res val note
	if [ ! -x "$TOOL" ] || [ ! -f "$PMD" ]; then
		record nicpmd-tso "$round" n/a Gbit/s \
			"no offload tool at $TOOL or no PMD"
		return
	fi
	# The tool stops itself; SIGKILL if it is still there 30 s later.
	timeout -k 5 $((SECONDS_PER_RUN + 30)) "$TOOL" -l 0-1 --no-huge \
		-m 512 --no-pci --file-prefix "bench_tso_$$" -d "$PMD" -- \
		--engine inline --mode tso-bench --seconds "$SECONDS_PER_RUN" \
		--mss 1460 --payload 65536 --seg-size 2048 --inflight 8 \
		< /dev/null > "$log" 2>&1 &
	CHILD=$!
	wait "$CHILD"
	CHILD=
	res=$("$PY" "$REPO/devtools/bench_table.py" parse-tso "$log" \
		--warmup "$WARMUP")
	val=${res%% *}
	note=${res#"$val"}
	record nicpmd-tso "$round" "$val" Gbit/s "${note# }"
}

run_pair() {
	local pair=$1 round=$2
	EXTRA_NOTE=
	case "$pair" in
	nicpmd-inline|nicpmd-thread|nicpmd-rxcsum)
		local engine=${pair#nicpmd-}
		if [ ! -f "$PMD" ]; then
			record "$pair" "$round" n/a Mpps "no PMD at $PMD"
			return
		fi
		if [ "$pair" != nicpmd-rxcsum ]; then
			nicpmd_vdevs "$engine"
			run_testpmd "$pair" "$round" "${NICPMD_VDEVS[@]}" --
			return
		fi
		# Ptypes set after testpmd cleared them at the first start,
		# applied by a restart; no 9 s wait for a stopped port's link.
		local cmds=$SOCKDIR/rxcsum.cmd
		printf '%s\n' 'set port 0 ptype_mask 0x0fffffff' \
			'set port 1 ptype_mask 0x0fffffff' \
			'port stop all' 'port start all' > "$cmds"
		nicpmd_vdevs inline
		[ "$round" = 1 ] && RXCSUM_NOTE=$(rxcsum_check "$cmds")
		EXTRA_NOTE=${RXCSUM_NOTE:-}
		run_testpmd "$pair" "$round" "${NICPMD_VDEVS[@]}" -- \
			--enable-rx-cksum --disable-link-check --cmdline-file "$cmds"
		EXTRA_NOTE=
		;;
	nicpmd-rss4)
		if [ ! -f "$PMD" ]; then
			record "$pair" "$round" n/a Mpps "no PMD at $PMD"
			return
		fi
		nicpmd_vdevs inline
		run_testpmd "$pair" "$round" "${NICPMD_VDEVS[@]}" -- \
			--rxq=4 --txq=4 --txonly-multi-flow
		;;
	nicpmd-tso)
		run_tso "$round"
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

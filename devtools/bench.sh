#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# testpmd io-forwarding throughput of port pairs, measured the same way in
# the same run, one testpmd at a time:
#   nicpmd-inline   two nicpmd ports on a peer cable, engine=inline
#   nicpmd-rxcsum   nicpmd-inline with Rx checksum offload (--enable-rx-cksum)
#                   and packet types asked for as an application would
#                   (set port N ptype_mask 0x0fffffff, port stop/start;
#                   nicpmd reports the types without it too);
#                   --disable-link-check. Round 1 first checks, with
#                   a short rxonly + verbose run, which ptypes and checksum
#                   flags the packets carry, and puts them in the note.
#   nicpmd-thread   the same as nicpmd-inline with engine=thread
#   nicpmd-thread-shared
#                   nicpmd-thread while two busy loops hold CPU 0 (testpmd's
#                   main lcore): the scheduler puts the device thread on
#                   CPU 1 beside the forwarding lcore, which never sleeps.
#                   Also given as a ratio to nicpmd-thread.
#   nicpmd-rss4     nicpmd-inline with 4 queues per port and RSS: testpmd
#                   --rxq=4 --txq=4 --txonly-multi-flow (the tx_first
#                   packets vary their IP source), RSS on IP/UDP; one
#                   forwarding core serves the 8 queues
#   null            net_null0 + net_null1
#   memif           net_memif server + client in one process
#   vhost-virtio    net_vhost + net_virtio_user in one process
#   nicpmd-iface    two nicpmd ports, wire=iface:<veth end>, engine inline,
#                   on a veth pair made for the run (BENCH_VETH prefix,
#                   default nbv: nbv0/nbv1 in the root namespace, GSO/GRO/
#                   TSO/Tx checksum offloads and IPv6 off, up; deleted
#                   after the row and on exit). Frames loop through the
#                   kernel's veth. Needs root; n/a if nbv0 already exists.
#   af_packet       the same veth pair with DPDK's net_af_packet (iface=,
#                   default qpairs/blocksz/framesz/framecnt)
#   nicpmd-xproc    two testpmd processes, one port each, cabled with
#                   wire=xproc:<dir>/x.sock (engine inline); io fwd sends
#                   every packet back out its one port.
#   memif-2proc     the same with net_memif: role=server in the first
#                   process, role=client in the second, socket <dir>/m.sock
# The two-process rows: process A on CPU 0 (--lcores 0@0,1@0: testpmd needs
# a forwarding lcore besides the main one, which only sleeps and prints),
# process B on CPU 1, both --tx-first --stats-period 1, -m 1024. B is
# started once A is waiting for its link (A's socket is listening). If the
# first statistics period shows that a --tx-first burst was dropped (the
# net_memif server sometimes drops it although its link is up), both are
# stopped and started again, 8 tries at most, so that 64 packets go round.
# Both are stopped with SIGINT BENCH_SECONDS after both started forwarding
# (B first). Figure: median Rx-pps of process A's one port after the
# warm-up, over the periods before the stop (= packets per second going
# round A -> B -> A); no ratio to nicpmd-inline (one port, two processes).
# Every run: dpdk-testpmd -l 0-1 --no-huge -m 1024 --no-pci ... -- --no-mlockall
# --total-num-mbufs 32768 --forward-mode=io --auto-start --tx-first
# --stats-period 1, stopped with SIGINT after BENCH_SECONDS. The figure is the
# median over the periods after a 2 s warm-up of the Rx-pps of both ports
# summed; with several rounds, the median of the rounds. nicpmd-iface and
# nicpmd-xproc are also given as a ratio to af_packet and memif-2proc.
#   nicpmd-tso      not testpmd: nicpmd_offload_tool --mode tso-bench, engine
#                   inline, 64 KiB TCP/IPv4 sends (32 mbufs of 2 KiB) with
#                   TSO at mss 1460 from port A, segments received and freed
#                   on port B, 8 sends in flight at most. Figure: median of
#                   the per-second input payload Gbit/s after the warm-up;
#                   n/a unless payload received == sent, no error, and the
#                   mempools full again at the end.
#
# Environment: BENCH_SECONDS (10), BENCH_ROUNDS (1), BENCH_OUT
# (build/bench/results.json), NICPMD_PMD (build/drivers/
# librte_net_nicpmd.so), BENCH_PAIRS (all; e.g. "nicpmd-inline null"),
# TESTPMD (dpdk-testpmd), OFFLOAD_TOOL (build/app/test/nicpmd_offload_tool),
# BENCH_VETH (nbv: the veth pair nbv0/nbv1).
# Options: --pmd PATH, --tool PATH, --pairs "LIST".
# The PMD path must not have a world-writable parent (EAL refuses it).

set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-1}
OUT=${BENCH_OUT:-$REPO/build/bench/results.json}
PMD=${NICPMD_PMD:-$REPO/build/drivers/librte_net_nicpmd.so}
PAIRS=${BENCH_PAIRS:-"nicpmd-inline nicpmd-rxcsum nicpmd-rss4 nicpmd-thread nicpmd-thread-shared null memif vhost-virtio nicpmd-iface af_packet nicpmd-xproc memif-2proc nicpmd-tso"}
VETH=${BENCH_VETH:-nbv}
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
	-h|--help) sed -n '3,72p' "$0"; exit 0 ;;
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
CHILDREN=()	# the two testpmd of a two-process row
VETH_MADE=	# set while this script owns the veth pair
HOGS=()		# the busy loops of nicpmd-thread-shared
VETH_WHY=

# stop_pids PID...: SIGINT, then SIGKILL whatever is left after 15 s.
stop_pids() {
	local p n=0
	for p in "$@"; do kill -INT "$p" 2>/dev/null; done
	while [ $n -lt 30 ]; do
		for p in "$@"; do
			kill -0 "$p" 2>/dev/null && break
			p=
		done
		[ -z "$p" ] && break
		sleep 0.5
		n=$((n + 1))
	done
	for p in "$@"; do
		kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	return 0
}

veth_del() {
	[ -n "$VETH_MADE" ] && ip link del "${VETH}0" 2>/dev/null
	VETH_MADE=
	return 0
}

# hogs_start CPU N: N busy loops pinned to CPU.
hogs_start() {
	local i
	for i in $(seq "$2"); do
		taskset -c "$1" sh -c 'while :; do :; done' &
		HOGS+=($!)
	done
}

hogs_stop() {
	[ ${#HOGS[@]} -gt 0 ] && kill "${HOGS[@]}" 2>/dev/null
	[ ${#HOGS[@]} -gt 0 ] && wait "${HOGS[@]}" 2>/dev/null
	HOGS=()
	return 0
}

cleanup() {
	if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
		kill -INT "$CHILD" 2>/dev/null
		sleep 2
		kill -0 "$CHILD" 2>/dev/null && kill -KILL "$CHILD" 2>/dev/null
		wait "$CHILD" 2>/dev/null
	fi
	CHILD=
	[ ${#CHILDREN[@]} -gt 0 ] && stop_pids "${CHILDREN[@]}"
	CHILDREN=()
	hogs_stop
	veth_del
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

# veth_add: the veth pair ${VETH}0/${VETH}1, kernel offloads and IPv6 off,
# up. Fails with the reason in VETH_WHY.
veth_add() {
	local i
	VETH_WHY=
	if ip link show "${VETH}0" >/dev/null 2>&1 ||
	   ip link show "${VETH}1" >/dev/null 2>&1; then
		VETH_WHY="${VETH}0 or ${VETH}1 already exists (another bench run?)"
		return 1
	fi
	if ! ip link add "${VETH}0" type veth peer name "${VETH}1" \
		>/dev/null 2>&1; then
		VETH_WHY="cannot create veth ${VETH}0/${VETH}1 (root needed)"
		return 1
	fi
	VETH_MADE=1
	for i in 0 1; do
		# No router solicitations or MLD reports on the test cable.
		sysctl -qw "net.ipv6.conf.${VETH}$i.disable_ipv6=1" \
			>/dev/null 2>&1
		if ! ethtool -K "${VETH}$i" tso off gso off gro off tx off \
			>/dev/null 2>&1; then
			VETH_WHY="ethtool -K ${VETH}$i tso/gso/gro/tx off failed"
			veth_del
			return 1
		fi
		if ! ip link set "${VETH}$i" up >/dev/null 2>&1; then
			VETH_WHY="cannot set ${VETH}$i up"
			veth_del
			return 1
		fi
	done
	return 0
}

# run_veth_pair NAME ROUND EAL-ARGS...: run_testpmd on a fresh veth pair.
run_veth_pair() {
	local pair=$1 round=$2
	shift 2
	if ! veth_add; then
		record "$pair" "$round" n/a Mpps "$VETH_WHY"
		return
	fi
	EXTRA_NOTE="veth ${VETH}0/${VETH}1"
	run_testpmd "$pair" "$round" "$@" --
	EXTRA_NOTE=
	veth_del
}

# wait_for FILE PATTERN SECONDS PID: until PATTERN is in FILE, PID exits or
# the time is up.
wait_for() {
	local n=0
	while [ $n -lt $(($3 * 10)) ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		kill -0 "$4" 2>/dev/null || return 1
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

# first_tx LOG: TX-packets in the first statistics period, printed just
# after the --tx-first burst (a dropped burst leaves 0 there; forwarding
# may have added more); empty if there is no period yet.
first_tx() {
	awk '/Port statistics/ { s = 1 }
	     s && /TX-packets:/ { print $2; exit }' "$1" 2>/dev/null
}

# burst_sent LOG: 32 minus the TX-dropped of testpmd's final forward
# statistics (the --tx-first burst is the only thing io fwd drops here);
# empty without them.
burst_sent() {
	local d
	d=$(sed -n '/Accumulated forward statistics/{n;n;s/.*TX-dropped: *\([0-9]*\).*/\1/p;q}' "$1" 2>/dev/null)
	[ -n "$d" ] && echo $((d > 32 ? 0 : 32 - d))
}

# run_2proc NAME ROUND VDEV-A VDEV-B [EAL-ARGS...]: process A on CPU 0 with
# VDEV-A, process B on CPU 1 with VDEV-B; the figure is A's Rx-pps.
run_2proc() {
	local name=$1 round=$2 va=$3 vb=$4 a b loga logb res val note
	local try txa txb np retries=0
	shift 4
	loga=$LOGDIR/$name.r$round.A.log
	logb=$LOGDIR/$name.r$round.B.log
	for try in 1 2 3 4 5 6 7 8; do
		rm -f "$SOCKDIR"/*.sock
		# The timeouts are a safety net: stop_pids ends both before.
		timeout -k 15 -s INT $((SECONDS_PER_RUN + 60)) \
			"$TESTPMD" --lcores 0@0,1@0 --no-huge -m 1024 --no-pci \
			--file-prefix "bench_${name//-/_}_a_$$" "$@" \
			--vdev "$va" -- --no-mlockall --total-num-mbufs 32768 \
			--forward-mode=io --auto-start --tx-first \
			--stats-period 1 < /dev/null > "$loga" 2>&1 &
		a=$!
		CHILDREN=("$a")
		# A has started its port (listening) and waits for the link.
		wait_for "$loga" 'Checking link statuses' 20 "$a"
		timeout -k 15 -s INT $((SECONDS_PER_RUN + 40)) \
			"$TESTPMD" --lcores 0@1,1@1 --no-huge -m 1024 --no-pci \
			--file-prefix "bench_${name//-/_}_b_$$" "$@" \
			--vdev "$vb" -- --no-mlockall --total-num-mbufs 32768 \
			--forward-mode=io --auto-start --tx-first \
			--stats-period 1 < /dev/null > "$logb" 2>&1 &
		b=$!
		CHILDREN=("$a" "$b")
		# Both forwarding: their first period shows the --tx-first
		# burst. A burst sent while the cable was not quite ready is
		# dropped: net_memif's server has no buffer to send into until
		# the client's Rx has polled once (the client owns the
		# buffers), and its link is up before that. Start
		# again, up to 8 times, so that 64 packets go round.
		wait_for "$loga" 'Port statistics' 20 "$a" &&
			wait_for "$logb" 'Port statistics' 20 "$b"
		txa=$(first_tx "$loga")
		txb=$(first_tx "$logb")
		[ -z "$txa" ] || [ -z "$txb" ] || [ "$try" = 8 ] && break
		[ "$txa" -ge 32 ] && [ "$txb" -ge 32 ] && break
		retries=$try
		stop_pids "$b"
		stop_pids "$a"
		CHILDREN=()
	done
	sleep "$SECONDS_PER_RUN"
	# Only the periods up to here count: A goes on printing (zeros)
	# while B shuts down.
	np=$(grep -c 'Port statistics' "$loga")
	# B first: a net_memif client whose server goes away first may
	# crash (SIGSEGV) before printing its statistics.
	stop_pids "$b"
	stop_pids "$a"
	CHILDREN=()
	rm -f "$SOCKDIR"/*.sock
	res=$("$PY" "$REPO/devtools/bench_table.py" parse "$loga" \
		--warmup "$WARMUP" --ports 1 --periods "$np")
	val=${res%% *}
	note=
	[ "$val" = "n/a" ] && note=${res#n/a }
	txa=$(burst_sent "$loga")
	txb=$(burst_sent "$logb")
	note="${note:+$note; }Rx-pps of process A (1 port), 2 processes on 1 core each; r$round: tx-first ${txa:-?}+${txb:-?} packets sent"
	[ "$retries" -gt 0 ] &&
		note="$note after $retries restart(s) (burst dropped)"
	record "$name" "$round" "$val" Mpps "$note"
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
		# Ptypes asked for the way an application does (nicpmd types
		# frames anyway); no 9 s wait for a stopped port's link.
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
	nicpmd-thread-shared)
		if [ ! -f "$PMD" ]; then
			record "$pair" "$round" n/a Mpps "no PMD at $PMD"
			return
		fi
		nicpmd_vdevs thread
		hogs_start 0 2
		EXTRA_NOTE="2 busy loops on CPU 0"
		run_testpmd "$pair" "$round" "${NICPMD_VDEVS[@]}" --
		EXTRA_NOTE=
		hogs_stop
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
	nicpmd-iface)
		if [ ! -f "$PMD" ]; then
			record "$pair" "$round" n/a Mpps "no PMD at $PMD"
			return
		fi
		run_veth_pair "$pair" "$round" -d "$PMD" \
			--vdev "net_nicpmd0,wire=iface:${VETH}0,engine=inline" \
			--vdev "net_nicpmd1,wire=iface:${VETH}1,engine=inline"
		;;
	af_packet)
		run_veth_pair "$pair" "$round" \
			--vdev "net_af_packet0,iface=${VETH}0" \
			--vdev "net_af_packet1,iface=${VETH}1"
		;;
	nicpmd-xproc)
		if [ ! -f "$PMD" ]; then
			record "$pair" "$round" n/a Mpps "no PMD at $PMD"
			return
		fi
		run_2proc "$pair" "$round" \
			"net_nicpmd0,wire=xproc:$SOCKDIR/x.sock,engine=inline" \
			"net_nicpmd0,wire=xproc:$SOCKDIR/x.sock,engine=inline" \
			-d "$PMD"
		;;
	memif-2proc)
		run_2proc "$pair" "$round" \
			"net_memif0,role=server,socket=$SOCKDIR/m.sock" \
			"net_memif0,role=client,socket=$SOCKDIR/m.sock"
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

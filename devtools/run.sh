#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The main job: dpdk-testpmd forwarding over two nicpmd ports cabled to
# each other. Interactive when a terminal is attached; otherwise a short
# run that forwards traffic and prints the port statistics.
#
#   devtools/run.sh [--engine inline|thread] [--seconds N] [--hugepages]
#
# Embedded default configuration (no file needed):
engine=inline		# device engine: inline or thread
seconds=5		# length of a non-interactive run
huge=no			# --no-huge by default: works on any machine
cable=run0		# the peer cable joining the two ports
lcores=0-1
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

while [ $# -gt 0 ]; do
	case "$1" in
	--engine) engine=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--hugepages) huge=yes; shift ;;
	-h|--help) sed -n '2,9p' "$0"; exit 0 ;;
	*) echo "run: unknown option $1" >&2; exit 2 ;;
	esac
done
case "$engine" in inline|thread) ;; *) echo "run: engine must be inline or thread" >&2; exit 2 ;; esac
case "$seconds" in ''|*[!0-9]*) echo "run: --seconds needs a number" >&2; exit 2 ;; esac

[ -f "$top/build/drivers/librte_net_nicpmd.so" ] || {
	"$top/devtools/setup.sh" && "$top/devtools/build.sh"; } >&2

pmd="$top/build/drivers/librte_net_nicpmd.so"
mem="--no-huge -m 1024"
[ "$huge" = yes ] && mem="-m 1024"
set -- -l "$lcores" $mem --no-pci --file-prefix nicpmd_run -d "$pmd" \
	--vdev "net_nicpmd0,wire=peer:$cable,engine=$engine" \
	--vdev "net_nicpmd1,wire=peer:$cable,engine=$engine" \
	-- --no-mlockall --total-num-mbufs 32768 --forward-mode=io

echo "+ dpdk-testpmd $*" >&2
if [ -t 0 ] && [ -t 1 ]; then
	exec dpdk-testpmd "$@" -i
fi

# Non-interactive: forward for a while; SIGINT makes testpmd print the
# per-port and accumulated forwarding statistics and exit cleanly.
dpdk-testpmd "$@" --auto-start --tx-first --stats-period 1 </dev/null &
pid=$!
sleep "$seconds"
kill -INT "$pid" 2>/dev/null || true
wait "$pid"

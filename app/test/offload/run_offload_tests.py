#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Offload verification of nicpmd, judged by scapy.

Usage (/usr/bin/python3: Debian's scapy):
  run_offload_tests.py --engine inline|thread --build <builddir>
                       --pmd <librte_net_nicpmd.so> [--filter S]
                       [--workdir D]

Each test crafts frames with scapy, pushes them through two nicpmd ports
with nicpmd_offload_tool (Tx or Rx offloads on), and checks every
checksum, segment, tag, flag and packet type against what scapy computes
itself. Prints one line per test:
  RESULT offload/<name> PASS|FAIL|SKIP <milliseconds> <reason or ->
and exits 1 when a test failed. One DPDK process at a time; functional,
never timed.
"""

import argparse
import json
import os
import sys
import subprocess
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ol_oracle import Ether, Fail, Skip  # noqa: E402
import ol_tests_rx  # noqa: E402
import ol_tests_tx  # noqa: E402

TOOL_TIMEOUT = 120	# seconds, a safety net only


class Tool:
    """Runs nicpmd_offload_tool on scapy frames; returns what B got."""

    def __init__(self, args, name):
        self.exe = os.path.join(os.path.abspath(args.build), 'app', 'test',
                                'nicpmd_offload_tool')
        self.pmd = os.path.abspath(args.pmd)
        self.engine = args.engine
        self.dir = os.path.join(args.workdir, args.engine, name)
        os.makedirs(self.dir, exist_ok=True)
        self.name = name
        self.count = 0

    def run(self, mode, frames, *opts):
        """(output frames as bytes, per-packet meta, final stats)."""
        from scapy.all import wrpcap, RawPcapReader
        self.count += 1
        base = os.path.join(self.dir, '%d' % self.count)
        inp, out, meta = base + '-in.pcap', base + '-out.pcap', \
            base + '-meta.jsonl'
        for f in (out, meta):
            if os.path.exists(f):
                os.unlink(f)
        wrpcap(inp, [Ether(bytes(f)) for f in frames])
        cmd = [self.exe, '-l', '0-1', '--no-huge', '-m', '512',
               '--no-pci', '--file-prefix',
               'ol_%s_%d_%s_%d' % (self.engine, os.getpid(), self.name,
                                   self.count),
               '-d', self.pmd, '--', '--engine', self.engine,
               '--mode', mode, '--in', inp, '--out', out, '--meta', meta]
        cmd += [str(o) for o in opts]
        log = base + '.log'
        with open(log, 'w') as logf:
            logf.write(' '.join(cmd) + '\n')
            logf.flush()
            try:
                rc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                    stdout=logf, stderr=subprocess.STDOUT,
                                    timeout=TOOL_TIMEOUT).returncode
            except subprocess.TimeoutExpired:
                raise Fail('tool timed out, see %s' % log)
        if rc != 0:
            raise Fail('tool exited %d (%s), see %s' % (rc, ' '.join(
                str(o) for o in opts), log))
        got = [bytes(pkt) for pkt, _ in RawPcapReader(out)]
        lines = [json.loads(x) for x in open(meta) if x.strip()]
        stats = lines[-1]['stats']
        return got, lines[:-1], stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--engine', required=True, choices=('inline', 'thread'))
    ap.add_argument('--build', required=True)
    ap.add_argument('--pmd', required=True)
    ap.add_argument('--filter')
    ap.add_argument('--workdir')
    args = ap.parse_args()
    if not args.workdir:
        args.workdir = os.path.join(os.path.abspath(args.build),
                                    'offload-work')
    tests = ol_tests_tx.TESTS + ol_tests_rx.TESTS
    failed = 0
    for name, fn in tests:
        full = 'offload/' + name
        if args.filter and args.filter not in full:
            continue
        start = time.monotonic()
        try:
            fn(Tool(args, name))
            res, why = 'PASS', '-'
        except Fail as e:
            res, why = 'FAIL', str(e)
        except Skip as e:
            res, why = 'SKIP', str(e)
        except Exception as e:  # a broken test is a failed test
            traceback.print_exc(file=sys.stderr)
            res, why = 'FAIL', 'exception %s: %s' % (type(e).__name__, e)
        failed += res == 'FAIL'
        ms = int((time.monotonic() - start) * 1000)
        print('RESULT %s %s %d %s' % (full, res, ms,
                                      ' '.join(why.split())), flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Functional tests of the nicpmd PMD driven through dpdk-testpmd.

Usage (run with /usr/bin/python3: Debian's pexpect and scapy):
  run_testpmd_tests.py --engine inline|thread --pmd <librte_net_nicpmd.so>
                       [--filter SUBSTR] [--workdir DIR]

Prints one line per test:
  RESULT <group>/<name> PASS|FAIL|SKIP <milliseconds> <reason or ->
and exits 0 when no test failed, 1 otherwise. Tests are functional, never
timed: every number checked is a count, a size or a byte.
One testpmd runs at a time; each gets a unique --file-prefix and
engine=<engine> on every nicpmd vdev. Logs go to <workdir>/<engine>/.
"""

import argparse
import os
import re
import signal
import struct
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tp  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
TEST_TIMEOUT = 90           # seconds, whole test, a safety net only


class Fail(Exception):
    pass


class Skip(Exception):
    pass


class TestTimeout(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


class Ctx:
    """What a test needs: engine, PMD, a log, and a testpmd factory."""

    def __init__(self, args, name):
        self.engine = args.engine
        self.pmd = os.path.abspath(args.pmd)
        self.name = name
        self.dir = os.path.join(args.workdir, args.engine, name)
        os.makedirs(self.dir, exist_ok=True)
        self.logpath = os.path.join(args.workdir, args.engine, name + '.log')
        self.log = open(self.logpath, 'w')
        self.count = 0
        self.live = []

    def nic(self, idx, wire=None, extra=None, engine=True):
        """A nicpmd vdev string. wire=None means the default (loop)."""
        s = 'net_nicpmd%d' % idx
        kv = []
        if wire:
            kv.append('wire=' + wire)
        if engine:
            kv.append('engine=' + self.engine)
        if extra:
            kv.append(extra)
        return s + (',' + ','.join(kv) if kv else '')

    def cable(self):
        return 'c%s%d' % (self.name.replace('_', ''), os.getpid())

    def testpmd(self, vdevs, app=(), with_pmd=True, **kw):
        self.count += 1
        prefix = 'tp_%s_%s_%d_%d' % (self.engine, self.name, os.getpid(),
                                     self.count)
        eal = []
        if with_pmd:
            eal += ['-d', self.pmd]
        for v in vdevs:
            eal += ['--vdev', v]
        t = tp.TestPmd(prefix, eal, app, log=self.log, **kw)
        self.live.append(t)
        if not t.started:
            t.close()
            raise Fail('testpmd exited at start (see %s)' % self.logpath)
        return t

    def spawn_raw(self, vdevs, app=(), **kw):
        """Like testpmd() but a testpmd that exits at start is no failure."""
        self.count += 1
        prefix = 'tp_%s_%s_%d_%d' % (self.engine, self.name, os.getpid(),
                                     self.count)
        eal = ['-d', self.pmd]
        for v in vdevs:
            eal += ['--vdev', v]
        t = tp.TestPmd(prefix, eal, app, log=self.log, **kw)
        self.live.append(t)
        return t

    def cleanup(self):
        for t in self.live:
            t.close()
        self.live = []
        self.log.close()


def port_ids_by_name(t):
    """{'net_nicpmd0': 0, ...} from 'show port summary all'."""
    out = t.cmd('show port summary all')
    ids = {}
    for line in out.splitlines():
        m = re.match(r'^\s*(\d+)\s+[0-9A-Fa-f:]{17}\s+(\S+)\s+(\S+)', line)
        if m:
            ids[m.group(2)] = int(m.group(1))
    return ids


def settle(seconds=0.5):
    """Let a threaded device engine finish what is in flight."""
    time.sleep(seconds)


# ---- tests -----------------------------------------------------------------

def t_io_fwd_peer(ctx):
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    t.cmd('set fwd io')
    t.cmd('clear port stats all')
    t.cmd('start tx_first')
    time.sleep(2)
    fs = tp.parse_fwd_stats(t.cmd('stop'))
    settle()
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in (0, 1):
        check(p in fs, 'no forward stats for port %d' % p)
        check(fs[p]['rx'] > 0, 'port %d forwarded RX-packets 0' % p)
        check(fs[p]['tx'] > 0, 'port %d forwarded TX-packets 0' % p)
        check(fs[p]['tx_dropped'] == 0,
              'port %d TX-dropped %d' % (p, fs[p]['tx_dropped']))
        for k in ('rx_missed', 'rx_errors', 'tx_errors', 'rx_nombuf'):
            check(ps[p][k] == 0, 'port %d %s=%d on a lossless cable' %
                  (p, k, ps[p][k]))
    # Lossless cable, forwarding stopped, nothing in flight: what one port
    # sent the other received, packet for packet and byte for byte.
    for a, b in ((0, 1), (1, 0)):
        check(ps[a]['tx_packets'] == ps[b]['rx_packets'],
              'port %d TX-packets %d != port %d RX-packets %d' %
              (a, ps[a]['tx_packets'], b, ps[b]['rx_packets']))
        check(ps[a]['tx_bytes'] == ps[b]['rx_bytes'],
              'port %d TX-bytes %d != port %d RX-bytes %d' %
              (a, ps[a]['tx_bytes'], b, ps[b]['rx_bytes']))
        check(ps[b]['rx_bytes'] == 64 * ps[b]['rx_packets'],
              'port %d RX-bytes %d != 64 * RX-packets %d' %
              (b, ps[b]['rx_bytes'], ps[b]['rx_packets']))
    # testpmd's forward statistics are device-counter deltas read at
    # 'stop'; a threaded device may still drain what was posted then.
    # Only the 64 frames tx_first put in circulation can be in flight.
    for p in (0, 1):
        for f, d in (('rx', 'rx_packets'), ('tx', 'tx_packets')):
            late = ps[p][d] - fs[p][f]
            check(0 <= late <= 64, 'port %d %s: forward stats %d, device '
                  'counter %d later' % (p, f, fs[p][f], ps[p][d]))


def t_port_info(ctx):
    c = ctx.cable()
    mac0 = '02:00:00:00:0A:00'
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c, 'queues=2,mac=' + mac0),
                     ctx.nic(1, 'peer:' + c)])
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    i1 = tp.parse_port_info(t.cmd('show port info 1'))
    exp0 = {
        'Driver name': 'net_nicpmd',
        'Device name': 'net_nicpmd0',
        'MAC address': mac0,
        'Link status': 'up',
        'Link speed': '100 Gbps',
        'Link duplex': 'full-duplex',
        'MTU': '1500',
        'Max possible RX queues': '2',
        'Max possible TX queues': '2',
        'Firmware-version': 'abi 1.0',
    }
    for k, v in exp0.items():
        check(i0.get(k) == v, 'port 0 %s: %r, expected %r' %
              (k, i0.get(k), v))
    for k, v in (('Device name', 'net_nicpmd1'), ('Link status', 'up'),
                 ('Max possible RX queues', '4'),
                 ('Max possible TX queues', '4')):
        check(i1.get(k) == v, 'port 1 %s: %r, expected %r' %
              (k, i1.get(k), v))
    check(i0.get('MAC address') != i1.get('MAC address'),
          'both ports have MAC %s' % i0.get('MAC address'))
    # Descriptor limits: reported and consistent.
    lo = int(i0['Min possible number of RXDs per queue'])
    hi = int(i0['Max possible number of RXDs per queue'])
    check(0 < lo <= hi, 'RXD limits min %d max %d' % (lo, hi))
    # A stopped port reports its link down, a started one up again.
    t.cmd('port stop 0')
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    check(i0.get('Link status') == 'down',
          'stopped port 0 link %r' % i0.get('Link status'))
    t.cmd('port start 0')
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    check(i0.get('Link status') == 'up',
          'restarted port 0 link %r' % i0.get('Link status'))
    check(i0.get('Link speed') == '100 Gbps',
          'restarted port 0 speed %r' % i0.get('Link speed'))


def send_bursts(t, bursts=1):
    """rxonly, clear, tx_first N, stop; returns (fwd stats, port stats)."""
    t.cmd('set fwd rxonly')
    t.cmd('clear port stats all')
    t.cmd('start tx_first %d' % bursts)
    settle()
    fs = tp.parse_fwd_stats(t.cmd('stop'))
    settle(0.2)
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    return fs, ps


def t_stats_exact(ctx):
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    t.cmd('set burst 32')
    t.cmd('clear port stats all')
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in (0, 1):
        for k, v in ps[p].items():
            check(v == 0, 'port %d %s=%d right after clear' % (p, k, v))
    for bursts, size in ((1, 64), (3, 200), (2, 1514)):
        if size != 64:
            t.cmd('set txpkts %d' % size)
        n = 32 * bursts
        fs, ps = send_bursts(t, bursts)
        for p in (0, 1):
            s = ps[p]
            want = {'tx_packets': n, 'tx_bytes': n * size,
                    'rx_packets': n, 'rx_bytes': n * size,
                    'rx_missed': 0, 'rx_errors': 0, 'tx_errors': 0}
            for k, v in want.items():
                check(s[k] == v, '%d bursts of %d B: port %d %s=%d, '
                      'expected %d' % (bursts, size, p, k, s[k], v))
            check(fs[p]['rx'] == n, '%d bursts of %d B: port %d forward '
                  'RX-packets %d, expected %d' % (bursts, size, p,
                                                   fs[p]['rx'], n))


def t_mtu(ctx):
    c = ctx.cable()
    # Buffers big enough for a 9000-byte MTU frame in one mbuf: the PMD
    # does not offer Rx scatter.
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)],
                    app=['--mbuf-size=10240'], total_mbufs=8192)
    t.cmd('port stop all')
    out = t.cmd('port config mtu 0 9000')
    check(not re.search(r'fail|error|invalid|>|<', out, re.I),
          'MTU 9000 refused: %s' % out.strip())
    for bad in (9999, 20):
        out = t.cmd('port config mtu 0 %d' % bad)
        check(re.search(r'MTU|fail|invalid|error', out, re.I),
              'MTU %d accepted without an error message' % bad)
    t.cmd('port start all')
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    i1 = tp.parse_port_info(t.cmd('show port info 1'))
    check(i0.get('MTU') == '9000', 'port 0 MTU %r after 9000' % i0.get('MTU'))
    check(i1.get('MTU') == '1500', 'port 1 MTU %r, never changed' %
          i1.get('MTU'))
    check(i0.get('Link status') == 'up', 'port 0 link %r after MTU change'
          % i0.get('Link status'))
    # 8000-byte frames: port 0 (MTU 9000) takes them, port 1 (MTU 1500)
    # must drop them as errors.
    t.cmd('set txpkts 8000')
    fs, ps = send_bursts(t, 1)
    check(ps[0]['tx_packets'] == 32 and ps[0]['tx_bytes'] == 32 * 8000,
          'port 0 sent %d pkts %d B, expected 32 / 256000' %
          (ps[0]['tx_packets'], ps[0]['tx_bytes']))
    check(ps[1]['rx_packets'] == 0,
          'port 1 (MTU 1500) received %d 8000-byte frames' %
          ps[1]['rx_packets'])
    check(ps[1]['rx_errors'] == 32,
          'port 1 (MTU 1500) RX-errors %d for 32 oversize frames' %
          ps[1]['rx_errors'])
    check(ps[0]['rx_packets'] == ps[1]['tx_packets'],
          'port 0 RX %d != port 1 TX %d' %
          (ps[0]['rx_packets'], ps[1]['tx_packets']))
    t.cmd('port stop all')
    out = t.cmd('port config mtu 1 9000')
    check(not re.search(r'fail|error|invalid', out, re.I),
          'port 1 MTU 9000 refused: %s' % out.strip())
    t.cmd('port start all')
    fs, ps = send_bursts(t, 1)
    for p in (0, 1):
        check(ps[p]['rx_packets'] == 32 and ps[p]['rx_bytes'] == 32 * 8000,
              'MTU 9000 both: port %d RX %d pkts %d B, expected 32 / 256000'
              % (p, ps[p]['rx_packets'], ps[p]['rx_bytes']))
        check(ps[p]['rx_errors'] == 0, 'port %d RX-errors %d' %
              (p, ps[p]['rx_errors']))


def t_promisc(ctx):
    c = ctx.cable()
    mac0, mac1 = '02:00:00:00:0B:00', '02:00:00:00:0B:01'
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c, 'mac=' + mac0),
                     ctx.nic(1, 'peer:' + c, 'mac=' + mac1)])
    # The flags as testpmd reports them.
    t.cmd('set promisc all off')
    i = tp.parse_port_info(t.cmd('show port info 0'))
    check(i.get('Promiscuous mode') == 'disabled',
          'promisc off: %r' % i.get('Promiscuous mode'))
    t.cmd('set allmulti all on')
    i = tp.parse_port_info(t.cmd('show port info 0'))
    check(i.get('Allmulticast mode') == 'enabled',
          'allmulti on: %r' % i.get('Allmulticast mode'))
    t.cmd('set allmulti all off')
    i = tp.parse_port_info(t.cmd('show port info 1'))
    check(i.get('Allmulticast mode') == 'disabled',
          'allmulti off: %r' % i.get('Allmulticast mode'))

    # And what the receive filter does with them. Frames leave port 0 for
    # the address 'set eth-peer 0' names; port 1 receives or drops them.
    def rx1(dst):
        t.cmd('set eth-peer 0 %s' % dst)
        fs, ps = send_bursts(t, 1)
        check(ps[0]['tx_packets'] == 32, 'port 0 sent %d, expected 32' %
              ps[0]['tx_packets'])
        return ps[1]['rx_packets']

    other = '02:00:00:00:0C:99'
    mcast = '01:00:5E:00:00:01'
    n = rx1(other)
    check(n == 0, 'promisc off: port 1 received %d frames for %s' % (n, other))
    n = rx1(mac1)
    check(n == 32, 'promisc off: port 1 received %d/32 for its own MAC' % n)
    n = rx1('FF:FF:FF:FF:FF:FF')
    check(n == 32, 'promisc off: port 1 received %d/32 broadcast' % n)
    n = rx1(mcast)
    check(n == 0, 'allmulti off: port 1 received %d multicast' % n)
    t.cmd('set allmulti 1 on')
    n = rx1(mcast)
    check(n == 32, 'allmulti on: port 1 received %d/32 multicast' % n)
    n = rx1(other)
    check(n == 0, 'allmulti on, promisc off: port 1 received %d unicast '
          'for another MAC' % n)
    t.cmd('set promisc 1 on')
    i = tp.parse_port_info(t.cmd('show port info 1'))
    check(i.get('Promiscuous mode') == 'enabled',
          'promisc on: %r' % i.get('Promiscuous mode'))
    n = rx1(other)
    check(n == 32, 'promisc on: port 1 received %d/32 for another MAC' % n)
    # Modes survive a restart (the device forgets them; the PMD must not).
    t.cmd('set promisc 1 off')
    t.cmd('set allmulti 1 off')
    t.cmd('port stop all')
    t.cmd('port start all')
    n = rx1(other)
    check(n == 0, 'promisc off, after restart: port 1 received %d' % n)
    n = rx1(mcast)
    check(n == 0, 'allmulti off, after restart: port 1 received %d' % n)


def t_restart(ctx):
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    for rnd in range(5):
        t.cmd('port stop all')
        for p in (0, 1):
            i = tp.parse_port_info(t.cmd('show port info %d' % p))
            check(i.get('Link status') == 'down',
                  'round %d: stopped port %d link %r' %
                  (rnd, p, i.get('Link status')))
        out = t.cmd('port start all')
        check(not re.search(r'Fail|error', out),
              'round %d: port start all: %s' % (rnd, out.strip()))
        for p in (0, 1):
            i = tp.parse_port_info(t.cmd('show port info %d' % p))
            check(i.get('Link status') == 'up',
                  'round %d: port %d link %r after start' %
                  (rnd, p, i.get('Link status')))
    t.cmd('set fwd io')
    t.cmd('clear port stats all')
    t.cmd('start tx_first')
    time.sleep(1)
    fs = tp.parse_fwd_stats(t.cmd('stop'))
    settle()
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in (0, 1):
        check(fs[p]['rx'] > 0 and fs[p]['tx'] > 0,
              'after 5 restarts port %d forwarded rx %d tx %d' %
              (p, fs[p]['rx'], fs[p]['tx']))
        check(ps[p]['rx_missed'] == 0 and ps[p]['rx_errors'] == 0 and
              ps[p]['tx_errors'] == 0, 'after restarts port %d: %r' %
              (p, ps[p]))
    # Exact accounting still holds after the restarts.
    fs, ps = send_bursts(t, 1)
    for p in (0, 1):
        check(ps[p]['rx_packets'] == 32 and ps[p]['tx_packets'] == 32,
              'after restarts port %d rx %d tx %d, expected 32' %
              (p, ps[p]['rx_packets'], ps[p]['tx_packets']))


def t_hotplug(ctx):
    """port attach/detach of nicpmd ports while testpmd runs: a detached
    peer takes the other end's link down, a re-attached one brings it up,
    and traffic flows again; five rounds."""
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0)])
    peer_a = ctx.nic(1, 'peer:' + c)
    peer_b = ctx.nic(2, 'peer:' + c)

    def link(p):
        return tp.parse_port_info(t.cmd('show port info %d' % p)).get(
            'Link status')

    out = t.cmd('port attach ' + peer_b, timeout=30)
    check(re.search(r'Port \d+ is attached', out),
          'attach %s: %s' % (peer_b, out.strip()))
    b = int(re.search(r'Port (\d+) is attached', out).group(1))
    t.cmd('port start %d' % b)
    for rnd in range(5):
        out = t.cmd('port attach ' + peer_a, timeout=30)
        m = re.search(r'Port (\d+) is attached', out)
        check(m, 'round %d: attach %s: %s' % (rnd, peer_a, out.strip()))
        a = int(m.group(1))
        out = t.cmd('port start %d' % a)
        check(not re.search(r'Fail|error', out),
              'round %d: port start %d: %s' % (rnd, a, out.strip()))
        settle()
        check(link(a) == 'up' and link(b) == 'up',
              'round %d: links a=%s b=%s with both ends attached' %
              (rnd, link(a), link(b)))
        t.cmd('port stop %d' % a)
        if rnd % 2 == 0:
            # Detach a stopped port: ethdev closes it on removal.
            out = t.cmd('port detach %d' % a, timeout=30)
        else:
            # Close first (the port id goes), then remove the device.
            t.cmd('port close %d' % a)
            out = t.cmd('device detach net_nicpmd1', timeout=30)
        check(re.search(r'Device (net_nicpmd1 )?is detached', out),
              'round %d: detach %d: %s' % (rnd, a, out.strip()))
        settle()
        check(link(b) == 'down',
              'round %d: port %d link %s after its peer was detached' %
              (rnd, b, link(b)))
    # A last attach: traffic crosses the cable again, exactly counted.
    out = t.cmd('port attach ' + peer_a, timeout=30)
    a = int(re.search(r'Port (\d+) is attached', out).group(1))
    t.cmd('port start %d' % a)
    settle()
    t.cmd('clear port stats all')
    t.cmd('set fwd rxonly')
    t.cmd('start tx_first')
    time.sleep(0.5)
    t.cmd('stop')
    settle()
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    check(ps[a]['tx_packets'] == 32 and ps[b]['rx_packets'] == 32 and
          ps[b]['tx_packets'] == 32 and ps[a]['rx_packets'] == 32,
          'after re-attach: a %r b %r' % (ps[a], ps[b]))


def telemetry(prefix, command):
    """One command on a DPDK process's telemetry socket; its JSON reply."""
    import json
    import socket
    path = '/var/run/dpdk/%s/dpdk_telemetry.v2' % prefix
    with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as s:
        s.settimeout(5)
        s.connect(path)
        json.loads(s.recv(16384).decode())     # the greeting
        s.send(command.encode())
        return json.loads(s.recv(65536).decode())


def t_telemetry(ctx):
    """/nicpmd/info tells the device's ABI, features and state; ethdev's
    xstats carry the device counters under their names."""
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    settle()
    info = telemetry(t.prefix, '/nicpmd/info,0')['/nicpmd/info']
    check(info.get('abi_major') == 1 and info.get('link_up') == 1 and
          info.get('started') == 1 and info.get('development') == 0,
          '/nicpmd/info,0: %r' % info)
    check(info.get('features', 0) != 0, 'no features negotiated: %r' % info)
    bad = telemetry(t.prefix, '/nicpmd/info,99')
    check(bad.get('/nicpmd/info') is None, 'port 99 answered: %r' % bad)
    t.cmd('port stop 1')
    settle()
    info = telemetry(t.prefix, '/nicpmd/info,0')['/nicpmd/info']
    check(info.get('link_up') == 0,
          'port 0 link up with its peer stopped: %r' % info)
    xs = telemetry(t.prefix, '/ethdev/xstats,0')['/ethdev/xstats']
    for name in ('rx_no_buffer_drops', 'rx_l3_checksum_errors',
                 'tx_bad_descriptor_drops', 'link_changes'):
        check(name in xs, 'xstat %s missing: %r' % (name, sorted(xs)))
    check(xs['link_changes'] >= 1, 'link_changes %r' % xs['link_changes'])


def t_bad_devargs(ctx):
    cases = [
        # (devargs, regex the log must show, with engine=<engine> added)
        ('queues=0', r'invalid devarg queues=0', True),
        ('queues=65', r'invalid devarg queues=65', True),
        ('engine=turbo', r'invalid devarg engine=turbo', False),
        ('hw_version=2.0', r'ABI 2\.0 is not supported|'
         r'invalid devarg hw_version=2\.0', True),
        ('hw_version=one', r'invalid devarg hw_version=one', True),
        ('mac=01:00:00:00:00:01', r'invalid devarg mac=01:00:00:00:00:01',
         True),
        ('wire=nowhere', r'invalid devarg wire=nowhere', True),
        ('colour=blue', r'unknown devarg colour=blue', True),
    ]
    errors = []
    for args, pattern, add_engine in cases:
        vdev = ctx.nic(0, extra=args, engine=add_engine)
        t = ctx.spawn_raw([vdev])
        try:
            if t.started:
                out = t.cmd('show port summary all')
                m = re.search(r'Number of available ports: (\d+)', out)
                if not m or m.group(1) != '0':
                    errors.append('%s: a port was created' % args)
            text = t.output
        finally:
            text = t.close()
        if not re.search(pattern, text):
            errors.append('%s: no log line matching /%s/' % (args, pattern))
        if re.search(r'Configuring Port 0', text):
            errors.append('%s: testpmd configured port 0' % args)
    check(not errors, '; '.join(errors))


def write_input_pcap(path):
    """~50 varied frames. Returns the list of frames as bytes."""
    from scapy.all import (Ether, IP, IPv6, UDP, TCP, ICMP, Dot1Q, Raw,
                           wrpcap)
    import random
    rnd = random.Random(2026)
    bcast = 'ff:ff:ff:ff:ff:ff'
    src = '02:00:00:00:0d:01'
    frames = []
    sizes = [60, 61, 64, 65, 127, 128, 255, 256, 511, 512, 1000, 1023, 1024,
             1500, 1513, 1514]
    for i in range(52):
        size = sizes[i % len(sizes)] if i < 32 else rnd.randint(60, 1514)
        kind = i % 5
        dst = bcast if i % 2 == 0 else '02:00:00:00:0d:%02x' % (i + 2)
        if kind == 0:
            p = Ether(dst=dst, src=src) / IP(src='10.0.0.1', dst='10.0.0.2') \
                / UDP(sport=1000 + i, dport=2000)
        elif kind == 1:
            p = Ether(dst=dst, src=src) / IPv6(src='fd00::1', dst='fd00::2') \
                / TCP(sport=3000 + i, dport=80, flags='S')
        elif kind == 2:
            p = Ether(dst=dst, src=src) / Dot1Q(vlan=100 + i) \
                / IP(src='10.1.0.1', dst='10.1.0.2') / ICMP(id=i)
        elif kind == 3:
            p = Ether(dst=dst, src=src, type=0x88b5)
        else:
            p = Ether(dst=dst, src=src) / Dot1Q(vlan=7) / Dot1Q(vlan=8) \
                / IP(src='10.2.0.1', dst='10.2.0.2') / UDP(dport=4789)
        pad = size - len(p)
        if pad > 0:
            p = p / Raw(bytes(rnd.getrandbits(8) for _ in range(pad)))
        raw = bytes(p)[:size]
        frames.append(raw)
    wrpcap(path, [Ether(f) for f in frames])
    return frames


def read_pcap(path):
    from scapy.all import rdpcap
    if not os.path.exists(path):
        raise Fail('%s was not written' % path)
    return [bytes(p) for p in rdpcap(path)]


def t_scapy_pcap_bytes(ctx):
    try:
        import scapy.all  # noqa: F401
    except ImportError:
        raise Skip('scapy not importable by %s' % sys.executable)
    d = ctx.dir
    inp, empty = os.path.join(d, 'in.pcap'), os.path.join(d, 'empty.pcap')
    out0, out = os.path.join(d, 'out0.pcap'), os.path.join(d, 'out.pcap')
    for f in (out0, out):
        if os.path.exists(f):
            os.unlink(f)
    frames = write_input_pcap(inp)
    with open(empty, 'wb') as f:      # a pcap header, no frame
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    c = ctx.cable()
    t = ctx.testpmd(
        ['net_pcap0,rx_pcap=%s,tx_pcap=%s' % (inp, out0),
         ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c),
         'net_pcap1,rx_pcap=%s,tx_pcap=%s' % (empty, out)],
        app=['--no-flush-rx'])
    ids = port_ids_by_name(t)
    names = ('net_pcap0', 'net_nicpmd0', 'net_nicpmd1', 'net_pcap1')
    for n in names:
        check(n in ids, 'port %s missing: %r' % (n, ids))
    order = [ids[n] for n in names]
    t.cmd('set portlist %s' % ','.join(str(x) for x in order))
    t.cmd('set promisc all on')
    t.cmd('set fwd io')
    t.cmd('clear port stats all')
    t.cmd('start')
    deadline = time.time() + 8
    got = 0
    while time.time() < deadline:
        time.sleep(0.5)
        ps = tp.parse_port_stats(t.cmd('show port stats %d' % ids['net_pcap1']))
        got = ps[ids['net_pcap1']]['tx_packets']
        if got >= len(frames):
            break
    settle()
    t.cmd('stop')
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    t.close()       # net_pcap flushes its tx files on close
    n0, n1 = ids['net_nicpmd0'], ids['net_nicpmd1']
    check(ps[n0]['tx_packets'] == len(frames),
          'nicpmd0 sent %d of %d frames' % (ps[n0]['tx_packets'], len(frames)))
    check(ps[n1]['rx_packets'] == len(frames),
          'nicpmd1 received %d of %d frames (errors %d, missed %d)' %
          (ps[n1]['rx_packets'], len(frames), ps[n1]['rx_errors'],
           ps[n1]['rx_missed']))
    check(ps[n1]['rx_bytes'] == sum(len(f) for f in frames),
          'nicpmd1 RX-bytes %d, frames hold %d' %
          (ps[n1]['rx_bytes'], sum(len(f) for f in frames)))
    res = read_pcap(out)
    back = read_pcap(out0)
    check(len(back) == 0, 'out0.pcap (nothing sent that way) has %d frames'
          % len(back))
    check(len(res) == len(frames), 'out.pcap has %d frames, in.pcap %d' %
          (len(res), len(frames)))
    for i, (a, b) in enumerate(zip(frames, res)):
        if a != b:
            j = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]),
                     min(len(a), len(b)))
            raise Fail('frame %d differs: in %d B, out %d B, first '
                       'difference at byte %d' % (i, len(a), len(b), j))


TESTS = [
    ('testpmd', 'io_fwd_peer', t_io_fwd_peer),
    ('testpmd', 'port_info', t_port_info),
    ('testpmd', 'stats_exact', t_stats_exact),
    ('testpmd', 'mtu', t_mtu),
    ('testpmd', 'promisc', t_promisc),
    ('testpmd', 'restart', t_restart),
    ('testpmd', 'bad_devargs', t_bad_devargs),
    ('testpmd', 'hotplug', t_hotplug),
    ('testpmd', 'telemetry', t_telemetry),
    ('testpmd', 'scapy_pcap_bytes', t_scapy_pcap_bytes),
]

# Offload tests mirroring the DTS suites (test_offloads.py); they use the
# helpers above through the module object handed to register().
import test_offloads  # noqa: E402
TESTS += test_offloads.register(sys.modules[__name__])

# RSS tests mirroring the DTS rss suites (test_rss.py).
import test_rss  # noqa: E402
TESTS += test_rss.register(sys.modules[__name__])

# Control-path tests mirroring the DTS suites (test_control.py).
import test_control  # noqa: E402
TESTS += test_control.register(sys.modules[__name__])

# A secondary process reading the primary's ports (test_mp.py).
import test_mp  # noqa: E402
TESTS += test_mp.register(sys.modules[__name__])

# Wires to the outside world (test_wires.py).
import test_wires  # noqa: E402
TESTS += test_wires.register(sys.modules[__name__])


def _alarm(signum, frame):
    raise TestTimeout()


def run_one(args, group, name, fn):
    ctx = Ctx(args, name)
    start = time.monotonic()
    status, reason = 'PASS', '-'
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TEST_TIMEOUT)
    try:
        fn(ctx)
    except Skip as e:
        status, reason = 'SKIP', str(e)
    except Fail as e:
        status, reason = 'FAIL', str(e)
    except TestTimeout:
        status, reason = 'FAIL', 'test timed out after %ds' % TEST_TIMEOUT
    except tp.TestPmdError as e:
        status, reason = 'FAIL', 'testpmd: %s' % e
    except Exception as e:  # noqa: BLE001 - a crash of a test is a failure
        status, reason = 'FAIL', '%s: %s' % (type(e).__name__, e)
        ctx.log.write(traceback.format_exc())
    finally:
        signal.alarm(0)
        try:
            ctx.cleanup()
        except Exception:  # noqa: BLE001
            pass
    ms = int((time.monotonic() - start) * 1000)
    reason = ' '.join(reason.split()) or '-'
    if status == 'FAIL':
        reason += ' (log: %s)' % ctx.logpath
    print('RESULT %s/%s %s %d %s' % (group, name, status, ms, reason),
          flush=True)
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--engine', required=True, choices=('inline', 'thread'))
    ap.add_argument('--pmd', required=True, help='librte_net_nicpmd.so')
    ap.add_argument('--filter', default='', help='run tests whose '
                    '<group>/<name> contains this')
    ap.add_argument('--workdir', default=os.path.join(REPO, 'build-tp',
                                                      'testpmd-work'))
    args = ap.parse_args()
    args.workdir = os.path.abspath(args.workdir)
    os.makedirs(os.path.join(args.workdir, args.engine), exist_ok=True)
    failed = 0
    for group, name, fn in TESTS:
        if args.filter not in '%s/%s' % (group, name):
            continue
        if not os.path.isfile(args.pmd):
            print('RESULT %s/%s FAIL 0 no PMD at %s' % (group, name, args.pmd),
                  flush=True)
            failed += 1
            continue
        if run_one(args, group, name, fn) == 'FAIL':
            failed += 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

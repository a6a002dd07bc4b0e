# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Control-path tests mirroring the DTS suites, driven through dpdk-testpmd.

Run by run_testpmd_tests.py as control/<name>; helpers and verdicts come
from tp.py, like every test module's. The suites mirrored:
promisc_support, mac_filter, dynamic_config, dynamic_queue_conf and
queue_toggle, port_control, port_restart_config_persistency, port_stats,
speed_capabilities and the link status interrupt.

Receive-filter tests use

  scapy -> in.pcap -> net_pcap0 -> net_nicpmd0 =cable= net_nicpmd1
        -> net_pcap1 -> out.pcap

and count what net_nicpmd1 takes: its RX-packets and its
rx_mac_filter_drops xstat, exactly, per kind of frame. A phase rewrites
in.pcap and restarts net_pcap0 (which reopens its file), so one testpmd
runs many phases. dynamic_config changes modes while forwarding runs: its
net_pcap0 reads a FIFO that the test writes a phase at a time ('set burst
1': net_pcap fills a whole burst before it returns).

Queue tests use two cabled nicpmd ports with 4 queues, RSS and testpmd's
own generator ('start tx_first' in rxonly mode, --txonly-multi-flow so
frames spread over the queues) and read per-queue device counters
(rx_qN_packets / rx_qN_errors, tx_qN_packets xstats).
"""

import os
import re
import struct
import time

import tp


SRC = '02:00:00:00:0f:01'
BCAST = 'ff:ff:ff:ff:ff:ff'
FOREIGN = '02:00:00:00:0f:99'
MCAST = '01:00:5e:00:00:fb'
PCAP_HDR = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)


def check(cond, msg):
    tp.check(cond, msg)


def fail(msg):
    raise tp.Fail(msg)


def cable(ctx):
    """A cable name (at most 31 characters, unlike ctx.cable() for the
    longest test names)."""
    return ('c%s' % ctx.name.replace('_', ''))[:16] + str(os.getpid())


def scapy():
    try:
        import scapy.all as s
    except ImportError:
        raise tp.Skip('scapy not importable')
    return s


def no_error(out, what):
    check(not re.search(r'fail|error|invalid|not supported|bad arg|'
                        r'unknown|refused|cannot', out, re.I),
          '%s: %s' % (what, ' '.join(out.split())[:300]))


def has_error(out):
    return re.search(r'fail|error|invalid|not supported|refused|cannot|'
                     r'no space|denied|in use', out, re.I)


def parse_xstats(text):
    """'show port xstats P' -> {name: value} (one port)."""
    xs = {}
    for line in text.splitlines():
        m = re.match(r'^\s*([A-Za-z0-9_\[\]\-]+):\s+(\d+)\s*$', line)
        if m:
            xs[m.group(1)] = int(m.group(2))
    return xs


def xstats(t, port):
    xs = parse_xstats(t.cmd('show port xstats %d' % port))
    check(xs, 'no xstats for port %d' % port)
    return xs


def frame(s, dst, tag, size=80, vlan=None):
    """A UDP frame to dst whose payload names it (tag, an int)."""
    p = s.Ether(dst=dst, src=SRC)
    if vlan is not None:
        p = p / s.Dot1Q(vlan=vlan)
    p = p / s.IP(src='10.9.0.1', dst='10.9.0.2') / \
        s.UDP(sport=4000 + (tag & 0xfff), dport=5000)
    raw = bytes(p / s.Raw(struct.pack('>I', tag)))
    return raw + bytes(max(0, size - len(raw)))


def ev_cmd(t, line, quiet=0.7):
    """A command that changes a link: testpmd's interrupt thread prints
    'Port N: link state change event' while cmdline writes the prompt,
    which can split it. Read until quiet, resync; return the output."""
    return t.send_drain(line, lambda x: True, quiet=quiet)


def link(t, port):
    return tp.parse_port_info(t.cmd('show port info %d' % port)).get(
        'Link status')


class Topo:
    """pcap0 -> nicpmd0 =cable= nicpmd1 -> pcap1, one testpmd, phases.

    live=False: in.pcap is a file; send() rewrites it and restarts
    net_pcap0, forwards until it has read everything, stops forwarding.
    live=True: in.pcap is a FIFO; forwarding starts once (go()) and send()
    writes frames into it while it runs; close() ends it with an EOF.
    """

    def __init__(self, ctx, tag, live=False, nic0=None, nic1=None, app=(),
                 total_mbufs=32768):
        self.ctx = ctx
        self.live = live
        d = os.path.join(ctx.dir, tag)
        os.makedirs(d, exist_ok=True)
        self.inp = os.path.join(d, 'in.fifo' if live else 'in.pcap')
        self.empty = os.path.join(d, 'empty.pcap')
        self.out0 = os.path.join(d, 'out0.pcap')
        self.out = os.path.join(d, 'out.pcap')
        for f in (self.out0, self.out, self.inp):
            if os.path.exists(f):
                os.unlink(f)
        with open(self.empty, 'wb') as f:
            f.write(PCAP_HDR)
        self.fd = None
        if live:
            os.mkfifo(self.inp)
            # Read-write: never blocks, and the reader sees no EOF until
            # close(). The pcap file header goes first.
            self.fd = os.open(self.inp, os.O_RDWR)
            os.write(self.fd, PCAP_HDR)
        else:
            with open(self.inp, 'wb') as f:
                f.write(PCAP_HDR)
        c = cable(ctx)
        ctx.log.write('\n==== topology %s\n' % tag)
        self.t = ctx.testpmd(
            ['net_pcap0,rx_pcap=%s,tx_pcap=%s' % (self.inp, self.out0),
             ctx.nic(0, 'peer:' + c, nic0), ctx.nic(1, 'peer:' + c, nic1),
             'net_pcap1,rx_pcap=%s,tx_pcap=%s' % (self.empty, self.out)],
            app=['--no-flush-rx'] + list(app), total_mbufs=total_mbufs)
        ids = tp.port_ids_by_name(self.t)
        names = ('net_pcap0', 'net_nicpmd0', 'net_nicpmd1', 'net_pcap1')
        for n in names:
            check(n in ids, 'port %s missing: %r' % (n, ids))
        self.p0, self.n0, self.n1, self.p1 = [ids[n] for n in names]
        self.order = [self.p0, self.n0, self.n1, self.p1]
        self.t.cmd('set portlist %s' % ','.join(str(p) for p in self.order))
        self.t.cmd('set fwd io')
        self.t.cmd('set promisc %d on' % self.n0)
        self.sent = 0           # frames pcap0 has read so far (live)
        self.running = False
        self.mac1 = tp.parse_port_info(
            self.t.cmd('show port info %d' % self.n1))['MAC address']

    def cmd(self, line):
        if re.match(r'port (stop|start) (%d|%d|all)$' % (self.n0, self.n1),
                    line):
            out = ev_cmd(self.t, line)
        else:
            out = self.t.cmd(line)
        no_error(out, line)
        return out

    def counters(self):
        ps = tp.parse_port_stats(self.t.cmd('show port stats all'))
        xs = xstats(self.t, self.n1)
        return ps, xs

    def _wait_read(self, n_in, deadline=15):
        """Until pcap0 read n_in frames and the counters stop moving."""
        end = time.time() + deadline
        last, same = None, 0
        while time.time() < end:
            time.sleep(0.2)
            ps = tp.parse_port_stats(self.t.cmd('show port stats all'))
            snap = tuple((ps[p]['rx_packets'], ps[p]['tx_packets'],
                          ps[p]['rx_errors'], ps[p]['rx_missed'])
                         for p in self.order)
            if ps[self.p0]['rx_packets'] >= n_in and snap == last:
                same += 1
                if same >= 2:
                    return ps
            else:
                same = 0
            last = snap
        fail('net_pcap0 read %d of %d frames in %ds' %
             (ps[self.p0]['rx_packets'], n_in, deadline))

    def go(self):
        """live: start forwarding for good ('set burst 1', see above)."""
        self.t.cmd('set burst 1')
        self.t.cmd('clear port stats all')
        out = self.t.cmd('start')
        check(not re.search(r'not started|Fail', out), 'start: %s' %
              ' '.join(out.split())[:200])
        self.running = True

    def send(self, frames):
        """Send frames through; return nicpmd1's (rx packets, rx bytes,
        mac filter drops) for them, after checking nicpmd0 sent them all."""
        ps0, xs0 = self.counters()
        if self.live:
            for f in frames:
                os.write(self.fd, struct.pack('<IIII', 0, 0, len(f), len(f))
                         + f)
            self.sent += len(frames)
            self._wait_read(self.sent)
        else:
            with open(self.inp, 'wb') as f:
                f.write(PCAP_HDR)
                for fr in frames:
                    f.write(struct.pack('<IIII', 0, 0, len(fr), len(fr)) + fr)
            # net_pcap reopens its file at start: read from the top.
            self.cmd('port stop %d' % self.p0)
            self.cmd('port start %d' % self.p0)
            self.t.cmd('clear port stats %d' % self.p0)
            self.t.cmd('start')
            self._wait_read(len(frames))
            self.t.cmd('stop')
        ps1, xs1 = self.counters()
        n0, n1 = self.n0, self.n1
        sent = ps1[n0]['tx_packets'] - ps0[n0]['tx_packets']
        check(sent == len(frames), 'nicpmd0 sent %d of %d frames' %
              (sent, len(frames)))
        return (ps1[n1]['rx_packets'] - ps0[n1]['rx_packets'],
                ps1[n1]['rx_bytes'] - ps0[n1]['rx_bytes'],
                xs1['rx_mac_filter_drops'] - xs0['rx_mac_filter_drops'])

    def expect(self, frames, n_rx, what):
        """Send; nicpmd1 takes exactly n_rx, its MAC filter drops the rest."""
        rx, _, drops = self.send(frames)
        check(rx == n_rx and drops == len(frames) - n_rx,
              '%s: nicpmd1 received %d, filtered %d of %d frames; expected '
              '%d received, %d filtered' % (what, rx, drops, len(frames),
                                            n_rx, len(frames) - n_rx))

    def close(self):
        """End the FIFO (the forwarding lcore sees EOF), quit testpmd."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.running:
            try:
                self.t.cmd('stop', timeout=20)
            except tp.TestPmdError:
                pass
            self.running = False
        self.t.close()


def with_topo(ctx, tag, body, **kw):
    topo = Topo(ctx, tag, **kw)
    try:
        body(topo)
    finally:
        topo.close()


# ---- promisc_support -------------------------------------------------------

def _kinds(s, own, counts=(1, 2, 4, 8)):
    """Frames to own MAC, a foreign unicast, broadcast, multicast; as many
    of each as counts says (distinct counts: a sum names the kinds)."""
    out = {}
    for (kind, dst), n in zip((('own', own), ('foreign', FOREIGN),
                               ('bcast', BCAST), ('mcast', MCAST)), counts):
        out[kind] = [frame(s, dst, i) for i in range(n)]
    return out


def t_promisc_support(ctx):
    s = scapy()

    def body(topo):
        t = topo.t
        k = _kinds(s, topo.mac1)
        n1 = topo.n1
        t.cmd('set allmulti %d off' % n1)
        for mode in ('on', 'off', 'on'):
            topo.cmd('set promisc %d %s' % (n1, mode))
            i = tp.parse_port_info(t.cmd('show port info %d' % n1))
            want = 'enabled' if mode == 'on' else 'disabled'
            check(i.get('Promiscuous mode') == want, 'promisc %s: port info '
                  'says %r' % (mode, i.get('Promiscuous mode')))
            for kind, frames in k.items():
                takes = mode == 'on' or kind in ('own', 'bcast')
                topo.expect(frames, len(frames) if takes else 0,
                            'promisc %s, %s' % (mode, kind))
        # All kinds at once, mixed: the sum is exact too.
        mixed = [f for fs in zip(*[k[x] * 8 for x in k]) for f in fs]
        topo.cmd('set promisc %d off' % n1)
        topo.expect(mixed, 16, 'promisc off, mixed')
    with_topo(ctx, 'promisc', body)


# ---- mac_filter --------------------------------------------------------------

def _mac(i):
    return '02:00:00:00:1%x:%02x' % (i >> 8, i & 0xff)


def t_mac_filter(ctx):
    s = scapy()

    def body(topo):
        t, n1 = topo.t, topo.n1
        t.cmd('set promisc %d off' % n1)
        t.cmd('set allmulti %d off' % n1)
        m = _mac(1)
        own = [frame(s, topo.mac1, 1)]
        topo.expect([frame(s, m, 2)] * 3 + own, 1, 'before mac_addr add')
        topo.cmd('mac_addr add %d %s' % (n1, m))
        out = t.cmd('show port %d macs' % n1)
        check(m.upper() in out.upper(), 'show port macs lacks %s: %s' %
              (m, ' '.join(out.split())))
        topo.expect([frame(s, m, 2)] * 3 + own, 4, 'after mac_addr add')
        topo.cmd('mac_addr remove %d %s' % (n1, m))
        topo.expect([frame(s, m, 2)] * 3 + own, 1, 'after mac_addr remove')

        # The table: the port MAC and 15 more. A 16th extra is refused.
        extra = [_mac(0x10 + i) for i in range(15)]
        for a in extra:
            topo.cmd('mac_addr add %d %s' % (n1, a))
        over = _mac(0x40)
        out = t.cmd('mac_addr add %d %s' % (n1, over))
        check(has_error(out), '16th extra MAC %s accepted without an error '
              'message: %r' % (over, ' '.join(out.split())))
        frames = [frame(s, a, i) for i, a in enumerate(extra)]
        topo.expect(frames + [frame(s, over, 99)] + own, 16,
                    '15 extra MACs + the refused one + own')
        # The port's default MAC cannot be removed.
        out = t.cmd('mac_addr remove %d %s' % (n1, topo.mac1))
        check(has_error(out), 'removing the default MAC %s: no error '
              'message: %r' % (topo.mac1, ' '.join(out.split())))
        topo.expect(own * 2, 2, 'after the refused default MAC removal')
        for a in extra[:5]:
            topo.cmd('mac_addr remove %d %s' % (n1, a))
        topo.expect(frames, 10, '5 of 15 extra MACs removed')
        # A freed slot takes an address again.
        topo.cmd('mac_addr add %d %s' % (n1, over))
        topo.expect([frame(s, over, 99)], 1, 'added into a freed slot')

        # Multicast list, allmulti off.
        g1, g2 = '01:00:5e:00:01:01', '33:33:00:00:00:02'
        mc = [frame(s, g1, 1)] * 2 + [frame(s, g2, 2)] * 3
        topo.expect(mc, 0, 'multicast before mcast_addr add')
        topo.cmd('mcast_addr add %d %s' % (n1, g1))
        topo.expect(mc, 2, 'mcast_addr add %s' % g1)
        topo.cmd('mcast_addr add %d %s' % (n1, g2))
        topo.expect(mc, 5, 'mcast_addr add %s' % g2)
        topo.cmd('mcast_addr remove %d %s' % (n1, g1))
        topo.expect(mc, 3, 'mcast_addr remove %s' % g1)
        topo.cmd('mcast_addr remove %d %s' % (n1, g2))
        topo.expect(mc, 0, 'mcast_addr remove %s' % g2)
        # The list holds 32; a 33rd is refused and the 32 still work.
        groups = ['01:00:5e:00:02:%02x' % i for i in range(33)]
        for g in groups[:32]:
            topo.cmd('mcast_addr add %d %s' % (n1, g))
        out = t.cmd('mcast_addr add %d %s' % (n1, groups[32]))
        check(has_error(out), '33rd multicast address accepted without an '
              'error message: %r' % ' '.join(out.split()))
        topo.expect([frame(s, g, i) for i, g in enumerate(groups)], 32,
                    '32 multicast addresses + the refused 33rd')
    with_topo(ctx, 'mac_filter', body)


# ---- dynamic_config ------------------------------------------------------------

def t_dynamic_config(ctx):
    """Modes changed while forwarding runs: never a stop/start."""
    s = scapy()

    def body(topo):
        t, n1 = topo.t, topo.n1
        k = _kinds(s, topo.mac1, (2, 3, 4, 5))
        topo.go()
        # Default: promiscuous, allmulti off.
        for kind, frames in k.items():
            topo.expect(frames, len(frames), 'default (promisc on), %s'
                        % kind)
        topo.cmd('set promisc %d off' % n1)
        for kind, frames in k.items():
            n = len(frames) if kind in ('own', 'bcast') else 0
            topo.expect(frames, n, 'promisc off while forwarding, %s' % kind)
        topo.cmd('set allmulti %d on' % n1)
        for kind, frames in k.items():
            n = 0 if kind == 'foreign' else len(frames)
            topo.expect(frames, n, 'promisc off, allmulti on, %s' % kind)
        topo.cmd('set allmulti %d off' % n1)
        topo.expect(k['mcast'], 0, 'allmulti off again, mcast')
        topo.expect(k['bcast'], len(k['bcast']), 'allmulti off, bcast')
        topo.cmd('set promisc %d on' % n1)
        for kind, frames in k.items():
            topo.expect(frames, len(frames), 'promisc on again, %s' % kind)
        i = tp.parse_port_info(t.cmd('show port info %d' % n1))
        check(i.get('Promiscuous mode') == 'enabled' and
              i.get('Allmulticast mode') == 'disabled',
              'port info after the changes: promisc %r allmulti %r' %
              (i.get('Promiscuous mode'), i.get('Allmulticast mode')))
    with_topo(ctx, 'dynamic', body, live=True)


# ---- dynamic_queue_conf / queue_toggle -------------------------------------------

NQ = 4


def _qpair(ctx, app=()):
    c = cable(ctx)
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c, 'queues=%d' % NQ),
                     ctx.nic(1, 'peer:' + c, 'queues=%d' % NQ)],
                    app=['--rxq=%d' % NQ, '--txq=%d' % NQ,
                         '--txonly-multi-flow'] + list(app))
    out = t.cmd('port config all rss udp')
    no_error(out, 'port config all rss udp')
    t.cmd('set fwd rxonly')
    return t


def _qstate(t, kind, port, q):
    out = t.cmd('show %s info %d %d' % (kind, port, q))
    m = re.search(r'(?:Rx|Tx) queue state:\s*(\w+)', out, re.I)
    check(m, 'no queue state in show %s info %d %d: %s' %
          (kind, port, q, ' '.join(out.split())[:200]))
    info = {'state': m.group(1)}
    m = re.search(r'Number of (?:RX|TX)Ds:\s*(\d+)', out)
    info['ring'] = int(m.group(1)) if m else None
    m = re.search(r'(?:RX|TX) deferred start:\s*(\w+)', out)
    info['deferred'] = m.group(1) if m else None
    return info


def _burst(t):
    """rxonly + tx_first: every started Tx queue of both ports sends one
    burst. Returns per-port per-queue deltas of the device counters."""
    t.cmd('clear port stats all')
    t.cmd('start tx_first')
    tp.settle(0.5)
    t.cmd('stop')
    tp.settle(0.3)
    res = {}
    for p in (0, 1):
        xs = xstats(t, p)
        res[p] = {
            'rx': [xs.get('rx_q%d_packets' % q, 0) for q in range(NQ)],
            'rxerr': [xs.get('rx_q%d_errors' % q, 0) for q in range(NQ)],
            'tx': [xs.get('tx_q%d_packets' % q, 0) for q in range(NQ)],
            'missed': xs.get('rx_missed_errors', 0),
        }
    return res


def _accounted(res, what):
    """Every frame a port sent, its peer received or dropped on a queue."""
    for a, b in ((0, 1), (1, 0)):
        sent = sum(res[a]['tx'])
        got = sum(res[b]['rx']) + sum(res[b]['rxerr'])
        check(sent > 0, '%s: port %d sent nothing' % (what, a))
        check(got == sent, '%s: port %d sent %d, port %d received %d + '
              'dropped %d (per queue rx %r, drops %r)' %
              (what, a, sent, b, sum(res[b]['rx']), sum(res[b]['rxerr']),
               res[b]['rx'], res[b]['rxerr']))


def _baseline(t):
    res = _burst(t)
    _accounted(res, 'all queues')
    check(all(n > 0 for n in res[1]['rx']), 'RSS left a queue of port 1 '
          'empty: per queue %r' % res[1]['rx'])
    check(sum(res[1]['rxerr']) == 0, 'drops with every queue up: %r' %
          res[1]['rxerr'])
    check(all(n > 0 for n in res[0]['tx']), 'port 0 per-queue Tx %r' %
          res[0]['tx'])


def _rxq_toggle(t):
    """Rx queue 1 of port 1 stopped: what RSS sends there is dropped,
    counted on the queue; the other queues carry on."""
    no_error(t.cmd('port 1 rxq 1 stop'), 'port 1 rxq 1 stop')
    st = _qstate(t, 'rxq', 1, 1)
    check(st['state'] == 'stopped', 'rxq 1 state %r after stop' % st['state'])
    check(link(t, 1) == 'up', 'port 1 link %r with one queue stopped' %
          link(t, 1))
    res = _burst(t)
    _accounted(res, 'rxq 1 stopped')
    check(res[1]['rx'][1] == 0, 'stopped rxq 1 received %d' % res[1]['rx'][1])
    check(res[1]['rxerr'][1] > 0, 'nothing dropped on stopped rxq 1 '
          '(per queue rx %r)' % res[1]['rx'])
    check(all(res[1]['rx'][q] > 0 for q in (0, 2, 3)),
          'queues 0, 2, 3 with rxq 1 stopped: %r' % res[1]['rx'])
    check(res[1]['missed'] == res[1]['rxerr'][1], 'RX-missed %d, rxq 1 '
          'dropped %d' % (res[1]['missed'], res[1]['rxerr'][1]))
    no_error(t.cmd('port 1 rxq 1 start'), 'port 1 rxq 1 start')
    check(_qstate(t, 'rxq', 1, 1)['state'] == 'started', 'rxq 1 not started')
    res = _burst(t)
    _accounted(res, 'rxq 1 restarted')
    check(res[1]['rx'][1] > 0 and sum(res[1]['rxerr']) == 0,
          'rxq 1 restarted: rx %r drops %r' % (res[1]['rx'], res[1]['rxerr']))


def _txq_toggle(t):
    """Tx queue 1 of port 0 stopped: it sends nothing, the others do.
    testpmd 22.11 keeps calling Tx burst on the stopped queue."""
    no_error(t.cmd('port 0 txq 1 stop'), 'port 0 txq 1 stop')
    check(_qstate(t, 'txq', 0, 1)['state'] == 'stopped', 'txq 1 not stopped')
    res = _burst(t)
    _accounted(res, 'txq 1 stopped')
    check(res[0]['tx'][1] == 0 and all(res[0]['tx'][q] > 0 for q in (0, 2, 3)),
          'port 0 per-queue Tx with txq 1 stopped: %r' % res[0]['tx'])
    no_error(t.cmd('port 0 txq 1 start'), 'port 0 txq 1 start')
    res = _burst(t)
    _accounted(res, 'txq 1 restarted')
    check(all(n > 0 for n in res[0]['tx']), 'port 0 per-queue Tx after '
          'txq 1 start: %r' % res[0]['tx'])


def _rxq_deferred(t):
    """Deferred start: the queue stays stopped at port start until
    'port 1 rxq 0 start'."""
    ev_cmd(t, 'port stop 1')
    no_error(t.cmd('port 1 rxq 0 deferred_start on'), 'rxq deferred_start')
    no_error(ev_cmd(t, 'port start 1'), 'port start 1 with a deferred rxq')
    st = _qstate(t, 'rxq', 1, 0)
    check(st['state'] == 'stopped', 'deferred rxq 0 after port start: %r' % st)
    # Reported by show rxq info (rte_eth_rx_queue_info_get); checked last.
    late = [] if st['deferred'] == 'on' else [
        'show rxq info 1 0 reports deferred start %r for a queue set '
        'up with deferred_start on' % st['deferred']]
    res = _burst(t)
    _accounted(res, 'deferred rxq 0')
    check(res[1]['rx'][0] == 0 and res[1]['rxerr'][0] > 0,
          'deferred (stopped) rxq 0: rx %d dropped %d' %
          (res[1]['rx'][0], res[1]['rxerr'][0]))
    check(all(res[1]['rx'][q] > 0 for q in (1, 2, 3)),
          'other queues with rxq 0 deferred: %r' % res[1]['rx'])
    no_error(t.cmd('port 1 rxq 0 start'), 'port 1 rxq 0 start')
    check(_qstate(t, 'rxq', 1, 0)['state'] == 'started', 'rxq 0 not started')
    res = _burst(t)
    _accounted(res, 'deferred rxq 0 started')
    check(all(n > 0 for n in res[1]['rx']) and sum(res[1]['rxerr']) == 0,
          'after starting deferred rxq 0: rx %r drops %r' %
          (res[1]['rx'], res[1]['rxerr']))
    check(not late, '; '.join(late))


def _txq_deferred(t):
    """A deferred Tx queue sends nothing until 'port 1 txq 2 start'."""
    ev_cmd(t, 'port stop 1')
    no_error(t.cmd('port 1 txq 2 deferred_start on'), 'txq deferred_start')
    no_error(ev_cmd(t, 'port start 1'), 'port start 1 with a deferred txq')
    st = _qstate(t, 'txq', 1, 2)
    check(st['state'] == 'stopped', 'deferred txq 2 after port start: %r' % st)
    # Reported by show txq info (rte_eth_tx_queue_info_get); checked last.
    late = [] if st['deferred'] == 'on' else [
        'show txq info 1 2 reports deferred start %r for a queue set '
        'up with deferred_start on' % st['deferred']]
    res = _burst(t)
    _accounted(res, 'deferred txq 2')
    check(res[1]['tx'][2] == 0 and all(res[1]['tx'][q] > 0 for q in (0, 1, 3)),
          'port 1 per-queue Tx with txq 2 deferred: %r' % res[1]['tx'])
    no_error(t.cmd('port 1 txq 2 start'), 'port 1 txq 2 start')
    check(_qstate(t, 'txq', 1, 2)['state'] == 'started', 'txq 2 not started')
    res = _burst(t)
    _accounted(res, 'deferred txq 2 started')
    check(all(n > 0 for n in res[1]['tx']), 'port 1 per-queue Tx after '
          'starting deferred txq 2: %r' % res[1]['tx'])
    check(not late, '; '.join(late))


def t_queue_toggle(ctx):
    """port P rxq|txq Q stop/start while the port runs; deferred start.
    Each sub-case in its own testpmd (after traffic on every queue); all
    run, the test fails with all their errors."""
    errors = []
    for name, fn in (('rxq stop/start', _rxq_toggle),
                     ('txq stop/start', _txq_toggle),
                     ('rxq deferred_start', _rxq_deferred),
                     ('txq deferred_start', _txq_deferred)):
        ctx.log.write('\n==== sub-case %s\n' % name)
        t = _qpair(ctx)
        try:
            _baseline(t)
            fn(t)
        except tp.Fail as e:
            errors.append('%s: %s' % (name, e))
        except tp.TestPmdError as e:
            errors.append('%s: testpmd: %s' % (name, e))
        finally:
            t.close()
    check(not errors, ' | '.join(errors))


def t_dynamic_queue_conf(ctx):
    """Runtime queue setup: stop a queue, new ring size, setup, start."""
    t = _qpair(ctx)
    for kind, port, q in (('rxq', 1, 1), ('txq', 0, 1)):
        no_error(t.cmd('port %d %s %d stop' % (port, kind, q)),
                 '%s %d stop' % (kind, q))
        no_error(t.cmd('port config %d %s %d ring_size 512' %
                       (port, kind, q)), 'ring_size 512')
        out = t.cmd('port %d %s %d setup' % (port, kind, q))
        no_error(out, 'port %d %s %d setup (port running)' % (port, kind, q))
        st = _qstate(t, kind, port, q)
        check(st['ring'] == 512, '%s %d ring %r after setup with 512' %
              (kind, q, st['ring']))
        check(st['state'] == 'stopped', '%s %d state %r after setup' %
              (kind, q, st['state']))
        no_error(t.cmd('port %d %s %d start' % (port, kind, q)),
                 '%s %d start' % (kind, q))
        st = _qstate(t, kind, port, q)
        check(st['state'] == 'started' and st['ring'] == 512,
              '%s %d after start: %r' % (kind, q, st))
        check(link(t, port) == 'up', 'port %d link down after runtime '
              'setup' % port)
    res = _burst(t)
    _accounted(res, 'after runtime setup')
    check(all(n > 0 for n in res[1]['rx']) and sum(res[1]['rxerr']) == 0,
          'port 1 rx per queue %r drops %r after rxq 1 setup' %
          (res[1]['rx'], res[1]['rxerr']))
    check(all(n > 0 for n in res[0]['tx']), 'port 0 tx per queue %r after '
          'txq 1 setup' % res[0]['tx'])
    # A queue that runs cannot be set up again.
    out = t.cmd('port 1 rxq 2 setup')
    check(has_error(out), 'setup of a started rxq 2 accepted: %r' %
          ' '.join(out.split()))
    # Smaller ring, and once more; traffic still exact.
    for size in (64, 1024):
        t.cmd('port 1 rxq 3 stop')
        t.cmd('port config 1 rxq 3 ring_size %d' % size)
        no_error(t.cmd('port 1 rxq 3 setup'), 'rxq 3 setup %d' % size)
        no_error(t.cmd('port 1 rxq 3 start'), 'rxq 3 start')
        st = _qstate(t, 'rxq', 1, 3)
        check(st['ring'] == size and st['state'] == 'started',
              'rxq 3 after setup with %d: %r' % (size, st))
        res = _burst(t)
        _accounted(res, 'rxq 3 ring %d' % size)
        check(res[1]['rx'][3] > 0 and sum(res[1]['rxerr']) == 0,
              'rxq 3 ring %d: rx %r drops %r' % (size, res[1]['rx'],
                                                  res[1]['rxerr']))


# ---- port_control ----------------------------------------------------------------

def _pair(ctx, app=()):
    c = cable(ctx)
    return ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)],
                       app=list(app))


def _exact32(t, ports, what):
    """rxonly tx_first: each port sends 32, its peer receives 32."""
    t.cmd('set fwd rxonly')
    t.cmd('clear port stats all')
    t.cmd('start tx_first')
    tp.settle(0.5)
    t.cmd('stop')
    tp.settle(0.3)
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in ports:
        check(ps[p]['tx_packets'] == 32 and ps[p]['rx_packets'] == 32,
              '%s: port %d tx %d rx %d, expected 32 / 32' %
              (what, p, ps[p]['tx_packets'], ps[p]['rx_packets']))


def t_port_control(ctx):
    t = _pair(ctx)
    _exact32(t, (0, 1), 'at start')
    # stop / start
    out = ev_cmd(t, 'port stop 0')
    no_error(out, 'port stop 0')
    tp.settle(0.3)
    check(link(t, 0) == 'down' and link(t, 1) == 'down',
          'port 0 stopped: links %s / %s' % (link(t, 0), link(t, 1)))
    out = t.cmd('show port summary all')
    check(re.search(r'^0\s.*\bdown\b', out, re.M), 'summary of a stopped '
          'port 0: %s' % ' '.join(out.split()))
    out = t.cmd('start tx_first')
    check(re.search(r'not all ports were started', out, re.I),
          'forwarding started with port 0 stopped: %s'
          % ' '.join(out.split())[:200])
    t.cmd('stop')
    no_error(ev_cmd(t, 'port start 0'), 'port start 0')
    tp.settle(0.3)
    check(link(t, 0) == 'up' and link(t, 1) == 'up',
          'port 0 restarted: links %s / %s' % (link(t, 0), link(t, 1)))
    _exact32(t, (0, 1), 'after stop/start')
    # restart both, several times
    for rnd in range(3):
        no_error(ev_cmd(t, 'port stop all'), 'port stop all')
        no_error(ev_cmd(t, 'port start all'), 'port start all')
    _exact32(t, (0, 1), 'after 3 stop/start all')
    # reset (22.11: stop, reset, then start reconfigures)
    out = ev_cmd(t, 'port reset 0')
    check(re.search(r'stop', out, re.I), 'reset of a running port: %r' %
          ' '.join(out.split()))
    ev_cmd(t, 'port stop 0')
    out = ev_cmd(t, 'port reset 0')
    check(not re.search(r'fail', out, re.I) and 'Done' in out,
          'port reset 0: %s' % ' '.join(out.split()))
    out = ev_cmd(t, 'port start 0')
    no_error(out, 'port start 0 after reset')
    check('Configuring Port 0' in out, 'port start after reset did not '
          'reconfigure: %s' % ' '.join(out.split())[:200])
    tp.settle(0.3)
    check(link(t, 0) == 'up' and link(t, 1) == 'up',
          'after reset: links %s / %s' % (link(t, 0), link(t, 1)))
    _exact32(t, (0, 1), 'after reset')
    # The reset device still signals link changes.
    mark = len(t.output)
    ev_cmd(t, 'port stop 1')
    tp.settle(0.5)
    t.cmd('show port summary all')
    check(re.search(r'Port 0: link state change event', t.output[mark:]),
          'no link event for port 0 (reset) when its peer stopped')
    no_error(ev_cmd(t, 'port start 1'), 'port start 1')
    tp.settle(0.3)
    _exact32(t, (0, 1), 'after reset, peer restarted')
    # close: the port goes; its peer's link goes down.
    ev_cmd(t, 'port stop 1')
    out = t.cmd('port close 1')
    check(re.search(r'Port 1 is closed', out), 'port close 1: %s' %
          ' '.join(out.split()))
    out = t.cmd('show port summary all')
    check(re.search(r'Number of available ports: 1', out), 'after close: %s'
          % ' '.join(out.split()))
    tp.settle(0.3)
    check(link(t, 0) == 'down', 'port 0 link %s, its peer closed' %
          link(t, 0))
    out = ev_cmd(t, 'port start 1')
    check(has_error(out) or re.search(r'invalid|not|closed', out, re.I),
          'port start of a closed port: %r' % ' '.join(out.split()))
    # back: detach the closed device, attach it again, exact traffic.
    out = t.cmd('device detach net_nicpmd1', timeout=30)
    check(re.search(r'is detached', out), 'detach: %s' % ' '.join(out.split()))
    c = re.search(r'peer:(\w+)', t.cmd('show port info 0')).group(1)
    out = t.cmd('port attach ' + ctx.nic(1, 'peer:' + c), timeout=30)
    m = re.search(r'Port (\d+) is attached', out)
    check(m, 'attach: %s' % ' '.join(out.split()))
    b = int(m.group(1))
    no_error(ev_cmd(t, 'port start %d' % b), 'port start %d' % b)
    tp.settle(0.3)
    _exact32(t, (0, b), 'after close and re-attach')


# ---- port_restart_config_persistency --------------------------------------------

def t_port_restart_config_persistency(ctx):
    s = scapy()

    def body(topo):
        t, n1 = topo.t, topo.n1
        extra = '02:00:00:00:0f:42'
        topo.cmd('port stop %d' % n1)
        topo.cmd('port config mtu %d 1000' % n1)
        topo.cmd('port start %d' % n1)
        topo.cmd('vlan set filter on %d' % n1)
        topo.cmd('rx_vlan add 10 %d' % n1)
        topo.cmd('set promisc %d off' % n1)
        topo.cmd('mac_addr add %d %s' % (n1, extra))
        out = topo.cmd('set flow_ctrl rx on tx off 0 0 0 0 '
                       'mac_ctrl_frame_fwd off autoneg off %d' % n1)
        check(not re.search(r'fail|error|bad', out, re.I),
              'set flow_ctrl: %s' % ' '.join(out.split()))
        # Each kind once per bit: a count says which were taken.
        frames = ([frame(s, topo.mac1, 1, 200)] +            # taken
                  [frame(s, extra, 2, 200)] * 2 +            # taken
                  [frame(s, FOREIGN, 3, 200)] * 4 +          # filtered
                  [frame(s, topo.mac1, 4, 200, vlan=10)] * 8 +   # taken
                  [frame(s, topo.mac1, 5, 200, vlan=11)] * 16 +  # vlan drop
                  [frame(s, topo.mac1, 6, 1100)] * 32)       # > MTU 1000

        def verify(what):
            i = tp.parse_port_info(t.cmd('show port info %d' % n1))
            check(i.get('MTU') == '1000', '%s: MTU %r' % (what, i.get('MTU')))
            check(i.get('Promiscuous mode') == 'disabled', '%s: promisc %r'
                  % (what, i.get('Promiscuous mode')))
            out = t.cmd('show port info %d' % n1)
            check(re.search(r'filter on', out), '%s: VLAN filter not on: %s'
                  % (what, ' '.join(out.split())[-300:]))
            out = t.cmd('show port %d macs' % n1)
            check(extra.upper() in out.upper(), '%s: %s not in macs: %s' %
                  (what, extra, ' '.join(out.split())))
            out = t.cmd('show port %d flow_ctrl' % n1)
            check('Rx pause: on' in out and 'Tx pause: off' in out,
                  '%s: flow control: %s' % (what, ' '.join(out.split())))
            ps0, xs0 = topo.counters()
            rx, _, drops = topo.send(frames)
            ps1, xs1 = topo.counters()
            d = {k: xs1[k] - xs0[k] for k in
                 ('rx_vlan_filter_drops', 'rx_mtu_exceeded_errors')}
            check(rx == 11 and drops == 4 and
                  d['rx_vlan_filter_drops'] == 16 and
                  d['rx_mtu_exceeded_errors'] == 32,
                  '%s: nicpmd1 took %d (expected 11: own, extra MAC, VLAN '
                  '10), MAC-filtered %d (4), VLAN-filtered %d (16), over '
                  'MTU %d (32)' % (what, rx, drops,
                                   d['rx_vlan_filter_drops'],
                                   d['rx_mtu_exceeded_errors']))
        verify('configured')
        # What DTS compares: "show port info" (with the private dump from
        # testpmd 24.03 on) reads the same after a restart.
        info0 = t.cmd('show port info %d' % n1)
        topo.cmd('port stop %d' % n1)
        topo.cmd('port start %d' % n1)
        tp.settle(0.3)
        info1 = t.cmd('show port info %d' % n1)
        check(info0 == info1, 'show port info changed across a restart:\n'
              '%s\n---\n%s' % (info0, info1))
        verify('after port stop/start')
        topo.cmd('port stop all')
        topo.cmd('port start all')
        tp.settle(0.3)
        verify('after port stop/start all')
    with_topo(ctx, 'persist', body)


# ---- port_stats ----------------------------------------------------------------------

XSTAT_NAMES = ('rx_no_buffer_drops', 'rx_mac_filter_drops',
               'rx_vlan_filter_drops', 'rx_mtu_exceeded_errors',
               'rx_l3_checksum_errors', 'rx_l4_checksum_errors',
               'tx_tso_segments', 'tx_link_down_drops', 'link_changes',
               'rx_good_packets', 'tx_good_packets', 'rx_q0_packets',
               'tx_q0_packets')


def t_port_stats(ctx):
    s = scapy()

    def body(topo):
        t, n0, n1 = topo.t, topo.n0, topo.n1
        t.cmd('clear port stats all')
        for size in (60, 77, 1514):
            f = frame(s, topo.mac1, size, size)
            t.cmd('clear port stats all')
            ps = tp.parse_port_stats(t.cmd('show port stats all'))
            for p in (n0, n1):
                check(all(v == 0 for v in ps[p].values()),
                      'port %d after clear: %r' % (p, ps[p]))
            topo.send([f])
            ps = tp.parse_port_stats(t.cmd('show port stats all'))
            want = {n0: (0, 0, 1, len(f)), n1: (1, len(f), 0, 0)}
            for p, (rp, rb, tp_, tb) in want.items():
                got = (ps[p]['rx_packets'], ps[p]['rx_bytes'],
                       ps[p]['tx_packets'], ps[p]['tx_bytes'])
                check(got == (rp, rb, tp_, tb), 'one %d-byte frame: port %d '
                      'rx %d/%d B tx %d/%d B, expected rx %d/%d B tx %d/%d B'
                      % ((len(f), p) + got + (rp, rb, tp_, tb)))
                for k in ('rx_missed', 'rx_errors', 'tx_errors'):
                    check(ps[p][k] == 0, 'port %d %s=%d' % (p, k, ps[p][k]))
            # pcap1 got it from nicpmd1 (io forwarding): one frame more.
            check(ps[topo.p1]['tx_packets'] == 1, 'pcap1 sent %d' %
                  ps[topo.p1]['tx_packets'])
            xs = xstats(t, n1)
            check(xs.get('rx_good_packets') == 1 and
                  xs.get('rx_good_bytes') == len(f) and
                  xs.get('rx_q0_packets') == 1,
                  'port %d xstats after one frame: good %r/%r B q0 %r' %
                  (n1, xs.get('rx_good_packets'), xs.get('rx_good_bytes'),
                   xs.get('rx_q0_packets')))
        # clear zeroes basic and extended stats
        topo.send([frame(s, FOREIGN, 9)] * 3)      # promisc on: taken
        t.cmd('set promisc %d off' % n1)
        topo.send([frame(s, FOREIGN, 9)] * 2)      # filtered
        xs = xstats(t, n1)
        check(xs.get('rx_mac_filter_drops') == 2, 'rx_mac_filter_drops %r, '
              'expected 2' % xs.get('rx_mac_filter_drops'))
        t.cmd('clear port stats %d' % n1)
        ps = tp.parse_port_stats(t.cmd('show port stats %d' % n1))
        check(all(v == 0 for v in ps[n1].values()), 'after clear port '
              'stats: %r' % ps[n1])
        xs = xstats(t, n1)
        nz = {k: v for k, v in xs.items() if v != 0}
        check(not nz, 'xstats not zero after clear port stats: %r' % nz)
        for name in XSTAT_NAMES:
            check(name in xs, 'xstat %s missing from show port xstats '
                  '(has %s)' % (name, ' '.join(sorted(xs))))
        t.cmd('clear port xstats %d' % n1)
        topo.send([frame(s, FOREIGN, 9)])
        xs = xstats(t, n1)
        check(xs.get('rx_mac_filter_drops') == 1 and
              xs.get('rx_good_packets') == 0,
              'after clear port xstats + 1 filtered frame: drops %r good %r'
              % (xs.get('rx_mac_filter_drops'), xs.get('rx_good_packets')))
    with_topo(ctx, 'stats', body)


# ---- speed_capabilities -----------------------------------------------------------------

def t_speed_capabilities(ctx):
    t = _pair(ctx)
    out = t.cmd('show device info all')
    caps = re.findall(r'Device speed capability:\s*(.*?)\s*$', out, re.M)
    check(len(caps) == 2, 'speed capability lines: %r (%s)' %
          (caps, ' '.join(out.split())[:300]))
    for c in caps:
        check(c == '100 Gbps', 'Device speed capability %r, expected '
              '"100 Gbps" only' % c)
    for p in (0, 1):
        i = tp.parse_port_info(t.cmd('show port info %d' % p))
        check(i.get('Link speed') == '100 Gbps' and
              i.get('Link duplex') == 'full-duplex',
              'port %d link %r %r' % (p, i.get('Link speed'),
                                      i.get('Link duplex')))
    out = t.cmd('show port summary all')
    check(len(re.findall(r'\bup\s+100 Gbps', out)) == 2,
          'summary: %s' % ' '.join(out.split()))


# ---- link status interrupt ---------------------------------------------------------------

def _events(t, action):
    """Run action; {port: LSC events printed} until quiet."""
    mark = len(t.output)
    out = ev_cmd(t, action, quiet=1.0)
    text = t.output[mark:]
    ev = {}
    for m in re.finditer(r'Port (\d+): link state change event', text):
        ev[int(m.group(1))] = ev.get(int(m.group(1)), 0) + 1
    return ev, out


def t_link_lsc(ctx):
    t = _pair(ctx)
    info = t.cmd('show port info 0')
    check(tp.parse_port_info(info).get('Link status') == 'up',
          'port 0 link not up at start')
    lc0 = xstats(t, 0)['link_changes']
    steps = (('port stop 1', 'down', {0: 1}),
             ('port start 1', 'up', {0: 1, 1: 1}),
             ('set link-down port 1', 'down', {0: 1, 1: 1}),
             ('set link-up port 1', 'up', {0: 1, 1: 1}),
             ('set link-down port 0', 'down', {0: 1, 1: 1}),
             ('set link-up port 0', 'up', {0: 1, 1: 1}))
    for action, state, want in steps:
        ev, out = _events(t, action)
        check(not re.search(r'fail|error', out, re.I), '%s: %s' %
              (action, ' '.join(out.split())))
        check(ev == want, '%s: link state change events per port %r, '
              'expected %r' % (action, ev, want))
        check(link(t, 0) == state and link(t, 1) == state,
              '%s: links %s / %s, expected %s' %
              (action, link(t, 0), link(t, 1), state))
    lc = xstats(t, 0)['link_changes'] - lc0
    check(lc == len(steps), 'port 0 link_changes grew by %d over %d link '
          'changes' % (lc, len(steps)))
    _exact32(t, (0, 1), 'after the link changes')
    # Stopping a port does not raise an event for itself: testpmd
    # (lsc on) does not wait on it, and the peer sees exactly one.
    ev, _ = _events(t, 'port stop 0')
    check(ev == {1: 1}, 'port stop 0: events %r, expected {1: 1}' % ev)
    ev, _ = _events(t, 'port start 0')
    check(ev == {0: 1, 1: 1}, 'port start 0: events %r' % ev)


TESTS = [
    ('promisc_support', t_promisc_support),
    ('mac_filter', t_mac_filter),
    ('dynamic_config', t_dynamic_config),
    ('queue_toggle', t_queue_toggle),
    ('dynamic_queue_conf', t_dynamic_queue_conf),
    ('port_control', t_port_control),
    ('port_restart_config_persistency', t_port_restart_config_persistency),
    ('port_stats', t_port_stats),
    ('speed_capabilities', t_speed_capabilities),
    ('link_lsc', t_link_lsc),
]

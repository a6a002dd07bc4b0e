# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Offload tests mirroring the DTS suites, driven through dpdk-testpmd.

Run by run_testpmd_tests.py as offloads/<name>; helpers and verdicts come
from tp.py. Every test uses one topology:

  scapy -> in.pcap -> net_pcap0 -> net_nicpmd0 =cable= net_nicpmd1
        -> net_pcap1 -> out.pcap -> scapy

The pcap ports never touch a packet's bytes or offload flags, so what
nicpmd0's Tx offloads or nicpmd1's Rx offloads did is what out.pcap holds
and what testpmd's verbose dump of nicpmd1's Rx shows. scapy is the oracle:
it builds the frames and computes, independently of DPDK, what each must
look like (checksum good or bad, packet type, tags, segments).

Ports start with --disable-device-start: net_pcap offers no Rx offload, so
testpmd's global offload options (--enable-rx-cksum, --enable-scatter)
would make its configure fail; offloads are set per nicpmd port with
'port config <p> rx_offload ...' before 'port start all' instead.
"""

import os
import re
import struct
import time

import tp


BCAST = 'ff:ff:ff:ff:ff:ff'
SRC = '02:00:00:00:0e:01'
DST = '02:00:00:00:0e:02'


def check(cond, msg):
    tp.check(cond, msg)


def fail(msg):
    raise tp.Fail(msg)


def scapy():
    try:
        import scapy.all as s
    except ImportError:
        raise tp.Skip('scapy not importable')
    return s


class Phases:
    """Run the sub-cases of a test to the end; fail with all their errors."""

    def __init__(self):
        self.errors = []

    def run(self, fn, *args):
        try:
            fn(*args)
        except tp.Fail as e:
            self.errors.append(str(e))

    def done(self):
        check(not self.errors, ' | '.join(self.errors))


def _first_diff(a, b):
    return next((k for k in range(min(len(a), len(b))) if a[k] != b[k]),
                min(len(a), len(b)))


def same_frames(got, want, what):
    """Byte-exact comparison of two frame lists, with a useful message."""
    check(len(got) == len(want), '%s: out.pcap has %d frames, expected %d'
          % (what, len(got), len(want)))
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            fail('%s: frame %d differs: got %d B, expected %d B, first '
                 'difference at byte %d' % (what, i, len(a), len(b),
                                             _first_diff(a, b)))


class Topo:
    """One testpmd with pcap0 -> nicpmd0 =cable= nicpmd1 -> pcap1.

    frames: list of bytes written to in.pcap. Ports are configured but not
    started: issue 'port config' commands, then start_ports().
    """

    def __init__(self, ctx, frames, tag, app=(), nic_extra=None,
                 total_mbufs=32768):
        self.ctx = ctx
        self.frames = [bytes(f) for f in frames]
        d = os.path.join(ctx.dir, tag)
        os.makedirs(d, exist_ok=True)
        self.inp = os.path.join(d, 'in.pcap')
        self.empty = os.path.join(d, 'empty.pcap')
        self.out0 = os.path.join(d, 'out0.pcap')
        self.out = os.path.join(d, 'out.pcap')
        for f in (self.out0, self.out):
            if os.path.exists(f):
                os.unlink(f)
        s = scapy()
        s.wrpcap(self.inp, [s.Ether(f) for f in self.frames])
        with open(self.empty, 'wb') as f:      # a pcap header, no frame
            f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535,
                                1))
        c = ctx.cable()
        ctx.log.write('\n==== phase %s: %d frames\n' % (tag, len(frames)))
        self.t = ctx.testpmd(
            ['net_pcap0,rx_pcap=%s,tx_pcap=%s' % (self.inp, self.out0),
             ctx.nic(0, 'peer:' + c, nic_extra),
             ctx.nic(1, 'peer:' + c, nic_extra),
             'net_pcap1,rx_pcap=%s,tx_pcap=%s' % (self.empty, self.out)],
            app=['--no-flush-rx', '--disable-device-start'] + list(app),
            total_mbufs=total_mbufs)
        ids = tp.port_ids_by_name(self.t)
        names = ('net_pcap0', 'net_nicpmd0', 'net_nicpmd1', 'net_pcap1')
        for n in names:
            check(n in ids, 'port %s missing: %r' % (n, ids))
        self.p0, self.n0, self.n1, self.p1 = [ids[n] for n in names]
        self.order = [self.p0, self.n0, self.n1, self.p1]
        self.mark = 0

    def cmd(self, line, ok=True):
        """A command; with ok=True its output must show no error."""
        out = self.t.cmd(line)
        if ok and re.search(r'fail|error|invalid|not supported|bad arg|'
                            r'please stop', out, re.I):
            fail('%r: %s' % (line, ' '.join(out.split())[:300]))
        return out

    def start_ports(self):
        self.cmd('port start all')
        self.t.cmd('set promisc all on')

    def forward(self, fwd='io', portlist=None, expect_in=None, deadline=20,
                dump_port=None, dump_n=0):
        """Forward until pcap0 has read everything and nothing moves.

        With 'set verbose 1' on, give dump_port/dump_n: the number of Rx
        dumps of that port to wait for (the dumps garble the prompt).
        Returns (stop output, port stats, output printed meanwhile).
        """
        t = self.t
        n_in = len(self.frames) if expect_in is None else expect_in
        pl = self.order if portlist is None else portlist
        t.cmd('set portlist %s' % ','.join(str(p) for p in pl))
        t.cmd('set fwd %s' % fwd)
        t.cmd('clear port stats all')
        self.mark = len(t.output)
        if dump_port is None:
            out = t.cmd('start')
        else:
            out = t.send_drain(
                'start', lambda x: len(parse_dump(x, dump_port)) >= dump_n,
                timeout=deadline)
        check(not re.search(r'not started|Fail', out),
              'start: %s' % ' '.join(out.split())[:300])
        end = time.time() + deadline
        last, same = None, 0
        while time.time() < end:
            time.sleep(0.3)
            ps = tp.parse_port_stats(t.cmd('show port stats all'))
            snap = tuple((ps[p]['rx_packets'], ps[p]['tx_packets'],
                          ps[p]['rx_errors'], ps[p]['rx_missed'])
                         for p in self.order)
            if ps[self.p0]['rx_packets'] >= n_in and snap == last:
                same += 1
                if same >= 2:
                    break
            else:
                same = 0
            last = snap
        stop = t.cmd('stop')
        ps = tp.parse_port_stats(t.cmd('show port stats all'))
        return stop, ps, t.output[self.mark:]

    def finish(self):
        """Close testpmd (net_pcap flushes its files) and read out.pcap."""
        self.t.close()
        return tp.read_pcap(self.out)


# ---- verbose dump parser ---------------------------------------------------

def parse_dump(text, port):
    """testpmd 'set verbose 1' Rx dump -> list of per-packet dicts.

    Bytes of a prompt may sit at the start of a dump line (cmdline writes
    it byte by byte between the forwarding lcore's writes): the markers
    are searched anywhere in a line.
    """
    pkts, cur, rx = [], None, False
    for line in text.splitlines():
        m = re.search(r'  (src=|ol_flags:)', line)
        if m:
            line = line[m.start():]
        m = re.search(r'port (\d+)/queue \d+: (received|sent) \d+ packets',
                      line)
        if m:
            cur, rx = int(m.group(1)), m.group(2) == 'received'
            continue
        if line.startswith('  src=') and cur == port and rx:
            d = {'line': line, 'ol_flags': None}
            m = re.search(r'length=(\d+) - nb_segs=(\d+)', line)
            d['length'] = int(m.group(1)) if m else None
            d['nb_segs'] = int(m.group(2)) if m else None
            m = re.search(r'hw ptype: (.*?) - sw ptype', line)
            d['hw_ptype'] = m.group(1).split() if m else []
            m = re.search(r'QinQ VLAN tci=(0x[0-9a-f]+), VLAN tci '
                          r'outer=(0x[0-9a-f]+)', line)
            if m:
                d['vlan'], d['vlan_outer'] = (int(m.group(1), 16),
                                              int(m.group(2), 16))
            else:
                m = re.search(r'VLAN tci=(0x[0-9a-f]+)', line)
                d['vlan'] = int(m.group(1), 16) if m else None
                d['vlan_outer'] = None
            pkts.append(d)
        elif line.startswith('  ol_flags:') and pkts and \
                pkts[-1]['ol_flags'] is None and cur == port and rx:
            pkts[-1]['ol_flags'] = line.split(':', 1)[1].split()
    return pkts


def cksum_state(flags, kind):
    """'GOOD'/'BAD'/'NONE'/'UNKNOWN' of RTE_MBUF_F_RX_<kind>_CKSUM_*."""
    for st in ('GOOD', 'BAD', 'NONE'):
        if 'RTE_MBUF_F_RX_%s_CKSUM_%s' % (kind, st) in (flags or []):
            return st
    return 'UNKNOWN'


# ---- checksum_offload (Rx) -------------------------------------------------

def _csum_frames(s):
    """Frames with good and bad checksums; scapy decides which is which."""
    def pay(n):
        return s.Raw(bytes((i * 7) & 0xff for i in range(n)))

    v4 = s.Ether(dst=BCAST, src=SRC) / s.IP(src='10.3.0.1', dst='10.3.0.2')
    v6 = s.Ether(dst=BCAST, src=SRC) / s.IPv6(src='fd03::1', dst='fd03::2')
    out = []
    for l4 in (s.UDP(sport=1024, dport=2048), s.TCP(sport=1025, dport=80),
               s.SCTP(sport=1026, dport=2049)):
        for bad_ip in (False, True):
            for bad_l4 in (False, True):
                p = s.Ether(bytes(v4 / l4 / pay(40)))     # all fields set
                if bad_ip:
                    p[s.IP].chksum ^= 0x5a5a
                if bad_l4:
                    lay = p[type(l4)]
                    lay.chksum ^= (0x00ff00ff if type(l4) is s.SCTP
                                   else 0x0f0f)
                out.append(bytes(p))
        for bad_l4 in (False, True):
            p = s.Ether(bytes(v6 / l4 / pay(40)))
            if bad_l4:
                lay = p[type(l4)]
                lay.chksum ^= 0x00ff00ff if type(l4) is s.SCTP else 0x0f0f
            out.append(bytes(p))
    # No L4 checksum to verify: UDP/IPv4 with checksum 0, a fragment, ICMP.
    p = s.Ether(bytes(v4 / s.UDP(sport=7, dport=9) / pay(30)))
    p[s.UDP].chksum = 0
    out.append(bytes(p))
    p = s.Ether(bytes(v4 / s.UDP(sport=8, dport=9) / pay(30)))
    p[s.IP].flags = 'MF'
    p[s.IP].chksum = None
    out.append(bytes(s.Ether(bytes(p))))
    out.append(bytes(v4 / s.ICMP(id=3) / pay(20)))
    p = s.Ether(bytes(v4 / s.ICMP(id=4) / pay(20)))
    p[s.IP].chksum ^= 0x1111
    out.append(bytes(p))
    # Each frame at least 60 bytes (a pcap port sends them as they are).
    return [f + bytes(max(0, 60 - len(f))) for f in out]


def _csum_truth(s, raw):
    """(ip, l4) each 'GOOD', 'BAD' or None (nothing to check), by scapy."""
    p = s.Ether(raw)
    ip = l4 = None
    if s.IP in p:
        hdr = bytes(p[s.IP])[:p[s.IP].ihl * 4]
        ip = 'GOOD' if s.checksum(hdr) == 0 else 'BAD'
        if p[s.IP].flags.MF or p[s.IP].frag:
            return ip, None               # a fragment: L4 not verifiable
    elif s.IPv6 in p:
        ip = 'GOOD'                       # no checksum: the header is it
    for cls in (s.TCP, s.UDP, s.SCTP):
        if cls in p and not (cls is s.UDP and s.IPv6 not in p and
                             p[cls].chksum == 0):
            q = s.Ether(raw)
            del q[cls].chksum
            good = s.Ether(bytes(q))[cls].chksum
            l4 = 'GOOD' if good == p[cls].chksum else 'BAD'
            break
    return ip, l4


def t_checksum_offload_rx(ctx):
    s = scapy()
    frames = _csum_frames(s)
    truth = [_csum_truth(s, f) for f in frames]
    topo = Topo(ctx, frames, 'csum_rx')
    n1 = topo.n1
    for off in ('ipv4_cksum', 'udp_cksum', 'tcp_cksum'):
        topo.cmd('port config %d rx_offload %s on' % (n1, off))
    topo.start_ports()
    out = topo.cmd('show port %d rx_offload configuration' % n1)
    check(all(k in out for k in ('IPV4_CKSUM', 'UDP_CKSUM', 'TCP_CKSUM')),
          'rx_offload configuration: %s' % ' '.join(out.split()))
    # Phase 1: pcap0 -> nicpmd0 only (io: no byte touched). The frames wait
    # in nicpmd1's Rx ring: the csum engine, which rewrites checksums of
    # what it forwards, must not be on the path that feeds nicpmd1.
    stop, ps, _ = topo.forward('io', portlist=[topo.p0, topo.n0])
    check(ps[topo.n0]['tx_packets'] == len(frames),
          'nicpmd0 sent %d of %d' % (ps[topo.n0]['tx_packets'], len(frames)))
    # Phase 2: nicpmd1 -> pcap1 with the csum engine, verbose Rx dump.
    topo.cmd('set verbose 1')
    stop, ps, dump = topo.forward('csum', portlist=[topo.n1, topo.p1],
                                  expect_in=0, dump_port=n1,
                                  dump_n=len(frames))
    topo.cmd('set verbose 0')
    topo.finish()
    pk = parse_dump(dump, n1)
    check(len(pk) == len(frames), 'nicpmd1 dumped %d packets, sent %d' %
          (len(pk), len(frames)))
    errs, exp_bad_ip, exp_bad_l4 = [], 0, 0
    for i, (f, (tip, tl4), d) in enumerate(zip(frames, truth, pk)):
        ip = cksum_state(d['ol_flags'], 'IP')
        l4 = cksum_state(d['ol_flags'], 'L4')
        sctp = s.SCTP in s.Ether(f)
        want_ip = tip or 'UNKNOWN'
        want_l4 = [tl4 or 'UNKNOWN']
        # testpmd 22.11 cannot request SCTP_CKSUM on one port ('port config
        # rx_offload' has no sctp_cksum): SCTP may be left UNKNOWN, never
        # reported wrong.
        if sctp and tl4:
            want_l4.append('UNKNOWN')
        if ip != want_ip or l4 not in want_l4:
            errs.append('frame %d (%s): IP %s L4 %s, expected IP %s L4 %s' %
                        (i, s.Ether(f).summary(), ip, l4, want_ip,
                         '|'.join(want_l4)))
        exp_bad_ip += ip == 'BAD' and tip == 'BAD'
        exp_bad_l4 += l4 == 'BAD' and tl4 == 'BAD'
    check(not errs, '; '.join(errs[:6]) + (' (+%d more)' % (len(errs) - 6)
                                           if len(errs) > 6 else ''))
    # The csum engine counts Rx BAD flags per port at 'stop'.
    m = re.search(r'Forward statistics for port %d\s+-+\s*\n(.*?)\n\s*\n'
                  % n1, stop, re.S)
    check(m, 'no forward statistics for nicpmd1 in stop output')
    mi = re.search(r'Bad-ipcsum:\s+(\d+)\s+Bad-l4csum:\s+(\d+)', m.group(1))
    check(mi, 'no Bad-ipcsum/Bad-l4csum for nicpmd1: %s' % m.group(1))
    n_bad_ip = sum(1 for tip, _ in truth if tip == 'BAD')
    check(int(mi.group(1)) == n_bad_ip, 'Bad-ipcsum %s, scapy counts %d bad '
          'IPv4 headers' % (mi.group(1), n_bad_ip))
    check(int(mi.group(2)) == exp_bad_l4, 'Bad-l4csum %s, expected %d' %
          (mi.group(2), exp_bad_l4))
    check(exp_bad_l4 >= 8, 'only %d bad L4 checksums seen' % exp_bad_l4)


# ---- vlan ------------------------------------------------------------------

def _udp4(s, n=60, **ip):
    p = s.IP(src='10.4.0.1', dst='10.4.0.2', **ip) / s.UDP(sport=5, dport=6)
    return p / s.Raw(bytes((i * 31 + 1) & 0xff for i in range(max(0, n))))


def _tagged(s, vid, pcp=0, inner=None, n=60):
    e = s.Ether(dst=DST, src=SRC) / s.Dot1Q(vlan=vid, prio=pcp)
    return bytes(e / (inner if inner is not None else _udp4(s, n)))


def _untagged(s, n=60):
    return bytes(s.Ether(dst=DST, src=SRC) / _udp4(s, n))


def _strip_tag(raw):
    """The frame without its first 802.1Q tag (bytes 12..16)."""
    return raw[:12] + raw[16:]


def _filtering_port(topo):
    """nicpmd1 filters addresses, DST being one of its own: a promiscuous
    port is VLAN-promiscuous too (device spec, Receive filtering)."""
    topo.cmd('set promisc %d off' % topo.n1)
    topo.cmd('mac_addr add %d %s' % (topo.n1, DST))


def t_vlan_filter(ctx):
    s = scapy()
    frames = []
    for i in range(4):
        frames += [_tagged(s, 10, n=40 + i), _tagged(s, 11, n=40 + i),
                   _untagged(s, 40 + i), _tagged(s, 10, pcp=5, n=50 + i),
                   _tagged(s, 4095 - i, n=40)]
    topo = Topo(ctx, frames, 'filter')
    topo.start_ports()
    _filtering_port(topo)
    topo.cmd('vlan set filter on %d' % topo.n1)
    topo.cmd('rx_vlan add 10 %d' % topo.n1)
    out = topo.t.cmd('show port info %d' % topo.n1)
    check(re.search(r'filter\s*:?\s*on', out, re.I),
          'VLAN filter not reported on: %s' % ' '.join(out.split())[:300])
    stop, ps, _ = topo.forward('io')
    res = topo.finish()
    want = [f for f in frames
            if s.Dot1Q not in s.Ether(f) or s.Ether(f)[s.Dot1Q].vlan == 10]
    same_frames(res, want, 'filter on, VID 10 accepted')
    check(ps[topo.n1]['rx_packets'] == len(want),
          'nicpmd1 RX-packets %d, expected %d' % (ps[topo.n1]['rx_packets'],
                                                  len(want)))
    # And a filter that is off again lets every tag through.
    topo = Topo(ctx, frames, 'filter_off')
    topo.start_ports()
    _filtering_port(topo)
    topo.cmd('vlan set filter on %d' % topo.n1)
    topo.cmd('rx_vlan add 10 %d' % topo.n1)
    topo.cmd('rx_vlan rm 10 %d' % topo.n1)
    topo.cmd('rx_vlan add 11 %d' % topo.n1)
    topo.forward('io')
    res = topo.finish()
    want = [f for f in frames
            if s.Dot1Q not in s.Ether(f) or s.Ether(f)[s.Dot1Q].vlan == 11]
    same_frames(res, want, 'filter on, VID 10 removed, 11 added')
    topo = Topo(ctx, frames, 'filter_disabled')
    topo.start_ports()
    _filtering_port(topo)
    topo.cmd('vlan set filter on %d' % topo.n1)
    topo.cmd('rx_vlan add 10 %d' % topo.n1)
    topo.cmd('vlan set filter off %d' % topo.n1)
    topo.forward('io')
    same_frames(topo.finish(), frames, 'filter off')
    # Promiscuous (testpmd's default): the table is kept but every VID
    # passes, as on the NICs DTS's dual_vlan suite was written against.
    topo = Topo(ctx, frames, 'filter_promisc')
    topo.start_ports()
    topo.cmd('vlan set filter on %d' % topo.n1)
    topo.cmd('rx_vlan add 10 %d' % topo.n1)
    topo.forward('io')
    same_frames(topo.finish(), frames, 'filter on, VID 10, promiscuous')


def _vlan_frames(s):
    frames = []
    for i in range(3):
        frames += [_tagged(s, 10, n=40 + i), _tagged(s, 300, pcp=5, n=80 + i),
                   _untagged(s, 50 + i),
                   _tagged(s, 7, inner=s.IPv6(src='fd04::1', dst='fd04::2')
                           / s.TCP(sport=9, dport=10) / s.Raw(b'v' * 30))]
    return frames


def _check_strip(s, topo, frames, res, dump, what):
    want = [_strip_tag(f) if s.Dot1Q in s.Ether(f) else f for f in frames]
    same_frames(res, want, what)
    pk = parse_dump(dump, topo.n1)
    check(len(pk) == len(frames), '%s: nicpmd1 dumped %d packets, sent %d'
          % (what, len(pk), len(frames)))
    for i, (f, d) in enumerate(zip(frames, pk)):
        e = s.Ether(f)
        fl = d['ol_flags'] or []
        if s.Dot1Q in e:
            tci = e[s.Dot1Q].prio << 13 | e[s.Dot1Q].id << 12 | e[s.Dot1Q].vlan
            check('RTE_MBUF_F_RX_VLAN_STRIPPED' in fl and
                  'RTE_MBUF_F_RX_VLAN' in fl and d['vlan'] == tci,
                  '%s: frame %d (tag 0x%x): vlan_tci %r ol_flags %s' %
                  (what, i, tci, d['vlan'], ' '.join(fl)))
        else:
            check('RTE_MBUF_F_RX_VLAN_STRIPPED' not in fl,
                  '%s: untagged frame %d flagged %s' % (what, i,
                                                        ' '.join(fl)))


def t_vlan_strip(ctx):
    s = scapy()
    frames = _vlan_frames(s)
    ph = Phases()

    def configured():
        # Strip asked before the port starts (per-port Rx offload).
        topo = Topo(ctx, frames, 'strip_config')
        topo.cmd('port config %d rx_offload vlan_strip on' % topo.n1)
        topo.start_ports()
        topo.cmd('set verbose 1')
        _, ps, dump = topo.forward('io', dump_port=topo.n1,
                                   dump_n=len(frames))
        _check_strip(s, topo, frames, topo.finish(), dump,
                     'strip configured before start')

    def runtime():
        # Strip switched on while the port runs (DTS: 'vlan set strip on').
        topo = Topo(ctx, frames, 'strip_runtime')
        topo.start_ports()
        topo.cmd('vlan set strip on %d' % topo.n1)
        topo.cmd('set verbose 1')
        _, ps, dump = topo.forward('io', dump_port=topo.n1,
                                   dump_n=len(frames))
        _check_strip(s, topo, frames, topo.finish(), dump,
                     "'vlan set strip on' on a started port")

    def off():
        # Strip on, then off again: tags stay.
        topo = Topo(ctx, frames, 'strip_off')
        topo.cmd('port config %d rx_offload vlan_strip on' % topo.n1)
        topo.start_ports()
        topo.cmd('vlan set strip off %d' % topo.n1)
        topo.cmd('set verbose 1')
        _, ps, dump = topo.forward('io', dump_port=topo.n1,
                                   dump_n=len(frames))
        same_frames(topo.finish(), frames, "'vlan set strip off'")
        for i, d in enumerate(parse_dump(dump, topo.n1)):
            check('RTE_MBUF_F_RX_VLAN_STRIPPED' not in (d['ol_flags'] or []),
                  'strip off: frame %d flagged %s' % (i, d['ol_flags']))

    for fn in (configured, runtime, off):
        ph.run(fn)
    ph.done()


def _mac_fwd_expect(raw, dst, src):
    """testpmd mac fwd rewrites the addresses and nothing else."""
    from scapy.all import mac2str
    return mac2str(dst) + mac2str(src) + raw[12:]


def _insert_topo(ctx, s, frames, tag, setup):
    """mac fwd (which asks the Tx offloads testpmd configured)."""
    topo = Topo(ctx, frames, tag)
    setup(topo)
    topo.start_ports()
    topo.tx_conf = _tx_conf(topo, topo.n0)
    peer = '02:00:00:00:0e:77'
    topo.cmd('set eth-peer %d %s' % (topo.p1, peer))
    out = topo.t.cmd('show port info %d' % topo.p1)
    mac = tp.parse_port_info(out)['MAC address']
    _, ps, _ = topo.forward('mac')
    return topo, topo.finish(), peer, mac


def t_vlan_insert(ctx):
    s = scapy()
    frames = [_untagged(s, 40 + 7 * i) for i in range(10)]

    def setup(topo):
        out = topo.t.cmd('tx_vlan set %d 20' % topo.n0)
        check(not re.search(r'fail|error|invalid', out, re.I),
              'tx_vlan set: %s' % ' '.join(out.split()))

    topo, res, peer, mac = _insert_topo(ctx, s, frames, 'insert', setup)
    check('VLAN_INSERT' in topo.tx_conf[0], 'tx_vlan set: VLAN_INSERT not '
          'configured: %r' % (topo.tx_conf,))
    want = []
    for f in frames:
        f = _mac_fwd_expect(f, peer, mac)
        want.append(f[:12] + struct.pack('!HH', 0x8100, 20) + f[12:])
    same_frames(res, want, 'tx_vlan set 20')
    for r in res:
        e = s.Ether(r)
        check(e.type == 0x8100 and e[s.Dot1Q].vlan == 20 and
              s.Dot1Q not in e[s.Dot1Q].payload,
              'not one 802.1Q tag with VID 20: %s' % e.summary())

    def setup_reset(topo):
        setup(topo)
        topo.cmd('tx_vlan reset %d' % topo.n0)

    topo, res, peer, mac = _insert_topo(ctx, s, frames, 'insert_reset',
                                        setup_reset)
    same_frames(res, [_mac_fwd_expect(f, peer, mac) for f in frames],
                'tx_vlan reset')


# ---- dual_vlan (QinQ) ------------------------------------------------------

def _qinq(s, outer, inner, n=40, pcp=0):
    return bytes(s.Ether(dst=DST, src=SRC) / s.Dot1AD(vlan=outer, prio=pcp)
                 / s.Dot1Q(vlan=inner) / _udp4(s, n))


def t_dual_vlan(ctx):
    s = scapy()
    frames = []
    for i in range(4):
        frames += [_qinq(s, 100, 200 + i, 40 + i), _untagged(s, 50 + i),
                   _qinq(s, 4000, 1, 60 + i, pcp=3)]
    def strip(runtime):
        topo = Topo(ctx, frames, 'qinq_strip_%s' %
                    ('runtime' if runtime else 'config'))
        if not runtime:
            topo.cmd('port config %d rx_offload qinq_strip on' % topo.n1)
        topo.start_ports()
        if runtime:
            topo.cmd('vlan set qinq_strip on %d' % topo.n1)
        topo.cmd('set verbose 1')
        _, ps, dump = topo.forward('io', dump_port=topo.n1,
                                   dump_n=len(frames))
        res = topo.finish()
        what = 'qinq_strip (%s)' % ('vlan set on a started port' if runtime
                                    else 'configured before start')
        want = [f[:12] + f[20:] if s.Dot1AD in s.Ether(f) else f
                for f in frames]
        same_frames(res, want, what)
        pk = parse_dump(dump, topo.n1)
        check(len(pk) == len(frames), '%s: %d dumped of %d' %
              (what, len(pk), len(frames)))
        for i, (f, d) in enumerate(zip(frames, pk)):
            e = s.Ether(f)
            fl = d['ol_flags'] or []
            if s.Dot1AD not in e:
                continue
            o = e[s.Dot1AD].prio << 13 | e[s.Dot1AD].vlan
            n = e[s.Dot1Q].vlan
            check(d['vlan'] == n and d['vlan_outer'] == o and
                  'RTE_MBUF_F_RX_QINQ_STRIPPED' in fl and
                  'RTE_MBUF_F_RX_VLAN_STRIPPED' in fl,
                  '%s: frame %d (outer 0x%x inner 0x%x): vlan_tci %r '
                  'outer %r ol_flags %s' % (what, i, o, n, d['vlan'],
                                            d['vlan_outer'], ' '.join(fl)))

    # Extended VLAN: two 0x8100 tags are QinQ once 'vlan set extend' is on
    # (both stripped, the first TCI in vlan_tci_outer); without it the
    # first alone is stripped (a VLAN frame whose payload starts with a
    # tag).
    double = [bytes(s.Ether(dst=DST, src=SRC) / s.Dot1Q(vlan=300 + i, prio=2)
                    / s.Dot1Q(vlan=30 + i) / _udp4(s, 40 + i))
              for i in range(4)] + [_untagged(s, 50), _tagged(s, 7, n=44)]

    def extend(on):
        what = 'qinq_strip, extend %s' % ('on' if on else 'off')
        topo = Topo(ctx, double, 'qinq_extend_%s' % ('on' if on else 'off'))
        topo.start_ports()
        topo.cmd('vlan set qinq_strip on %d' % topo.n1)
        topo.cmd('vlan set extend %s %d' % ('on' if on else 'off', topo.n1))
        out = topo.t.cmd('show port info %d' % topo.n1)
        check(re.search(r'extend\s*:?\s*%s' % ('on' if on else 'off'), out,
                        re.I), '%s: port info: %s' %
              (what, ' '.join(out.split())[:400]))
        topo.cmd('set verbose 1')
        _, ps, dump = topo.forward('io', dump_port=topo.n1,
                                   dump_n=len(double))
        res = topo.finish()
        want, tcis = [], []
        for f in double:
            e = s.Ether(f)
            n = 0
            p = e.payload
            while isinstance(p, s.Dot1Q):
                n, p = n + 1, p.payload
            take = n if on else min(n, 1)
            tags = [struct.unpack('!H', f[14 + 4 * k:16 + 4 * k])[0]
                    for k in range(take)]
            want.append(f[:12] + f[12 + 4 * take:])
            tcis.append(tags)
        same_frames(res, want, what)
        pk = parse_dump(dump, topo.n1)
        check(len(pk) == len(double), '%s: %d dumped of %d' %
              (what, len(pk), len(double)))
        for i, (tags, d) in enumerate(zip(tcis, pk)):
            fl = d['ol_flags'] or []
            if len(tags) == 2:
                ok = (d['vlan_outer'] == tags[0] and d['vlan'] == tags[1] and
                      'RTE_MBUF_F_RX_QINQ_STRIPPED' in fl)
            elif len(tags) == 1:
                ok = (d['vlan'] == tags[0] and
                      'RTE_MBUF_F_RX_VLAN_STRIPPED' in fl and
                      'RTE_MBUF_F_RX_QINQ_STRIPPED' not in fl)
            else:
                ok = 'RTE_MBUF_F_RX_VLAN_STRIPPED' not in fl
            check(ok, '%s: frame %d (tags %s): vlan_tci %r outer %r '
                  'ol_flags %s' % (what, i, ['0x%x' % t for t in tags],
                                   d['vlan'], d['vlan_outer'], ' '.join(fl)))

    ph = Phases()
    ph.run(strip, False)
    ph.run(strip, True)
    ph.run(extend, True)
    ph.run(extend, False)

    # QinQ insertion: 'tx_vlan set <port> <inner> <outer>' (22.11 syntax).
    plain = [_untagged(s, 40 + 5 * i) for i in range(8)]

    def setup(topo):
        out = topo.t.cmd('tx_vlan set %d 200 100' % topo.n0)
        check(not re.search(r'fail|error|invalid', out, re.I),
              'tx_vlan set (QinQ): %s' % ' '.join(out.split()))

    def insert():
        topo, res, peer, mac = _insert_topo(ctx, s, plain, 'qinq_insert',
                                            setup)
        check('QINQ_INSERT' in topo.tx_conf[0] and
              'VLAN_INSERT' in topo.tx_conf[0], 'tx_vlan set (QinQ): port '
              'Tx offloads %r' % (topo.tx_conf,))
        want = [_mac_fwd_expect(f, peer, mac) for f in plain]
        want = [f[:12] + struct.pack('!HHHH', 0x88a8, 100, 0x8100, 200) +
                f[12:] for f in want]
        same_frames(res, want, 'tx_vlan set inner 200 outer 100')

    ph.run(insert)
    ph.done()


def t_udp_tunnel_ports(ctx):
    """The device types UDP tunnels on the ports of its table: VXLAN on
    4789 from reset; VXLAN-GPE and GENEVE once added (testpmd's
    port config udp_tunnel_port); a port removed is plain UDP again.
    scapy builds the frames, the expectation is written per frame."""
    s = scapy()
    from scapy.contrib.geneve import GENEVE
    e = s.Ether(dst=DST, src=SRC)
    ip = s.IP(src='10.7.0.1', dst='10.7.0.2')
    inner_ip = s.IP(src='10.8.0.1', dst='10.8.0.2') / s.UDP(sport=3,
                                                            dport=4)
    inner_eth = s.Ether(dst='02:00:00:00:0e:01', src='02:00:00:00:0e:02')
    pay = s.Raw(b'q' * 16)
    vxlan = bytes(e / ip / s.UDP(sport=9, dport=4789) / s.VXLAN(vni=5) /
                  inner_eth / inner_ip / pay)
    # VXLAN-GPE header: flags (P bit), next protocol 1 = IPv4.
    gpe = bytes(e / ip / s.UDP(sport=9, dport=4790) /
                s.Raw(bytes([0x0c, 0, 0, 1, 0, 0, 7, 0])) / inner_ip / pay)
    geneve = bytes(e / ip / s.UDP(sport=9, dport=6081) /
                   GENEVE(vni=9, proto=0x6558) / inner_eth / inner_ip / pay)
    plain = {'L2_ETHER', 'L3_IPV4', 'L4_UDP'}
    tunnelled = {'INNER_L3_IPV4', 'INNER_L4_UDP'}

    def run(tag, cmds, want):
        frames = [vxlan, gpe, geneve]
        topo = Topo(ctx, frames, tag)
        for c in cmds:
            c = c.format(n1=topo.n1)
            out = topo.cmd(c)
            check(not re.search(r'error|fail|invalid|bad', out, re.I),
                  '%s: %s' % (c, ' '.join(out.split())))
        topo.start_ports()
        topo.t.cmd('set promisc all on')
        topo.cmd('set verbose 1')
        _, ps, dump = topo.forward('io', dump_port=topo.n1,
                                   dump_n=len(frames))
        same_frames(topo.finish(), frames, tag)
        pk = parse_dump(dump, topo.n1)
        check(len(pk) == len(frames), '%s: dumped %d of %d' %
              (tag, len(pk), len(frames)))
        for name, d, w in zip(('VXLAN', 'VXLAN-GPE', 'GENEVE'), pk, want):
            got = set(d['hw_ptype'])
            if w is None:
                ok = got == plain
                w = plain
            else:
                ok = {'L2_ETHER', 'L3_IPV4', w} | tunnelled <= got
                w = {w} | tunnelled
            check(ok, '%s: %s frame typed %s, expected %s' % (
                tag, name, ' '.join(sorted(got)), ' '.join(sorted(w))))

    run('tun_default', [], ['TUNNEL_VXLAN', None, None])
    run('tun_added', ['port config {n1} udp_tunnel_port add vxlan-gpe 4790',
                      'port config {n1} udp_tunnel_port add geneve 6081'],
        ['TUNNEL_VXLAN', 'TUNNEL_VXLAN_GPE', 'TUNNEL_GENEVE'])
    run('tun_removed', ['rx_vxlan_port rm 4789 {n1}',
                        'port config {n1} udp_tunnel_port add geneve 6081'],
        [None, None, 'TUNNEL_GENEVE'])


# ---- tunnel checksums (Rx) ------------------------------------------------

def _l4_truth(s, raw, cls, nb):
    """'GOOD'/'BAD' of the nb-th cls layer's checksum in raw, by scapy."""
    p = s.Ether(raw)
    q = s.Ether(raw)
    del q.getlayer(cls, nb=nb).chksum
    good = s.Ether(bytes(q)).getlayer(cls, nb=nb).chksum
    return 'GOOD' if good == p.getlayer(cls, nb=nb).chksum else 'BAD'


def _tunnel_truth(s, raw):
    """What DPDK defines for a UDP-tunnelled frame (the device's tunnel
    ports 4789 and 6081 here), by scapy: (ip, l4) of the inner headers and
    (outer_ip_bad, outer_l4) of the outer ones; plain frames by
    _csum_truth with no outer verdicts."""
    from scapy.contrib.geneve import GENEVE
    p = s.Ether(raw)
    outer = p[s.IP] if isinstance(p.payload, s.IP) else p[s.IPv6]
    if not ((s.VXLAN in p and p[s.UDP].dport == 4789) or GENEVE in p):
        # A plain UDP frame to the device: the outer headers' verdicts.
        ip = 'GOOD'
        if isinstance(outer, s.IP) and s.checksum(
                bytes(outer)[:outer.ihl * 4]) != 0:
            ip = 'BAD'
        l4 = None if isinstance(outer, s.IP) and p[s.UDP].chksum == 0 \
            else _l4_truth(s, raw, s.UDP, 1)
        return ip, l4, False, 'UNKNOWN'
    inner = (p[s.VXLAN] if s.VXLAN in p else p[GENEVE]).payload
    if isinstance(inner, s.Ether):
        inner = inner.payload
    o_ip_bad = isinstance(outer, s.IP) and s.checksum(
        bytes(outer)[:outer.ihl * 4]) != 0
    if isinstance(outer, s.IP) and p[s.UDP].chksum == 0:
        o_l4 = 'UNKNOWN'                # no checksum over IPv4
    else:
        o_l4 = _l4_truth(s, raw, s.UDP, 1)
    ip = 'GOOD'                         # inner IPv6: the header is it
    if isinstance(inner, s.IP):
        ip = 'GOOD' if s.checksum(bytes(inner)[:inner.ihl * 4]) == 0 \
            else 'BAD'
    l4 = None
    for cls in (s.TCP, s.UDP, s.SCTP):
        if cls in inner:
            l4 = _l4_truth(s, raw, cls, 2 if cls is s.UDP else 1)
    return ip, l4, o_ip_bad, o_l4


def _tunnel_csum_frames(s):
    """VXLAN (4789) and GENEVE (6081) frames over IPv4 and IPv6 carrying
    IPv4/IPv6 TCP/UDP/SCTP, each checksum broken alone; VXLAN to 4790 (no
    tunnel port); scapy decides which checksum is good."""
    from scapy.contrib.geneve import GENEVE
    pay = s.Raw(bytes((i * 5) & 0xff for i in range(24)))
    out = []
    n = 0
    for o6 in (False, True):
        for tun in ('vxlan', 'geneve', 'vx4790'):
            for i6 in (False, True):
                for l4 in (s.TCP(sport=1100, dport=80),
                           s.UDP(sport=1101, dport=53),
                           s.SCTP(sport=1102, dport=9)):
                    for bad in ('', 'oip', 'oudp', 'ozero', 'iip', 'il4'):
                        if bad == 'oip' and o6 or bad == 'iip' and i6:
                            continue    # IPv6 has no header checksum
                        n += 1
                        e = s.Ether(dst=BCAST, src='02:00:00:00:%02x:%02x' %
                                    (n >> 8, n & 0xff))
                        ol3 = s.IPv6(src='fd0a::1', dst='fd0a::2') if o6 \
                            else s.IP(src='10.10.0.1', dst='10.10.0.2')
                        il3 = s.IPv6(src='fd0b::%x' % n, dst='fd0b::1') \
                            if i6 else s.IP(src='10.11.0.%d' % (n % 250 + 1),
                                            dst='10.11.1.1')
                        if tun == 'geneve':
                            hdr = s.UDP(sport=40000 + n, dport=6081) / \
                                GENEVE(vni=3, proto=0x6558)
                        else:
                            hdr = s.UDP(sport=40000 + n, dport=4789 if
                                        tun == 'vxlan' else 4790) / \
                                s.VXLAN(vni=3)
                        p = s.Ether(bytes(
                            e / ol3 / hdr /
                            s.Ether(dst='02:00:00:00:0b:01',
                                    src='02:00:00:00:0b:02') /
                            il3 / l4.copy() / pay))
                        tl = p[s.VXLAN] if s.VXLAN in p else p[GENEVE]
                        in_l3 = tl.payload.payload  # after inner Ethernet
                        inner = in_l3.payload
                        if bad == 'iip':
                            in_l3.chksum ^= 0x5a5a
                        if bad == 'il4':
                            inner.chksum ^= 0x00ff00ff if type(l4) is \
                                s.SCTP else 0x0f0f
                        if bad in ('iip', 'il4'):
                            # the outer UDP checksum stays right
                            p[s.UDP].chksum = None
                            if not o6:
                                p[s.IP].chksum = None
                            p = s.Ether(bytes(p))
                        if bad == 'oip':
                            p[s.IP].chksum ^= 0x1111
                        if bad == 'oudp':
                            p[s.UDP].chksum ^= 0x0f0f
                        if bad == 'ozero':
                            p[s.UDP].chksum = 0
                        out.append(bytes(p))
    return out


def t_tunnel_checksum_rx(ctx):
    """Rx checksums of UDP tunnels: with the checksum offloads on,
    RTE_MBUF_F_RX_IP/L4_CKSUM_* give the inner headers,
    OUTER_IP_CKSUM_BAD and OUTER_L4_CKSUM_* the outer ones; a VXLAN
    header to a port not in the table leaves a plain UDP frame."""
    s = scapy()
    frames = _tunnel_csum_frames(s)
    truth = [_tunnel_truth(s, f) for f in frames]
    topo = Topo(ctx, frames, 'tunnel_csum')
    n1 = topo.n1
    # testpmd 22.11's 'port config rx_offload' has no outer_udp_cksum: any
    # of these turns the device's check on, the outer UDP one included.
    for off in ('ipv4_cksum', 'udp_cksum', 'tcp_cksum', 'outer_ipv4_cksum'):
        out = topo.cmd('port config %d rx_offload %s on' % (n1, off))
        check(not re.search(r'error|fail|invalid|bad', out, re.I),
              '%s: %s' % (off, ' '.join(out.split())))
    topo.cmd('port config %d udp_tunnel_port add geneve 6081' % n1)
    topo.start_ports()
    topo.t.cmd('set promisc all on')
    topo.cmd('set verbose 1')
    _, ps, dump = topo.forward('io', dump_port=n1, dump_n=len(frames))
    same_frames(topo.finish(), frames, 'tunnel checksums')
    pk = parse_dump(dump, n1)
    check(len(pk) == len(frames), 'dumped %d of %d' % (len(pk), len(frames)))
    errs = []
    seen = set()
    for i, (f, (tip, tl4, tobad, tol4), d) in enumerate(zip(frames, truth,
                                                            pk)):
        fl = d['ol_flags'] or []
        sctp = s.SCTP in s.Ether(f)
        want_l4 = [tl4 or 'UNKNOWN']
        # testpmd 22.11 cannot turn on SCTP_CKSUM alone ('port config
        # rx_offload' has no sctp_cksum); the device checks all anyway.
        if sctp and tl4:
            want_l4.append('UNKNOWN')
        got = (cksum_state(fl, 'IP'), cksum_state(fl, 'L4'),
               'RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD' in fl,
               cksum_state(fl, 'OUTER_L4'))
        if got[0] != (tip or 'UNKNOWN') or got[1] not in want_l4 or \
                got[2] != tobad or got[3] != tol4:
            errs.append('frame %d (%s): IP %s L4 %s outer-IP-bad %s '
                        'outer-L4 %s, expected %s %s %s %s' % (
                            i, s.Ether(f).summary(), got[0], got[1], got[2],
                            got[3], tip or 'UNKNOWN', '|'.join(want_l4),
                            tobad, tol4))
        seen.add((tip, tl4, tobad, tol4))
    check(not errs, '%d errors: ' % len(errs) + '; '.join(errs[:4]))
    # Every verdict kind was there to be got wrong.
    for want in (('BAD', 'GOOD', False, 'GOOD'), ('GOOD', 'BAD', False,
                                                  'GOOD'),
                 ('GOOD', 'GOOD', True, 'GOOD'), ('GOOD', 'GOOD', False,
                                                  'BAD'),
                 ('GOOD', 'GOOD', False, 'UNKNOWN')):
        check(want in seen, 'no frame with verdicts %s' % (want,))


# ---- mtu -------------------------------------------------------------------

def t_mtu_frames(ctx):
    s = scapy()
    for mtu in (1500, 2400, 4800, 9000):
        frames, fits = [], []
        for l3 in (mtu - 9, mtu - 1, mtu, mtu + 1, mtu + 4, mtu + 5,
                   mtu + 8, mtu + 9):
            # A frame may be MTU + 22 bytes (14 + room for two tags),
            # tagged or not: DTS's mtu suite sends MTU + 18 untagged.
            f = bytes(s.Ether(dst=DST, src=SRC) / _udp4(s, l3 - 28))[:14 + l3]
            check(len(f) == 14 + l3, 'frame build %d' % len(f))
            frames.append(f)
            fits.append(len(f) <= mtu + 22)
            t = bytes(s.Ether(dst=DST, src=SRC) / s.Dot1Q(vlan=5) /
                      _udp4(s, l3 - 28))[:18 + l3]
            frames.append(t)
            fits.append(len(t) <= mtu + 22)
        topo = Topo(ctx, frames, 'mtu%d' % mtu, app=['--mbuf-size=10240'],
                    total_mbufs=16384)
        # The sender allows the largest MTU: what is dropped is dropped by
        # the receiver (nicpmd1), whose MTU is the one under test.
        topo.cmd('port config mtu %d 9000' % topo.n0)
        topo.cmd('port config mtu %d %d' % (topo.n1, mtu))
        topo.start_ports()
        info = tp.parse_port_info(topo.t.cmd('show port info %d' % topo.n1))
        check(info.get('MTU') == str(mtu), 'nicpmd1 MTU %r, set %d' %
              (info.get('MTU'), mtu))
        _, ps, _ = topo.forward('io')
        res = topo.finish()
        want = [f for f, ok in zip(frames, fits) if ok]
        drops = len(frames) - len(want)
        check(ps[topo.n0]['tx_packets'] == len(frames),
              'MTU %d: nicpmd0 (MTU 9000) sent %d of %d' %
              (mtu, ps[topo.n0]['tx_packets'], len(frames)))
        same_frames(res, want, 'MTU %d' % mtu)
        check(ps[topo.n1]['rx_errors'] == drops,
              'MTU %d: nicpmd1 RX-errors %d for %d oversize frames' %
              (mtu, ps[topo.n1]['rx_errors'], drops))


# ---- buffer_scatter --------------------------------------------------------

def _pcap_jumbo(topo):
    """Let the pcap ports carry the 9000-byte frames. A net_pcap that
    offers scatter (24.11 on) drops what its MTU and one mbuf cannot hold,
    as it should; 22.11's offers none and chains any frame."""
    for p in (topo.p0, topo.p1):
        if 'SCATTER' in topo.cmd('show port %d rx_offload capabilities' % p):
            topo.cmd('port config %d rx_offload scatter on' % p)
            topo.cmd('port config %d tx_offload multi_segs on' % p)
            topo.cmd('port config mtu %d 9000' % p)


def t_buffer_scatter(ctx):
    s = scapy()
    buf = 2048 - 128        # --mbuf-size=2048 less the headroom
    sizes = list(range(buf - 1, buf + 6)) + [2 * buf, 2 * buf + 1, 9000,
                                             9014, 60]
    frames = [bytes(s.Ether(dst=DST, src=SRC) / _udp4(s, n - 42))[:n]
              for n in sizes]
    frames = [f + bytes(((i * 13) & 0xff,)) * (n - len(f))
              for i, (f, n) in enumerate(zip(frames, sizes))]
    topo = Topo(ctx, frames, 'scatter', app=['--mbuf-size=2048'])
    for p in (topo.n0, topo.n1):
        topo.cmd('port config %d rx_offload scatter on' % p)
        topo.cmd('port config %d tx_offload multi_segs on' % p)
        topo.cmd('port config mtu %d 9000' % p)
    _pcap_jumbo(topo)
    topo.start_ports()
    topo.cmd('set verbose 1')
    _, ps, dump = topo.forward('io', dump_port=topo.n1,
                               dump_n=len(frames))
    res = topo.finish()
    same_frames(res, frames, 'scatter, 1920-byte buffers, MTU 9000')
    pk = parse_dump(dump, topo.n1)
    check(len(pk) == len(frames), 'nicpmd1 dumped %d of %d' %
          (len(pk), len(frames)))
    for i, (f, d) in enumerate(zip(frames, pk)):
        segs = -(-len(f) // buf)
        check(d['length'] == len(f) and d['nb_segs'] == segs,
              'frame %d (%d B): length %r nb_segs %r, expected %d segs of '
              '<= %d B' % (i, len(f), d['length'], d['nb_segs'], segs, buf))
    check(ps[topo.n1]['rx_errors'] == 0, 'RX-errors %d' %
          ps[topo.n1]['rx_errors'])

    # Without scatter the port starts only with frames that fit a buffer
    # (MTU 1898 + 22 = 1920); bigger frames are dropped and counted.
    topo = Topo(ctx, frames, 'noscatter', app=['--mbuf-size=2048'])
    # nicpmd0 only sends: it keeps scatter and MTU 9000.
    topo.cmd('port config %d rx_offload scatter on' % topo.n0)
    topo.cmd('port config %d tx_offload multi_segs on' % topo.n0)
    topo.cmd('port config mtu %d 9000' % topo.n0)
    _pcap_jumbo(topo)
    topo.cmd('port config mtu %d 1898' % topo.n1)
    topo.start_ports()
    info = tp.parse_port_info(topo.t.cmd('show port info %d' % topo.n1))
    check(info.get('MTU') == '1898', 'nicpmd1 MTU %r' % info.get('MTU'))
    _, ps, _ = topo.forward('io')
    res = topo.finish()
    want = [f for f in frames if len(f) <= 1898 + 22]
    same_frames(res, want, 'no scatter, MTU 1898')
    check(ps[topo.n1]['rx_errors'] == len(frames) - len(want),
          'no scatter: RX-errors %d for %d frames over one buffer' %
          (ps[topo.n1]['rx_errors'], len(frames) - len(want)))


# ---- unified_packet (packet types) -----------------------------------------

def _ptype_cases(s):
    """(frame, expected hw ptype names, alternatives) built by scapy.

    Expectations follow rte_mbuf_ptype.h: L3_IPV4_EXT for options,
    L3_IPV6_EXT with extension headers, L4_FRAG for any fragment,
    L4_NONFRAG for another IP protocol. The outer L4 of a tunnel may be
    reported (L4_UDP for VXLAN, L4_NONFRAG for GRE) or left out: DPDK
    drivers do both.
    """
    e = s.Ether(dst=DST, src=SRC)
    ip = s.IP(src='10.5.0.1', dst='10.5.0.2')
    ip6 = s.IPv6(src='fd05::1', dst='fd05::2')
    pay = s.Raw(b'p' * 20)
    inner = s.Ether(dst='02:00:00:00:0f:01', src='02:00:00:00:0f:02') / \
        s.IP(src='10.6.0.1', dst='10.6.0.2') / s.TCP(sport=1, dport=2) / pay
    C = []

    def add(p, names, opt=()):
        C.append((bytes(p), set(names), set(opt)))

    add(e / ip / s.UDP(sport=1, dport=53) / pay, ['L2_ETHER', 'L3_IPV4',
                                                  'L4_UDP'])
    add(e / ip / s.TCP() / pay, ['L2_ETHER', 'L3_IPV4', 'L4_TCP'])
    add(e / ip / s.SCTP() / pay, ['L2_ETHER', 'L3_IPV4', 'L4_SCTP'])
    add(e / ip / s.ICMP() / pay, ['L2_ETHER', 'L3_IPV4', 'L4_ICMP'])
    add(e / s.IP(src='10.5.0.1', dst='10.5.0.2', proto=99) / pay,
        ['L2_ETHER', 'L3_IPV4', 'L4_NONFRAG'])
    add(e / s.IP(src='10.5.0.1', dst='10.5.0.2',
                 options=[s.IPOption_RR()]) / s.UDP() / pay,
        ['L2_ETHER', 'L3_IPV4_EXT', 'L4_UDP'])
    add(e / s.IP(src='10.5.0.1', dst='10.5.0.2', flags='MF') / s.UDP() / pay,
        ['L2_ETHER', 'L3_IPV4', 'L4_FRAG'])
    add(e / s.IP(src='10.5.0.1', dst='10.5.0.2', frag=100, proto=17) / pay,
        ['L2_ETHER', 'L3_IPV4', 'L4_FRAG'])
    add(e / ip6 / s.TCP() / pay, ['L2_ETHER', 'L3_IPV6', 'L4_TCP'])
    add(e / ip6 / s.UDP() / pay, ['L2_ETHER', 'L3_IPV6', 'L4_UDP'])
    add(e / ip6 / s.ICMPv6EchoRequest() / pay, ['L2_ETHER', 'L3_IPV6',
                                                 'L4_ICMP'])
    add(e / ip6 / s.IPv6ExtHdrHopByHop() / s.UDP() / pay,
        ['L2_ETHER', 'L3_IPV6_EXT', 'L4_UDP'])
    add(e / ip6 / s.IPv6ExtHdrFragment(m=1) / s.UDP() / pay,
        ['L2_ETHER', 'L3_IPV6_EXT', 'L4_FRAG'])
    add(e / s.Dot1Q(vlan=3) / ip / s.UDP() / pay,
        ['L2_ETHER_VLAN', 'L3_IPV4', 'L4_UDP'])
    add(e / s.Dot1Q(vlan=3) / ip6 / s.TCP() / pay,
        ['L2_ETHER_VLAN', 'L3_IPV6', 'L4_TCP'])
    add(e / s.Dot1AD(vlan=3) / s.Dot1Q(vlan=4) / ip / s.TCP() / pay,
        ['L2_ETHER_QINQ', 'L3_IPV4', 'L4_TCP'])
    add(e / ip / s.UDP(sport=5000, dport=4789) / s.VXLAN(vni=42) / inner,
        ['L2_ETHER', 'L3_IPV4', 'TUNNEL_VXLAN', 'INNER_L2_ETHER',
         'INNER_L3_IPV4', 'INNER_L4_TCP'], ['L4_UDP'])
    add(e / ip / s.GRE(proto=0x6558) / inner,
        ['L2_ETHER', 'L3_IPV4', 'TUNNEL_GRE', 'INNER_L2_ETHER',
         'INNER_L3_IPV4', 'INNER_L4_TCP'], ['L4_NONFRAG'])
    add(e / ip / s.GRE(proto=0x0800) / s.IP(src='10.7.0.1', dst='10.7.0.2')
        / s.UDP() / pay,
        ['L2_ETHER', 'L3_IPV4', 'TUNNEL_GRE', 'INNER_L3_IPV4',
         'INNER_L4_UDP'], ['L4_NONFRAG'])
    add(e / ip6 / s.UDP(sport=5000, dport=4789) / s.VXLAN(vni=43) / inner,
        ['L2_ETHER', 'L3_IPV6', 'TUNNEL_VXLAN', 'INNER_L2_ETHER',
         'INNER_L3_IPV4', 'INNER_L4_TCP'], ['L4_UDP'])
    add(e / s.ARP(), ['L2_ETHER'], ['L2_ETHER_ARP'])
    add(s.Ether(dst=DST, src=SRC, type=0x88b5) / pay, ['L2_ETHER'])
    return [(f + bytes(max(0, 60 - len(f))), n, o) for f, n, o in C]


def t_unified_packet(ctx):
    s = scapy()
    cases = _ptype_cases(s)
    frames = [c[0] for c in cases]
    topo = Topo(ctx, frames, 'ptype')
    # testpmd's start calls rte_eth_dev_set_ptypes(RTE_PTYPE_UNKNOWN), a
    # hint the device does not need: the types are reported anyway, as
    # DTS's unified_packet and checksum_offload expect.
    topo.start_ports()
    topo.t.cmd('set promisc all on')
    topo.cmd('set verbose 1')
    _, ps, dump = topo.forward('io', dump_port=topo.n1,
                               dump_n=len(frames))
    same_frames(topo.finish(), frames, 'ptype parsing')
    pk = parse_dump(dump, topo.n1)
    check(len(pk) == len(frames), 'nicpmd1 dumped %d of %d' %
          (len(pk), len(frames)))
    errs = []
    for (f, names, opt), d in zip(cases, pk):
        got = set(d['hw_ptype'])
        if not names <= got <= names | opt:
            errs.append('%s: hw ptype %s, expected %s%s' % (
                s.Ether(f).summary(), ' '.join(d['hw_ptype']) or '-',
                ' '.join(sorted(names)),
                ' [+ %s]' % ' '.join(sorted(opt)) if opt else ''))
    check(not errs, '; '.join(errs))


# ---- rx_tx_offload ---------------------------------------------------------

def _tx_conf(topo, p):
    out = topo.t.cmd('show port %d tx_offload configuration' % p)
    port = re.search(r'Port :(.*)', out)
    q0 = re.search(r'Queue\[ *0\] :(.*)', out)
    return (port.group(1).split() if port else [],
            q0.group(1).split() if q0 else [])


def t_rx_tx_offload(ctx):
    s = scapy()
    frames = [_untagged(s, 40 + 9 * i) for i in range(20)] + \
        [_tagged(s, 33, n=70)]
    topo = Topo(ctx, frames, 'fastfree', total_mbufs=8192)
    n0, n1 = topo.n0, topo.n1
    topo.start_ports()
    port, q0 = _tx_conf(topo, n0)
    check('MBUF_FAST_FREE' in port, 'testpmd default: MBUF_FAST_FREE not '
          'in port config %r' % port)
    topo.cmd('port stop %d' % n0)
    topo.cmd('port config %d tx_offload mbuf_fast_free off' % n0)
    topo.cmd('port start %d' % n0)
    port, q0 = _tx_conf(topo, n0)
    check('MBUF_FAST_FREE' not in port + q0, 'fast free off: %r %r' %
          (port, q0))
    topo.cmd('port stop %d' % n0)
    topo.cmd('port config %d tx_offload mbuf_fast_free on' % n0)
    # A per-queue offload: VLAN insertion allowed on txq 0, but no mbuf
    # asks for it (io fwd), so no frame may get a tag.
    topo.cmd('port %d txq 0 tx_offload vlan_insert on' % n0)
    topo.cmd('port start %d' % n0)
    port, q0 = _tx_conf(topo, n0)
    check('MBUF_FAST_FREE' in port and 'VLAN_INSERT' in q0 and
          'VLAN_INSERT' not in port, 'port %r queue 0 %r' % (port, q0))
    topo.t.cmd('set promisc all on')
    stop, ps, _ = topo.forward('io')
    fs = tp.parse_fwd_stats(stop)
    for a, b in ((topo.p0, n0), (n1, topo.p1)):
        check(fs[a]['rx'] == len(frames) and fs[b]['tx'] == len(frames),
              'port %d RX %d -> port %d TX %d, expected %d' %
              (a, fs[a]['rx'], b, fs[b]['tx'], len(frames)))
    # Mbuf accounting with fast free: the cable loop runs until far more
    # packets went round than the pool (8192) holds; a leak starves Rx.
    topo.t.cmd('clear port stats all')
    topo.t.cmd('set portlist %d,%d' % (n0, n1))
    topo.t.cmd('start tx_first')
    end = time.time() + 30
    while time.time() < end:
        time.sleep(0.5)
        ps = tp.parse_port_stats(topo.t.cmd('show port stats all'))
        if min(ps[n0]['rx_packets'], ps[n1]['rx_packets']) > 4 * 8192:
            break
    stop = topo.t.cmd('stop')
    tp.settle()
    ps = tp.parse_port_stats(topo.t.cmd('show port stats all'))
    res = topo.finish()
    same_frames(res, frames, 'fast free + txq vlan_insert, io fwd')
    for p in (n0, n1):
        check(ps[p]['rx_packets'] > 4 * 8192,
              'port %d received only %d in the loop (mbuf leak?)' %
              (p, ps[p]['rx_packets']))
        check(ps[p]['rx_nombuf'] == 0 and ps[p]['rx_missed'] == 0,
              'port %d RX-nombuf %d RX-missed %d' %
              (p, ps[p]['rx_nombuf'], ps[p]['rx_missed']))
    for a, b in ((n0, n1), (n1, n0)):
        check(ps[a]['tx_packets'] == ps[b]['rx_packets'],
              'port %d TX %d != port %d RX %d' % (a, ps[a]['tx_packets'], b,
                                                  ps[b]['rx_packets']))


# ---- tso -------------------------------------------------------------------

def _tcp_frames(s):
    def pay(n, k):
        return bytes((i * k + 3) & 0xff for i in range(n))
    e = s.Ether(dst=DST, src=SRC)
    F = []
    for n, k in ((4000, 5), (8946, 7), (1600, 3), (1601, 11), (500, 13)):
        F.append(bytes(e / s.IP(src='10.8.0.1', dst='10.8.0.2', id=1000 + n)
                       / s.TCP(sport=4000, dport=80, seq=100000 + n,
                               flags='PA') / s.Raw(pay(n, k))))
    F.append(bytes(e / s.IP(src='10.8.0.1', dst='10.8.0.2', id=7)
                   / s.TCP(sport=4001, dport=80, seq=5, flags='FPA')
                   / s.Raw(pay(2000, 17))))
    F.append(bytes(e / s.IPv6(src='fd08::1', dst='fd08::2')
                   / s.TCP(sport=4002, dport=80, seq=77, flags='PA')
                   / s.Raw(pay(2500, 19))))
    F.append(bytes(e / s.IP(src='10.8.0.1', dst='10.8.0.2')
                   / s.UDP(sport=1, dport=2) / s.Raw(pay(1000, 23))))
    return F


def t_tso(ctx):
    s = scapy()
    mss = 800
    frames = _tcp_frames(s)
    topo = Topo(ctx, frames, 'tso')
    n0 = topo.n0
    topo.cmd('port config %d tx_offload multi_segs on' % n0)
    topo.cmd('csum set ip hw %d' % n0)
    topo.cmd('csum set tcp hw %d' % n0)
    topo.cmd('csum set udp hw %d' % n0)
    out = topo.cmd('tso set %d %d' % (mss, n0))
    # 22.11 says "TSO segment size ...", newer testpmds may say "UFO"
    # (with a warning that the port has no UDP segmentation): the size set
    # is what counts.
    check('segment size for non-tunneled packets is %d' % mss in out,
          'tso set: %s' % ' '.join(out.split()))
    _pcap_jumbo(topo)       # the unsegmented input reaches nicpmd0
    topo.start_ports()
    port, _ = _tx_conf(topo, n0)
    check('TCP_TSO' in port and 'TCP_CKSUM' in port and
          'IPV4_CKSUM' in port, 'csum/tso set: port Tx offloads %r' % port)
    _, ps, _ = topo.forward('csum')
    res = topo.finish()
    # The csum engine also forwards nicpmd1 -> pcap1 and recomputes the
    # IPv4/TCP/UDP checksums in software there: checksum correctness of the
    # Tx offloads is not visible in out.pcap and is not checked here (see
    # checksum_offload_rx for the device's checksum logic). Checked: the
    # segmentation (count, sizes, sequence numbers, lengths, IP IDs, flags,
    # payload bytes).
    want_n = 0
    errs = []
    i = 0
    for f in frames:
        e = s.Ether(f)
        if s.TCP not in e:
            want_n += 1
            if i < len(res):
                r = s.Ether(res[i])
                if s.UDP not in r or bytes(r[s.UDP].payload) != \
                        bytes(e[s.UDP].payload):
                    errs.append('UDP frame changed')
            i += 1
            continue
        data = bytes(e[s.TCP].payload)
        nseg = max(1, -(-len(data) // mss))
        want_n += nseg
        got = [s.Ether(x) for x in res[i:i + nseg]]
        i += nseg
        if len(got) != nseg:
            errs.append('%d B payload: %d segments, expected %d' %
                        (len(data), len(got), nseg))
            break
        for k, g in enumerate(got):
            chunk = data[k * mss:(k + 1) * mss]
            tag = '%d B payload seg %d' % (len(data), k)
            if s.TCP not in g:
                errs.append('%s: no TCP' % tag)
                continue
            if bytes(g[s.TCP].payload) != chunk:
                errs.append('%s: payload %d B differs from bytes %d..%d' %
                            (tag, len(bytes(g[s.TCP].payload)), k * mss,
                             k * mss + len(chunk)))
            if g[s.TCP].seq != (e[s.TCP].seq + k * mss) & 0xffffffff:
                errs.append('%s: seq %d, expected %d' % (
                    tag, g[s.TCP].seq, e[s.TCP].seq + k * mss))
            last = k == nseg - 1
            fl = int(g[s.TCP].flags)
            want_fl = int(e[s.TCP].flags) if last else \
                int(e[s.TCP].flags) & ~0x09        # FIN, PSH: last only
            if fl != want_fl:
                errs.append('%s: TCP flags 0x%x, expected 0x%x' %
                            (tag, fl, want_fl))
            if s.IP in g:
                if g[s.IP].len != 40 + len(chunk):
                    errs.append('%s: IP total length %d, expected %d' %
                                (tag, g[s.IP].len, 40 + len(chunk)))
                if g[s.IP].id != (e[s.IP].id + k) & 0xffff:
                    errs.append('%s: IP id %d, expected %d' %
                                (tag, g[s.IP].id, e[s.IP].id + k))
            elif s.IPv6 in g:
                if g[s.IPv6].plen != 20 + len(chunk):
                    errs.append('%s: IPv6 payload length %d, expected %d' %
                                (tag, g[s.IPv6].plen, 20 + len(chunk)))
                h0, h1 = bytes(e[s.IPv6])[:40], bytes(g[s.IPv6])[:40]
                diff = [j for j in range(40) if h0[j] != h1[j] and
                        j not in (4, 5)]
                if diff:
                    errs.append('%s: IPv6 header bytes %s changed (%s -> '
                                '%s)' % (tag, diff, h0.hex(), h1.hex()))
            if len(res[i - nseg + k]) != 14 + (40 if s.IP in g else 60) + \
                    len(chunk) and len(chunk) + 54 >= 60:
                errs.append('%s: frame %d B' % (tag, len(res[i - nseg + k])))
    check(len(res) == want_n, 'out.pcap has %d frames, expected %d '
          '(segments of %d B)' % (len(res), want_n, mss))
    check(not errs, '; '.join(errs[:8]))
    check(ps[topo.n1]['rx_packets'] == want_n,
          'nicpmd1 received %d, expected %d' % (ps[topo.n1]['rx_packets'],
                                                want_n))


TESTS = [
    ('checksum_offload_rx', t_checksum_offload_rx),
    ('vlan_filter', t_vlan_filter),
    ('vlan_strip', t_vlan_strip),
    ('vlan_insert', t_vlan_insert),
    ('dual_vlan', t_dual_vlan),
    ('mtu_frames', t_mtu_frames),
    ('buffer_scatter', t_buffer_scatter),
    ('unified_packet', t_unified_packet),
    ('udp_tunnel_ports', t_udp_tunnel_ports),
    ('tunnel_checksum_rx', t_tunnel_checksum_rx),
    ('rx_tx_offload', t_rx_tx_offload),
    ('tso', t_tso),
]

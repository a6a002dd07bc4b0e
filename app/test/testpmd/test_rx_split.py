# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Buffer split through dpdk-testpmd's --rxpkts, --rxhdrs, --mbuf-size
and --multi-rx-mempool, mirroring DTS's rx_split suite.

Run by run_testpmd_tests.py as rx_split/<name>. One nicpmd port on a
capture-file wire, io-forwarding to itself:

  scapy -> in.pcap -> net_nicpmd0 (split Rx) -> io fwd -> out.pcap

testpmd applies --rxpkts to every port (26.07 even to ports without the
offload), so no net_pcap port is in the topology: nicpmd's own pcap wire
reads and writes the files. The forwarded frame is the received chain's
bytes in order, so out.pcap shows what the split kept; 'set verbose 1'
shows each chain's length and segment count. scapy is the oracle: it
builds the frames, and where each split point lies comes from the header
lengths scapy gives the frames it built, never from nicpmd.

Selective Rx (a segment of mbuf size 0 is discarded) needs testpmd 26.07:
those tests skip unless 'show port info' says "Selective Rx: supported",
as DTS decides.
"""

import os
import re
import shutil
import tempfile
import time

import tp
from tp import settle
from test_offloads import parse_dump


def check(cond, msg):
    tp.check(cond, msg)


def scapy():
    try:
        import scapy.all as s
    except ImportError:
        raise tp.Skip('scapy not importable')
    return s


# Broadcast: the threaded engine takes the capture in as soon as the link
# is up, before testpmd turns promiscuous mode on.
DST = 'ff:ff:ff:ff:ff:ff'
SRC = '02:00:00:00:5b:01'
PAYLOAD = bytes(range(256))
ETH_IP = 34               # len(Ether() / IP()), DTS's ETHER_IP_HDR_LEN
RX_OFFLOAD_BUFFER_SPLIT = 0x100000
TX_OFFLOAD_MULTI_SEGS = 0x8000


def _frames(s):
    """Varied frames; the DTS one (Ether/IP/256-byte payload) first."""
    e = s.Ether(dst=DST, src=SRC)
    fr = [e / s.IP() / s.Raw(PAYLOAD),
          e / s.IP(src='10.0.0.1', dst='10.0.0.2') / s.UDP(sport=7,
                                                          dport=9) /
          s.Raw(bytes(range(100))),
          e / s.IP(options=[s.IPOption_NOP()] * 8) / s.UDP() /
          s.Raw(b'u' * 500),
          e / s.IP() / s.TCP(options=[('NOP', None)] * 8) / s.Raw(b't' * 60),
          e / s.Dot1Q(vlan=5) / s.IP() / s.UDP() / s.Raw(b'v' * 80),
          e / s.IPv6() / s.UDP() / s.Raw(b'6' * 200),
          e / s.IP(flags='MF') / s.UDP() / s.Raw(b'f' * 40),
          e / s.ARP(),
          e / s.IP() / s.UDP() / s.Raw(bytes(i & 0xff for i in range(1472))),
          e / s.IP() / s.UDP()]
    return [bytes(f) for f in fr]


class Port:
    """testpmd with one nicpmd port on in.pcap/out.pcap, io forwarding."""

    def __init__(self, ctx, tag, frames, app, start=True):
        s = scapy()
        d = os.path.join(ctx.dir, tag)
        os.makedirs(d, exist_ok=True)
        self.inp = os.path.join(d, 'in.pcap')
        self.out = os.path.join(d, 'out.pcap')
        if os.path.exists(self.out):
            os.unlink(self.out)
        self.frames = frames
        s.wrpcap(self.inp, [s.Ether(f) for f in frames])
        ctx.log.write('\n==== phase %s: %d frames\n' % (tag, len(frames)))
        wire = 'pcap:rx:%s:tx:%s' % (self.inp, self.out)
        args = ['--no-flush-rx', '--forward-mode=io'] + list(app)
        if not start:
            args.append('--disable-device-start')
        self.t = ctx.testpmd([ctx.nic(0, wire)], app=args)

    def info(self):
        return self.t.cmd('show port info 0')

    def forward(self, n=None, dump=True):
        """Forward until port 0 received n frames; (dumps, port stats).
        Without dump, no 'set verbose': testpmd's dump reads an Ethernet
        header from every packet and crashes on one of fewer bytes."""
        t = self.t
        n = len(self.frames) if n is None else n
        if dump:
            t.cmd('set verbose 1')
            text = t.send_drain('start',
                                lambda x: len(parse_dump(x, 0)) >= n)
        else:
            text = t.cmd('start')
            deadline = time.time() + 15
            while time.time() < deadline:
                ps = tp.parse_port_stats(t.cmd('show port stats 0'))[0]
                if ps['rx_packets'] >= n:
                    break
                time.sleep(0.2)
            settle()
        t.cmd('stop')
        t.cmd('set verbose 0')
        ps = tp.parse_port_stats(t.cmd('show port stats 0'))[0]
        return parse_dump(text, 0), ps

    def finish(self):
        self.t.close()
        return tp.read_pcap(self.out)


def _has_selective(ctx):
    """Does testpmd show selective Rx? DTS decides so (older testpmds
    refuse an mbuf size of 0 before any port is up)."""
    with ctx.testpmd([ctx.nic(0)], app=['--mbuf-size=2048']) as t:
        info = t.cmd('show port info 0')
    return re.search(r'Selective Rx: supported', info) is not None


def _require_selective(ctx):
    if not _has_selective(ctx):
        raise tp.Skip('this testpmd shows no "Selective Rx: supported" '
                      '(DPDK 26.07 adds selective Rx)')


def _same(got, want, what):
    check(len(got) == len(want), '%s: out.pcap has %d frames, expected %d'
          % (what, len(got), len(want)))
    for i, (a, b) in enumerate(zip(got, want)):
        check(a == b, '%s: frame %d: %d bytes, expected %d%s' % (
            what, i, len(a), len(b),
            '' if len(a) != len(b) else ' (bytes differ)'))


def _segs(dumps, want, what):
    check(len(dumps) == len(want), '%s: %d Rx dumps for %d frames' %
          (what, len(dumps), len(want)))
    for i, (d, (length, nseg)) in enumerate(zip(dumps, want)):
        check(d['length'] == length and d['nb_segs'] == nseg,
              '%s: frame %d: length %r nb_segs %r, expected %d in %d '
              'segments' % (what, i, d['length'], d['nb_segs'], length,
                            nseg))


def _stats(ps, packets, nbytes, what):
    check(ps['rx_packets'] == packets and ps['rx_bytes'] == nbytes and
          ps['rx_errors'] == 0,
          '%s: RX-packets %d RX-bytes %d RX-errors %d, expected %d and %d' %
          (what, ps['rx_packets'], ps['rx_bytes'], ps['rx_errors'],
           packets, nbytes))


def _pieces(length, cuts):
    """Non-empty pieces of a frame cut at the given offsets."""
    edges = [0] + [min(c, length) for c in cuts] + [length]
    return sum(1 for a, b in zip(edges, edges[1:]) if b > a)


def t_rxpkts(ctx):
    """Length split over two pools: 14 + 20 bytes, the rest."""
    s = scapy()
    frames = _frames(s)
    p = Port(ctx, 'rxpkts', frames,
             ['--mbuf-size=256,2048', '--rxpkts=14,20,0',
              '--rx-offloads=0x%x' % RX_OFFLOAD_BUFFER_SPLIT,
              '--tx-offloads=0x%x' % TX_OFFLOAD_MULTI_SEGS])
    caps = p.t.cmd('show port 0 rx_offload capabilities')
    check('BUFFER_SPLIT' in caps, 'no BUFFER_SPLIT capability: %s' %
          ' '.join(caps.split()))
    mode = p.t.cmd('show rxq info 0 0')
    check('buffer split' in mode, 'burst mode: %s' % ' '.join(mode.split()))
    dumps, ps = p.forward()
    out = p.finish()
    _same(out, frames, 'rxpkts 14,20,0')
    _segs(dumps, [(len(f), _pieces(len(f), [14, 34])) for f in frames],
          'rxpkts 14,20,0')
    _stats(ps, len(frames), sum(map(len, frames)), 'rxpkts 14,20,0')


def _hdr_cuts(s, raw):
    """Where eth, ipv4 and ipv4-udp end in a frame scapy parses; the
    split point of a sequence the frame is not is where the previous one
    ended (longest match)."""
    f = s.Ether(raw)
    l2 = 14 + 4 * len([x for x in f.layers() if x is s.Dot1Q])
    cuts = [l2, l2, l2]
    if s.IP in f:
        ip = f[s.IP]
        cuts[1] = cuts[2] = l2 + ip.ihl * 4
        if s.UDP in f and not (ip.flags.MF or ip.frag):
            cuts[2] = cuts[1] + 8
    return cuts


def t_rxhdrs(ctx):
    """Protocol header split: eth, ipv4, ipv4-udp, then the payload."""
    s = scapy()
    frames = _frames(s)
    p = Port(ctx, 'rxhdrs', frames,
             ['--mbuf-size=256,256,256,2048', '--rxhdrs=eth,ipv4,ipv4-udp',
              '--rx-offloads=0x%x' % RX_OFFLOAD_BUFFER_SPLIT,
              '--tx-offloads=0x%x' % TX_OFFLOAD_MULTI_SEGS])
    dumps, ps = p.forward()
    xs = p.t.cmd('show port xstats 0')
    out = p.finish()
    _same(out, frames, 'rxhdrs')
    cuts = [_hdr_cuts(s, f) for f in frames]
    _segs(dumps, [(len(f), _pieces(len(f), c))
                  for f, c in zip(frames, cuts)], 'rxhdrs')
    misses = sum(1 for f, c in zip(frames, cuts)
                 if c[0] == c[1] or c[1] == c[2])
    m = re.search(r'rx_split_header_misses:\s+(\d+)', xs)
    check(m and int(m.group(1)) == misses,
          'rx_split_header_misses %s, expected %d' %
          (m.group(1) if m else None, misses))
    _stats(ps, len(frames), sum(map(len, frames)), 'rxhdrs')


def t_multi_rx_mempool(ctx):
    """Several pools: every frame whole in one mbuf of the pool it fits."""
    s = scapy()
    frames = _frames(s)
    p = Port(ctx, 'multi', frames,
             ['--mbuf-size=512,1024,2048', '--multi-rx-mempool'])
    dumps, ps = p.forward()
    out = p.finish()
    _same(out, frames, 'multi-rx-mempool')
    _segs(dumps, [(len(f), 1) for f in frames], 'multi-rx-mempool')
    _stats(ps, len(frames), sum(map(len, frames)), 'multi-rx-mempool')


# DTS's selective Rx cases: (tag, --rxpkts, --mbuf-size, kept slices).
SELECTIVE = [
    ('headers', '34,0', '256,0', lambda f: f[:ETH_IP]),
    ('headers_discard_length', '34,256', '256,0', lambda f: f[:ETH_IP]),
    # Bytes past the last kept segment go on into mbufs of its pool.
    ('payload_only', '34,256', '0,512', lambda f: f[ETH_IP:]),
    ('two_segments', '14,20,100,100,0', '0,256,0,256,0',
     lambda f: f[14:34] + f[134:234]),
]


def t_selective(ctx):
    """Segments of mbuf size 0 are discarded; stats count kept bytes."""
    s = scapy()
    frames = _frames(s)
    _require_selective(ctx)
    for tag, rxpkts, sizes, keep in SELECTIVE:
        p = Port(ctx, tag, frames,
                 ['--mbuf-size=' + sizes, '--rxpkts=' + rxpkts,
                  '--rx-offloads=0x%x' % RX_OFFLOAD_BUFFER_SPLIT,
                  '--tx-offloads=0x%x' % TX_OFFLOAD_MULTI_SEGS])
        want = [keep(f) for f in frames]
        # Nothing kept: dropped by the device, counted.
        kept = [w for w in want if w]
        _, ps = p.forward(len(kept), dump=False)
        xs = p.t.cmd('show port xstats 0')
        out = p.finish()
        # Forwarded pieces under an Ethernet header are malformed for Tx.
        _same(out, [w for w in kept if len(w) >= 14], tag)
        check(ps['tx_errors'] == sum(1 for w in kept if len(w) < 14),
              '%s: TX-errors %d for %d runts' % (
                  tag, ps['tx_errors'], sum(1 for w in kept if len(w) < 14)))
        _stats(ps, len(kept), sum(map(len, kept)), tag)
        m = re.search(r'rx_split_discarded_bytes:\s+(\d+)', xs)
        disc = sum(len(f) - len(w) for f, w in zip(frames, want) if w)
        check(m and int(m.group(1)) == disc,
              '%s: rx_split_discarded_bytes %s, expected %d' %
              (tag, m.group(1) if m else None, disc))
        m = re.search(r'rx_split_empty_drops:\s+(\d+)', xs)
        check(m and int(m.group(1)) == len(frames) - len(kept),
              '%s: rx_split_empty_drops %s, expected %d' %
              (tag, m.group(1) if m else None, len(frames) - len(kept)))


def t_selective_runtime(ctx):
    """DTS selective_rx_runtime_config: whole frames, then the runtime
    commands (buffer_split on, set rxpkts), then split frames. A capture
    wire plays its frames once: the second phase's come on a port
    attached then, set up with the runtime settings; the first port's
    restart with them must succeed too."""
    s = scapy()
    frames = _frames(s)
    _require_selective(ctx)
    p = Port(ctx, 'runtime', frames, ['--mbuf-size=512,0'])
    dumps, ps = p.forward()
    # 384 bytes of room: longer frames scatter (the MTU asks for it).
    _segs(dumps, [(len(f), -(-len(f) // 384)) for f in frames], 'before')
    _stats(ps, len(frames), sum(map(len, frames)), 'before')
    t = p.t
    t.cmd('port stop all')
    t.cmd('port config 0 rx_offload buffer_split on')
    t.cmd('port config 0 tx_offload multi_segs on')
    t.cmd('set rxpkts %d,0' % ETH_IP)
    out = t.cmd('port start all')
    check(not re.search(r'fail|error', out, re.I),
          'port 0 restart with split: %s' % ' '.join(out.split())[:300])
    # EAL keeps 128 bytes of a hot-plugged port's devargs: short paths.
    d = tempfile.mkdtemp(prefix='nps')
    try:
        inp, res = os.path.join(d, 'i.pcap'), os.path.join(d, 'o.pcap')
        s.wrpcap(inp, [s.Ether(f) for f in frames])
        t.cmd('port attach ' + ctx.nic(1, 'pcap:rx:%s:tx:%s' % (inp, res)),
              timeout=30)
        t.cmd('port stop 1')
        t.cmd('port config 1 rx_offload buffer_split on')
        t.cmd('port config 1 tx_offload multi_segs on')
        out = t.cmd('port start 1')
        check(not re.search(r'fail|error', out, re.I),
              'attached port start: %s' % ' '.join(out.split())[:300])
        t.cmd('set portlist 1')
        t.cmd('set verbose 1')
        text = t.send_drain('start', lambda x: len(parse_dump(x, 1)) >=
                            len(frames))
        t.cmd('stop')
        ps = tp.parse_port_stats(t.cmd('show port stats 1'))[1]
        t.close()
        _segs(parse_dump(text, 1), [(ETH_IP, 1) for f in frames], 'after')
        _stats(ps, len(frames), ETH_IP * len(frames), 'after')
        after = tp.read_pcap(res)
        _same(tp.read_pcap(p.out), frames, 'before')
    finally:
        shutil.rmtree(d, ignore_errors=True)
    _same(after, [f[:ETH_IP] for f in frames], 'after set rxpkts')


# (tag, options): what DTS's negative cases ask; port start must fail.
REFUSED = [
    ('no_offload', ['--rxpkts=34,0', '--mbuf-size=256,0']),
    ('segment_exceeds_mbuf', ['--rxpkts=4096,0', '--mbuf-size=128,0',
                              '--rx-offloads=0x%x' %
                              RX_OFFLOAD_BUFFER_SPLIT]),
    ('all_discard', ['--rxpkts=0', '--mbuf-size=0',
                     '--rx-offloads=0x%x' % RX_OFFLOAD_BUFFER_SPLIT]),
]


def t_selective_refused(ctx):
    """Configurations DTS expects to fail do fail, at port start."""
    s = scapy()
    frames = _frames(s)[:1]
    _require_selective(ctx)
    for tag, app in REFUSED:
        p = Port(ctx, tag, frames, app, start=False)
        out = p.t.cmd('port start all', timeout=30)
        check(re.search(r'Fail|error|Invalid', out),
              '%s: port start did not fail: %s' %
              (tag, ' '.join(out.split())[:300]))
        info = tp.parse_port_info(p.t.cmd('show port info 0'))
        check(info.get('Link status') != 'up',
              '%s: the port started (link %r)' %
              (tag, info.get('Link status')))
        p.finish()


# In the namespace: send the frames on the interface, print (hex) the
# frames that come back, the kernel's own outgoing ones left out.
_KERNEL_SIDE = r"""
import socket, sys, time
iface, want = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((iface, 0))
s.settimeout(0.2)
for f in sys.argv[3:]:
    s.send(bytes.fromhex(f))
got, end = [], time.time() + 8
while time.time() < end and len(got) < want + 8:
    try:
        d, a = s.recvfrom(65535)
    except socket.timeout:
        if len(got) >= want:
            break
        continue
    if a[2] != socket.PACKET_OUTGOING:
        got.append(d.hex())
print(' '.join(got))
"""


def t_iface_dts(ctx):
    """DTS's rx_split on a kernel link: scapy's frames from a namespace
    over a veth into the port, split, io-forwarded back; what comes back
    is the kept bytes, padded to Ethernet's 60 bytes as a NIC's MAC pads
    them (DTS expects max(kept, 60) bytes, the kept ones first). The
    selective cases need testpmd 26.07; the length split runs anywhere."""
    import test_wires
    test_wires._need_root_net()
    s = scapy()
    e = s.Ether(dst='ff:ff:ff:ff:ff:ff', src='02:00:00:00:5b:07')
    frames = [bytes(e / s.IP() / s.Raw(PAYLOAD)),
              bytes(e / s.IP(src='10.9.0.1', dst='10.9.0.2') /
                    s.UDP(sport=5, dport=6))]
    common = ['--rx-offloads=0x%x' % (RX_OFFLOAD_BUFFER_SPLIT | 0x2000),
              '--tx-offloads=0x%x' % TX_OFFLOAD_MULTI_SEGS]
    cases = [('rxpkts_14_20_0', ['--mbuf-size=256,2048',
                                 '--rxpkts=14,20,0'], lambda f: f)]
    if _has_selective(ctx):
        cases += [(tag, ['--mbuf-size=' + sz, '--rxpkts=' + rx], keep)
                  for tag, rx, sz, keep in SELECTIVE]
    for n, (tag, app, keep) in enumerate(cases):
        with test_wires.KernelPeer('s%d' % n, '10.84.%d.1' %
                                   (os.getpid() % 200)) as k:
            k.sh('ip', 'link', 'set', k.theirs, 'promisc', 'on', ns=True)
            t = ctx.testpmd([ctx.nic(0, 'iface:' + k.ours)],
                            app=['--forward-mode=io'] + app + common)
            t.cmd('set promisc all on')
            t.cmd('start')
            r = k.sh('/usr/bin/python3', '-c', _KERNEL_SIDE, k.theirs,
                     str(len(frames)), *[f.hex() for f in frames], ns=True)
            t.cmd('stop')
            t.close()
        got = [bytes.fromhex(x) for x in r.stdout.split()]
        for f in frames:
            kept = keep(f)
            if len(kept) < 14:
                continue        # refused by Tx as a runt
            want = kept + bytes(max(0, 60 - len(kept)))
            check(want in got, '%s: %d-byte frame: no %d-byte frame of its '
                  'kept bytes (+ padding) came back; got lengths %s' %
                  (tag, len(f), len(want), [len(g) for g in got]))


TESTS = [
    ('rxpkts', t_rxpkts),
    ('rxhdrs', t_rxhdrs),
    ('multi_rx_mempool', t_multi_rx_mempool),
    ('selective', t_selective),
    ('selective_runtime', t_selective_runtime),
    ('selective_refused', t_selective_refused),
    ('iface_dts', t_iface_dts),
]

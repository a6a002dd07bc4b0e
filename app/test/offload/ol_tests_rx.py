# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Rx offload tests: checksum flags, VLAN strip/filter, ptype, scatter."""

import math

from ol_oracle import (Ether, IP, IPv6, TCP, UDP, ICMP, SCTP, SCTPChunkData,
                       Dot1Q, Dot1AD, GRE, VXLAN, Raw, Padding,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrFragment, check,
                       same_frame, without_tags, csum_verdicts, ptype_names)

DST, SRC = '02:00:00:00:00:02', '02:00:00:00:00:01'
V4 = dict(src='192.0.2.1', dst='198.51.100.7')
V6 = dict(src='2001:db8::1', dst='2001:db8:ffff::2')
BAD = 0x1234


def data(n, salt=0):
    return Raw(bytes((i * 5 + salt * 11 + 0x33) & 0xff for i in range(n)))


def eth():
    return Ether(dst=DST, src=SRC)


def names_of(m, key):
    return set(m[key].split())


def rx_flag(m, name):
    return ('RTE_MBUF_F_RX_' + name) in names_of(m, 'ol_flag_names')


def expect_all(got, meta, frames, what):
    check(len(got) == len(frames) and len(meta) == len(frames),
          '%s: %d frames received of %d' % (what, len(got), len(frames)))
    for i, m in enumerate(meta):
        check(m['len'] == len(got[i]) == m['seg_bytes'],
              '%s frame %d: pkt_len %d, segments hold %d' %
              (what, i, m['len'], m['seg_bytes']))


def csum_frames():
    v4, v6 = IP(**V4), IPv6(**V6)
    f = []
    for l4 in (TCP(sport=1, dport=2), UDP(sport=3, dport=4),
               SCTP(sport=5, dport=6) / SCTPChunkData(data=b'abcde')):
        for bad_l3 in (False, True):
            for bad_l4 in (False, True):
                ip = v4.copy()
                if bad_l3:
                    ip.chksum = BAD
                p = l4.copy()
                if bad_l4:
                    p.chksum = BAD
                f.append(eth() / ip / p / data(41))
        for bad_l4 in (False, True):
            p = l4.copy()
            if bad_l4:
                p.chksum = BAD
            f.append(eth() / v6.copy() / p / data(40))
    f += [eth() / IP(**V4) / UDP(chksum=0) / data(20),
          eth() / IPv6(**V6) / UDP(chksum=0) / data(20),
          eth() / IP(options=b'\x94\x04\x00\x00', **V4) / TCP() / data(9),
          eth() / IP(options=b'\x94\x04\x00\x00', chksum=BAD, **V4) /
          TCP(chksum=BAD) / data(9),
          eth() / IP(**V4) / ICMP() / data(8),
          eth() / Dot1Q(vlan=7) / IP(**V4) / TCP(chksum=BAD) / data(10),
          eth() / Dot1Q(vlan=7) / IP(chksum=BAD, **V4) / UDP() / data(10),
          eth() / IP(**V4) / UDP(sport=7, dport=9) / Raw(b'ab') /
          Padding(b'\x55' * 16),
          eth() / IP(id=9, flags='MF', **V4) / UDP() / data(40),
          eth() / IP(id=9, frag=6, chksum=BAD, **V4) / data(40),
          eth() / IPv6(**V6) / IPv6ExtHdrFragment(m=1, id=3) / UDP() /
          data(40),
          eth() / IPv6(**V6) / IPv6ExtHdrHopByHop() / TCP(chksum=BAD) /
          data(12),
          Ether(dst=DST, src=SRC, type=0x88b5) / data(50)]
    return [bytes(x) for x in f]


def rx_csum_flags(tool):
    frames = csum_frames()
    got, meta, st = tool.run('rx', frames, '--rx-csum')
    expect_all(got, meta, frames, 'rx csum')
    for i, f in enumerate(frames):
        same_frame(got[i], f, 'frame %d bytes' % i)
        ip, l4 = csum_verdicts(f)
        want = {'RTE_MBUF_F_RX_IP_CKSUM_' + ip,
                'RTE_MBUF_F_RX_L4_CKSUM_' + l4}
        have = {n for n in names_of(meta[i], 'ol_flag_names')
                if '_RX_IP_CKSUM_' in n or '_RX_L4_CKSUM_' in n}
        check(have == want, 'frame %d (%s): flags %s, scapy says %s' %
              (i, Ether(f).summary(), sorted(have), sorted(want)))


def tag_frames():
    return [bytes(x) for x in (
        eth() / Dot1Q(vlan=10, prio=3) / IP(**V4) / UDP() / data(30),
        eth() / Dot1Q(vlan=0, prio=5) / IP(**V4) / TCP() / data(31),
        eth() / Dot1Q(vlan=4094, id=1) / IPv6(**V6) / UDP() / data(32),
        eth() / IP(**V4) / UDP() / data(33))]


def strip_check(got, meta, frames, n_strip, what):
    """n_strip: tags the device must have stripped from each frame (at
    most; or a function of the frame that says how many)."""
    expect_all(got, meta, frames, what)
    for i, f in enumerate(frames):
        n = n_strip(f) if callable(n_strip) else min(n_strip, ntags(f))
        m = meta[i]
        want, tcis = without_tags(f, n)
        same_frame(got[i], want, '%s frame %d bytes' % (what, i))
        check(rx_flag(m, 'VLAN_STRIPPED') == (n >= 1) and
              (rx_flag(m, 'VLAN') or n == 0),
              '%s frame %d: flags %s with %d tag(s) stripped' %
              (what, i, m['ol_flag_names'], n))
        check(rx_flag(m, 'QINQ_STRIPPED') == (n == 2) and
              rx_flag(m, 'QINQ') == (n == 2),
              '%s frame %d: flags %s with %d tag(s) stripped' %
              (what, i, m['ol_flag_names'], n))
        if n == 1:
            check(m['vlan_tci'] == tcis[0], '%s frame %d: vlan_tci 0x%x, '
                  'want 0x%x' % (what, i, m['vlan_tci'], tcis[0]))
        if n == 2:
            check((m['vlan_tci_outer'], m['vlan_tci']) == tuple(tcis),
                  '%s frame %d: tci outer/inner 0x%x/0x%x, want 0x%x/0x%x' %
                  (what, i, m['vlan_tci_outer'], m['vlan_tci'], *tcis))


def ntags(f):
    p, n = Ether(f).payload, 0
    while isinstance(p, (Dot1Q, Dot1AD)):
        n, p = n + 1, p.payload
    return n


def rx_vlan_strip(tool):
    frames = tag_frames()
    got, meta, st = tool.run('rx', frames, '--vlan-strip')
    strip_check(got, meta, frames, 1, 'strip on')
    got, meta, st = tool.run('rx', frames)
    strip_check(got, meta, frames, 0, 'strip off')


def qinq_strips(f):
    """Tags QinQ strip takes: both of an 802.1ad S-tag and what follows
    it; of two 0x8100 tags (a VLAN frame whose payload starts with a
    tag, not QinQ) only the first; a single tag of either TPID."""
    p = Ether(f).payload
    n = ntags(f)
    return n if isinstance(p, Dot1AD) else min(n, 1)


def rx_qinq_strip(tool):
    frames = [bytes(x) for x in (
        eth() / Dot1AD(vlan=100, prio=1) / Dot1Q(vlan=200, prio=2) /
        IP(**V4) / TCP() / data(40),
        eth() / Dot1AD(vlan=4000, id=1) / Dot1Q(vlan=1) / IPv6(**V6) /
        UDP() / data(41),
        eth() / Dot1AD(vlan=7) / IP(**V4) / UDP() / data(42),
        eth() / Dot1Q(vlan=100) / Dot1Q(vlan=200) / IP(**V4) / UDP() /
        data(43))] + tag_frames()
    for opts in (('--qinq-strip',), ('--vlan-strip', '--qinq-strip')):
        got, meta, st = tool.run('rx', frames, *opts)
        strip_check(got, meta, frames, qinq_strips, ' '.join(opts))
    # Extended VLAN: the first of two tags is the outer one whatever its
    # TPID, so QinQ strip takes both 0x8100 tags too; VLAN strip alone
    # still takes one.
    got, meta, st = tool.run('rx', frames, '--qinq-strip', '--vlan-extend')
    strip_check(got, meta, frames, ntags, '--qinq-strip --vlan-extend')
    got, meta, st = tool.run('rx', frames, '--vlan-strip', '--vlan-extend')
    strip_check(got, meta, frames, 1, '--vlan-strip --vlan-extend')
    got, meta, st = tool.run('rx', frames)
    strip_check(got, meta, frames, 0, 'strip off')


def rx_vlan_filter(tool):
    # Broadcast: the address filter of a port that is not promiscuous
    # takes them, so only the VLAN filter decides.
    vids = (10, 20, 30, None, 30, 20)
    bcast = Ether(dst='ff:ff:ff:ff:ff:ff', src=SRC)
    frames = [bytes(bcast / Dot1Q(vlan=v) / IP(**V4) / UDP() / data(20, i)
                    if v is not None else
                    bcast / IP(**V4) / UDP() / data(20, i))
              for i, v in enumerate(vids)]
    keep = [f for f, v in zip(frames, vids) if v != 30]
    got, meta, st = tool.run('rx', frames, '--vlan-filter', '10,20',
                             '--no-promisc')
    check(len(got) == len(keep), 'filter 10,20: %d frames received, want '
          '%d (VID 30 dropped)' % (len(got), len(keep)))
    for i, f in enumerate(keep):
        same_frame(got[i], f, 'filter 10,20 frame %d' % i)
    check(st['ipackets'] == len(keep), 'ipackets %d, want %d' %
          (st['ipackets'], len(keep)))
    # A promiscuous port is VLAN-promiscuous (device spec): every VID in.
    got, meta, st = tool.run('rx', frames, '--vlan-filter', '10,20')
    check(len(got) == len(frames), 'filter 10,20, promiscuous: %d frames '
          'of %d' % (len(got), len(frames)))
    for i, f in enumerate(frames):
        same_frame(got[i], f, 'filter 10,20 promiscuous frame %d' % i)
    got, meta, st = tool.run('rx', frames)
    check(len(got) == len(frames), 'no filter: %d frames of %d' %
          (len(got), len(frames)))


def ptype_frames():
    inner4 = IP(src='10.0.0.1', dst='10.0.0.2')
    return [bytes(x) for x in (
        eth() / IP(**V4) / TCP() / data(10),
        eth() / IP(**V4) / UDP(dport=53) / data(10),
        eth() / IP(**V4) / SCTP() / SCTPChunkData(data=b'x'),
        eth() / IP(**V4) / ICMP() / data(10),
        eth() / IP(proto=253, **V4) / data(10),
        eth() / IP(options=b'\x94\x04\x00\x00', **V4) / TCP() / data(10),
        eth() / IP(flags='MF', **V4) / UDP() / data(16),
        eth() / IP(frag=100, proto=17, **V4) / data(16),
        eth() / IPv6(**V6) / TCP() / data(10),
        eth() / IPv6(**V6) / UDP() / data(10),
        eth() / IPv6(**V6) / IPv6ExtHdrHopByHop() / UDP() / data(10),
        eth() / IPv6(**V6) / IPv6ExtHdrFragment(m=1) / TCP() / data(10),
        eth() / IPv6(**V6, nh=58) / Raw(b'\x80\x00\x00\x00' + b'x' * 8),
        eth() / Dot1Q(vlan=5) / IP(**V4) / UDP() / data(10),
        eth() / Dot1AD(vlan=6) / Dot1Q(vlan=7) / IP(**V4) / TCP() /
        data(10),
        eth() / IP(**V4) / UDP(sport=999, dport=4789) / VXLAN(vni=42) /
        Ether(dst=DST, src=SRC) / inner4 / UDP() / data(10),
        eth() / IP(**V4) / GRE() / inner4 / TCP() / data(10),
        eth() / IP(**V4) / GRE(proto=0x6558) / Ether(dst=DST, src=SRC) /
        inner4 / UDP() / data(10),
        Ether(dst=DST, src=SRC, type=0x88b5) / data(50))]


def rx_ptype(tool):
    frames = ptype_frames()
    got, meta, st = tool.run('rx', frames, '--ptype')
    expect_all(got, meta, frames, 'ptype')
    bad = []
    for i, f in enumerate(frames):
        same_frame(got[i], f, 'frame %d bytes' % i)
        want, have = ptype_names(f), names_of(meta[i], 'ptype_names')
        if want != have:
            bad.append('frame %d %s: %s, want %s' % (
                i, Ether(f).summary(), ' '.join(sorted(have)),
                ' '.join(sorted(want))))
    check(not bad, '; '.join(bad))


def sized(n, salt=0):
    f = eth() / IP(**V4) / UDP(sport=1, dport=2) / data(n - 42, salt)
    return bytes(f)


def rx_scatter(tool):
    buf = 2048 - 128
    sizes = (buf - 1, buf, buf + 1, buf + 5, 9000, 9014)
    # The MTU allows frames of MTU + 22 bytes (header, two tags' room).
    frames = [sized(n, i) for i, n in enumerate(sizes)] + [sized(9023)]
    got, meta, st = tool.run('rx', frames, '--scatter', '--mbuf-size', 2048,
                             '--mtu', 9000)
    check(len(got) == len(sizes), 'scatter: %d frames received, want %d '
          '(9023 > MTU 9000 + 22 dropped)' % (len(got), len(sizes)))
    for i, n in enumerate(sizes):
        same_frame(got[i], frames[i], 'scatter frame of %d' % n)
        want = math.ceil(n / buf)
        check(meta[i]['nb_segs'] == want and meta[i]['len'] == n,
              'frame of %d: nb_segs %d pkt_len %d, want %d segments' %
              (n, meta[i]['nb_segs'], meta[i]['len'], want))
    check(st['ierrors'] == 1, 'scatter: ierrors %d, want 1 (over MTU)' %
          st['ierrors'])
    # No scatter, MTU 1500: what fits one buffer and the MTU arrives.
    tagged = bytes(eth() / Dot1Q(vlan=3) / IP(**V4) / UDP() / data(1518 - 46))
    ok = [sized(1000), sized(1514), sized(1522), tagged]
    frames = ok + [sized(1523), sized(buf + 1), sized(9000)]
    got, meta, st = tool.run('rx', frames, '--mbuf-size', 2048)
    check(len(got) == len(ok), 'no scatter: %d frames received, want %d' %
          (len(got), len(ok)))
    for i, f in enumerate(ok):
        same_frame(got[i], f, 'no scatter frame %d' % i)
        check(meta[i]['nb_segs'] == 1, 'no scatter: %d segments' %
              meta[i]['nb_segs'])
    check(st['ierrors'] == 3, 'no scatter: ierrors %d, want 3' %
          st['ierrors'])


TESTS = [
    ('rx_csum_flags', rx_csum_flags),
    ('rx_vlan_strip', rx_vlan_strip),
    ('rx_qinq_strip', rx_qinq_strip),
    ('rx_vlan_filter', rx_vlan_filter),
    ('rx_ptype', rx_ptype),
    ('rx_scatter', rx_scatter),
]

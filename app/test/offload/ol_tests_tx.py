# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Tx offload tests: checksums, TSO, VLAN/QinQ insertion, tx_prepare."""

from ol_oracle import (ARP, Ether, IP, IPv6, TCP, UDP, SCTP, SCTPChunkData,
                       Dot1Q, Raw, Padding, check, fixed, same_frame,
                       with_tags)

DST, SRC = '02:00:00:00:00:02', '02:00:00:00:00:01'
V4 = dict(src='192.0.2.1', dst='198.51.100.7')
V6 = dict(src='2001:db8::1', dst='2001:db8:ffff::2')
BAD = 0x1234


def payload(n, salt=0):
    return bytes((i * 7 + salt * 13 + 0x5a) & 0xff for i in range(n))


def l4_hdr(kind):
    if kind == 'tcp':
        return TCP(sport=1234, dport=80, seq=1, flags='PA', chksum=BAD)
    if kind == 'udp':
        return UDP(sport=1234, dport=5000, chksum=BAD)
    return SCTP(sport=1234, dport=5000, tag=7, chksum=BAD)


def l4_data(kind, data):
    # SCTP carries chunks (scapy pads them to 4 bytes), not bare bytes.
    return SCTPChunkData(data=data) if kind == 'sctp' else Raw(data)


def csum_frames(ipver, kind):
    """Frames whose every checksum is deliberately wrong."""
    frames = []
    for i, n in enumerate((0, 1, 333, 1400)):
        l3 = IP(chksum=BAD, **V4) if ipver == 4 else IPv6(**V6)
        frames.append(Ether(dst=DST, src=SRC) / l3 / l4_hdr(kind) /
                      l4_data(kind, payload(n, i)))
    if ipver == 4:
        # IP options (l3_len 24) and an 802.1Q tag in the input (l2_len 18).
        frames.append(Ether(dst=DST, src=SRC) /
                      IP(chksum=BAD, options=b'\x94\x04\x00\x00', **V4) /
                      l4_hdr(kind) / l4_data(kind, payload(77)))
        frames.append(Ether(dst=DST, src=SRC) / Dot1Q(vlan=9) /
                      IP(chksum=BAD, **V4) / l4_hdr(kind) /
                      l4_data(kind, payload(99)))
    if ipver == 4 and kind == 'udp':
        # 60-byte frame, short IP: checksum over the IP length only.
        frames.append(Ether(dst=DST, src=SRC) / IP(chksum=BAD, **V4) /
                      UDP(sport=7, dport=9, chksum=BAD) / Raw(b'ab') /
                      Padding(b'\x55' * 16))
    frames = [bytes(f) for f in frames]
    for f in frames:
        check(fixed(f) != f, 'test bug: input checksums are right')
    return frames


def csum_test(ipver, kind):
    def test(tool):
        frames = csum_frames(ipver, kind)
        flags = ('ip,' if ipver == 4 else '') + kind
        for segs in (1, 3):
            got, meta, st = tool.run('tx', frames, '--tx-csum', flags,
                                     '--segs', segs, '--expect', len(frames))
            check(not meta, 'tx_prepare refused: %s' % meta)
            check(len(got) == len(frames), 'segs %d: %d frames out of %d' %
                  (segs, len(got), len(frames)))
            for i, f in enumerate(frames):
                same_frame(got[i], fixed(f), 'segs %d frame %d' % (segs, i))
    return test


def tso_frame(ipver, n, ip_id, seq):
    l3 = IP(id=ip_id, flags='DF', chksum=BAD, **V4) if ipver == 4 else \
        IPv6(**V6)
    tcp = TCP(sport=40000, dport=80, seq=seq, ack=5, flags='FPAC',
              window=1000, chksum=BAD,
              options=[('NOP', None), ('NOP', None), ('Timestamp', (1, 2))])
    data = payload(n, 3)
    return bytes(Ether(dst=DST, src=SRC) / l3 / tcp / Raw(data)), data


def tso_expect(ipver, data, mss, ip_id, seq):
    """The segments, built by scapy from scratch."""
    n = (len(data) + mss - 1) // mss
    out = []
    for i in range(n):
        fl = 'A'
        if i == n - 1:
            fl += 'FP'
        if i == 0:
            fl += 'C'
        l3 = IP(id=(ip_id + i) & 0xffff, flags='DF', **V4) if ipver == 4 \
            else IPv6(**V6)
        tcp = TCP(sport=40000, dport=80, seq=(seq + i * mss) & 0xffffffff,
                  ack=5, flags=fl, window=1000,
                  options=[('NOP', None), ('NOP', None),
                           ('Timestamp', (1, 2))])
        out.append(bytes(Ether(dst=DST, src=SRC) / l3 / tcp /
                         Raw(data[i * mss:(i + 1) * mss])))
    return out


def tso_check(got, ipver, data, mss, ip_id, seq, what):
    want = tso_expect(ipver, data, mss, ip_id, seq)
    check(len(got) == len(want), '%s: %d segments, want ceil(%d/%d) = %d'
          % (what, len(got), len(data), mss, len(want)))
    pls = b''
    for i, g in enumerate(got):
        p = Ether(g)
        check(TCP in p, '%s: segment %d is not TCP' % (what, i))
        check(p[TCP].seq == (seq + len(pls)) & 0xffffffff,
              '%s: segment %d seq %d, want %d' % (what, i, p[TCP].seq,
                                                  (seq + len(pls)) &
                                                  0xffffffff))
        if ipver == 4:
            check(p[IP].id == (ip_id + i) & 0xffff, '%s: segment %d IP id '
                  '%d, want %d' % (what, i, p[IP].id, (ip_id + i) & 0xffff))
        pls += bytes(p[TCP].payload)
    check(pls == data, '%s: concatenated payload differs' % what)
    for i, g in enumerate(got):
        same_frame(g, want[i], '%s segment %d' % (what, i))


def tso_test(ipver):
    cases = ((20000, 1000, 1, 1000, 1), (30001, 1460, 1, 2000, 77),
             (63000, 1460, 4, 3000, 0x10000),
             (20000, 1000, 4, 65530, 0xfffff000))
    if ipver == 6:
        cases = tuple((n - 40, m, s, i, q) for n, m, s, i, q in cases)

    def test(tool):
        for n, mss, segs, ip_id, seq in cases:
            frame, data = tso_frame(ipver, n, ip_id, seq)
            exp = (n + mss - 1) // mss
            got, meta, st = tool.run(
                'tx', [frame], '--tx-csum', 'ip,tcp' if ipver == 4 else 'tcp',
                '--tso', mss, '--segs', segs, '--expect', exp)
            what = 'payload %d mss %d segs %d' % (n, mss, segs)
            check(not meta, '%s: tx_prepare refused: %s' % (what, meta))
            tso_check(got, ipver, data, mss, ip_id, seq, what)
    return test


def tag_frames():
    return [bytes(Ether(dst=DST, src=SRC) / IP(chksum=BAD, **V4) /
                  UDP(sport=1, dport=2, chksum=BAD) / Raw(payload(50))),
            bytes(Ether(dst=DST, src=SRC) / IP(chksum=BAD, **V4) /
                  TCP(chksum=BAD) / Raw(payload(1000, 1))),
            bytes(Ether(dst=DST, src=SRC) / IPv6(**V6) /
                  TCP(chksum=BAD) / Raw(payload(7, 2))),
            # Not IP: tags only, nothing else may change.
            bytes(Ether(dst=DST, src=SRC) / ARP(psrc=V4['src'],
                                                pdst=V4['dst']))]


def tag_test(tcis):
    opt = ('--vlan', tcis[0]) if len(tcis) == 1 else \
        ('--qinq', '%d:%d' % tuple(tcis))

    def test(tool):
        frames = tag_frames()
        for extra, csum in (((), False), (('--tx-csum', 'ip,tcp,udp'), True),
                            (('--tx-csum', 'ip,tcp,udp', '--queue-level'),
                             True)):
            got, meta, st = tool.run('tx', frames, *(opt + extra),
                                     '--expect', len(frames))
            what = ' '.join(str(o) for o in opt + extra)
            check(not meta, '%s: tx_prepare refused: %s' % (what, meta))
            check(len(got) == len(frames), '%s: %d frames out of %d' %
                  (what, len(got), len(frames)))
            for i, f in enumerate(frames):
                same_frame(got[i], with_tags(fixed(f) if csum else f, tcis),
                           '%s frame %d' % (what, i))
        # TSO segments get the tag(s) too.
        frame, data = tso_frame(4, 5000, 10, 100)
        got, meta, st = tool.run('tx', [frame], *opt, '--tx-csum', 'ip,tcp',
                                 '--tso', 1000, '--expect', 5)
        check(not meta, 'TSO: tx_prepare refused: %s' % meta)
        check(len(got) == 5, 'TSO: %d segments, want 5' % len(got))
        for i, g in enumerate(tso_expect(4, data, 1000, 10, 100)):
            same_frame(got[i], with_tags(g, tcis), 'TSO segment %d' % i)
    return test


def tx_prepare_rejects(tool):
    frame, _ = tso_frame(4, 5000, 1, 1)
    for opts, err in ((('--tx-csum', 'ip,tcp', '--tso', 10), 'EINVAL'),
                      (('--tx-csum', 'ip,tcp', '--tso', 63), 'EINVAL'),
                      (('--tx-csum', 'ip,tcp', '--tso', 9601), 'EINVAL'),
                      (('--tx-csum', 'ip,tcp', '--port-offloads',
                        'ip,multiseg'), 'ENOTSUP'),
                      (('--vlan', 5, '--port-offloads', 'none'), 'ENOTSUP'),
                      (('--tx-csum', 'ip,tcp', '--tso', 1000,
                        '--port-offloads', 'ip,tcp,multiseg'), 'ENOTSUP')):
        what = ' '.join(str(o) for o in opts)
        got, meta, st = tool.run('tx', [frame], *opts)
        check(len(meta) == 1 and meta[0].get('prep_error') == err,
              '%s: tx_prepare gave %s, want %s' % (what, meta, err))
        check(not got and st['a_opackets'] == 0,
              '%s: %d frames went out anyway' % (what, len(got)))
    # The bounds themselves are accepted.
    got, meta, st = tool.run('tx', [frame], '--tx-csum', 'ip,tcp', '--tso',
                             64, '--expect', (5000 + 63) // 64)
    check(not meta, 'mss 64 refused: %s' % meta)
    check(len(got) == (5000 + 63) // 64, 'mss 64: %d segments' % len(got))


TESTS = [
    ('tx_csum_ipv4_tcp', csum_test(4, 'tcp')),
    ('tx_csum_ipv4_udp', csum_test(4, 'udp')),
    ('tx_csum_ipv4_sctp', csum_test(4, 'sctp')),
    ('tx_csum_ipv6_tcp', csum_test(6, 'tcp')),
    ('tx_csum_ipv6_udp', csum_test(6, 'udp')),
    ('tx_csum_ipv6_sctp', csum_test(6, 'sctp')),
    ('tx_tso_ipv4', tso_test(4)),
    ('tx_tso_ipv6', tso_test(6)),
    ('tx_vlan_insert', tag_test([0x6064])),
    ('tx_qinq_insert', tag_test([0x2123, 0x4456])),
    ('tx_prepare_rejects', tx_prepare_rejects),
]

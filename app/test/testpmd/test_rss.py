# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""RSS tests mirroring the DTS rss suites, driven through dpdk-testpmd.

Run by run_testpmd_tests.py as rss/<name>; helpers and verdicts come from
tp.py, like every test module's.

Configuration tests use two cabled nicpmd ports (queues=4, --rxq=4
--txq=4). Traffic tests use

  scapy -> in.pcap -> net_pcap0 -> net_nicpmd0 =cable= net_nicpmd1 (RSS)
        -> net_pcap1

with 'set verbose 1': testpmd prints, for every frame nicpmd1 receives,
the queue it came on and the RSS hash. The oracle is a Toeplitz hash
written here in Python (independent of DPDK; checked against Microsoft's
published verification vectors) and the RETA testpmd shows.

The pcap ports have 4 queues too (one rx_pcap/tx_pcap per queue) since
--rxq/--txq apply to every port. Frames cross from net_pcap0 to nicpmd0
by forwarding, so the forwarding mode is io rather than rxonly (rxonly
would drop them at net_pcap0); nicpmd1's dump is the same either way.
"""

import os
import random
import re
import struct
import time

import tp


BCAST = 'ff:ff:ff:ff:ff:ff'
MS_KEY = bytes.fromhex('6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b4'
                       '77cb2da38030f20c6a42b73bbeac01fa')
RETA_SIZE = 128
NQ = 4


def _key(seed):
    """40 pseudo-random key bytes."""
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(40))


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


# ---- the oracle: Toeplitz, independent of DPDK ------------------------------

def toeplitz(key, data):
    """Microsoft's RSS hash of data (bytes) with key (bytes)."""
    k = int.from_bytes(key, 'big')
    klen = len(key) * 8
    h = 0
    for i, byte in enumerate(data):
        for b in range(8):
            if byte & (0x80 >> b):
                h ^= (k >> (klen - 32 - (i * 8 + b))) & 0xffffffff
    return h


def _addr(a):
    import ipaddress
    return ipaddress.ip_address(a).packed


def rss_input(src, dst, sport=None, dport=None):
    """The Toeplitz input: addresses, then ports if given."""
    d = _addr(src) + _addr(dst)
    if sport is not None:
        d += struct.pack('>HH', sport, dport)
    return d


# Microsoft's verification suite: (src, sport, dst, dport, L3 hash, L4 hash)
MS_VECTORS = [
    ('66.9.149.187', 2794, '161.142.100.80', 1766, 0x323e8fc2, 0x51ccc178),
    ('199.92.111.2', 14230, '65.69.140.83', 4739, 0xd718262a, 0xc626b0ea),
    ('24.19.198.95', 12898, '12.22.207.184', 38024, 0xd2d0a5de, 0x5c2b394a),
    ('38.27.205.30', 48228, '209.142.163.6', 2217, 0x82989176, 0xafc7327f),
    ('153.39.163.191', 44251, '202.188.127.2', 1303, 0x5d1809c5, 0x10e828a2),
    ('3ffe:2501:200:1fff::7', 2794, '3ffe:2501:200:3::1', 1766,
     0x2cc18cd5, 0x40207d3d),
    ('3ffe:501:8::260:97ff:fe40:efab', 14230, 'ff02::1', 4739,
     0x0f0c461c, 0xdde51bbf),
    ('3ffe:1900:4545:3:200:f8ff:fe21:67cf', 44251,
     'fe80::200:f8ff:fe21:67cf', 38024, 0x4b61e985, 0x02d1feef),
]


def check_oracle():
    for src, sp, dst, dp, l3, l4 in MS_VECTORS:
        h3 = toeplitz(MS_KEY, rss_input(src, dst))
        h4 = toeplitz(MS_KEY, rss_input(src, dst, sp, dp))
        check(h3 == l3 and h4 == l4, 'oracle: Toeplitz of %s -> %s gives '
              '0x%08x/0x%08x, published 0x%08x/0x%08x' %
              (src, dst, h3, h4, l3, l4))


# ---- testpmd output parsers --------------------------------------------------

def parse_rss_key(text):
    """'show port P rss-hash key' -> (functions, key bytes or None)."""
    funcs, key = [], None
    m = re.search(r'RSS functions:\s*\n(.*?)\n\s*RSS key:\s*\n\s*'
                  r'([0-9A-Fa-f]+)', text, re.S)
    if m:
        funcs = m.group(1).split()
        key = bytes.fromhex(m.group(2))
    return funcs, key


def parse_rss_funcs(text):
    """'show port P rss-hash' -> list of function names ([] if disabled)."""
    if 'RSS disabled' in text:
        return []
    m = re.search(r'RSS functions:\s*\n(.*)', text, re.S)
    return m.group(1).split() if m else None


def parse_reta(text):
    """'show port P rss reta 128 (...)' -> {index: queue}."""
    return {int(i): int(q) for i, q in re.findall(
        r'RSS RETA configuration: hash index=(\d+), queue=(\d+)', text)}


def show_reta(t, port):
    reta = parse_reta(t.cmd('show port %d rss reta 128 '
                            '(0xffffffffffffffff,0xffffffffffffffff)' % port))
    check(sorted(reta) == list(range(RETA_SIZE)),
          'show rss reta of port %d: %d entries' % (port, len(reta)))
    return [reta[i] for i in range(RETA_SIZE)]


def parse_rx_dump(text, port):
    """Verbose Rx dump of port -> [{'src', 'queue', 'hash', 'hq', 'flags'}].

    Prompt bytes may be mixed into a line (see test_offloads.parse_dump):
    the markers are searched anywhere.
    """
    pkts, cur, q, rx = [], None, None, False
    for line in text.splitlines():
        m = re.search(r'port (\d+)/queue (\d+): (received|sent) \d+ packets',
                      line)
        if m:
            cur, q, rx = int(m.group(1)), int(m.group(2)), \
                m.group(3) == 'received'
            continue
        m = re.search(r'  src=', line)
        if m and cur == port and rx:
            line = line[m.start():]
            d = {'queue': q, 'line': line, 'flags': None}
            m = re.search(r'src=([0-9A-Fa-f:]{17})', line)
            d['src'] = m.group(1).lower() if m else None
            m = re.search(r'RSS hash=(0x[0-9a-f]+)', line)
            d['hash'] = int(m.group(1), 16) if m else None
            m = re.search(r'RSS queue=(0x[0-9a-f]+)', line)
            d['hq'] = int(m.group(1), 16) if m else None
            pkts.append(d)
            continue
        m = re.search(r'  ol_flags:', line)
        if m and pkts and pkts[-1]['flags'] is None and cur == port and rx:
            pkts[-1]['flags'] = line[m.end():].split()
    return pkts


# ---- configuration through testpmd -------------------------------------------

def _pair(ctx, app=()):
    c = ctx.cable()
    return ctx.testpmd([ctx.nic(0, 'peer:' + c, 'queues=4'),
                        ctx.nic(1, 'peer:' + c, 'queues=4')],
                       app=['--rxq=4', '--txq=4'] + list(app))


def _no_error(out, what):
    check(not re.search(r'fail|error|invalid|not supported|bad|unknown',
                        out, re.I), '%s: %s' % (what, ' '.join(out.split())))


def t_rss_port_info(ctx):
    t = _pair(ctx)
    out = t.cmd('show port info 0')
    i = tp.parse_port_info(out)
    check(i.get('Hash key size in bytes') == '40',
          'Hash key size in bytes: %r' % i.get('Hash key size in bytes'))
    check(i.get('Redirection table size') == '128',
          'Redirection table size: %r' % i.get('Redirection table size'))
    m = re.search(r'Supported RSS offload flow types:\s*\n((?:\s+\S.*\n)+)',
                  out)
    check(m, 'no "Supported RSS offload flow types" in port info')
    want = {'ipv4', 'ipv4-frag', 'ipv4-tcp', 'ipv4-udp', 'ipv4-other',
            'ipv6', 'ipv6-frag', 'ipv6-tcp', 'ipv6-udp', 'ipv6-other'}
    got = set(m.group(1).split())
    # The two level bits (F_TUNNEL_OFFLOAD): testpmd 22.11 has no name for
    # them and shows their bit numbers.
    levels = {'user-defined-50', 'user-defined-51'}
    check(got - levels == want and (levels <= got or
                                    any('level' in g for g in got)),
          'RSS flow types %s, expected %s and the two levels' %
          (sorted(got), sorted(want)))
    out = t.cmd('show port 0 rx_offload capabilities')
    check('RSS_HASH' in out, 'RSS_HASH not in Rx offload capabilities: %s'
          % ' '.join(out.split()))
    # testpmd with --rxq=4 asks for RSS over IP: the default key and RETA.
    funcs, key = parse_rss_key(t.cmd('show port 0 rss-hash key'))
    check(key == MS_KEY, 'default key %s, expected the Microsoft key' %
          (key.hex() if key else None))
    check(set(funcs) == {'ipv4', 'ipv4-frag', 'ipv4-other', 'ipv6',
                         'ipv6-frag', 'ipv6-other'},
          'default RSS functions %s' % funcs)
    reta = show_reta(t, 0)
    check(reta == [i % NQ for i in range(RETA_SIZE)],
          'default RETA %s..., expected i %% 4' % reta[:8])


def t_rss_config_types(ctx):
    t = _pair(ctx)
    cases = [
        ('tcp', {'ipv4-tcp', 'ipv6-tcp'}),
        ('udp', {'ipv4-udp', 'ipv6-udp'}),
        ('ip', {'ipv4', 'ipv4-frag', 'ipv4-other', 'ipv6', 'ipv6-frag',
                'ipv6-other'}),
        ('default', {'ipv4', 'ipv4-frag', 'ipv4-tcp', 'ipv4-udp',
                     'ipv4-other', 'ipv6', 'ipv6-frag', 'ipv6-tcp',
                     'ipv6-udp', 'ipv6-other'}),
        ('none', set()),
        ('all', {'ipv4', 'ipv4-frag', 'ipv4-tcp', 'ipv4-udp', 'ipv4-other',
                 'ipv6', 'ipv6-frag', 'ipv6-tcp', 'ipv6-udp',
                 'ipv6-other'}),
    ]
    for arg, want in cases:
        out = t.cmd('port config all rss %s' % arg)
        check(not re.search(r'failed|error|invalid', out, re.I),
              'port config all rss %s: %s' % (arg, ' '.join(out.split())))
        for p in (0, 1):
            funcs = parse_rss_funcs(t.cmd('show port %d rss-hash' % p))
            check(funcs is not None and set(funcs) == want,
                  'after "rss %s" port %d RSS functions %s, expected %s' %
                  (arg, p, funcs, sorted(want)))
    # Types the device cannot hash: testpmd says so, nothing is hashed by
    # them; whatever it did, the port reports a consistent state.
    for arg in ('sctp', 'ether', 'vxlan'):
        out = t.cmd('port config all rss %s' % arg)
        check(re.search(r'modified RSS hash function based on hardware '
                        r'support|unknown|not supported|failed', out, re.I),
              'port config all rss %s: no message: %r' % (arg, out))
        funcs = parse_rss_funcs(t.cmd('show port 0 rss-hash'))
        check(funcs is not None and not any(
            'sctp' in f or 'l2' in f or 'vxlan' in f for f in funcs),
            'after "rss %s" RSS functions %s' % (arg, funcs))
    # Still usable afterwards.
    t.cmd('port config all rss udp')
    funcs = parse_rss_funcs(t.cmd('show port 0 rss-hash'))
    check(set(funcs or []) == {'ipv4-udp', 'ipv6-udp'},
          'rss udp after the unsupported ones: %s' % funcs)


def t_rss_config_reta(ctx):
    t = _pair(ctx)
    out = t.cmd('port config 0 rss reta (0,3)(1,3)')
    check(not re.search(r'fail|error|bad', out, re.I),
          'reta (0,3)(1,3): %s' % ' '.join(out.split()))
    reta = show_reta(t, 0)
    want = [i % NQ for i in range(RETA_SIZE)]
    want[0] = want[1] = 3
    check(reta == want, 'RETA after (0,3)(1,3): %s..., expected %s...' %
          (reta[:8], want[:8]))
    # Port 1 untouched.
    check(show_reta(t, 1) == [i % NQ for i in range(RETA_SIZE)],
          'port 1 RETA changed by a port 0 update')
    # A whole new table, in a few commands.
    rnd = random.Random(7)
    want = [rnd.randrange(NQ) for _ in range(RETA_SIZE)]
    for base in range(0, RETA_SIZE, 8):
        cmd = 'port config 0 rss reta ' + ''.join(
            '(%d,%d)' % (i, want[i]) for i in range(base, base + 8))
        out = t.cmd(cmd)
        check(not re.search(r'fail|error|bad', out, re.I),
              '%s: %s' % (cmd[:40], ' '.join(out.split())))
    check(show_reta(t, 0) == want, 'RETA differs from the table set')
    # Out of range: refused with a message, table unchanged.
    for bad in ('(5,4)', '(10,7)', '(128,1)'):
        out = t.cmd('port config 0 rss reta %s' % bad)
        check(re.search(r'exceeds|invalid|bad|fail|error', out, re.I),
              'reta %s accepted without a message: %r' % (bad, out))
        check(show_reta(t, 0) == want, 'RETA changed by refused %s' % bad)
    # Survives stop/start.
    t.cmd('port stop 0')
    t.cmd('port start 0')
    check(show_reta(t, 0) == want, 'RETA changed by stop/start')


def t_rss_config_key(ctx):
    t = _pair(ctx)
    key = _key(11)
    out = t.cmd('port config 0 rss-hash-key ipv4 %s' % key.hex())
    _no_error(out, 'rss-hash-key ipv4 <40 bytes>')
    funcs, got = parse_rss_key(t.cmd('show port 0 rss-hash key'))
    check(got == key, 'key shown %s, set %s' %
          (got.hex() if got else None, key.hex()))
    check('ipv4' in funcs, 'RSS functions after rss-hash-key ipv4: %s' %
          funcs)
    _, other = parse_rss_key(t.cmd('show port 1 rss-hash key'))
    check(other == MS_KEY, 'port 1 key changed by a port 0 update')
    key2 = _key(12)
    out = t.cmd('port config 0 rss-hash-key ipv6-udp %s' %
                key2.hex().upper())
    _no_error(out, 'rss-hash-key ipv6-udp <40 bytes>')
    funcs, got = parse_rss_key(t.cmd('show port 0 rss-hash key'))
    check(got == key2, 'second key shown %s, set %s' %
          (got.hex() if got else None, key2.hex()))
    for n in (4, 20, 39, 41, 52):
        bad = bytes(range(n)).hex()
        out = t.cmd('port config 0 rss-hash-key ipv4 %s' % bad)
        check(re.search(r'invalid|fail|error|length', out, re.I),
              'a %d-byte key accepted without a message: %r' % (n, out))
        _, got = parse_rss_key(t.cmd('show port 0 rss-hash key'))
        check(got == key2, 'key changed by a refused %d-byte key' % n)
    t.cmd('port stop 0')
    t.cmd('port start 0')
    _, got = parse_rss_key(t.cmd('show port 0 rss-hash key'))
    check(got == key2, 'key changed by stop/start')


# ---- traffic ------------------------------------------------------------------

class RssTopo:
    """pcap0 -> nicpmd0 =cable= nicpmd1 (RSS, 4 queues) -> pcap1."""

    def __init__(self, ctx, frames, tag):
        self.ctx = ctx
        self.frames = [bytes(f) for f in frames]
        d = os.path.join(ctx.dir, tag)
        os.makedirs(d, exist_ok=True)
        s = scapy()
        inp = os.path.join(d, 'in.pcap')
        empty = os.path.join(d, 'empty.pcap')
        s.wrpcap(inp, [s.Ether(f) for f in self.frames])
        with open(empty, 'wb') as f:      # a pcap header, no frame
            f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535,
                                1))

        def pcap(idx, first_rx):
            rx = [first_rx] + [empty] * (NQ - 1)
            tx = [os.path.join(d, 'out%d_%d.pcap' % (idx, q))
                  for q in range(NQ)]
            return 'net_pcap%d,' % idx + ','.join(
                ['rx_pcap=' + r for r in rx] + ['tx_pcap=' + x for x in tx])

        c = ctx.cable()
        ctx.log.write('\n==== phase %s: %d frames\n' % (tag, len(frames)))
        self.t = ctx.testpmd(
            [pcap(0, inp), ctx.nic(0, 'peer:' + c, 'queues=4'),
             ctx.nic(1, 'peer:' + c, 'queues=4'), pcap(1, empty)],
            app=['--no-flush-rx', '--disable-device-start',
                 '--rxq=%d' % NQ, '--txq=%d' % NQ])
        ids = tp.port_ids_by_name(self.t)
        names = ('net_pcap0', 'net_nicpmd0', 'net_nicpmd1', 'net_pcap1')
        for n in names:
            check(n in ids, 'port %s missing: %r' % (n, ids))
        self.p0, self.n0, self.n1, self.p1 = [ids[n] for n in names]
        self.order = [self.p0, self.n0, self.n1, self.p1]

    def cmd(self, line):
        out = self.t.cmd(line)
        if re.search(r'fail|error|invalid|not supported|bad arg', out, re.I):
            fail('%r: %s' % (line, ' '.join(out.split())[:300]))
        return out

    def start(self):
        self.cmd('port config %d rx_offload rss_hash on' % self.n1)
        self.cmd('port start all')
        self.t.cmd('set promisc all on')

    def run(self):
        """io forwarding with verbose dumps until every frame got through.

        Returns nicpmd1's Rx dump entries and its port stats.
        """
        t = self.t
        n = len(self.frames)
        t.cmd('set portlist %s' % ','.join(str(p) for p in self.order))
        t.cmd('set fwd io')
        t.cmd('set verbose 1')
        t.cmd('clear port stats all')
        mark = len(t.output)
        t.send_drain('start',
                     lambda x: len(parse_rx_dump(x, self.n1)) >= n,
                     timeout=20)
        t.cmd('stop')
        t.cmd('set verbose 0')
        dump = parse_rx_dump(t.output[mark:], self.n1)
        ps = tp.parse_port_stats(t.cmd('show port stats %d' % self.n1))
        return dump, ps[self.n1]


def _src_mac(i):
    return '02:00:00:00:%02x:%02x' % (i >> 8, i & 0xff)


def _flows(seed, n_udp4=96, n_udp6=48, n_tcp4=24, n_other=8):
    """[(raw frame, info)] with a unique source MAC per frame."""
    s = scapy()
    rnd = random.Random(seed)
    out = []

    def v4():
        return '%d.%d.%d.%d' % (rnd.randrange(1, 224), rnd.randrange(256),
                                rnd.randrange(256), rnd.randrange(1, 255))

    def v6():
        return ':'.join('%x' % rnd.randrange(65536) for _ in range(8))

    for _ in range(n_udp4):
        out.append(('udp4', v4(), v4(), rnd.randrange(1, 65536),
                    rnd.randrange(1, 65536)))
    for _ in range(n_udp6):
        out.append(('udp6', v6(), v6(), rnd.randrange(1, 65536),
                    rnd.randrange(1, 65536)))
    for _ in range(n_tcp4):
        out.append(('tcp4', v4(), v4(), rnd.randrange(1, 65536),
                    rnd.randrange(1, 65536)))
    for _ in range(n_other):
        out.append(('other', None, None, None, None))
    for src, sp, dst, dp, _, _ in MS_VECTORS:
        out.append(('udp6' if ':' in src else 'udp4', src, dst, sp, dp))
    rnd.shuffle(out)
    frames = []
    for i, (kind, a, b, sp, dp) in enumerate(out):
        eth = s.Ether(dst=BCAST, src=_src_mac(i))
        if kind == 'udp4':
            p = eth / s.IP(src=a, dst=b) / s.UDP(sport=sp, dport=dp)
        elif kind == 'udp6':
            p = eth / s.IPv6(src=a, dst=b) / s.UDP(sport=sp, dport=dp)
        elif kind == 'tcp4':
            p = eth / s.IP(src=a, dst=b) / s.TCP(sport=sp, dport=dp)
        else:
            p = s.Ether(dst=BCAST, src=_src_mac(i), type=0x88b5)
        raw = bytes(p / s.Raw(bytes(rnd.randrange(256) for _ in range(
            rnd.randrange(18, 200)))))
        frames.append((raw, {'kind': kind, 'src': a, 'dst': b,
                             'sport': sp, 'dport': dp}))
    return frames


def _expect(info, types, key):
    """Hash the device must give, or None: per nicpmd_hw.h and the DPDK
    type groups the driver maps (ipv4 group, ipv4-tcp, ipv4-udp, ...)."""
    kind = info['kind']
    if kind == 'other':
        return None
    v = '4' if kind.endswith('4') else '6'
    l4 = 'ipv%s-%s' % (v, kind[:3])
    l3 = {'ipv' + v, 'ipv%s-frag' % v, 'ipv%s-other' % v}
    if l4 in types:
        return toeplitz(key, rss_input(info['src'], info['dst'],
                                       info['sport'], info['dport']))
    if l3 & types:
        return toeplitz(key, rss_input(info['src'], info['dst']))
    return None


def _verify(topo, frames, types, key, reta, what):
    dump, st = topo.run()
    by_src = {}
    for d in dump:
        by_src.setdefault(d['src'], []).append(d)
    errors = []
    hashed = 0
    queues = set()
    for i, (raw, info) in enumerate(frames):
        got = by_src.get(_src_mac(i), [])
        if len(got) != 1:
            errors.append('frame %d (%s) dumped %d times' %
                          (i, info['kind'], len(got)))
            continue
        d = got[0]
        want = _expect(info, types, key)
        if want is None:
            if d['queue'] != 0 or d['hash'] is not None:
                errors.append('frame %d (%s, no enabled type) on queue %d, '
                              'hash %s' % (i, info['kind'], d['queue'],
                                           d['hash']))
            continue
        hashed += 1
        queues.add(d['queue'])
        if d['hash'] != want:
            errors.append('frame %d (%s %s:%s -> %s:%s): RSS hash %s, '
                          'Toeplitz 0x%08x' % (
                              i, info['kind'], info['src'], info['sport'],
                              info['dst'], info['dport'],
                              '0x%08x' % d['hash'] if d['hash'] is not None
                              else 'none', want))
        elif d['queue'] != reta[want % RETA_SIZE] or \
                d['hq'] != d['queue']:
            errors.append('frame %d hash 0x%08x: queue %d (dump says %s), '
                          'reta[%d] = %d' % (i, want, d['queue'], d['hq'],
                                             want % RETA_SIZE,
                                             reta[want % RETA_SIZE]))
        if d['flags'] is not None and 'RTE_MBUF_F_RX_RSS_HASH' not in \
                d['flags']:
            errors.append('frame %d: no RTE_MBUF_F_RX_RSS_HASH' % i)
    check(len(dump) == len(frames) and st['rx_packets'] == len(frames),
          '%s: nicpmd1 dumped %d frames, counted %d, sent %d%s' %
          (what, len(dump), st['rx_packets'], len(frames),
           ('; ' + errors[0]) if errors else ''))
    check(not errors, '%s: %d errors: %s' % (what, len(errors),
                                             ' | '.join(errors[:4])))
    return hashed, queues


def t_rss_udp_flows(ctx):
    """DTS pmdrss_hash: each frame's hash and queue against the oracle."""
    check_oracle()
    l3 = {'ipv4', 'ipv4-frag', 'ipv4-other', 'ipv6', 'ipv6-frag',
          'ipv6-other'}
    errors = []

    # Phase 1: testpmd's default with --rxq=4 (IP), the default key/RETA.
    frames = _flows(1)
    topo = RssTopo(ctx, [f for f, _ in frames], 'default')
    topo.start()
    funcs, key = parse_rss_key(topo.t.cmd('show port %d rss-hash key' %
                                          topo.n1))
    check(key == MS_KEY, 'default key %s' % (key.hex() if key else None))
    reta = show_reta(topo.t, topo.n1)
    try:
        hashed, queues = _verify(topo, frames, set(funcs), key, reta,
                                 'rss ip, default key')
        check(queues == set(range(NQ)), 'rss ip: only queues %s used' %
              sorted(queues))
    except tp.Fail as e:
        errors.append(str(e))
    topo.t.close()

    # Phase 2: rss udp; TCP frames match no type -> queue 0, no hash.
    frames = _flows(2)
    topo = RssTopo(ctx, [f for f, _ in frames], 'udp')
    topo.start()
    topo.t.cmd('port config all rss udp')
    funcs, key = parse_rss_key(topo.t.cmd('show port %d rss-hash key' %
                                          topo.n1))
    check(set(funcs) == {'ipv4-udp', 'ipv6-udp'}, 'rss udp: functions %s'
          % funcs)
    try:
        _verify(topo, frames, set(funcs), key, show_reta(topo.t, topo.n1),
                'rss udp')
    except tp.Fail as e:
        errors.append(str(e))
    topo.t.close()

    # Phase 3: all types, a new key and a new RETA on the RSS port.
    frames = _flows(3)
    topo = RssTopo(ctx, [f for f, _ in frames], 'key_reta')
    topo.start()
    topo.t.cmd('port config all rss all')
    newkey = _key(33)
    topo.cmd('port config %d rss-hash-key ipv4-udp %s' % (topo.n1,
                                                          newkey.hex()))
    topo.t.cmd('port config all rss all')   # the key command narrowed it
    rnd = random.Random(34)
    want_reta = [rnd.randrange(NQ) for _ in range(RETA_SIZE)]
    for base in range(0, RETA_SIZE, 8):
        topo.cmd('port config %d rss reta ' % topo.n1 + ''.join(
            '(%d,%d)' % (i, want_reta[i]) for i in range(base, base + 8)))
    funcs, key = parse_rss_key(topo.t.cmd('show port %d rss-hash key' %
                                          topo.n1))
    check(key == newkey, 'key shown %s, set %s' %
          (key.hex() if key else None, newkey.hex()))
    reta = show_reta(topo.t, topo.n1)
    check(reta == want_reta, 'RETA shown differs from the one set')
    check(l3 <= set(funcs), 'rss all: functions %s' % funcs)
    try:
        _verify(topo, frames, set(funcs), newkey, reta,
                'rss all, new key, new RETA')
    except tp.Fail as e:
        errors.append(str(e))
    topo.t.close()
    check(not errors, ' || '.join(errors))


def _tunnel_flows(seed, n=96):
    """[(raw frame, info)]: VXLAN (4789) frames whose outer headers are all
    alike and whose inner flows vary, VXLAN to 4790 (no tunnel port) and
    plain UDP frames. info has the inner tuple (inner) and the outer one
    (outer), each as _expect() takes it."""
    s = scapy()
    from scapy.layers.vxlan import VXLAN
    rnd = random.Random(seed)

    def v4():
        return '%d.%d.%d.%d' % (rnd.randrange(1, 224), rnd.randrange(256),
                                rnd.randrange(256), rnd.randrange(1, 255))

    def v6():
        return ':'.join('%x' % rnd.randrange(65536) for _ in range(8))

    frames = []
    o_src, o_dst, o_sport = '192.0.2.1', '198.51.100.7', 51000
    for i in range(n):
        kind = ('udp4', 'tcp4', 'udp6', 'vx4790', 'plain')[i % 5]
        ik = 'tcp4' if kind == 'tcp4' else 'udp6' if kind == 'udp6' \
            else 'udp4'
        a, b = (v6(), v6()) if ik == 'udp6' else (v4(), v4())
        sp, dp = rnd.randrange(1, 65536), rnd.randrange(1, 65536)
        l3 = s.IPv6(src=a, dst=b) if ik == 'udp6' else s.IP(src=a, dst=b)
        l4 = s.TCP(sport=sp, dport=dp) if ik == 'tcp4' else \
            s.UDP(sport=sp, dport=dp)
        inner = {'kind': ik, 'src': a, 'dst': b, 'sport': sp, 'dport': dp}
        eth = s.Ether(dst=BCAST, src=_src_mac(i))
        if kind == 'plain':
            p = eth / l3 / l4
            outer = inner
        else:
            port = 4790 if kind == 'vx4790' else 4789
            p = eth / s.IP(src=o_src, dst=o_dst) / \
                s.UDP(sport=o_sport, dport=port) / VXLAN(vni=7) / \
                s.Ether(dst='02:00:00:00:01:01', src='02:00:00:00:01:02') / \
                l3 / l4
            outer = {'kind': 'udp4', 'src': o_src, 'dst': o_dst,
                     'sport': o_sport, 'dport': port}
            if kind == 'vx4790':
                inner = outer       # not a tunnel to the device
        raw = bytes(p / s.Raw(bytes(rnd.randrange(256) for _ in range(
            rnd.randrange(8, 64)))))
        frames.append((raw, {'inner': inner, 'outer': outer}))
    return frames


def t_rss_inner_level(ctx):
    """RSS on inner headers: 'port config all rss level-inner' hashes a
    VXLAN frame by its inner tuple, 'level-outer' by its outer one (the
    same for every frame here); plain frames and VXLAN to a port not in
    the tunnel table hash by their own headers either way."""
    check_oracle()
    errors = []
    for level in ('inner', 'outer'):
        frames = _tunnel_flows(40 + len(level))
        topo = RssTopo(ctx, [f for f, _ in frames], 'level_' + level)
        topo.start()
        # 'all' ports: the pcap ones have no RSS and say so; nicpmd1
        # must take the types and then the level.
        for arg in ('all', 'level-' + level):
            out = topo.t.cmd('port config all rss %s' % arg)
            check(not re.search(r'ethernet port %d failed' % topo.n1, out),
                  'rss %s: %s' % (arg, ' '.join(out.split())))
        funcs, key = parse_rss_key(topo.t.cmd('show port %d rss-hash key' %
                                              topo.n1))
        reta = show_reta(topo.t, topo.n1)
        try:
            hashed, queues = _verify(
                topo, [(f, i[level]) for f, i in frames], set(funcs), key,
                reta, 'rss all level-%s' % level)
            check(hashed == len(frames), 'level-%s: %d of %d hashed' %
                  (level, hashed, len(frames)))
            if level == 'inner':
                check(queues == set(range(NQ)), 'level-inner: only queues '
                      '%s used' % sorted(queues))
        except tp.Fail as e:
            errors.append(str(e))
        topo.t.close()
    check(not errors, ' || '.join(errors))


TESTS = [
    ('port_info', t_rss_port_info),
    ('config_types', t_rss_config_types),
    ('config_reta', t_rss_config_reta),
    ('config_key', t_rss_config_key),
    ('udp_flows', t_rss_udp_flows),
    ('inner_level', t_rss_inner_level),
]

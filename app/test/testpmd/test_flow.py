# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""rte_flow tests mirroring DTS's flow_offload and rss.key_hash_algorithm,
driven through dpdk-testpmd's 'flow' commands.

Run by run_testpmd_tests.py as flow/<name>. Traffic goes

  scapy -> in.pcap -> net_pcap0 -> net_nicpmd0 =cable= net_nicpmd1 (rules)
        -> net_pcap1 -> out1_<queue>.pcap

with 'set verbose 1' (the queue, RSS hash and FDIR mark of every frame
nicpmd1 receives) and io forwarding (the frames as nicpmd1 delivered them
end up in pcap1's capture files). Every frame sent has a length of its
own, by which both are matched to what was sent (rules may rewrite any
address, never a length).

The oracle is an evaluator of rte_flow rule sets written here, on scapy's
view of each frame (layers and fields, not the device's byte windows):
groups, priorities, jump, passthru, isolation, queue/drop/rss fates, mark
and flag, header rewrites (scapy recomputes the checksums), the RSS
functions, and the port's own RSS (testpmd's default with --rxq=4: IPv4
and IPv6 addresses, Microsoft key, RETA i % 4) for frames no rule steers.
"""

import ipaddress
import os
import random
import re
import struct

import tp
import test_rss as rss


NQ = 4
RETA = [i % NQ for i in range(128)]
BCAST = 'ff:ff:ff:ff:ff:ff'


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


# ---- rules, as testpmd takes them and as the evaluator reads them -----------

# Item -> scapy layer name and {testpmd field: (scapy field, kind)}.
ITEMS = {
    'eth': ('Ether', {'src': ('src', 'mac'), 'dst': ('dst', 'mac'),
                      'type': ('type', 'int')}),
    'vlan': ('Dot1Q', {'vid': ('vlan', 'int'), 'pcp': ('prio', 'int')}),
    'ipv4': ('IP', {'src': ('src', 'ip'), 'dst': ('dst', 'ip'),
                    'ttl': ('ttl', 'int'), 'tos': ('tos', 'int'),
                    'proto': ('proto', 'int')}),
    'ipv6': ('IPv6', {'src': ('src', 'ip'), 'dst': ('dst', 'ip'),
                      'hop': ('hlim', 'int'), 'tc': ('tc', 'int')}),
    'tcp': ('TCP', {'src': ('sport', 'int'), 'dst': ('dport', 'int'),
                    'flags': ('flags', 'int')}),
    'udp': ('UDP', {'src': ('sport', 'int'), 'dst': ('dport', 'int')}),
    'sctp': ('SCTP', {'src': ('sport', 'int'), 'dst': ('dport', 'int'),
                      'tag': ('tag', 'int')}),
    'icmp': ('ICMP', {'type': ('type', 'int'), 'code': ('code', 'int'),
                      'ident': ('id', 'int'), 'seq': ('seq', 'int')}),
    'arp_eth_ipv4': ('ARP', {'spa': ('psrc', 'ip'), 'tpa': ('pdst', 'ip'),
                             'opcode': ('op', 'int')}),
}

# RSS types as testpmd names them -> (L3, L4 or None).
RSS_TYPES = {
    'ipv4': ('ipv4', None), 'ipv4-udp': ('ipv4', 'udp'),
    'ipv4-tcp': ('ipv4', 'tcp'), 'ipv6': ('ipv6', None),
    'ipv6-udp': ('ipv6', 'udp'), 'ipv6-tcp': ('ipv6', 'tcp'),
}


class Rule:
    """A flow rule: attributes, items [(name, {field: cond})], actions.

    A cond is ('is', v), ('mask', v, m) or ('range', lo, hi) (16-bit
    fields only). Actions are
    (name, arg) with name one of queue, drop, rss, jump, passthru, mark,
    flag, count, set_ipv4_src/dst, set_mac_dst, set_tp_src/dst, set_ttl,
    dec_ttl.
    """

    def __init__(self, group, prio, items, actions):
        self.group, self.prio = group, prio
        self.items, self.actions = items, actions
        self.id = None

    def pattern(self):
        parts = []
        for name, fields in self.items:
            s = name
            for f, c in fields.items():
                if c[0] == 'is':
                    s += ' %s is %s' % (f, c[1])
                elif c[0] == 'mask':
                    s += ' %s spec %s %s mask %s' % (f, c[1], f, c[2])
                else:
                    # testpmd leaves the mask out for spec/last (then the
                    # item's default mask would apply): give it.
                    s += ' %s spec %s %s last %s %s mask 0xffff' % (
                        f, c[1], f, c[2], f)
            parts.append(s)
        return ' / '.join(parts)

    def action_str(self):
        parts = []
        for name, arg in self.actions:
            if name == 'queue':
                parts.append('queue index %d' % arg)
            elif name == 'jump':
                parts.append('jump group %d' % arg)
            elif name == 'mark':
                parts.append('mark id %d' % arg)
            elif name == 'rss':
                func, types, queues = arg
                parts.append('rss types %s end queues %s end func %s' %
                             (' '.join(types), ' '.join(map(str, queues)),
                              func))
            elif name in ('set_ipv4_src', 'set_ipv4_dst'):
                parts.append('%s ipv4_addr %s' % (name, arg))
            elif name in ('set_mac_src', 'set_mac_dst'):
                parts.append('%s mac_addr %s' % (name, arg))
            elif name in ('set_tp_src', 'set_tp_dst'):
                parts.append('%s port %d' % (name, arg))
            elif name == 'set_ttl':
                parts.append('set_ttl ttl_value %d' % arg)
            else:
                parts.append(name)
        return ' / '.join(parts)

    def command(self, verb, port):
        return 'flow %s %d group %d priority %d ingress pattern %s / end ' \
               'actions %s / end' % (verb, port, self.group, self.prio,
                                     self.pattern(), self.action_str())


def _mac_int(m):
    return int(m.replace(':', ''), 16)


def _ip_int(a):
    return int(ipaddress.ip_address(a))


def _value(p, layer, field, kind):
    v = getattr(p[layer], field)
    if kind == 'mac':
        return _mac_int(v)
    if kind == 'ip':
        return _ip_int(v)
    return int(v)


def _cond_ok(v, c, kind):
    conv = {'mac': _mac_int, 'ip': _ip_int}.get(kind, int)
    if c[0] == 'is':
        return v == conv(c[1])
    if c[0] == 'mask':
        m = conv(c[2])
        return v & m == conv(c[1]) & m
    return conv(c[1]) <= v <= conv(c[2])


def _frag(p):
    s = scapy()
    return s.IP in p and (p[s.IP].flags.MF or p[s.IP].frag != 0)


def _has(p, item):
    """The frame has the header the item names, where the device looks."""
    s = scapy()
    layer = ITEMS[item][0]
    if item in ('tcp', 'udp', 'sctp', 'icmp') and _frag(p):
        return False     # a fragment has no L4 header to match
    if item == 'icmp' and s.IP not in p:
        return False
    return p.haslayer(layer)


def matches(rule, p):
    for item, fields in rule.items:
        if not _has(p, item):
            return False
        layer = ITEMS[item][0]
        for f, c in fields.items():
            sfield, kind = ITEMS[item][1][f]
            if not _cond_ok(_value(p, layer, sfield, kind), c, kind):
                return False
    return True


# ---- what the device must do with a frame -----------------------------------

def port_hash(p):
    """testpmd's default RSS (IP types): the 2-tuple Toeplitz, or None."""
    s = scapy()
    if s.IP in p:
        return rss.toeplitz(rss.MS_KEY, rss.rss_input(p[s.IP].src,
                                                      p[s.IP].dst))
    if s.IPv6 in p:
        return rss.toeplitz(rss.MS_KEY, rss.rss_input(p[s.IPv6].src,
                                                      p[s.IPv6].dst))
    return None


def rss_hash(p, func, types):
    """The hash of an RSS rule (spec, "Flow RSS"), or None: no type."""
    s = scapy()
    l3 = 'ipv4' if s.IP in p else 'ipv6' if s.IPv6 in p else None
    if l3 is None:
        return None
    ip = p[s.IP] if l3 == 'ipv4' else p[s.IPv6]
    names = types or list(RSS_TYPES)
    ports = None
    for t in names:
        tl3, tl4 = RSS_TYPES[t]
        if tl3 == l3 and tl4 is not None and not _frag(p):
            lay = s.TCP if tl4 == 'tcp' else s.UDP
            if lay in p:
                ports = (p[lay].sport, p[lay].dport)
    if ports is None and not any(RSS_TYPES[t] == (l3, None) for t in names):
        return None
    a, b = ipaddress.ip_address(ip.src).packed, \
        ipaddress.ip_address(ip.dst).packed
    sp, dp = ports if ports else (None, None)
    if func == 'symmetric_toeplitz':
        a = b = bytes(x ^ y for x, y in zip(a, b))
        if ports:
            sp = dp = sp ^ dp
    data = a + b + (struct.pack('>HH', sp, dp) if ports else b'')
    if func == 'simple_xor':
        h = 0
        for i in range(0, len(data), 4):
            h ^= struct.unpack('>I', data[i:i + 4])[0]
        return h
    return rss.toeplitz(rss.MS_KEY, data)


def rewrite(p, rule, name, arg):
    s = scapy()
    names = [i for i, _ in rule.items]
    if name == 'set_ipv4_src':
        p[s.IP].src = arg
    elif name == 'set_ipv4_dst':
        p[s.IP].dst = arg
    elif name == 'set_mac_dst':
        p[s.Ether].dst = arg
    elif name == 'set_mac_src':
        p[s.Ether].src = arg
    elif name in ('set_tp_src', 'set_tp_dst'):
        lay = p[s.TCP] if 'tcp' in names else p[s.UDP]
        if name == 'set_tp_src':
            lay.sport = arg
        else:
            lay.dport = arg
    elif name in ('set_ttl', 'dec_ttl'):
        ip = p[s.IP] if 'ipv4' in names else p[s.IPv6]
        attr = 'ttl' if 'ipv4' in names else 'hlim'
        v = getattr(ip, attr)
        setattr(ip, attr, arg if name == 'set_ttl' else max(v - 1, 0))
    else:
        return False
    return True


def rebuilt(p):
    """The frame with its checksums as the device leaves them."""
    s = scapy()
    q = p.copy()
    # A fragment has no L4 header for the device: its checksum stays.
    for lay in (s.IP,) if _frag(q) else (s.IP, s.TCP, s.UDP):
        if lay in q:
            q[lay].chksum = None
    return bytes(q)


def evaluate(rules, frame, isolated=False, reta=RETA):
    """What the device must do with frame (bytes) under rules.

    Returns None (dropped) or a dict: queue, hash (None: no hash), mark
    (None, 'flag' or an id), out (the frame as delivered), hits
    (rule ids that matched).
    """
    s = scapy()
    p = s.Ether(frame)
    groups = {}
    for r in rules:
        groups.setdefault(r.group, []).append(r)
    for g in groups.values():
        g.sort(key=lambda r: r.prio)
    g, pos, mark, hits, modified = 0, 0, None, [], False
    res = None
    while True:
        cand = groups.get(g, [])[pos:]
        hit = next((i for i, r in enumerate(cand) if matches(r, p)), None)
        if hit is None:
            if isolated:
                return {'drop': True, 'hits': hits}
            res = ('default', None)
            break
        r = cand[hit]
        hits.append(r)
        fate = ('default', None)
        for name, arg in r.actions:
            if name == 'mark':
                mark = arg
            elif name == 'flag':
                mark = mark if mark is not None else 'flag'
            elif rewrite(p, r, name, arg):
                modified = True
            elif name in ('queue', 'drop', 'rss', 'jump', 'passthru'):
                fate = (name, arg)
        if fate[0] == 'jump':
            g, pos = fate[1], 0
            continue
        if fate[0] == 'passthru':
            pos += hit + 1
            continue
        res = fate
        break
    if res[0] == 'drop':
        return {'drop': True, 'hits': hits}
    out = rebuilt(p) if modified else frame
    p = s.Ether(out)
    if res[0] == 'rss':
        func, types, queues = res[1]
        table = [queues[i % len(queues)] for i in range(128)] if queues \
            else reta
        h = rss_hash(p, func, types)
        queue, hsh = (table[h % 128], h) if h is not None else \
            (table[0], None)
    else:
        hsh = port_hash(p)
        queue = res[1] if res[0] == 'queue' else \
            (reta[hsh % 128] if hsh is not None else 0)
    if isinstance(mark, int):
        hsh = None       # the write-back carries the mark instead
    return {'drop': False, 'queue': queue, 'hash': hsh, 'mark': mark,
            'out': out, 'hits': hits}


# ---- the topology --------------------------------------------------------------

def parse_dump(text, port):
    """nicpmd1's verbose Rx dump -> {length: [entry]}, entry with queue,
    hash (or None) and mark (None, 'flag' or an id)."""
    out = {}
    for d in rss.parse_rx_dump(text, port):
        line = d['line']
        m = re.search(r'FDIR matched (?:ID=(0x[0-9a-f]+)|hash=)', line)
        d['mark'] = None if not m else \
            (int(m.group(1), 16) if m.group(1) else 'flag')
        m = re.search(r'length=(\d+)', line)
        out.setdefault(int(m.group(1)) if m else -1, []).append(d)
    return out


class Topo:
    """pcap0 -> nicpmd0 =cable= nicpmd1 (4 queues, the rules) -> pcap1."""

    def __init__(self, ctx, frames, tag):
        s = scapy()
        self.ctx = ctx
        self.frames = frames
        self.dir = os.path.join(ctx.dir, tag)
        os.makedirs(self.dir, exist_ok=True)
        inp = os.path.join(self.dir, 'in.pcap')
        empty = os.path.join(self.dir, 'empty.pcap')
        s.wrpcap(inp, [s.Ether(f) for f in frames])
        with open(empty, 'wb') as f:
            f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        self.outs = [os.path.join(self.dir, 'out1_%d.pcap' % q)
                     for q in range(NQ)]

        def pcap(idx, first_rx, tx):
            rx = [first_rx] + [empty] * (NQ - 1)
            return 'net_pcap%d,' % idx + ','.join(
                ['rx_pcap=' + r for r in rx] + ['tx_pcap=' + x for x in tx])

        sink = [os.path.join(self.dir, 'out0_%d.pcap' % q) for q in range(NQ)]
        c = ctx.cable()
        ctx.log.write('\n==== phase %s: %d frames\n' % (tag, len(frames)))
        self.t = ctx.testpmd(
            [pcap(0, inp, sink), ctx.nic(0, 'peer:' + c, 'queues=4'),
             ctx.nic(1, 'peer:' + c, 'queues=4'), pcap(1, empty, self.outs)],
            app=['--no-flush-rx', '--disable-device-start',
                 '--rxq=%d' % NQ, '--txq=%d' % NQ])
        ids = tp.port_ids_by_name(self.t)
        names = ('net_pcap0', 'net_nicpmd0', 'net_nicpmd1', 'net_pcap1')
        for n in names:
            check(n in ids, 'port %s missing: %r' % (n, ids))
        self.p0, self.n0, self.n1, self.p1 = [ids[n] for n in names]
        self.t.cmd('port start all')
        self.t.cmd('set promisc all on')

    def create(self, rules):
        """flow create every rule on nicpmd1; ids recorded."""
        for r in rules:
            out = self.t.cmd(r.command('create', self.n1))
            m = re.search(r'Flow rule #(\d+) created', out)
            if not m:
                fail('%s: %s' % (r.command('create', self.n1),
                                 ' '.join(out.split())[:300]))
            r.id = int(m.group(1))

    def run(self, expect_rx):
        """io forwarding until expect_rx frames reached nicpmd1."""
        t = self.t
        t.cmd('set portlist %d,%d,%d,%d' % (self.p0, self.n0, self.n1,
                                            self.p1))
        t.cmd('set fwd io')
        t.cmd('set verbose 1')
        mark = len(t.output)
        t.send_drain('start', lambda x: sum(len(v) for v in parse_dump(
            x, self.n1).values()) >= expect_rx, timeout=20)
        t.cmd('stop')
        t.cmd('set verbose 0')
        return parse_dump(t.output[mark:], self.n1)

    def query(self, rule):
        out = self.t.cmd('flow query %d %d count' % (self.n1, rule.id))
        m = re.search(r'hits:\s+(\d+)', out)
        check(m, 'flow query %d: %s' % (rule.id, ' '.join(out.split())))
        return int(m.group(1))

    def xstat(self, name):
        out = self.t.cmd('show port xstats %d' % self.n1)
        m = re.search(r'\b%s:\s+(\d+)' % name, out)
        check(m, 'no xstat %s' % name)
        return int(m.group(1))

    def captured(self):
        """Close testpmd (pcap1's files complete) -> {length: [bytes]}."""
        s = scapy()
        self.t.close()
        got = {}
        for path in self.outs:
            if os.path.exists(path) and os.path.getsize(path) > 24:
                for p in s.rdpcap(path):
                    got.setdefault(len(p), []).append(bytes(p))
        return got


def src_mac(i, cls=0):
    return '02:00:00:00:%02x:%02x' % (cls, i & 0xff)


def unique_lengths(frames, base=128):
    """Pad frame i to base + i bytes: its length identifies it."""
    out = []
    for i, f in enumerate(frames):
        want = base + i
        check(len(f) <= want, 'frame %d of %d bytes, over %d' % (
            i, len(f), want))
        out.append(f + bytes(want - len(f)))
    return out


def verify(topo, rules, frames, what, isolated=False, reta=RETA):
    """Run the frames through; every one against the evaluator."""
    s = scapy()
    expect = [evaluate(rules, f, isolated, reta) for f in frames]
    nrx = sum(1 for e in expect if not e['drop'])
    dump = topo.run(nrx)
    hits = {}
    for e in expect:
        for r in e['hits']:
            hits[id(r)] = hits.get(id(r), 0) + 1
    counted = [(r, topo.query(r)) for r in rules
               if ('count', None) in r.actions]
    drops = sum(1 for e in expect if e['drop'] and e['hits'] and
                any(a[0] == 'drop' for a in e['hits'][-1].actions))
    xdrops = topo.xstat('rx_flow_drops')
    got = topo.captured()
    topo.ctx.log.write('\n%s: %d frames, %d dropped, %d rewritten, %d '
                       'marked or flagged, queues %s\n' % (
                           what, len(frames), len(frames) - nrx,
                           sum(1 for f, e in zip(frames, expect)
                               if not e['drop'] and e['out'] != f),
                           sum(1 for e in expect
                               if not e['drop'] and e['mark'] is not None),
                           sorted({e['queue'] for e in expect
                                   if not e['drop']})))
    errors = []
    for i, (f, e) in enumerate(zip(frames, expect)):
        seen = dump.get(len(f), [])
        desc = '#%d %s' % (i, s.Ether(f).summary())
        if e['drop']:
            if seen:
                errors.append('%s: not dropped (queue %d)' %
                              (desc, seen[0]['queue']))
            continue
        if len(seen) != 1:
            errors.append('%s: received %d times, expected once on queue '
                          '%d' % (desc, len(seen), e['queue']))
            continue
        d = seen[0]
        if d['queue'] != e['queue']:
            errors.append('%s: queue %d, expected %d (rules hit: %s)' % (
                desc, d['queue'], e['queue'],
                [r.id for r in e['hits']]))
        if d['hash'] != e['hash']:
            errors.append('%s: RSS hash %s, expected %s' % (
                desc, d['hash'] and hex(d['hash']),
                e['hash'] and hex(e['hash'])))
        if d['mark'] != e['mark']:
            errors.append('%s: mark %r, expected %r' % (desc, d['mark'],
                                                        e['mark']))
        out = got.get(len(f), [])
        if out != [e['out']]:
            errors.append('%s: delivered bytes differ from the rewrite '
                          'expected (%d captured)' % (desc, len(out)))
    for r, n in counted:
        if n != hits.get(id(r), 0):
            errors.append('rule %d (%s): %d hits counted, %d expected' % (
                r.id, r.pattern(), n, hits.get(id(r), 0)))
    if xdrops != drops:
        errors.append('rx_flow_drops %d, expected %d' % (xdrops, drops))
    check(not errors, '%s: %d errors: %s' % (what, len(errors),
                                              ' | '.join(errors[:5])))


# ---- randomized rule sets -----------------------------------------------------

IP4 = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '192.168.1.1', '192.168.1.2']
IP6 = ['2001:db8::1', '2001:db8::2', '2001:db8::3']
PORTS = [53, 80, 443, 1000, 1003, 1007, 5000]
DSTS = [BCAST, '02:00:00:00:ee:01', '02:00:00:00:ee:02']


def random_frames(rnd, n):
    s = scapy()
    frames = []
    for i in range(n):
        cls = rnd.randrange(4)
        eth = s.Ether(src=src_mac(i, cls), dst=rnd.choice(DSTS))
        tags = rnd.choice([0, 0, 0, 1, 1, 2])
        p = eth
        for _ in range(tags):
            p = p / s.Dot1Q(vlan=rnd.choice([100, 200, 300]),
                            prio=rnd.choice([0, 3, 7]))
        kind = rnd.choice(['ipv4'] * 6 + ['ipv6'] * 3 + ['arp', 'other'])
        if kind == 'ipv4':
            ip = s.IP(src=rnd.choice(IP4), dst=rnd.choice(IP4),
                      ttl=rnd.choice([1, 64, 128]),
                      tos=rnd.choice([0, 4, 0x10]))
            if rnd.random() < 0.06:
                ip.flags = 'MF'
            p = p / ip
            l4 = rnd.choice(['tcp', 'udp', 'udp', 'sctp', 'icmp', 'none'])
        elif kind == 'ipv6':
            p = p / s.IPv6(src=rnd.choice(IP6), dst=rnd.choice(IP6),
                           hlim=rnd.choice([1, 64, 255]),
                           tc=rnd.choice([0, 4]))
            l4 = rnd.choice(['tcp', 'udp', 'udp', 'none'])
        elif kind == 'arp':
            p = p / s.ARP(op=rnd.choice([1, 2]), psrc=rnd.choice(IP4),
                          pdst=rnd.choice(IP4))
            l4 = 'none'
        else:
            p = p / s.Raw(b'\x88\xb5')
            p[s.Ether].type = 0x88b5 if tags == 0 else p[s.Ether].type
            l4 = 'none'
        if l4 == 'tcp':
            p = p / s.TCP(sport=rnd.choice(PORTS), dport=rnd.choice(PORTS),
                          flags=rnd.choice(['S', 'A', 'PA']))
        elif l4 == 'udp':
            p = p / s.UDP(sport=rnd.choice(PORTS), dport=rnd.choice(PORTS))
        elif l4 == 'sctp':
            p = p / s.SCTP(sport=rnd.choice(PORTS), dport=rnd.choice(PORTS),
                           tag=rnd.choice([1, 7]))
        elif l4 == 'icmp':
            p = p / s.ICMP(type=rnd.choice([0, 8]), id=i)
        p = p / s.Raw(b'FLOW%04d' % i)
        frames.append(bytes(p))
    return unique_lengths(frames)


def _field(rnd, item):
    """A random condition on one field of item."""
    if item == 'eth':
        if rnd.random() < 0.5:
            return 'dst', ('is', rnd.choice(DSTS))
        return 'src', ('mask', src_mac(0, rnd.randrange(4)),
                       'ff:ff:ff:ff:ff:00')
    if item == 'vlan':
        return rnd.choice([('vid', ('is', rnd.choice([100, 200, 300]))),
                           ('pcp', ('is', rnd.choice([0, 3, 7])))])
    if item == 'ipv4':
        return rnd.choice([
            ('src', ('is', rnd.choice(IP4))),
            ('dst', ('mask', rnd.choice(['10.0.0.0', '192.168.1.0']),
                     '255.255.255.0')),
            ('ttl', ('is', rnd.choice([1, 64, 128]))),
            ('tos', ('is', rnd.choice([0, 4, 0x10])))])
    if item == 'ipv6':
        return rnd.choice([('src', ('is', rnd.choice(IP6))),
                           ('dst', ('is', rnd.choice(IP6))),
                           ('hop', ('is', rnd.choice([1, 64, 255])))])
    if item in ('tcp', 'udp', 'sctp'):
        f = rnd.choice(['src', 'dst'])
        if rnd.random() < 0.4:
            lo = rnd.choice([50, 900, 1000])
            return f, ('range', lo, lo + rnd.choice([10, 500]))
        return f, ('is', rnd.choice(PORTS))
    if item == 'icmp':
        return 'type', ('is', rnd.choice([0, 8]))
    # testpmd 22.11 has no arp_eth_ipv4 opcode (the C tests match it).
    return rnd.choice([('spa', ('is', rnd.choice(IP4))),
                       ('tpa', ('is', rnd.choice(IP4)))])


def random_pattern(rnd):
    stack = []
    if rnd.random() < 0.8:
        stack.append('eth')
    if rnd.random() < 0.2:
        stack.append('vlan')
    l3 = rnd.choice(['ipv4', 'ipv4', 'ipv6', 'arp_eth_ipv4', None])
    if l3:
        stack.append(l3)
    if l3 == 'ipv4' and rnd.random() < 0.6:
        stack.append(rnd.choice(['tcp', 'udp', 'sctp', 'icmp']))
    elif l3 == 'ipv6' and rnd.random() < 0.6:
        stack.append(rnd.choice(['tcp', 'udp']))
    if not stack:
        stack = ['eth']
    items = []
    for it in stack:
        fields = {}
        for _ in range(rnd.choice([0, 1, 1, 2])):
            f, c = _field(rnd, it)
            fields[f] = c
        items.append((it, fields))
    return items


def random_rules(rnd, n):
    rules = []
    prios = {g: rnd.sample(range(1, 1000), n) for g in range(3)}
    for i in range(n):
        g = rnd.choice([0, 0, 0, 1, 2])
        items = random_pattern(rnd)
        names = [it for it, _ in items]
        actions = []
        if rnd.random() < 0.5:
            actions.append(('count', None))
        fates = ['queue', 'queue', 'drop', 'rss', 'passthru', 'none']
        if g < 2:
            fates += ['jump', 'jump']
        fate = rnd.choice(fates)
        if fate != 'rss' and rnd.random() < 0.3:
            actions.append(('mark', rnd.randrange(1, 1 << 20)))
        elif rnd.random() < 0.1:
            actions.append(('flag', None))
        if fate not in ('drop', 'rss') and rnd.random() < 0.35:
            mods = [('set_mac_dst', '02:00:00:00:dd:%02x' % i),
                    ('set_mac_src', '02:00:00:00:dc:%02x' % i)]
            if 'ipv4' in names:
                mods += [('set_ipv4_dst', rnd.choice(IP4)),
                         ('set_ipv4_src', '172.16.0.%d' % i),
                         ('set_ttl', rnd.choice([9, 200])),
                         ('dec_ttl', None)]
            if 'ipv6' in names:
                mods += [('dec_ttl', None)]
            if 'tcp' in names or 'udp' in names:
                mods += [('set_tp_src', rnd.choice(PORTS)),
                         ('set_tp_dst', 4242)]
            actions += rnd.sample(mods, min(len(mods), rnd.choice([1, 1, 2])))
        if fate == 'queue':
            actions.append(('queue', rnd.randrange(NQ)))
        elif fate == 'rss':
            func = rnd.choice(['toeplitz', 'symmetric_toeplitz',
                               'simple_xor', 'default'])
            types = rnd.choice([[], ['ipv4-udp'], ['ipv4', 'ipv6'],
                                ['ipv4-tcp', 'ipv6-udp', 'ipv6']])
            queues = rnd.choice([[], [1, 2], [3, 0, 2]])
            actions.append(('rss', (func, types, queues)))
        elif fate == 'jump':
            actions.append(('jump', rnd.randrange(g + 1, 3)))
        elif fate != 'none':
            actions.append((fate, None))
        if not actions:
            actions.append(('count', None))
        rules.append(Rule(g, prios[g][i], items, actions))
    return rules


def _random_run(ctx, seed, isolated=False):
    rnd = random.Random(seed)
    frames = random_frames(rnd, 160)
    rules = random_rules(rnd, 28)
    topo = Topo(ctx, frames, 'seed%d' % seed)
    try:
        if isolated:
            out = topo.t.cmd('flow isolate %d true' % topo.n1)
            check(not re.search(r'error|fail', out, re.I),
                  'flow isolate: %s' % ' '.join(out.split()))
        topo.create(rules)
        verify(topo, rules, frames, 'seed %d%s' % (
            seed, ', isolated' if isolated else ''), isolated)
    finally:
        topo.t.close()


def _run_seed(ctx, seed, isolated):
    ctx.log.write('NICPMD_FLOW_SEED=%d\n' % seed)
    try:
        _random_run(ctx, seed, isolated)
    except tp.Fail as e:
        raise tp.Fail('NICPMD_FLOW_SEED=%d: %s' % (seed, e))


def _seed():
    """NICPMD_FLOW_SEED: a number to replay one a failure named, or
    "random" for a new rule set each run (explore before a change lands);
    default a fixed one, so the test command's verdict does not depend on
    the draw (seed 316011 finds an open bug: issue 13's notes)."""
    v = os.environ.get('NICPMD_FLOW_SEED', '20261203')
    if v == 'random':
        return random.SystemRandom().randrange(1 << 20)
    return int(v)


def t_random_rules(ctx):
    """28 random rules over 3 groups, 160 random frames: two fixed seeds
    and a random one."""
    for seed in (13, 2026, _seed()):
        _run_seed(ctx, seed, False)


def t_random_rules_isolated(ctx):
    """Isolated mode: frames no rule takes are dropped (a random seed)."""
    _run_seed(ctx, _seed(), True)


# ---- DTS's flow_offload cases ------------------------------------------------

# The fields and values flow_offload matches (its PROTOCOLS), testpmd
# name -> values; arp_eth_ipv4's opcode is left out: testpmd 22.11 does
# not parse it (the C tests match it).
DTS_FIELDS = {
    'eth': [('src', ['02:00:00:00:00:00']), ('dst', ['02:00:00:00:00:02'])],
    'ipv4': [('src', ['192.168.1.1']), ('dst', ['192.168.1.2']),
             ('ttl', [64, 128]), ('tos', [0, 4])],
    'ipv6': [('src', ['2001:db8::1']), ('dst', ['2001:db8::2']),
             ('tc', [0, 4]), ('hop', [64, 128])],
    'tcp': [('src', [1234, 8080]), ('dst', [80, 443]), ('flags', [2, 16])],
    'udp': [('src', [5000]), ('dst', [53, 123])],
    'vlan': [('vid', [100, 200]), ('pcp', [0, 7])],
    'icmp': [('type', [8, 0]), ('code', [0]), ('ident', [0, 1234]),
             ('seq', [0, 1])],
    'sctp': [('src', [2905, 3868]), ('dst', [2905, 3868]),
             ('tag', [1, 12346])],
    'arp_eth_ipv4': [('spa', ['192.168.1.1']), ('tpa', ['192.168.1.2'])],
}

# Its PROTOCOL_STACKS: (item, fields tested or a bare item).
DTS_STACKS = [
    [('eth', True)],
    [('eth', False), ('ipv4', True)],
    [('eth', False), ('ipv4', True), ('tcp', True)],
    [('eth', False), ('ipv4', True), ('udp', True)],
    [('eth', False), ('ipv4', True), ('icmp', True)],
    [('eth', False), ('ipv4', True), ('sctp', True)],
    [('eth', False), ('ipv6', True)],
    [('eth', False), ('ipv6', True), ('tcp', True)],
    [('eth', False), ('ipv6', True), ('udp', True)],
    [('eth', False), ('ipv6', True), ('sctp', True)],
    [('eth', False), ('vlan', True)],
    [('eth', False), ('vlan', True), ('ipv4', True)],
    [('eth', False), ('vlan', False), ('ipv4', True), ('tcp', True)],
    [('eth', False), ('vlan', False), ('ipv4', True), ('udp', True)],
    [('eth', False), ('vlan', False), ('ipv4', True), ('sctp', True)],
    [('eth', False), ('vlan', True), ('ipv6', True)],
    [('eth', False), ('vlan', False), ('ipv6', True), ('tcp', True)],
    [('eth', False), ('vlan', False), ('ipv6', True), ('udp', True)],
    [('eth', False), ('arp_eth_ipv4', True)],
]

# testpmd field -> scapy keyword, per item.
SCAPY_KW = {
    'eth': {'src': 'src', 'dst': 'dst'}, 'vlan': {'vid': 'vlan', 'pcp': 'prio'},
    'ipv4': {'src': 'src', 'dst': 'dst', 'ttl': 'ttl', 'tos': 'tos'},
    'ipv6': {'src': 'src', 'dst': 'dst', 'tc': 'tc', 'hop': 'hlim'},
    'tcp': {'src': 'sport', 'dst': 'dport', 'flags': 'flags'},
    'udp': {'src': 'sport', 'dst': 'dport'},
    'sctp': {'src': 'sport', 'dst': 'dport', 'tag': 'tag'},
    'icmp': {'type': 'type', 'code': 'code', 'ident': 'id', 'seq': 'seq'},
    'arp_eth_ipv4': {'spa': 'psrc', 'tpa': 'pdst'},
}


def dts_packet(stack, values):
    """The packet flow_offload sends for a case, with explicit defaults
    (scapy's would look up routes and MACs of this machine)."""
    s = scapy()
    layers = {
        'eth': lambda kw: s.Ether(**dict({'src': '02:00:00:00:00:09',
                                          'dst': '02:00:00:00:00:01'}, **kw)),
        'vlan': lambda kw: s.Dot1Q(**kw),
        'ipv4': lambda kw: s.IP(**dict({'src': '10.9.0.1',
                                        'dst': '10.9.0.2'}, **kw)),
        'ipv6': lambda kw: s.IPv6(**dict({'src': 'fd00::1', 'dst': 'fd00::2'},
                                         **kw)),
        'tcp': lambda kw: s.TCP(**kw), 'udp': lambda kw: s.UDP(**kw),
        'sctp': lambda kw: s.SCTP(**kw), 'icmp': lambda kw: s.ICMP(**kw),
        'arp_eth_ipv4': lambda kw: s.ARP(**kw),
    }
    p = None
    for item in stack:
        kw = {SCAPY_KW[item][f]: v for f, v in values.get(item, {}).items()}
        lay = layers[item](kw)
        p = lay if p is None else p / lay
    return bytes(p / s.Raw(b'XXXXX'))


def dts_cases():
    """[(items for a Rule, packet)] as flow_offload's generator makes
    them: every combination of one tested field per protocol, each
    value in turn."""
    import itertools
    cases = []
    for stack in DTS_STACKS:
        bare = [p for p, t in stack if not t]
        tested = [p for p, t in stack if t]
        names = [p for p, _ in stack]
        for combo in itertools.product(*[[(p, f) for f in DTS_FIELDS[p]]
                                         for p in tested]):
            for i in range(max(len(f[1]) for _, f in combo)):
                values = {}
                for p, (field, vals) in combo:
                    values.setdefault(p, {})[field] = vals[i % len(vals)]
                items = [(p, {}) for p in bare] + \
                    [(p, {f: ('is', v) for f, v in values[p].items()})
                     for p in tested]
                # The pattern in stack order, as flow_offload writes it.
                items.sort(key=lambda it: names.index(it[0]))
                cases.append((items, dts_packet(names, values)))
    return cases


def _dts_basic():
    """flow_offload's basic transmission packet: matches none of its
    rules."""
    s = scapy()
    return bytes(s.Ether(src='02:00:00:00:00:00', dst='02:00:00:00:00:01') /
                 s.IP(src='192.168.100.1', dst='192.168.100.2') /
                 s.UDP(sport=9999, dport=9998) / s.Raw(b'XXXXX'))


def t_dts_validate(ctx):
    """Every rule flow_offload and rss.key_hash_algorithm try validates
    (the queue and drop ones are created by dts_queue/drop_action); the
    modify, jump and rss ones are also created and destroyed."""
    t = ctx.testpmd([ctx.nic(0, None, 'queues=4')],
                    app=['--rxq=4', '--txq=4'])
    rules = []
    for items, _ in dts_cases():
        rules += [Rule(0, 0, items, [('queue', 2)]),
                  Rule(0, 0, items, [('drop', None)])]
    mods = ['set_ipv4_dst ipv4_addr 192.168.2.1 / queue index 0',
            'set_mac_dst mac_addr 02:00:00:00:00:02 / queue index 0']
    extra = ['flow %%s 0 ingress pattern eth / ipv4 src is 192.168.1.1 / '
             'end actions %s / end' % m for m in mods]
    extra += ['flow %s 0 group 0 ingress pattern eth src is '
              '02:00:00:00:00:00 / end actions jump group 1 / end',
              'flow %s 0 group 1 ingress pattern ipv4 / tcp dst is 443 / end '
              'actions queue index 1 / end']
    queues = ' '.join(str(q) for q in RETA)
    for func in ('default', 'simple_xor', 'toeplitz', 'symmetric_toeplitz'):
        for q in ('', queues):
            extra.append('flow %%s 0 group 0 ingress pattern eth / ipv4 / udp '
                         '/ end actions rss types ipv4-udp end queues %s end '
                         'func %s / end' % (q, func))
    cmds = [r.command('%s', 0) for r in rules] + extra
    bad = []
    for c in cmds:
        out = t.cmd(c % 'validate')
        if 'Flow rule validated' not in out:
            bad.append('%s: %s' % (c % 'validate', ' '.join(out.split())))
            continue
        if c not in extra:
            continue
        out = t.cmd(c % 'create')
        m = re.search(r'Flow rule #(\d+) created', out)
        if not m:
            bad.append('%s: %s' % (c % 'create', ' '.join(out.split())))
            continue
        out = t.cmd('flow destroy 0 rule %s' % m.group(1))
        if 'destroyed' not in out:
            bad.append('destroy %s: %s' % (m.group(1), ' '.join(out.split())))
    check(len(cmds) > 250, 'only %d rules generated' % len(cmds))
    check(not bad, '%d of %d rules refused: %s' % (len(bad), len(cmds),
                                                   ' | '.join(bad[:3])))


def _dts_run(ctx, tag, action_of):
    """The cases in two halves (the table holds 256 rules)."""
    cases = dts_cases()
    half = (len(cases) + 1) // 2
    for part in range(2):
        sel = cases[part * half:(part + 1) * half]
        frames = unique_lengths([pkt for _, pkt in sel] + [_dts_basic()])
        rules = [Rule(0, k, items, action_of(k))
                 for k, (items, _) in enumerate(sel)]
        topo = Topo(ctx, frames, '%s%d' % (tag, part))
        try:
            topo.create(rules)
            verify(topo, rules, frames, '%s, part %d' % (tag, part))
        finally:
            topo.t.close()


def t_dts_queue_action(ctx):
    """flow_offload.queue_action's rules, all at once with priorities by
    case (queues 1-3 in turn), and its packets plus the basic one."""
    _dts_run(ctx, 'queue', lambda k: ([('count', None)] if k % 4 == 0 else
                                      []) + [('queue', k % 3 + 1)])


def t_dts_drop_action(ctx):
    """flow_offload.drop_action's rules and packets: the basic packet
    passes, the rest is dropped and counted."""
    _dts_run(ctx, 'drop', lambda k: [('drop', None)])


def t_dts_modify_jump(ctx):
    """flow_offload.modify_field_action and jump_action's rules and
    packets (two sessions): rewrites checked byte for byte, jumps to
    group 1, misses to the port's RSS."""
    s = scapy()

    def eth(src='02:00:00:00:00:00', dst='02:00:00:00:00:02'):
        return s.Ether(src=src, dst=dst)
    ip = {'src': '10.9.0.1', 'dst': '10.9.0.2'}
    x = s.Raw(b'XXXXX')
    mods = [
        (['ipv4', {'src': ('is', '192.168.1.1')}], 'set_ipv4_dst',
         eth() / s.IP(src='192.168.1.1', dst='10.0.0.1') / s.UDP() / x),
        (['ipv4', {'dst': ('is', '192.168.1.2')}], 'set_ipv4_dst',
         eth() / s.IP(src='10.0.0.1', dst='192.168.1.2') / s.UDP() / x),
        (['ipv4', {'ttl': ('is', 64)}], 'set_ipv4_dst',
         eth() / s.IP(ttl=64, **ip) / s.UDP() / x),
        (['ipv4', {'ttl': ('is', 128)}], 'set_ipv4_dst',
         eth() / s.IP(ttl=128, **ip) / s.UDP() / x),
        (['ipv4', {'tos': ('is', 4)}], 'set_ipv4_dst',
         eth() / s.IP(tos=4, **ip) / s.UDP() / x),
        (['eth', {'src': ('is', '02:00:00:00:00:00')}], 'set_mac_dst',
         eth(dst='02:00:00:00:00:01') / x),
        (['eth', {'dst': ('is', '02:00:00:00:00:02')}], 'set_mac_dst',
         eth() / x),
    ]
    rules, frames = [], [_dts_basic()]
    for k, (item, act, pkt) in enumerate(mods):
        items = [('eth', {})] if item[0] == 'ipv4' else []
        items.append((item[0], item[1]))
        arg = '192.168.2.1' if act == 'set_ipv4_dst' else '02:00:00:00:00:02'
        rules.append(Rule(0, k, items, [(act, arg), ('queue', 0)]))
        frames.append(bytes(pkt))
    topo = Topo(ctx, unique_lengths(frames), 'modify')
    try:
        topo.create(rules)
        verify(topo, rules, unique_lengths(frames), 'modify')
    finally:
        topo.t.close()

    def u(**kw):
        return s.UDP(sport=5000, dport=kw.get('dport', 53))
    jumps = [
        ([('eth', {'src': ('is', '02:00:00:00:00:00')})],
         [('ipv4', {'dst': ('is', '192.168.1.2')})], 2,
         eth() / s.IP(src='192.168.1.1', dst='192.168.1.2') / u(),
         eth(src='02:00:00:00:00:01') /
         s.IP(src='192.168.1.1', dst='192.168.1.2') / u()),
        ([('eth', {'dst': ('is', '02:00:00:00:00:02')})],
         [('ipv4', {'src': ('is', '192.168.1.1')})], 3,
         eth() / s.IP(src='192.168.1.1', dst='192.168.1.2') / u(),
         eth(dst='02:00:00:00:00:03') /
         s.IP(src='192.168.1.1', dst='192.168.1.2') / u()),
        ([('eth', {}), ('ipv4', {'src': ('is', '10.0.0.1')})],
         [('ipv4', {}), ('tcp', {'dst': ('is', 443)})], 1,
         eth() / s.IP(src='10.0.0.1', dst='10.0.0.2') /
         s.TCP(sport=12345, dport=443),
         eth() / s.IP(src='10.0.0.99', dst='10.0.0.2') /
         s.TCP(sport=12345, dport=443)),
        ([('eth', {}), ('ipv4', {'dst': ('is', '172.16.0.1')})],
         [('ipv4', {}), ('udp', {'dst': ('is', 123)})], 2,
         eth() / s.IP(src='172.16.0.100', dst='172.16.0.1') / u(dport=123),
         eth() / s.IP(src='172.16.0.100', dst='172.16.0.99') / u(dport=123)),
        ([('eth', {}), ('ipv4', {'tos': ('is', 4)})],
         [('ipv4', {}), ('tcp', {'dst': ('is', 80)})], 1,
         eth() / s.IP(src='10.0.0.1', dst='10.0.0.2', tos=4) /
         s.TCP(sport=54321, dport=80),
         eth() / s.IP(src='10.0.0.1', dst='10.0.0.2', tos=0) /
         s.TCP(sport=54321, dport=80)),
    ]
    rules, frames = [], []
    for k, (g0, g1, q, hit, miss) in enumerate(jumps):
        rules += [Rule(0, k, g0, [('jump', 1)]),
                  Rule(1, k, g1, [('queue', q)])]
        frames += [bytes(hit / x), bytes(miss / x)]
    frames = unique_lengths(frames)
    topo = Topo(ctx, frames, 'jump')
    try:
        topo.create(rules)
        verify(topo, rules, frames, 'jump')
    finally:
        topo.t.close()


def t_rss_key_hash_algorithm(ctx):
    """rss.key_hash_algorithm: per function, 'eth / ipv4 / udp' -> rss
    types ipv4-udp, no queue list (the port's RETA, here reversed), with
    the port's RSS on UDP; each frame's hash and queue, and the mirrored
    pairs' equal hashes for the symmetric function."""
    s = scapy()
    rev = [NQ - 1 - (i % NQ) for i in range(128)]
    for func in ('default', 'simple_xor', 'toeplitz', 'symmetric_toeplitz'):
        frames = []
        for i in range(10):
            for sp, dp in ((i, i + 1), (i + 1, i)):
                frames.append(bytes(
                    s.Ether(src='02:00:00:00:00:00', dst='11:00:00:00:00:00') /
                    s.IP(src='127.0.0.1', dst='127.0.0.1') /
                    s.UDP(sport=sp, dport=dp)))
        frames = unique_lengths(frames)
        rule = Rule(0, 0, [('eth', {}), ('ipv4', {}), ('udp', {})],
                    [('rss', (func, ['ipv4-udp'], []))])
        topo = Topo(ctx, frames, func)
        try:
            topo.t.cmd('port config all rss udp')
            for base in range(0, 128, 8):
                topo.t.cmd('port config %d rss reta ' % topo.n1 + ''.join(
                    '(%d,%d)' % (j, rev[j]) for j in range(base, base + 8)))
            topo.create([rule])
            expect = [evaluate([rule], f, reta=rev) for f in frames]
            if func == 'symmetric_toeplitz':
                for a, b in zip(expect[0::2], expect[1::2]):
                    check(a['hash'] == b['hash'], 'oracle not symmetric')
            verify(topo, [rule], frames, 'rss func %s' % func, reta=rev)
        finally:
            topo.t.close()


def t_dump_restart(ctx):
    """flow dump (all, one rule) and query; a rule made while the port
    is stopped outlives its start; flush empties the table."""
    t = ctx.testpmd([ctx.nic(0, None, 'queues=4')],
                    app=['--rxq=4', '--txq=4'])
    rules = [Rule(0, 3, [('eth', {}), ('ipv4', {'src': ('is', '10.0.0.1')}),
                         ('udp', {'dst': ('range', 1000, 2000)})],
                  [('count', None), ('mark', 7), ('queue', 2)]),
             Rule(1, 0, [('ipv6', {})], [('drop', None)])]
    for r in rules:
        out = t.cmd(r.command('create', 0))
        m = re.search(r'Flow rule #(\d+) created', out)
        check(m, '%s: %s' % (r.command('create', 0), ' '.join(out.split())))
        r.id = int(m.group(1))

    def dump(what):
        # To a file: testpmd 26.07 wants one (22.11 also took none).
        path = os.path.join(ctx.dir, 'flow_dump.txt')
        if os.path.exists(path):
            os.unlink(path)
        said = t.cmd('flow dump 0 %s %s' % (what, path))
        out = open(path).read() if os.path.exists(path) else ''
        check('slot' in out or '0 of 256' in out, 'flow dump 0 %s: %s%s' % (
            what, ' '.join(said.split())[:200], ' '.join(out.split())[:200]))
        return out
    out = dump('all')
    check('2 of 256 rules' in out and 'fate:  queue 2, mark 0x7' in out and
          'range' in out and 'fate:  drop' in out and
          'group 1 priority 0' in out,
          'flow dump all: %s' % ' '.join(out.split())[:400])
    out = dump('rule %d' % rules[0].id)
    check('count: 0 hits' in out and 'drop' not in out,
          'flow dump rule %d: %s' % (rules[0].id, ' '.join(out.split())))
    out = t.cmd('flow query 0 %d count' % rules[0].id)
    check(re.search(r'hits:\s+0', out), 'flow query: %s' %
          ' '.join(out.split()))
    # testpmd destroys its rules at port stop (the C tests keep them
    # across stop/start); one made while stopped outlives the start.
    t.cmd('port stop 0')
    check('0 of 256 rules' in dump('all'), 'rules left after testpmd '
          'flushed them at port stop')
    out = t.cmd(rules[1].command('create', 0))
    check('created' in out, 'create while stopped: %s' %
          ' '.join(out.split()))
    t.cmd('port start 0')
    check('1 of 256 rules' in dump('all'), 'rule made while stopped lost '
          'at start')
    t.cmd('flow flush 0')
    check('0 of 256 rules' in dump('all'), 'flush left rules')


TESTS = [
    ('dts_validate', t_dts_validate),
    ('dts_queue_action', t_dts_queue_action),
    ('dts_drop_action', t_dts_drop_action),
    ('dts_modify_jump', t_dts_modify_jump),
    ('rss_key_hash_algorithm', t_rss_key_hash_algorithm),
    ('dump_restart', t_dump_restart),
    ('random_rules', t_random_rules),
    ('random_rules_isolated', t_random_rules_isolated),
]

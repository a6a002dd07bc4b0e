# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""The independent oracle: what the device should have produced, per scapy.

Nothing here reads nicpmd code or constants: checksums, tags, segments and
packet types are derived from the frames scapy built.
"""

import logging

logging.getLogger('scapy.runtime').setLevel(logging.ERROR)

from scapy.all import (ARP, Ether, IP, IPv6, TCP, UDP, ICMP,  # noqa: E402
                       Dot1Q, Dot1AD, GRE, Raw, Padding, conf)
from scapy.layers.inet6 import (IPv6ExtHdrHopByHop,  # noqa: E402
                                IPv6ExtHdrRouting, IPv6ExtHdrDestOpt,
                                IPv6ExtHdrFragment, _ICMPv6)
from scapy.layers.sctp import SCTP, SCTPChunkData  # noqa: E402
from scapy.layers.vxlan import VXLAN  # noqa: E402

conf.verb = 0

CSUM_LAYERS = (IP, TCP, UDP, SCTP, ICMP)
V6_EXT = (IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, IPv6ExtHdrDestOpt,
          IPv6ExtHdrFragment)


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def fixed(frame):
    """The frame with every (outer) IP/L4 checksum recomputed by scapy."""
    p = Ether(bytes(frame))
    for layer in CSUM_LAYERS:
        if layer in p:
            del p[layer].chksum
    return bytes(p)


def describe_diff(got, want):
    """Where two frames differ, in words scapy can give."""
    if len(got) != len(want):
        return 'length %d, want %d' % (len(got), len(want))
    off = next(i for i in range(len(got)) if got[i] != want[i])
    g, w = Ether(got), Ether(want)
    fields = []
    for layer in CSUM_LAYERS + (Dot1Q, Dot1AD):
        if layer in g and layer in w:
            for f in ('chksum', 'len', 'plen', 'id', 'seq', 'flags',
                      'vlan', 'prio', 'type'):
                if f in g[layer].fields and \
                        g[layer].fields.get(f) != w[layer].fields.get(f):
                    fields.append('%s.%s %r want %r' % (
                        layer.__name__, f, g[layer].fields.get(f),
                        w[layer].fields.get(f)))
    return 'first difference at byte %d%s' % (
        off, (': ' + '; '.join(fields)) if fields else '')


def same_frame(got, want, what):
    got, want = bytes(got), bytes(want)
    if got != want:
        raise Fail('%s: %s' % (what, describe_diff(got, want)))


def tci_fields(tci):
    return {'prio': tci >> 13, 'id': (tci >> 12) & 1, 'vlan': tci & 0xfff}


def with_tags(frame, tcis, outer_tpid=0x88a8):
    """Frame with 802.1Q tags inserted after the MACs (outer first)."""
    e = Ether(bytes(frame))
    p = Ether(dst=e.dst, src=e.src)
    if len(tcis) == 2:
        p = p / Dot1AD(**tci_fields(tcis[0])) / Dot1Q(**tci_fields(tcis[1]))
        if outer_tpid != 0x88a8:
            p.type = outer_tpid
    else:
        p = p / Dot1Q(**tci_fields(tcis[0]))
    return bytes(p / e.payload)


def without_tags(frame, n):
    """Frame with its n outermost VLAN tags removed; their TCIs."""
    e = Ether(bytes(frame))
    tcis = []
    cur = e.payload
    if n == 0:
        return bytes(e), tcis
    for _ in range(n):
        check(isinstance(cur, (Dot1Q, Dot1AD)), 'frame has fewer tags')
        tcis.append((cur.prio << 13) | (cur.id << 12) | cur.vlan)
        last_type = cur.type
        cur = cur.payload
    p = Ether(dst=e.dst, src=e.src, type=last_type) / cur
    return bytes(p), tcis


# ---------------------------------------------------------------- Rx checks

def l4_csum_verdict(p, l3):
    """GOOD/BAD/UNKNOWN of the L4 checksum after outer L3 layer l3."""
    if isinstance(l3, IP) and (l3.flags.MF or l3.frag):
        return 'UNKNOWN'
    if isinstance(l3, IPv6) and IPv6ExtHdrFragment in l3:
        return 'UNKNOWN'
    l4 = l3.payload
    while isinstance(l4, V6_EXT):
        l4 = l4.payload
    if not isinstance(l4, (TCP, UDP, SCTP)):
        return 'UNKNOWN'
    if isinstance(l4, UDP) and isinstance(l3, IP) and l4.chksum == 0:
        return 'UNKNOWN'	# no checksum over IPv4
    want = Ether(fixed(bytes(p)))
    return 'GOOD' if want[type(l4)].chksum == l4.chksum else 'BAD'


def csum_verdicts(frame):
    """(ip, l4) verdicts for the outer headers of a frame, by scapy."""
    p = Ether(bytes(frame))
    l3 = p.payload
    while isinstance(l3, (Dot1Q, Dot1AD)):
        l3 = l3.payload
    if isinstance(l3, IP):
        ip = 'GOOD' if Ether(fixed(bytes(p)))[IP].chksum == l3.chksum \
            else 'BAD'
        return ip, l4_csum_verdict(p, l3)
    if isinstance(l3, IPv6):
        # No header checksum: a header the device reads counts as checked
        # (the spec's Checksum verification, as i40e/ice report it).
        return 'GOOD', l4_csum_verdict(p, l3)
    return 'UNKNOWN', 'UNKNOWN'


def _l3_l4_names(l3, prefix):
    """Packet-type names of an L3 layer and what it carries."""
    names = []
    nxt = None
    if isinstance(l3, IP):
        names.append(prefix + ('L3_IPV4_EXT' if l3.ihl and l3.ihl > 5
                               else 'L3_IPV4'))
        frag = bool(l3.flags.MF or l3.frag)
        l4 = l3.payload
    elif isinstance(l3, IPv6):
        l4 = l3.payload
        ext = False
        frag = False
        while isinstance(l4, V6_EXT):
            ext = True
            frag |= isinstance(l4, IPv6ExtHdrFragment)
            l4 = l4.payload
        names.append(prefix + ('L3_IPV6_EXT' if ext else 'L3_IPV6'))
    else:
        return names, None
    if frag:
        names.append(prefix + 'L4_FRAG')
    elif isinstance(l4, TCP):
        names.append(prefix + 'L4_TCP')
    elif isinstance(l4, UDP):
        names.append(prefix + 'L4_UDP')
        if not prefix and isinstance(l4.payload, VXLAN):
            nxt = ('VXLAN', l4.payload.payload)
    elif isinstance(l4, SCTP):
        names.append(prefix + 'L4_SCTP')
    elif isinstance(l4, (ICMP, _ICMPv6)):
        names.append(prefix + 'L4_ICMP')
    elif isinstance(l4, GRE) and not prefix:
        nxt = ('GRE', l4.payload)
    else:
        names.append(prefix + 'L4_NONFRAG')
    return names, nxt


def ptype_names(frame):
    """DPDK packet-type names scapy's view of the frame calls for."""
    p = Ether(bytes(frame))
    cur = p.payload
    tags = 0
    while isinstance(cur, (Dot1Q, Dot1AD)):
        tags += 1
        cur = cur.payload
    names = [('L2_ETHER', 'L2_ETHER_VLAN', 'L2_ETHER_QINQ')[min(tags, 2)]]
    outer, tun = _l3_l4_names(cur, '')
    names += outer
    if tun is not None:
        names.append('TUNNEL_' + tun[0])
        inner = tun[1]
        if isinstance(inner, Ether):
            names.append('INNER_L2_ETHER')
            inner = inner.payload
        names += _l3_l4_names(inner, 'INNER_')[0]
    return set(names)


__all__ = ['ARP', 'Ether', 'IP', 'IPv6', 'TCP', 'UDP', 'ICMP', 'SCTP', 'Dot1Q',
           'SCTPChunkData', 'Dot1AD', 'GRE', 'VXLAN', 'Raw', 'Padding',
           'IPv6ExtHdrHopByHop',
           'IPv6ExtHdrFragment', 'Fail', 'Skip', 'check', 'fixed',
           'same_frame', 'with_tags', 'without_tags', 'csum_verdicts',
           'ptype_names', 'describe_diff']

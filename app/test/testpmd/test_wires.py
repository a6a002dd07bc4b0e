# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Wires to the outside world (issue 5), driven through testpmd."""

import os
import time

R = None        # the runner module (check, Fail, helpers ...)


def t_pcap_wire(ctx):
    """wire=pcap: a capture replays into the port once; io forwarding
    sends every frame back out, recorded in the tx capture byte for byte
    (scapy reads both files)."""
    rx = os.path.join(ctx.dir, 'in.pcap')
    tx = os.path.join(ctx.dir, 'out.pcap')
    # Broadcast only: with engine=thread the capture plays at link-up,
    # before testpmd makes the port promiscuous; the address filter would
    # rightly drop frames for other unicast MACs.
    from scapy.all import Ether, wrpcap
    frames = [b'\xff' * 6 + f[6:] for f in R.write_input_pcap(rx)]
    wrpcap(rx, [Ether(f) for f in frames])
    if os.path.exists(tx):
        os.unlink(tx)
    t = ctx.testpmd([ctx.nic(0, 'pcap:rx:%s:tx:%s' % (rx, tx))],
                    app=['--no-flush-rx', '--forward-mode=io'])
    t.cmd('start')
    deadline = time.time() + 10
    while time.time() < deadline:
        st = R.tp.parse_port_stats(t.cmd('show port stats 0'))
        if st[0]['tx_packets'] >= len(frames):
            break
        time.sleep(0.2)
    t.cmd('stop')
    R.check(st[0]['rx_packets'] == len(frames) and
            st[0]['tx_packets'] == len(frames),
            'port 0 rx %d tx %d, want %d each' %
            (st[0]['rx_packets'], st[0]['tx_packets'], len(frames)))
    t.close()           # closes the port: the tx capture is complete
    out = R.read_pcap(tx)
    R.check(len(out) == len(frames), '%d frames recorded, sent %d' %
            (len(out), len(frames)))
    for i, (a, b) in enumerate(zip(frames, out)):
        R.check(a == b, 'frame %d differs (%d vs %d bytes)' %
                (i, len(a), len(b)))


def t_pcap_wire_bad(ctx):
    """A missing capture file or a malformed pcap wire fails probe with a
    message naming the key, the value and the reason."""
    for wire, want in (('pcap:rx:/nonexistent/in.pcap', 'pcap rx'),
                       ('pcap:rx', 'invalid devarg wire=pcap:rx'),
                       ('pcap:bogus:/tmp/x', 'invalid devarg wire=')):
        t = ctx.spawn_raw([ctx.nic(0, wire)])
        t.close()
        R.check(want in t.output, 'wire=%s: no "%s" in the output' %
                (wire, want))


TESTS = [('pcap_wire', t_pcap_wire), ('pcap_wire_bad', t_pcap_wire_bad)]


def register(runner):
    """Hook the runner's helpers in; return [(group, name, fn), ...]."""
    global R
    R = runner
    return [('testpmd', name, fn) for name, fn in TESTS]

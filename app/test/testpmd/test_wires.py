# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Wires to the outside world (issue 5), driven through testpmd, and
nicpmd's peer cable between DPDK's own net_pcap ports."""

import os
import re
import struct
import subprocess
import sys
import time

import tp


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
    frames = [b'\xff' * 6 + f[6:] for f in tp.write_input_pcap(rx)]
    wrpcap(rx, [Ether(f) for f in frames])
    if os.path.exists(tx):
        os.unlink(tx)
    t = ctx.testpmd([ctx.nic(0, 'pcap:rx:%s:tx:%s' % (rx, tx))],
                    app=['--no-flush-rx', '--forward-mode=io'])
    t.cmd('start')
    deadline = time.time() + 10
    while time.time() < deadline:
        st = tp.parse_port_stats(t.cmd('show port stats 0'))
        if st[0]['tx_packets'] >= len(frames):
            break
        time.sleep(0.2)
    t.cmd('stop')
    tp.check(st[0]['rx_packets'] == len(frames) and
             st[0]['tx_packets'] == len(frames),
             'port 0 rx %d tx %d, want %d each' %
             (st[0]['rx_packets'], st[0]['tx_packets'], len(frames)))
    t.close()           # closes the port: the tx capture is complete
    out = tp.read_pcap(tx)
    tp.check(len(out) == len(frames), '%d frames recorded, sent %d' %
             (len(out), len(frames)))
    for i, (a, b) in enumerate(zip(frames, out)):
        tp.check(a == b, 'frame %d differs (%d vs %d bytes)' %
                 (i, len(a), len(b)))


def t_pcap_wire_bad(ctx):
    """A missing capture file or a malformed pcap wire fails probe with a
    message naming the key, the value and the reason."""
    for wire, want in (('pcap:rx:/nonexistent/in.pcap', 'pcap rx'),
                       ('pcap:rx', 'invalid devarg wire=pcap:rx'),
                       ('pcap:bogus:/tmp/x', 'invalid devarg wire=')):
        t = ctx.spawn_raw([ctx.nic(0, wire)])
        t.close()
        tp.check(want in t.output, 'wire=%s: no "%s" in the output' %
                 (wire, want))


class KernelPeer:
    """A network namespace with an address, linked by a veth pair to an
    interface left in our namespace for a nicpmd port. Offloads are off
    on both ends so frames cross finished (see drivers/net/nicpmd/model/wire_iface.c).
    Removed on exit, whatever happened."""

    def __init__(self, tag, addr):
        self.ns = 'nicpmd_%s_%d' % (tag, os.getpid())
        self.ours = 'np%s%d' % (tag, os.getpid() % 100000)
        self.theirs = self.ours + 'p'
        self.addr = addr

    def sh(self, *cmd, ns=False, check=True, timeout=30):
        argv = (['ip', 'netns', 'exec', self.ns] if ns else []) + list(cmd)
        r = subprocess.run(argv, capture_output=True, text=True,
                           timeout=timeout)
        if check and r.returncode != 0:
            raise tp.Fail('%s: %s' % (' '.join(argv), r.stderr.strip()))
        return r

    def __enter__(self):
        self.__exit__()
        self.sh('ip', 'netns', 'add', self.ns)
        self.sh('ip', 'link', 'add', self.ours, 'type', 'veth', 'peer',
                'name', self.theirs)
        self.sh('ip', 'link', 'set', self.theirs, 'netns', self.ns)
        self.sh('ip', 'addr', 'add', self.addr + '/24', 'dev', self.theirs,
                ns=True)
        for dev, ns in ((self.ours, False), (self.theirs, True)):
            self.sh('ethtool', '-K', dev, 'tso', 'off', 'gso', 'off',
                    'gro', 'off', 'tx', 'off', ns=ns, check=False)
            self.sh('ip', 'link', 'set', dev, 'up', ns=ns)
        self.sh('ip', 'link', 'set', 'lo', 'up', ns=True)
        return self

    def __exit__(self, *exc):
        subprocess.run(['ip', 'netns', 'del', self.ns], capture_output=True)
        subprocess.run(['ip', 'link', 'del', self.ours], capture_output=True)

    def mac(self):
        with open('/sys/class/net/%s/address' % self.ours) as f:
            return f.read().strip().lower()

    def their_mac(self):
        return self.sh('cat', '/sys/class/net/%s/address' % self.theirs,
                       ns=True).stdout.strip().lower()


def _need_root_net():
    if os.geteuid() != 0:
        raise tp.Skip('needs root for network namespaces')


def t_iface_ping(ctx):
    """The kernel in a namespace pings the port: ARP and ICMP echo
    answered by testpmd's icmpecho engine through wire=iface; the port's
    MAC is the interface's; the link follows the interface."""
    _need_root_net()
    with KernelPeer('a', '10.77.%d.1' % (os.getpid() % 200)) as k:
        peer_ip = k.addr.rsplit('.', 1)[0] + '.2'
        t = ctx.testpmd([ctx.nic(0, 'iface:' + k.ours)])
        info = tp.parse_port_info(t.cmd('show port info 0'))
        mac = info.get('MAC address', '').lower()
        tp.check(mac == k.mac(), 'port MAC %s, interface %s' % (mac, k.mac()))
        t.cmd('set fwd icmpecho')
        t.cmd('start')
        r = k.sh('ping', '-c', '5', '-i', '0.2', '-W', '2', peer_ip, ns=True,
                 check=False)
        tp.check(r.returncode == 0 and ' 0% packet loss' in r.stdout,
                 'ping through nicpmd: %s' % r.stdout.strip()[-200:])
        t.cmd('stop')
        # The interface goes down: so does the port's link, and back.
        k.sh('ip', 'link', 'set', k.ours, 'down')
        time.sleep(0.5)
        tp.check(tp.parse_port_info(t.cmd('show port info 0')).get(
            'Link status') == 'down', 'link up with the interface down')
        k.sh('ip', 'link', 'set', k.ours, 'up')
        time.sleep(1.5)
        tp.check(tp.parse_port_info(t.cmd('show port info 0')).get(
            'Link status') == 'up', 'link down with the interface up')


def _tcp_in_csum_errors(k):
    snmp = k.sh('cat', '/proc/net/snmp', ns=True).stdout.splitlines()
    names, values = [l.split() for l in snmp if l.startswith('Tcp:')][:2]
    return int(values[names.index('InCsumErrors')])


def _check_capture(path, dst_ip):
    """scapy recomputes the IPv4 and TCP checksum of every data segment
    the device sent to dst_ip; all must match, and there must be many."""
    from scapy.all import rdpcap, Ether, IP, TCP
    checked = 0
    for p in rdpcap(path):
        if IP not in p or TCP not in p or p[IP].dst != dst_ip:
            continue
        if len(p[TCP].payload) == 0:
            continue
        want = Ether(bytes(p))
        del want[IP].chksum
        del want[TCP].chksum
        want = Ether(bytes(want))
        tp.check(p[IP].chksum == want[IP].chksum and
                 p[TCP].chksum == want[TCP].chksum,
                 'captured segment seq %d: checksums ip 0x%04x tcp 0x%04x, '
                 'recomputed 0x%04x 0x%04x' %
                 (p[TCP].seq, p[IP].chksum, p[TCP].chksum, want[IP].chksum,
                 want[TCP].chksum))
        tp.check(len(p[TCP].payload) <= 500,
                 'segment of %d bytes, TSO MSS is 500' % len(p[TCP].payload))
        checked += 1
    tp.check(checked > 1000, 'only %d data segments captured' % checked)


def _udp_counters(k):
    """The namespace's UDP counters (/proc/net/snmp), by name."""
    snmp = k.sh('cat', '/proc/net/snmp', ns=True).stdout.splitlines()
    names, values = [l.split() for l in snmp if l.startswith('Udp:')][:2]
    return dict(zip(names[1:], map(int, values[1:])))


def _kernel_drops(peers):
    """Frames the kernels dropped on the way: both veth ends of each
    peer (sysfs) and the per-CPU backlogs (/proc/net/softnet_stat, all
    of the machine's, so it may also hold others' drops)."""
    n = 0
    for k in peers:
        for dev, ns in ((k.ours, False), (k.theirs, True)):
            for what in ('rx_dropped', 'tx_dropped'):
                n += int(k.sh('cat', '/sys/class/net/%s/statistics/%s' %
                              (dev, what), ns=ns).stdout)
    with open('/proc/net/softnet_stat') as f:
        n += sum(int(line.split()[1], 16) for line in f)
    return n


def t_iface_udp_csum(ctx):
    """UDP from one namespace to another through testpmd's csum engine,
    the device computing every UDP checksum (the sender's are zeroed by
    the engine's hw mode seed): the receiving kernel counts no checksum
    error, and each of the 2000 datagrams is received or counted as
    dropped on the way (a loaded machine may starve a reader): by the
    ports (imissed, with the kernel ring's rx_wire_drops; ierrors;
    oerrors), testpmd (TX-dropped), the veths and backlogs, or the
    receiving socket (UDP InErrors)."""
    _need_root_net()
    net = '10.79.%d' % (os.getpid() % 200)
    with KernelPeer('u', net + '.1') as a, KernelPeer('v', net + '.2') as b:
        t = ctx.testpmd([ctx.nic(0, 'iface:' + a.ours),
                         ctx.nic(1, 'iface:' + b.ours)],
                        app=['--disable-device-start'])
        t.cmd('set fwd csum')
        t.cmd('set eth-peer 0 %s' % a.their_mac())
        t.cmd('set eth-peer 1 %s' % b.their_mac())
        for p in (0, 1):
            t.cmd('csum set ip hw %d' % p)
            t.cmd('csum set udp hw %d' % p)
        t.cmd('port start all')
        t.cmd('start')
        sent0, got0 = _udp_counters(a), _udp_counters(b)
        kdrops0 = _kernel_drops((a, b))
        rx = subprocess.Popen(
            ['ip', 'netns', 'exec', b.ns, '/usr/bin/python3', '-c',
             'import socket\n'
             's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n'
             's.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # RCVBUFFORCE\n'
             's.bind(("%s", 6000)); s.settimeout(5)\n'
             'n = 0\n'
             'try:\n'
             '    while n < 2000:\n'
             '        n += len(s.recv(2048)) > 0\n'
             'except socket.timeout:\n'
             '    pass\n'
             'print(n)\n' % b.addr],
            stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)
        a.sh('/usr/bin/python3', '-c',
             'import socket, time\n'
             's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n'
             'for i in range(2000):\n'
             '    s.sendto(bytes([i %% 251]) * (16 + i %% 1400), ("%s", 6000))\n'
             '    time.sleep(0.0002)\n' % b.addr, ns=True)
        out, _ = rx.communicate(timeout=30)
        fwd = t.cmd('stop')
        sent1, got1 = _udp_counters(a), _udp_counters(b)
        kdrops = _kernel_drops((a, b)) - kdrops0
        sent = sent1['OutDatagrams'] - sent0['OutDatagrams']
        received = int(out.strip() or 0)
        fwd_drops = sum(s['rx_dropped'] + s['tx_dropped']
                        for s in tp.parse_fwd_stats(fwd).values())
        ports = sum(s['rx_missed'] + s['rx_errors'] + s['tx_errors']
                    for s in tp.parse_port_stats(
                        t.cmd('show port stats all')).values())
        sock = got1['InErrors'] - got0['InErrors']
        tp.check(got1['InCsumErrors'] - got0['InCsumErrors'] == 0,
                 'receiving kernel counted %d UDP checksum errors' %
                 (got1['InCsumErrors'] - got0['InCsumErrors']))
        tp.check(sent == 2000, 'sender sent %d of 2000 datagrams' % sent)
        why = ('received %d of %d datagrams (kernel InDatagrams +%d); '
               'counted drops: ports %d, testpmd %d, kernels %d, socket %d' %
               (received, sent, got1['InDatagrams'] - got0['InDatagrams'],
                ports, fwd_drops, kdrops, sock))
        tp.check(received <= sent and
                 received + ports + fwd_drops + kdrops + sock >= sent, why)
        # Drops are for a starved reader, not the rule: most arrive.
        tp.check(received >= sent // 4, why)


def t_iface_tcp_tso(ctx):
    """The kernel as the oracle for checksums and TSO: a TCP stream of
    4 MiB from one namespace to another crosses testpmd's csum engine,
    whose Tx port re-segments it with TSO (MSS 500) and computes every
    checksum in the device. The receiving kernel validates them: the
    bytes arrive exactly and it counts no checksum error."""
    _need_root_net()
    import hashlib
    net = '10.78.%d' % (os.getpid() % 200)
    data = os.urandom(4 << 20)
    src = os.path.join(ctx.dir, 'send.bin')
    dst = os.path.join(ctx.dir, 'recv.bin')
    with open(src, 'wb') as f:
        f.write(data)
    with KernelPeer('s', net + '.1') as a, KernelPeer('r', net + '.2') as b:
        t = ctx.testpmd([ctx.nic(0, 'iface:' + a.ours),
                         ctx.nic(1, 'iface:' + b.ours)],
                        app=['--disable-device-start'])
        t.cmd('set fwd csum')
        # The csum engine writes the peer's MAC as destination.
        t.cmd('set eth-peer 0 %s' % a.their_mac())
        t.cmd('set eth-peer 1 %s' % b.their_mac())
        for p in (0, 1):
            for what in ('ip', 'tcp', 'udp'):
                t.cmd('csum set %s hw %d' % (what, p))
            t.cmd('tso set 500 %d' % p)
        t.cmd('port start all')
        t.cmd('start')
        before = _tcp_in_csum_errors(b)
        if os.path.exists(dst):
            os.unlink(dst)
        # The wire as the receiving kernel sees it, for an offline check.
        cap = os.path.join(ctx.dir, 'wire.pcap')
        dump = subprocess.Popen(['ip', 'netns', 'exec', b.ns, 'tcpdump',
                                 '-i', b.theirs, '-w', cap, '-s', '0',
                                 '-U', 'tcp'], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(1)
        with open(dst, 'wb') as out:
            rx = subprocess.Popen(['ip', 'netns', 'exec', b.ns, 'nc', '-l',
                                   '-N', b.addr, '5001'], stdout=out,
                                  stderr=subprocess.DEVNULL)
            time.sleep(0.5)
            tx = subprocess.run('ip netns exec %s nc -N -w 5 %s 5001 < %s'
                                % (a.ns, b.addr, src), shell=True,
                                capture_output=True, timeout=60)
            try:
                rx.wait(timeout=30)
            except subprocess.TimeoutExpired:
                rx.kill()
        time.sleep(0.5)
        dump.terminate()
        dump.wait(timeout=10)
        t.cmd('stop')
        xs = t.cmd('show port xstats 1')
        tp.check(tx.returncode == 0, 'sender nc: %s' % tx.stderr)
        _check_capture(cap, b.addr)
        got = open(dst, 'rb').read()
        tp.check(len(got) == len(data) and
                 hashlib.sha256(got).digest() == hashlib.sha256(data).digest(),
                 'received %d of %d bytes, content %s' %
                 (len(got), len(data), 'equal' if got == data[:len(got)]
                 else 'different'))
        errs = _tcp_in_csum_errors(b) - before
        tp.check(errs == 0, 'receiving kernel counted %d TCP checksum '
                 'errors' % errs)
        m = re.search(r'tx_tso_segments:\s+(\d+)', xs)
        tp.check(m is not None and int(m.group(1)) > len(data) // 1448,
                 'TSO segments on port 1: %s' % (m.group(1) if m else xs))


def _xstat(t, name, port=0):
    m = re.search(r'\b%s:\s+(\d+)' % name,
                  t.cmd('show port xstats %d' % port))
    return int(m.group(1)) if m else None


def _raw_frames(k, sizes):
    """Send raw Ethernet frames of these sizes (a test EtherType, payload
    byte = index modulo 256) from the namespace's end."""
    k.sh('/usr/bin/python3', '-c',
         'import socket\n'
         's = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n'
         's.bind(("%s", 0))\n'
         'hdr = bytes.fromhex("020000000001020000000002" "88b5")\n'
         'for i, n in enumerate(%r):\n'
         '    s.send(hdr + bytes([i %% 256]) * (n - 14))\n' %
         (k.theirs, sizes),
         ns=True)


def t_iface_wire_counters(ctx):
    """The kernel hands the port frames larger than its Rx ring's slots:
    each is dropped and counted in rx_wire_errors (and ierrors), the
    normal ones around them arrive. The port sends frames over the
    interface's MTU, which the kernel would skip silently: they count in
    tx_wire_drops (and oerrors), not as sent."""
    _need_root_net()
    with KernelPeer('w', '10.81.%d.1' % (os.getpid() % 200)) as k:
        for dev, ns in ((k.ours, False), (k.theirs, True)):
            k.sh('ip', 'link', 'set', dev, 'mtu', '20000', ns=ns)
            # Only the test's frames: no neighbour discovery chatter.
            k.sh('sysctl', '-qw', 'net.ipv6.conf.%s.disable_ipv6=1' % dev,
                 ns=ns, check=False)
        t = ctx.testpmd([ctx.nic(0, 'iface:' + k.ours)],
                        app=['--max-pkt-len=9000'])
        t.cmd('set fwd rxonly')
        t.cmd('set promisc 0 on')
        t.cmd('start')
        tp.settle()
        t.cmd('clear port stats all')
        _raw_frames(k, [1000] * 3 + [18000] * 4 + [1000])
        deadline = time.time() + 5
        while time.time() < deadline and (_xstat(t, 'rx_wire_errors') or 0) < 4:
            time.sleep(0.2)
        t.cmd('stop')
        st = tp.parse_port_stats(t.cmd('show port stats 0'))
        errs = _xstat(t, 'rx_wire_errors')
        tp.check(errs == 4 and st[0]['rx_packets'] == 4,
                 'rx_wire_errors %s (want 4 oversized), rx_packets %d (want '
                 '4)' % (errs, st[0]['rx_packets']))
        tp.check(st[0]['rx_errors'] >= 4, 'rx_errors %d' % st[0]['rx_errors'])
        # Our end back to 1500: 1600-byte frames cannot leave.
        k.sh('ip', 'link', 'set', k.ours, 'mtu', '1500')
        time.sleep(0.3)         # the wire re-reads the MTU every 50 ms
        t.cmd('clear port stats all')
        t.cmd('clear port xstats all')
        t.cmd('set fwd txonly')
        t.cmd('set txpkts 1600')
        t.cmd('start')
        time.sleep(0.5)
        t.cmd('stop')
        st = tp.parse_port_stats(t.cmd('show port stats 0'))
        drops = _xstat(t, 'tx_wire_drops')
        tp.check(st[0]['tx_packets'] == 0 and drops and drops > 0 and
                 st[0]['tx_errors'] >= drops,
                 'frames over the MTU: tx_packets %d, tx_wire_drops %s, '
                 'tx_errors %d' % (st[0]['tx_packets'], drops,
                                   st[0]['tx_errors']))


def t_iface_rx_ring_full(ctx):
    """Frames faster than the port takes them: 1500 arrive while testpmd
    is not forwarding. The inline engine reads the wire only in
    rx_burst, so the kernel's Rx ring (256 slots) overflows; the
    threaded engine drains it into the Rx queue (256 descriptors), which
    overflows. Either way every frame is received after 'start' or
    counted in imissed, split by the xstats that say where:
    rx_wire_drops (the kernel's PACKET_STATISTICS) and
    rx_no_buffer_drops."""
    _need_root_net()
    sent = 1500
    with KernelPeer('f', '10.84.%d.1' % (os.getpid() % 200)) as k:
        for dev, ns in ((k.ours, False), (k.theirs, True)):
            k.sh('sysctl', '-qw', 'net.ipv6.conf.%s.disable_ipv6=1' % dev,
                 ns=ns, check=False)
        t = ctx.testpmd([ctx.nic(0, 'iface:' + k.ours)],
                        app=['--rxd=256', '--forward-mode=rxonly'])
        t.cmd('set promisc 0 on')
        tp.settle()
        t.cmd('clear port stats all')
        t.cmd('clear port xstats all')
        kdrops0 = _kernel_drops((k,))
        _raw_frames(k, [1000] * sent)
        kdrops = _kernel_drops((k,)) - kdrops0
        t.cmd('start')
        last = -1
        deadline = time.time() + 10
        while time.time() < deadline:
            tp.settle(0.3)
            got = tp.parse_port_stats(t.cmd('show port stats 0'))[0]
            if got['rx_packets'] == last:
                break
            last = got['rx_packets']
        t.cmd('stop')
        st = tp.parse_port_stats(t.cmd('show port stats 0'))[0]
        wire = _xstat(t, 'rx_wire_drops')
        nobuf = _xstat(t, 'rx_no_buffer_drops')
        down = _xstat(t, 'rx_port_down_drops')
    why = ('%d frames sent: rx_packets %d, imissed %d (rx_wire_drops %s, '
           'rx_no_buffer_drops %s, rx_port_down_drops %s), kernel drops %d'
           % (sent, st['rx_packets'], st['rx_missed'], wire, nobuf, down,
              kdrops))
    tp.check(None not in (wire, nobuf, down) and
             st['rx_missed'] == wire + nobuf + down, why)
    tp.check(st['rx_packets'] + st['rx_missed'] <= sent and
             st['rx_packets'] + st['rx_missed'] + kdrops >= sent, why)
    # Only two rings of 256 can hold frames: the rest are drops.
    tp.check(st['rx_missed'] + kdrops >= sent - 512, why)
    if ctx.engine == 'inline':
        tp.check(wire + kdrops >= sent - 512, 'nothing read the wire, so '
                 'the kernel\'s ring overflowed: ' + why)


def t_iface_lo_mac(ctx):
    """An interface without a MAC (lo): the port keeps a generated
    unicast MAC, not 00:00:00:00:00:00."""
    _need_root_net()
    t = ctx.testpmd([ctx.nic(0, 'iface:lo')])
    mac = tp.parse_port_info(t.cmd('show port info 0')).get(
        'MAC address', '').lower()
    first = int(mac.split(':')[0], 16) if mac.count(':') == 5 else 1
    tp.check(mac and mac != '00:00:00:00:00:00' and not first & 1,
             'port MAC on lo: %r' % mac)


def _link(t):
    return tp.parse_port_info(t.cmd('show port info 0')).get('Link status')


def _wait_link(t, want, seconds=5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if _link(t) == want:
            return True
        time.sleep(0.2)
    return False


def t_xproc_cable(ctx):
    """Two testpmd processes cabled with wire=xproc: exact frame counts
    across, either side may start first, a peer that quits or is killed
    takes the link down (the survivor lives on), a new one brings it up."""
    sock = os.path.join(ctx.dir, 'cable.sock')
    wire = 'xproc:' + sock
    b = ctx.testpmd([ctx.nic(0, wire)])        # B first: it listens
    b.cmd('set fwd rxonly')
    b.cmd('start')
    a = ctx.testpmd([ctx.nic(0, wire)])
    tp.check(_wait_link(a, 'up') and _wait_link(b, 'up'),
             'links a %s b %s once both run' % (_link(a), _link(b)))
    a.cmd('set fwd rxonly')
    a.cmd('start tx_first 4')
    time.sleep(1)
    a.cmd('stop')
    time.sleep(0.5)
    st = tp.parse_port_stats(b.cmd('show port stats 0'))
    tp.check(st[0]['rx_packets'] == 128, 'B received %d of 128' %
             st[0]['rx_packets'])
    # The far port stopped: the link goes down, as on a peer cable.
    b.cmd('stop')
    b.cmd('port stop 0')
    tp.check(_wait_link(a, 'down'), 'A link %s with B stopped' % _link(a))
    b.cmd('port start 0')
    tp.check(_wait_link(a, 'up'), 'A link %s with B started' % _link(a))
    b.cmd('start')
    a.close()
    tp.check(_wait_link(b, 'down'), 'B link %s after A quit' % _link(b))
    # A killed mid-traffic: B survives, link down; a new A is welcome.
    a = ctx.testpmd([ctx.nic(0, wire)])
    tp.check(_wait_link(b, 'up'), 'B link %s with a new A' % _link(b))
    a.cmd('set fwd txonly')
    a.cmd('start')
    time.sleep(0.5)
    a.child.kill(9)
    tp.check(_wait_link(b, 'down'), 'B link %s after A was killed' %
             _link(b))
    tp.check(b.child.isalive(), 'B died with its peer')
    a = ctx.testpmd([ctx.nic(0, wire)])
    tp.check(_wait_link(b, 'up') and _wait_link(a, 'up'),
             'links after a restart: a %s b %s' % (_link(a), _link(b)))
    b.cmd('stop')
    b.cmd('clear port stats all')
    b.cmd('start')
    a.cmd('set fwd rxonly')
    a.cmd('start tx_first 2')
    time.sleep(1)
    a.cmd('stop')
    time.sleep(0.5)
    st = tp.parse_port_stats(b.cmd('show port stats 0'))
    tp.check(st[0]['rx_packets'] == 64, 'B received %d of 64 after the '
             'restart' % st[0]['rx_packets'])


# Debian's (dpdk-doc) for 22.11; another release's run points at its own
# source tree's examples (devtools/test-release.sh), built with
# pkg-config against that release.
EXAMPLES = os.environ.get('NICPMD_DPDK_EXAMPLES', '/usr/share/dpdk/examples')


def _build_example(ctx, name):
    """Build one of DPDK's examples in the workdir."""
    import shutil
    src = os.path.join(EXAMPLES, name)
    if not os.path.isdir(src):
        raise tp.Skip('no %s (package dpdk-doc)' % src)
    dst = os.path.join(ctx.dir, name)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    r = subprocess.run(['make', '-s', '-C', dst], capture_output=True,
                       text=True, timeout=300)
    exe = os.path.join(dst, 'build', name)
    tp.check(r.returncode == 0 and os.path.exists(exe),
             'building %s: %s' % (name, r.stderr[-300:]))
    return exe


def t_link_status_interrupt(ctx):
    """DPDK's link_status_interrupt example, on two nicpmd ports cabled
    by xproc to a testpmd: its LSC callback reports every link change
    testpmd causes (port stop/start, testpmd quitting)."""
    import pexpect
    exe = _build_example(ctx, 'link_status_interrupt')
    socks = [os.path.join(ctx.dir, 'lsi%d.sock' % i) for i in (0, 1)]
    vd = ['--vdev', ctx.nic(0, 'xproc:' + socks[0]),
          '--vdev', ctx.nic(1, 'xproc:' + socks[1])]
    eal = ['-l', '0-1', '--no-huge', '-m', '512', '--no-pci', '-d', ctx.pmd]
    ex = pexpect.spawn(exe, eal + ['--file-prefix', 'lsi_e_%d' % os.getpid()]
                       + vd + ['--', '-p', '3', '-q', '2', '-T', '1'],
                       encoding='utf-8', timeout=20, logfile=ctx.log)
    try:
        t = ctx.testpmd([vd[1], vd[3]])
        for what, cmd, pattern in (
                ('up', None, r'Port 0 Link up'),
                ('down', 'port stop 0', r'Port 0 Link down'),
                ('up again', 'port start 0', r'Port 0 Link up'),
                ('port 1 down', 'quit', r'Port 1 Link down')):
            if cmd == 'quit':
                t.close()
            elif cmd:
                t.cmd(cmd)
            try:
                ex.expect(pattern, timeout=15)
            except (pexpect.TIMEOUT, pexpect.EOF):
                raise tp.Fail('the example never printed "%s" (link %s)' %
                              (pattern, what))
    finally:
        if ex.isalive():
            ex.kill(2)
            ex.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=10)
        if ex.isalive():
            ex.kill(9)


def t_scapy_pcap_bytes(ctx):
    try:
        import scapy.all  # noqa: F401
    except ImportError:
        raise tp.Skip('scapy not importable by %s' % sys.executable)
    d = ctx.dir
    inp, empty = os.path.join(d, 'in.pcap'), os.path.join(d, 'empty.pcap')
    out0, out = os.path.join(d, 'out0.pcap'), os.path.join(d, 'out.pcap')
    for f in (out0, out):
        if os.path.exists(f):
            os.unlink(f)
    frames = tp.write_input_pcap(inp)
    with open(empty, 'wb') as f:      # a pcap header, no frame
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    c = ctx.cable()
    t = ctx.testpmd(
        ['net_pcap0,rx_pcap=%s,tx_pcap=%s' % (inp, out0),
         ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c),
         'net_pcap1,rx_pcap=%s,tx_pcap=%s' % (empty, out)],
        app=['--no-flush-rx'])
    ids = tp.port_ids_by_name(t)
    names = ('net_pcap0', 'net_nicpmd0', 'net_nicpmd1', 'net_pcap1')
    for n in names:
        tp.check(n in ids, 'port %s missing: %r' % (n, ids))
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
    tp.settle()
    t.cmd('stop')
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    t.close()       # net_pcap flushes its tx files on close
    n0, n1 = ids['net_nicpmd0'], ids['net_nicpmd1']
    tp.check(ps[n0]['tx_packets'] == len(frames),
             'nicpmd0 sent %d of %d frames' % (ps[n0]['tx_packets'],
                                               len(frames)))
    tp.check(ps[n1]['rx_packets'] == len(frames),
             'nicpmd1 received %d of %d frames (errors %d, missed %d)' %
             (ps[n1]['rx_packets'], len(frames), ps[n1]['rx_errors'],
              ps[n1]['rx_missed']))
    tp.check(ps[n1]['rx_bytes'] == sum(len(f) for f in frames),
             'nicpmd1 RX-bytes %d, frames hold %d' %
             (ps[n1]['rx_bytes'], sum(len(f) for f in frames)))
    res = tp.read_pcap(out)
    back = tp.read_pcap(out0)
    tp.check(len(back) == 0, 'out0.pcap (nothing sent that way) has %d frames'
             % len(back))
    tp.check(len(res) == len(frames), 'out.pcap has %d frames, in.pcap %d' %
             (len(res), len(frames)))
    for i, (a, b) in enumerate(zip(frames, res)):
        if a != b:
            j = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]),
                     min(len(a), len(b)))
            raise tp.Fail('frame %d differs: in %d B, out %d B, first '
                          'difference at byte %d' % (i, len(a), len(b), j))


def t_iface_vlan(ctx):
    """Tagged frames from the kernel keep their tags: scapy in a namespace
    sends untagged, 802.1Q (incl. priority-tagged VID 0), QinQ (0x88a8
    over 0x8100) and double 0x8100 frames; the kernel hands the outer tag
    out of band, the wire puts it back; io forwarding records what the
    port received in a pcap, compared byte for byte with what was sent."""
    _need_root_net()
    from scapy.all import Ether, Dot1Q, Dot1AD, IP, UDP, Raw
    src = '02:00:00:00:7a:01'
    base = IP(src='10.3.0.1', dst='10.3.0.2') / UDP(sport=7, dport=9)
    frames = []
    for i, l2 in enumerate([
            Ether(dst='ff:ff:ff:ff:ff:ff', src=src),
            Ether(dst='ff:ff:ff:ff:ff:ff', src=src) / Dot1Q(vlan=100, prio=3),
            Ether(dst='ff:ff:ff:ff:ff:ff', src=src) / Dot1Q(vlan=0, prio=5),
            Ether(dst='ff:ff:ff:ff:ff:ff', src=src) / Dot1AD(vlan=300) /
            Dot1Q(vlan=400),
            Ether(dst='ff:ff:ff:ff:ff:ff', src=src) / Dot1Q(vlan=7) /
            Dot1Q(vlan=8),
            Ether(dst='ff:ff:ff:ff:ff:ff', src=src) / Dot1Q(vlan=4095)]):
        frames.append(bytes(l2 / base / Raw(bytes([i]) * (40 + 100 * i)))
                      )
    out = os.path.join(ctx.dir, 'out.pcap')
    if os.path.exists(out):
        os.unlink(out)
    with KernelPeer('g', '10.81.%d.1' % (os.getpid() % 200)) as k:
        t = ctx.testpmd([ctx.nic(0, 'iface:' + k.ours),
                         ctx.nic(1, 'pcap:tx:' + out)],
                        app=['--forward-mode=io'])
        t.cmd('set promisc all on')
        t.cmd('start')
        script = ('import sys\n'
                  'from scapy.all import sendp, Ether\n'
                  'fs = [bytes.fromhex(x) for x in sys.argv[2:]]\n'
                  'sendp([Ether(f) for f in fs], iface=sys.argv[1], '
                  'verbose=False)\n')
        k.sh('/usr/bin/python3', '-c', script, k.theirs,
             *[f.hex() for f in frames], ns=True)
        deadline = time.time() + 10
        while time.time() < deadline:
            st = tp.parse_port_stats(t.cmd('show port stats 1'))
            if st[1]['tx_packets'] >= len(frames):
                break
            time.sleep(0.2)
        t.cmd('stop')
        t.close()       # the capture is complete once the port closes
    got = [f for f in tp.read_pcap(out) if f[6:12] == bytes.fromhex(
        src.replace(':', ''))]
    tp.check(len(got) == len(frames), 'port received %d of %d frames' %
             (len(got), len(frames)))
    for i, (a, b) in enumerate(zip(frames, got)):
        tp.check(a == b, 'frame %d: sent %s, received %s' %
                 (i, Ether(a).summary(), Ether(b).summary()))


def t_iface_tx_refused(ctx):
    """A frame the kernel refuses (3000 bytes over an interface MTU of
    1500) must not stall Tx: the 30 frames sent after it reach the other
    namespace (a scapy sniffer counts them), and the probe sets
    PACKET_LOSS without a warning."""
    _need_root_net()
    from scapy.all import Ether, Raw, wrpcap
    src = '02:00:00:00:7b:01'
    big = bytes(Ether(dst='ff:ff:ff:ff:ff:ff', src=src, type=0x88b5) /
                Raw(b'\xee' * 2986))
    small = [bytes(Ether(dst='ff:ff:ff:ff:ff:ff', src=src, type=0x88b5) /
                   Raw(bytes([i]) * 100)) for i in range(30)]
    inp = os.path.join(ctx.dir, 'in.pcap')
    wrpcap(inp, [Ether(f) for f in [big] + small])
    with KernelPeer('r', '10.83.%d.1' % (os.getpid() % 200)) as k:
        sniff = subprocess.Popen(
            ['ip', 'netns', 'exec', k.ns, '/usr/bin/python3', '-c',
             'from scapy.all import sniff\n'
             'p = sniff(iface="%s", timeout=12, lfilter=lambda p: '
             'p.src == "%s")\n'
             'print(len(p), max([len(x) for x in p] or [0]))\n'
             % (k.theirs, src)],
            stdout=subprocess.PIPE, text=True)
        time.sleep(2)   # the sniffer is listening
        t = ctx.testpmd([ctx.nic(0, 'iface:' + k.ours),
                         ctx.nic(1, 'pcap:rx:' + inp)],
                        app=['--forward-mode=io', '--mbuf-size=4096',
                             '--max-pkt-len=3100', '--no-flush-rx'])
        t.cmd('start')
        deadline = time.time() + 8
        while time.time() < deadline:
            st = tp.parse_port_stats(t.cmd('show port stats 0'))
            if st[0]['tx_packets'] >= len(small):
                break
            time.sleep(0.2)
        t.cmd('stop')
        drops = _xstat(t, 'tx_wire_drops')
        t.close()
        out, _ = sniff.communicate(timeout=30)
    # The refused frame is the wire's drop, not a frame sent.
    tp.check(st[0]['tx_packets'] == len(small) and drops == 1,
             'tx_packets %d (want %d), tx_wire_drops %s (want 1)' %
             (st[0]['tx_packets'], len(small), drops))
    n, longest = (int(x) for x in out.split())
    tp.check(n == len(small) and longest <= 1514,
             'the namespace received %d of %d frames (longest %d) after a '
             'refused one' % (n, len(small), longest))
    with open(ctx.logpath) as f:
        log = f.read()
    tp.check('PACKET_LOSS' not in log, 'probe warned about PACKET_LOSS')


TESTS = [('pcap_wire', t_pcap_wire), ('pcap_wire_bad', t_pcap_wire_bad),
         ('scapy_pcap_bytes', t_scapy_pcap_bytes),
         ('iface_ping', t_iface_ping), ('iface_tcp_tso', t_iface_tcp_tso),
         ('iface_udp_csum', t_iface_udp_csum),
         ('iface_rx_ring_full', t_iface_rx_ring_full),
         ('iface_wire_counters', t_iface_wire_counters),
         ('iface_lo_mac', t_iface_lo_mac),
         ('iface_vlan', t_iface_vlan),
         ('iface_tx_refused', t_iface_tx_refused),
         ('xproc_cable', t_xproc_cable),
         ('link_status_interrupt', t_link_status_interrupt)]

# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Basic port tests through testpmd's own commands: forwarding, port
info, exact stats, MTU, promiscuous mode, restart, hotplug, telemetry and
refused devargs, on two nicpmd ports cabled to each other."""

import re
import time

import tp
from tp import check, settle


def t_io_fwd_peer(ctx):
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    t.cmd('set fwd io')
    t.cmd('clear port stats all')
    t.cmd('start tx_first')
    time.sleep(2)
    fs = tp.parse_fwd_stats(t.cmd('stop'))
    settle()
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in (0, 1):
        check(p in fs, 'no forward stats for port %d' % p)
        check(fs[p]['rx'] > 0, 'port %d forwarded RX-packets 0' % p)
        check(fs[p]['tx'] > 0, 'port %d forwarded TX-packets 0' % p)
        check(fs[p]['tx_dropped'] == 0,
              'port %d TX-dropped %d' % (p, fs[p]['tx_dropped']))
        for k in ('rx_missed', 'rx_errors', 'tx_errors', 'rx_nombuf'):
            check(ps[p][k] == 0, 'port %d %s=%d on a lossless cable' %
                  (p, k, ps[p][k]))
    # Lossless cable, forwarding stopped, nothing in flight: what one port
    # sent the other received, packet for packet and byte for byte.
    for a, b in ((0, 1), (1, 0)):
        check(ps[a]['tx_packets'] == ps[b]['rx_packets'],
              'port %d TX-packets %d != port %d RX-packets %d' %
              (a, ps[a]['tx_packets'], b, ps[b]['rx_packets']))
        check(ps[a]['tx_bytes'] == ps[b]['rx_bytes'],
              'port %d TX-bytes %d != port %d RX-bytes %d' %
              (a, ps[a]['tx_bytes'], b, ps[b]['rx_bytes']))
        check(ps[b]['rx_bytes'] == 64 * ps[b]['rx_packets'],
              'port %d RX-bytes %d != 64 * RX-packets %d' %
              (b, ps[b]['rx_bytes'], ps[b]['rx_packets']))
    # testpmd's forward statistics are device-counter deltas read at
    # 'stop'; a threaded device may still drain what was posted then.
    # Only the 64 frames tx_first put in circulation can be in flight.
    for p in (0, 1):
        for f, d in (('rx', 'rx_packets'), ('tx', 'tx_packets')):
            late = ps[p][d] - fs[p][f]
            check(0 <= late <= 64, 'port %d %s: forward stats %d, device '
                  'counter %d later' % (p, f, fs[p][f], ps[p][d]))


def t_port_info(ctx):
    c = ctx.cable()
    mac0 = '02:00:00:00:0A:00'
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c, 'queues=2,mac=' + mac0),
                     ctx.nic(1, 'peer:' + c)])
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    i1 = tp.parse_port_info(t.cmd('show port info 1'))
    exp0 = {
        'Driver name': 'net_nicpmd',
        'Device name': 'net_nicpmd0',
        'MAC address': mac0,
        'Link status': 'up',
        'Link speed': '100 Gbps',
        'Link duplex': 'full-duplex',
        'MTU': '1500',
        'Max possible RX queues': '2',
        'Max possible TX queues': '2',
        'Firmware-version': 'abi 1.1',
    }
    for k, v in exp0.items():
        check(i0.get(k) == v, 'port 0 %s: %r, expected %r' %
              (k, i0.get(k), v))
    for k, v in (('Device name', 'net_nicpmd1'), ('Link status', 'up'),
                 ('Max possible RX queues', '16'),
                 ('Max possible TX queues', '16')):
        check(i1.get(k) == v, 'port 1 %s: %r, expected %r' %
              (k, i1.get(k), v))
    check(i0.get('MAC address') != i1.get('MAC address'),
          'both ports have MAC %s' % i0.get('MAC address'))
    # Descriptor limits: reported and consistent.
    lo = int(i0['Min possible number of RXDs per queue'])
    hi = int(i0['Max possible number of RXDs per queue'])
    check(0 < lo <= hi, 'RXD limits min %d max %d' % (lo, hi))
    # A stopped port reports its link down, a started one up again.
    t.cmd('port stop 0')
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    check(i0.get('Link status') == 'down',
          'stopped port 0 link %r' % i0.get('Link status'))
    t.cmd('port start 0')
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    check(i0.get('Link status') == 'up',
          'restarted port 0 link %r' % i0.get('Link status'))
    check(i0.get('Link speed') == '100 Gbps',
          'restarted port 0 speed %r' % i0.get('Link speed'))


def send_bursts(t, bursts=1):
    """rxonly, clear, tx_first N, stop; returns (fwd stats, port stats)."""
    t.cmd('set fwd rxonly')
    t.cmd('clear port stats all')
    t.cmd('start tx_first %d' % bursts)
    settle()
    fs = tp.parse_fwd_stats(t.cmd('stop'))
    settle(0.2)
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    return fs, ps


def t_stats_exact(ctx):
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    t.cmd('set burst 32')
    t.cmd('clear port stats all')
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in (0, 1):
        for k, v in ps[p].items():
            check(v == 0, 'port %d %s=%d right after clear' % (p, k, v))
    for bursts, size in ((1, 64), (3, 200), (2, 1514)):
        if size != 64:
            t.cmd('set txpkts %d' % size)
        n = 32 * bursts
        fs, ps = send_bursts(t, bursts)
        for p in (0, 1):
            s = ps[p]
            want = {'tx_packets': n, 'tx_bytes': n * size,
                    'rx_packets': n, 'rx_bytes': n * size,
                    'rx_missed': 0, 'rx_errors': 0, 'tx_errors': 0}
            for k, v in want.items():
                check(s[k] == v, '%d bursts of %d B: port %d %s=%d, '
                      'expected %d' % (bursts, size, p, k, s[k], v))
            check(fs[p]['rx'] == n, '%d bursts of %d B: port %d forward '
                  'RX-packets %d, expected %d' % (bursts, size, p,
                                                   fs[p]['rx'], n))


def t_mtu(ctx):
    c = ctx.cable()
    # Buffers big enough for a 9000-byte MTU frame in one mbuf: the PMD
    # does not offer Rx scatter.
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)],
                    app=['--mbuf-size=10240'], total_mbufs=8192)
    t.cmd('port stop all')
    out = t.cmd('port config mtu 0 9000')
    check(not re.search(r'fail|error|invalid|>|<', out, re.I),
          'MTU 9000 refused: %s' % out.strip())
    for bad in (9999, 20):
        out = t.cmd('port config mtu 0 %d' % bad)
        check(re.search(r'MTU|fail|invalid|error', out, re.I),
              'MTU %d accepted without an error message' % bad)
    t.cmd('port start all')
    i0 = tp.parse_port_info(t.cmd('show port info 0'))
    i1 = tp.parse_port_info(t.cmd('show port info 1'))
    check(i0.get('MTU') == '9000', 'port 0 MTU %r after 9000' % i0.get('MTU'))
    check(i1.get('MTU') == '1500', 'port 1 MTU %r, never changed' %
          i1.get('MTU'))
    check(i0.get('Link status') == 'up', 'port 0 link %r after MTU change'
          % i0.get('Link status'))
    # 8000-byte frames: port 0 (MTU 9000) takes them, port 1 (MTU 1500)
    # must drop them as errors.
    t.cmd('set txpkts 8000')
    fs, ps = send_bursts(t, 1)
    check(ps[0]['tx_packets'] == 32 and ps[0]['tx_bytes'] == 32 * 8000,
          'port 0 sent %d pkts %d B, expected 32 / 256000' %
          (ps[0]['tx_packets'], ps[0]['tx_bytes']))
    check(ps[1]['rx_packets'] == 0,
          'port 1 (MTU 1500) received %d 8000-byte frames' %
          ps[1]['rx_packets'])
    check(ps[1]['rx_errors'] == 32,
          'port 1 (MTU 1500) RX-errors %d for 32 oversize frames' %
          ps[1]['rx_errors'])
    check(ps[0]['rx_packets'] == ps[1]['tx_packets'],
          'port 0 RX %d != port 1 TX %d' %
          (ps[0]['rx_packets'], ps[1]['tx_packets']))
    t.cmd('port stop all')
    out = t.cmd('port config mtu 1 9000')
    check(not re.search(r'fail|error|invalid', out, re.I),
          'port 1 MTU 9000 refused: %s' % out.strip())
    t.cmd('port start all')
    fs, ps = send_bursts(t, 1)
    for p in (0, 1):
        check(ps[p]['rx_packets'] == 32 and ps[p]['rx_bytes'] == 32 * 8000,
              'MTU 9000 both: port %d RX %d pkts %d B, expected 32 / 256000'
              % (p, ps[p]['rx_packets'], ps[p]['rx_bytes']))
        check(ps[p]['rx_errors'] == 0, 'port %d RX-errors %d' %
              (p, ps[p]['rx_errors']))


def t_promisc(ctx):
    c = ctx.cable()
    mac0, mac1 = '02:00:00:00:0B:00', '02:00:00:00:0B:01'
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c, 'mac=' + mac0),
                     ctx.nic(1, 'peer:' + c, 'mac=' + mac1)])
    # The flags as testpmd reports them.
    t.cmd('set promisc all off')
    i = tp.parse_port_info(t.cmd('show port info 0'))
    check(i.get('Promiscuous mode') == 'disabled',
          'promisc off: %r' % i.get('Promiscuous mode'))
    t.cmd('set allmulti all on')
    i = tp.parse_port_info(t.cmd('show port info 0'))
    check(i.get('Allmulticast mode') == 'enabled',
          'allmulti on: %r' % i.get('Allmulticast mode'))
    t.cmd('set allmulti all off')
    i = tp.parse_port_info(t.cmd('show port info 1'))
    check(i.get('Allmulticast mode') == 'disabled',
          'allmulti off: %r' % i.get('Allmulticast mode'))

    # And what the receive filter does with them. Frames leave port 0 for
    # the address 'set eth-peer 0' names; port 1 receives or drops them.
    def rx1(dst):
        t.cmd('set eth-peer 0 %s' % dst)
        fs, ps = send_bursts(t, 1)
        check(ps[0]['tx_packets'] == 32, 'port 0 sent %d, expected 32' %
              ps[0]['tx_packets'])
        return ps[1]['rx_packets']

    other = '02:00:00:00:0C:99'
    mcast = '01:00:5E:00:00:01'
    n = rx1(other)
    check(n == 0, 'promisc off: port 1 received %d frames for %s' % (n, other))
    n = rx1(mac1)
    check(n == 32, 'promisc off: port 1 received %d/32 for its own MAC' % n)
    n = rx1('FF:FF:FF:FF:FF:FF')
    check(n == 32, 'promisc off: port 1 received %d/32 broadcast' % n)
    n = rx1(mcast)
    check(n == 0, 'allmulti off: port 1 received %d multicast' % n)
    t.cmd('set allmulti 1 on')
    n = rx1(mcast)
    check(n == 32, 'allmulti on: port 1 received %d/32 multicast' % n)
    n = rx1(other)
    check(n == 0, 'allmulti on, promisc off: port 1 received %d unicast '
          'for another MAC' % n)
    t.cmd('set promisc 1 on')
    i = tp.parse_port_info(t.cmd('show port info 1'))
    check(i.get('Promiscuous mode') == 'enabled',
          'promisc on: %r' % i.get('Promiscuous mode'))
    n = rx1(other)
    check(n == 32, 'promisc on: port 1 received %d/32 for another MAC' % n)
    # Modes survive a restart (the device forgets them; the PMD must not).
    t.cmd('set promisc 1 off')
    t.cmd('set allmulti 1 off')
    t.cmd('port stop all')
    t.cmd('port start all')
    n = rx1(other)
    check(n == 0, 'promisc off, after restart: port 1 received %d' % n)
    n = rx1(mcast)
    check(n == 0, 'allmulti off, after restart: port 1 received %d' % n)


def t_restart(ctx):
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    for rnd in range(5):
        t.cmd('port stop all')
        for p in (0, 1):
            i = tp.parse_port_info(t.cmd('show port info %d' % p))
            check(i.get('Link status') == 'down',
                  'round %d: stopped port %d link %r' %
                  (rnd, p, i.get('Link status')))
        out = t.cmd('port start all')
        check(not re.search(r'Fail|error', out),
              'round %d: port start all: %s' % (rnd, out.strip()))
        for p in (0, 1):
            i = tp.parse_port_info(t.cmd('show port info %d' % p))
            check(i.get('Link status') == 'up',
                  'round %d: port %d link %r after start' %
                  (rnd, p, i.get('Link status')))
    t.cmd('set fwd io')
    t.cmd('clear port stats all')
    t.cmd('start tx_first')
    time.sleep(1)
    fs = tp.parse_fwd_stats(t.cmd('stop'))
    settle()
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    for p in (0, 1):
        check(fs[p]['rx'] > 0 and fs[p]['tx'] > 0,
              'after 5 restarts port %d forwarded rx %d tx %d' %
              (p, fs[p]['rx'], fs[p]['tx']))
        check(ps[p]['rx_missed'] == 0 and ps[p]['rx_errors'] == 0 and
              ps[p]['tx_errors'] == 0, 'after restarts port %d: %r' %
              (p, ps[p]))
    # Exact accounting still holds after the restarts.
    fs, ps = send_bursts(t, 1)
    for p in (0, 1):
        check(ps[p]['rx_packets'] == 32 and ps[p]['tx_packets'] == 32,
              'after restarts port %d rx %d tx %d, expected 32' %
              (p, ps[p]['rx_packets'], ps[p]['tx_packets']))


def t_hotplug(ctx):
    """port attach/detach of nicpmd ports while testpmd runs: a detached
    peer takes the other end's link down, a re-attached one brings it up,
    and traffic flows again; five rounds."""
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0)])
    peer_a = ctx.nic(1, 'peer:' + c)
    peer_b = ctx.nic(2, 'peer:' + c)

    def link(p):
        return tp.parse_port_info(t.cmd('show port info %d' % p)).get(
            'Link status')

    out = t.cmd('port attach ' + peer_b, timeout=30)
    check(re.search(r'Port \d+ is attached', out),
          'attach %s: %s' % (peer_b, out.strip()))
    b = int(re.search(r'Port (\d+) is attached', out).group(1))
    t.cmd('port start %d' % b)
    for rnd in range(5):
        out = t.cmd('port attach ' + peer_a, timeout=30)
        m = re.search(r'Port (\d+) is attached', out)
        check(m, 'round %d: attach %s: %s' % (rnd, peer_a, out.strip()))
        a = int(m.group(1))
        out = t.cmd('port start %d' % a)
        check(not re.search(r'Fail|error', out),
              'round %d: port start %d: %s' % (rnd, a, out.strip()))
        settle()
        check(link(a) == 'up' and link(b) == 'up',
              'round %d: links a=%s b=%s with both ends attached' %
              (rnd, link(a), link(b)))
        t.cmd('port stop %d' % a)
        if rnd % 2 == 0:
            # Detach a stopped port: ethdev closes it on removal.
            out = t.cmd('port detach %d' % a, timeout=30)
        else:
            # Close first (the port id goes), then remove the device.
            t.cmd('port close %d' % a)
            out = t.cmd('device detach net_nicpmd1', timeout=30)
        check(re.search(r'Device (net_nicpmd1 )?is detached', out),
              'round %d: detach %d: %s' % (rnd, a, out.strip()))
        settle()
        check(link(b) == 'down',
              'round %d: port %d link %s after its peer was detached' %
              (rnd, b, link(b)))
    # A last attach: traffic crosses the cable again, exactly counted.
    out = t.cmd('port attach ' + peer_a, timeout=30)
    a = int(re.search(r'Port (\d+) is attached', out).group(1))
    t.cmd('port start %d' % a)
    settle()
    t.cmd('clear port stats all')
    t.cmd('set fwd rxonly')
    t.cmd('start tx_first')
    time.sleep(0.5)
    t.cmd('stop')
    settle()
    ps = tp.parse_port_stats(t.cmd('show port stats all'))
    check(ps[a]['tx_packets'] == 32 and ps[b]['rx_packets'] == 32 and
          ps[b]['tx_packets'] == 32 and ps[a]['rx_packets'] == 32,
          'after re-attach: a %r b %r' % (ps[a], ps[b]))


def telemetry(prefix, command):
    """One command on a DPDK process's telemetry socket; its JSON reply."""
    import json
    import socket
    path = '/var/run/dpdk/%s/dpdk_telemetry.v2' % prefix
    with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as s:
        s.settimeout(5)
        s.connect(path)
        json.loads(s.recv(16384).decode())     # the greeting
        s.send(command.encode())
        return json.loads(s.recv(65536).decode())


def t_telemetry(ctx):
    """/nicpmd/info tells the device's ABI, features and state; ethdev's
    xstats carry the device counters under their names."""
    c = ctx.cable()
    t = ctx.testpmd([ctx.nic(0, 'peer:' + c), ctx.nic(1, 'peer:' + c)])
    settle()
    info = telemetry(t.prefix, '/nicpmd/info,0')['/nicpmd/info']
    check(info.get('abi_major') == 1 and info.get('link_up') == 1 and
          info.get('started') == 1 and info.get('development') == 0,
          '/nicpmd/info,0: %r' % info)
    check(info.get('features', 0) != 0, 'no features negotiated: %r' % info)
    bad = telemetry(t.prefix, '/nicpmd/info,99')
    check(bad.get('/nicpmd/info') is None, 'port 99 answered: %r' % bad)
    t.cmd('port stop 1')
    settle()
    info = telemetry(t.prefix, '/nicpmd/info,0')['/nicpmd/info']
    check(info.get('link_up') == 0,
          'port 0 link up with its peer stopped: %r' % info)
    xs = telemetry(t.prefix, '/ethdev/xstats,0')['/ethdev/xstats']
    for name in ('rx_no_buffer_drops', 'rx_l3_checksum_errors',
                 'tx_bad_descriptor_drops', 'link_changes'):
        check(name in xs, 'xstat %s missing: %r' % (name, sorted(xs)))
    check(xs['link_changes'] >= 1, 'link_changes %r' % xs['link_changes'])


def t_bad_devargs(ctx):
    cases = [
        # (devargs, regex the log must show, with engine=<engine> added)
        ('queues=0', r'invalid devarg queues=0', True),
        ('queues=65', r'invalid devarg queues=65', True),
        ('engine=turbo', r'invalid devarg engine=turbo', False),
        ('hw_version=2.0', r'ABI 2\.0 is not supported|'
         r'invalid devarg hw_version=2\.0', True),
        ('hw_version=one', r'invalid devarg hw_version=one', True),
        ('mac=01:00:00:00:00:01', r'invalid devarg mac=01:00:00:00:00:01',
         True),
        ('wire=nowhere', r'invalid devarg wire=nowhere', True),
        ('colour=blue', r'unknown devarg colour=blue', True),
    ]
    errors = []
    for args, pattern, add_engine in cases:
        vdev = ctx.nic(0, extra=args, engine=add_engine)
        t = ctx.spawn_raw([vdev])
        try:
            if t.started:
                out = t.cmd('show port summary all')
                m = re.search(r'Number of available ports: (\d+)', out)
                if not m or m.group(1) != '0':
                    errors.append('%s: a port was created' % args)
            text = t.output
        finally:
            text = t.close()
        if not re.search(pattern, text):
            errors.append('%s: no log line matching /%s/' % (args, pattern))
        if re.search(r'Configuring Port 0', text):
            errors.append('%s: testpmd configured port 0' % args)
    check(not errors, '; '.join(errors))


TESTS = [
    ('io_fwd_peer', t_io_fwd_peer),
    ('port_info', t_port_info),
    ('stats_exact', t_stats_exact),
    ('mtu', t_mtu),
    ('promisc', t_promisc),
    ('restart', t_restart),
    ('bad_devargs', t_bad_devargs),
    ('hotplug', t_hotplug),
    ('telemetry', t_telemetry),
]

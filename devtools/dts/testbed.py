#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Run the DPDK Test Suite (DTS) of a DPDK release against nicpmd ports,
on this one machine, and leave the machine as it was found.

devtools/dts.sh prepares the inputs (the release's build, nicpmd built
against it, DTS's Python) and calls `testbed.py run`; `testbed.py
cleanup` removes what a killed run left. The testbed (README.md beside
this file and the NIC guide's "Conformance" section draw it):

  SUT  network namespace nicpmd-dts-sut, its own sshd; ports dts-sut0 and
       dts-sut1 (veths), shown to DTS as PCI 0000:ff:00.0 and .1; testpmd
       drives them as net_nicpmd0/1 with wire=iface:dts-sutN.
  TG   network namespace nicpmd-dts-tg, its own sshd; DTS's Scapy
       generator on dts-tg0/dts-tg1 (PCI 0000:fe:00.0 and .1 to DTS).
  Cables: veth pairs dts-sutN <-> dts-tgN, MTU 9200.

DTS (main.py of the release's dts/) runs in the root namespace and reaches
each node's sshd (127.0.0.1:22 in the node's namespace) through a port on
the root namespace's loopback that this program relays into the
namespace. Each sshd runs in a private mount namespace: /tmp, /run (hence
/var/run/dpdk), /root and /usr/local/sbin (the shims: lshw, sudo) are its
own, and the SUT has a private hugetlbfs mount; all of it vanishes with
the namespace. The only global state is the hugepage count (raised by
what the run needs, lowered by as much at the end), the namespaces and
veths, and the sshd processes: each is recorded in a state file as it is
made, undone on exit, on a signal, or by `cleanup` after a kill.
"""

import argparse
import ctypes
import datetime
import fcntl
import glob
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import ci_report  # noqa: E402 (devtools/ci_report.py)
sys.path.insert(0, HERE)
import known_failures  # noqa: E402 (devtools/dts/known_failures.py)

CACHE = os.environ.get('NICPMD_CACHE', '/var/cache/nicpmd')
STATE = os.path.join(CACHE, 'dts-state.json')
LOCK = os.path.join(CACHE, 'dts.lock')
NETNS = {'sut': 'nicpmd-dts-sut', 'tg': 'nicpmd-dts-tg'}
IFACES = {'sut': ['dts-sut0', 'dts-sut1'], 'tg': ['dts-tg0', 'dts-tg1']}
PCI = {'sut': ['0000:ff:00.0', '0000:ff:00.1'],
       'tg': ['0000:fe:00.0', '0000:fe:00.1']}
MACS = {'sut': ['02:00:00:00:ff:00', '02:00:00:00:ff:01'],
        'tg': ['02:00:00:00:fe:00', '02:00:00:00:fe:01']}
MTU = 9200
HUGE_DIR = '/run/nicpmd-dts-huge'
HUGEPAGES = 1536            # 2 MiB pages: testpmd with 9200-byte mbufs
HUGE_SYSFS = '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages'
LOCK_WAIT_S = 3600          # how long a run waits for another to end
LINGER_S = 30               # a DTS that said it ended is killed after this

# Suites (or cases) that cannot apply on this testbed, with the reason.
# Each entry is (suite, case or None, predicate -> reason or None).


def _cores():
    return os.cpu_count() or 1


NOT_APPLICABLE = [
    ('smoke_tests', None, lambda: (
        "runs DPDK's meson unit tests (fast-tests, driver-tests) in the "
        "build directory (the minimal release build has none) and wants "
        "testpmd to list the ports by PCI address (vdev ports are named "
        "net_nicpmdN); DTS runs it first and stops every other suite if it "
        "fails")),
    ('l2fwd', None, lambda: (
        'l2fwd_integrity asks for 4 cores per socket; this machine has %d'
        % _cores()) if _cores() < 4 else None),
    ('virtio_forward', 'pvp_loop', lambda: (
        'needs the kernel vhost-net device (/dev/vhost-net) for its TAP '
        'port') if not os.path.exists('/dev/vhost-net') else None),
    ('cryptodev_latency', None, lambda: (
        'needs a crypto device and the crypto test type; the testbed has '
        'none')),
    ('cryptodev_throughput', None, lambda: (
        'needs a crypto device and the crypto test type; the testbed has '
        'none')),
    ('single_core_forward_perf', None, lambda: (
        'a performance test: needs a TREX traffic generator and dedicated '
        'cores; the testbed has Scapy on 2 shared cores')),
]


def say(*what):
    print('dts:', *what, file=sys.stderr, flush=True)


def run(cmd, check=True, quiet=False, **kw):
    if not quiet:
        kw.setdefault('stdout', subprocess.PIPE)
        kw.setdefault('stderr', subprocess.STDOUT)
    r = subprocess.run(cmd, text=True, stdin=subprocess.DEVNULL, **kw)
    if check and r.returncode != 0:
        raise RuntimeError('%s failed (%d): %s' % (
            ' '.join(cmd), r.returncode, (r.stdout or '').strip()))
    return r


def netns_exists(name):
    return os.path.exists('/run/netns/' + name)


def netns_pids(name):
    r = run(['ip', 'netns', 'pids', name], check=False)
    return [int(p) for p in r.stdout.split() if p.isdigit()]


def kill_pids(pids, grace=5.0):
    """SIGTERM, then SIGKILL what is left after grace seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        alive = []
        for p in pids:
            try:
                os.kill(p, sig)
                alive.append(p)
            except ProcessLookupError:
                pass
        if not alive:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            alive = [p for p in alive if os.path.exists('/proc/%d' % p)
                     and not _zombie(p)]
            if not alive:
                return
            time.sleep(0.1)
        pids = alive


def _zombie(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] == 'Z'
    except OSError:
        return True


def hugepages_total():
    with open(HUGE_SYSFS) as f:
        return int(f.read())


def hugepages_free():
    with open('/proc/meminfo') as f:
        return int(re.search(r'HugePages_Free:\s+(\d+)', f.read()).group(1))


def hugepages_lower(n):
    """Give back n pages we added (never below zero), once they are free
    again (a page still mapped when the pool shrinks turns into a surplus
    page that a later raise of the pool would keep for good)."""
    if n <= 0:
        return
    deadline = time.monotonic() + 15
    while hugepages_free() < n and time.monotonic() < deadline:
        time.sleep(0.2)
    total = hugepages_total()
    with open(HUGE_SYSFS, 'w') as f:
        f.write(str(max(0, total - n)))


# --- state: what this run made, for teardown and for `cleanup` ---------

class State:
    def __init__(self):
        self.d = {'pid': os.getpid(), 'started': now(), 'netns': [],
                  'hugepages_added': 0, 'pids': []}

    def save(self):
        os.makedirs(CACHE, exist_ok=True)
        tmp = STATE + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(self.d, f, indent=1)
        os.replace(tmp, STATE)

    def add(self, key, value):
        self.d[key].append(value)
        self.save()


def undo(d):
    """Tear down what a state dict records, and anything named as ours."""
    # Recorded processes: [pid, a string its command line must hold (a pid
    # may have been reused since), whether to kill its process group].
    for entry in d.get('pids', []):
        if not (isinstance(entry, list) and len(entry) == 3):
            continue
        pid, mark, group = entry
        try:
            with open('/proc/%d/cmdline' % pid, 'rb') as f:
                cmdline = f.read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:
            continue
        if mark not in cmdline:
            continue
        if group:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(pid, sig)
                except ProcessLookupError:
                    break
                time.sleep(2)
        else:
            kill_pids([pid])
    for node, ns in NETNS.items():
        if ns in d.get('netns', []) or netns_exists(ns):
            if netns_exists(ns):
                kill_pids(netns_pids(ns))
                run(['ip', 'netns', 'del', ns], check=False)
    if d.get('hugepages_added'):
        hugepages_lower(d['hugepages_added'])
        d['hugepages_added'] = 0


def cleanup_stale():
    """Remove what an earlier run, killed before its teardown, left:
    its state file's records and our namespaces (their names are ours).
    Called with the lock held, so no live run owns them."""
    d = {}
    if os.path.exists(STATE):
        try:
            with open(STATE) as f:
                d = json.load(f)
        except (OSError, ValueError):
            d = {}
    stale = [ns for ns in NETNS.values() if netns_exists(ns)]
    if not d and not stale:
        return False
    say('removing what an earlier run left: %s' % ', '.join(
        stale + (['%d hugepages' % d['hugepages_added']]
                 if d.get('hugepages_added') else []) +
        (['state of pid %s' % d.get('pid')] if d else [])))
    undo(d)
    if os.path.exists(STATE):
        os.unlink(STATE)
    return True


def take_lock():
    os.makedirs(CACHE, exist_ok=True)
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        # Runs never overlap: wait for the other one (as long as a whole
        # run may take), then give up.
        say('waiting for the DTS run of pid %s to end (%s)' % (
            open(LOCK).read().strip() or '?', LOCK))
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    say('another DTS run still holds %s after %d s; runs '
                        'never overlap' % (LOCK, LOCK_WAIT_S))
                    print('0 passed, 1 failed, 0 skipped')
                    sys.exit(1)
                time.sleep(1)
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(
        timespec='seconds')


# --- the testbed ------------------------------------------------------

SSHD_CONFIG = """\
ListenAddress 127.0.0.1:22
HostKey {hostkey}
PidFile none
AuthorizedKeysFile {authorized}
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
MaxSessions 64
MaxStartups 64
Subsystem sftp internal-sftp
SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
"""

# Run by `ip netns exec` (a new mount namespace, slave to the root one):
# the node's private mounts, then sshd in the foreground.
NODE_INIT = """\
set -e
mount -t tmpfs -o mode=1777 nicpmd-dts-tmp /tmp
mount -t tmpfs -o mode=755 nicpmd-dts-run /run
mkdir -p /run/sshd
mount --bind {home} /root
mount --bind {bin} /usr/local/sbin
{extra}
ip link set lo up
exec /usr/sbin/sshd -D -e -f {config}
"""


class Forwarder:
    """A TCP port on the root namespace's loopback that reaches a node's
    sshd (127.0.0.1:22 in its namespace): DTS connects to nodes by
    address and port, with Fabric and with plain Paramiko. Each connection
    is served by a thread that enters the namespace (setns, that thread
    only), connects there and relays both ways."""

    CLONE_NEWNET = 0x40000000

    def __init__(self, ns):
        self.ns = ns
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(conn,),
                             daemon=True).start()

    def _relay(self, conn):
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open('/run/netns/' + self.ns, os.O_RDONLY)
        try:
            if libc.setns(fd, self.CLONE_NEWNET) != 0:
                conn.close()
                return
        finally:
            os.close(fd)
        try:
            peer = socket.create_connection(('127.0.0.1', 22), timeout=10)
        except OSError:
            conn.close()
            return
        peer.settimeout(None)
        socks = [conn, peer]
        try:
            while not self.closed:
                ready, _, _ = select.select(socks, [], [], 1.0)
                for r in ready:
                    data = r.recv(65536)
                    if not data:
                        return
                    (peer if r is conn else conn).sendall(data)
        except OSError:
            pass
        finally:
            conn.close()
            peer.close()

    def close(self):
        self.closed = True
        self.sock.close()


class Testbed:
    def __init__(self, args, run_dir, state):
        self.args = args
        self.run_dir = run_dir
        self.state = state
        self.sshd = {}
        self.forward = {}
        self.hugepages_added = 0

    def path(self, *p):
        return os.path.join(self.run_dir, *p)

    def up(self):
        self._netns()
        self._keys()
        self._hugepages()
        for node in ('sut', 'tg'):
            self._node(node)
        for node in ('sut', 'tg'):
            self._wait_sshd(node)
            self.forward[node] = Forwarder(NETNS[node])

    def _netns(self):
        for node, ns in NETNS.items():
            run(['ip', 'netns', 'add', ns])
            self.state.add('netns', ns)
        for i, (sut_if, tg_if) in enumerate(zip(IFACES['sut'],
                                                IFACES['tg'])):
            # Fixed, locally administered MACs: runs are alike (a DTS case
            # derives addresses from the port's, e.g. mac_filter's
            # "1" + mac[1:], which is the port's own when it starts with 1).
            run(['ip', 'link', 'add', sut_if, 'netns', NETNS['sut'],
                 'address', MACS['sut'][i], 'type', 'veth', 'peer', 'name',
                 tg_if, 'netns', NETNS['tg'], 'address', MACS['tg'][i]])
        for node, ns in NETNS.items():
            ipns = ['ip', 'netns', 'exec', ns]
            # The node's own IPv6 chatter (router solicitations, MLD)
            # would be traffic on the ports the tests count.
            run(ipns + ['sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1'])
            run(ipns + ['sysctl', '-qw',
                        'net.ipv6.conf.default.disable_ipv6=1'])
            for ifname in IFACES[node]:
                run(ipns + ['sysctl', '-qw',
                            'net.ipv6.conf.%s.disable_ipv6=1' % ifname])
                run(['ip', '-n', ns, 'link', 'set', ifname, 'mtu', str(MTU)])
                # Frames as sent: no offloads between the ends of a cable.
                run(ipns + ['ethtool', '-K', ifname, 'tso', 'off', 'gso',
                            'off', 'gro', 'off', 'tx', 'off', 'rx', 'off'],
                    check=False)
                run(['ip', '-n', ns, 'link', 'set', ifname, 'up'])

    def _keys(self):
        os.makedirs(self.path('ssh'), mode=0o700)
        for key in ('host', 'client'):
            run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C',
                 'nicpmd-dts-' + key, '-f', self.path('ssh', key)])
        shutil.copy(self.path('ssh', 'client.pub'),
                    self.path('ssh', 'authorized_keys'))
        # DTS's HOME: Paramiko finds the key there and Fabric the ssh
        # config, with known_hosts there too; nothing of root's own
        # ~/.ssh is used.
        home = self.path('dts-home')
        os.makedirs(os.path.join(home, '.ssh'), mode=0o700)
        shutil.copy(self.path('ssh', 'client'),
                    os.path.join(home, '.ssh', 'id_ed25519'))
        os.chmod(os.path.join(home, '.ssh', 'id_ed25519'), 0o600)
        with open(os.path.join(home, '.ssh', 'config'), 'w') as f:
            f.write('Host 127.0.0.1\n  User root\n  IdentityFile %s\n'
                    '  IdentitiesOnly yes\n  StrictHostKeyChecking no\n'
                    '  UserKnownHostsFile %s\n' % (
                        os.path.join(home, '.ssh', 'id_ed25519'),
                        os.path.join(home, '.ssh', 'known_hosts')))

    def _hugepages(self):
        free = hugepages_free()
        if free >= HUGEPAGES:
            return
        want = HUGEPAGES - free
        before = hugepages_total()
        # Recorded before the write: a kill between the two leaves a
        # record of at most what we asked for, never less than we did.
        self.state.d['hugepages_added'] = want
        self.state.save()
        with open(HUGE_SYSFS, 'w') as f:
            f.write(str(before + want))
        self.hugepages_added = max(0, hugepages_total() - before)
        self.state.d['hugepages_added'] = self.hugepages_added
        self.state.save()
        if hugepages_free() < HUGEPAGES // 2:
            say('warning: only %d free 2 MiB hugepages' % hugepages_free())

    def ports(self, node):
        out = []
        for i, (pci, ifname) in enumerate(zip(PCI[node], IFACES[node])):
            if node == 'sut':
                drv = 'net_' + self.args.ports
                product = ('nicpmd (wire=iface:%s)' % ifname
                           if self.args.ports == 'nicpmd' else
                           'net_af_packet (iface=%s)' % ifname)
            else:
                drv, product = 'veth', 'veth'
            out.append({'pci': pci, 'logicalname': ifname, 'driver': drv,
                        'product': product})
        return out

    def _node(self, node):
        nd = self.path('nodes', node)
        home, bin_ = os.path.join(nd, 'home'), os.path.join(nd, 'bin')
        os.makedirs(home)
        os.makedirs(bin_)
        for shim in ('lshw', 'sudo'):
            shutil.copy(os.path.join(HERE, 'shims', shim), bin_)
        with open(os.path.join(bin_, 'nicpmd-dts-ports.json'), 'w') as f:
            json.dump({'node': node, 'ports': self.ports(node)}, f, indent=1)
        cfg = os.path.join(nd, 'sshd_config')
        with open(cfg, 'w') as f:
            f.write(SSHD_CONFIG.format(
                hostkey=self.path('ssh', 'host'),
                authorized=self.path('ssh', 'authorized_keys')))
        extra = ''
        if node == 'sut':
            extra = ('mkdir -p {d}\nmount -t hugetlbfs -o pagesize=2M '
                     'nicpmd-dts-huge {d}'.format(d=HUGE_DIR))
        init = NODE_INIT.format(home=home, bin=bin_, config=cfg, extra=extra)
        logf = open(os.path.join(nd, 'sshd.log'), 'w')
        p = subprocess.Popen(['ip', 'netns', 'exec', NETNS[node], 'sh', '-c',
                              init], stdin=subprocess.DEVNULL, stdout=logf,
                             stderr=subprocess.STDOUT, start_new_session=True)
        self.sshd[node] = p
        self.state.add('pids', [p.pid, cfg, False])

    def _wait_sshd(self, node):
        log = self.path('nodes', node, 'sshd.log')
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.sshd[node].poll() is not None:
                raise RuntimeError('sshd of %s exited: %s' % (
                    node, open(log).read().strip()))
            if 'Server listening' in open(log).read():
                return
            time.sleep(0.1)
        raise RuntimeError('sshd of %s did not start: %s' % (
            node, open(log).read().strip()))

    def node_root(self, node):
        """The node's filesystem as its processes see it (its mounts)."""
        return '/proc/%d/root' % self.sshd[node].pid

    def clear_hugepages(self):
        """Hugepage files a DTS left behind (an earlier DTS's file prefix
        is not cleared by the next one's testpmd)."""
        d = self.node_root('sut') + HUGE_DIR
        for f in glob.glob(os.path.join(d, '*')):
            try:
                os.unlink(f)
            except OSError:
                pass

    def down(self):
        for f in self.forward.values():
            f.close()
        for p in self.sshd.values():
            if p.poll() is None:
                kill_pids([p.pid])
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        undo({'netns': list(NETNS.values()), 'pids': [],
              'hugepages_added': self.hugepages_added})
        self.hugepages_added = 0


# --- the DPDK tree DTS sees ---------------------------------------------

def make_tree(args, run_dir, tb):
    """<run>/dpdk: the release's VERSION and dts/ (entries linked), the
    devbind stand-in as usertools/dpdk-devbind.py, and build/app/ with the
    applications DTS starts, which are app_wrapper.py."""
    tree = os.path.join(run_dir, 'dpdk')
    os.makedirs(os.path.join(tree, 'dts'))
    os.makedirs(os.path.join(tree, 'usertools'))
    os.makedirs(os.path.join(tree, 'build', 'app'))
    shutil.copy(os.path.join(args.src, 'VERSION'), tree)
    for e in os.listdir(os.path.join(args.src, 'dts')):
        os.symlink(os.path.join(args.src, 'dts', e),
                   os.path.join(tree, 'dts', e))
    shutil.copy(os.path.join(HERE, 'shims', 'dpdk-devbind.py'),
                os.path.join(tree, 'usertools'))
    app = os.path.join(tree, 'build', 'app')
    for name in ('dpdk-testpmd', 'dpdk-dumpcap'):
        os.symlink(os.path.join(HERE, 'app_wrapper.py'),
                   os.path.join(app, name))
    ports = []
    for i, (pci, ifname) in enumerate(zip(PCI['sut'], IFACES['sut'])):
        if args.ports == 'nicpmd':
            name = 'net_nicpmd%d' % i
            vdev = args.vdev.format(n=i, iface=ifname)
        else:
            name = 'net_af_packet%d' % i
            vdev = 'net_af_packet%d,iface=%s' % (i, ifname)
        ports.append({'pci': pci, 'ifname': ifname, 'name': name,
                      'vdev': vdev})
    bindir = os.path.join(args.prefix, 'bin')
    cfg = {'testpmd': os.path.join(bindir, 'dpdk-testpmd'),
           'dumpcap': os.path.join(bindir, 'dpdk-dumpcap'),
           'pmd': args.pmd if args.ports == 'nicpmd' else '',
           'libdir': args.libdir, 'huge_dir': HUGE_DIR, 'ports': ports,
           'log': os.path.join(run_dir, 'wrapper.log')}
    with open(os.path.join(app, 'nicpmd-dts.json'), 'w') as f:
        json.dump(cfg, f, indent=1)
    return tree, cfg


def probe_device(args, cfg, run_dir):
    """What the tests config takes from the device: `show port info`
    of the SUT's port 0, as the release's testpmd prints it."""
    cmd = ['ip', 'netns', 'exec', NETNS['sut'], cfg['testpmd'], '-l', '0-1',
           '--no-huge', '-m', '512', '--in-memory', '--no-pci',
           '--file-prefix', 'nicpmd_dts_probe']
    if cfg['pmd']:
        cmd += ['-d', cfg['pmd']]
    cmd += ['--vdev', cfg['ports'][0]['vdev'], '--', '-i', '--no-mlockall',
            '--total-num-mbufs', '8192']
    try:
        out = subprocess.run(cmd, input='show port info 0\nquit\n', text=True,
                             capture_output=True, timeout=90).stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ''
        out = out if isinstance(out, str) else out.decode(errors='replace')
    with open(os.path.join(run_dir, 'probe.log'), 'w') as f:
        f.write(' '.join(cmd) + '\n' + out)

    def field(pattern):
        m = re.search(pattern, out)
        return m.group(1).strip() if m else None
    return {'key_size': field(r'Hash key size in bytes: (\d+)'),
            'reta_size': field(r'Redirection table size: (\d+)'),
            'max_rxq': field(r'Max possible RX queues: (\d+)'),
            'speed': field(r'Link speed: ([^\n]+)')}


# --- DTS configuration --------------------------------------------------

def yaml_dump(obj, indent=0):
    """Enough YAML for DTS's configuration (no PyYAML needed here)."""
    pad = '  ' * indent
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (dict, list)) and v:
                out.append('%s%s:' % (pad, k))
                out.append(yaml_dump(v, indent + 1))
            else:
                out.append('%s%s: %s' % (pad, k, scalar(v)))
    else:
        for v in obj:
            if isinstance(v, dict):
                first = True
                for line in yaml_dump(v, indent + 1).splitlines():
                    out.append((pad + '- ' + line.lstrip()) if first
                               else line)
                    first = False
            else:
                out.append('%s- %s' % (pad, scalar(v)))
    return '\n'.join(out)


def scalar(v):
    if v is True or v is False:
        return 'true' if v else 'false'
    if v is None:
        return 'null'
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (list, dict)):
        return '[]' if isinstance(v, list) else '{}'
    return json.dumps(str(v))


def suite_cases(src, suite):
    """Test case names of a DTS suite, from its source."""
    path = os.path.join(src, 'dts', 'tests', 'TestSuite_%s.py' % suite)
    text = open(path).read()
    return re.findall(r'@(?:func|perf|crypto)_test\s*\n\s*def (\w+)\(',
                      text)


def all_suites(src):
    return sorted(os.path.basename(p)[len('TestSuite_'):-3] for p in
                  glob.glob(os.path.join(src, 'dts', 'tests',
                                         'TestSuite_*.py')))


def plan(args):
    """[(suite, [cases to run] or None for all)], and what cannot apply:
    [(suite, case or None for the whole suite, reason, [its cases])]."""
    wanted = args.suites.split(',') if args.suites else all_suites(args.src)
    known = all_suites(args.src)
    bad = [s for s in wanted if s not in known]
    if bad:
        sys.exit('dts: no such DTS suite(s) in %s: %s (known: %s)' % (
            args.src, ', '.join(bad), ', '.join(known)))
    run_, na = [], []
    for suite in wanted:
        cases = suite_cases(args.src, suite)
        skip = {}
        for s, case, why in NOT_APPLICABLE:
            reason = why() if s == suite else None
            if reason:
                for c in ([case] if case else cases):
                    skip[c] = reason
        left = [c for c in cases if c not in skip]
        if not left:
            na.append((suite, None, skip[cases[0]], cases))
            continue
        na += [(suite, c, skip[c], [c]) for c in cases if c in skip]
        run_.append((suite, None if len(left) == len(cases) else left))
    return run_, na


def write_configs(args, run_dir, tb, tree, probe, suites, n):
    conf = os.path.join(run_dir, 'conf')
    os.makedirs(conf, exist_ok=True)
    nodes = []
    for node, name in (('sut', 'sut'), ('tg', 'tg')):
        ports = [{'name': 'port-%d' % i, 'pci': p['pci'],
                  'os_driver_for_dpdk': p['driver'],
                  'os_driver': p['driver']}
                 for i, p in enumerate(tb.ports(node))]
        nodes.append({'name': name, 'hostname': '127.0.0.1:%d' %
                      tb.forward[node].port, 'user': 'root',
                      'os': 'linux', 'ports': ports})
    test_suites = []
    for suite, cases in suites:
        test_suites.append(suite if cases is None else
                           {'test_suite': suite, 'test_cases': cases})
    test_run = {
        'dpdk': {
            # Both cores: testpmd needs a forwarding core besides its main.
            'lcores': '0-%d' % (_cores() - 1),
            'memory_channels': 1,
            'build': {'dpdk_location': {'dpdk_tree': tree, 'remote': True},
                      'precompiled_build_dir': 'build'},
        },
        'func_traffic_generator': {'type': 'SCAPY'},
        'perf': False, 'func': True, 'crypto': False,
        'use_virtual_functions': False,
        'skip_smoke_tests': True,
        'test_suites': test_suites,
        'system_under_test_node': 'sut',
        'traffic_generator_node': 'tg',
        'port_topology': ['sut.port-0 <-> tg.port-0',
                          'sut.port-1 <-> tg.port-1'],
    }
    tests = {}
    if probe.get('max_rxq') and probe.get('key_size') and \
            probe.get('reta_size'):
        tests['rss'] = {'NUM_QUEUES': min(int(probe['max_rxq']), 16),
                        'ACTUAL_KEY_SIZE': int(probe['key_size']),
                        'ACTUAL_RETA_SIZE': int(probe['reta_size'])}
    if probe.get('speed') and 'Gbps' in probe['speed']:
        tests['speed_capabilities'] = {'test_parameters': {
            0: probe['speed'], 1: probe['speed']}}
    files = {}
    for name, doc in (('nodes', nodes), ('test_run', test_run),
                      ('tests_config', tests)):
        files[name] = os.path.join(conf, '%s-%d.yaml' % (name, n))
        with open(files[name], 'w') as f:
            f.write('# written by devtools/dts/testbed.py\n')
            f.write((yaml_dump(doc) if doc else '{}') + '\n')
    return files


# --- running DTS ----------------------------------------------------------

def run_dts(args, run_dir, tree, files, out_dir, log_path, state):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('SSH_', 'DTS_', 'PYTHON'))}
    env['HOME'] = os.path.join(run_dir, 'dts-home')
    env['PATH'] = '/usr/sbin:/usr/bin:/sbin:/bin'
    cmd = [args.python, os.path.join(tree, 'dts', 'main.py'),
           '--test-run-config-file', files['test_run'],
           '--nodes-config-file', files['nodes'],
           '--tests-config-file', files['tests_config'],
           '--output-dir', out_dir, '--timeout', str(args.dts_timeout)]
    say('DTS:', ' '.join(cmd[1:]))
    start = time.monotonic()
    ended = []
    with open(log_path, 'w') as logf:
        p = subprocess.Popen(cmd, cwd=os.path.join(tree, 'dts'), env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             errors='replace', start_new_session=True)
        state.add('pids', [p.pid, os.path.join(tree, 'dts', 'main.py'),
                           True])

        def reader():
            for line in p.stdout:
                logf.write(line)
                logf.flush()
                if not ended and 'DTS execution has ended' in line:
                    ended.append(time.monotonic())
                m = PROGRESS_RE.search(line)
                if args.verbose:
                    say(line.rstrip())
                elif m:
                    say('  %-7s %s' % ((m.group(2) or m.group(3)).rstrip('.'),
                                       m.group(1) or m.group(4)))
        t = threading.Thread(target=reader, daemon=True)
        t.start()
        try:
            while p.poll() is None:
                if ended and time.monotonic() - ended[0] > LINGER_S:
                    say('DTS said it ended %d s ago and lingers: killing it'
                        % LINGER_S)
                    break
                if time.monotonic() - start > args.run_timeout:
                    say('DTS ran for more than %d s: killing it'
                        % args.run_timeout)
                    break
                time.sleep(0.2)
        finally:
            kill_group(p)
            t.join(timeout=10)
    return p.returncode


PROGRESS_RE = re.compile(r"Test case '(\w+)' execution (?:was )?(\w+)|"
                         r"An unexpected (ERROR) has occurred during test "
                         r"case '(\w+)' execution")


def kill_group(p):
    """DTS and whatever it started in the root namespace (ssh proxies)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            break
        try:
            p.wait(timeout=5)
            # The group may outlive its leader.
            os.killpg(p.pid, 0)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            if p.poll() is not None:
                try:
                    os.killpg(p.pid, 0)
                except ProcessLookupError:
                    break
    if p.poll() is None:
        p.wait()


def dts_results(out_dir):
    """{suite: {case: (RESULT, reason)}}, [execution errors] of one DTS
    run's results.json."""
    path = os.path.join(out_dir, 'results.json')
    if not os.path.exists(path):
        return {}, ['DTS wrote no %s' % path]
    with open(path) as f:
        doc = json.load(f)
    found = {}
    suites = doc.get('test_suites') or {}
    for suite, node in suites.items():
        if suite in ('setup', 'teardown', 'result', 'reason') or \
                not isinstance(node, dict):
            continue
        cases = {}
        setup = node.get('setup') or {}
        for case, res in node.items():
            if case in ('setup', 'teardown', 'result', 'reason') or \
                    not isinstance(res, dict):
                continue
            r = res.get('result') or 'ERROR'
            why = res.get('reason') or ''
            if not why and isinstance(res.get('setup'), dict):
                why = res['setup'].get('reason') or ''
            if r == 'BLOCK' and not why:
                why = setup.get('reason') or 'blocked'
            cases[case] = (r, why)
        if not cases and node.get('result'):
            cases[None] = (node['result'], node.get('reason') or
                           setup.get('reason') or '')
        found[suite] = cases
    return found, [str(e) for e in doc.get('execution_errors') or []]


def case_durations(log_path):
    """{case: ms}: from DTS's "Running test case 'x'" to its "Test case
    'x' execution RESULT" (the case's own time, without setup)."""
    out, begun = {}, {}
    stamp = re.compile(r'^(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d)')
    try:
        with open(log_path, errors='replace') as f:
            for line in f:
                m = stamp.match(line)
                if not m:
                    continue
                m1 = re.search(r"Running test case '(\w+)'", line)
                m2 = PROGRESS_RE.search(line)
                if not (m1 or m2):
                    continue
                t = time.mktime(time.strptime(m.group(1), '%Y/%m/%d %H:%M:%S'))
                if m1:
                    begun[m1.group(1)] = t
                elif (m2.group(1) or m2.group(4)) in begun:
                    case = m2.group(1) or m2.group(4)
                    out[case] = int((t - begun.pop(case)) * 1000)
    except OSError:
        pass
    return out


def conformance(args, run_dir, tb, tree, cfg, probe):
    planned, na = plan(args)
    records = {}        # (suite, case) -> record
    order = []
    for suite, cases in planned:
        for c in (cases or suite_cases(args.src, suite)):
            order.append((suite, c))
    remaining = list(planned)
    attempt = 0
    notes = []
    while remaining:
        attempt += 1
        out_dir = os.path.join(run_dir, 'dts' if attempt == 1
                               else 'dts-resume-%d' % (attempt - 1))
        log_path = os.path.join(run_dir, 'dts-%d.log' % attempt)
        files = write_configs(args, run_dir, tb, tree, probe, remaining,
                              attempt)
        tb.clear_hugepages()
        t0 = time.monotonic()
        rc = run_dts(args, run_dir, tree, files, out_dir, log_path,
                     tb.state)
        say('DTS run %d exited %s after %d s' % (attempt, rc,
                                                  time.monotonic() - t0))
        found, errors = dts_results(out_dir)
        durations = case_durations(log_path)
        for e in errors:
            notes.append('run %d: %s' % (attempt, e))
        next_remaining = []
        for suite, cases in remaining:
            # Each case's log: its suite's log in DTS's output.
            suite_log = os.path.join(out_dir, suite, suite + '.log')
            rel_log = os.path.relpath(suite_log if os.path.exists(suite_log)
                                      else out_dir, TOP)
            want = cases or suite_cases(args.src, suite)
            got = found.get(suite)
            if got is None:
                next_remaining.append((suite, cases))
                continue
            if None in got and len(got) == 1:
                res, why = got[None]
                for c in want:
                    records[(suite, c)] = (res, why, 0, rel_log)
                continue
            missing = [c for c in want if c not in got]
            for c in want:
                if c in got:
                    res, why = got[c]
                    records[(suite, c)] = (res, why, durations.get(c, 0),
                                           rel_log)
            if missing:
                # The suite was cut short (DTS stopped in it): its other
                # cases are failed with DTS's error; the run resumes
                # after it.
                why = 'not run: DTS stopped in this suite (%s)' % (
                    '; '.join(errors) or 'exit %s' % rc)
                for c in missing:
                    records[(suite, c)] = ('ERROR', why, 0, rel_log)
        if len(next_remaining) == len(remaining):
            # DTS ran nothing at all: the first suite is what stops it.
            suite, cases = next_remaining.pop(0)
            why = 'DTS ran no test (exit %s): %s' % (
                rc, '; '.join(errors) or 'see %s' %
                os.path.relpath(log_path, TOP))
            for c in cases or suite_cases(args.src, suite):
                records[(suite, c)] = ('ERROR', why, 0,
                                       os.path.relpath(log_path, TOP))
        if next_remaining:
            say('resuming with %d suite(s) DTS did not reach: %s' % (
                len(next_remaining), ', '.join(s for s, _ in next_remaining)))
        remaining = next_remaining
    return order, records, na, notes


RESULT_MAP = {'PASS': 'PASS', 'SKIP': 'SKIP', 'FAIL': 'FAIL',
              'ERROR': 'FAIL', 'BLOCK': 'FAIL'}


def one_line(s, n=300):
    s = ' '.join(str(s).split())
    return s if len(s) <= n else s[:n - 3] + '...'


def write_results(args, run_dir, started, order, records, na, notes, probe):
    label = args.label
    engine = 'inline' if args.ports == 'nicpmd' else '-'
    known = known_failures.load() if args.ports == 'nicpmd' else {}
    results = []
    for suite, case in order:
        res, why, ms, log = records.get((suite, case), (
            'ERROR', 'no result recorded', 0, ''))
        mapped = RESULT_MAP.get(res, 'FAIL')
        reason = one_line(why)
        if res in ('ERROR', 'BLOCK'):
            reason = '%s: %s' % (res, reason)
        mapped, reason, note = known_failures.apply(known, suite, case,
                                                    mapped, reason)
        results.append({'test': '%s/%s/%s' % (label, suite, case),
                        'group': suite, 'suite': '%s/%s' % (label, suite),
                        'engine': engine, 'result': mapped,
                        'duration_ms': ms,
                        'reason': reason if mapped != 'PASS' else note,
                        'log': log, 'dts_result': res})
    for suite, case, why, cases in na:
        # A suite that cannot apply at all is one record (its cases
        # listed), not one per case: it is one reason.
        results.append({'test': '%s/%s/%s' % (label, suite, case or 'suite'),
                        'group': suite, 'suite': '%s/%s' % (label, suite),
                        'engine': engine, 'result': 'SKIP', 'duration_ms': 0,
                        'reason': 'not applicable: ' + why, 'log': '',
                        'dts_result': 'N/A', 'cases': cases})
    n = {r: sum(1 for x in results if x['result'] == r)
         for r in ('PASS', 'FAIL', 'SKIP')}
    doc = {'suite': label, 'commit': getattr(args, 'commit', '') or git_commit(),
           'start': started,
           'end': now(), 'dpdk': args.version, 'ports': args.ports,
           'vdev': args.vdev if args.ports == 'nicpmd' else
           'net_af_packetN,iface=<veth>', 'device': probe, 'notes': notes,
           'summary': {'passed': n['PASS'], 'failed': n['FAIL'],
                       'skipped': n['SKIP']},
           'results': results}
    path = os.path.join(run_dir, 'results.json')
    with open(path, 'w') as f:
        json.dump(doc, f, indent=1)
    reports = ci_report.write_reports(path, label, 'nicpmd-dts')
    return doc, path, reports


def git_commit():
    """HEAD, with -dirty when tracked files differ from it."""
    r = run(['git', 'rev-parse', 'HEAD'], check=False, cwd=TOP)
    if r.returncode != 0:
        return ''
    d = run(['git', 'diff', '--quiet', 'HEAD', '--'], check=False, cwd=TOP)
    return r.stdout.strip() + ('-dirty' if d.returncode == 1 else '')


def table(doc):
    """Per-suite lines: suite, passed, failed, skipped, and each
    non-passing case with its reason."""
    suites = {}
    for r in doc['results']:
        suites.setdefault(r['group'], []).append(r)
    lines = ['%-36s %6s %6s %7s' % ('suite', 'passed', 'failed', 'skipped')]
    for s, rs in suites.items():
        lines.append('%-36s %6d %6d %7d' % (
            s, sum(r['result'] == 'PASS' for r in rs),
            sum(r['result'] == 'FAIL' for r in rs),
            sum(r['result'] == 'SKIP' for r in rs)))
        for r in rs:
            if r['result'] != 'PASS':
                lines.append('    %-4s %s: %s' % (
                    r['result'], r['test'].split('/')[-1],
                    one_line(r['reason'], 160)))
    return '\n'.join(lines) + '\n'


def append_to_project(doc):
    """Add the DTS records to results/results.json (the test command's
    count) and rewrite its reports."""
    path = os.path.join(TOP, 'results', 'results.json')
    if os.path.exists(path):
        with open(path) as f:
            main = json.load(f)
    else:
        main = {'suite': 'nicpmd', 'commit': doc['commit'],
                'start': doc['start'], 'results': []}
    keep = [r for r in main['results']
            if not r['test'].startswith(doc['suite'] + '/')]
    main['results'] = keep + [{k: v for k, v in r.items()
                               if k not in ('dts_result', 'cases')}
                              for r in doc['results']]
    main['end'] = now()
    n = {r: sum(1 for x in main['results'] if x['result'] == r)
         for r in ('PASS', 'FAIL', 'SKIP')}
    main['summary'] = {'passed': n['PASS'], 'failed': n['FAIL'],
                       'skipped': n['SKIP']}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(main, f, indent=1)
    ci_report.write_reports(path, 'nicpmd-tests', 'nicpmd-devtools')
    return path


# --- entry points ---------------------------------------------------------

class Interrupted(Exception):
    pass


def on_signal(signum, _frame):
    raise Interrupted('signal %d' % signum)


def cmd_run(args):
    lock = take_lock()
    cleanup_stale()
    run_dir = os.path.join(TOP, 'results', args.label)
    if os.path.isdir(run_dir):
        shutil.rmtree(run_dir)      # our own earlier run of this label
    os.makedirs(run_dir)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    state = State()
    state.save()
    tb = Testbed(args, run_dir, state)
    started = now()
    # The commit the run tested: the plugin was built from it just before;
    # HEAD may move while DTS runs (half an hour).
    args.commit = git_commit()
    t0 = time.monotonic()
    doc = None
    try:
        tb.up()
        tree, cfg = make_tree(args, run_dir, tb)
        probe = probe_device(args, cfg, run_dir)
        say('testbed up (%s ports); device: %s' % (args.ports, ', '.join(
            '%s=%s' % kv for kv in probe.items())))
        order, records, na, notes = conformance(args, run_dir, tb, tree, cfg,
                                                probe)
        doc, path, reports = write_results(args, run_dir, started, order,
                                           records, na, notes, probe)
    except Interrupted as e:
        say('interrupted (%s): tearing down' % e)
        raise SystemExit(130)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        tb.down()
        if os.path.exists(STATE):
            os.unlink(STATE)
        os.close(lock)
    secs = int(time.monotonic() - t0)
    text = table(doc)
    with open(os.path.join(run_dir, 'table.txt'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)
    for note in doc['notes']:
        print('note: ' + one_line(note, 400))
    print('results: %s' % os.path.relpath(path, TOP))
    for r in reports:
        print('report: %s' % os.path.relpath(r, TOP))
    if args.append:
        print('added to: %s' % os.path.relpath(append_to_project(doc), TOP))
    s = doc['summary']
    print('DTS %s against %s ports: %d s' % (args.version, args.ports, secs))
    print('%d passed, %d failed, %d skipped' % (s['passed'], s['failed'],
                                                 s['skipped']))
    return 1 if s['failed'] else 0


def cmd_cleanup(_args):
    lock = take_lock()
    try:
        if not cleanup_stale():
            say('nothing left by an earlier run')
    finally:
        os.close(lock)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    r = sub.add_parser('run')
    r.add_argument('--src', required=True, help='DPDK release tree (dts/)')
    r.add_argument('--prefix', required=True, help='its install prefix')
    r.add_argument('--libdir', required=True, help='prefix/lib/<multiarch>')
    r.add_argument('--version', required=True)
    r.add_argument('--pmd', required=True, help='librte_net_nicpmd.so')
    r.add_argument('--python', required=True, help="DTS's interpreter")
    r.add_argument('--label', required=True)
    r.add_argument('--ports', choices=('nicpmd', 'af_packet'),
                   default='nicpmd')
    r.add_argument('--vdev', default='net_nicpmd{n},wire=iface:{iface}',
                   help='SUT port N as a vdev ({n}, {iface})')
    r.add_argument('--suites', default='')
    r.add_argument('--append', action='store_true')
    r.add_argument('--dts-timeout', type=int, default=30)
    r.add_argument('--run-timeout', type=int, default=2700)
    r.add_argument('--verbose', action='store_true')
    sub.add_parser('cleanup')
    args = ap.parse_args()
    if os.getuid() != 0:
        sys.exit('dts: needs root (network namespaces, hugepages)')
    return cmd_run(args) if args.cmd == 'run' else cmd_cleanup(args)


if __name__ == '__main__':
    sys.exit(main())

# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""What the testpmd tests share: drive dpdk-testpmd, judge what it did.

Every test module (test_<group>.py) imports this module and nothing of
the runner (run_testpmd_tests.py), which only finds, runs and reports the
tests. Here:
  - Fail, Skip, check(): a test's verdict (the runner catches them);
  - Ctx: what a test gets: engine, PMD, its own log and work directory,
    nicpmd vdev strings, and testpmd processes it need not clean up;
  - TestPmd: one interactive dpdk-testpmd driven with pexpect, and
    parsers for what testpmd 22.11 prints;
  - pcap helpers (scapy) and small shared steps (settle, port ids).
Needs /usr/bin/python3 (Debian's pexpect and scapy). Every TestPmd is
cleaned up: 'quit', then SIGTERM/SIGKILL of the child it spawned (never
of anything else).
"""

import os
import re
import signal
import time

import pexpect

PROMPT = 'testpmd> '
# The prompt as testpmd may print it: cmdline writes it byte by byte and
# an event line from another thread ("\nPort 0: link state change event\n",
# on a loaded machine) can land between any two of its bytes.
_EVENT = r'(?:\n?Port \d+: [^\n]*event\n)*'
PROMPT_RE = _EVENT.join(re.escape(c) for c in PROMPT)
TESTPMD = os.environ.get('TESTPMD', 'dpdk-testpmd')


class TestPmdError(Exception):
    """testpmd did not behave: died, hung, or printed something unexpected."""


class Fail(Exception):
    """The test failed; the message says what was expected and seen."""


class Skip(Exception):
    """The test cannot run here (a tool or privilege is missing)."""


def check(cond, msg):
    if not cond:
        raise Fail(msg)


class TestPmd:
    """One interactive testpmd process.

    eal: list of EAL arguments after the common ones (vdevs, -d ...).
    app: list of testpmd arguments after the common ones.
    """

    def __init__(self, prefix, eal, app=(), log=None, start_timeout=30,
                 total_mbufs=32768, lcores='0-1'):
        self.prefix = prefix
        self.log = log
        self.output = ''          # everything testpmd printed so far
        argv = ['-l', lcores, '--no-huge', '-m', '1024', '--no-pci',
                '--file-prefix', prefix] + list(eal) + \
               ['--', '-i', '--no-mlockall',
                '--total-num-mbufs', str(total_mbufs)] + list(app)
        self.argv = [TESTPMD] + argv
        if log:
            log.write('$ ' + ' '.join(self.argv) + '\n')
            log.flush()
        self.child = pexpect.spawn(TESTPMD, argv, encoding='utf-8',
                                   codec_errors='replace', timeout=10,
                                   echo=False, maxread=65536,
                                   dimensions=(200, 500))
        self.started = self._start(start_timeout)

    def _start(self, timeout):
        """True with the first prompt, False if testpmd exited at start.
        An event line testpmd prints while it prints its prompt (a link
        state change on a loaded machine) can split the prompt: once the
        ports are up, ask for a fresh one."""
        try:
            return self._expect([PROMPT_RE, pexpect.EOF], timeout) == 0
        except TestPmdError:
            if not self.child.isalive() or \
                    'Checking link statuses' not in self.output:
                raise
        self.resync()
        return True

    def _expect(self, patterns, timeout):
        try:
            idx = self.child.expect(patterns, timeout=timeout)
        except pexpect.TIMEOUT:
            self._record(self.child.before)
            raise TestPmdError('timeout (%ss) waiting for %r' %
                               (timeout, patterns))
        self._record(self.child.before)
        if isinstance(self.child.after, str):
            self._record(self.child.after)
        return idx

    def _record(self, text):
        if not isinstance(text, str):
            return
        self.output += text
        if self.log:
            self.log.write(text)
            self.log.flush()

    def cmd(self, line, timeout=15):
        """Send one command; return what it printed up to the next prompt."""
        if not self.started or not self.child.isalive():
            raise TestPmdError('testpmd is not running (command %r)' % line)
        if self.log:
            self.log.write('\n>>> %s\n' % line)
        start = len(self.output)
        self.child.sendline(line)
        try:
            idx = self._expect([PROMPT_RE, pexpect.EOF], timeout)
        except TestPmdError:
            raise TestPmdError('command %r: no prompt within %ss' %
                               (line, timeout))
        if idx == 1:
            raise TestPmdError('testpmd exited during %r' % line)
        out = self.output[start:]
        prompt = self.child.after
        if isinstance(prompt, str) and prompt and out.endswith(prompt):
            out = out[:-len(prompt)]
        # testpmd's cmdline echoes the command line itself: drop it.
        first, sep, rest = out.partition('\n')
        if first.strip() == line.strip():
            out = rest
        return out

    def send_drain(self, line, done, quiet=1.0, timeout=20):
        """Send a command whose prompt forwarding output may mangle.

        With 'set verbose', the forwarding lcore prints while cmdline
        writes the prompt byte by byte: the prompt can end up split across
        dump lines. Read until done(text printed since) holds and nothing
        came for `quiet` seconds (or timeout), then resync(). Returns the
        text printed meanwhile.
        """
        if not self.started or not self.child.isalive():
            raise TestPmdError('testpmd is not running (command %r)' % line)
        if self.log:
            self.log.write('\n>>> %s\n' % line)
        start = len(self.output)
        self.child.sendline(line)
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                self.child.expect(r'\n', timeout=quiet)
                self._record(self.child.before)
                self._record(self.child.after)
            except pexpect.TIMEOUT:
                if done(self.output[start:]):
                    break
            except pexpect.EOF:
                self._record(self.child.before)
                raise TestPmdError('testpmd exited during %r' % line)
        text = self.output[start:]
        self.resync()
        return text

    def resync(self, timeout=15):
        """Back in step: wait for the prompt after a recognisable output."""
        self.child.sendline('show port summary all')
        self._expect([r'Number of available ports: \d+[^\n]*\n'
                      r'(?:[^\n]*\n)*?' + PROMPT_RE], timeout)

    def wait_for(self, pattern, timeout):
        """Wait for a regex in the output that is still to come."""
        self._expect([pattern], timeout)
        return self.output

    def close(self, timeout=20):
        """quit, then make sure the process is gone. Returns its output."""
        child = self.child
        try:
            if child.isalive():
                try:
                    child.sendline('quit')
                    self._expect([pexpect.EOF], timeout)
                except (TestPmdError, OSError):
                    pass
        finally:
            if child.isalive():
                try:
                    os.kill(child.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                deadline = time.time() + 5
                while child.isalive() and time.time() < deadline:
                    time.sleep(0.1)
                if child.isalive():
                    try:
                        os.kill(child.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            try:
                child.close(force=True)
            except Exception:  # noqa: BLE001 - cleanup must not raise
                pass
        return self.output

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# ---- parsers for what testpmd 22.11 prints ---------------------------------

def _num(pattern, text, what):
    m = re.search(pattern, text)
    if not m:
        raise TestPmdError('cannot find %s in testpmd output' % what)
    return int(m.group(1))


def parse_port_stats(text):
    """'show port stats all' -> {port: {'rx_packets':..., ...}}."""
    stats = {}
    blocks = re.split(r'#+ NIC statistics for port (\d+)\s+#+', text)
    # blocks: [pre, port, body, port, body, ...]
    for i in range(1, len(blocks) - 1, 2):
        port, body = int(blocks[i]), blocks[i + 1]
        s = {}
        for key, pat in (('rx_packets', r'RX-packets:\s+(\d+)'),
                         ('rx_missed', r'RX-missed:\s+(\d+)'),
                         ('rx_bytes', r'RX-bytes:\s+(\d+)'),
                         ('rx_errors', r'RX-errors:\s+(\d+)'),
                         ('rx_nombuf', r'RX-nombuf:\s+(\d+)'),
                         ('tx_packets', r'TX-packets:\s+(\d+)'),
                         ('tx_errors', r'TX-errors:\s+(\d+)'),
                         ('tx_bytes', r'TX-bytes:\s+(\d+)')):
            s[key] = _num(pat, body, '%s of port %d' % (key, port))
        stats[port] = s
    if not stats:
        raise TestPmdError('no "NIC statistics for port" block in output')
    return stats


def parse_fwd_stats(text):
    """'stop' -> {port: {'rx':, 'rx_dropped':, 'tx':, 'tx_dropped':}}."""
    stats = {}
    blocks = re.split(r'-+ Forward statistics for port (\d+)\s+-+', text)
    for i in range(1, len(blocks) - 1, 2):
        port, body = int(blocks[i]), blocks[i + 1]
        stats[port] = {
            'rx': _num(r'RX-packets:\s+(\d+)', body, 'RX-packets'),
            'rx_dropped': _num(r'RX-dropped:\s+(\d+)', body, 'RX-dropped'),
            'tx': _num(r'TX-packets:\s+(\d+)', body, 'TX-packets'),
            'tx_dropped': _num(r'TX-dropped:\s+(\d+)', body, 'TX-dropped'),
        }
    if not stats:
        raise TestPmdError('no "Forward statistics for port" block in output')
    return stats


def parse_port_info(text):
    """'show port info P' -> {'Driver name': 'net_nicpmd', ...}."""
    info = {}
    for line in text.splitlines():
        m = re.match(r'^\s*([A-Za-z][A-Za-z0-9 /()-]*?):\s*(.*?)\s*$', line)
        if m and m.group(1) not in info:
            info[m.group(1)] = m.group(2)
    if 'Driver name' not in info:
        raise TestPmdError('no "Driver name" in port info output')
    return info


# ---- what a test gets ------------------------------------------------------

class Ctx:
    """What a test needs: engine, PMD, a log, and a testpmd factory."""

    def __init__(self, engine, pmd, workdir, group, name):
        self.engine = engine
        self.pmd = os.path.abspath(pmd)
        self.group = group
        self.name = name
        # Per group: two groups may have tests of the same name.
        self.dir = os.path.join(workdir, engine, group, name)
        os.makedirs(self.dir, exist_ok=True)
        self.logpath = os.path.join(workdir, engine, group, name + '.log')
        self.log = open(self.logpath, 'w')
        self.count = 0
        self.live = []

    def nic(self, idx, wire=None, extra=None, engine=True):
        """A nicpmd vdev string. wire=None means the default (loop)."""
        s = 'net_nicpmd%d' % idx
        kv = []
        if wire:
            kv.append('wire=' + wire)
        if engine:
            kv.append('engine=' + self.engine)
        if extra:
            kv.append(extra)
        return s + (',' + ','.join(kv) if kv else '')

    def cable(self):
        return 'c%s%d' % (self.name.replace('_', ''), os.getpid())

    def _prefix(self):
        """A --file-prefix no other testpmd of this run has: tests of
        two groups may share a name."""
        self.count += 1
        return 'tp_%s_%s_%s_%d_%d' % (self.engine, self.group, self.name,
                                      os.getpid(), self.count)

    def testpmd(self, vdevs, app=(), with_pmd=True, **kw):
        prefix = self._prefix()
        eal = []
        if with_pmd:
            eal += ['-d', self.pmd]
        for v in vdevs:
            eal += ['--vdev', v]
        t = TestPmd(prefix, eal, app, log=self.log, **kw)
        self.live.append(t)
        if not t.started:
            t.close()
            raise Fail('testpmd exited at start (see %s)' % self.logpath)
        return t

    def spawn_raw(self, vdevs, app=(), **kw):
        """Like testpmd() but a testpmd that exits at start is no failure."""
        prefix = self._prefix()
        eal = ['-d', self.pmd]
        for v in vdevs:
            eal += ['--vdev', v]
        t = TestPmd(prefix, eal, app, log=self.log, **kw)
        self.live.append(t)
        return t

    def cleanup(self):
        for t in self.live:
            t.close()
        self.live = []
        self.log.close()


def port_ids_by_name(t):
    """{'net_nicpmd0': 0, ...} from 'show port summary all'."""
    out = t.cmd('show port summary all')
    ids = {}
    for line in out.splitlines():
        m = re.match(r'^\s*(\d+)\s+[0-9A-Fa-f:]{17}\s+(\S+)\s+(\S+)', line)
        if m:
            ids[m.group(2)] = int(m.group(1))
    return ids


def settle(seconds=0.5):
    """Let a threaded device engine finish what is in flight."""
    time.sleep(seconds)


# ---- pcap files, scapy the oracle ------------------------------------------

def write_input_pcap(path):
    """~50 varied frames. Returns the list of frames as bytes."""
    from scapy.all import (Ether, IP, IPv6, UDP, TCP, ICMP, Dot1Q, Raw,
                           wrpcap)
    import random
    rnd = random.Random(2026)
    bcast = 'ff:ff:ff:ff:ff:ff'
    src = '02:00:00:00:0d:01'
    frames = []
    sizes = [60, 61, 64, 65, 127, 128, 255, 256, 511, 512, 1000, 1023, 1024,
             1500, 1513, 1514]
    for i in range(52):
        size = sizes[i % len(sizes)] if i < 32 else rnd.randint(60, 1514)
        kind = i % 5
        dst = bcast if i % 2 == 0 else '02:00:00:00:0d:%02x' % (i + 2)
        if kind == 0:
            p = Ether(dst=dst, src=src) / IP(src='10.0.0.1', dst='10.0.0.2') \
                / UDP(sport=1000 + i, dport=2000)
        elif kind == 1:
            p = Ether(dst=dst, src=src) / IPv6(src='fd00::1', dst='fd00::2') \
                / TCP(sport=3000 + i, dport=80, flags='S')
        elif kind == 2:
            p = Ether(dst=dst, src=src) / Dot1Q(vlan=100 + i) \
                / IP(src='10.1.0.1', dst='10.1.0.2') / ICMP(id=i)
        elif kind == 3:
            p = Ether(dst=dst, src=src, type=0x88b5)
        else:
            p = Ether(dst=dst, src=src) / Dot1Q(vlan=7) / Dot1Q(vlan=8) \
                / IP(src='10.2.0.1', dst='10.2.0.2') / UDP(dport=4789)
        pad = size - len(p)
        if pad > 0:
            p = p / Raw(bytes(rnd.getrandbits(8) for _ in range(pad)))
        raw = bytes(p)[:size]
        frames.append(raw)
    wrpcap(path, [Ether(f) for f in frames])
    return frames


def read_pcap(path):
    from scapy.all import rdpcap
    if not os.path.exists(path):
        raise Fail('%s was not written' % path)
    return [bytes(p) for p in rdpcap(path)]


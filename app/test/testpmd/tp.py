# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Drive an interactive dpdk-testpmd with pexpect.

Used by run_testpmd_tests.py. Needs /usr/bin/python3 (Debian's pexpect).
Every TestPmd is cleaned up: 'quit', then SIGTERM/SIGKILL of the child
it spawned (never of anything else).
"""

import os
import re
import signal
import time

import pexpect

PROMPT = 'testpmd> '
TESTPMD = os.environ.get('TESTPMD', 'dpdk-testpmd')


class TestPmdError(Exception):
    """testpmd did not behave: died, hung, or printed something unexpected."""


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
        # Returns 0 with the prompt, 1 if testpmd exited at start.
        self.started = self._expect([PROMPT, pexpect.EOF], start_timeout) == 0

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
            idx = self._expect([PROMPT, pexpect.EOF], timeout)
        except TestPmdError:
            raise TestPmdError('command %r: no prompt within %ss' %
                               (line, timeout))
        if idx == 1:
            raise TestPmdError('testpmd exited during %r' % line)
        out = self.output[start:]
        if out.endswith(PROMPT):
            out = out[:-len(PROMPT)]
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
                      r'(?:[^\n]*\n)*?' + PROMPT], timeout)

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

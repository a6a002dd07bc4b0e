# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Multi-process: a DPDK secondary (dpdk-proc-info) attaches to the
primary's nicpmd ports and reads statistics, xstats and the private dump
while the primary forwards. Needs hugepages (DPDK shares memory between
processes through them); the test sets them up as root or is skipped."""

import os
import re
import signal
import subprocess
import time

import tp


def _hugepages():
    """Make 256 free 2 MiB hugepages available; why not, or None."""
    meminfo = open('/proc/meminfo').read()
    free = int(re.search(r'HugePages_Free:\s+(\d+)', meminfo).group(1))
    try:
        if free < 128:
            path = '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages'
            with open(path) as f:
                total = int(f.read())
            with open(path, 'w') as f:
                f.write(str(total + 256))
        if not any(l.split()[2] == 'hugetlbfs'
                   for l in open('/proc/mounts') if len(l.split()) > 2):
            os.makedirs('/dev/hugepages', exist_ok=True)
            subprocess.run(['mount', '-t', 'hugetlbfs', 'nodev',
                            '/dev/hugepages'], check=True,
                           capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return 'cannot set up hugepages: %s' % e
    meminfo = open('/proc/meminfo').read()
    free = int(re.search(r'HugePages_Free:\s+(\d+)', meminfo).group(1))
    return None if free >= 128 else 'only %d free hugepages' % free


def proc_info(ctx, prefix, *opts):
    """dpdk-proc-info as a secondary of the primary with that prefix."""
    out = subprocess.run(
        ['dpdk-proc-info', '--file-prefix', prefix, '-d', ctx.pmd, '--'] +
        list(opts), stdin=subprocess.DEVNULL, capture_output=True,
        text=True, timeout=30)
    ctx.log.write(out.stdout + out.stderr)
    tp.check(out.returncode == 0, 'dpdk-proc-info %s exited %d' %
             (' '.join(opts), out.returncode))
    return out


def t_multi_process(ctx):
    why = _hugepages()
    if why:
        raise tp.Skip(why)
    prefix = 'mp_%s_%d' % (ctx.engine, os.getpid())
    c = ctx.cable()
    eal = ['-l', '0-1', '-m', '256', '--no-pci', '--file-prefix', prefix,
           '-d', ctx.pmd, '--vdev', ctx.nic(0, 'peer:' + c),
           '--vdev', ctx.nic(1, 'peer:' + c)]
    primary = subprocess.Popen(
        ['dpdk-testpmd'] + eal + ['--', '--no-mlockall',
                                  '--total-num-mbufs', '8192',
                                  '--auto-start', '--tx-first',
                                  '--stats-period', '1'],
        stdin=subprocess.DEVNULL, stdout=ctx.log, stderr=subprocess.STDOUT)
    try:
        time.sleep(4)
        tp.check(primary.poll() is None, 'primary testpmd exited early')
        out = proc_info(ctx, prefix, '--stats')
        rx = [int(x) for x in re.findall(r'^\s*RX-packets:\s+(\d+)',
                                         out.stdout, re.M)]
        tp.check(len(rx) >= 2 and all(x > 0 for x in rx[:2]),
                 'secondary read RX-packets %r' % rx)
        # proc-info shows one kind of report per run.
        out = proc_info(ctx, prefix, '--xstats', '--show-port-private')
        for name in ('rx_no_buffer_drops', 'tx_bad_descriptor_drops',
                     'link_changes'):
            tp.check(name in out.stdout, 'xstat %s not shown' % name)
        tp.check(out.stdout.count('device ABI 1.') == 2 and
                 'rxq 0:' in out.stdout, 'no private dump of both ports')
        # The primary forwards on, unharmed by the secondary.
        time.sleep(2)
        tp.check(primary.poll() is None, 'primary died after proc-info')
    finally:
        if primary.poll() is None:
            primary.send_signal(signal.SIGINT)
        try:
            rc = primary.wait(timeout=20)
        except subprocess.TimeoutExpired:
            primary.kill()
            rc = primary.wait()
    tp.check(rc == 0, 'primary testpmd exited %d' % rc)


TESTS = [('multi_process', t_multi_process)]

#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""The DPDK applications DTS starts, on the nicpmd DTS testbed.

DTS runs <dpdk tree>/<build dir>/app/dpdk-testpmd (and dpdk-dumpcap) with
the SUT's ports named by PCI address (`-a 0000:ff:00.0`, `-b ...`). The
testbed's SUT ports are not PCI functions but vdev ports on veths. This
program sits at those paths (testbed.py links it there) and starts the
real application of the DPDK release under test with the ports mapped:

  testpmd  every `-a PCI` becomes `--vdev <port's vdev>` (in PCI address
           order, so port ids follow the addresses as they would on the
           PCI bus); with no `-a`, every port not named by a `-b`; with
           DTS's own `--no-pci`, none (no PCI bus, no PCI port); `--no-pci`
           keeps the machine's real PCI devices out; `-d <nicpmd plugin>`;
           `--huge-dir` is the SUT's private hugetlbfs mount;
           `--single-file-segments` with a virtio_user vdev (vhost-user
           maps at most 8 memory regions, and the SUT has 2 MiB pages,
           one region each otherwise). A softnic
           vdev's firmware that names a port by PCI address is rewritten
           to a copy naming the ethdev.
  dumpcap  `-i PCI` becomes the port's ethdev name, and what dumpcap
           prints shows that name as the PCI address again (DTS waits
           for "Capturing on '<PCI address>'"); the nicpmd plugin is
           preloaded (dumpcap is a secondary process without `-d`: it
           must have the driver to see the primary's port).

Configuration: nicpmd-dts.json beside the link (testbed.py writes it);
each start is logged, before and after mapping, to its "log" file.
"""

import ctypes
import json
import os
import pty
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(sys.argv[0]))
APP = os.path.basename(sys.argv[0])
PCI_RE = re.compile(r'^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.\d$')


def load_config():
    with open(os.path.join(HERE, 'nicpmd-dts.json')) as f:
        return json.load(f)


def log(cfg, what, argv):
    try:
        with open(cfg['log'], 'a') as f:
            f.write('%s %s %s: %s\n' % (time.strftime('%H:%M:%S'), APP, what,
                                       ' '.join(argv)))
    except OSError:
        pass


def option_value(args, i, short, long_):
    """(value, consumed) if args[i] is -X value, -Xvalue, --long value or
    --long=value for one of the names; else (None, 0)."""
    a = args[i]
    if a in (short, long_):
        if i + 1 >= len(args):
            sys.exit('%s (nicpmd testbed): %s needs a value' % (APP, a))
        return args[i + 1], 2
    if long_ and a.startswith(long_ + '='):
        return a[len(long_) + 1:], 1
    if short and a.startswith(short) and len(a) > len(short) and \
            not a.startswith('--'):
        return a[len(short):], 1
    return None, 0


def port_of(cfg, pci):
    for p in cfg['ports']:
        if p['pci'].lower() == pci.lower():
            return p
    sys.exit('%s (nicpmd testbed): no testbed port has PCI address %s '
             '(ports: %s)' % (APP, pci, ', '.join(p['pci'] for p in
                                                  cfg['ports'])))


def softnic_firmware(cfg, vdev):
    """A softnic vdev whose firmware (a CLI script naming pipeline io
    files) refers to ports by PCI address gets a copy that names their
    ethdevs instead, written beside the original."""
    parts = vdev.split(',')
    if not parts[0].startswith('net_softnic'):
        return vdev
    names = {p['pci'].lower(): p['name'] for p in cfg['ports']}

    def rename(text):
        return re.sub(r'\bethdev\s+(\S+)',
                      lambda m: 'ethdev ' + names.get(m.group(1).lower(),
                                                      m.group(1)), text)
    for k, part in enumerate(parts):
        if not part.startswith('firmware='):
            continue
        cli = part[len('firmware='):]
        try:
            text = open(cli).read()
        except OSError:
            return vdev
        changed = False
        out = []
        for line in text.splitlines(True):
            m = re.search(r'\bio\s+(\S+)', line)
            if m and os.path.exists(m.group(1)):
                io = m.group(1)
                old = open(io).read()
                new = rename(old)
                if new != old:
                    copy = io + '.nicpmd'
                    with open(copy, 'w') as f:
                        f.write(new)
                    line = line.replace(io, copy)
                    changed = True
            new_line = rename(line)
            changed |= new_line != line
            out.append(new_line)
        if changed:
            copy = cli + '.nicpmd'
            with open(copy, 'w') as f:
                f.write(''.join(out))
            parts[k] = 'firmware=' + copy
    return ','.join(parts)


def testpmd_args(cfg, args):
    if '--' in args:
        cut = args.index('--')
        eal, app = args[:cut], args[cut:]
    else:
        eal, app = args, []
    allowed, blocked, rest = [], [], []
    i = 0
    have_huge_dir = False
    while i < len(eal):
        v, n = option_value(eal, i, '-a', '--allow')
        if n:
            allowed.append(port_of(cfg, v))
            i += n
            continue
        v, n = option_value(eal, i, '-b', '--block')
        if n:
            blocked.append(port_of(cfg, v))
            i += n
            continue
        v, n = option_value(eal, i, None, '--vdev')
        if n:
            rest += ['--vdev', softnic_firmware(cfg, v)]
            i += n
            continue
        if eal[i] == '--huge-dir' or eal[i].startswith('--huge-dir='):
            have_huge_dir = True
        rest.append(eal[i])
        i += 1
    if '--no-pci' in rest:
        # No PCI bus, no PCI port: DTS still names them with -a (its
        # default allow list) where the application is given vdevs only.
        ports = []
    elif allowed:
        ports = allowed
    else:
        ports = [p for p in cfg['ports'] if p not in blocked]
    ports = sorted({p['pci']: p for p in ports}.values(),
                   key=lambda p: p['pci'])
    # EAL of 24.11+ (argparse) refuses an option given twice.
    out = [] if '--no-pci' in rest else ['--no-pci']
    if cfg.get('pmd'):
        out += ['-d', cfg['pmd']]
    if cfg.get('huge_dir') and not have_huge_dir and '--no-huge' not in rest:
        out += ['--huge-dir', cfg['huge_dir']]
    for p in ports:
        out += ['--vdev', p['vdev']]
    # vhost-user takes at most 8 memory regions; with 2 MiB pages (all
    # this machine has) each page is one unless they share a file.
    # DPDK's virtio_user guide asks for this option then.
    if any(a.startswith('net_virtio_user') for a in rest) and \
            '--single-file-segments' not in rest:
        out.append('--single-file-segments')
    return out + rest + app


def dumpcap_args(cfg, args):
    out = []
    i = 0
    while i < len(args):
        v, n = option_value(args, i, '-i', '--interface')
        if n:
            if PCI_RE.match(v):
                v = port_of(cfg, v)['name']
            out += ['-i', v]
            i += n
            continue
        out.append(args[i])
        i += 1
    return out


def relay(cfg, real, argv, env):
    """Run dumpcap on a pty of its own and copy what it prints, with each
    port's ethdev name shown as the PCI address DTS knows it by (DTS waits
    for "Capturing on '<PCI address>'"). ^C from DTS reaches dumpcap
    directly (same process group); this process outlives it only to
    copy its last words."""
    names = {p['name']: p['pci'] for p in cfg['ports']}
    pat = re.compile(r"'(%s)'" % '|'.join(re.escape(n) for n in names))
    master, slave = pty.openpty()
    libc = ctypes.CDLL(None, use_errno=True)

    def child_setup():
        libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG: die with us
    p = subprocess.Popen(argv, executable=real, env=env, stdout=slave,
                         stderr=slave, preexec_fn=child_setup)
    os.close(slave)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = sys.stdout.buffer
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:         # EIO: dumpcap and its pty are gone
            break
        if not data:
            break
        # dumpcap writes a line at a time to its pty (line-buffered):
        # a name is never split across two reads.
        text = pat.sub(lambda m: "'%s'" % names[m.group(1)],
                       data.decode(errors='replace'))
        out.write(text.encode())
        out.flush()
    return p.wait()


def main():
    cfg = load_config()
    args = sys.argv[1:]
    env = dict(os.environ)
    if APP == 'dpdk-testpmd':
        real = cfg['testpmd']
        new = testpmd_args(cfg, args)
    elif APP == 'dpdk-dumpcap':
        real = cfg['dumpcap']
        new = dumpcap_args(cfg, args)
        if cfg.get('pmd'):
            env['LD_PRELOAD'] = ' '.join(
                x for x in (cfg['pmd'], env.get('LD_PRELOAD')) if x)
            env['LD_LIBRARY_PATH'] = ':'.join(
                x for x in (cfg['libdir'], env.get('LD_LIBRARY_PATH')) if x)
    else:
        sys.exit('app_wrapper (nicpmd testbed): started as %s, which it '
                 'does not map' % APP)
    log(cfg, 'asked', args)
    log(cfg, 'runs', [real] + new)
    if APP == 'dpdk-dumpcap':
        sys.exit(relay(cfg, real, [real] + new, env))
    os.execve(real, [real] + new, env)


if __name__ == '__main__':
    main()

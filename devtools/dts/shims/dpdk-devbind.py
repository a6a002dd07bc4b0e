#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""dpdk-devbind.py, as DTS calls it, on a node of the nicpmd DTS testbed.

DTS copies its tree's usertools/dpdk-devbind.py to each node and runs it
to bind ports to drivers. The testbed's ports have no PCI function to
bind: they are veths (TG) and vdev ports on veths (SUT) shown under
made-up PCI addresses. The node configuration makes os_driver equal to
os_driver_for_dpdk, so DTS never needs a rebind; this stand-in reports
the ports (--status) and accepts a bind only to the driver a port already
has, failing loudly otherwise. It reads the node's ports from
/usr/local/sbin/nicpmd-dts-ports.json (the node's shim directory).
"""

import json
import sys

PORTS = '/usr/local/sbin/nicpmd-dts-ports.json'


def load():
    try:
        with open(PORTS) as f:
            return {p['pci']: p for p in json.load(f)['ports']}
    except OSError as e:
        sys.exit('dpdk-devbind.py (nicpmd testbed): %s' % e)


def main(argv):
    ports = load()
    if not argv or argv[0] in ('-s', '--status', '--status-dev'):
        print('\nNetwork devices using the testbed\'s stand-in driver')
        print('=' * 52)
        for pci, p in sorted(ports.items()):
            print("%s '%s' if=%s drv=%s unused=" % (
                pci, p.get('product', 'veth'), p['logicalname'], p['driver']))
        return 0
    driver = None
    pcis = []
    unbind = False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ('-b', '--bind'):
            driver = argv[i + 1]
            i += 1
        elif a.startswith('--bind='):
            driver = a.split('=', 1)[1]
        elif a in ('-u', '--unbind'):
            unbind = True
        elif not a.startswith('-'):
            pcis.append(a)
        i += 1
    bad = [p for p in pcis if p not in ports]
    if bad:
        sys.exit('dpdk-devbind.py (nicpmd testbed): unknown device(s) %s'
                 % ' '.join(bad))
    if unbind:
        sys.exit('dpdk-devbind.py (nicpmd testbed): cannot unbind %s: '
                 'the testbed\'s ports have no PCI function'
                 % ' '.join(pcis))
    wrong = [p for p in pcis if ports[p]['driver'] != driver]
    if wrong:
        sys.exit('dpdk-devbind.py (nicpmd testbed): cannot bind %s to %s: '
                 'the port has driver %s and no other'
                 % (' '.join(wrong), driver, ports[wrong[0]]['driver']))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

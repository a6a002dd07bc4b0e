#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Helper of devtools/bench.sh (standard library only).

  bench_table.py parse LOG [--warmup S] [--ports N] [--periods P]
      Parse a testpmd --stats-period 1 log: for every period, sum the
      'Rx-pps:' values of all ports; drop the first S periods (warm-up);
      print '<median Mpps> <samples>' or 'n/a <why>'. At least N ports
      (default 2) must be reported. With P, only the first P periods count
      (the rest were printed while the run was being stopped).
  bench_table.py parse-tso LOG [--warmup S]
      Parse a nicpmd_offload_tool --mode tso-bench log: median of the
      'second N: X Gbit/s' lines after the first S, if the summary line
      says ok=1; print '<median Gbit/s> <note>' or 'n/a <why>'.
  bench_table.py report RESULTS_TSV --json OUT [--seconds S] [--rounds R]
      RESULTS_TSV lines: pair, round, value or n/a, unit, note
      (tab-separated). Prints a plain table and an rst table; writes JSON
      to OUT. Ratios to nicpmd-inline only between rows in Mpps of one
      testpmd with two ports; nicpmd-iface and nicpmd-xproc also to their
      partner rows (af_packet, memif-2proc).
"""

import argparse
import json
import os
import re
import statistics
import sys
import time

REFERENCE = 'nicpmd-inline'
# Rows measured against a row of the same setup, not against REFERENCE.
PARTNER = {'nicpmd-iface': 'af_packet', 'nicpmd-xproc': 'memif-2proc',
           'nicpmd-thread-shared': 'nicpmd-thread'}
# One port of one process of two: no ratio to REFERENCE (two ports, one
# process).
NO_REFERENCE = {'nicpmd-xproc', 'memif-2proc'}


def periods(text):
    """Per-period lists of Rx-pps, one value per port."""
    out = []
    for block in re.split(r'Port statistics =+', text)[1:]:
        vals = [int(v) for v in re.findall(r'Rx-pps:\s+(\d+)', block)]
        if vals:
            out.append(vals)
    return out


def cmd_parse(args):
    try:
        with open(args.log, errors='replace') as f:
            text = f.read()
    except OSError as e:
        print('n/a cannot read log: %s' % e)
        return 0
    per = periods(text)
    if args.periods:
        per = per[:args.periods]
    nports = max((len(p) for p in per), default=0)
    samples = [sum(p) for p in per if len(p) == nports][args.warmup:]
    if not per:
        why = 'testpmd printed no statistics period'
        m = re.search(r'(No probed ethernet devices|Fail[^\n]*|'
                      r'[Ee]rror(?![^\n]*ignore)[^\n]*)', text)
        if m:
            why += ' (' + m.group(1).strip()[:80] + ')'
        else:
            why += ' (hung)'
        m = re.search(r'Accumulated forward statistics[^\n]*\n\s*'
                      r'RX-packets:\s+(\d+)', text)
        if m:
            why += ', %s packets received in the whole run' % m.group(1)
        print('n/a ' + why)
    elif nports < args.ports:
        print('n/a only %d port(s) reported' % nports)
    elif not samples:
        print('n/a no sample after the %d s warm-up' % args.warmup)
    elif max(samples) == 0:
        print('n/a no traffic (Rx-pps 0 in all %d periods)' % len(samples))
    else:
        print('%.3f %d' % (statistics.median(samples) / 1e6, len(samples)))
    return 0


def cmd_parse_tso(args):
    try:
        with open(args.log, errors='replace') as f:
            text = f.read()
    except OSError as e:
        print('n/a cannot read log: %s' % e)
        return 0
    secs = [float(v) for v in
            re.findall(r'tso-bench: second \d+: ([\d.]+) Gbit/s', text)]
    m = re.search(r'^TSO-BENCH (.*)$', text, re.M)
    if not m:
        err = re.findall(r'^tso-bench: (?!second|engine|mempool)[^\n]*|'
                         r'^[^\n]*(?:[Ee]rror|[Ff]ail)[^\n]*', text, re.M)
        print('n/a no summary line (%s)' %
              (err[-1].strip()[:100] if err else 'killed or hung'))
        return 0
    kv = dict(x.split('=', 1) for x in m.group(1).split() if '=' in x)
    samples = secs[args.warmup:]
    note = ('%s s overall %s Gbit/s, %s sends -> %s segments' %
            (kv.get('seconds', '?'), kv.get('gbps', '?'),
             kv.get('sends', '?'), kv.get('segments', '?')))
    if kv.get('ok') != '1':
        print('n/a FAILED: payload sent %s received %s, errors %s, '
              'pools full %s; %s' % (kv.get('payload_sent', '?'),
                                     kv.get('payload_received', '?'),
                                     kv.get('errors', '?'),
                                     kv.get('pools_full', '?'), note))
    elif not samples:
        print('n/a no per-second sample after the %d s warm-up; %s' %
              (args.warmup, note))
    else:
        print('%.3f %s; payload received == sent (%s B), mempools full' %
              (statistics.median(samples), note, kv.get('payload_sent')))
    return 0


def fmt(v):
    return '%.3f' % v if isinstance(v, float) else 'n/a'


def cmd_report(args):
    rows = {}       # pair -> {'rounds': [...], 'notes': [...], 'unit'}
    order = []
    with open(args.results) as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) < 3:
                continue
            pair, rnd, val = parts[0], int(parts[1]), parts[2]
            unit = parts[3] if len(parts) > 3 and parts[3] else 'Mpps'
            note = parts[4] if len(parts) > 4 else ''
            if pair not in rows:
                rows[pair] = {'rounds': [], 'notes': [], 'unit': unit}
                order.append(pair)
            try:
                rows[pair]['rounds'].append(float(val))
            except ValueError:
                rows[pair]['rounds'].append(None)
            for piece in note.split('; ') if note else []:
                if piece not in rows[pair]['notes']:
                    rows[pair]['notes'].append(piece)
    for r in rows.values():
        ok = [v for v in r['rounds'] if v is not None]
        r['value'] = statistics.median(ok) if ok else None
    ref = rows.get(REFERENCE, {})
    ref = ref.get('value') if ref.get('unit') == 'Mpps' else None
    table = []
    for pair in order:
        r = rows[pair]
        v = r['value']
        ratio = inv = None
        notes = list(r['notes'])
        if r['unit'] == 'Mpps' and ref and v and pair not in NO_REFERENCE:
            ratio, inv = ref / v, v / ref
            if pair.startswith('nicpmd-') and pair != REFERENCE:
                notes.insert(0, '%sx the %s rate' %
                             ('%.2f' % inv if inv >= 0.1 else '%.3f' % inv,
                              REFERENCE))
        partner = PARTNER.get(pair)
        pv = rows.get(partner, {}).get('value') if partner else None
        prat = v / pv if v and pv else None
        if partner:
            notes.insert(0, '%s/%s %s' % (pair, partner, fmt(prat)))
        table.append((pair, v, r['unit'], ratio, inv, '; '.join(notes),
                      partner, prat))

    head = ('pair', 'value', 'unit', 'ratio %s/pair' % REFERENCE,
            'ratio pair/partner', 'note')
    cells = [head] + [(p, fmt(v), u,
                       fmt(x) if u == 'Mpps' and p not in NO_REFERENCE
                       else '-',
                       '%s (%s)' % (fmt(pr), pa) if pa else '-', n)
                      for p, v, u, x, _, n, pa, pr in table]
    nc = len(head)
    w = [max(len(c[i]) for c in cells) for i in range(nc)]

    print('Results: median of per-second samples after the warm-up (Mpps: '
          'Rx-pps summed over both ports, for the two-process rows the '
          'Rx-pps of process A; Gbit/s: TSO input payload), '
          '%s s runs, %s round(s)' % (args.seconds, args.rounds))
    for i, c in enumerate(cells):
        print(' | '.join(c[k].ljust(w[k]) for k in range(nc)).rstrip())
        if i == 0:
            print('-+-'.join('-' * w[k] for k in range(nc)))

    print()
    title = 'nicpmd benchmark: testpmd io-fwd pairs, TSO'
    print(title)
    print('-' * len(title))
    print()
    border = ' '.join('=' * max(w[k], 1) for k in range(nc))
    print(border)
    for i, c in enumerate(cells):
        print(' '.join((c[k] or '-').ljust(w[k])
                       for k in range(nc)).rstrip())
        if i == 0:
            print(border)
    print(border)

    doc = {
        'benchmark': 'testpmd io forwarding, pairs of ports; '
                     'nicpmd TSO of 64 KiB TCP sends',
        'date': time.strftime('%Y-%m-%dT%H:%M:%S%z'),
        'seconds': args.seconds,
        'warmup_seconds': 2,
        'rounds': args.rounds,
        'reference': REFERENCE,
        'results': [
            {'pair': p, 'value': v, 'unit': u,
             'mpps': v if u == 'Mpps' else None,
             'gbps': v if u == 'Gbit/s' else None,
             'ratio_reference_over_pair': x,
             'ratio_pair_over_reference': y,
             'partner': pa,
             'ratio_pair_over_partner': pr,
             'rounds': rows[p]['rounds'],
             'rounds_mpps': rows[p]['rounds'] if u == 'Mpps' else None,
             'note': n}
            for p, v, u, x, y, n, pa, pr in table],
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, 'w') as f:
        json.dump(doc, f, indent=2)
        f.write('\n')
    print()
    print('JSON: %s' % args.json)
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('parse')
    p.add_argument('log')
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--ports', type=int, default=2)
    p.add_argument('--periods', type=int, default=0)
    p.set_defaults(fn=cmd_parse)
    t = sub.add_parser('parse-tso')
    t.add_argument('log')
    t.add_argument('--warmup', type=int, default=2)
    t.set_defaults(fn=cmd_parse_tso)
    r = sub.add_parser('report')
    r.add_argument('results')
    r.add_argument('--json', required=True)
    r.add_argument('--seconds', default='?')
    r.add_argument('--rounds', default='?')
    r.set_defaults(fn=cmd_report)
    args = ap.parse_args()
    return args.fn(args)


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Write the NIC guide's conformance results from a DTS run.

  conformance_rst.py [--guide doc/guides/nics/nicpmd.rst] [--print]
                     [--baseline results/dts-<version>-af_packet/results.json]
                     results/dts-<version>/results.json

Reads the results.json devtools/dts.sh wrote (the project's format: one
record per DTS case, with DTS's own result in dts_result) and the feature
map doc/guides/nics/nicpmd_feature_tests.ini, and replaces what stands
between the two marker comments of the guide's "Conformance" section:
the run (DPDK release, ports, date, commit, counts), a per-suite table
(beside the af_packet baseline's counts, with --baseline),
the suite x case x result table, the suites and cases that cannot apply
with their reasons, and each claimed feature with its DTS cases and their
results. --print writes the text to stdout and leaves the guide alone.

  conformance_rst.py --sync-feature-map

rewrites the map's project tests from the guide's "Features and their
tests" table (after a change there; static/feature_map says when).
"""

import argparse
import configparser
import json
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
GUIDE = os.path.join(TOP, 'doc', 'guides', 'nics', 'nicpmd.rst')
FEATURE_MAP = os.path.join(TOP, 'doc', 'guides', 'nics',
                           'nicpmd_feature_tests.ini')
BEGIN = '.. conformance-results-begin: written by ' \
    'devtools/dts/conformance_rst.py from a run; do not edit by hand'
END = '.. conformance-results-end'


def feature_map(path=FEATURE_MAP):
    """[(feature, [dts cases], [project tests])] in file order."""
    cp = configparser.ConfigParser(comment_prefixes=(';',),
                                   inline_comment_prefixes=None,
                                   interpolation=None)
    cp.optionxform = str
    cp.read(path, encoding='utf-8')
    out = []
    for sec in cp.sections():
        dts = cp.get(sec, 'dts', fallback='').split()
        tests = cp.get(sec, 'tests', fallback='').split()
        out.append((sec, [] if dts == ['-'] else dts, tests))
    return out


def cell(text):
    """One csv-table cell: on one line, short, quoted."""
    text = ' '.join(str(text).split())
    if len(text) > 220:
        # Cut between words: a cut inside a name can leave a trailing
        # '_', which reStructuredText reads as a reference.
        text = text[:217].rsplit(' ', 1)[0] + ' ...'
    text = text.replace('*', r'\*').replace('`', "'").replace('|', '/')
    # A name ending in '_' (before a space or a comma) is a reference
    # to reStructuredText: escape it.
    text = re.sub(r'_(?=[^0-9A-Za-z_]|$)', r'\\_', text)
    return '"%s"' % text.replace('"', '""')


def csv_table(title, header, rows, widths):
    out = ['.. csv-table:: %s' % title,
           '   :header: %s' % ', '.join(cell(h) for h in header),
           '   :widths: %s' % ', '.join(str(w) for w in widths), '']
    out += ['   ' + ', '.join(r) for r in rows]
    return out + ['']


def render(doc, fmap, base=None):
    res = doc['results']
    label = doc.get('suite', 'dts')
    day = (doc.get('end') or doc.get('start') or '')[:10]
    by_case = {}
    suites = []
    for r in res:
        suite = r['group']
        if suite not in suites:
            suites.append(suite)
        by_case[(suite, r['test'].split('/')[-1])] = r
    s = doc['summary']
    ports = doc.get('ports', '?')
    lines = [BEGIN, '']
    lines.append(
        'Last run: DTS of DPDK **%s** against %s ports (``%s``%s), %s, '
        'commit ``%s``: **%d passed, %d failed, %d skipped** (label '
        '``%s``).' % (
            doc.get('dpdk', '?'), ports, doc.get('vdev', ''),
            ', default devargs' if ports == 'nicpmd' else '', day,
            (doc.get('commit') or 'unknown')[:12], s['passed'], s['failed'],
            s['skipped'], label))
    lines.append('')
    if base:
        bs = base['summary']
        lines += ['The baseline, the same run over DPDK\'s ``%s`` on the same '
                  'veths (%s, label ``%s``): %d passed, %d failed, %d '
                  'skipped; its counts are the right-hand columns below '
                  '(what DPDK\'s own kernel-backed PMD does on this '
                  'testbed).' % (base.get('vdev', ''),
                                   (base.get('end') or '')[:10],
                                   base.get('suite', ''), bs['passed'],
                                   bs['failed'], bs['skipped']), '']
    rows = []
    for suite in suites:
        row = ['``%s``' % suite]
        for d in [doc] + ([base] if base else []):
            rs = [r for r in d['results'] if r['group'] == suite]
            row += [str(sum(r['result'] == k for r in rs))
                    for k in ('PASS', 'FAIL', 'SKIP')]
        rows.append(row)
    header = ['Suite', 'Passed', 'Failed', 'Skipped']
    widths = [40, 20, 20, 20]
    if base:
        header = ['Suite', 'Passed', 'Failed', 'Skipped', 'baseline passed',
                  'baseline failed', 'baseline skipped']
        widths = [34, 11, 11, 11, 11, 11, 11]
    lines += csv_table('Per suite', header, rows, widths)
    rows, na_suites = [], []
    for r in res:
        suite, case = r['group'], r['test'].split('/')[-1]
        if r.get('dts_result') == 'N/A' and case == 'suite':
            na_suites.append(r)
            continue
        rows.append(['``%s/%s``' % (suite, case),
                     r.get('dts_result', r['result']), cell(r['reason'])])
    lines += csv_table(
        "Suite x case x result (DTS's own result: PASS, FAIL, ERROR, "
        "BLOCK, SKIP; N/A: cannot apply here)", ('Case', 'Result', 'Reason'),
        rows, (38, 8, 54))
    if na_suites:
        lines += ['Suites that cannot apply here:', '']
        for r in na_suites:
            reason = r['reason']
            if reason.startswith('not applicable: '):
                reason = reason[len('not applicable: '):]
            lines.append('* ``%s`` (%s): %s.' % (
                r['group'], ', '.join('``%s/%s``' % (r['group'], c)
                                      for c in r.get('cases', [])),
                ' '.join(reason.split()).rstrip('.')))
        lines.append('')
    rows = []
    for feature, dts, _tests in fmap:
        if dts:
            txt = ', '.join('``%s`` (%s)' % (
                c, by_case[tuple(c.split('/'))].get('dts_result', '?')
                if tuple(c.split('/')) in by_case else 'not run')
                for c in dts)
        else:
            txt = 'none in DTS'
        rows.append([cell(feature), cell(txt)])
    lines += csv_table('Claimed features and the DTS cases that exercise '
                       'them (``doc/guides/nics/nicpmd_feature_tests.ini``)',
                       ('Feature', 'DTS cases (result)'), rows, (25, 75))
    lines.append(END)
    return '\n'.join(lines) + '\n'


def sync_feature_map(path=FEATURE_MAP):
    """Rewrite the map's tests lines from the guide's "Features and their
    tests" table, in the matrix's order, keeping each feature's dts line
    (a feature new to the matrix gets "dts = -": say which DTS cases
    exercise it by hand)."""
    sys.path.insert(0, os.path.join(TOP, 'devtools'))
    import check_static
    rows = {r[0]: r for r in check_static.feature_table() or []
            if len(r) == 3}
    old = {f: d for f, d, _ in feature_map(path)}
    with open(path, encoding='utf-8') as f:
        head = [ln for ln in f.read().split('\n[', 1)[0].splitlines()]
    out = head + ['']
    for feature in check_static.ini_features():
        row = rows.get(feature)
        tests = (check_static.NAME_RE.findall(row[1]) +
                 check_static.NAME_RE.findall(row[2])) if row else []
        dts = old.get(feature) or ['-']
        out.append('[%s]' % feature)
        out.append('dts = ' + dts[0])
        out += ['    ' + x for x in dts[1:]]
        out.append('tests = ' + (tests[0] if tests else ''))
        out += ['    ' + x for x in tests[1:]]
        out.append('')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))
    new = [f for f in check_static.ini_features() if f not in old]
    print('feature map: %s rewritten%s' % (
        os.path.relpath(path, TOP),
        '; new, with dts = -: ' + ', '.join(new) if new else ''))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    if '--sync-feature-map' in sys.argv[1:]:
        sync_feature_map()
        return 0
    ap.add_argument('results')
    ap.add_argument('--guide', default=GUIDE)
    ap.add_argument('--baseline', help='the results.json of an af_packet '
                    'run (devtools/dts.sh --port-vdev af_packet)')
    ap.add_argument('--print', action='store_true')
    args = ap.parse_args()
    with open(args.results) as f:
        doc = json.load(f)
    base = None
    if args.baseline:
        with open(args.baseline) as f:
            base = json.load(f)
    text = render(doc, feature_map(), base)
    if args.print:
        sys.stdout.write(text)
        return 0
    with open(args.guide, encoding='utf-8') as f:
        guide = f.read()
    if BEGIN not in guide or END not in guide:
        sys.exit('%s has no conformance markers (%s ... %s)' % (
            args.guide, BEGIN, END))
    head, rest = guide.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(args.guide, 'w', encoding='utf-8') as f:
        f.write(head + text.rstrip('\n') + tail)
    print('conformance: %s updated from %s' % (
        os.path.relpath(args.guide, TOP), os.path.relpath(args.results, TOP)))
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Turn a results.json into the reports upstream CI systems ingest.

Reads the project's results file (devtools/run_tests.py writes it: one
record per test with test, group, engine, result, duration_ms, reason and
optionally log) and writes, beside it:

  ci-report.txt  the body of a DPDK community-CI report, as test labs mail
                 it to patchwork: Test-Label, Test-Status, the commit, a
                 one-line _description_, the counts and a per-case table;
  nipa.json      a netdev CI (NIPA) external-executor result: executor,
                 branch, commit, start, end and results [{test, group,
                 result: pass|fail|skip, link, time}].

The NIC guide's "Test reports" section documents both.

  ci_report.py [--results results/results.json] [--label nicpmd-tests]
               [--executor nicpmd-devtools]
"""

import argparse
import json
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NIPA_RESULT = {'PASS': 'pass', 'FAIL': 'fail', 'SKIP': 'skip'}


def counts(records):
    return {r: sum(1 for x in records if x['result'] == r)
            for r in ('PASS', 'FAIL', 'SKIP')}


def status(n):
    """SUCCESS: all ran passed; FAILURE: any failed; WARNING: nothing ran
    (a green status would then claim what was not tested)."""
    if n['FAIL']:
        return 'FAILURE'
    if not n['PASS']:
        return 'WARNING'
    return 'SUCCESS'


def git_branch():
    try:
        out = subprocess.run(['git', 'rev-parse', '--abbrev-ref', 'HEAD'],
                             cwd=TOP, capture_output=True, text=True,
                             check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ''
    return '' if out == 'HEAD' else out


def case_name(rec):
    """Tests run once per engine: the engine is part of the case."""
    if rec['engine'] in ('', '-'):
        return rec['test']
    return '%s [%s]' % (rec['test'], rec['engine'])


def community_report(doc, label, branch):
    n = counts(doc['results'])
    st = status(n)
    desc = {'SUCCESS': 'Testing PASS', 'FAILURE': 'Testing issues',
            'WARNING': 'Testing incomplete: no test ran'}[st]
    lines = [
        'Test-Label: %s' % label,
        'Test-Status: %s' % st,
        'Commit: %s%s' % (doc.get('commit') or 'unknown',
                          ' (branch %s)' % branch if branch else ''),
        '',
        '_%s_' % desc,
        '',
        'Suite: %s' % doc.get('suite', ''),
        'Start: %s' % doc.get('start', ''),
        'End: %s' % doc.get('end', ''),
        'Summary: %d passed, %d failed, %d skipped' %
        (n['PASS'], n['FAIL'], n['SKIP']),
        '',
    ]
    rows = [(case_name(r), r['result'], r.get('reason') or '')
            for r in doc['results']]
    width = max([len('Case')] + [len(c) for c, _, _ in rows])
    lines.append('%-*s  %-6s  %s' % (width, 'Case', 'Result', 'Reason'))
    lines.append('%s  %s  %s' % ('-' * width, '-' * 6, '-' * 6))
    # Failures first: a reader of the mail looks for them.
    order = {'FAIL': 0, 'SKIP': 1, 'PASS': 2}
    for case, res, why in sorted(rows, key=lambda r: order[r[1]]):
        lines.append(('%-*s  %-6s  %s' % (width, case, res, why)).rstrip())
    return '\n'.join(lines) + '\n'


def nipa_report(doc, executor, branch, outdir):
    results = []
    for r in doc['results']:
        # Group names repeat across suites (C rss/ and testpmd rss/):
        # NIPA's group is the suite and engine, its test the full name.
        group = r.get('suite') or r['group']
        if r['engine'] not in ('', '-'):
            group = '%s-%s' % (group, r['engine'])
        entry = {'test': r['test'], 'group': group,
                 'result': NIPA_RESULT[r['result']]}
        if r.get('log'):
            entry['link'] = os.path.relpath(os.path.join(TOP, r['log']),
                                            outdir)
        entry['time'] = round(r.get('duration_ms', 0) / 1000.0, 3)
        results.append(entry)
    return {'executor': executor, 'branch': branch,
            'commit': doc.get('commit', ''), 'start': doc.get('start', ''),
            'end': doc.get('end', ''), 'results': results}


def write_reports(results_path, label, executor):
    with open(results_path) as f:
        doc = json.load(f)
    outdir = os.path.dirname(os.path.abspath(results_path))
    branch = git_branch()
    mail = os.path.join(outdir, 'ci-report.txt')
    with open(mail, 'w') as f:
        f.write(community_report(doc, label, branch))
    nipa = os.path.join(outdir, 'nipa.json')
    with open(nipa, 'w') as f:
        json.dump(nipa_report(doc, executor, branch, outdir), f, indent=1)
    return mail, nipa


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--results',
                    default=os.path.join(TOP, 'results', 'results.json'))
    ap.add_argument('--label', default='nicpmd-tests')
    ap.add_argument('--executor', default='nicpmd-devtools')
    args = ap.parse_args()
    for path in write_reports(args.results, args.label, args.executor):
        print('report: %s' % os.path.relpath(path, TOP))
    return 0


if __name__ == '__main__':
    sys.exit(main())

# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""DTS cases known to fail against nicpmd ports, each with the issue that
tracks it and the reason (devtools/dts/known_failures.txt).

A listed case that fails is recorded as skipped, its reason saying it is a
known failure, which issue owns it and what DTS said: the count stays
honest (the case is in it, visibly not passed) and the test command stays
usable while the issue is open. A listed case that passes is recorded as
passed with a note to take it off the list; an unlisted failure fails.
The af_packet baseline does not use the list.
"""

import os

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    'known_failures.txt')


def load(path=PATH):
    """{'suite/case': (issue, reason)} from lines
    'suite/case | issue | reason'; '#' starts a comment."""
    known = {}
    if not os.path.exists(path):
        return known
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            parts = [p.strip() for p in line.split('|')]
            if len(parts) != 3 or '/' not in parts[0] or not parts[2]:
                raise ValueError('%s:%d: want "suite/case | issue | '
                                 'reason"' % (path, n))
            known[parts[0]] = (parts[1], parts[2])
    return known


def apply(known, suite, case, result, reason):
    """(result, reason, note) after the list."""
    k = known.get('%s/%s' % (suite, case))
    if k is None:
        return result, reason, ''
    issue, why = k
    if result == 'FAIL':
        return 'SKIP', 'known failure (issue %s: %s); DTS: %s' % (
            issue, why, reason), ''
    if result == 'PASS':
        return result, reason, ('listed as a known failure (issue %s) but '
                                'passed: take it off %s' % (
                                    issue, os.path.basename(PATH)))
    return result, reason, ''

#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Static checks that the docs stay true to the code.

Prints one 'RESULT static/<name> PASS|FAIL|SKIP <ms> <reason>' line per
check (the test runner's contract).
"""

import ast
import glob
import os
import re
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = os.path.join(TOP, 'drivers/net/nicpmd/base/nicpmd_hw.h')
SPEC = os.path.join(TOP, 'doc/spec/nicpmd_device_spec.rst')
GUIDE = os.path.join(TOP, 'doc/guides/nics/nicpmd.rst')
INI = os.path.join(TOP, 'doc/guides/nics/features/nicpmd.ini')
DEVARGS = os.path.join(TOP, 'drivers/net/nicpmd/nicpmd_devargs.c')
DEVARGS_H = os.path.join(TOP, 'drivers/net/nicpmd/nicpmd_devargs.h')
SLOT_H = os.path.join(TOP, 'drivers/net/nicpmd/nicpmd_slot.h')
ETHDEV = os.path.join(TOP, 'drivers/net/nicpmd/nicpmd_ethdev.c')


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def check_spec_names():
    """Every register, opcode, status and feature of the header is in the spec."""
    hdr = read(HEADER)
    spec = read(SPEC)
    names = re.findall(
        r'\b(NICPMD_(?:REG|AQ|F|TXD|RXD|CTRL|STATUS|LINK|INTR|RX_MODE)_\w+)',
        hdr)
    # Strip the prefix: a spec may say AQ_TAIL or NICPMD_REG_AQ_TAIL.
    missing = sorted({n for n in names
                      if n not in spec and
                      re.sub(r'^NICPMD_(REG_)?', '', n) not in spec})
    if missing:
        return 'not in the spec: ' + ', '.join(missing[:12]) + \
            (' ...' if len(missing) > 12 else '')
    return None


def check_spec_abi():
    """The spec documents the ABI version the header defines."""
    hdr = read(HEADER)
    major = re.search(r'NICPMD_ABI_MAJOR\s+(\d+)u', hdr).group(1)
    minor = re.search(r'NICPMD_ABI_MINOR\s+(\d+)u', hdr).group(1)
    if 'ABI %s.%s' % (major, minor) not in read(SPEC):
        return 'spec does not say "ABI %s.%s"' % (major, minor)
    return None


def default_ini_keys():
    """Feature names DPDK 22.11's doc build accepts, from its source."""
    src = glob.glob(os.path.join(TOP, '.cache/driver-sdk/*/src/dpdk_*.orig.tar.xz'))
    if not src:
        return None
    out = subprocess.run(
        ['tar', '-xJOf', src[0], '--wildcards',
         '*/doc/guides/nics/features/default.ini'],
        capture_output=True, text=True, check=True).stdout
    return {line.split('=')[0].strip() for line in out.splitlines()
            if '=' in line and not line.startswith(';')}


def check_features_ini():
    """features/nicpmd.ini uses only keys 22.11's default.ini knows."""
    keys = default_ini_keys()
    if keys is None:
        return 'SKIP: no DPDK source cached (devtools/driver-sdk.sh)'
    bad = [line.split('=')[0].strip() for line in read(INI).splitlines()
           if '=' in line and not line.startswith(';') and
           line.split('=')[0].strip() not in keys]
    if bad:
        return 'keys unknown to DPDK 22.11: ' + ', '.join(bad)
    return None


def check_devargs_documented():
    """Every devarg of the one list is registered, in the guide and README."""
    hdr = read(DEVARGS_H)
    table = re.search(r'#define NICPMD_DEVARGS\(X\)(.*?)\n\n', hdr, re.S)
    keys = re.findall(r'X\((\w+),', table.group(1)) if table else []
    if not keys:
        return 'no NICPMD_DEVARGS list in nicpmd_devargs.h'
    problems = []
    if not re.search(r'RTE_PMD_REGISTER_PARAM_STRING\(net_nicpmd,\s*'
                     r'NICPMD_DEVARGS_HELP\);', read(ETHDEV)):
        problems.append('RTE_PMD_REGISTER_PARAM_STRING does not use '
                        'NICPMD_DEVARGS_HELP')
    if re.search(r'"(%s)"' % '|'.join(keys), read(DEVARGS)):
        problems.append('nicpmd_devargs.c spells a key by hand')
    for k in keys:
        if '``' + k + '``' not in read(GUIDE):
            problems.append(k + ' not in the NIC guide')
        if '`' + k + '`' not in read(os.path.join(TOP, 'README.md')):
            problems.append(k + ' not in README')
    return '; '.join(problems) or None


def check_wire_names():
    """The driver's wire= help is the model's wire table, in order."""
    help_str = re.search(r'#define NICPMD_SLOT_WIRES((?:[\s\\]*"[^"]*")+)',
                         read(SLOT_H))
    if not help_str:
        return 'no NICPMD_SLOT_WIRES in nicpmd_slot.h'
    driver = ''.join(re.findall(r'"([^"]*)"', help_str.group(1))).split('|')
    order = re.findall(r'&nicdev_wire_(\w+),', read(os.path.join(MODEL,
                                                                'wire.c')))
    model = []
    for w in order:
        m = re.search(r'\.syntax = "([^"]+)"',
                      read(os.path.join(MODEL, 'wire_%s.c' % w)))
        model.append(m.group(1) if m else '?' + w)
    if driver != model:
        return 'driver says %s, model has %s' % ('|'.join(driver),
                                                  '|'.join(model))
    return None


DRIVER = os.path.join(TOP, 'drivers/net/nicpmd')
MODEL = os.path.join(DRIVER, 'model')
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def includes_of(path):
    return [os.path.basename(i) for i in INCLUDE_RE.findall(read(path))]


def check_boundary():
    """Only the slot includes a model header; the model includes only base/."""
    model_hdrs = {os.path.basename(h)
                  for h in glob.glob(os.path.join(MODEL, '*.h'))}
    driver_hdrs = {os.path.basename(h)
                   for h in glob.glob(os.path.join(DRIVER, '*.h'))}
    problems = []
    for src in glob.glob(os.path.join(DRIVER, '*.[ch]')):
        if os.path.basename(src) == 'nicpmd_slot.c':
            continue
        bad = model_hdrs.intersection(includes_of(src))
        if bad:
            problems.append('%s includes %s' % (
                os.path.relpath(src, TOP), ', '.join(sorted(bad))))
    for src in glob.glob(os.path.join(MODEL, '*.[ch]')):
        bad = driver_hdrs.intersection(includes_of(src))
        if bad:
            problems.append('%s includes %s' % (
                os.path.relpath(src, TOP), ', '.join(sorted(bad))))
    # The admin queue's transport is the typed commands' business only.
    for src in glob.glob(os.path.join(DRIVER, '*.[ch]')):
        if os.path.basename(src) in ('nicpmd_admin.c', 'nicpmd_adminq.c'):
            continue
        if 'nicpmd_adminq.h' in includes_of(src):
            problems.append('%s includes nicpmd_adminq.h (use the typed '
                            'commands of nicpmd_admin.h)' %
                            os.path.relpath(src, TOP))
    if not model_hdrs or not driver_hdrs:
        return 'no headers found under %s' % os.path.relpath(DRIVER, TOP)
    return '; '.join(problems) or None


def check_spdx():
    """Every source file starts with an SPDX licence tag."""
    files = subprocess.run(['git', 'ls-files', '*.c', '*.h', '*.py', '*.sh',
                            'meson.build', '*/meson.build'], cwd=TOP,
                           capture_output=True, text=True).stdout.split()
    bad = [f for f in files
           if 'SPDX-License-Identifier' not in ''.join(
               open(os.path.join(TOP, f), encoding='utf-8').readlines()[:3])]
    return ('no SPDX tag: ' + ', '.join(bad)) if bad else None


TESTS_C = os.path.join(TOP, 'app/test')
TESTS_TP = os.path.join(TOP, 'app/test/testpmd')
TESTS_OL = os.path.join(TOP, 'app/test/offload')
REGISTER_RE = re.compile(r'test_register\(\s*"(\w+)"\s*,\s*"(\w+)"', re.S)


def c_tests():
    """{group/name} of the C tests, from their test_register() calls
    (names built at run time, such as devargs/reject_*, are not seen)."""
    names = set()
    for src in glob.glob(os.path.join(TESTS_C, 'test_*.c')):
        names.update('%s/%s' % m for m in REGISTER_RE.findall(read(src)))
    return names


def tests_lists(pattern):
    """{module: [name, ...]} from the TESTS = [(name, fn), ...] lists of
    the Python test modules matching pattern."""
    found = {}
    for src in sorted(glob.glob(pattern)):
        names = []
        for node in ast.parse(read(src)).body:
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) \
                    else [node.target]
                if not any(isinstance(x, ast.Name) and x.id == 'TESTS'
                           for x in targets):
                    continue
                for elt in getattr(node.value, 'elts', []):
                    first = elt.elts[0] if isinstance(elt, ast.Tuple) \
                        else None
                    if isinstance(first, ast.Constant) and \
                            isinstance(first.value, str):
                        names.append(first.value)
        found[os.path.basename(src)[:-len('.py')]] = names
    return found


def other_tests():
    """{group/name} of the testpmd tests (group: test_<group>.py), the
    offload tests, the static checks and DPDK's own test."""
    names = set()
    for module, tests in tests_lists(
            os.path.join(TESTS_TP, 'test_*.py')).items():
        names.update('%s/%s' % (module[len('test_'):], n) for n in tests)
    for tests in tests_lists(os.path.join(TESTS_OL, 'ol_tests_*.py')).values():
        names.update('offload/' + n for n in tests)
    names.update('static/' + n for n, _ in CHECKS)
    names.update(re.findall(r"'(dpdk-test/\w+)'",
                            read(os.path.join(TOP, 'devtools/run_tests.py'))))
    return names


def ini_features():
    """Keys set in the features matrix's [Features] section."""
    keys, section = [], None
    for line in read(INI).splitlines():
        line = line.strip()
        if line.startswith('['):
            section = line
        elif section == '[Features]' and '=' in line and \
                not line.startswith(';'):
            key, value = (s.strip() for s in line.split('=', 1))
            if value:
                keys.append(key)
    return keys


def feature_table():
    """[(feature, C cell, other cell)] of the guide's 'Features and their
    tests' list-table (header row left out); None if there is none."""
    # The section runs up to the next title (a line, then ---- etc.).
    m = re.search(r'^Features and their tests\n-+\n'
                  r'(.*?)(?=^\S[^\n]*\n[-=~^]{4,}\n|\Z)',
                  read(GUIDE), re.S | re.M)
    if not m:
        return None
    rows, cells = [], None
    for line in m.group(1).splitlines():
        if line.startswith('   * - '):
            cells = [line[len('   * - '):]]
            rows.append(cells)
        elif cells is not None and line.startswith('     - '):
            cells.append(line[len('     - '):])
        elif cells is not None and line.startswith('     -'):
            cells.append('')
        elif cells is not None and line.startswith('       '):
            cells[-1] += ' ' + line.strip()
        elif line.strip():
            cells = None
    return [tuple(c.strip() for c in r) for r in rows[1:]]


NAME_RE = re.compile(r'``([\w-]+/[\w-]+)``')


def check_feature_tests():
    """The guide's feature -> tests table covers the features matrix
    exactly, and every test it names exists, in the column of its kind."""
    table = feature_table()
    if table is None:
        return 'no "Features and their tests" section in the NIC guide'
    if not table:
        return 'the "Features and their tests" table has no row'
    ini = ini_features()
    known_c, known_other = c_tests(), other_tests()
    if not known_c or not known_other:
        return 'found no test names in the test sources'
    problems = []
    rows = {}
    for row in table:
        if len(row) != 3:
            problems.append('row %r: %d cells, want 3' % (row[0], len(row)))
            continue
        feature, c_cell, other_cell = row
        if feature in rows:
            problems.append('feature %r has two rows' % feature)
        rows[feature] = row
        if feature not in ini:
            problems.append('row for %r, a feature nicpmd.ini does not '
                            'claim' % feature)
        c_names = NAME_RE.findall(c_cell)
        other_names = NAME_RE.findall(other_cell)
        if not c_names and not other_names:
            problems.append('%r names no test' % feature)
        problems += ['%r: no C test %s' % (feature, n)
                     for n in c_names if n not in known_c]
        problems += ['%r: no testpmd/offload/static test %s' % (feature, n)
                     for n in other_names if n not in known_other]
    problems += ['nicpmd.ini claims %r: no row in the table' % k
                 for k in ini if k not in rows]
    return '; '.join(problems) or None


def check_c_test_groups():
    """Each app/test/test_<group>.c registers only <group>/ tests."""
    problems = []
    for src in sorted(glob.glob(os.path.join(TESTS_C, 'test_*.c'))):
        group = os.path.basename(src)[len('test_'):-len('.c')]
        others = sorted({g for g, _ in re.findall(
            r'test_register\(\s*"(\w+)"\s*,\s*(\S+?)\s*,', read(src))
            if g != group})
        if others:
            problems.append('%s registers group(s) %s' % (
                os.path.relpath(src, TOP), ', '.join(others)))
    return '; '.join(problems) or None


FEATURE_MAP = os.path.join(TOP, 'doc/guides/nics/nicpmd_feature_tests.ini')
DTS_CASE_RE = re.compile(r'``([\w-]+/[\w-]+)``')


def conformance_cases():
    """{suite/case} the guide's generated conformance results name (run,
    skipped or not applicable), or None without them."""
    m = re.search(r'^\.\. conformance-results-begin:.*?$(.*?)'
                  r'^\.\. conformance-results-end', read(GUIDE), re.S | re.M)
    if not m:
        return None
    return set(DTS_CASE_RE.findall(m.group(1)))


def check_feature_map():
    """nicpmd_feature_tests.ini maps every feature the matrix claims (and
    nothing else) to DTS cases of the guide's conformance results and to
    project tests that exist: the same as the guide's table row."""
    import configparser
    cp = configparser.ConfigParser(comment_prefixes=(';',),
                                   interpolation=None)
    cp.optionxform = str
    try:
        cp.read_file(open(FEATURE_MAP, encoding='utf-8'))
    except (OSError, configparser.Error) as e:
        return 'cannot read %s: %s' % (os.path.relpath(FEATURE_MAP, TOP), e)
    ini = ini_features()
    known = c_tests() | other_tests()
    dts_known = conformance_cases()
    if dts_known is None:
        return 'no generated conformance results in the NIC guide ' \
            '(devtools/dts/conformance_rst.py)'
    table = {row[0]: set(NAME_RE.findall(row[1]) + NAME_RE.findall(row[2]))
             for row in (feature_table() or []) if len(row) == 3}
    problems = []
    for sec in cp.sections():
        if sec not in ini:
            problems.append('[%s]: a feature nicpmd.ini does not claim' % sec)
            continue
        if set(cp[sec]) - {'dts', 'tests'}:
            problems.append('[%s]: keys other than dts, tests' % sec)
        dts = cp.get(sec, 'dts', fallback='').split()
        tests = cp.get(sec, 'tests', fallback='').split()
        if not dts or ('-' in dts and dts != ['-']):
            problems.append('[%s]: dts lists cases or is "-"' % sec)
        problems += ['[%s]: no DTS case %s in the conformance results' %
                     (sec, c) for c in dts if c != '-' and c not in dts_known]
        if not tests:
            problems.append('[%s]: no project test' % sec)
        problems += ['[%s]: no test %s' % (sec, t) for t in tests
                     if t not in known]
        if sec in table and set(tests) != table[sec]:
            problems.append('[%s]: tests differ from the guide\'s table row '
                            '(only here: %s; only there: %s; '
                            'devtools/dts/conformance_rst.py '
                            '--sync-feature-map copies them)' % (
                                sec, ' '.join(sorted(set(tests) -
                                                     table[sec])) or '-',
                                ' '.join(sorted(table[sec] - set(tests)))
                                or '-'))
    problems += ['nicpmd.ini claims %r: no section' % k for k in ini
                 if k not in cp.sections()]
    return '; '.join(problems) or None


CHECKS = [
    ('spec_documents_header', check_spec_names),
    ('spec_abi_version', check_spec_abi),
    ('features_ini_keys', check_features_ini),
    ('devargs_documented', check_devargs_documented),
    ('wire_names', check_wire_names),
    ('spdx_tags', check_spdx),
    ('hardware_boundary', check_boundary),
    ('feature_tests', check_feature_tests),
    ('c_test_groups', check_c_test_groups),
    ('feature_map', check_feature_map),
]


def main():
    failed = 0
    for name, fn in CHECKS:
        start = time.monotonic()
        try:
            why = fn()
        except (OSError, AttributeError, subprocess.CalledProcessError) as e:
            why = 'check could not run: %s' % e
        ms = int((time.monotonic() - start) * 1000)
        if why is None:
            res, why = 'PASS', '-'
        elif why.startswith('SKIP: '):
            res, why = 'SKIP', why[6:]
        else:
            res = 'FAIL'
            failed += 1
        print('RESULT static/%s %s %d %s' % (name, res, ms, why), flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

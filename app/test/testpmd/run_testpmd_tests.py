#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Functional tests of the nicpmd PMD driven through dpdk-testpmd.

Usage (run with /usr/bin/python3: Debian's pexpect and scapy):
  run_testpmd_tests.py --engine inline|thread --pmd <librte_net_nicpmd.so>
                       [--filter SUBSTR] [--workdir DIR]

Prints one line per test:
  RESULT <group>/<name> PASS|FAIL|SKIP <milliseconds> <reason or ->
and exits 0 when no test failed, 1 otherwise. Tests are functional, never
timed: every number checked is a count, a size or a byte.

This runner only finds, runs and reports tests: every test_<group>.py
next to it is a test module whose TESTS list holds (name, function)
pairs, reported as <group>/<name>; a test function takes a tp.Ctx and
passes by returning, fails or skips by raising tp.Fail or tp.Skip (any
other exception, or a hang, fails it too). What tests share (testpmd,
parsers, pcap helpers, verdicts) is in tp.py, which they import.
One testpmd runs at a time; each gets a unique --file-prefix and
engine=<engine> on every nicpmd vdev. Logs go to
<workdir>/<engine>/<group>/<name>.log.
"""

import argparse
import glob
import importlib
import os
import signal
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tp  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
TEST_TIMEOUT = 90           # seconds, whole test, a safety net only


class TestTimeout(Exception):
    pass


def _unimportable(path, error):
    """A test that fails with why a test module cannot be imported: its
    tests are not silently missing from the results."""
    def fail(ctx):
        raise tp.Fail('cannot import %s: %s: %s' % (
            os.path.basename(path), type(error).__name__, error))
    return fail


def discover():
    """[(group, name, fn), ...] from every test_<group>.py, in the order
    of their file names and then of their TESTS lists."""
    tests = []
    for path in sorted(glob.glob(os.path.join(HERE, 'test_*.py'))):
        module = os.path.basename(path)[:-len('.py')]
        group = module[len('test_'):]
        try:
            mod = importlib.import_module(module)
        except Exception as e:  # noqa: BLE001 - reported as a failed test
            tests.append((group, 'import', _unimportable(path, e)))
            continue
        for name, fn in mod.TESTS:
            tests.append((group, name, fn))
    return tests


def _alarm(signum, frame):
    raise TestTimeout()


def run_one(args, group, name, fn):
    ctx = tp.Ctx(args.engine, args.pmd, args.workdir, group, name)
    start = time.monotonic()
    status, reason = 'PASS', '-'
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TEST_TIMEOUT)
    try:
        fn(ctx)
    except tp.Skip as e:
        status, reason = 'SKIP', str(e)
    except tp.Fail as e:
        status, reason = 'FAIL', str(e)
    except TestTimeout:
        status, reason = 'FAIL', 'test timed out after %ds' % TEST_TIMEOUT
    except tp.TestPmdError as e:
        status, reason = 'FAIL', 'testpmd: %s' % e
    except Exception as e:  # noqa: BLE001 - a crash of a test is a failure
        status, reason = 'FAIL', '%s: %s' % (type(e).__name__, e)
        ctx.log.write(traceback.format_exc())
    finally:
        signal.alarm(0)
        try:
            ctx.cleanup()
        except Exception:  # noqa: BLE001
            pass
    ms = int((time.monotonic() - start) * 1000)
    reason = ' '.join(reason.split()) or '-'
    if status == 'FAIL':
        reason += ' (log: %s)' % ctx.logpath
    print('RESULT %s/%s %s %d %s' % (group, name, status, ms, reason),
          flush=True)
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--engine', required=True, choices=('inline', 'thread'))
    ap.add_argument('--pmd', required=True, help='librte_net_nicpmd.so')
    ap.add_argument('--filter', default='', help='run tests whose '
                    '<group>/<name> contains this')
    ap.add_argument('--workdir', default=os.path.join(REPO, 'build-tp',
                                                      'testpmd-work'))
    args = ap.parse_args()
    args.workdir = os.path.abspath(args.workdir)
    os.makedirs(os.path.join(args.workdir, args.engine), exist_ok=True)
    failed = 0
    for group, name, fn in discover():
        if args.filter not in '%s/%s' % (group, name):
            continue
        if not os.path.isfile(args.pmd):
            print('RESULT %s/%s FAIL 0 no PMD at %s' % (group, name, args.pmd),
                  flush=True)
            failed += 1
            continue
        if run_one(args, group, name, fn) == 'FAIL':
            failed += 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())


#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Run every nicpmd test suite with both device engines.

Each suite is a program that prints one line per test:
    RESULT <group>/<name> PASS|FAIL|SKIP <milliseconds> <reason or ->
This runner collects them, writes a machine-readable results file (one
record per test) and ends with the line 'N passed, N failed, N skipped'.
A suite that dies, hangs or reports nothing is itself recorded as failed.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time

import ci_report

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULT_RE = re.compile(
    r'^RESULT\s+(\S+)\s+(PASS|FAIL|SKIP)\s+(\d+)\s*(.*)$')
ENGINES = ('inline', 'thread')


def prefix(kind, engine):
    """An EAL --file-prefix of this run only: two runs on one machine
    (a developer's and a helper's) must not share a primary's lock."""
    return '%s_%s_%d' % (kind, engine, os.getpid())


def eal_args(pmd, file_prefix, mem=512):
    return ['-l', '0-1', '--no-huge', '-m', str(mem), '--no-pci',
            '--file-prefix', file_prefix, '-d', pmd]


class Runner:
    def __init__(self, args):
        self.args = args
        self.results = []
        # A labelled run (another DPDK release) keeps its files apart.
        self.work = os.path.join(args.out, args.label) if args.label \
            else args.out
        self.logdir = os.path.join(self.work, 'logs')
        self.asan_built = False
        self.asan_ok = False
        os.makedirs(self.logdir, exist_ok=True)

    def record(self, name, group, engine, result, ms, reason='',
               log='', suite=None):
        # suite: which program reported it; group names alone may repeat
        # across suites (C rss/ tests and testpmd rss/ tests).
        if self.args.label:
            name = self.args.label + '/' + name
            suite = self.args.label + '/' + (suite or group)
        self.results.append({
            'test': name, 'group': group,
            'suite': suite or group, 'engine': engine,
            'result': result, 'duration_ms': ms,
            'reason': reason if result != 'PASS' else '',
            'log': os.path.relpath(log, TOP) if log else ''})
        line = '%-4s %-7s %s' % (result, engine, name)
        if reason and result != 'PASS':
            line += '  (' + reason + ')'
        print(line, flush=True)

    def wanted(self, name):
        return not self.args.filter or self.args.filter in name

    def run_suite(self, suite, engine, cmd, timeout, env=None, prefix=''):
        """Run a RESULT-printing program; record each test it reports
        (its name prefixed with prefix)."""
        log = os.path.join(self.logdir, '%s-%s.log' % (suite, engine))
        start = time.monotonic()
        reported = 0
        failed_inside = 0
        try:
            with open(log, 'w') as logf:
                proc = subprocess.Popen(
                    cmd, cwd=TOP, stdout=subprocess.PIPE,
                    stderr=logf, stdin=subprocess.DEVNULL, text=True,
                    errors='replace', env=env)
                try:
                    for line in proc.stdout:
                        logf.write(line)
                        m = RESULT_RE.match(line.strip())
                        if not m:
                            continue
                        name, res, ms, reason = m.groups()
                        reason = '' if reason.strip() == '-' else reason
                        name = prefix + name
                        group = name.split('/')[0]
                        self.record(name, group, engine, res, int(ms),
                                    reason.strip(), log, suite)
                        reported += 1
                        failed_inside += res == 'FAIL'
                        if time.monotonic() - start > timeout:
                            raise subprocess.TimeoutExpired(cmd, timeout)
                    rc = proc.wait(timeout=max(1, timeout - (time.monotonic() - start)))
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                    self.record('%s/suite' % suite, suite, engine, 'FAIL',
                                int((time.monotonic() - start) * 1000),
                                'timed out after %d s, see %s' % (timeout, log),
                                log)
                    return
        except OSError as e:
            self.record('%s/suite' % suite, suite, engine, 'FAIL', 0,
                        'cannot run %s: %s' % (cmd[0], e))
            return
        ms = int((time.monotonic() - start) * 1000)
        if reported == 0:
            self.record('%s/suite' % suite, suite, engine, 'FAIL', ms,
                        'reported no test (rc %d), see %s' % (rc, log), log)
        elif rc != 0 and failed_inside == 0:
            self.record('%s/suite' % suite, suite, engine, 'FAIL', ms,
                        'exited with %d after its tests, see %s' % (rc, log),
                        log)

    def c_tests(self, engine):
        exe = os.path.join(self.args.build, 'app', 'test', 'nicpmd_test')
        cmd = [exe] + eal_args(self.args.pmd, prefix('ct', engine)) + \
            ['--', '--engine', engine]
        if self.args.filter:
            cmd += ['--filter', self.args.filter]
        self.run_suite('ctest', engine, cmd, 900)

    def testpmd_tests(self, engine):
        script = os.path.join(TOP, 'app', 'test', 'testpmd',
                              'run_testpmd_tests.py')
        cmd = ['/usr/bin/python3', script, '--engine', engine,
               '--pmd', self.args.pmd,
               '--workdir', os.path.join(self.work, 'testpmd-' + engine)]
        if self.args.filter:
            cmd += ['--filter', self.args.filter]
        self.run_suite('testpmd', engine, cmd, 1200)

    def offload_tests(self, engine):
        """Tx/Rx offloads through nicpmd_offload_tool, judged by scapy."""
        script = os.path.join(TOP, 'app', 'test', 'offload',
                              'run_offload_tests.py')
        cmd = ['/usr/bin/python3', script, '--engine', engine,
               '--build', self.args.build, '--pmd', self.args.pmd,
               '--workdir', os.path.join(self.work, 'offload-' + engine)]
        if self.args.filter:
            cmd += ['--filter', self.args.filter]
        self.run_suite('offload', engine, cmd, 900)

    def sanitize_tests(self, engine):
        """The C tests with PMD, device model and tests built with ASan and
        UBSan; a sanitizer report anywhere fails the run."""
        # One per DPDK release (build-asan, build-24.11-asan, ...): meson
        # finds DPDK once, at setup.
        build = os.path.join(TOP, os.path.basename(
            os.path.abspath(self.args.build)) + '-asan')
        log = os.path.join(self.logdir, 'sanitize-build.log')
        if not self.asan_built:
            self.asan_built = True
            # GCC 12 reports false -Wstringop-overflow errors in
            # sanitizer-instrumented -O3 code; every other warning stays
            # an error.
            opts = ['-Db_sanitize=address,undefined', '-Db_lundef=false',
                    '-Dc_args=-Wno-stringop-overflow']
            with open(log, 'w') as f:
                if os.path.exists(os.path.join(build, 'build.ninja')):
                    ok = subprocess.run(['meson', 'configure', build] + opts,
                                        stdout=f, stderr=subprocess.STDOUT
                                        ).returncode == 0
                else:
                    ok = subprocess.run(['meson', 'setup', build, TOP] + opts,
                                        stdout=f, stderr=subprocess.STDOUT
                                        ).returncode == 0
                ok = ok and subprocess.run(
                    ['ninja', '-C', build], stdout=f,
                    stderr=subprocess.STDOUT).returncode == 0
            self.asan_ok = ok
        if not self.asan_ok:
            self.record('sanitize/build', 'sanitize', engine, 'FAIL', 0,
                        'ASan/UBSan build failed, see %s' % log)
            return
        pmd = os.path.join(build, 'drivers',
                           'librte_net_nicpmd.so')
        cmd = [os.path.join(build, 'app', 'test', 'nicpmd_test')] + \
            eal_args(pmd, prefix('san', engine)) + ['--', '--engine', engine]
        if self.args.filter:
            cmd += ['--filter', self.args.filter]
        env = dict(os.environ,
                   ASAN_OPTIONS='detect_leaks=0:halt_on_error=1',
                   UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1:'
                   'suppressions=' + os.path.join(TOP, 'devtools',
                                                   'ubsan.supp'))
        self.run_suite('sanitize', engine, cmd, 1200, env=env,
                       prefix='sanitize/')
        with open(os.path.join(self.logdir, 'sanitize-%s.log' % engine),
                  errors='replace') as f:
            text = f.read()
        if 'runtime error:' in text or 'ERROR: AddressSanitizer' in text:
            self.record('sanitize/reports', 'sanitize', engine, 'FAIL', 0,
                        'sanitizer report in results/logs/sanitize-%s.log'
                        % engine)

    def install_tests(self):
        """meson install (DESTDIR, prefix, plugin directory, pkg-config)
        and the Debian package; engine-independent, run once."""
        script = os.path.join(TOP, 'app', 'test', 'install',
                              'run_install_tests.py')
        cmd = ['/usr/bin/python3', script, '--build', self.args.build]
        if self.args.filter:
            cmd += ['--filter', self.args.filter]
        self.run_suite('install', '-', cmd, 900)

    def static_checks(self):
        """Docs true to the code; engine-independent, run once."""
        cmd = ['/usr/bin/python3',
               os.path.join(TOP, 'devtools', 'check_static.py')]
        self.run_suite('static', '-', cmd, 120)

    def fuzz_runs(self):
        """The libFuzzer harnesses, 10 s each (devtools/fuzz.sh; a long
        run is the same with --seconds). Engine-independent, run once."""
        cmd = [os.path.join(TOP, 'devtools', 'fuzz.sh'), '--seconds', '10']
        env = dict(os.environ, NICPMD_FUZZ_BUILD=os.path.join(
            os.path.dirname(self.args.build.rstrip('/')), 'build-fuzz'))
        self.run_suite('fuzz', '-', cmd, 900, env=env)

    def pmd_perf_autotest(self, engine):
        """DPDK's own test app against a nicpmd port (loops Tx to Rx)."""
        name = 'dpdk-test/pmd_perf_autotest'
        if not self.wanted(name):
            return
        log = os.path.join(self.logdir, 'pmd_perf_autotest-%s.log' % engine)
        # The dpdk-test of the release the driver was built against: with
        # another release's EAL loaded beside the driver's, EAL refuses
        # to start (duplicate trace points). Release builds are minimal
        # (devtools/dpdk-release.sh): they have testpmd but no dpdk-test.
        exe = 'dpdk-test'
        testpmd = os.environ.get('TESTPMD', '')
        if os.path.isabs(testpmd):
            exe = os.path.join(os.path.dirname(testpmd), 'dpdk-test')
            if not os.access(exe, os.X_OK):
                self.record(name, 'dpdk-test', engine, 'SKIP', 0,
                            'no dpdk-test beside %s (the release is built '
                            'minimally, without DPDK\'s test app)' % testpmd)
                return
        cmd = [exe] + eal_args(self.args.pmd, prefix('perf', engine)) + \
            ['--vdev', 'net_nicpmd0,engine=' + engine]
        start = time.monotonic()
        env = dict(os.environ, DPDK_TEST='pmd_perf_autotest')
        try:
            out = subprocess.run(cmd, cwd=TOP, env=env, timeout=300,
                                 stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True,
                                 errors='replace').stdout
            rc = 0
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b'').decode(errors='replace') \
                if isinstance(e.stdout, bytes) else (e.stdout or '')
            rc = 'timeout'
        with open(log, 'w') as f:
            f.write(out)
        ms = int((time.monotonic() - start) * 1000)
        if rc == 0 and 'Test OK' in out and 'Test Failed' not in out:
            self.record(name, 'dpdk-test', engine, 'PASS', ms, log=log)
        else:
            self.record(name, 'dpdk-test', engine, 'FAIL', ms,
                        'no "Test OK" (%s), see %s' % (rc, log), log)

    def write(self, started):
        path = os.path.join(self.args.out, 'results.json')
        if self.args.append and os.path.exists(path):
            # Runs against other DPDK releases add to the main run's file.
            with open(path) as f:
                old = json.load(f)
            self.results = old['results'] + self.results
            started = old.get('start', started)
        summary = {r: sum(1 for x in self.results if x['result'] == r)
                   for r in ('PASS', 'FAIL', 'SKIP')}
        doc = {
            'suite': 'nicpmd',
            'commit': git_commit(),
            'start': started,
            'end': now(),
            'summary': {'passed': summary['PASS'],
                        'failed': summary['FAIL'],
                        'skipped': summary['SKIP']},
            'results': self.results,
        }
        with open(path, 'w') as f:
            json.dump(doc, f, indent=1)
        return summary, path


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(
        timespec='seconds')


def git_commit():
    try:
        return subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=TOP,
                              capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ''


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--build', default=os.path.join(TOP, 'build'))
    ap.add_argument('--out', default=os.path.join(TOP, 'results'))
    ap.add_argument('--engine', choices=ENGINES, action='append',
                    help='engine(s) to test (default: both)')
    ap.add_argument('--suite',
                    choices=('static', 'ctest', 'testpmd', 'offload',
                             'dpdk-test', 'sanitize', 'fuzz', 'install'),
                    action='append', help='suite(s) to run (default: all)')
    ap.add_argument('--filter', help='only tests whose name has this')
    ap.add_argument('--label', default='',
                    help='prefix for test names (e.g. dpdk-26.07)')
    ap.add_argument('--append', action='store_true',
                    help='add to OUT/results.json instead of replacing it')
    args = ap.parse_args()
    args.pmd = os.path.join(args.build, 'drivers',
                            'librte_net_nicpmd.so')
    engines = args.engine or ENGINES
    suites = args.suite or ('static', 'ctest', 'testpmd', 'offload',
                            'dpdk-test', 'sanitize', 'fuzz', 'install')

    started = now()
    runner = Runner(args)
    if 'static' in suites:
        runner.static_checks()
    if 'fuzz' in suites:
        runner.fuzz_runs()
    if 'install' in suites:
        runner.install_tests()
    for engine in engines:
        if 'ctest' in suites:
            runner.c_tests(engine)
        if 'testpmd' in suites:
            runner.testpmd_tests(engine)
        if 'offload' in suites:
            runner.offload_tests(engine)
        if 'dpdk-test' in suites:
            runner.pmd_perf_autotest(engine)
        if 'sanitize' in suites:
            runner.sanitize_tests(engine)
    summary, path = runner.write(started)
    print('results: %s' % os.path.relpath(path, TOP))
    for report in ci_report.write_reports(path, 'nicpmd-tests',
                                          'nicpmd-devtools'):
        print('report: %s' % os.path.relpath(report, TOP))
    print('%d passed, %d failed, %d skipped' %
          (summary['PASS'], summary['FAIL'], summary['SKIP']))
    return 1 if summary['FAIL'] else 0


if __name__ == '__main__':
    sys.exit(main())

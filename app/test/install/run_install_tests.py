#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""Installing nicpmd: meson install and the Debian package.

  run_install_tests.py --build BUILD [--filter S]

Prints one line per test, as every suite of the project does:
    RESULT install/<name> PASS|FAIL|SKIP <ms> <reason or ->

  install/meson_destdir     `meson install --destdir`: the versioned PMD
                            (librte_net_nicpmd.so.<ABI>, SONAME .so.<major>)
                            in DPDK's plugin directory, the header in
                            DPDK's include directory, nicpmd.pc beside
                            libdpdk.pc, the library-directory links
  install/plugin_dir_load   dpdk-testpmd given that plugin directory (-d DIR,
                            as EAL scans its own) finds net_nicpmd
  install/meson_prefix      with --prefix, every file goes under the prefix
  install/pkgconfig_app     a program built with `pkg-config nicpmd` calls
                            the private API
  install/deb_build         dpkg-buildpackage -us -uc (Debian's DPDK only)
  install/deb_install       the packages installed for real: an unmodified
                            dpdk-testpmd finds net_nicpmd without -d, the
                            pkg-config program runs, then they are purged
                            and leave no file (root, and only when nothing
                            of nicpmd is installed on the system already)

Everything else happens under BUILD/install-test/ (EAL refuses plugins
below a world-writable directory such as /tmp): nothing is written to a
system directory but by the package test, which removes what it installed.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
TESTPMD = os.environ.get('TESTPMD', 'dpdk-testpmd')
PKG = 'librte-net-nicpmd'
ARGS = None


class Skip(Exception):
    pass


def sh(cmd, **kw):
    kw.setdefault('check', True)
    p = subprocess.run(cmd, text=True, errors='replace',
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    print('$ %s\n%s' % (' '.join(cmd), p.stdout), file=sys.stderr)
    if kw['check'] and p.returncode != 0:
        raise AssertionError('%s exited %d: %s' % (
            ' '.join(cmd[:3]), p.returncode, p.stdout.strip()[-300:]))
    return p.stdout


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def pkgconf(*args, env=None):
    return subprocess.run(['pkg-config'] + list(args), capture_output=True,
                          text=True, env=env, check=True).stdout.strip()


class Ctx:
    def __init__(self, build):
        self.build = os.path.realpath(build)
        self.work = os.path.join(self.build, 'install-test')
        self.destdir = os.path.join(self.work, 'destdir')
        self.dpdk_libdir = pkgconf('--variable=libdir', 'libdpdk')
        self.dpdk_incdir = pkgconf('--variable=includedir', 'libdpdk')
        self.dpdk_prefix = pkgconf('--variable=prefix', 'libdpdk')
        eal = os.path.realpath(os.path.join(self.dpdk_libdir,
                                            'librte_eal.so'))
        self.abi = eal.split('.so.')[-1]
        self.major = self.abi.split('.')[0]
        self.pmd_dir = os.path.join(self.dpdk_libdir, 'dpdk',
                                    'pmds-' + self.abi)
        self.installed = json.loads(sh(['meson', 'introspect', '--installed',
                                        self.build]))
        self.debian = self.dpdk_prefix == '/usr' and subprocess.run(
            ['dpkg', '-S', os.path.join(self.dpdk_libdir, 'pkgconfig',
                                        'libdpdk.pc')],
            capture_output=True).returncode == 0
        self.debs = []


def dest(ctx, path):
    return ctx.destdir + path


def testpmd_port_driver(ctx, eal_extra, tag):
    """Start dpdk-testpmd with one nicpmd port; the driver name it shows."""
    prefix = 'inst_%s_%d' % (tag, os.getpid())
    cmd = [TESTPMD, '-l', '0-1', '--no-huge', '-m', '512', '--no-pci',
           '--file-prefix', prefix] + eal_extra + \
        ['--vdev', 'net_nicpmd0', '--', '-i', '--no-mlockall',
         '--total-num-mbufs', '4096']
    p = subprocess.run(cmd, input='show port info 0\nquit\n', text=True,
                       errors='replace', capture_output=True, timeout=60)
    out = p.stdout + p.stderr
    print('$ %s\n%s' % (' '.join(cmd), out), file=sys.stderr)
    m = re.search(r'Driver name: (\S+)', out)
    return m.group(1) if m else None, out


def t_meson_destdir(ctx):
    shutil.rmtree(ctx.destdir, ignore_errors=True)
    sh(['meson', 'install', '-C', ctx.build, '--no-rebuild', '--quiet',
        '--destdir', ctx.destdir])
    so = 'librte_net_nicpmd.so'
    # With meson's default prefix, DPDK's own directories.
    want = {
        os.path.join(ctx.pmd_dir, so + '.' + ctx.abi): 'file',
        os.path.join(ctx.pmd_dir, so + '.' + ctx.major): so + '.' + ctx.abi,
        os.path.join(ctx.pmd_dir, so): so + '.' + ctx.major,
        os.path.join(ctx.dpdk_incdir, 'rte_pmd_nicpmd.h'): 'file',
        os.path.join(ctx.dpdk_libdir, 'pkgconfig', 'nicpmd.pc'): 'file',
    }
    for suffix in ('', '.' + ctx.major, '.' + ctx.abi):
        want[os.path.join(ctx.dpdk_libdir, so + suffix)] = \
            os.path.join(os.path.relpath(ctx.pmd_dir, ctx.dpdk_libdir),
                         so + suffix)
    for path, what in sorted(want.items()):
        d = dest(ctx, path)
        if what == 'file':
            check(os.path.isfile(d) and not os.path.islink(d),
                  'no file %s' % path)
        else:
            check(os.path.islink(d) and os.readlink(d) == what,
                  '%s is not a link to %s' % (path, what))
    soname = re.search(r'SONAME\)\s+Library soname: \[([^]]+)\]',
                       sh(['readelf', '-d', dest(ctx, os.path.join(
                           ctx.pmd_dir, so + '.' + ctx.abi))]))
    check(soname and soname.group(1) == so + '.' + ctx.major,
          'SONAME %s, not %s' % (soname and soname.group(1),
                                 so + '.' + ctx.major))
    # Nothing installed outside DPDK's directories.
    for target in ctx.installed.values():
        check(target.startswith((ctx.dpdk_libdir + '/',
                                 ctx.dpdk_incdir + '/')),
              '%s is outside DPDK\'s directories' % target)


def t_plugin_dir_load(ctx):
    d = dest(ctx, ctx.pmd_dir)
    if not os.path.isdir(d):
        raise Skip('no DESTDIR install (install/meson_destdir)')
    drv, out = testpmd_port_driver(ctx, ['-d', d], 'dir')
    check(drv == 'net_nicpmd', 'testpmd -d %s: driver %s (%s)'
          % (d, drv, out.strip()[-200:]))


def t_meson_prefix(ctx):
    pfx = os.path.join(ctx.work, 'prefix')
    bdir = os.path.join(ctx.work, 'build-prefix')
    if os.path.isfile(os.path.join(bdir, 'build.ninja')):
        sh(['meson', 'configure', bdir, '--prefix=' + pfx])
    else:
        sh(['meson', 'setup', bdir, TOP, '--prefix=' + pfx, '-Dtests=false'])
    got = json.loads(sh(['meson', 'introspect', '--installed', bdir]))
    check(got, 'nothing to install')
    for target in got.values():
        check(target.startswith(pfx + '/'), '%s outside %s' % (target, pfx))
    libdir = json.loads(sh(['meson', 'introspect', '--buildoptions', bdir]))
    libdir = next(o['value'] for o in libdir if o['name'] == 'libdir')
    sub = os.path.relpath(ctx.pmd_dir, ctx.dpdk_libdir)
    want = os.path.join(pfx, libdir, sub, 'librte_net_nicpmd.so.' + ctx.abi)
    check(want in got.values(), 'PMD not installed as %s' % want)


APP = r'''
#include <stdio.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_pmd_nicpmd.h>

int
main(int argc, char **argv)
{
	uint16_t port;
	int ret;

	if (rte_eal_init(argc, argv) < 0)
		return 2;
	if (rte_eth_dev_get_port_by_name("net_nicpmd0", &port) != 0)
		return 3;
	ret = rte_pmd_nicpmd_fault_inject(port, 0);
	printf("fault_inject: %d\n", ret);
	rte_eth_dev_close(port);
	rte_eal_cleanup();
	return ret == 0 ? 0 : 4;
}
'''


def build_app(ctx, out, extra_cflags=(), extra_libs=(), env=None):
    src = os.path.join(ctx.work, 'nicpmd_api_app.c')
    with open(src, 'w') as f:
        f.write(APP)
    cflags = pkgconf('--cflags', 'nicpmd', env=env).split()
    libs = pkgconf('--libs', 'nicpmd', env=env).split()
    sh(['cc', '-DALLOW_EXPERIMENTAL_API', '-Werror', '-Wall'] + cflags +
       list(extra_cflags) + [src, '-o', out] + list(extra_libs) + libs)


def run_app(ctx, exe, tag, env=None):
    cmd = [exe, '-l', '0', '--no-huge', '-m', '256', '--no-pci',
           '--file-prefix', 'inst_%s_%d' % (tag, os.getpid()),
           '--vdev', 'net_nicpmd0,development=1']
    p = subprocess.run(cmd, capture_output=True, text=True, errors='replace',
                       timeout=60, env=env)
    print('$ %s\n%s%s' % (' '.join(cmd), p.stdout, p.stderr),
          file=sys.stderr)
    check(p.returncode == 0 and 'fault_inject: 0' in p.stdout,
          'private API program exited %d: %s' % (
              p.returncode, (p.stdout + p.stderr).strip()[-200:]))


def t_pkgconfig_app(ctx):
    pcdir = dest(ctx, os.path.join(ctx.dpdk_libdir, 'pkgconfig'))
    if not os.path.isfile(os.path.join(pcdir, 'nicpmd.pc')):
        raise Skip('no DESTDIR install (install/meson_destdir)')
    path = os.environ.get('PKG_CONFIG_PATH')
    env = dict(os.environ, PKG_CONFIG_PATH=pcdir + (':' + path if path
                                                     else ''))
    check(pkgconf('--variable=pmddir', 'nicpmd', env=env) == ctx.pmd_dir,
          'nicpmd.pc pmddir is not DPDK\'s plugin directory')
    check(pkgconf('--variable=includedir', 'nicpmd', env=env) ==
          ctx.dpdk_incdir, 'nicpmd.pc includedir is not DPDK\'s')
    # The DESTDIR tree stands in for the system directories the .pc names.
    exe = os.path.join(ctx.work, 'nicpmd_api_app')
    libdir = dest(ctx, ctx.dpdk_libdir)
    build_app(ctx, exe, ['-I' + dest(ctx, ctx.dpdk_incdir)],
              ['-L' + libdir, '-Wl,-rpath,' + libdir] +
              (['-Wl,-rpath,' + ctx.dpdk_libdir]
               if not ctx.dpdk_libdir.startswith('/usr/') else []),
              env=env)
    run_app(ctx, exe, 'pc')


def t_deb_build(ctx):
    if not ctx.debian:
        raise Skip('DPDK is not Debian\'s libdpdk-dev')
    version = open(os.path.join(TOP, 'debian', 'changelog')).readline()
    version = re.match(r'\S+ \(([^)]+)\)', version).group(1)
    pdir = os.path.join(ctx.work, 'deb')
    shutil.rmtree(pdir, ignore_errors=True)
    src = os.path.join(pdir, 'nicpmd-' + version)
    os.makedirs(src)
    files = subprocess.run(['git', 'ls-files', '--cached', '--others',
                            '--exclude-standard'], cwd=TOP,
                           capture_output=True, text=True,
                           check=True).stdout.split('\n')
    for f in files:
        if f and os.path.isfile(os.path.join(TOP, f)):
            os.makedirs(os.path.dirname(os.path.join(src, f)), exist_ok=True)
            shutil.copy2(os.path.join(TOP, f), os.path.join(src, f))
    env = dict(os.environ, DEB_BUILD_OPTIONS='parallel=2 nocheck')
    modver = pkgconf('--modversion', 'libdpdk')
    sdk = os.path.join(TOP, '.cache', 'driver-sdk', modver, 'include')
    if os.path.isfile(os.path.join(sdk, 'ethdev_driver.h')):
        env['NICPMD_DRIVER_SDK'] = sdk
    sh(['nice', '-n', '10', 'dpkg-buildpackage', '-us', '-uc'], cwd=src,
       env=env)
    for name in (PKG + ctx.major, PKG + '-dev'):
        deb = os.path.join(pdir, '%s_%s_amd64.deb' % (name, version))
        check(os.path.isfile(deb), 'no %s' % os.path.basename(deb))
        ctx.debs.append(deb)
    listing = sh(['dpkg-deb', '-c', ctx.debs[0]])
    check('pmds-%s/librte_net_nicpmd.so.%s' % (ctx.abi, ctx.abi) in listing,
          'runtime package lacks the PMD in pmds-%s' % ctx.abi)


def deb_files(debs):
    files = []
    for deb in debs:
        for line in sh(['dpkg-deb', '-c', deb]).split('\n'):
            m = re.match(r'([-l])\S+\s.*\s\.(/\S+)', line)
            if m:
                files.append(m.group(2))
    return files


def t_deb_install(ctx):
    if not ctx.debs and ctx.debian:
        # a --filter run: the packages an earlier deb_build left
        ctx.debs = sorted(d for d in glob.glob(
            os.path.join(ctx.work, 'deb', PKG + '*_amd64.deb'))
            if '-dbgsym' not in d)[::-1]
    if not ctx.debs:
        raise Skip('no packages (install/deb_build)')
    if os.geteuid() != 0:
        raise Skip('not root')
    names = [os.path.basename(d).split('_')[0] for d in ctx.debs]
    files = deb_files(ctx.debs)
    for n in names:
        st = subprocess.run(['dpkg-query', '-W', '-f=${Status}', n],
                            capture_output=True, text=True).stdout
        if 'installed' in st and 'not-installed' not in st:
            raise Skip('%s is installed on this system: left alone' % n)
    there = [f for f in files if os.path.lexists(f)]
    if there:
        raise Skip('nicpmd files on the system already (%s): left alone'
                   % there[0])
    try:
        sh(['dpkg', '-i'] + ctx.debs)
        drv, out = testpmd_port_driver(ctx, [], 'sys')
        check(drv == 'net_nicpmd', 'dpdk-testpmd without -d: driver %s (%s)'
              % (drv, out.strip()[-200:]))
        exe = os.path.join(ctx.work, 'nicpmd_api_app_deb')
        build_app(ctx, exe)
        run_app(ctx, exe, 'deb')
    finally:
        sh(['dpkg', '--purge'] + names, check=False)
    left = [f for f in files if os.path.lexists(f)]
    check(not left, 'left after purge: %s' % ', '.join(left))
    for n in names:
        st = subprocess.run(['dpkg-query', '-W', '-f=${Status}', n],
                            capture_output=True, text=True).stdout
        check(not st or 'not-installed' in st, '%s still known to dpkg: %s'
              % (n, st))


TESTS = [t_meson_destdir, t_plugin_dir_load, t_meson_prefix,
         t_pkgconfig_app, t_deb_build, t_deb_install]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', required=True)
    ap.add_argument('--filter')
    args = ap.parse_args()
    ctx = Ctx(args.build)
    os.makedirs(ctx.work, exist_ok=True)
    for fn in TESTS:
        name = 'install/' + fn.__name__[2:]
        if args.filter and args.filter not in name:
            continue
        start = time.monotonic()
        print('== %s' % name, file=sys.stderr, flush=True)
        try:
            fn(ctx)
            res, why = 'PASS', '-'
        except Skip as e:
            res, why = 'SKIP', str(e)
        except (AssertionError, subprocess.SubprocessError, OSError) as e:
            res, why = 'FAIL', str(e).replace('\n', ' ')[:300]
        ms = int((time.monotonic() - start) * 1000)
        print('RESULT %s %s %d %s' % (name, res, ms, why), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())

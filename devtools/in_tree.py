#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
"""nicpmd in a DPDK source tree, as an upstream patch would put it there.

Copies the driver into a scratch copy of a DPDK release tree, registers it
(drivers/net/meson.build, the NIC guide index, MAINTAINERS, the release
notes: devtools/in-tree/), commits that as one patch, builds it with
DPDK's own meson and -Werror, and runs DPDK's contribution checks from
that tree. Prints the findings of every check and ends with
'in-tree: DPDK <version>: N findings'; exits 1 unless N is 0.

The release tarballs and the trees other tools cached are only read: the
tree is extracted (or copied) once into its own directory under
${NICPMD_CACHE:-/var/cache/nicpmd}/intree-<version>-<key>/ and reset to
the pristine release before every run.
"""

import argparse
import configparser
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNIPPETS = os.path.join(TOP, 'devtools', 'in-tree')
CACHE = os.environ.get('NICPMD_CACHE', '/var/cache/nicpmd')
TARBALLS = os.environ.get('NICPMD_DPDK_DIR',
                          os.path.join(os.path.dirname(TOP), 'shared', 'dpdk'))
RECIPE = '1'        # bump when the extracted tree's layout changes
DRIVER = 'drivers/net/nicpmd'
DOCS = ['doc/guides/nics/nicpmd.rst', 'doc/guides/nics/features/nicpmd.ini']
# Debian's python and tools first (pyelftools, codespell, sphinx).
ENV = dict(os.environ, PATH='/usr/bin:/bin:/usr/sbin:/sbin:' +
           os.environ.get('PATH', ''), LC_ALL='C.UTF-8')
CHECKPATCH_DEB = 'linux-source-6.1'
CHECKPATCH_FILES = ('checkpatch.pl', 'spelling.txt', 'const_structs.checkpatch')


def say(msg):
    print('in-tree: ' + msg, file=sys.stderr, flush=True)


def die(msg):
    say(msg)
    sys.exit(2)


def run(cmd, cwd=None, log=None, check=True, env=None, **kw):
    """Run cmd; with log, append its output there and return it."""
    if log is None:
        return subprocess.run(cmd, cwd=cwd, env=env or ENV, check=check, **kw)
    proc = subprocess.run(cmd, cwd=cwd, env=env or ENV, text=True,
                          errors='replace', stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, **kw)
    with open(log, 'a') as f:
        f.write('$ %s\n%s\n' % (' '.join(cmd), proc.stdout))
    if check and proc.returncode != 0:
        print(proc.stdout[-4000:], file=sys.stderr)
        die('%s failed (rc %d), see %s' % (cmd[0], proc.returncode, log))
    return proc


def version_key(v):
    return tuple(int(x) for x in re.findall(r'\d+', v)[:3])


PACKAGES = ['git', 'meson', 'ninja-build', 'gcc', 'pkg-config',
            'python3-pyelftools', 'libnuma-dev', 'libpcap-dev', 'xz-utils',
            'dpkg-dev', 'gawk', 'codespell', 'python3-sphinx',
            'python3-sphinx-rtd-theme']


def ensure_packages():
    """Debian's packages the build and the checks need, installed when
    missing (like devtools/setup.sh)."""
    missing = [p for p in PACKAGES if 'install ok installed' not in
               subprocess.run(['dpkg-query', '-W', '-f=${Status}', p],
                              capture_output=True, text=True).stdout]
    if not missing:
        return
    if os.geteuid() != 0:
        die('missing packages: %s (need root to install)' % ' '.join(missing))
    say('installing: ' + ' '.join(missing))
    run(['apt-get', 'update', '-q'], stdout=subprocess.DEVNULL)
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends'] +
        missing, env=dict(ENV, DEBIAN_FRONTEND='noninteractive'),
        stdout=subprocess.DEVNULL)


# -- which DPDK -------------------------------------------------------------

def debian_orig_tarball():
    """Debian's DPDK source for the installed libdpdk-dev (driver-sdk.sh
    fetches and keeps it)."""
    run(['sh', os.path.join(TOP, 'devtools', 'driver-sdk.sh')],
        stdout=subprocess.DEVNULL)
    modver = subprocess.run(['pkg-config', '--modversion', 'libdpdk'],
                            env=ENV, capture_output=True, text=True,
                            check=True).stdout.strip()
    sdk = os.environ.get('NICPMD_SDK_CACHE',
                         os.path.join(TOP, '.cache', 'driver-sdk'))
    found = glob.glob(os.path.join(sdk, modver, 'src', 'dpdk_*.orig.tar.*'))
    if not found:
        die('no Debian dpdk source tarball in %s/%s/src' % (sdk, modver))
    return found[0]


def resolve(spec):
    """VERSION, TARBALL or TREE -> ('tarball'|'tree', path)."""
    if spec is None:
        tarballs = sorted(glob.glob(os.path.join(TARBALLS, 'dpdk-*.tar.xz')),
                          key=lambda t: version_key(os.path.basename(t)))
        spec = tarballs[-1] if tarballs else '22.11'
    if os.path.isdir(spec):
        tree = os.path.realpath(spec)
        if not os.path.isfile(os.path.join(tree, 'VERSION')):
            die('%s is not a DPDK source tree' % tree)
        return 'tree', tree
    if os.path.isfile(spec):
        return 'tarball', os.path.realpath(spec)
    if re.fullmatch(r'\d+\.\d+(\.\d+)?', spec):
        t = os.path.join(TARBALLS, 'dpdk-%s.tar.xz' % spec)
        if os.path.isfile(t):
            return 'tarball', t
        deb = subprocess.run(['pkg-config', '--modversion', 'libdpdk'],
                             env=ENV, capture_output=True, text=True
                             ).stdout.strip()
        if deb and deb.startswith(spec):
            return 'tarball', debian_orig_tarball()
    die('no DPDK %s: neither a tarball in %s nor the installed libdpdk-dev'
        % (spec, TARBALLS))


def prepare_tree(kind, path):
    """The scratch directory with tree/ holding the pristine release as a
    git repository (tag nicpmd-base)."""
    if kind == 'tarball':
        st = os.stat(path)
        idx = os.path.join(CACHE, 'index', 'intree-' + hashlib.sha256(
            ('%s\n%s\n%d %d\n' % (RECIPE, path, st.st_size, st.st_mtime))
            .encode()).hexdigest()[:16])
        if os.path.isfile(idx):
            scratch = open(idx).read().strip()
            if os.path.isfile(os.path.join(scratch, '.extracted')):
                return scratch
        h = hashlib.sha256()
        with open(path, 'rb') as f:
            for block in iter(lambda: f.read(1 << 20), b''):
                h.update(block)
        key = hashlib.sha256((RECIPE + 'tarball:' + h.hexdigest())
                             .encode()).hexdigest()[:12]
        listing = subprocess.run(['tar', '-tf', path], capture_output=True,
                                 text=True, check=True).stdout
        topdir = listing.split('\n', 1)[0].split('/')[0]
        version = subprocess.run(['tar', '-xOf', path, topdir + '/VERSION'],
                                 capture_output=True, text=True,
                                 check=True).stdout.strip()
    else:
        idx = None
        key = hashlib.sha256((RECIPE + 'tree:' + path).encode()
                             ).hexdigest()[:12]
        version = open(os.path.join(path, 'VERSION')).read().strip()
    short = re.sub(r'\.0$', '', version)
    scratch = os.path.join(CACHE, 'intree-%s-%s' % (short, key))
    tree = os.path.join(scratch, 'tree')
    if not os.path.isfile(os.path.join(scratch, '.extracted')):
        say('preparing DPDK %s in %s' % (version, tree))
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        if kind == 'tarball':
            run(['tar', '-xf', path, '-C', tree, '--strip-components=1'])
        else:
            # A copy: the tree given (perhaps another tool's cache) is
            # never written to.
            src = subprocess.Popen(['tar', '-C', path, '--exclude=./.git',
                                    '--exclude=./.nicpmd-extracted', '-cf',
                                    '-', '.'], stdout=subprocess.PIPE)
            run(['tar', '-C', tree, '-xf', '-'], stdin=src.stdout)
            src.wait()
        git(tree, 'init', '-q')
        git(tree, 'add', '-A', '-f')
        git(tree, 'commit', '-q', '--no-verify', '-m', 'DPDK ' + version)
        git(tree, 'tag', 'nicpmd-base')
        open(os.path.join(scratch, '.extracted'), 'w').write(version + '\n')
    if idx:
        os.makedirs(os.path.dirname(idx), exist_ok=True)
        open(idx, 'w').write(scratch + '\n')
    return scratch


GIT_ID = ['-c', 'user.name=nicpmd developers',
          '-c', 'user.email=dev@nicpmd.invalid',
          '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false']


def git(tree, *args, capture=False):
    p = subprocess.run(['git'] + GIT_ID + list(args), cwd=tree, env=ENV,
                       check=True, text=True,
                       stdout=subprocess.PIPE if capture else None)
    return p.stdout if capture else None


# -- the patch --------------------------------------------------------------

def project_files(prefix):
    out = subprocess.run(['git', 'ls-files', '--cached', '--others',
                          '--exclude-standard', '--', prefix], cwd=TOP,
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.split('\n') if f and os.path.isfile(
        os.path.join(TOP, f))]


def abi_of(tree):
    return open(os.path.join(tree, 'ABI_VERSION')).read().strip()


def uses_export_markers(tree):
    """25.07+: symbol maps generated from RTE_EXPORT_* in the sources."""
    return os.path.isfile(os.path.join(tree, 'buildtools',
                                       'gen-version-map.py'))


def copy_driver(tree, version):
    for f in project_files(DRIVER) + DOCS:
        dst = os.path.join(tree, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(os.path.join(TOP, f), dst)
    ymm = '.'.join(version.split('.')[:2])
    drv = os.path.join(tree, DRIVER)
    vmap = os.path.join(drv, 'version.map')
    if uses_export_markers(tree):
        # The map is generated from the RTE_EXPORT_* markers; an in-tree
        # driver has no version.map.
        os.unlink(vmap)
    else:
        # The stable node is named after the tree's ABI, an experimental
        # symbol after the release that adds it (DPDK's map rules).
        text = open(vmap).read()
        text = re.sub(r'\bDPDK_\d+\b', 'DPDK_' + abi_of(tree).split('.')[0],
                      text)
        text = re.sub(r'(# added in )\d+\.\d+', r'\g<1>' + ymm, text)
        open(vmap, 'w').write(text)
    # Experimental symbols carry the release that adds them.
    for path in glob.glob(os.path.join(drv, '*.c')):
        text = open(path).read()
        new = re.sub(r'(RTE_EXPORT_EXPERIMENTAL_SYMBOL\(\w+, )\d+\.\d+\)',
                     r'\g<1>' + ymm + ')', text)
        if new != text:
            open(path, 'w').write(new)


def insert_sorted(lines, start, end, item, key):
    """Insert item among lines[start:end] (those key() gives a name for)
    before the first whose name sorts after it."""
    for i in range(start, end):
        name = key(lines[i])
        if name is not None and name > key(item):
            lines.insert(i, item)
            return
    # after the last named line of the range
    last = max(i for i in range(start, end) if key(lines[i]) is not None)
    lines.insert(last + 1, item)


def register(tree, version):
    # drivers/net/meson.build: the drivers list
    path = os.path.join(tree, 'drivers/net/meson.build')
    lines = open(path).read().split('\n')
    start = next(i for i, l in enumerate(lines) if l.startswith('drivers = ['))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(']'))

    def drv_name(line):
        m = re.match(r"\s+'([^']+)',", line)
        return m.group(1) if m else None
    insert_sorted(lines, start + 1, end, "        'nicpmd',", drv_name)
    open(path, 'w').write('\n'.join(lines))

    # doc/guides/nics/index.rst: the toctree
    path = os.path.join(tree, 'doc/guides/nics/index.rst')
    lines = open(path).read().split('\n')
    start = next(i for i, l in enumerate(lines) if '.. toctree::' in l)
    end = len(lines)

    def toc_name(line):
        m = re.match(r'    ([a-z0-9_]+)$', line)
        return m.group(1) if m and m.group(1) not in ('overview', 'build_and_test', 'features') else None
    entry = open(os.path.join(SNIPPETS, 'nics-index.txt')).read().strip()
    insert_sorted(lines, start + 1, end, '    ' + entry, toc_name)
    open(path, 'w').write('\n'.join(lines))

    # MAINTAINERS: last entry of the "Networking Drivers" section
    path = os.path.join(tree, 'MAINTAINERS')
    lines = open(path).read().split('\n')
    crypto = next(i for i, l in enumerate(lines) if l == 'Crypto Drivers')
    at = crypto
    while lines[at - 1] == '':
        at -= 1
    entry = open(os.path.join(SNIPPETS, 'MAINTAINERS')).read().rstrip('\n')
    lines[at:at] = [''] + entry.split('\n')
    open(path, 'w').write('\n'.join(lines))

    # .mailmap: a new contributor's name and address, in order
    path = os.path.join(tree, '.mailmap')
    if os.path.isfile(path):
        lines = open(path).read().split('\n')
        for entry in open(os.path.join(SNIPPETS, 'mailmap')).read().split('\n'):
            if entry and entry not in lines:
                insert_sorted(lines, 0, len(lines), entry,
                              lambda l: l.lower() if l.strip() and
                              not l.startswith('#') else None)
        open(path, 'w').write('\n'.join(lines))

    # The release notes of the tree's release: end of "New Features"
    yy, mm = version.split('.')[:2]
    path = os.path.join(tree, 'doc/guides/rel_notes',
                        'release_%s_%s.rst' % (yy, mm))
    lines = open(path).read().split('\n')
    nf = next(i for i, l in enumerate(lines) if l == 'New Features')
    nxt = next(i for i in range(nf + 2, len(lines) - 1)
               if lines[i + 1].startswith('---') and lines[i].strip())
    at = nxt
    while lines[at - 1] == '':
        at -= 1
    note = open(os.path.join(SNIPPETS, 'release-note.rst')).read().rstrip('\n')
    lines[at:at] = [''] + note.split('\n')
    open(path, 'w').write('\n'.join(lines))


def make_patch(scratch, tree, version):
    git(tree, 'checkout', '-q', '-f', '-B', 'nicpmd', 'nicpmd-base')
    git(tree, 'clean', '-q', '-f', '-d', '-x')
    copy_driver(tree, version)
    register(tree, version)
    git(tree, 'add', '-A')
    msg = open(os.path.join(SNIPPETS, 'commit-message.txt')).read().rstrip()
    msg += '\n\nSigned-off-by: nicpmd developers <dev@nicpmd.invalid>\n'
    subprocess.run(['git'] + GIT_ID + ['commit', '-q', '--no-verify', '-F',
                                       '-'],
                   cwd=tree, env=ENV, input=msg, text=True, check=True)
    pdir = os.path.join(scratch, 'patch')
    shutil.rmtree(pdir, ignore_errors=True)
    git(tree, 'format-patch', '-q', '-1', '-o', pdir)
    return sorted(glob.glob(os.path.join(pdir, '*.patch')))[0]


# -- the build --------------------------------------------------------------

def meson_options(tree):
    opts = open(os.path.join(tree, 'meson_options.txt')).read()
    args = ['--buildtype=release', '-Dwerror=true',
            '-Ddeveloper_mode=enabled', '-Denable_drivers=net/nicpmd',
            '-Ddisable_apps=*', '-Dtests=false', '-Denable_docs=false',
            '-Dexamples=']
    if "option('enable_libs'" in opts:
        # mandatory libraries only (hash is one of them)
        args.append('-Denable_libs=hash')
    else:
        # 22.11: disable every optional library
        text = open(os.path.join(tree, 'lib', 'meson.build')).read()
        m = re.search(r'optional_libs = \[(.*?)\]', text, re.S)
        if m:
            args.append('-Ddisable_libs=' + ','.join(
                re.findall(r"'([^']+)'", m.group(1))))
    return args


def build(scratch, tree, log):
    bdir = os.path.join(scratch, 'build')
    opts = meson_options(tree)
    stamp = os.path.join(bdir, '.nicpmd-options')
    if not os.path.isfile(os.path.join(bdir, 'build.ninja')) or \
            open(stamp).read() != ' '.join(opts):
        shutil.rmtree(bdir, ignore_errors=True)
        p = run(['meson', 'setup'] + opts + [bdir, tree], log=log,
                check=False)
        if p.returncode != 0:
            return 1, 'meson setup failed, see ' + log
        open(stamp, 'w').write(' '.join(opts))
    else:
        # The tree was reset and copied again: meson notices changed
        # meson.build files itself.
        pass
    p = run(['nice', '-n', '10', 'ninja', '-C', bdir, '-j',
             str(ARGS.jobs)], log=log, check=False)
    if p.returncode != 0:
        errs = [l for l in p.stdout.split('\n')
                if 'error:' in l or 'warning:' in l]
        for l in errs[:20]:
            print('  ' + l)
        return max(1, len(errs)), 'build failed, see ' + log
    warn = [l for l in p.stdout.split('\n') if 'warning:' in l]
    for l in warn:
        print('  ' + l)
    abi = abi_of(tree)
    so = glob.glob(os.path.join(bdir, 'drivers', 'librte_net_nicpmd.so.' + abi))
    if not so:
        print('  no drivers/librte_net_nicpmd.so.%s in the build' % abi)
        return len(warn) + 1, ''
    return len(warn), 'drivers/librte_net_nicpmd.so.' + abi


# -- the checks -------------------------------------------------------------

def checkpatch_path():
    """Linux's checkpatch.pl (with spelling.txt and const_structs) from
    Debian's linux-source package: downloaded once, only those files
    extracted."""
    d = os.path.join(CACHE, 'checkpatch')
    script = os.path.join(d, 'scripts', 'checkpatch.pl')
    if os.path.isfile(script):
        return script
    os.makedirs(d, exist_ok=True)
    debs = glob.glob(os.path.join(d, CHECKPATCH_DEB + '_*.deb'))
    if not debs:
        say('downloading Debian\'s %s (for scripts/checkpatch.pl)'
            % CHECKPATCH_DEB)
        run(['apt-get', 'download', CHECKPATCH_DEB], cwd=d,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        debs = glob.glob(os.path.join(d, CHECKPATCH_DEB + '_*.deb'))
    deb = debs[0]
    members = subprocess.run(['dpkg-deb', '-c', deb], capture_output=True,
                             text=True, check=True).stdout
    inner = re.search(r'(\./usr/src/linux-source-[^ ]*\.tar\.xz)', members)
    if not inner:
        die('%s holds no kernel source tarball' % deb)
    fsys = subprocess.Popen(['dpkg-deb', '--fsys-tarfile', deb],
                            stdout=subprocess.PIPE)
    inner_tar = subprocess.Popen(['tar', '-xO', inner.group(1)],
                                 stdin=fsys.stdout, stdout=subprocess.PIPE)
    run(['tar', '-xJ', '-C', d, '--strip-components=1', '--wildcards'] +
        ['*/scripts/' + f for f in CHECKPATCH_FILES], stdin=inner_tar.stdout)
    inner_tar.wait()
    fsys.wait()
    os.chmod(script, 0o755)
    return script


def codespell_dict():
    p = subprocess.run(['/usr/bin/python3', '-c',
                        'import codespell_lib, os; print(os.path.join('
                        'os.path.dirname(codespell_lib.__file__), "data", '
                        '"dictionary.txt"))'], capture_output=True, text=True)
    path = p.stdout.strip()
    return path if p.returncode == 0 and os.path.isfile(path) else None


def awk_dir():
    """checkpatches.sh calls 'awk'; its forbidden-token rules use GNU
    regular expressions (\\< \\>) that mawk, Debian's default awk, does
    not know (those rules then never match): a directory whose awk is
    gawk."""
    gawk = shutil.which('gawk', path=ENV['PATH'])
    if not gawk:
        die('gawk is needed for checkpatches.sh (apt-get install gawk)')
    d = os.path.join(CACHE, 'checkpatch', 'bin')
    os.makedirs(d, exist_ok=True)
    link = os.path.join(d, 'awk')
    if not os.path.islink(link):
        os.symlink(gawk, link)
    return d


def load_suppressions():
    """devtools/in-tree/checkpatch-false-positives.txt: TYPE FILE REGEX
    | reason, one a line."""
    sup = []
    path = os.path.join(SNIPPETS, 'checkpatch-false-positives.txt')
    if not os.path.isfile(path):
        return sup
    for line in open(path):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        rule, _, reason = line.partition(' | ')
        typ, fname, regex = rule.split(None, 2)
        sup.append((typ, fname, re.compile(regex.strip()), reason.strip()))
    return sup


def suppressed(sup, typ, fname, text):
    for t, f, regex, reason in sup:
        if t == typ and fname.endswith(f) and regex.search(text):
            return reason
    return None


def check_checkpatch(tree, patch):
    env = dict(ENV, DPDK_CHECKPATCH_PATH=checkpatch_path(),
               PATH=awk_dir() + ':' + ENV['PATH'])
    cs = codespell_dict()
    if cs:
        env['DPDK_CHECKPATCH_CODESPELL'] = cs
    else:
        print('  (codespell dictionary not found: spelling from '
              'checkpatch\'s spelling.txt only)')
    p = subprocess.run(['sh', 'devtools/checkpatches.sh', patch], cwd=tree,
                       env=env, text=True, capture_output=True,
                       errors='replace')
    out = p.stdout
    sup = load_suppressions()
    findings = 0
    n_sup = 0

    def finding(text, typ=None, fname='', line=''):
        nonlocal findings, n_sup
        why = suppressed(sup, typ, fname, line) if typ else None
        if why:
            n_sup += 1
            print('  suppressed %s (%s): %s' % (typ, fname, why))
        else:
            findings += 1
            print('  ' + text.strip().replace('\n', '\n  '))

    # checkpatch.pl's report: one block per finding, up to its total line.
    m = re.search(r'^total: .*lines checked$', out, re.M)
    cp, rest = (out[:m.end()], out[m.end():]) if m else ('', out)
    for b in re.split(r'\n(?=(?:ERROR|WARNING|CHECK):)', cp):
        t = re.match(r'(ERROR|WARNING|CHECK):(\w+):', b)
        if not t:
            continue
        fm = re.search(r'#\d+: FILE: (\S+):\d+:\n\+(.*)', b)
        finding(b, t.group(2), fm.group(1) if fm else '',
                fm.group(2) if fm else '')
    # The other checks of checkpatches.sh: the forbidden-token rules print
    # "Warning in FILE:" then the rule's message; the rest print their own
    # lines.
    lines = [l for l in rest.split('\n') if l.strip()]
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        w = re.match(r'Warning in (\S+):$', s)
        if w and i + 1 < len(lines):
            finding(s + ' ' + lines[i + 1].strip(), 'FORBIDDEN', w.group(1),
                    lines[i + 1])
            i += 2
            continue
        i += 1
        if re.match(r'\d+/\d+ valid patch', s) or s.startswith('###') or \
                s.startswith('INFO:') or s.startswith('NOTE:'):
            continue
        finding(s)
    if p.returncode != 0 and findings == 0 and n_sup == 0:
        findings = 1
        print('  checkpatches.sh exited %d:\n%s' % (p.returncode, out))
    return findings, ('%d suppressed (documented)' % n_sup) if n_sup else ''


def check_lines(tree, cmd, keep=lambda l: True, name=None):
    """A check whose every output line (kept by keep) is a finding."""
    p = subprocess.run(cmd, cwd=tree, env=ENV, text=True, errors='replace',
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = [l for l in p.stdout.split('\n') if l.strip() and keep(l)]
    for l in lines:
        print('  ' + l)
    if p.returncode != 0 and not lines:
        print('  %s exited %d' % (cmd[0], p.returncode))
        return 1
    return len(lines)


def check_meson(tree):
    # Every meson.build of the tree; the pristine release is clean, so
    # what remains is ours (drivers/net/nicpmd/, drivers/net/meson.build).
    return check_lines(tree, ['/usr/bin/python3', 'devtools/check-meson.py'],
                       keep=lambda l: l.startswith('Error'))


def check_symbol_maps(tree):
    if not os.path.isfile(os.path.join(tree, 'devtools',
                                       'check-symbol-maps.sh')):
        return None
    return check_lines(tree, ['sh', 'devtools/check-symbol-maps.sh',
                              DRIVER + '/version.map'])


def check_abi_version(tree):
    if not os.path.isfile(os.path.join(tree, DRIVER, 'version.map')):
        return None
    return check_lines(tree, ['sh', 'devtools/check-abi-version.sh',
                              DRIVER + '/version.map'])


def check_spdx(tree):
    # Findings in the files of the patch only (a release may carry files
    # the script lists).
    changed = set(git(tree, 'diff', '--name-only', 'nicpmd-base', 'HEAD',
                      capture=True).split())
    return check_lines(tree, ['sh', 'devtools/check-spdx-tag.sh'],
                       keep=lambda l: l.strip() in changed)


def check_features_ini(tree):
    """Every key of features/nicpmd.ini is one of default.ini's, in the
    same section, once."""
    fdir = os.path.join(tree, 'doc/guides/nics/features')
    known = configparser.ConfigParser()
    known.optionxform = str
    known.read(os.path.join(fdir, 'default.ini'))
    ours = configparser.ConfigParser(strict=True)
    ours.optionxform = str
    n = 0
    try:
        ours.read(os.path.join(fdir, 'nicpmd.ini'))
    except configparser.Error as e:
        print('  nicpmd.ini: %s' % e)
        return 1
    for sec in ours.sections():
        if not known.has_section(sec):
            print('  nicpmd.ini: section [%s] not in default.ini' % sec)
            n += 1
            continue
        for key in ours.options(sec):
            if not known.has_option(sec, key):
                print('  nicpmd.ini: [%s] "%s" not in default.ini' % (sec, key))
                n += 1
    return n


def check_sphinx(scratch, tree, version, log):
    """The guides built as DPDK's doc build does (sphinx-build -W): the
    warnings of the files the patch adds or changes."""
    out = os.path.join(scratch, 'doc')
    wfile = os.path.join(scratch, 'sphinx-warnings.txt')
    env = dict(ENV, DPDK_VERSION=version)
    cmd = ['nice', '-n', '10', 'sphinx-build', '-q', '-j', str(ARGS.jobs),
           '-b', 'html', '-d', os.path.join(out, 'doctrees'), '-w', wfile,
           'doc/guides', os.path.join(out, 'html')]
    p = run(cmd, cwd=tree, log=log, check=False, env=env)
    text = open(wfile).read() if os.path.isfile(wfile) else ''
    text += '\n' + p.stdout
    changed = git(tree, 'diff', '--name-only', 'nicpmd-base', 'HEAD',
                  capture=True).split()
    names = [c for c in changed if c.startswith('doc/')] + ['nicpmd']
    ours = sorted(set(l for l in text.split('\n')
                      if ('WARNING' in l or 'ERROR' in l or 'Unknown feature'
                          in l) and any(c in l for c in names)))
    for l in ours:
        print('  ' + l.replace(tree + '/', ''))
    html = os.path.join(out, 'html', 'nics', 'nicpmd.html')
    if p.returncode != 0 and not ours:
        print('  sphinx-build exited %d, see %s' % (p.returncode, log))
        return 1, ''
    if not os.path.isfile(html):
        print('  no nics/nicpmd.html')
        return len(ours) + 1, ''
    others = len([l for l in text.split('\n') if 'WARNING' in l]) - len(ours)
    return len(ours), os.path.relpath(html, scratch) + \
        ('; %d warnings in DPDK\'s own docs' % others if others > 0 else '')


# -- main -------------------------------------------------------------------

def main():
    global ARGS
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        epilog='VERSION: 22.11 (the installed Debian DPDK\'s source) or a '
        'release whose tarball is in %s; default: the newest tarball.'
        % TARBALLS)
    ap.add_argument('--dpdk', metavar='VERSION|TARBALL|TREE')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--no-build', action='store_true')
    ap.add_argument('--no-docs', action='store_true')
    ap.add_argument('--only', metavar='CHECK,...',
                    help='run only these checks (names as printed)')
    ap.add_argument('--out', help='copy the patch and the report here')
    ARGS = ap.parse_args()
    ensure_packages()

    kind, path = resolve(ARGS.dpdk)
    os.makedirs(CACHE, exist_ok=True)
    scratch = prepare_tree(kind, path)
    tree = os.path.join(scratch, 'tree')
    version = open(os.path.join(scratch, '.extracted')).read().strip()
    short = re.sub(r'\.0$', '', version)
    log = os.path.join(scratch, 'in-tree.log')
    open(log, 'w').close()
    say('DPDK %s (%s) in %s' % (version, path, tree))

    import fcntl
    lock = open(os.path.join(scratch, '.lock'), 'w')
    fcntl.flock(lock, fcntl.LOCK_EX)

    patch = make_patch(scratch, tree, version)
    print('patch: %s' % patch)
    results = []

    def report(name, res):
        if res is None:
            print('%-20s n/a in DPDK %s' % (name, short))
            results.append((name, None, 'n/a'))
            return
        n, note = res if isinstance(res, tuple) else (res, '')
        print('%-20s %d finding%s%s' % (name, n, '' if n == 1 else 's',
                                       ('  (' + note + ')') if note else ''),
              flush=True)
        results.append((name, n, note))

    checks = [
        ('check-meson', lambda: check_meson(tree)),
        ('checkpatches', lambda: check_checkpatch(tree, patch)),
        ('check-git-log', lambda: check_lines(
            tree, ['sh', 'devtools/check-git-log.sh', '-n1'],
            keep=lambda l: not re.match(r'\s*\d+/\d+ valid patch', l))),
        ('check-symbol-maps', lambda: check_symbol_maps(tree)),
        ('check-abi-version', lambda: check_abi_version(tree)),
        ('check-doc-vs-code', lambda: check_lines(
            tree, ['sh', 'devtools/check-doc-vs-code.sh', 'nicpmd-base'])),
        ('check-spdx-tag', lambda: check_spdx(tree)),
        ('check-maintainers', lambda: check_lines(
            tree, ['sh', 'devtools/check-maintainers.sh'],
            keep=lambda l: 'nicpmd' in l)),
        ('features-ini', lambda: check_features_ini(tree)),
    ]
    if not ARGS.no_build:
        checks.append(('build', lambda: build(scratch, tree, log)))
    if not ARGS.no_docs:
        checks.append(('sphinx', lambda: check_sphinx(scratch, tree, version,
                                                      log)))
    only = ARGS.only.split(',') if ARGS.only else None
    for name, fn in checks:
        if only and name not in only:
            continue
        print('== %s' % name, flush=True)
        report(name, fn())

    total = sum(n for _, n, _ in results if n)
    summary = ['%s: %s' % (name, 'n/a' if n is None else n)
               for name, n, _ in results]
    line = 'in-tree: DPDK %s: %d findings (%s)' % (short, total,
                                                   ', '.join(summary))
    with open(os.path.join(scratch, 'report.txt'), 'w') as f:
        f.write(line + '\n')
    if ARGS.out:
        os.makedirs(ARGS.out, exist_ok=True)
        shutil.copy(patch, ARGS.out)
        shutil.copy(os.path.join(scratch, 'report.txt'),
                    os.path.join(ARGS.out, 'in-tree-%s.txt' % short))
    print(line)
    return 1 if total else 0


if __name__ == '__main__':
    sys.exit(main())

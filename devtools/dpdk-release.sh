#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Build and install a minimal shared DPDK of one release, cached outside the
# clone, so nicpmd can be built against it and DTS can run its testpmd.
#
#   devtools/dpdk-release.sh [options] VERSION|TARBALL|TREE
#
#   VERSION   e.g. 26.07: the tarball $NICPMD_DPDK_DIR/dpdk-VERSION.tar.xz
#             (default dir: ../shared/dpdk beside the clone)
#   TARBALL   a release tarball (`git archive` of a tag: top dir dpdk-<ver>/)
#   TREE      an extracted DPDK source tree (built in place of src/)
#
#   --dts           also require the release's dts/ (and print where it is)
#   --print-prefix  print only the install prefix on stdout (build if needed)
#   --print-src     print only the release's source tree on stdout (with
#                   --print-prefix: the prefix, then the tree)
#   --jobs N        ninja -j N (default 2), always run under nice -n 10
#
# Cache: ${NICPMD_CACHE:-/var/cache/nicpmd}/dpdk-<version>-<hash>/ with src/
# (extracted tarball), build/ (meson build dir), prefix/ (meson install) and
# build.log. Installed programs carry an rpath to prefix/lib/<multiarch>:
# they run without LD_LIBRARY_PATH. <hash> covers the tarball's bytes and
# the configuration below, so a changed tarball or option set gets its own
# directory. A finished entry is marked by prefix/.nicpmd-done, and
# index/ remembers which entry a tarball (path, size, mtime) resolved to:
# a second call is instant.
# Only one build runs at a time (flock on the cache's .lock).
set -eu

RECIPE=2	# bump when the configuration below changes meaning
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${NICPMD_CACHE:-/var/cache/nicpmd}
tarballs=${NICPMD_DPDK_DIR:-$top/../shared/dpdk}
jobs=2
want_dts=0
print_prefix=0
print_src=0
input=""

say() { echo "dpdk-release: $*" >&2; }
die() { say "$*"; exit 1; }
usage() { sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }

while [ $# -gt 0 ]; do
	case $1 in
	--dts) want_dts=1 ;;
	--print-prefix) print_prefix=1 ;;
	--print-src) print_src=1 ;;
	--jobs) [ $# -ge 2 ] || usage; jobs=$2; shift ;;
	--jobs=*) jobs=${1#--jobs=} ;;
	-h|--help) usage 0 ;;
	-*) say "unknown option $1"; usage ;;
	*) [ -z "$input" ] || usage; input=$1 ;;
	esac
	shift
done
[ -n "$input" ] || usage

# What DTS and the project start: testpmd, dumpcap (packet_capture), pdump,
# proc-info (the multi-process tests);
# vdev drivers for ports without hardware; softnic (softnic suite),
# virtio + vhost (virtio_forward). bus/pci and mempool/ring are always on.
DRIVERS=bus/pci,bus/vdev,mempool/ring,net/null,net/ring,net/memif,net/pcap,net/af_packet,net/softnic,net/virtio,net/vhost
APPS=test-pmd,dumpcap,pdump,proc-info
# Optional libraries those need (testpmd: bitratestats bpf gro gso
# latencystats metrics pdump; dumpcap: pcapng; softnic: pipeline port table
# sched ipsec security cryptodev eventdev timer dmadev lpm acl ip_frag;
# vhost: vhost). With enable_libs set, meson fails if one cannot be built.
LIBS=bitratestats,bpf,gro,gso,latencystats,metrics,pdump,pcapng,pipeline,port,table,sched,ipsec,security,cryptodev,eventdev,timer,dmadev,lpm,acl,ip_frag,vhost

multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
libdir=lib/$multiarch
MESON_OPTS="--buildtype=release --libdir=$libdir -Ddefault_library=shared
-Denable_driver_sdk=true -Dtests=false -Dexamples= -Denable_docs=false
-Ddeveloper_mode=disabled -Dwerror=false -Denable_drivers=$DRIVERS
-Denable_apps=$APPS -Denable_libs=$LIBS"

# Debian's python first: DPDK's build scripts (pmdinfogen) need pyelftools,
# which the pyenv interpreter lacks.
PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH
export PATH

report() {
	pmddir=$(ls -d "$prefix/$libdir"/dpdk/pmds-* 2>/dev/null | sed -n 1p)
	if [ "$want_dts" = 1 ] && [ ! -d "$src/dts" ]; then
		die "DPDK $version has no dts/ directory ($src)"
	fi
	if [ "$print_prefix" = 1 ] || [ "$print_src" = 1 ]; then
		[ "$print_prefix" = 0 ] || echo "$prefix"
		[ "$print_src" = 0 ] || echo "$src"
		return
	fi
	cat <<-EOF
	DPDK $version (shared) installed in $prefix
	  build against it: export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
	  run its apps:     $prefix/bin/dpdk-testpmd, dpdk-dumpcap, dpdk-pdump
	  plugin dir:       $pmddir (every app of this build loads .so files there)
	EOF
	[ "$want_dts" = 0 ] || echo "  DTS:              $src/dts"
	return 0
}

# Resolve the input to a tarball or a tree, its version and a key.
tree=""
tarball=""
case $input in
*/*|*.tar*) ;;
*) input=$tarballs/dpdk-$input.tar.xz ;;
esac
if [ -d "$input" ]; then
	tree=$(cd "$input" && pwd)
	[ -f "$tree/VERSION" ] && [ -f "$tree/meson.build" ] ||
		die "$tree is not a DPDK source tree"
	version=$(cat "$tree/VERSION")
	srckey="tree:$tree"
elif [ -f "$input" ]; then
	tarball=$(cd "$(dirname "$input")" && pwd)/$(basename "$input")
	# Hashing and listing a tarball takes seconds: remember, per path, size
	# and mtime, which cache entry it resolved to (index/ holds only that).
	idx=$cache/index/$(printf '%s\n' "$RECIPE" "$tarball" \
		"$(stat -c '%s %Y' "$tarball")" $MESON_OPTS | sha256sum | cut -c1-16)
	if [ -f "$idx" ]; then
		read -r dir version < "$idx"
		if [ -f "$dir/prefix/.nicpmd-done" ]; then
			src=$dir/src prefix=$dir/prefix
			fast=1
		fi
	fi
	if [ -z "${fast:-}" ]; then
		topdir=$(tar -tf "$tarball" | sed -n '1s,/.*,,p')
		version=$(tar -xOf "$tarball" "$topdir/VERSION" 2>/dev/null) ||
			die "$tarball: no $topdir/VERSION, not a DPDK release tarball"
		srckey="tarball:$(sha256sum < "$tarball" | cut -d' ' -f1)"
	fi
else
	die "no such release, tarball or tree: $input"
fi
if [ -n "${fast:-}" ]; then
	report
	exit 0
fi
version=$(echo "$version" | sed 's/[[:space:]]//g')
# A short version for the directory name: 26.07.0 -> 26.07
short=$(echo "$version" | sed 's/\.0$//')
hash=$(printf '%s\n' "$RECIPE" "$srckey" $MESON_OPTS | sha256sum | cut -c1-12)
dir=$cache/dpdk-$short-$hash
if [ -n "$tree" ]; then src=$tree; else src=$dir/src; fi
build=$dir/build
prefix=$dir/prefix
stamp=$prefix/.nicpmd-done

remember() {
	[ -n "$tarball" ] || return 0
	mkdir -p "$cache/index"
	echo "$dir $version" > "$idx"
}

# An already finished entry (tarballs never change under a key).
if [ -z "$tree" ] && [ -f "$stamp" ]; then
	remember
	report
	exit 0
fi

# Packages the build needs; installed if missing (like devtools/setup.sh).
need=""
for p in meson ninja-build gcc pkg-config python3-pyelftools libnuma-dev \
	libpcap-dev xz-utils; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
	[ "$(id -u)" -eq 0 ] || die "missing packages:$need (need root to install)"
	say "installing:$need"
	apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $need >&2
fi

mkdir -p "$cache"
exec 9>"$cache/.lock"
if ! flock -n 9; then
	say "waiting for another DPDK build in $cache to finish"
	flock 9
fi
# Somebody may have finished it while we waited.
if [ -z "$tree" ] && [ -f "$stamp" ]; then
	remember
	report
	exit 0
fi

mkdir -p "$dir"
log=$dir/build.log
if [ -z "$tree" ] && [ ! -f "$src/.nicpmd-extracted" ]; then
	say "extracting $tarball"
	rm -rf "$src"
	mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1
	touch "$src/.nicpmd-extracted"
fi

start=$(date +%s)
say "building DPDK $version in $build (log: $log)"
# shellcheck disable=SC2086 # MESON_OPTS is a word list on purpose
if [ ! -f "$build/build.ninja" ]; then
	rm -rf "$build"
	meson setup $MESON_OPTS --prefix="$prefix" \
		-Dc_link_args="-Wl,-rpath,$prefix/$libdir" "$build" "$src" \
		> "$log" 2>&1 || { tail -n 30 "$log" >&2; die "meson setup failed, see $log"; }
fi
nice -n 10 ninja -C "$build" -j "$jobs" >> "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "build failed, see $log"; }
meson install -C "$build" --quiet >> "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "meson install failed, see $log"; }

# The configuration must have produced what the callers rely on (a driver
# whose dependency is missing is skipped silently by DPDK's meson).
missing=""
for f in bin/dpdk-testpmd bin/dpdk-dumpcap bin/dpdk-pdump bin/dpdk-proc-info \
	"$libdir/pkgconfig/libdpdk.pc" include/ethdev_driver.h \
	include/bus_vdev_driver.h; do
	[ -e "$prefix/$f" ] || missing="$missing $f"
done
for d in net_null net_ring net_memif net_pcap net_af_packet net_softnic \
	net_virtio net_vhost; do
	ls "$prefix/$libdir"/dpdk/pmds-*/librte_"$d".so >/dev/null 2>&1 ||
		missing="$missing librte_$d.so"
done
[ -z "$missing" ] || die "build of $version lacks:$missing (see $log)"

secs=$(( $(date +%s) - start ))
say "DPDK $version built and installed in ${secs}s"
echo "$version $secs s $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$stamp"
remember
report

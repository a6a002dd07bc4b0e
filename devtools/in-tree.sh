#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The nicpmd authors
#
# nicpmd as an upstream patch to a DPDK tree: copy, register, build with
# DPDK's meson and -Werror, run DPDK's devtools checks; 0 findings or exit 1.
#   devtools/in-tree.sh [--dpdk VERSION|TARBALL|TREE] [--no-build] [--no-docs]
#                       [--jobs N] [--out DIR]
# See devtools/in_tree.py and the NIC guide, section "In a DPDK tree".
exec /usr/bin/python3 "$(dirname "$0")/in_tree.py" "$@"

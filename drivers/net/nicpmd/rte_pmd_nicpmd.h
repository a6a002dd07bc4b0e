/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _RTE_PMD_NICPMD_H_
#define _RTE_PMD_NICPMD_H_

/**
 * @file
 * nicpmd private API.
 *
 * Everything here is experimental and works only on ports probed with
 * the development=1 devarg; otherwise calls fail with -EPERM and a log
 * line saying why.
 */

#include <stdint.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Make the device drop every Nth frame it transmits (device feature
 * FAULT_INJECT). Drops are counted in the port's oerrors.
 *
 * @param port_id
 *   A nicpmd port.
 * @param drop_every
 *   N: drop frame N, 2N, 3N ...; 0 turns fault injection off.
 * @return
 *   0 on success; -ENODEV if port_id is not a nicpmd port; -EPERM if the
 *   port was not probed with development=1; another negative errno if the
 *   device refused the command.
 */
__rte_experimental
int rte_pmd_nicpmd_fault_inject(uint16_t port_id, uint32_t drop_every);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PMD_NICPMD_H_ */

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

/** What rte_pmd_nicpmd_fault_set() makes the device do; 0: off. */
struct rte_pmd_nicpmd_fault {
	uint32_t tx_drop_every;	/**< drop every Nth transmitted frame */
	uint32_t rx_wb_every;	/**< corrupt every Nth Rx write-back */
	uint32_t rx_wb_kinds;	/**< RTE_PMD_NICPMD_FAULT_WB_*, in turn */
	uint32_t flags;		/**< RTE_PMD_NICPMD_FAULT_F_* */
};

/** Rx write-back corruptions, taken in turn. */
#define RTE_PMD_NICPMD_FAULT_WB_LEN_ZERO	(1u << 0) /**< no bytes */
#define RTE_PMD_NICPMD_FAULT_WB_LEN_OVER	(1u << 1) /**< over the buffer */
#define RTE_PMD_NICPMD_FAULT_WB_NO_EOP	(1u << 2) /**< frame never ends */
#define RTE_PMD_NICPMD_FAULT_WB_FLAGS	(1u << 3) /**< garbage metadata */
/** The device stops delivering frames (they count as no buffer). */
#define RTE_PMD_NICPMD_FAULT_F_STALL_RX	(1u << 0)
/** The device stops fetching Tx descriptors. */
#define RTE_PMD_NICPMD_FAULT_F_STALL_TX	(1u << 1)
/** The next admin completion answers another command (once). */
#define RTE_PMD_NICPMD_FAULT_F_AQ_COOKIE	(1u << 2)

/**
 * @warning
 * @b EXPERIMENTAL: this API may change without prior notice.
 *
 * Make the device misbehave (device feature FAULT_INJECT), to show that
 * the driver survives a broken device: it refuses write-backs it cannot
 * trust (xstat rx_bad_writebacks, in ierrors), keeps stalled queues from
 * hanging stop and close, and fails a command whose completion is not
 * its own with -EIO. Replaces every fault set before, including
 * rte_pmd_nicpmd_fault_inject()'s.
 *
 * @param port_id
 *   A nicpmd port.
 * @param f
 *   The faults; all zero turns every fault off.
 * @return
 *   0 on success; -ENODEV if port_id is not a nicpmd port; -EPERM if the
 *   port was not probed with development=1; -EINVAL for unknown bits or
 *   rx_wb_every without a kind; another negative errno if the device
 *   refused the command.
 */
__rte_experimental
int rte_pmd_nicpmd_fault_set(uint16_t port_id,
			     const struct rte_pmd_nicpmd_fault *f);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PMD_NICPMD_H_ */

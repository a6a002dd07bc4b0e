/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* The private API: experimental, development=1 only. */

#include <errno.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "rte_pmd_nicpmd.h"

static struct nicpmd_adapter *
nicpmd_port(uint16_t port_id)
{
	struct rte_eth_dev *dev = nicpmd_port_dev(port_id);

	return dev != NULL ? NICPMD_ADAPTER(dev) : NULL;
}

/* The public fault bits are the device's, bit for bit. */
static_assert(RTE_PMD_NICPMD_FAULT_WB_LEN_ZERO == NICPMD_FAULT_WB_LEN_ZERO &&
	       RTE_PMD_NICPMD_FAULT_WB_LEN_OVER == NICPMD_FAULT_WB_LEN_OVER &&
	       RTE_PMD_NICPMD_FAULT_WB_NO_EOP == NICPMD_FAULT_WB_NO_EOP &&
	       RTE_PMD_NICPMD_FAULT_WB_FLAGS == NICPMD_FAULT_WB_FLAGS &&
	       RTE_PMD_NICPMD_FAULT_F_STALL_RX == NICPMD_FAULT_F_STALL_RX &&
	       RTE_PMD_NICPMD_FAULT_F_STALL_TX == NICPMD_FAULT_F_STALL_TX &&
	       RTE_PMD_NICPMD_FAULT_F_AQ_COOKIE == NICPMD_FAULT_F_AQ_COOKIE &&
	       RTE_PMD_NICPMD_FAULT_F_AQ_SILENT == NICPMD_FAULT_F_AQ_SILENT &&
	       RTE_PMD_NICPMD_FAULT_F_LINK_DOWN == NICPMD_FAULT_F_LINK_DOWN,
	       "fault bits as the device's");

static int
fault_port(uint16_t port_id, struct nicpmd_adapter **ad)
{
	*ad = nicpmd_port(port_id);
	if (*ad == NULL)
		return -ENODEV;
	if (!(*ad)->args.development ||
	    !((*ad)->hw.features & NICPMD_F_EXP_FAULT_INJECT)) {
		NICPMD_LOG(ERR, "port %u: fault injection is experimental: "
			   "probe the port with development=1", port_id);
		return -EPERM;
	}
	return 0;
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_pmd_nicpmd_fault_inject, 26.07)
int
rte_pmd_nicpmd_fault_inject(uint16_t port_id, uint32_t drop_every)
{
	struct nicpmd_aq_fault f = { .drop_every = drop_every };
	struct nicpmd_adapter *ad;
	int ret = fault_port(port_id, &ad);

	return ret < 0 ? ret : nicpmd_aq_fault_inject(&ad->hw, &f);
}

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_pmd_nicpmd_fault_set, 26.07)
int
rte_pmd_nicpmd_fault_set(uint16_t port_id,
			 const struct rte_pmd_nicpmd_fault *f)
{
	struct nicpmd_aq_fault c;
	struct nicpmd_adapter *ad;
	int ret = fault_port(port_id, &ad);

	if (ret < 0)
		return ret;
	if (f == NULL)
		return -EINVAL;
	c.drop_every = f->tx_drop_every;
	c.wb_every = f->rx_wb_every;
	c.wb_kinds = f->rx_wb_kinds;
	c.flags = f->flags;
	return nicpmd_aq_fault_inject(&ad->hw, &c);
}

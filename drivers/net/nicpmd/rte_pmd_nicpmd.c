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

RTE_EXPORT_EXPERIMENTAL_SYMBOL(rte_pmd_nicpmd_fault_inject, 26.07)
int
rte_pmd_nicpmd_fault_inject(uint16_t port_id, uint32_t drop_every)
{
	struct nicpmd_adapter *ad = nicpmd_port(port_id);

	if (ad == NULL)
		return -ENODEV;
	if (!ad->args.development ||
	    !(ad->hw.features & NICPMD_F_EXP_FAULT_INJECT)) {
		NICPMD_LOG(ERR, "port %u: fault injection is experimental: "
			   "probe the port with development=1", port_id);
		return -EPERM;
	}
	return nicpmd_aq_fault_inject(&ad->hw, drop_every);
}

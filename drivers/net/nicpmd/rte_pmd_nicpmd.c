/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* The private API: experimental, development=1 only. */

#include <errno.h>
#include <string.h>

#include "nicpmd.h"
#include "rte_pmd_nicpmd.h"

static struct nicpmd_adapter *
nicpmd_port(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	if (!rte_eth_dev_is_valid_port(port_id))
		return NULL;
	dev = &rte_eth_devices[port_id];
	if (dev->device == NULL || dev->device->driver == NULL ||
	    strcmp(dev->device->driver->name, NICPMD_DRIVER_NAME) != 0)
		return NULL;
	return NICPMD_ADAPTER(dev);
}

int
rte_pmd_nicpmd_fault_inject(uint16_t port_id, uint32_t drop_every)
{
	struct nicpmd_adapter *ad = nicpmd_port(port_id);
	struct nicpmd_aq_fault cmd = { .drop_every = drop_every };

	if (ad == NULL)
		return -ENODEV;
	if (!ad->args.development ||
	    !(ad->hw.features & NICPMD_F_EXP_FAULT_INJECT)) {
		NICPMD_LOG(ERR, "port %u: fault injection is experimental: "
			   "probe the port with development=1", port_id);
		return -EPERM;
	}
	return nicpmd_aq_simple(&ad->hw, NICPMD_AQ_FAULT_INJECT, &cmd,
				sizeof(cmd));
}

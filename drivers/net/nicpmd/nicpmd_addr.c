/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Which frames the port takes: its MAC, the extra unicast MACs and the
 * multicast list in the device's tables, and the promiscuous / all-
 * multicast modes. ethdev keeps the unicast list (data->mac_addrs) and
 * replays it at every start, so a reset device gets it back.
 */

#include <errno.h>
#include <string.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"

static int
rx_mode_set(struct rte_eth_dev *dev, bool promisc, bool allmulti)
{
	uint32_t mode = NICPMD_RX_MODE_BROADCAST;

	if (promisc)
		mode |= NICPMD_RX_MODE_PROMISC;
	if (allmulti)
		mode |= NICPMD_RX_MODE_ALLMULTI;
	return nicpmd_aq_set_rx_mode(&NICPMD_ADAPTER(dev)->hw, mode);
}

/* The modes ethdev records, into the device (port start). */
int
nicpmd_rx_mode_program(struct rte_eth_dev *dev)
{
	return rx_mode_set(dev, dev->data->promiscuous,
			   dev->data->all_multicast);
}

int
nicpmd_promiscuous_enable(struct rte_eth_dev *dev)
{
	return rx_mode_set(dev, true, dev->data->all_multicast);
}

int
nicpmd_promiscuous_disable(struct rte_eth_dev *dev)
{
	return rx_mode_set(dev, false, dev->data->all_multicast);
}

int
nicpmd_allmulticast_enable(struct rte_eth_dev *dev)
{
	return rx_mode_set(dev, dev->data->promiscuous, true);
}

int
nicpmd_allmulticast_disable(struct rte_eth_dev *dev)
{
	return rx_mode_set(dev, dev->data->promiscuous, false);
}

int
nicpmd_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	return nicpmd_aq_set_mac(&NICPMD_ADAPTER(dev)->hw, addr);
}

/* ethdev index 0 is the port MAC (mac_addr_set); 1.. are the table's. */
int
nicpmd_mac_addr_add(struct rte_eth_dev *dev, struct rte_ether_addr *addr,
		    uint32_t index, uint32_t vmdq __rte_unused)
{
	if (index == 0 || index > NICPMD_UC_TABLE_SIZE)
		return -EINVAL;
	if (!rte_is_unicast_ether_addr(addr)) {
		NICPMD_LOG(ERR, "port %u: " RTE_ETHER_ADDR_PRT_FMT " is not a "
			   "unicast address", dev->data->port_id,
			   RTE_ETHER_ADDR_BYTES(addr));
		return -EINVAL;
	}
	return nicpmd_aq_set_addr_filter(&NICPMD_ADAPTER(dev)->hw,
					 NICPMD_ADDR_TABLE_UC, index - 1, addr);
}

void
nicpmd_mac_addr_remove(struct rte_eth_dev *dev, uint32_t index)
{
	if (index == 0 || index > NICPMD_UC_TABLE_SIZE)
		return;
	if (nicpmd_aq_set_addr_filter(&NICPMD_ADAPTER(dev)->hw,
				      NICPMD_ADDR_TABLE_UC, index - 1,
				      NULL) < 0)
		NICPMD_LOG(ERR, "port %u: device kept MAC table entry %u",
			   dev->data->port_id, index);
}

int
nicpmd_set_mc_addr_list(struct rte_eth_dev *dev,
			struct rte_ether_addr *list, uint32_t nb)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint32_t i;
	int ret;

	if (nb > NICPMD_MC_TABLE_SIZE) {
		NICPMD_LOG(ERR, "port %u: %u multicast addresses, the device "
			   "holds %u", dev->data->port_id, nb,
			   NICPMD_MC_TABLE_SIZE);
		return -EINVAL;
	}
	for (i = 0; i < nb; i++)
		if (!rte_is_multicast_ether_addr(&list[i]))
			return -EINVAL;
	/* Kept here too: ethdev replays unicast addresses only. */
	if (nb != 0)	/* list may be NULL when clearing */
		memcpy(ad->mc_list, list, nb * sizeof(*list));
	ad->nb_mc = nb;
	ret = nicpmd_mc_list_program(dev);
	return ret;
}

/* The multicast list into the device (also after a device reset). */
int
nicpmd_mc_list_program(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint32_t i;
	int ret;

	if (!(ad->hw.features & NICPMD_F_MAC_FILTER))
		return 0;
	for (i = 0; i < NICPMD_MC_TABLE_SIZE; i++) {
		ret = nicpmd_aq_set_addr_filter(&ad->hw, NICPMD_ADDR_TABLE_MC,
				i, i < ad->nb_mc ? &ad->mc_list[i] : NULL);
		if (ret < 0)
			return ret;
	}
	return 0;
}

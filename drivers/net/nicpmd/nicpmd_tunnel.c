/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * UDP tunnel ports (F_UDP_TUNNEL): rte_eth_dev_udp_tunnel_port_add/delete
 * program the device's port table, on which its parser recognises VXLAN,
 * VXLAN-GPE and GENEVE and types the inner frame. The table lives in the
 * device: kept across stop and start, back to 4789/VXLAN after a reset.
 */

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"

static int
udp_tunnel_program(struct rte_eth_dev *dev, struct rte_eth_udp_tunnel *t,
		   bool add)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint16_t port = dev->data->port_id;
	uint8_t type;
	int ret;

	if (!(ad->hw.features & NICPMD_F_UDP_TUNNEL)) {
		NICPMD_LOG(ERR, "port %u: the device has no UDP tunnel port "
			   "table (ABI 1.0 types VXLAN on 4789 only)", port);
		return -ENOTSUP;
	}
	switch (t->prot_type) {
	case RTE_ETH_TUNNEL_TYPE_VXLAN:
		type = NICPMD_UDP_TUNNEL_VXLAN;
		break;
	case RTE_ETH_TUNNEL_TYPE_VXLAN_GPE:
		type = NICPMD_UDP_TUNNEL_VXLAN_GPE;
		break;
	case RTE_ETH_TUNNEL_TYPE_GENEVE:
		type = NICPMD_UDP_TUNNEL_GENEVE;
		break;
	default:
		NICPMD_LOG(ERR, "port %u: UDP tunnel type %u not supported "
			   "(VXLAN, VXLAN-GPE, GENEVE)", port, t->prot_type);
		return -ENOTSUP;
	}
	if (t->udp_port == 0) {
		NICPMD_LOG(ERR, "port %u: UDP tunnel port 0", port);
		return -EINVAL;
	}
	ret = nicpmd_aq_set_udp_tunnel(&ad->hw, t->udp_port, type, add);
	if (ret < 0)
		NICPMD_LOG(ERR, "port %u: %s UDP tunnel port %u (type %u): %s%s",
			   port, add ? "adding" : "removing", t->udp_port,
			   t->prot_type, rte_strerror(-ret),
			   ret == -ENOSPC ? " (8 ports at most)" :
			   ret == -EBUSY ? " (the port has another type)" : "");
	return ret;
}

int
nicpmd_udp_tunnel_port_add(struct rte_eth_dev *dev,
			   struct rte_eth_udp_tunnel *t)
{
	return udp_tunnel_program(dev, t, true);
}

int
nicpmd_udp_tunnel_port_del(struct rte_eth_dev *dev,
			   struct rte_eth_udp_tunnel *t)
{
	return udp_tunnel_program(dev, t, false);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* VLAN control: filter table, filter on/off, TPIDs, strip per queue. */

#include <errno.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

static bool
has_vlan(const struct rte_eth_dev *dev)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;

	return ad->hw.features & NICPMD_F_VLAN;
}

int
nicpmd_vlan_filter_set(struct rte_eth_dev *dev, uint16_t vid, int on)
{
	if (!has_vlan(dev))
		return -ENOTSUP;
	if (vid > RTE_ETHER_MAX_VLAN_ID)
		return -EINVAL;
	return nicpmd_aq_set_vlan_filter(&NICPMD_ADAPTER(dev)->hw, vid, on != 0);
}

/* Port VLAN configuration (filter, extend, TPIDs) to the device. */
static int
vlan_config(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint32_t flags = 0;

	if (dev->data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_FILTER)
		flags |= NICPMD_VLAN_CFG_FILTER;
	if (dev->data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_EXTEND)
		flags |= NICPMD_VLAN_CFG_EXTEND;
	return nicpmd_aq_set_vlan_config(&ad->hw, flags, ad->inner_tpid,
					 ad->outer_tpid);
}

/* A started queue's strip flags to the device. */
static int
rxq_flags_update(struct rte_eth_dev *dev, struct nicpmd_rx_queue *rxq)
{
	rxq->hw_flags = nicpmd_rxq_hw_flags(dev, rxq);
	if (dev->data->rx_queue_state[rxq->queue_id] !=
	    RTE_ETH_QUEUE_STATE_STARTED)
		return 0;	/* applied when the queue is created */
	return nicpmd_aq_set_rxq_flags(rxq->hw, rxq->queue_id,
				       rxq->hw_flags & NICPMD_RXQ_F_LIVE);
}

void
nicpmd_vlan_strip_queue_set(struct rte_eth_dev *dev, uint16_t qid, int on)
{
	struct nicpmd_rx_queue *rxq = dev->data->rx_queues[qid];

	if (rxq == NULL || !has_vlan(dev))
		return;
	if (on)
		rxq->offloads |= RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
	else
		rxq->offloads &= ~RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
	if (rxq_flags_update(dev, rxq) < 0)
		NICPMD_LOG(ERR, "port %u rxq %u: device refused VLAN strip %s",
			   dev->data->port_id, qid, on ? "on" : "off");
}

/*
 * rte_eth_dev_set_vlan_offload(): ethdev has already updated
 * rxmode.offloads; strip settings apply to every queue.
 */
int
nicpmd_vlan_offload_set(struct rte_eth_dev *dev, int mask)
{
	uint64_t off = dev->data->dev_conf.rxmode.offloads;
	uint16_t i;
	int ret;

	if (!has_vlan(dev))
		return -ENOTSUP;
	if (mask & (RTE_ETH_VLAN_FILTER_MASK | RTE_ETH_VLAN_EXTEND_MASK)) {
		ret = vlan_config(dev);
		if (ret < 0)
			return ret;
	}
	if (mask & (RTE_ETH_VLAN_STRIP_MASK | RTE_ETH_QINQ_STRIP_MASK)) {
		for (i = 0; i < dev->data->nb_rx_queues; i++) {
			struct nicpmd_rx_queue *rxq = dev->data->rx_queues[i];
			uint64_t strip = RTE_ETH_RX_OFFLOAD_VLAN_STRIP |
				RTE_ETH_RX_OFFLOAD_QINQ_STRIP;

			if (rxq == NULL)
				continue;
			rxq->offloads = (rxq->offloads & ~strip) | (off & strip);
			ret = rxq_flags_update(dev, rxq);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

int
nicpmd_vlan_tpid_set(struct rte_eth_dev *dev, enum rte_vlan_type type,
		     uint16_t tpid)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint16_t old_inner = ad->inner_tpid, old_outer = ad->outer_tpid;
	int ret;

	if (!has_vlan(dev))
		return -ENOTSUP;
	if (tpid == 0)
		return -EINVAL;
	switch (type) {
	case RTE_ETH_VLAN_TYPE_INNER:
		ad->inner_tpid = tpid;
		break;
	case RTE_ETH_VLAN_TYPE_OUTER:
		if (!(ad->hw.features & NICPMD_F_QINQ))
			return -ENOTSUP;
		ad->outer_tpid = tpid;
		break;
	default:
		return -EINVAL;
	}
	ret = vlan_config(dev);
	if (ret < 0) {
		ad->inner_tpid = old_inner;
		ad->outer_tpid = old_outer;
	}
	return ret;
}

/* At start: the port VLAN settings the device must hold. */
int
nicpmd_vlan_apply(struct rte_eth_dev *dev)
{
	return has_vlan(dev) ? vlan_config(dev) : 0;
}

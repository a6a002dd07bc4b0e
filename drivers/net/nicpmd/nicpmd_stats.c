/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Statistics from the device's counters (GET_STATS). Basic stats fold
 * them into ethdev's fields; extended stats give each its own name. The
 * device's counters never clear, so both share one baseline, taken at
 * reset: either reset zeroes both.
 */

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_flow.h"
#include "nicpmd_rxtx.h"

/*
 * The driver's own count: Rx write-backs it refused as impossible (see
 * nicpmd_rxd_ok()), frames the device delivered wrong.
 */
static uint64_t
rx_bad_writebacks(const struct rte_eth_dev *dev)
{
	uint64_t n = 0;
	uint16_t q;

	for (q = 0; q < dev->data->nb_rx_queues; q++) {
		const struct nicpmd_rx_queue *rxq = dev->data->rx_queues[q];

		if (rxq != NULL)
			n += rxq->bad_wb;
	}
	return n;
}

int
nicpmd_stats_get(NICPMD_STATS_GET_PARAMS)
{
	nicpmd_eth_qstats *qs = NICPMD_QSTATS;
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct nicpmd_hw_stats *b = &ad->stats_base.hw;
	const struct nicpmd_hw_stats_ext *be = &ad->stats_base.ext;
	struct nicpmd_stats all;
	const struct nicpmd_hw_stats *sp = &all.hw;
	const struct nicpmd_hw_stats_ext *e = &all.ext;
	unsigned int q;
	int ret;

	ret = nicpmd_aq_get_stats(&ad->hw, &all);
	if (ret < 0)
		return ret;
	stats->ipackets = sp->rx_packets - b->rx_packets;
	stats->ibytes = sp->rx_bytes - b->rx_bytes;
	stats->imissed = (sp->rx_no_buffer - b->rx_no_buffer) +
		(sp->rx_port_down - b->rx_port_down) +
		(e->rx_wire_drops - be->rx_wire_drops);
	/* Checksum-bad frames are delivered (flagged), not errors here. */
	stats->ierrors = (sp->rx_oversize - b->rx_oversize) +
		(sp->rx_too_long - b->rx_too_long) + (sp->rx_runt - b->rx_runt) +
		(sp->rx_buf_errors - b->rx_buf_errors) +
		(e->rx_wire_errors - be->rx_wire_errors) +
		rx_bad_writebacks(dev);
	stats->opackets = sp->tx_packets - b->tx_packets;
	stats->obytes = sp->tx_bytes - b->tx_bytes;
	stats->oerrors = (sp->tx_bad_desc - b->tx_bad_desc) +
		(sp->tx_link_down - b->tx_link_down) +
		(sp->tx_fault_drops - b->tx_fault_drops) +
		(e->tx_wire_drops - be->tx_wire_drops);
	stats->rx_nombuf = dev->data->rx_mbuf_alloc_failed;
	if (qs == NULL)
		return 0;
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < sp->nb_rxq; q++) {
		qs->q_ipackets[q] = sp->rxq[q].packets - b->rxq[q].packets;
		qs->q_ibytes[q] = sp->rxq[q].bytes - b->rxq[q].bytes;
		qs->q_errors[q] = sp->rxq[q].drops - b->rxq[q].drops;
	}
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < sp->nb_txq; q++) {
		qs->q_opackets[q] = sp->txq[q].packets - b->txq[q].packets;
		qs->q_obytes[q] = sp->txq[q].bytes - b->txq[q].bytes;
	}
	return 0;
}

int
nicpmd_stats_reset(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint16_t q;
	int ret;

	ret = nicpmd_aq_get_stats(&ad->hw, &ad->stats_base);
	if (ret == 0)
		ret = nicpmd_fc_xstats_reset(dev);
	if (ret == 0)
		ret = nicpmd_flow_xstats_reset(dev);
	if (ret == 0)
		ret = nicpmd_split_xstats_reset(dev);
	if (ret != 0)
		return ret;
	dev->data->rx_mbuf_alloc_failed = 0;
	for (q = 0; q < dev->data->nb_rx_queues; q++) {
		struct nicpmd_rx_queue *rxq = dev->data->rx_queues[q];

		if (rxq != NULL)
			rxq->bad_wb = 0;
	}
	return 0;
}

struct nicpmd_xstat {
	const char *name;
	size_t offset;		/* into struct nicpmd_stats */
	uint64_t feature;	/* listed only with this negotiated; 0: always */
};

#define X(n, f) { n, offsetof(struct nicpmd_stats, hw.f), 0 }
#define X_EXT(n, f) { n, offsetof(struct nicpmd_stats, ext.f), \
		      NICPMD_F_STATS_EXT }
static const struct nicpmd_xstat nicpmd_xstats[] = {
	X("rx_no_buffer_drops", rx_no_buffer),
	X("rx_mac_filter_drops", rx_filtered),
	X("rx_vlan_filter_drops", rx_vlan_filtered),
	X("rx_mtu_exceeded_errors", rx_oversize),
	X("rx_too_long_no_scatter_errors", rx_too_long),
	X("rx_runt_errors", rx_runt),
	X("rx_port_down_drops", rx_port_down),
	X("rx_buffer_errors", rx_buf_errors),
	X("rx_l3_checksum_errors", rx_l3_csum_bad),
	X("rx_l4_checksum_errors", rx_l4_csum_bad),
	X("tx_bad_descriptor_drops", tx_bad_desc),
	X("tx_link_down_drops", tx_link_down),
	X("tx_fault_injection_drops", tx_fault_drops),
	X("tx_tso_segments", tx_tso_frames),
	X("link_changes", link_changes),
	X_EXT("rx_wire_errors", rx_wire_errors),
	X_EXT("rx_wire_resyncs", rx_wire_resyncs),
	X_EXT("tx_wire_drops", tx_wire_drops),
	X_EXT("wire_handshake_errors", wire_handshake_errors),
	X_EXT("rx_wire_drops", rx_wire_drops),
};
#undef X
#undef X_EXT

/* The xstats this port has: those whose feature was negotiated. */
static unsigned int
xstats_avail(const struct rte_eth_dev *dev, const struct nicpmd_xstat **out)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;
	unsigned int i, n = 0;

	for (i = 0; i < RTE_DIM(nicpmd_xstats); i++) {
		const struct nicpmd_xstat *x = &nicpmd_xstats[i];

		if (x->feature != 0 && !(ad->hw.features & x->feature))
			continue;
		if (out != NULL)
			out[n] = x;
		n++;
	}
	return n;
}

static uint64_t
counter(const struct nicpmd_stats *s, size_t offset)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)s + offset, sizeof(v));
	return v;
}

int
nicpmd_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		  unsigned int n)
{
	const struct nicpmd_xstat *list[RTE_DIM(nicpmd_xstats)];
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	unsigned int i, nb = xstats_avail(dev, list);
	struct nicpmd_stats s;
	int ret;
	/* The device's, the driver's own, flow control's, the flow table's,
	 * buffer split's.
	 */
	unsigned int nb_fc = nicpmd_fc_xstats_count(dev);
	unsigned int nb_flow = nicpmd_flow_xstats_count(dev);
	unsigned int total = nb + 1 + nb_fc + nb_flow +
		nicpmd_split_xstats_count(dev);
	uint64_t flow[8];
	unsigned int k;

	if (n < total)
		return total;
	ret = nicpmd_aq_get_stats(&ad->hw, &s);
	if (ret < 0)
		return ret;
	for (i = 0; i < nb; i++) {
		size_t off = list[i]->offset;

		xstats[i].id = i;
		xstats[i].value = counter(&s, off) -
			counter(&ad->stats_base, off);
	}
	xstats[i].id = i;
	xstats[i].value = rx_bad_writebacks(dev);
	i++;
	ret = nicpmd_fc_xstats_get(dev, xstats + i, i);
	if (ret < 0)
		return ret;
	i += nb_fc;
	RTE_ASSERT(nb_flow <= RTE_DIM(flow));
	ret = nicpmd_flow_xstats_get(dev, flow);
	if (ret < 0)
		return ret;
	for (k = 0; k < nb_flow; k++, i++) {
		xstats[i].id = i;
		xstats[i].value = k < (unsigned int)ret ? flow[k] : 0;
	}
	ret = nicpmd_split_xstats_get(dev, xstats + i, i);
	return ret < 0 ? ret : (int)total;
}

int
nicpmd_xstats_get_names(struct rte_eth_dev *dev,
			struct rte_eth_xstat_name *names, unsigned int size)
{
	const struct nicpmd_xstat *list[RTE_DIM(nicpmd_xstats)];
	unsigned int i, nb = xstats_avail(dev, list);
	unsigned int nb_fc = nicpmd_fc_xstats_count(dev);
	unsigned int nb_flow = nicpmd_flow_xstats_count(dev);
	unsigned int total = nb + 1 + nb_fc + nb_flow +
		nicpmd_split_xstats_count(dev);

	if (names == NULL || size < total)
		return total;
	for (i = 0; i < nb; i++)
		snprintf(names[i].name, sizeof(names[i].name), "%s",
			 list[i]->name);
	snprintf(names[i].name, sizeof(names[i].name), "rx_bad_writebacks");
	i++;
	nicpmd_fc_xstats_names(dev, names + i);
	nicpmd_flow_xstats_names(dev, names + i + nb_fc);
	nicpmd_split_xstats_names(dev, names + i + nb_fc + nb_flow);
	return total;
}

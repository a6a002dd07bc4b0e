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

int
nicpmd_stats_get(NICPMD_STATS_GET_PARAMS)
{
	nicpmd_eth_qstats *qs = NICPMD_QSTATS;
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct nicpmd_hw_stats *b = &ad->stats_base;
	struct nicpmd_hw_stats s;
	unsigned int q;
	int ret;

	ret = nicpmd_aq_get_stats(&ad->hw, &s);
	if (ret < 0)
		return ret;
	stats->ipackets = s.rx_packets - b->rx_packets;
	stats->ibytes = s.rx_bytes - b->rx_bytes;
	stats->imissed = (s.rx_no_buffer - b->rx_no_buffer) +
		(s.rx_port_down - b->rx_port_down);
	/* Checksum-bad frames are delivered (flagged), not errors here. */
	stats->ierrors = (s.rx_oversize - b->rx_oversize) +
		(s.rx_too_long - b->rx_too_long) + (s.rx_runt - b->rx_runt) +
		(s.rx_buf_errors - b->rx_buf_errors);
	stats->opackets = s.tx_packets - b->tx_packets;
	stats->obytes = s.tx_bytes - b->tx_bytes;
	stats->oerrors = (s.tx_bad_desc - b->tx_bad_desc) +
		(s.tx_link_down - b->tx_link_down) +
		(s.tx_fault_drops - b->tx_fault_drops);
	stats->rx_nombuf = dev->data->rx_mbuf_alloc_failed;
	if (qs == NULL)
		return 0;
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < s.nb_rxq; q++) {
		qs->q_ipackets[q] = s.rxq[q].packets - b->rxq[q].packets;
		qs->q_ibytes[q] = s.rxq[q].bytes - b->rxq[q].bytes;
		qs->q_errors[q] = s.rxq[q].drops - b->rxq[q].drops;
	}
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < s.nb_txq; q++) {
		qs->q_opackets[q] = s.txq[q].packets - b->txq[q].packets;
		qs->q_obytes[q] = s.txq[q].bytes - b->txq[q].bytes;
	}
	return 0;
}

int
nicpmd_stats_reset(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	int ret;

	ret = nicpmd_aq_get_stats(&ad->hw, &ad->stats_base);
	if (ret == 0)
		ret = nicpmd_fc_xstats_reset(dev);
	if (ret == 0)
		dev->data->rx_mbuf_alloc_failed = 0;
	return ret;
}

struct nicpmd_xstat {
	const char *name;
	size_t offset;		/* into struct nicpmd_hw_stats */
};

#define X(n, f) { n, offsetof(struct nicpmd_hw_stats, f) }
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
};
#undef X

static uint64_t
counter(const struct nicpmd_hw_stats *s, size_t offset)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)s + offset, sizeof(v));
	return v;
}

int
nicpmd_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		  unsigned int n)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_hw_stats s;
	unsigned int i;
	int ret;

	unsigned int total = RTE_DIM(nicpmd_xstats) +
		nicpmd_fc_xstats_count(dev);

	if (n < total)
		return total;
	ret = nicpmd_aq_get_stats(&ad->hw, &s);
	if (ret < 0)
		return ret;
	for (i = 0; i < RTE_DIM(nicpmd_xstats); i++) {
		size_t off = nicpmd_xstats[i].offset;

		xstats[i].id = i;
		xstats[i].value = counter(&s, off) -
			counter(&ad->stats_base, off);
	}
	ret = nicpmd_fc_xstats_get(dev, xstats + i, i);
	return ret < 0 ? ret : (int)total;
}

int
nicpmd_xstats_get_names(struct rte_eth_dev *dev,
			struct rte_eth_xstat_name *names, unsigned int size)
{
	unsigned int i, total = RTE_DIM(nicpmd_xstats) +
		nicpmd_fc_xstats_count(dev);

	if (names == NULL || size < total)
		return total;
	for (i = 0; i < RTE_DIM(nicpmd_xstats); i++)
		snprintf(names[i].name, sizeof(names[i].name), "%s",
			 nicpmd_xstats[i].name);
	nicpmd_fc_xstats_names(dev, names + i);
	return total;
}

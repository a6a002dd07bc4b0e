/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The plain Rx burst, descriptor-level introspection, and the choice of
 * Rx burst for a port (the offload bursts are in nicpmd_rx_offload.c).
 */

#include <errno.h>
#include <stdio.h>

#include <rte_mbuf.h>
#include <rte_prefetch.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

uint16_t
nicpmd_recv_pkts(void *rx_queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	volatile union nicpmd_rx_desc *ring = rxq->ring;
	uint16_t idx = rxq->next, nb = 0;
	/*
	 * Only posted buffers can hold news: a slot consumed but not yet
	 * refilled still shows its old DD.
	 */
	uint16_t left = rxq->nb_desc - rxq->nb_hold;

	/* Applications poll stopped queues too (testpmd does). */
	if (unlikely(!rxq->running))
		return 0;

	while (nb < nb_pkts && left != 0) {
		volatile struct nicpmd_rx_desc_wb *wb = &ring[idx].wb;
		struct rte_mbuf *m;
		uint32_t status, meta;
		uint16_t len, pt;

		status = nicpmd_rxd_status(wb);
		if (!(status & NICPMD_RXD_DD))
			break;
		left--;
		len = wb->len;
		m = rxq->sw_ring[idx];
		rxq->sw_ring[idx] = NULL;
		/* The header of a buffer posted a ring ago is cold: ask early. */
		rte_prefetch0_write(rxq->sw_ring[(idx + 4) & rxq->mask]);
		idx = (idx + 1) & rxq->mask;
		if (unlikely((status & NICPMD_RXD_ERR) ||
			     !nicpmd_rxd_ok(rxq, status, len, false))) {
			/* ERR: the device could not use it, counted there. */
			rte_mbuf_raw_free(m);
			rxq->nb_hold++;
			continue;
		}
		*(uint64_t *)&m->rearm_data = rxq->mbuf_initializer;
		m->pkt_len = len;
		m->data_len = len;
		pt = wb->ptype;
		/* A tunnel's inner types come in the status word. */
		meta = (status & ~(NICPMD_RXD_DD | NICPMD_RXD_EOP)) |
			(pt & NICPMD_PTYPE_TUN);
		if (likely(meta == 0)) {
			m->ol_flags = 0;
			m->packet_type = nicpmd_outer_ptype(pt);
		} else if (meta == NICPMD_RXD_RSS_VALID) {
			/* Multi-queue RSS: the hash is all there is to add. */
			m->hash.rss = wb->rss_hash;
			m->ol_flags = rxq->rss_flag;
			m->packet_type = nicpmd_outer_ptype(pt);
		} else {
			/* Tunnels; offloads turned on while running. */
			nicpmd_rx_meta(rxq, m, wb, status);
		}
		pkts[nb++] = m;
	}
	rxq->next = idx;
	rxq->nb_hold += nb;
	if (nb == 0)
		nicpmd_rx_poll_empty(rxq);
	nicpmd_rxq_replenish(rxq);
	return nb;
}

/* Frames the device delivered that the application has not read yet. */
nicpmd_rx_queue_count_t
nicpmd_rx_queue_count(void *rx_queue)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	uint32_t n, posted = rxq->nb_desc - rxq->nb_hold;

	for (n = 0; n < posted; n++)
		if (!(nicpmd_rxd_status(nicpmd_rxq_wb(rxq, (rxq->next + n) &
						     rxq->mask)) &
		      NICPMD_RXD_DD))
			break;
	return n;
}

int
nicpmd_rx_descriptor_status(void *rx_queue, uint16_t offset)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	uint16_t idx;

	if (offset >= rxq->nb_desc)
		return -EINVAL;
	/* Consumed slots not yet given back to the device. */
	if (offset >= rxq->nb_desc - rxq->nb_hold)
		return RTE_ETH_RX_DESC_UNAVAIL;
	idx = (rxq->next + offset) & rxq->mask;
	return (nicpmd_rxd_status(nicpmd_rxq_wb(rxq, idx)) & NICPMD_RXD_DD) ?
		RTE_ETH_RX_DESC_DONE : RTE_ETH_RX_DESC_AVAIL;
}

/*
 * The Rx bursts, cheapest first. A port gets the first whose "chosen"
 * flags (NICPMD_RXQ_F_*) cover what all its queues ask at start. A queue
 * started later needs only flags the running burst "accepts": the plain
 * burst still handles a write-back that carries metadata (VLAN strip
 * turned on while running), just not at its best speed; only scatter
 * needs a burst of its own.
 */
static const struct {
	eth_rx_burst_t burst;
	const char *name;
	uint16_t chosen;
	uint16_t accepts;
} rx_bursts[] = {
	{ nicpmd_recv_pkts, "Scalar", NICPMD_RXQ_F_PTYPE, NICPMD_RXQ_F_LIVE },
	{ nicpmd_recv_pkts_offload, "Scalar offload", NICPMD_RXQ_F_LIVE,
	  NICPMD_RXQ_F_LIVE },
	{ nicpmd_recv_scattered_pkts, "Scalar scattered",
	  NICPMD_RXQ_F_LIVE | NICPMD_RXQ_F_SCATTER,
	  NICPMD_RXQ_F_LIVE | NICPMD_RXQ_F_SCATTER },
	/* Buffer split queues; the port's plain ones go to "scattered". */
	{ nicpmd_recv_split_pkts, "Scalar buffer split",
	  NICPMD_RXQ_F_LIVE | NICPMD_RXQ_F_SCATTER | NICPMD_RXQ_SW_SPLIT,
	  NICPMD_RXQ_F_LIVE | NICPMD_RXQ_F_SCATTER | NICPMD_RXQ_SW_SPLIT },
};

static unsigned int
rx_burst_for(uint16_t flags)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(rx_bursts) - 1; i++)
		if ((flags & ~rx_bursts[i].chosen) == 0)
			break;
	return i;
}

void
nicpmd_rx_burst_select(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct rte_eth_dev_data *data = dev->data;
	uint16_t flags = 0, i;

	for (i = 0; i < data->nb_rx_queues; i++)
		flags |= ((const struct nicpmd_rx_queue *)
			  data->rx_queues[i])->hw_flags;
	ad->rx_burst = rx_burst_for(flags);
	dev->rx_pkt_burst = rx_bursts[ad->rx_burst].burst;
	/* Split queues deliver chains too. */
	data->scattered_rx = (flags & (NICPMD_RXQ_F_SCATTER |
				       NICPMD_RXQ_SW_SPLIT)) != 0;
	dev->rx_queue_count = nicpmd_rx_queue_count;
	dev->rx_descriptor_status = nicpmd_rx_descriptor_status;
}

bool
nicpmd_rx_burst_fits(const struct rte_eth_dev *dev,
		     const struct nicpmd_rx_queue *rxq)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;

	return (rxq->hw_flags & ~rx_bursts[ad->rx_burst].accepts) == 0;
}

int
nicpmd_rx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid __rte_unused,
			 struct rte_eth_burst_mode *mode)
{
	const struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);

	snprintf(mode->info, sizeof(mode->info), "%s",
		 rx_bursts[ad->rx_burst].name);
	return 0;
}

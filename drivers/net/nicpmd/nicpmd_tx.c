/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The plain Tx burst, descriptor-level introspection, and the choice of
 * Tx burst for a port (the offload burst is in nicpmd_tx_offload.c).
 */

#include <errno.h>
#include <stdio.h>

#include <rte_mbuf.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

uint16_t
nicpmd_xmit_pkts(void *tx_queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct nicpmd_tx_queue *txq = tx_queue;
	uint16_t rs_mask = txq->rs_thresh - 1;
	uint32_t tail = txq->tail;
	uint16_t nb;

	if (!nicpmd_txq_begin(txq))
		return 0;

	for (nb = 0; nb < nb_pkts; nb++) {
		struct rte_mbuf *m = pkts[nb];
		uint16_t nb_segs = m->nb_segs;

		/* Fast path: one segment, room for it, no offload fields. */
		if (likely(nb_segs == 1 && txq->nb_free != 0)) {
			uint16_t idx = tail & txq->mask;
			uint16_t cmd = NICPMD_TXD_EOP;

			if ((idx & rs_mask) == rs_mask)
				cmd |= NICPMD_TXD_RS;
			nicpmd_txd_fill(&txq->ring[idx], rte_mbuf_data_iova(m),
					nicpmd_txd_word1(m->data_len, cmd,
							 0, 0, 0),
					0, nicpmd_txd_word3(m->pkt_len));
			txq->sw_ring[idx] = m;
			tail++;
			txq->nb_free--;
			continue;
		}
		txq->multi_seg |= nb_segs > 1;
		if (!nicpmd_txq_room(txq, nb_segs))
			break;
		tail = nicpmd_tx_put_segs(txq, m, tail, 0, false);
		txq->nb_free -= nb_segs;
	}
	if (nb != 0)
		nicpmd_txq_doorbell(txq, tail);
	return nb;
}

/*
 * offset counts from the next descriptor the driver will fill. Free
 * slots come first; then the oldest in flight, done once the RS
 * descriptor closing their batch has DD.
 */
int
nicpmd_tx_descriptor_status(void *tx_queue, uint16_t offset)
{
	struct nicpmd_tx_queue *txq = tx_queue;
	uint16_t slot, rs_mask = txq->rs_thresh - 1;

	if (offset >= txq->nb_desc)
		return -EINVAL;
	if (offset < txq->nb_free)
		return RTE_ETH_TX_DESC_DONE;
	slot = (txq->tail + offset) & txq->mask;
	return (nicpmd_txd_status(&txq->ring[slot | rs_mask]) &
		NICPMD_TXD_DD) ? RTE_ETH_TX_DESC_DONE : RTE_ETH_TX_DESC_FULL;
}

/* Free what the device is done with; the number of mbufs freed. */
int
nicpmd_tx_done_cleanup(void *tx_queue, uint32_t free_cnt __rte_unused)
{
	struct nicpmd_tx_queue *txq = tx_queue;
	uint16_t before = txq->nb_free;

	nicpmd_txq_cleanup(txq);
	return txq->nb_free - before;
}

/*
 * The Tx bursts, cheapest first, with the queue offloads each can carry:
 * a port gets the first that covers all its queues, and a queue started
 * later must fit the one running.
 */
static const struct {
	eth_tx_burst_t burst;
	const char *name;
	uint64_t offloads;
} tx_bursts[] = {
	{ nicpmd_xmit_pkts, "Scalar", 0 },
	{ nicpmd_xmit_pkts_offload, "Scalar offload",
	  NICPMD_TX_OFFLOAD_FIELDS },
};

void
nicpmd_tx_burst_select(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct rte_eth_dev_data *data = dev->data;
	uint64_t need = 0;
	unsigned int b;
	uint16_t i;

	for (i = 0; i < data->nb_tx_queues; i++)
		need |= ((const struct nicpmd_tx_queue *)
			 data->tx_queues[i])->offloads &
			NICPMD_TX_OFFLOAD_FIELDS;
	for (b = 0; b < RTE_DIM(tx_bursts) - 1; b++)
		if ((need & ~tx_bursts[b].offloads) == 0)
			break;
	ad->tx_burst = b;
	dev->tx_pkt_burst = tx_bursts[b].burst;
	dev->tx_pkt_prepare = nicpmd_prep_pkts;
	dev->tx_descriptor_status = nicpmd_tx_descriptor_status;
}

bool
nicpmd_tx_burst_fits(const struct rte_eth_dev *dev,
		     const struct nicpmd_tx_queue *txq)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;

	return (txq->offloads & NICPMD_TX_OFFLOAD_FIELDS &
		~tx_bursts[ad->tx_burst].offloads) == 0;
}

int
nicpmd_tx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid __rte_unused,
			 struct rte_eth_burst_mode *mode)
{
	const struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);

	snprintf(mode->info, sizeof(mode->info), "%s",
		 tx_bursts[ad->tx_burst].name);
	return 0;
}

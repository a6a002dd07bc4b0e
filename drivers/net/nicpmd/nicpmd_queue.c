/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Per-queue control: start/stop of one queue while the port runs (the
 * device creates or destroys just that queue), and the descriptor-level
 * introspection ethdev offers: Rx queue count, Rx/Tx descriptor status,
 * Tx done cleanup.
 */

#include <errno.h>

#include "nicpmd.h"

int
nicpmd_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct nicpmd_rx_queue *rxq = dev->data->rx_queues[qid];
	int ret;

	rxq->hw_flags = nicpmd_rxq_hw_flags(dev, rxq);
	/* The burst was chosen at port start; scatter needs its own. */
	if ((rxq->hw_flags & NICPMD_RXQ_F_SCATTER) &&
	    !dev->data->scattered_rx) {
		NICPMD_LOG(ERR, "port %u rxq %u: needs scattered Rx, which the "
			   "port did not start with", dev->data->port_id, qid);
		return -EINVAL;
	}
	ret = nicpmd_rxq_fits_mtu(rxq, dev->data->mtu);
	if (ret < 0)
		return ret;
	ret = nicpmd_rx_queue_hw_start(rxq);
	if (ret == 0)
		dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return ret;
}

int
nicpmd_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	if (dev->data->rx_queue_state[qid] == RTE_ETH_QUEUE_STATE_STARTED)
		nicpmd_rx_queue_hw_stop(dev->data->rx_queues[qid]);
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

int
nicpmd_tx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct nicpmd_tx_queue *txq = dev->data->tx_queues[qid];
	int ret;

	if ((txq->offloads & NICPMD_TX_OFFLOAD_FIELDS) &&
	    dev->tx_pkt_burst != nicpmd_xmit_pkts_offload) {
		NICPMD_LOG(ERR, "port %u txq %u: has Tx offloads the port did "
			   "not start with", dev->data->port_id, qid);
		return -EINVAL;
	}
	ret = nicpmd_tx_queue_hw_start(txq);
	if (ret == 0)
		dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return ret;
}

int
nicpmd_tx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	if (dev->data->tx_queue_state[qid] == RTE_ETH_QUEUE_STATE_STARTED)
		nicpmd_tx_queue_hw_stop(dev->data->tx_queues[qid]);
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

/* Frames the device delivered that the application has not read yet. */
uint32_t
nicpmd_rx_queue_count(void *rx_queue)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	uint32_t n, posted = rxq->nb_desc - rxq->nb_hold;

	for (n = 0; n < posted; n++) {
		volatile union nicpmd_rx_desc *d =
			&rxq->ring[(rxq->next + n) & rxq->mask];

		if (!(__atomic_load_n(&d->wb.status, __ATOMIC_ACQUIRE) &
		      NICPMD_RXD_DD))
			break;
	}
	return n;
}

int
nicpmd_rx_descriptor_status(void *rx_queue, uint16_t offset)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	volatile union nicpmd_rx_desc *d;

	if (offset >= rxq->nb_desc)
		return -EINVAL;
	/* Consumed slots not yet given back to the device. */
	if (offset >= rxq->nb_desc - rxq->nb_hold)
		return RTE_ETH_RX_DESC_UNAVAIL;
	d = &rxq->ring[(rxq->next + offset) & rxq->mask];
	return (__atomic_load_n(&d->wb.status, __ATOMIC_ACQUIRE) &
		NICPMD_RXD_DD) ? RTE_ETH_RX_DESC_DONE : RTE_ETH_RX_DESC_AVAIL;
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
	return (__atomic_load_n(&txq->ring[slot | rs_mask].status,
				__ATOMIC_ACQUIRE) & NICPMD_TXD_DD) ?
		RTE_ETH_TX_DESC_DONE : RTE_ETH_TX_DESC_FULL;
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

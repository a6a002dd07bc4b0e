/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx queues: one descriptor per mbuf segment, EOP on a packet's last.
 * RS is set on every rs_thresh-th ring slot; the device writes DD there
 * once it has read everything up to that slot, and the driver then frees
 * that whole batch of rs_thresh segments at once.
 */

#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "nicpmd.h"

static void
txq_free(struct nicpmd_tx_queue *txq)
{
	if (txq == NULL)
		return;
	rte_memzone_free(txq->mz);
	rte_free(txq->sw_ring);
	rte_free(txq);
}

void
nicpmd_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	txq_free(dev->data->tx_queues[qid]);
	dev->data->tx_queues[qid] = NULL;
}

int
nicpmd_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		      unsigned int socket, const struct rte_eth_txconf *conf)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	struct nicpmd_tx_queue *txq;
	uint16_t rs_thresh, free_thresh;

	if (!rte_is_power_of_2(nb_desc) || nb_desc < hw->min_ring ||
	    nb_desc > hw->max_ring) {
		NICPMD_LOG(ERR, "txq %u: %u descriptors: need a power of two "
			   "in [%u, %u]", qid, nb_desc, hw->min_ring,
			   hw->max_ring);
		return -EINVAL;
	}
	rs_thresh = conf->tx_rs_thresh != 0 ? conf->tx_rs_thresh :
		NICPMD_TX_RS_THRESH;
	free_thresh = conf->tx_free_thresh != 0 ? conf->tx_free_thresh :
		NICPMD_TX_RS_THRESH;
	if (!rte_is_power_of_2(rs_thresh) || rs_thresh >= nb_desc ||
	    rs_thresh > NICPMD_TX_RS_MAX) {
		NICPMD_LOG(ERR, "txq %u: tx_rs_thresh %u must be a power of two "
			   "below the ring size %u and at most %u", qid,
			   rs_thresh, nb_desc, NICPMD_TX_RS_MAX);
		return -EINVAL;
	}
	if (free_thresh >= nb_desc) {
		NICPMD_LOG(ERR, "txq %u: tx_free_thresh %u must be below the "
			   "ring size %u", qid, free_thresh, nb_desc);
		return -EINVAL;
	}

	if (dev->data->tx_queues[qid] != NULL)
		nicpmd_tx_queue_release(dev, qid);

	txq = rte_zmalloc_socket("nicpmd_txq", sizeof(*txq),
				 RTE_CACHE_LINE_SIZE, socket);
	if (txq == NULL)
		return -ENOMEM;
	txq->sw_ring = rte_zmalloc_socket("nicpmd_txq_sw",
			sizeof(*txq->sw_ring) * nb_desc, RTE_CACHE_LINE_SIZE,
			socket);
	txq->mz = rte_eth_dma_zone_reserve(dev, "tx_ring", qid,
			sizeof(struct nicpmd_tx_desc) * nb_desc,
			RTE_CACHE_LINE_SIZE, socket);
	if (txq->sw_ring == NULL || txq->mz == NULL) {
		txq_free(txq);
		return -ENOMEM;
	}
	txq->ring = txq->mz->addr;
	txq->hw = hw;
	txq->nb_desc = nb_desc;
	txq->mask = nb_desc - 1;
	txq->rs_thresh = rs_thresh;
	txq->free_thresh = free_thresh;
	txq->port_id = dev->data->port_id;
	txq->queue_id = qid;
	txq->deferred = conf->tx_deferred_start;
	txq->offloads = conf->offloads | dev->data->dev_conf.txmode.offloads;
	txq->fast_free = txq->offloads & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;

	dev->data->tx_queues[qid] = txq;
	return 0;
}

/*
 * Fill a descriptor with four 8-byte stores rather than a dozen narrow
 * ones; the layout is fixed by the spec (little-endian). Offload fields
 * (mss, header lengths, VLAN tags) are zero: no offloads requested.
 */
static __rte_always_inline void
txd_write(volatile struct nicpmd_tx_desc *d, uint64_t addr, uint16_t len,
	  uint16_t cmd, uint32_t pkt_len)
{
	volatile uint64_t *q = (volatile uint64_t *)d;

	q[0] = addr;
	q[1] = len | (uint64_t)cmd << 16;
	q[2] = 0;
	q[3] = pkt_len;		/* status (upper half) cleared */
}

/*
 * Free one done batch. With MBUF_FAST_FREE the application promised one
 * pool and no other references: one bulk put. Otherwise each segment is
 * released properly and same-pool runs are put in bulk.
 */
static inline void
txq_free_batch(struct nicpmd_tx_queue *txq, struct rte_mbuf **slot,
	       uint16_t n)
{
	struct rte_mbuf *put[NICPMD_TX_RS_MAX];
	struct rte_mempool *mp = NULL;
	uint16_t i, k = 0;

	if (txq->fast_free && !txq->multi_seg) {
		/*
		 * Only single-segment packets ever sent: every slot holds a
		 * whole, pool-ready mbuf. Not touching them saves a miss each.
		 */
		rte_mempool_put_bulk(slot[0]->pool, (void **)slot, n);
		memset(slot, 0, n * sizeof(*slot));
		return;
	}
	if (txq->fast_free) {
		/* Every slot of a done batch holds a segment. */
		for (i = 0; i < n; i++) {
			put[i] = slot[i];
			if (put[i]->next != NULL) {	/* pool invariants */
				put[i]->next = NULL;
				put[i]->nb_segs = 1;
			}
		}
		rte_mempool_put_bulk(put[0]->pool, (void **)put, n);
		memset(slot, 0, n * sizeof(*slot));
		return;
	}
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = slot[i];

		if (m == NULL)
			continue;
		slot[i] = NULL;
		m = rte_pktmbuf_prefree_seg(m);
		if (m == NULL)
			continue;
		if (k == RTE_DIM(put) || (k != 0 && m->pool != mp)) {
			rte_mempool_put_bulk(mp, (void **)put, k);
			k = 0;
		}
		mp = m->pool;
		put[k++] = m;
	}
	if (k != 0)
		rte_mempool_put_bulk(mp, (void **)put, k);
}

/* Free every batch whose RS descriptor the device has marked done. */
void
nicpmd_txq_cleanup(struct nicpmd_tx_queue *txq)
{
	while (__atomic_load_n(&txq->ring[txq->next_dd].status,
			       __ATOMIC_ACQUIRE) & NICPMD_TXD_DD) {
		uint16_t first = txq->next_dd - (txq->rs_thresh - 1);

		txq_free_batch(txq, &txq->sw_ring[first], txq->rs_thresh);
		/* Consumed: the next time round this slot is a new one. */
		txq->ring[txq->next_dd].status = 0;
		txq->nb_free += txq->rs_thresh;
		txq->next_dd = (txq->next_dd + txq->rs_thresh) & txq->mask;
	}
}

int
nicpmd_tx_queue_hw_start(struct nicpmd_tx_queue *txq)
{
	struct nicpmd_aq_txq cmd = {
		.ring_iova = txq->mz->iova,
		.qid = txq->queue_id,
		.nb_desc = txq->nb_desc,
	};
	int ret;

	memset((void *)(uintptr_t)txq->ring, 0,
	       sizeof(struct nicpmd_tx_desc) * txq->nb_desc);
	memset(txq->sw_ring, 0, sizeof(*txq->sw_ring) * txq->nb_desc);
	txq->tail = 0;
	txq->multi_seg = false;
	txq->nb_free = txq->nb_desc;
	txq->next_dd = txq->rs_thresh - 1;

	ret = nicpmd_aq_simple(txq->hw, NICPMD_AQ_CREATE_TXQ, &cmd, sizeof(cmd));
	if (ret < 0)
		NICPMD_LOG(ERR, "port %u txq %u: device refused it: %s",
			   txq->port_id, txq->queue_id, rte_strerror(-ret));
	txq->running = ret == 0;
	return ret;
}

void
nicpmd_tx_queue_hw_stop(struct nicpmd_tx_queue *txq)
{
	struct nicpmd_aq_qid cmd = { .qid = txq->queue_id };
	uint16_t i;

	/* Once destroyed, the device no longer reads our buffers. */
	txq->running = false;
	nicpmd_aq_simple(txq->hw, NICPMD_AQ_DESTROY_TXQ, &cmd, sizeof(cmd));
	for (i = 0; i < txq->nb_desc; i++) {
		if (txq->sw_ring[i] != NULL) {
			rte_pktmbuf_free_seg(txq->sw_ring[i]);
			txq->sw_ring[i] = NULL;
		}
	}
	/* An empty ring again: no stale DD, every descriptor free. */
	memset((void *)(uintptr_t)txq->ring, 0,
	       sizeof(struct nicpmd_tx_desc) * txq->nb_desc);
	txq->tail = 0;
	txq->nb_free = txq->nb_desc;
	txq->next_dd = txq->rs_thresh - 1;
}

void
nicpmd_txq_info_get(struct rte_eth_dev *dev, uint16_t qid,
		    struct rte_eth_txq_info *qinfo)
{
	struct nicpmd_tx_queue *txq = dev->data->tx_queues[qid];

	qinfo->nb_desc = txq->nb_desc;
	qinfo->conf.tx_rs_thresh = txq->rs_thresh;
	qinfo->conf.tx_free_thresh = txq->free_thresh;
	qinfo->conf.offloads = txq->offloads;
	qinfo->conf.tx_deferred_start = txq->deferred;
}

uint16_t
nicpmd_xmit_pkts(void *tx_queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct nicpmd_tx_queue *txq = tx_queue;
	volatile struct nicpmd_tx_desc *ring = txq->ring;
	uint16_t rs_mask = txq->rs_thresh - 1;
	uint32_t tail = txq->tail;
	uint16_t nb;

	if (!nicpmd_txq_begin(txq))
		return 0;

	for (nb = 0; nb < nb_pkts; nb++) {
		struct rte_mbuf *m = pkts[nb];
		uint16_t nb_segs = m->nb_segs;

		/* Fast path: one segment, room for it. */
		if (likely(nb_segs == 1 && txq->nb_free != 0)) {
			uint16_t idx = tail & txq->mask;
			uint16_t cmd = NICPMD_TXD_EOP;

			if ((idx & rs_mask) == rs_mask)
				cmd |= NICPMD_TXD_RS;
			txd_write(&ring[idx], rte_mbuf_data_iova(m), m->data_len,
				  cmd, m->pkt_len);
			txq->sw_ring[idx] = m;
			tail++;
			txq->nb_free--;
			continue;
		}
		txq->multi_seg |= nb_segs > 1;
		if (unlikely(nb_segs > txq->nb_free)) {
			nicpmd_txq_cleanup(txq);
			if (nb_segs > txq->nb_free)
				break;
		}
		for (; m != NULL; m = m->next) {
			uint16_t idx = tail & txq->mask;
			volatile struct nicpmd_tx_desc *d = &ring[idx];
			uint16_t cmd = m->next == NULL ? NICPMD_TXD_EOP : 0;

			if ((idx & rs_mask) == rs_mask)
				cmd |= NICPMD_TXD_RS;
			txd_write(d, rte_mbuf_data_iova(m), m->data_len, cmd,
				  pkts[nb]->pkt_len);
			txq->sw_ring[idx] = m;
			tail++;
		}
		txq->nb_free -= nb_segs;
	}
	if (nb != 0) {
		txq->tail = tail;
		/* The write orders the descriptors before the doorbell. */
		nicpmd_write_reg(txq->hw, NICPMD_REG_TXQ_TAIL(txq->queue_id),
				 tail);
	}
	return nb;
}

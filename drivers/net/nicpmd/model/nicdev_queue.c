/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Queue lifecycle: the rings CREATE_TXQ / CREATE_RXQ / CREATE_RXQ_SPLIT
 * hand the device, checked and mapped, and their end (DESTROY_*, reset). Each returns an
 * NICPMD_AQ_S_* status for the admin queue to complete with.
 */

#include <stdlib.h>
#include <string.h>

#include "nicdev_priv.h"

static bool
ring_size_ok(uint32_t nb)
{
	return nb >= NICPMD_MIN_RING && nb <= NICPMD_MAX_RING &&
		(nb & (nb - 1)) == 0;
}

static void
txq_span_update(struct nicdev *dev)
{
	uint16_t span = dev->nb_queues;

	while (span > 0 && dev->txq[span - 1].ring == NULL)
		span--;
	rte_atomic_store_explicit(&dev->txq_span, span,
				  rte_memory_order_relaxed);
}

uint16_t
nicdev_txq_create(struct nicdev *dev, const struct nicpmd_aq_txq *c)
{
	struct nicdev_txq *txq;
	void *ring;

	if (c->qid >= dev->nb_queues || !ring_size_ok(c->nb_desc))
		return NICPMD_AQ_S_EINVAL;
	txq = &dev->txq[c->qid];
	if (txq->ring != NULL)
		return NICPMD_AQ_S_EBUSY;
	ring = nicdev_dma_map(c->ring_iova,
			      (uint64_t)c->nb_desc * sizeof(*txq->ring));
	if (ring == NULL)
		return NICPMD_AQ_S_EFAULT;
	txq->mask = c->nb_desc - 1;
	txq->head = 0;
	nicdev_reg_write(dev, NICPMD_REG_TXQ_TAIL(c->qid), 0);
	rte_atomic_store_explicit(&txq->ring, ring, rte_memory_order_release);
	txq_span_update(dev);
	return NICPMD_AQ_S_OK;
}

/* Rx queue flags need their features. */
static uint16_t
rxq_flags_check(const struct nicdev *dev, uint16_t flags, uint16_t allowed)
{
	if (flags & ~allowed)
		return NICPMD_AQ_S_EINVAL;
	if (((flags & NICPMD_RXQ_F_SCATTER) &&
	     !(dev->features & NICPMD_F_SCATTER)) ||
	    ((flags & NICPMD_RXQ_F_VLAN_STRIP) &&
	     !(dev->features & NICPMD_F_VLAN)) ||
	    ((flags & NICPMD_RXQ_F_QINQ_STRIP) &&
	     !(dev->features & NICPMD_F_QINQ)) ||
	    ((flags & NICPMD_RXQ_F_CSUM) &&
	     !(dev->features & NICPMD_F_RX_CSUM)) ||
	    ((flags & NICPMD_RXQ_F_PTYPE) &&
	     !(dev->features & NICPMD_F_RX_PTYPE)))
		return NICPMD_AQ_S_EPERM;
	return NICPMD_AQ_S_OK;
}

/* Map the ring of a checked queue and make it live; an AQ status. */
static uint16_t
rxq_install(struct nicdev *dev, uint16_t qid, uint64_t ring_iova,
	    uint16_t nb_desc, size_t desc_size, uint16_t buf_len,
	    uint16_t flags, const struct nicpmd_aq_rxq_split *split)
{
	struct nicdev_rxq *rxq = &dev->rxq[qid];
	unsigned int i;
	void *ring;

	if (rxq->ring != NULL)
		return NICPMD_AQ_S_EBUSY;
	ring = nicdev_dma_map(ring_iova, (uint64_t)nb_desc * desc_size);
	if (ring == NULL)
		return NICPMD_AQ_S_EFAULT;

	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	rxq->mask = nb_desc - 1;
	rxq->head = 0;
	rxq->buf_len = buf_len;
	rxq->flags = flags;
	rxq->split_on = split != NULL;
	if (split != NULL) {
		struct nicdev_rx_split *sp = &rxq->split;

		memcpy(sp->seg, split->seg, sizeof(sp->seg));
		sp->nb_seg = split->nb_seg;
		sp->mode = split->mode;
		sp->nb_buf = 0;
		sp->hdr = false;
		for (i = 0; i < sp->nb_seg; i++) {
			sp->nb_buf += !(sp->seg[i].flags & NICPMD_RX_SEG_DISCARD);
			sp->hdr |= sp->seg[i].hdr != 0;
		}
	}
	nicdev_reg_write(dev, NICPMD_REG_RXQ_TAIL(qid), 0);
	rxq->ring = ring;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_rxq_create(struct nicdev *dev, const struct nicpmd_aq_rxq *c)
{
	uint16_t st;

	if (c->qid >= dev->nb_queues || !ring_size_ok(c->nb_desc) ||
	    c->buf_len < NICPMD_MIN_RX_BUF)
		return NICPMD_AQ_S_EINVAL;
	st = rxq_flags_check(dev, c->flags,
			     NICPMD_RXQ_F_SCATTER | NICPMD_RXQ_F_LIVE);
	if (st != NICPMD_AQ_S_OK)
		return st;
	return rxq_install(dev, c->qid, c->ring_iova, c->nb_desc,
			   sizeof(union nicpmd_rx_desc), c->buf_len, c->flags,
			   NULL);
}

/*
 * A split queue has no plain buffer length: buf_len 0 keeps its frames
 * off the plain fast path (nicdev_rx.c) at no cost to that path.
 */
uint16_t
nicdev_rxq_create_split(struct nicdev *dev,
			const struct nicpmd_aq_rxq_split *c)
{
	uint16_t st;

	if (!(dev->features & NICPMD_F_RX_SPLIT))
		return NICPMD_AQ_S_EPERM;
	if (c->qid >= dev->nb_queues || !ring_size_ok(c->nb_desc))
		return NICPMD_AQ_S_EINVAL;
	st = rxq_flags_check(dev, c->flags, NICPMD_RXQ_F_LIVE);
	if (st == NICPMD_AQ_S_OK)
		st = nicdev_rx_split_check(dev, c);
	if (st != NICPMD_AQ_S_OK)
		return st;
	return rxq_install(dev, c->qid, c->ring_iova, c->nb_desc,
			   sizeof(union nicpmd_rx_split_desc), 0, c->flags, c);
}

uint16_t
nicdev_rxq_set_flags(struct nicdev *dev, const struct nicpmd_aq_rxq_flags *c)
{
	struct nicdev_rxq *rxq;
	uint16_t st;

	if (c->qid >= dev->nb_queues)
		return NICPMD_AQ_S_EINVAL;
	st = rxq_flags_check(dev, c->flags, NICPMD_RXQ_F_LIVE);
	if (st != NICPMD_AQ_S_OK)
		return st;
	rxq = &dev->rxq[c->qid];
	if (rxq->ring == NULL)
		return NICPMD_AQ_S_ENOENT;
	rte_spinlock_lock(&rxq->lock);
	rxq->flags = (rxq->flags & ~NICPMD_RXQ_F_LIVE) | c->flags;
	rte_spinlock_unlock(&rxq->lock);
	return NICPMD_AQ_S_OK;
}

/* Under rx_cfg_lock: no frame is written into the ring any more. */
static void
rxq_free(struct nicdev_rxq *rxq)
{
	rxq->ring = NULL;
	rxq->split_on = false;
	free(rxq->scratch);
	rxq->scratch = NULL;
	free(rxq->split_scratch);
	rxq->split_scratch = NULL;
}

static void
txq_free(struct nicdev_txq *txq)
{
	rte_atomic_store_explicit(&txq->ring, NULL, rte_memory_order_release);
	free(txq->scratch);
	txq->scratch = NULL;
}

uint16_t
nicdev_txq_destroy(struct nicdev *dev, uint16_t qid)
{
	if (qid >= dev->nb_queues)
		return NICPMD_AQ_S_EINVAL;
	if (dev->txq[qid].ring == NULL)
		return NICPMD_AQ_S_ENOENT;
	txq_free(&dev->txq[qid]);
	txq_span_update(dev);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_rxq_destroy(struct nicdev *dev, uint16_t qid)
{
	if (qid >= dev->nb_queues)
		return NICPMD_AQ_S_EINVAL;
	if (dev->rxq[qid].ring == NULL)
		return NICPMD_AQ_S_ENOENT;
	/* After this no frame is written into the ring any more. */
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	rxq_free(&dev->rxq[qid]);
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

void
nicdev_queues_destroy(struct nicdev *dev)
{
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	for (unsigned int q = 0; q < NICPMD_MAX_QUEUES; q++) {
		rxq_free(&dev->rxq[q]);
		txq_free(&dev->txq[q]);
	}
	rte_atomic_store_explicit(&dev->txq_span, 0, rte_memory_order_relaxed);
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
}

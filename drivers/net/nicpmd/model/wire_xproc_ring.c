/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The xproc datapath: frames into the far side's ring, frames out of
 * ours. The far process shares the memory and may write anything into
 * it at any time, so nothing it wrote is used twice or unchecked: its
 * index is read once and must lie within one ring of ours (else what is
 * there is skipped and counted as a resync), a slot's length is read
 * once and must be a frame's (else the slot is dropped as a wire error),
 * and the frame is copied out before the MAC looks into it.
 */

#include <string.h>

#include "wire_xproc.h"

void
xproc_rings_init(struct wire_xproc *w, struct xproc_shm *shm, int side)
{
	w->shm = shm;
	w->side = side;
	w->tx = &shm->ring[side == 0 ? 0 : 1];
	w->rx = &shm->ring[side == 0 ? 1 : 0];
	/* Fresh rings from our side's view, whatever the far side wrote. */
	w->tx_tail = 0;
	w->rx_head = 0;
	rte_atomic_store_explicit(&w->tx->tail, 0, rte_memory_order_release);
	rte_atomic_store_explicit(&w->rx->head, 0, rte_memory_order_release);
}

/* Called with the wire's lock read-held; returns the frames carried. */
static uint16_t
ring_put(struct wire_xproc *w, const struct nicdev_frame *frames,
	 uint16_t nb)
{
	struct xproc_ring *r = w->tx;
	uint32_t tail = w->tx_tail, head, used, room;
	uint16_t i;

	head = rte_atomic_load_explicit(&r->head, rte_memory_order_acquire);
	used = tail - head;
	/* A head that is not behind our tail is nonsense: no room at all. */
	room = used <= XPROC_SLOTS ? XPROC_SLOTS - used : 0;
	for (i = 0; i < nb && i < room; i++) {
		uint8_t *slot = r->slots[tail % XPROC_SLOTS];
		uint32_t len = frames[i].len;

		memcpy(slot, &len, sizeof(len));
		nicdev_frame_copy(&frames[i], slot + XPROC_SLOT_HDR);
		tail++;
	}
	w->tx_tail = tail;
	rte_atomic_store_explicit(&r->tail, tail, rte_memory_order_release);
	return i;
}

uint16_t
xproc_ring_xmit(struct nicdev *dev __rte_unused, struct wire_xproc *w,
		const struct nicdev_frame *frames, uint16_t nb)
{
	uint16_t carried = 0;

	rte_rwlock_read_lock(&w->lock);
	if (w->tx != NULL) {
		rte_spinlock_lock(&w->tx_lock);
		carried = ring_put(w, frames, nb);
		rte_spinlock_unlock(&w->tx_lock);
	}
	rte_rwlock_read_unlock(&w->lock);
	return carried;
}

/*
 * Copy up to budget frames out of our ring into the batch; the slots
 * consumed (good or bad), so the engine knows there was work.
 */
static uint16_t
ring_take(struct nicdev *dev, struct wire_xproc *w, uint16_t budget,
	  struct nicdev_frame *f, struct nicdev_seg *seg, uint16_t *nb)
{
	struct xproc_ring *r = w->rx;
	uint32_t head = w->rx_head, tail, bad = 0;
	uint16_t used = 0;

	*nb = 0;
	tail = rte_atomic_load_explicit(&r->tail, rte_memory_order_acquire);
	if (unlikely(tail - head > XPROC_SLOTS)) {
		/* Not a position the far producer can be at: skip to it. */
		nicdev_count(&dev->cnt.rx_wire_resyncs, 1);
		head = tail;
	}
	while (head != tail && *nb < budget) {
		const uint8_t *slot = r->slots[head % XPROC_SLOTS];
		uint32_t len;

		memcpy(&len, slot, sizeof(len));	/* read once */
		if (likely(len >= NICPMD_MIN_FRAME && len <= NICDEV_FRAME_MAX)) {
			memcpy(w->batch[*nb], slot + XPROC_SLOT_HDR, len);
			seg[*nb].data = w->batch[*nb];
			seg[*nb].len = len;
			f[*nb].seg = &seg[*nb];
			f[*nb].nb_seg = 1;
			f[*nb].len = len;
			(*nb)++;
		} else {
			bad++;
		}
		head++;
		used++;
	}
	if (unlikely(bad != 0))
		nicdev_count(&dev->cnt.rx_wire_errors, bad);
	/* The copies are done: the far side may reuse the slots. */
	w->rx_head = head;
	rte_atomic_store_explicit(&r->head, head, rte_memory_order_release);
	return used;
}

uint16_t
xproc_ring_poll(struct nicdev *dev, struct wire_xproc *w, uint16_t budget)
{
	struct nicdev_frame f[NICDEV_BURST];
	struct nicdev_seg seg[NICDEV_BURST];
	uint16_t used = 0, nb = 0;

	budget = RTE_MIN(budget, (uint16_t)NICDEV_BURST);
	rte_rwlock_read_lock(&w->lock);
	/* Several Rx queues poll at once: one takes, the others find the
	 * frames already in (taking twice would deliver them twice).
	 */
	if (w->rx != NULL && rte_spinlock_trylock(&w->rx_lock)) {
		used = ring_take(dev, w, budget, f, seg, &nb);
		if (nb != 0)
			nicdev_mac_rx(dev, f, nb);
		rte_spinlock_unlock(&w->rx_lock);
	}
	rte_rwlock_read_unlock(&w->lock);
	return used;
}

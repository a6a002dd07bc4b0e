/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx engine: fetch descriptors between the device's head and the driver's
 * tail, gather packets, put them on the wire, then write DD back. DD is
 * written only once everything up to that descriptor has been read, so
 * the driver may free buffers as soon as it sees it.
 */

#include <stdlib.h>
#include <string.h>

#include "nicdev_priv.h"

/* Segments one pass may hold: a full burst of maximal packets fits. */
#define TX_PASS_SEGS	(NICDEV_BURST * 2u)

/* Requests that send the packet through the offload engine. */
#define TXD_OFFLOADS	(NICPMD_TXD_IPCS | NICPMD_TXD_L4CS_MASK | \
			 NICPMD_TXD_TSO | NICPMD_TXD_VLAN_INS | \
			 NICPMD_TXD_QINQ_INS)

struct tx_pass {
	struct nicdev_frame frames[NICDEV_BURST];
	struct nicdev_seg segs[TX_PASS_SEGS + NICPMD_TX_MAX_SEGS];
	uint16_t nb_frames;
	uint16_t nb_segs;
	uint32_t scratch_used;	/* bytes of txq->scratch holding frames */
	uint32_t first;		/* first descriptor not yet written back */
};

/* Frames leave the MAC: loopback, fault injection, link, then the wire. */
static void
mac_tx(struct nicdev *dev, struct nicdev_txq *txq, struct tx_pass *p)
{
	const struct nicdev_frame *frames = p->frames;
	uint32_t every = rte_atomic_load_explicit(&dev->fault_drop_every,
					 rte_memory_order_relaxed);
	uint16_t nb = p->nb_frames, i, kept, carried;
	uint64_t bytes = 0;

	if (unlikely(every != 0)) {
		for (i = 0, kept = 0; i < nb; i++) {
			if ((rte_atomic_fetch_add_explicit(&dev->fault_count, 1,
					rte_memory_order_relaxed) + 1) % every == 0)
				continue;
			p->frames[kept++] = p->frames[i];
		}
		nicdev_count(&dev->cnt.tx_fault_drops, nb - kept);
		nb = kept;
	}
	if (nb == 0)
		return;
	if (unlikely(!nicdev_link_is_up(dev))) {
		nicdev_count(&dev->cnt.tx_link_down, nb);
		return;
	}
	if (dev->loopback) {
		nicdev_mac_rx(dev, frames, nb);
		carried = nb;
	} else {
		if (dev->wire->fits != NULL) {
			for (i = 0, kept = 0; i < nb; i++)
				if (dev->wire->fits(dev, &p->frames[i]))
					p->frames[kept++] = p->frames[i];
			if (unlikely(kept != nb))
				nicdev_count(&dev->cnt.tx_wire_drops,
					     nb - kept);
			nb = kept;
		}
		carried = nb != 0 ? dev->wire->xmit(dev, frames, nb) : 0;
	}
	/*
	 * Only what the wire carried was sent; the rest is the wire's drop.
	 * Counted after the fact: GET_STATS runs on the same device thread
	 * (or after the inline Tx returned), so no reader sees frames at the
	 * far end before they count here.
	 */
	if (unlikely(carried < nb))
		nicdev_count(&dev->cnt.tx_wire_drops, nb - carried);
	for (i = 0; i < carried; i++)
		bytes += frames[i].len;
	/* One writer per Tx queue: plain stores, atomically visible. */
	rte_atomic_store_explicit(&txq->packets, txq->packets + carried, rte_memory_order_relaxed);
	rte_atomic_store_explicit(&txq->bytes, txq->bytes + bytes, rte_memory_order_relaxed);
}

/* Write DD (and ERR) into every RS descriptor in [from, to). */
static void
write_back(struct nicpmd_tx_desc *ring, uint32_t mask, uint32_t from,
	   uint32_t to, uint32_t status)
{
	for (; from != to; from++) {
		struct nicpmd_tx_desc *d = &ring[from & mask];

		if (d->cmd & NICPMD_TXD_RS)
			rte_atomic_store_explicit(&d->status, status, rte_memory_order_release);
	}
}

/* Put the gathered frames on the wire; descriptors stay unwritten. */
static void
pass_deliver(struct nicdev *dev, struct nicdev_txq *txq, struct tx_pass *p)
{
	if (p->nb_frames != 0)
		mac_tx(dev, txq, p);
	p->nb_frames = 0;
	p->nb_segs = 0;
	p->scratch_used = 0;
}

/* Deliver, then report every descriptor up to head as done. */
static void
pass_flush(struct nicdev *dev, struct nicdev_txq *txq,
	   struct nicpmd_tx_desc *ring, struct tx_pass *p, uint32_t head)
{
	pass_deliver(dev, txq, p);
	write_back(ring, txq->mask, p->first, head, NICPMD_TXD_DD);
	p->first = head;
}

/*
 * A packet asking for offloads: run it through the offload engine, whose
 * frames are built in the queue's scratch memory. The pass is delivered
 * (not completed) whenever it fills, so a large TSO packet streams out.
 * Returns false if the packet is malformed.
 */
static bool
tx_offload(struct nicdev *dev, struct nicdev_txq *txq,
	   const struct nicpmd_tx_desc *first, struct tx_pass *p,
	   uint16_t nb_seg, uint32_t len)
{
	struct nicdev_seg segs[NICPMD_TX_MAX_SEGS];
	struct nicdev_tx_offload o;
	int n, k;

	/* The pass' seg array is reused as frames go out: keep a copy. */
	memcpy(segs, &p->segs[p->nb_segs], nb_seg * sizeof(segs[0]));
	n = nicdev_tx_offload_begin(&o, dev, first, segs, nb_seg, len);
	if (n < 0)
		return false;
	if (txq->scratch == NULL) {
		txq->scratch = malloc(NICDEV_TX_SCRATCH);
		if (txq->scratch == NULL)
			return false;
	}
	for (k = 0; k < n; k++) {
		uint8_t *out;
		uint32_t flen;

		if (p->nb_frames == NICDEV_BURST ||
		    p->scratch_used + NICDEV_FRAME_MAX > NICDEV_TX_SCRATCH)
			pass_deliver(dev, txq, p);
		out = txq->scratch + p->scratch_used;
		flen = nicdev_tx_offload_next(&o, out);
		if (flen == 0)
			return false;
		p->segs[p->nb_segs].data = out;
		p->segs[p->nb_segs].len = flen;
		p->frames[p->nb_frames].seg = &p->segs[p->nb_segs];
		p->frames[p->nb_frames].nb_seg = 1;
		p->frames[p->nb_frames].len = flen;
		p->nb_frames++;
		p->nb_segs++;
		p->scratch_used += flen;
	}
	if (first->cmd & NICPMD_TXD_TSO)
		nicdev_count(&dev->cnt.tx_tso_frames, n);
	return true;
}

/*
 * Gather the packet starting at *head. Returns 1 when a whole packet was
 * gathered (or found bad: *bad set), 0 when its EOP is not yet posted.
 */
static int
gather_packet(const struct nicdev *dev, struct nicpmd_tx_desc *ring,
	      uint32_t mask, uint32_t *head, uint32_t tail,
	      struct nicdev_seg *segs, uint16_t *nb_seg, uint32_t *len,
	      bool *bad)
{
	uint32_t h = *head;
	uint16_t n = 0;

	*len = 0;
	*bad = false;
	for (;;) {
		const struct nicpmd_tx_desc *d;

		if (h == tail)
			return 0;
		d = &ring[h++ & mask];
		/* A request for something not negotiated is malformed. */
		if (d->cmd & ~dev->tx_cmd_ok)
			*bad = true;
		if (n < NICPMD_TX_MAX_SEGS) {
			segs[n].data = nicdev_dma_map(d->addr, d->len);
			segs[n].len = d->len;
			if (segs[n].data == NULL || d->len == 0)
				*bad = true;
			*len += d->len;
		} else {
			/* Too many descriptors for one packet: skip to EOP. */
			*bad = true;
		}
		n++;
		if (d->cmd & NICPMD_TXD_EOP)
			break;
	}
	if (*len < NICPMD_MIN_FRAME ||
	    *len > ((ring[*head & mask].cmd & NICPMD_TXD_TSO) ?
		    NICPMD_TSO_MAX_LEN : NICPMD_MAX_FRAME) ||
	    (n > 1 && !(dev->features & NICPMD_F_MULTI_SEG_TX)))
		*bad = true;
	*head = h;
	*nb_seg = n;
	return 1;
}

void
nicdev_txq_process(struct nicdev *dev, uint16_t qid)
{
	struct nicdev_txq *txq = &dev->txq[qid];
	struct nicpmd_tx_desc *ring;
	uint32_t head, tail, start, len;
	struct tx_pass p;
	uint16_t nb_seg;
	bool bad;

	ring = rte_atomic_load_explicit(&txq->ring, rte_memory_order_acquire);
	if (ring == NULL || unlikely(nicdev_fc_tx_held(dev)) ||
	    nicdev_fault_stalled(dev, NICPMD_FAULT_F_STALL_TX))
		return;
	tail = nicdev_reg_read(dev, NICPMD_REG_TXQ_TAIL(qid));
	head = txq->head;
	if (unlikely(tail - head > txq->mask + 1)) {
		/* A tail beyond the ring: ignore it until it makes sense. */
		NICDEV_LOG(DEBUG, "%s: txq %u tail %u beyond head %u + ring",
			   dev->params.name, qid, tail, head);
		return;
	}

	p.nb_frames = 0;
	p.nb_segs = 0;
	p.scratch_used = 0;
	p.first = head;
	while (head != tail) {
		const struct nicpmd_tx_desc *d = &ring[head & txq->mask];

		/* Fast path: a whole packet in one descriptor, no offloads. */
		if (likely((d->cmd & ~NICPMD_TXD_RS) == NICPMD_TXD_EOP &&
			   d->len >= NICPMD_MIN_FRAME &&
			   d->len <= NICPMD_MAX_FRAME)) {
			struct nicdev_seg *sg = &p.segs[p.nb_segs];
			struct nicdev_frame *fr = &p.frames[p.nb_frames];

			sg->data = nicdev_dma_map(d->addr, d->len);
			if (likely(sg->data != NULL)) {
				sg->len = d->len;
				fr->seg = sg;
				fr->nb_seg = 1;
				fr->len = d->len;
				p.nb_segs++;
				head++;
				if (++p.nb_frames == NICDEV_BURST ||
				    p.nb_segs >= TX_PASS_SEGS)
					pass_flush(dev, txq, ring, &p, head);
				continue;
			}
		}
		start = head;
		if (!gather_packet(dev, ring, txq->mask, &head, tail,
				   &p.segs[p.nb_segs], &nb_seg, &len, &bad))
			break;	/* packet not complete yet: wait for it */
		if (!bad && (ring[start & txq->mask].cmd & TXD_OFFLOADS)) {
			if (tx_offload(dev, txq, &ring[start & txq->mask], &p,
				       nb_seg, len)) {
				if (p.nb_frames == NICDEV_BURST)
					pass_flush(dev, txq, ring, &p, head);
				continue;
			}
			bad = true;
		}
		if (unlikely(bad)) {
			pass_flush(dev, txq, ring, &p, start);
			nicdev_count(&dev->cnt.tx_bad_desc, 1);
			rte_atomic_store_explicit(&txq->drops, txq->drops + 1,
					 rte_memory_order_relaxed);
			write_back(ring, txq->mask, start, head,
				   NICPMD_TXD_DD | NICPMD_TXD_ERR);
			p.first = head;
			continue;
		}
		p.frames[p.nb_frames].seg = &p.segs[p.nb_segs];
		p.frames[p.nb_frames].nb_seg = nb_seg;
		p.frames[p.nb_frames].len = len;
		p.nb_frames++;
		p.nb_segs += nb_seg;
		if (p.nb_frames == NICDEV_BURST || p.nb_segs >= TX_PASS_SEGS)
			pass_flush(dev, txq, ring, &p, head);
	}
	pass_flush(dev, txq, ring, &p, head);
	txq->head = head;
}

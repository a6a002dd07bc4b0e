/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx engine: fetch descriptors between the device's head and the driver's
 * tail, gather packets, put them on the wire, then write DD back. DD is
 * written only once everything up to that descriptor has been read, so
 * the driver may free buffers as soon as it sees it.
 */

#include "nicdev_priv.h"

/* Segments one pass may hold: a full burst of maximal packets fits. */
#define TX_PASS_SEGS	(NICDEV_BURST * 2u)

struct tx_pass {
	struct nicdev_frame frames[NICDEV_BURST];
	struct nicdev_seg segs[TX_PASS_SEGS + NICPMD_TX_MAX_SEGS];
	uint16_t nb_frames;
	uint16_t nb_segs;
	uint32_t first;		/* first descriptor of the pass */
};

/* Frames leave the MAC: loopback, fault injection, link, then the wire. */
static void
mac_tx(struct nicdev *dev, struct nicdev_txq *txq, struct tx_pass *p)
{
	const struct nicdev_frame *frames = p->frames;
	uint32_t every = __atomic_load_n(&dev->fault_drop_every,
					 __ATOMIC_RELAXED);
	uint16_t nb = p->nb_frames, i, kept;
	uint64_t bytes = 0;

	if (unlikely(every != 0)) {
		for (i = 0, kept = 0; i < nb; i++) {
			if (__atomic_add_fetch(&dev->fault_count, 1,
					       __ATOMIC_RELAXED) % every == 0)
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
	for (i = 0; i < nb; i++)
		bytes += frames[i].len;
	/* One writer per Tx queue: plain stores, atomically visible. */
	__atomic_store_n(&txq->packets, txq->packets + nb, __ATOMIC_RELAXED);
	__atomic_store_n(&txq->bytes, txq->bytes + bytes, __ATOMIC_RELAXED);

	if (dev->loopback)
		nicdev_mac_rx(dev, frames, nb);
	else
		dev->wire->xmit(dev, frames, nb);
}

/* Write DD (and ERR) into every RS descriptor in [from, to). */
static void
write_back(struct nicpmd_tx_desc *ring, uint32_t mask, uint32_t from,
	   uint32_t to, uint32_t status)
{
	for (; from != to; from++) {
		struct nicpmd_tx_desc *d = &ring[from & mask];

		if (d->cmd & NICPMD_TXD_RS)
			__atomic_store_n(&d->status, status, __ATOMIC_RELEASE);
	}
}

static void
pass_flush(struct nicdev *dev, struct nicdev_txq *txq,
	   struct nicpmd_tx_desc *ring, struct tx_pass *p, uint32_t head)
{
	if (p->nb_frames != 0)
		mac_tx(dev, txq, p);
	write_back(ring, txq->mask, p->first, head, NICPMD_TXD_DD);
	p->nb_frames = 0;
	p->nb_segs = 0;
	p->first = head;
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
	if (*len < NICPMD_MIN_FRAME || *len > NICPMD_MAX_FRAME ||
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

	ring = __atomic_load_n(&txq->ring, __ATOMIC_ACQUIRE);
	if (ring == NULL)
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
	p.first = head;
	while (head != tail) {
		start = head;
		if (!gather_packet(dev, ring, txq->mask, &head, tail,
				   &p.segs[p.nb_segs], &nb_seg, &len, &bad))
			break;	/* packet not complete yet: wait for it */
		if (unlikely(bad)) {
			pass_flush(dev, txq, ring, &p, start);
			nicdev_count(&dev->cnt.tx_bad_desc, 1);
			__atomic_store_n(&txq->drops, txq->drops + 1,
					 __ATOMIC_RELAXED);
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

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The buffer split burst: one 64-byte descriptor per frame, one buffer
 * per kept layout entry (base/nicpmd_hw.h, "Rx split descriptor"). The
 * buffers the device filled become the frame's mbuf chain; a buffer the
 * frame did not reach (length 0) stays where it is and is posted again
 * as it is, so short frames cost no allocation for their unused pieces.
 * A port with a split queue uses this burst for all its queues: the
 * others go to the scattered burst, which handles every plain queue.
 */

#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

/* Descriptors refilled per round: bounds the mbufs held on the stack. */
#define SPLIT_REFILL_CHUNK	32u

/* Post buffers for descriptors [tail, tail + n): false if a pool is dry. */
static bool
split_refill_chunk(struct nicpmd_rx_queue *rxq, uint32_t tail, uint16_t n)
{
	struct nicpmd_rx_split *sp = rxq->split;
	struct rte_mbuf *bufs[NICPMD_RX_SPLIT_MAX_BUFS][SPLIT_REFILL_CHUNK];
	unsigned int need[NICPMD_RX_SPLIT_MAX_BUFS] = { 0 };
	unsigned int used[NICPMD_RX_SPLIT_MAX_BUFS] = { 0 };
	uint16_t i, k, nb_buf = sp->nb_buf;

	for (i = 0; i < n; i++) {
		struct rte_mbuf **slot =
			&rxq->sw_ring[((tail + i) & rxq->mask) * nb_buf];

		for (k = 0; k < nb_buf; k++)
			need[k] += slot[k] == NULL;
	}
	for (k = 0; k < nb_buf; k++) {
		if (need[k] != 0 && rte_mempool_get_bulk(sp->mp[k],
				(void **)bufs[k], need[k]) < 0) {
			while (k-- > 0)
				if (need[k] != 0)
					rte_mempool_put_bulk(sp->mp[k],
						(void **)bufs[k], need[k]);
			return false;
		}
	}
	for (i = 0; i < n; i++) {
		uint16_t idx = (tail + i) & rxq->mask;
		struct rte_mbuf **slot = &rxq->sw_ring[idx * nb_buf];
		volatile union nicpmd_rx_split_desc *d = &sp->ring[idx];

		/* The write-back overwrote the addresses: post them all. */
		for (k = 0; k < nb_buf; k++) {
			if (slot[k] == NULL)
				slot[k] = bufs[k][used[k]++];
			d->read.addr[k] = rte_mbuf_iova_get(slot[k]) +
				sp->data_off[k];
		}
		d->read.rsvd = 0;
	}
	return true;
}

uint16_t
nicpmd_rx_split_refill(struct nicpmd_rx_queue *rxq, uint16_t n)
{
	uint16_t done = 0, chunk;

	while (done < n) {
		chunk = RTE_MIN((uint16_t)(n - done),
				(uint16_t)SPLIT_REFILL_CHUNK);
		if (!split_refill_chunk(rxq, rxq->tail + done, chunk))
			break;
		done += chunk;
	}
	if (done != 0) {
		rxq->tail += done;
		/* The write orders the descriptors before the doorbell. */
		nicpmd_write_reg(rxq->hw, NICPMD_REG_RXQ_TAIL(rxq->queue_id),
				 rxq->tail);
	}
	return done;
}

/*
 * Don't trust the device (as the plain bursts): a write-back without
 * EOP, with a buffer over its room, or whose lengths do not add up to a
 * frame, is refused and counted; its buffers stay posted.
 */
static inline bool
split_wb_ok(struct nicpmd_rx_queue *rxq, const struct nicpmd_rx_split *sp,
	    volatile const union nicpmd_rx_split_desc *d, uint32_t status)
{
	uint32_t sum = 0;
	uint16_t k;

	for (k = 0; k < sp->nb_buf; k++) {
		if (unlikely(d->wb.buf_len[k] > sp->room[k]))
			goto bad;
		sum += d->wb.buf_len[k];
	}
	if (likely((status & NICPMD_RXD_EOP) && sum != 0 &&
		   sum == d->wb.wb.len))
		return true;
bad:
	rxq->bad_wb++;
	return false;
}

/* The filled buffers of one write-back as a chain. */
static inline struct rte_mbuf *
split_chain(const struct nicpmd_rx_split *sp, struct rte_mbuf **slot,
	    volatile const union nicpmd_rx_split_desc *d)
{
	struct rte_mbuf *head = NULL, *last = NULL, *m;
	uint16_t k, len, nb = 0;

	/* split_wb_ok() saw at least one filled buffer. */
	for (k = 0; k < sp->nb_buf; k++) {
		len = d->wb.buf_len[k];
		if (len == 0)
			continue;	/* not reached: stays posted */
		m = slot[k];
		slot[k] = NULL;
		*(uint64_t *)&m->rearm_data = sp->mbuf_init[k];
		m->data_len = len;
		if (head == NULL)
			head = m;
		else
			last->next = m;
		last = m;
		nb++;
	}
	head->nb_segs = nb;
	head->pkt_len = d->wb.wb.len;
	return head;
}

uint16_t
nicpmd_recv_split_pkts(void *rx_queue, struct rte_mbuf **pkts,
		       uint16_t nb_pkts)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	struct nicpmd_rx_split *sp = rxq->split;
	uint16_t idx, nb = 0, k, done;

	if (sp == NULL)
		return nicpmd_recv_scattered_pkts(rx_queue, pkts, nb_pkts);
	if (unlikely(!rxq->running))
		return 0;
	idx = rxq->next;
	while (nb < nb_pkts && rxq->nb_hold < rxq->nb_desc) {
		volatile union nicpmd_rx_split_desc *d = &sp->ring[idx];
		struct rte_mbuf **slot = &rxq->sw_ring[idx * sp->nb_buf];
		uint32_t status = nicpmd_rxd_status(&d->wb.wb);
		struct rte_mbuf *m;

		if (!(status & NICPMD_RXD_DD))
			break;
		idx = (idx + 1) & rxq->mask;
		rxq->nb_hold++;
		if (unlikely(status & NICPMD_RXD_ERR)) {
			/* No data: the buffers go back, fresh ones are posted. */
			for (k = 0; k < sp->nb_buf; k++) {
				rte_mbuf_raw_free(slot[k]);
				slot[k] = NULL;
			}
			continue;
		}
		if (unlikely(!split_wb_ok(rxq, sp, d, status)))
			continue;
		m = split_chain(sp, slot, d);
		nicpmd_rx_meta(rxq, m, &d->wb.wb, status);
		pkts[nb++] = m;
	}
	rxq->next = idx;
	if (nb == 0)
		nicpmd_rx_poll_empty(rxq);
	/*
	 * As the plain bursts: give slots back once enough are due; each
	 * descriptor a dry pool left unposted counts in rx_nombuf once.
	 */
	if (rxq->nb_hold >= rxq->free_thresh) {
		done = nicpmd_rx_split_refill(rxq, rxq->nb_hold);
		rxq->nb_hold -= done;
		rxq->nb_nombuf = rxq->nb_nombuf > done ?
			rxq->nb_nombuf - done : 0;
		if (rxq->nb_hold > rxq->nb_nombuf) {
			rte_eth_devices[rxq->port_id].data->rx_mbuf_alloc_failed +=
				rxq->nb_hold - rxq->nb_nombuf;
			rxq->nb_nombuf = rxq->nb_hold;
		}
	}
	return nb;
}

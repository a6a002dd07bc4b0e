/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Rx buffer split (F_RX_SPLIT): a queue whose frames are cut by a layout
 * into several buffers of one descriptor, some pieces discarded. The
 * layout is checked once, at CREATE_RXQ_SPLIT; per frame the device finds
 * the header ends the layout asks about, cuts, copies each kept piece
 * into its buffer and writes one write-back. Plain queues never get here
 * (nicdev_rx.c sends only split queues), so they pay nothing for it.
 */

#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>

#include "nicdev_priv.h"
#include "nicdev_parse.h"

/* Is the layout something the device can follow? An AQ status. */
uint16_t
nicdev_rx_split_check(const struct nicdev *dev,
		      const struct nicpmd_aq_rxq_split *c)
{
	unsigned int i, kept = 0;

	if (!(dev->features & NICPMD_F_RX_SPLIT))
		return NICPMD_AQ_S_EPERM;
	if (c->nb_seg == 0 || c->nb_seg > NICPMD_RX_SPLIT_MAX_SEGS ||
	    c->mode > NICPMD_RX_SPLIT_MODE_FIT)
		return NICPMD_AQ_S_EINVAL;
	for (i = 0; i < c->nb_seg; i++) {
		const struct nicpmd_rx_split_seg *s = &c->seg[i];
		bool discard = s->flags & NICPMD_RX_SEG_DISCARD;

		if ((s->flags & ~NICPMD_RX_SEG_DISCARD) ||
		    s->hdr > NICPMD_RX_HDR_MAX)
			return NICPMD_AQ_S_EINVAL;
		/* A kept entry has a buffer of len bytes. */
		if (!discard && s->len == 0)
			return NICPMD_AQ_S_EINVAL;
		/* "The rest of the frame" leaves nothing to later entries. */
		if (discard && s->hdr == 0 && s->len == 0 &&
		    i != c->nb_seg - 1u)
			return NICPMD_AQ_S_EINVAL;
		if (c->mode == NICPMD_RX_SPLIT_MODE_FIT &&
		    (discard || s->hdr != 0))
			return NICPMD_AQ_S_EINVAL;
		kept += !discard;
	}
	if (kept == 0 || kept > NICPMD_RX_SPLIT_MAX_BUFS)
		return NICPMD_AQ_S_EINVAL;
	return NICPMD_AQ_S_OK;
}

void
nicdev_rx_split_stats(const struct nicdev *dev,
		      struct nicpmd_aq_rx_split_stats *out)
{
	unsigned int q;

	memset(out, 0, sizeof(*out));
	for (q = 0; q < dev->nb_queues; q++) {
		const struct nicdev_rx_split *sp = &dev->rxq[q].split;

		out->frames += nicdev_counter_read(&sp->frames);
		out->discard_bytes += nicdev_counter_read(&sp->discard_bytes);
		out->hdr_miss += nicdev_counter_read(&sp->hdr_miss);
		out->empty_drops += nicdev_counter_read(&sp->empty_drops);
	}
}

/* The frame's L4 header length, 0 if it is not a whole TCP/UDP/SCTP one. */
static uint32_t
l4_hdr_len(const uint8_t *data, const struct nicdev_l3l4 *h, uint16_t pt)
{
	uint32_t hl;

	switch (pt & NICPMD_PTYPE_L4) {
	case NICPMD_PTYPE_L4_TCP:
		if (h->l4_len < 20)
			return 0;
		hl = (data[h->l4_off + 12] >> 4) * 4u;
		return hl >= 20 && hl <= h->l4_len ? hl : 0;
	case NICPMD_PTYPE_L4_UDP:
		return h->l4_len >= 8 ? 8 : 0;
	case NICPMD_PTYPE_L4_SCTP:
		return h->l4_len >= 12 ? 12 : 0;
	default:
		return 0;
	}
}

/*
 * Where each header split point of the frame lies: end[code] is the
 * offset just past that header, 0 if the frame is not that sequence.
 */
static void
header_ends(const struct nicdev *dev, const uint8_t *data, uint32_t len,
	    uint32_t end[NICPMD_RX_HDR_MAX + 1])
{
	struct nicdev_tags t;
	struct nicdev_l3l4 h;
	uint32_t l4;
	uint16_t pt;
	unsigned int code;

	memset(end, 0, sizeof(*end) * (NICPMD_RX_HDR_MAX + 1));
	nicdev_parse_tags(data, len, dev->inner_tpid, dev->outer_tpid, &t);
	if (t.ethertype_off + 2 > len)
		return;
	end[NICPMD_RX_HDR_ETH] = t.ethertype_off + 2;
	pt = nicdev_parse_l3l4(data, len, &t, &h);
	if (pt == 0)
		return;
	end[h.is_ipv4 ? NICPMD_RX_HDR_IPV4 : NICPMD_RX_HDR_IPV6] =
		h.l3_off + h.l3_len;
	if (h.frag)
		return;
	l4 = l4_hdr_len(data, &h, pt);
	if (l4 == 0)
		return;
	switch (pt & NICPMD_PTYPE_L4) {
	case NICPMD_PTYPE_L4_TCP:
		code = NICPMD_RX_HDR_IPV4_TCP;
		break;
	case NICPMD_PTYPE_L4_UDP:
		code = NICPMD_RX_HDR_IPV4_UDP;
		break;
	default:
		code = NICPMD_RX_HDR_IPV4_SCTP;
		break;
	}
	/* The IPv6 codes follow the IPv4 ones in the same order. */
	if (h.is_ipv6)
		code += NICPMD_RX_HDR_IPV6_TCP - NICPMD_RX_HDR_IPV4_TCP;
	end[code] = h.l4_off + l4;
}

/* One kept piece of the frame. */
struct cut {
	uint32_t off;
	uint32_t len;
};

/*
 * Cut a frame of len bytes by the layout: the kept pieces in cut[] (one
 * per kept entry), the discarded bytes; false if bytes are left after
 * the last entry.
 */
static bool
cut_frame(const struct nicdev_rx_split *sp, uint32_t len,
	  const uint32_t *end, struct cut *cut, uint32_t *discarded,
	  bool *miss)
{
	uint32_t pos = 0, j = 0, n;
	unsigned int i;

	*discarded = 0;
	*miss = false;
	if (sp->mode == NICPMD_RX_SPLIT_MODE_FIT) {
		for (i = 0; i < sp->nb_buf; i++)
			if (sp->seg[i].len >= len)
				break;
		if (i < sp->nb_buf) {
			memset(cut, 0, sizeof(*cut) * sp->nb_buf);
			cut[i].len = len;
			return true;
		}
	}
	for (i = 0; i < sp->nb_seg; i++) {
		const struct nicpmd_rx_split_seg *s = &sp->seg[i];

		if (s->hdr != 0) {
			uint32_t e = end[s->hdr];

			if (e != 0 && e >= pos &&
			    (s->len == 0 || e - pos <= s->len)) {
				n = e - pos;
			} else {
				n = 0;
				*miss = true;
			}
		} else {
			n = s->len == 0 ? len - pos : RTE_MIN(s->len, len - pos);
		}
		if (s->flags & NICPMD_RX_SEG_DISCARD) {
			*discarded += n;
		} else {
			cut[j].off = pos;
			cut[j++].len = n;
		}
		pos += n;
	}
	return pos == len;
}

/* A contiguous copy of a gathered frame, for the header parser. */
static const uint8_t *
split_linear(struct nicdev_rxq *rxq, const struct nicdev_frame *f)
{
	if (f->nb_seg == 1)
		return f->seg[0].data;
	if (rxq->split_scratch == NULL) {
		rxq->split_scratch = malloc(NICDEV_FRAME_MAX);
		if (rxq->split_scratch == NULL)
			return NULL;
	}
	nicdev_frame_copy(f, rxq->split_scratch);
	return rxq->split_scratch;
}

/* A buffer the device cannot write: the descriptor goes back with ERR. */
static void
split_buffer_error(struct nicdev_rxq *rxq, union nicpmd_rx_split_desc *d)
{
	memset(d, 0, offsetof(union nicpmd_rx_split_desc, wb.wb.status));
	rte_atomic_store_explicit(&d->wb.wb.status, NICPMD_RXD_DD |
				  NICPMD_RXD_EOP | NICPMD_RXD_ERR,
				  rte_memory_order_release);
	rxq->head++;
	rte_atomic_store_explicit(&rxq->buf_errors, rxq->buf_errors + 1,
				  rte_memory_order_relaxed);
}

static inline void
split_count(uint64_t *counter, uint64_t n)
{
	/* One writer (the queue lock); readers take a snapshot. */
	rte_atomic_store_explicit(counter, *counter + n,
				  rte_memory_order_relaxed);
}

/*
 * Deliver one frame to a split queue with avail descriptors posted. On
 * delivery *bytes is what the buffers received (the queue's byte count:
 * discarded bytes reach no host memory).
 */
enum nicdev_split_result
nicdev_rxq_write_split(struct nicdev *dev, struct nicdev_rxq *rxq,
		       uint32_t avail, const struct nicdev_frame *f,
		       const struct nicdev_rx_meta *meta, uint32_t *bytes)
{
	struct nicdev_rx_split *sp = &rxq->split;
	union nicpmd_rx_split_desc *d;
	uint32_t end[NICPMD_RX_HDR_MAX + 1] = { 0 };
	uint8_t *dst[NICPMD_RX_SPLIT_MAX_BUFS];
	struct cut cut[NICPMD_RX_SPLIT_MAX_BUFS];
	uint32_t discarded, kept, j, k;
	bool miss;

	if (avail == 0)
		return NICDEV_SPLIT_NO_ROOM;
	if (sp->hdr) {
		const uint8_t *data = split_linear(rxq, f);

		if (data == NULL)
			return NICDEV_SPLIT_NO_ROOM;
		header_ends(dev, data, f->len, end);
	}
	if (!cut_frame(sp, f->len, end, cut, &discarded, &miss)) {
		nicdev_count(&dev->cnt.rx_too_long, 1);
		return NICDEV_SPLIT_COUNTED;
	}
	kept = f->len - discarded;
	if (kept == 0) {
		split_count(&sp->empty_drops, 1);
		return NICDEV_SPLIT_COUNTED;
	}

	/* Addresses first: the write-back overwrites them. */
	d = (union nicpmd_rx_split_desc *)(void *)rxq->ring +
		(rxq->head & rxq->mask);
	for (j = 0, k = 0; j < sp->nb_seg; j++) {
		if (sp->seg[j].flags & NICPMD_RX_SEG_DISCARD)
			continue;
		dst[k] = NULL;
		if (cut[k].len != 0) {
			dst[k] = nicdev_dma_map(d->read.addr[k], sp->seg[j].len);
			if (unlikely(dst[k] == NULL)) {
				split_buffer_error(rxq, d);
				return NICDEV_SPLIT_COUNTED;
			}
		}
		k++;
	}
	for (k = 0; k < sp->nb_buf; k++)
		if (cut[k].len != 0)
			nicdev_frame_peek(f, cut[k].off, cut[k].len, dst[k]);

	memset(d, 0, offsetof(union nicpmd_rx_split_desc, wb.wb.status));
	for (k = 0; k < sp->nb_buf; k++)
		d->wb.buf_len[k] = (uint16_t)cut[k].len;
	d->wb.discarded = discarded;
	d->wb.wb.rss_hash = meta->rss_hash;
	d->wb.wb.len = (uint16_t)kept;
	d->wb.wb.ptype = meta->ptype;
	d->wb.wb.vlan_tci = meta->vlan_tci;
	d->wb.wb.vlan_tci_outer = meta->vlan_tci_outer;
	rte_atomic_store_explicit(&d->wb.wb.status, NICPMD_RXD_DD |
				  NICPMD_RXD_EOP | meta->status,
				  rte_memory_order_release);
	rxq->head++;
	split_count(&sp->frames, 1);
	split_count(&sp->discard_bytes, discarded);
	split_count(&sp->hdr_miss, miss);
	*bytes = kept;
	return NICDEV_SPLIT_DELIVERED;
}

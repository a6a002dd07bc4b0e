/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Buffer split queues, control side: what rx_seg (RTE_ETH_RX_OFFLOAD_
 * BUFFER_SPLIT) or rx_mempools asks, checked at setup with a log line
 * naming the culprit; the device layout built from it at start for the
 * MTU of the time; CREATE_RXQ_SPLIT and the buffers of a stopped queue;
 * the device's split counters as xstats. The burst is in
 * nicpmd_rx_split.c.
 *
 * ethdev's semantics, as the device gets them: segment i takes
 * rx_seg[i].length bytes (0: its mbuf's room) or, with proto_hdr, ends
 * after that header; a segment without a mempool is discarded (selective
 * Rx, DPDK 26.07); data starts offset bytes into segment i's buffer,
 * plus the headroom for segment 0. Frames longer than the segments take
 * more buffers like the last segment's (mlx5's reading of "the last
 * valid element"): a trailing discarded segment discards the rest.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

#define ETH_L3_IPV4 (RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN)
#define ETH_L3_IPV6 (RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN)

/*
 * Header split points, as ethdev's cumulative proto_hdr: entry i is the
 * device's NICPMD_RX_HDR_* code i + 1.
 */
static const uint32_t split_ptypes[] = {
	RTE_PTYPE_L2_ETHER,
	ETH_L3_IPV4,
	ETH_L3_IPV6,
	ETH_L3_IPV4 | RTE_PTYPE_L4_TCP,
	ETH_L3_IPV4 | RTE_PTYPE_L4_UDP,
	ETH_L3_IPV4 | RTE_PTYPE_L4_SCTP,
	ETH_L3_IPV6 | RTE_PTYPE_L4_TCP,
	ETH_L3_IPV6 | RTE_PTYPE_L4_UDP,
	ETH_L3_IPV6 | RTE_PTYPE_L4_SCTP,
	RTE_PTYPE_UNKNOWN
};
static_assert(RTE_DIM(split_ptypes) == NICPMD_RX_HDR_MAX + 1,
	       "one ptype per device header split point");

const uint32_t *
nicpmd_buffer_split_hdrs_get(NICPMD_PTYPES_GET_PARAMS)
{
	const struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;

	if (!(hw->features & NICPMD_F_RX_SPLIT)) {
		NICPMD_PTYPES_SET_COUNT(0);
		return NULL;
	}
	NICPMD_PTYPES_SET_COUNT(NICPMD_RX_HDR_MAX);
	return split_ptypes;
}

/* Bytes segment i's buffer holds from where its data starts; 0: none. */
static uint32_t
seg_room(const struct nicpmd_rx_split_user *u, unsigned int i)
{
	uint32_t room = rte_pktmbuf_data_room_size(u->mp);
	uint32_t start = u->offset + (i == 0 ? RTE_PKTMBUF_HEADROOM : 0);

	return room > start ? RTE_MIN(room - start, (uint32_t)UINT16_MAX) : 0;
}

/* One rx_seg entry into u; 0 or -EINVAL with a log line. */
static int
seg_config(uint16_t port, uint16_t qid, const struct rte_eth_rxseg_split *rs,
	   unsigned int i, unsigned int n, uint32_t *prev_hdrs,
	   struct nicpmd_rx_split_user *u)
{
	unsigned int h;

	u->mp = rs->mp;
	u->length = rs->length;
	u->offset = rs->mp != NULL ? rs->offset : 0;
	u->hdr = 0;
	if (rs->proto_hdr != 0) {
		if (rs->length != 0) {
			NICPMD_LOG(ERR, "port %u rxq %u: segment %u has both a "
				   "length (%u) and proto_hdr 0x%x", port, qid,
				   i, rs->length, rs->proto_hdr);
			return -EINVAL;
		}
		for (h = 0; h < NICPMD_RX_HDR_MAX; h++)
			if (split_ptypes[h] == (*prev_hdrs | rs->proto_hdr))
				break;
		if (h == NICPMD_RX_HDR_MAX) {
			NICPMD_LOG(ERR, "port %u rxq %u: segment %u: proto_hdr "
				   "0x%x (after 0x%x) is not a split point the "
				   "device has", port, qid, i, rs->proto_hdr,
				   *prev_hdrs);
			return -EINVAL;
		}
		*prev_hdrs |= rs->proto_hdr;
		u->hdr = h + 1;
	}
	if (rs->mp == NULL) {
		if (u->hdr == 0 && rs->length == 0 && i != n - 1) {
			NICPMD_LOG(ERR, "port %u rxq %u: segment %u discards the "
				   "rest of the frame but is not the last", port,
				   qid, i);
			return -EINVAL;
		}
		return 0;
	}
	if (seg_room(u, i) == 0 || rs->length > seg_room(u, i)) {
		NICPMD_LOG(ERR, "port %u rxq %u: segment %u: length %u over "
			   "the %u bytes its mbufs (%s, data room %u) hold from "
			   "offset %u", port, qid, i, rs->length,
			   seg_room(u, i), rs->mp->name,
			   rte_pktmbuf_data_room_size(rs->mp), u->offset +
			   (i == 0 ? RTE_PKTMBUF_HEADROOM : 0));
		return -EINVAL;
	}
	return 0;
}

static int
cmp_room(const void *a, const void *b)
{
	const struct nicpmd_rx_split_user *x = a, *y = b;

	return (int)rte_pktmbuf_data_room_size(x->mp) -
		(int)rte_pktmbuf_data_room_size(y->mp);
}

/* rx_mempools: whole frames into the smallest buffer that holds them. */
static int
pools_config(uint16_t port, uint16_t qid, const struct rte_eth_rxconf *conf,
	     struct nicpmd_rx_split *sp)
{
	unsigned int i;

	if (conf->rx_mempools == NULL ||
	    conf->rx_nmempool > NICPMD_RX_SPLIT_MAX_BUFS) {
		NICPMD_LOG(ERR, "port %u rxq %u: %u mempools: the device takes "
			   "1 to %u", port, qid, conf->rx_nmempool,
			   NICPMD_RX_SPLIT_MAX_BUFS);
		return -EINVAL;
	}
	for (i = 0; i < conf->rx_nmempool; i++) {
		struct nicpmd_rx_split_user *u = &sp->user[i];

		u->mp = conf->rx_mempools[i];
		if (u->mp == NULL || rte_pktmbuf_data_room_size(u->mp) <=
		    RTE_PKTMBUF_HEADROOM) {
			NICPMD_LOG(ERR, "port %u rxq %u: mempool %u %s", port,
				   qid, i, u->mp == NULL ? "missing" :
				   "has no room after the headroom");
			return -EINVAL;
		}
	}
	sp->nb_user = conf->rx_nmempool;
	qsort(sp->user, sp->nb_user, sizeof(sp->user[0]), cmp_room);
	sp->mode = NICPMD_RX_SPLIT_MODE_FIT;
	return 0;
}

int
nicpmd_rxq_split_config(struct rte_eth_dev *dev, uint16_t qid,
			const struct rte_eth_rxconf *conf, uint64_t offloads,
			struct nicpmd_rx_split **out)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;
	uint16_t port = dev->data->port_id;
	struct nicpmd_rx_split *sp;
	uint32_t prev_hdrs = 0;
	unsigned int i, kept = 0;
	int ret = 0;

	if (!(ad->hw.features & NICPMD_F_RX_SPLIT)) {
		NICPMD_LOG(ERR, "port %u rxq %u: segments or several mempools "
			   "need the device's buffer split (ABI 1.1)", port,
			   qid);
		return -EINVAL;
	}
	if (conf->rx_nseg == 0 && conf->rx_nmempool == 0) {
		NICPMD_LOG(ERR, "port %u rxq %u: no mempool", port, qid);
		return -EINVAL;
	}
	if (conf->rx_nseg != 0 &&
	    !(offloads & RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT)) {
		NICPMD_LOG(ERR, "port %u rxq %u: %u Rx segments without the "
			   "buffer_split offload", port, qid, conf->rx_nseg);
		return -EINVAL;
	}
	if (conf->rx_nseg > NICPMD_RX_SPLIT_MAX_SEGS ||
	    (conf->rx_nseg != 0 && conf->rx_seg == NULL)) {
		NICPMD_LOG(ERR, "port %u rxq %u: %u Rx segments: the device "
			   "takes 1 to %u", port, qid, conf->rx_nseg,
			   NICPMD_RX_SPLIT_MAX_SEGS);
		return -EINVAL;
	}
	sp = rte_zmalloc("nicpmd_rx_split", sizeof(*sp), 0);
	if (sp == NULL)
		return -ENOMEM;
	if (conf->rx_nseg == 0) {
		ret = pools_config(port, qid, conf, sp);
		kept = sp->nb_user;
	}
	for (i = 0; i < conf->rx_nseg && ret == 0; i++) {
		ret = seg_config(port, qid, &conf->rx_seg[i].split, i,
				 conf->rx_nseg, &prev_hdrs, &sp->user[i]);
		kept += sp->user[i].mp != NULL;
		sp->nb_user++;
	}
	if (ret == 0 && (kept == 0 || kept > NICPMD_RX_SPLIT_MAX_BUFS)) {
		NICPMD_LOG(ERR, "port %u rxq %u: %u segments with a mempool: "
			   "the device takes 1 to %u", port, qid, kept,
			   NICPMD_RX_SPLIT_MAX_BUFS);
		ret = -EINVAL;
	}
	if (ret < 0) {
		rte_free(sp);
		return ret;
	}
	*out = sp;
	return 0;
}

/* Append a layout entry; false when the device would take no more. */
static bool
layout_add(struct nicpmd_rx_split *sp, struct rte_mempool *mp,
	   uint16_t len, uint8_t hdr, uint16_t data_off)
{
	struct nicpmd_rx_split_seg *s = &sp->seg[sp->nb_seg];

	if (sp->nb_seg == NICPMD_RX_SPLIT_MAX_SEGS ||
	    (mp != NULL && sp->nb_buf == NICPMD_RX_SPLIT_MAX_BUFS))
		return false;
	sp->nb_seg++;
	s->len = len;
	s->hdr = hdr;
	s->flags = mp == NULL ? NICPMD_RX_SEG_DISCARD : 0;
	if (mp != NULL) {
		sp->mp[sp->nb_buf] = mp;
		sp->room[sp->nb_buf] = len;
		sp->data_off[sp->nb_buf++] = data_off;
	}
	/* Frame bytes the layout surely takes: header entries may take 0. */
	if (hdr == 0)
		sp->max_len = (mp == NULL && len == 0) ? UINT32_MAX :
			sp->max_len + len;
	return true;
}

/*
 * The device layout for frames the MTU allows: the segments, then more
 * buffers like the last one until the longest frame fits. A running
 * queue keeps the layout it started with: it only checks.
 */
int
nicpmd_rxq_split_layout(struct nicpmd_rx_queue *rxq, uint16_t mtu)
{
	struct nicpmd_rx_split *sp = rxq->split, lay;
	uint32_t need = (uint32_t)mtu + NICPMD_L2_OVERHEAD;
	const struct nicpmd_rx_split_user *u, *last;
	bool fit = sp->mode == NICPMD_RX_SPLIT_MODE_FIT;
	unsigned int i;
	bool ok = true;

	if (rxq->running) {
		if (need <= sp->max_len)
			return 0;
		NICPMD_LOG(ERR, "port %u rxq %u: MTU %u needs %u-byte frames, "
			   "the running split layout takes %u; stop the port "
			   "to change it", rxq->port_id, rxq->queue_id, mtu,
			   need, sp->max_len);
		return -EINVAL;
	}
	memcpy(&lay, sp, sizeof(lay));
	lay.nb_seg = 0;
	lay.nb_buf = 0;
	lay.max_len = 0;
	for (i = 0; i < sp->nb_user && ok; i++) {
		uint16_t len = sp->user[i].length, off = sp->user[i].offset;

		u = &sp->user[i];
		if (fit || i == 0)
			off += RTE_PKTMBUF_HEADROOM;
		if (u->mp != NULL && (u->hdr != 0 || len == 0))
			len = seg_room(u, fit ? 0 : i);
		/* A discarded last segment discards the rest (see above). */
		if (u->mp == NULL && u->hdr == 0 && i == sp->nb_user - 1u)
			len = 0;
		ok = layout_add(&lay, u->mp, len, u->hdr, off);
	}
	last = &sp->user[sp->nb_user - 1];
	if (ok && last->mp == NULL && last->hdr != 0)
		ok = layout_add(&lay, NULL, 0, 0, 0);
	while (ok && lay.max_len < need) {
		uint32_t room = rte_pktmbuf_data_room_size(last->mp);
		uint16_t off = fit ? RTE_PKTMBUF_HEADROOM : 0;

		ok = layout_add(&lay, last->mp,
				RTE_MIN(room - off, (uint32_t)UINT16_MAX), 0,
				off);
	}
	if (!ok) {
		NICPMD_LOG(ERR, "port %u rxq %u: MTU %u needs %u-byte frames: "
			   "the split layout would take more than %u entries "
			   "or %u buffers", rxq->port_id, rxq->queue_id, mtu,
			   need, NICPMD_RX_SPLIT_MAX_SEGS,
			   NICPMD_RX_SPLIT_MAX_BUFS);
		return -EINVAL;
	}
	for (i = 0; i < lay.nb_buf; i++)
		lay.mbuf_init[i] = nicpmd_rxq_rearm_data(rxq->port_id,
							 lay.data_off[i]);
	memcpy(sp, &lay, sizeof(*sp));
	return 0;
}

int
nicpmd_rxq_split_hw_start(struct nicpmd_rx_queue *rxq)
{
	struct nicpmd_rx_split *sp = rxq->split;
	int ret;

	memset(rxq->sw_ring, 0, sizeof(*rxq->sw_ring) * rxq->nb_desc *
	       NICPMD_RX_SPLIT_MAX_BUFS);
	ret = nicpmd_aq_create_rxq_split(rxq->hw, rxq->queue_id,
					 rxq->mz->iova, rxq->nb_desc,
					 rxq->hw_flags & NICPMD_RXQ_F_LIVE,
					 sp->mode, sp->nb_seg, sp->seg);
	if (ret < 0) {
		NICPMD_LOG(ERR, "port %u rxq %u: device refused the split "
			   "layout: %s", rxq->port_id, rxq->queue_id,
			   rte_strerror(-ret));
		return ret;
	}
	rxq->running = true;
	if (nicpmd_rx_split_refill(rxq, rxq->nb_desc) != rxq->nb_desc) {
		NICPMD_LOG(ERR, "port %u rxq %u: cannot fill %u descriptors "
			   "of %u buffers from the queue's mempools",
			   rxq->port_id, rxq->queue_id, rxq->nb_desc,
			   sp->nb_buf);
		nicpmd_rxq_hw_stop(rxq);
		return -ENOMEM;
	}
	return 0;
}

/* After DESTROY_RXQ: every posted buffer back to its pool. */
void
nicpmd_rxq_split_free_bufs(struct nicpmd_rx_queue *rxq)
{
	uint32_t i, n = (uint32_t)rxq->nb_desc * NICPMD_RX_SPLIT_MAX_BUFS;

	for (i = 0; i < n; i++) {
		if (rxq->sw_ring[i] != NULL) {
			rte_mbuf_raw_free(rxq->sw_ring[i]);
			rxq->sw_ring[i] = NULL;
		}
	}
}

/* The device's split counters as xstats, one baseline with the others. */
static const char *const split_xstat_names[NICPMD_SPLIT_NB_XSTATS] = {
	"rx_split_frames", "rx_split_discarded_bytes",
	"rx_split_header_misses", "rx_split_empty_drops",
};

static int
split_counters(struct rte_eth_dev *dev, uint64_t v[NICPMD_SPLIT_NB_XSTATS])
{
	struct nicpmd_aq_rx_split_stats st;
	int ret;

	ret = nicpmd_aq_get_rx_split_stats(&NICPMD_ADAPTER(dev)->hw, &st);
	if (ret < 0)
		return ret;
	v[0] = st.frames;
	v[1] = st.discard_bytes;
	v[2] = st.hdr_miss;
	v[3] = st.empty_drops;
	return 0;
}

unsigned int
nicpmd_split_xstats_count(const struct rte_eth_dev *dev)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;

	return (ad->hw.features & NICPMD_F_RX_SPLIT) ?
		NICPMD_SPLIT_NB_XSTATS : 0;
}

int
nicpmd_split_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
			uint64_t id0)
{
	uint64_t v[NICPMD_SPLIT_NB_XSTATS];
	unsigned int i;
	int ret;

	if (nicpmd_split_xstats_count(dev) == 0)
		return 0;
	ret = split_counters(dev, v);
	if (ret < 0)
		return ret;
	for (i = 0; i < NICPMD_SPLIT_NB_XSTATS; i++) {
		xstats[i].id = id0 + i;
		xstats[i].value = v[i] - NICPMD_ADAPTER(dev)->split_base[i];
	}
	return NICPMD_SPLIT_NB_XSTATS;
}

void
nicpmd_split_xstats_names(const struct rte_eth_dev *dev,
			  struct rte_eth_xstat_name *names)
{
	unsigned int i;

	for (i = 0; i < nicpmd_split_xstats_count(dev); i++)
		snprintf(names[i].name, sizeof(names[i].name), "%s",
			 split_xstat_names[i]);
}

int
nicpmd_split_xstats_reset(struct rte_eth_dev *dev)
{
	if (nicpmd_split_xstats_count(dev) == 0)
		return 0;
	return split_counters(dev, NICPMD_ADAPTER(dev)->split_base);
}

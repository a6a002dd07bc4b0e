/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Rx queue lifecycle: setup and release, the device side of start/stop
 * (CREATE_RXQ / DESTROY_RXQ), per-queue start/stop while the port runs,
 * queue info. The driver posts empty buffers (read descriptors) and bumps
 * the queue's tail doorbell; the device writes frames and a write-back
 * descriptor whose status (with DD) it stores last.
 */

#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

static bool
ring_size_ok(const struct nicpmd_hw *hw, uint16_t nb)
{
	return rte_is_power_of_2(nb) && nb >= hw->min_ring &&
		nb <= hw->max_ring;
}

static void
rxq_free(struct nicpmd_rx_queue *rxq)
{
	if (rxq == NULL)
		return;
	rte_memzone_free(rxq->mz);
	rte_free(rxq->sw_ring);
	rte_free(rxq->split);
	rte_free(rxq);
}

void
nicpmd_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	rxq_free(dev->data->rx_queues[qid]);
	dev->data->rx_queues[qid] = NULL;
}

/* What a received mbuf's rearm data looks like, its data at data_off. */
uint64_t
nicpmd_rxq_rearm_data(uint16_t port_id, uint16_t data_off)
{
	struct rte_mbuf m;

	memset(&m, 0, sizeof(m));
	m.data_off = data_off;
	rte_mbuf_refcnt_set(&m, 1);
	m.nb_segs = 1;
	m.port = port_id;
	rte_compiler_barrier();
	return *(uint64_t *)&m.rearm_data;
}

/* A plain queue's single pool: its buffers must hold what the device needs. */
static int
rxq_pool_check(uint16_t qid, struct rte_mempool *mp, uint32_t *buf_len)
{
	uint32_t room = rte_pktmbuf_data_room_size(mp);

	*buf_len = room > RTE_PKTMBUF_HEADROOM ? room - RTE_PKTMBUF_HEADROOM : 0;
	if (*buf_len < NICPMD_MIN_RX_BUF) {
		NICPMD_LOG(ERR, "rxq %u: mbuf data room %u too small: the "
			   "device needs %u bytes after headroom", qid, room,
			   NICPMD_MIN_RX_BUF);
		return -EINVAL;
	}
	return 0;
}

int
nicpmd_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		      unsigned int socket, const struct rte_eth_rxconf *conf,
		      struct rte_mempool *mp)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	uint64_t offloads = conf->offloads | dev->data->dev_conf.rxmode.offloads;
	size_t desc_size = sizeof(union nicpmd_rx_desc), per_desc = 1;
	struct nicpmd_rx_split *split = NULL;
	struct nicpmd_rx_queue *rxq;
	uint32_t buf_len;
	unsigned int i;
	int ret;

	if (!ring_size_ok(hw, nb_desc)) {
		NICPMD_LOG(ERR, "rxq %u: %u descriptors: need a power of two "
			   "in [%u, %u]", qid, nb_desc, hw->min_ring,
			   hw->max_ring);
		return -EINVAL;
	}
	if (conf->rx_free_thresh >= nb_desc) {
		NICPMD_LOG(ERR, "rxq %u: rx_free_thresh %u must be below the "
			   "ring size %u", qid, conf->rx_free_thresh, nb_desc);
		return -EINVAL;
	}
	/* Segments or several pools instead of one pool: a split queue. */
	if (mp == NULL || conf->rx_nseg != 0 || conf->rx_nmempool != 0) {
		ret = nicpmd_rxq_split_config(dev, qid, conf, offloads, &split);
		if (ret < 0)
			return ret;
		/* Reported as the queue's pool: the first one it takes. */
		for (i = 0; split->user[i].mp == NULL; i++)
			;
		mp = split->user[i].mp;
		buf_len = rte_pktmbuf_data_room_size(mp) - split->user[i].offset -
			(i == 0 ? RTE_PKTMBUF_HEADROOM : 0);
		desc_size = sizeof(union nicpmd_rx_split_desc);
		per_desc = NICPMD_RX_SPLIT_MAX_BUFS;
	} else {
		ret = rxq_pool_check(qid, mp, &buf_len);
		if (ret < 0)
			return ret;
	}

	if (dev->data->rx_queues[qid] != NULL)
		nicpmd_rx_queue_release(dev, qid);

	rxq = rte_zmalloc_socket("nicpmd_rxq", sizeof(*rxq),
				 RTE_CACHE_LINE_SIZE, socket);
	if (rxq == NULL) {
		rte_free(split);
		return -ENOMEM;
	}
	rxq->split = split;
	rxq->sw_ring = rte_zmalloc_socket("nicpmd_rxq_sw",
			sizeof(*rxq->sw_ring) * nb_desc * per_desc,
			RTE_CACHE_LINE_SIZE, socket);
	rxq->mz = rte_eth_dma_zone_reserve(dev, "rx_ring", qid,
			desc_size * nb_desc, RTE_CACHE_LINE_SIZE, socket);
	if (rxq->sw_ring == NULL || rxq->mz == NULL) {
		rxq_free(rxq);
		return -ENOMEM;
	}
	rxq->ring = rxq->mz->addr;
	if (split != NULL)
		split->ring = rxq->mz->addr;
	rxq->mp = mp;
	rxq->hw = hw;
	rxq->nb_desc = nb_desc;
	rxq->mask = nb_desc - 1;
	rxq->free_thresh = conf->rx_free_thresh != 0 ?
		conf->rx_free_thresh : NICPMD_RX_FREE_THRESH;
	rxq->buf_len = RTE_MIN(buf_len, (uint32_t)UINT16_MAX);
	/* The largest frame, two inserted tags included, over these buffers. */
	rxq->max_segs = (hw->max_frame + 2 * RTE_VLAN_HLEN + rxq->buf_len - 1) /
		rxq->buf_len;
	rxq->port_id = dev->data->port_id;
	rxq->queue_id = qid;
	rxq->deferred = conf->rx_deferred_start;
	rxq->offloads = offloads;
	rxq->rss_flag = (rxq->offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH) ?
		RTE_MBUF_F_RX_RSS_HASH : 0;
	rxq->mbuf_initializer = nicpmd_rxq_rearm_data(rxq->port_id,
						      RTE_PKTMBUF_HEADROOM);

	dev->data->rx_queues[qid] = rxq;
	return 0;
}

/* A frame the MTU allows is larger than one of the queue's buffers. */
static bool
rxq_frame_over_buffer(const struct nicpmd_rx_queue *rxq, uint16_t mtu)
{
	return (uint32_t)mtu + NICPMD_L2_OVERHEAD > rxq->buf_len;
}

/*
 * Can the queue receive every frame the MTU allows? With scatter asked
 * for, or frames that fit a buffer, yes. Otherwise the queue scatters
 * anyway when the device can (NICs of this class do: an application that
 * sets a jumbo MTU with 2 KiB mbufs gets chained mbufs, and
 * rte_eth_rx_queue_info_get() says so), but only from its next start: a
 * running queue keeps the layout it started with. 0, or -EINVAL with a
 * log line naming the queue, the MTU and the sizes.
 */
int
nicpmd_rxq_fits_mtu(struct nicpmd_rx_queue *rxq, uint16_t mtu)
{
	/* A split queue lays its buffers out for the MTU (next start). */
	if (rxq->split != NULL)
		return nicpmd_rxq_split_layout(rxq, mtu);
	if ((rxq->offloads & RTE_ETH_RX_OFFLOAD_SCATTER) ||
	    !rxq_frame_over_buffer(rxq, mtu))
		return 0;
	if (!(rxq->hw->features & NICPMD_F_SCATTER)) {
		NICPMD_LOG(ERR, "port %u rxq %u: MTU %u needs %u-byte frames "
			   "but the buffers hold %u and the device cannot "
			   "scatter", rxq->port_id, rxq->queue_id, mtu,
			   mtu + NICPMD_L2_OVERHEAD, rxq->buf_len);
		return -EINVAL;
	}
	if (rxq->running && !(rxq->hw_flags & NICPMD_RXQ_F_SCATTER)) {
		NICPMD_LOG(ERR, "port %u rxq %u: MTU %u needs %u-byte frames "
			   "but the queue runs with %u-byte buffers and no "
			   "scatter; stop the port to change it", rxq->port_id,
			   rxq->queue_id, mtu, mtu + NICPMD_L2_OVERHEAD,
			   rxq->buf_len);
		return -EINVAL;
	}
	return 0;
}

/* What the device must do for this queue, from its offloads. */
uint16_t
nicpmd_rxq_hw_flags(const struct rte_eth_dev *dev,
		    const struct nicpmd_rx_queue *rxq)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;
	uint16_t flags = 0;

	/* Scatter asked for, or implied by an MTU over the buffer size; a
	 * split queue's layout does its scattering.
	 */
	if (rxq->split != NULL)
		flags |= NICPMD_RXQ_SW_SPLIT;
	else if ((rxq->offloads & RTE_ETH_RX_OFFLOAD_SCATTER) ||
		 ((ad->hw.features & NICPMD_F_SCATTER) &&
		  rxq_frame_over_buffer(rxq, dev->data->mtu)))
		flags |= NICPMD_RXQ_F_SCATTER;
	if (rxq->offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP)
		flags |= NICPMD_RXQ_F_VLAN_STRIP;
	if (rxq->offloads & RTE_ETH_RX_OFFLOAD_QINQ_STRIP)
		flags |= NICPMD_RXQ_F_QINQ_STRIP;
	if (rxq->offloads & (NICPMD_RX_OFFLOAD_CSUM |
			     NICPMD_RX_OFFLOAD_OUTER_CSUM))
		flags |= NICPMD_RXQ_F_CSUM;
	if (ad->ptype_parse)
		flags |= NICPMD_RXQ_F_PTYPE;
	return flags;
}

static void
rxq_ring_reset(struct nicpmd_rx_queue *rxq)
{
	size_t desc_size = rxq->split != NULL ?
		sizeof(union nicpmd_rx_split_desc) : sizeof(union nicpmd_rx_desc);

	/* No stale DD for a burst that comes anyway. */
	memset((void *)(uintptr_t)rxq->ring, 0, desc_size * rxq->nb_desc);
	rxq->next = 0;
	rxq->nb_hold = 0;
	rxq->nb_nombuf = 0;
	rxq->tail = 0;
	rxq->pkt_first = NULL;
	rxq->pkt_last = NULL;
	rxq->discard = false;
}

int
nicpmd_rxq_hw_start(struct nicpmd_rx_queue *rxq)
{
	int ret;

	rxq_ring_reset(rxq);
	if (rxq->split != NULL)
		return nicpmd_rxq_split_hw_start(rxq);
	memset(rxq->sw_ring, 0, sizeof(*rxq->sw_ring) * rxq->nb_desc);
	ret = nicpmd_aq_create_rxq(rxq->hw, rxq->queue_id, rxq->mz->iova,
				   rxq->nb_desc, rxq->buf_len, rxq->hw_flags);
	if (ret < 0) {
		NICPMD_LOG(ERR, "port %u rxq %u: device refused it: %s",
			   rxq->port_id, rxq->queue_id, rte_strerror(-ret));
		return ret;
	}
	rxq->running = true;
	if (!nicpmd_rxq_refill(rxq, rxq->nb_desc)) {
		NICPMD_LOG(ERR, "port %u rxq %u: cannot fill %u buffers from %s",
			   rxq->port_id, rxq->queue_id, rxq->nb_desc,
			   rxq->mp->name);
		nicpmd_rxq_hw_stop(rxq);
		return -ENOMEM;
	}
	return 0;
}

void
nicpmd_rxq_hw_stop(struct nicpmd_rx_queue *rxq)
{
	uint16_t i;

	/* Once destroyed, the device no longer writes into our buffers. */
	rxq->running = false;
	nicpmd_aq_destroy_rxq(rxq->hw, rxq->queue_id);
	if (rxq->split != NULL)
		nicpmd_rxq_split_free_bufs(rxq);
	for (i = 0; i < rxq->nb_desc; i++) {
		if (rxq->sw_ring[i] != NULL) {
			rte_mbuf_raw_free(rxq->sw_ring[i]);
			rxq->sw_ring[i] = NULL;
		}
	}
	/* A frame half received when the queue stopped. */
	rte_pktmbuf_free(rxq->pkt_first);
	rxq_ring_reset(rxq);
}

/* rte_eth_dev_rx_queue_start() while the port runs. */
int
nicpmd_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct nicpmd_rx_queue *rxq = dev->data->rx_queues[qid];
	int ret;

	rxq->hw_flags = nicpmd_rxq_hw_flags(dev, rxq);
	if (!nicpmd_rx_burst_fits(dev, rxq)) {
		NICPMD_LOG(ERR, "port %u rxq %u: needs an Rx burst (flags 0x%x) "
			   "the port did not start with", dev->data->port_id,
			   qid, rxq->hw_flags);
		return -EINVAL;
	}
	ret = nicpmd_rxq_fits_mtu(rxq, dev->data->mtu);
	if (ret < 0)
		return ret;
	ret = nicpmd_rxq_hw_start(rxq);
	if (ret == 0)
		dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return ret;
}

int
nicpmd_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	if (dev->data->rx_queue_state[qid] == RTE_ETH_QUEUE_STATE_STARTED)
		nicpmd_rxq_hw_stop(dev->data->rx_queues[qid]);
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

void
nicpmd_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid,
		    struct rte_eth_rxq_info *qinfo)
{
	struct nicpmd_rx_queue *rxq = dev->data->rx_queues[qid];

	qinfo->mp = rxq->mp;
	qinfo->scattered_rx = dev->data->scattered_rx;
	qinfo->nb_desc = rxq->nb_desc;
	qinfo->rx_buf_size = rxq->buf_len;
	qinfo->conf.rx_free_thresh = rxq->free_thresh;
	qinfo->conf.rx_drop_en = 1;	/* no buffer: the device drops */
	qinfo->conf.rx_deferred_start = rxq->deferred;
	qinfo->conf.offloads = rxq->offloads;
}

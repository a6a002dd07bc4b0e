/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Rx queues: the driver posts empty buffers (read descriptors) and bumps
 * the queue's tail doorbell; the device writes frames and a write-back
 * descriptor whose status (with DD) it stores last.
 */

#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>

#include "nicpmd.h"

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
	rte_free(rxq);
}

void
nicpmd_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	rxq_free(dev->data->rx_queues[qid]);
	dev->data->rx_queues[qid] = NULL;
}

int
nicpmd_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		      unsigned int socket, const struct rte_eth_rxconf *conf,
		      struct rte_mempool *mp)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_hw *hw = &ad->hw;
	struct nicpmd_rx_queue *rxq;
	uint32_t buf_len;
	struct rte_mbuf m;

	if (!ring_size_ok(hw, nb_desc)) {
		NICPMD_LOG(ERR, "rxq %u: %u descriptors: need a power of two "
			   "in [%u, %u]", qid, nb_desc, hw->min_ring,
			   hw->max_ring);
		return -EINVAL;
	}
	buf_len = rte_pktmbuf_data_room_size(mp);
	buf_len = buf_len > RTE_PKTMBUF_HEADROOM ?
		buf_len - RTE_PKTMBUF_HEADROOM : 0;
	if (buf_len < NICPMD_MIN_RX_BUF) {
		NICPMD_LOG(ERR, "rxq %u: mbuf data room %u too small: the "
			   "device needs %u bytes after headroom", qid,
			   rte_pktmbuf_data_room_size(mp), NICPMD_MIN_RX_BUF);
		return -EINVAL;
	}
	if (conf->rx_free_thresh >= nb_desc) {
		NICPMD_LOG(ERR, "rxq %u: rx_free_thresh %u must be below the "
			   "ring size %u", qid, conf->rx_free_thresh, nb_desc);
		return -EINVAL;
	}

	if (dev->data->rx_queues[qid] != NULL)
		nicpmd_rx_queue_release(dev, qid);

	rxq = rte_zmalloc_socket("nicpmd_rxq", sizeof(*rxq),
				 RTE_CACHE_LINE_SIZE, socket);
	if (rxq == NULL)
		return -ENOMEM;
	rxq->sw_ring = rte_zmalloc_socket("nicpmd_rxq_sw",
			sizeof(*rxq->sw_ring) * nb_desc, RTE_CACHE_LINE_SIZE,
			socket);
	rxq->mz = rte_eth_dma_zone_reserve(dev, "rx_ring", qid,
			sizeof(union nicpmd_rx_desc) * nb_desc,
			RTE_CACHE_LINE_SIZE, socket);
	if (rxq->sw_ring == NULL || rxq->mz == NULL) {
		rxq_free(rxq);
		return -ENOMEM;
	}
	rxq->ring = rxq->mz->addr;
	rxq->mp = mp;
	rxq->hw = hw;
	rxq->nb_desc = nb_desc;
	rxq->mask = nb_desc - 1;
	rxq->free_thresh = conf->rx_free_thresh != 0 ?
		conf->rx_free_thresh : NICPMD_RX_FREE_THRESH;
	rxq->buf_len = RTE_MIN(buf_len, (uint32_t)UINT16_MAX);
	rxq->port_id = dev->data->port_id;
	rxq->queue_id = qid;
	rxq->deferred = conf->rx_deferred_start;
	rxq->offloads = conf->offloads | dev->data->dev_conf.rxmode.offloads;
	rxq->rss_flag = (rxq->offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH) ?
		RTE_MBUF_F_RX_RSS_HASH : 0;

	/* What every received mbuf's rearm data looks like. */
	memset(&m, 0, sizeof(m));
	m.data_off = RTE_PKTMBUF_HEADROOM;
	rte_mbuf_refcnt_set(&m, 1);
	m.nb_segs = 1;
	m.port = rxq->port_id;
	rte_compiler_barrier();
	rxq->mbuf_initializer = *(uint64_t *)&m.rearm_data;

	dev->data->rx_queues[qid] = rxq;
	return 0;
}

/* Post n fresh buffers at the tail; false if the pool ran dry. */
bool
nicpmd_rxq_refill(struct nicpmd_rx_queue *rxq, uint16_t n)
{
	struct rte_mbuf *bufs[NICPMD_MAX_RING];
	uint16_t i, idx;

	if (rte_mempool_get_bulk(rxq->mp, (void **)bufs, n) < 0)
		return false;
	for (i = 0; i < n; i++) {
		idx = (rxq->tail + i) & rxq->mask;
		rxq->sw_ring[idx] = bufs[i];
		rxq->ring[idx].read.addr = rte_mbuf_data_iova_default(bufs[i]);
		rxq->ring[idx].read.rsvd = 0;
	}
	rxq->tail += n;
	/* The write orders the descriptors before the doorbell. */
	nicpmd_write_reg(rxq->hw, NICPMD_REG_RXQ_TAIL(rxq->queue_id), rxq->tail);
	return true;
}

/*
 * Without scatter, a frame the MTU allows must fit one buffer. 0, or
 * -EINVAL with a log line naming the queue, the MTU and the sizes.
 */
int
nicpmd_rxq_fits_mtu(const struct nicpmd_rx_queue *rxq, uint16_t mtu)
{
	uint32_t frame = mtu + NICPMD_L2_OVERHEAD;

	if ((rxq->offloads & RTE_ETH_RX_OFFLOAD_SCATTER) ||
	    frame <= rxq->buf_len)
		return 0;
	NICPMD_LOG(ERR, "port %u rxq %u: MTU %u needs %u-byte frames but the "
		   "buffers hold %u (no scatter)", rxq->port_id,
		   rxq->queue_id, mtu, frame, rxq->buf_len);
	return -EINVAL;
}

/* What the device must do for this queue, from its offloads. */
uint16_t
nicpmd_rxq_hw_flags(const struct rte_eth_dev *dev,
		    const struct nicpmd_rx_queue *rxq)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;
	uint16_t flags = 0;

	if (rxq->offloads & RTE_ETH_RX_OFFLOAD_SCATTER)
		flags |= NICPMD_RXQ_F_SCATTER;
	if (rxq->offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP)
		flags |= NICPMD_RXQ_F_VLAN_STRIP;
	if (rxq->offloads & RTE_ETH_RX_OFFLOAD_QINQ_STRIP)
		flags |= NICPMD_RXQ_F_QINQ_STRIP;
	if (rxq->offloads & NICPMD_RX_OFFLOAD_CSUM)
		flags |= NICPMD_RXQ_F_CSUM;
	if (ad->ptype_parse)
		flags |= NICPMD_RXQ_F_PTYPE;
	return flags;
}

int
nicpmd_rx_queue_hw_start(struct nicpmd_rx_queue *rxq)
{
	struct nicpmd_aq_rxq cmd = {
		.ring_iova = rxq->mz->iova,
		.qid = rxq->queue_id,
		.nb_desc = rxq->nb_desc,
		.buf_len = rxq->buf_len,
		.flags = rxq->hw_flags,
	};
	int ret;

	memset((void *)(uintptr_t)rxq->ring, 0,
	       sizeof(union nicpmd_rx_desc) * rxq->nb_desc);
	memset(rxq->sw_ring, 0, sizeof(*rxq->sw_ring) * rxq->nb_desc);
	rxq->next = 0;
	rxq->nb_hold = 0;
	rxq->tail = 0;
	rxq->pkt_first = NULL;
	rxq->pkt_last = NULL;

	ret = nicpmd_aq_simple(rxq->hw, NICPMD_AQ_CREATE_RXQ, &cmd, sizeof(cmd));
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
		nicpmd_rx_queue_hw_stop(rxq);
		return -ENOMEM;
	}
	return 0;
}

void
nicpmd_rx_queue_hw_stop(struct nicpmd_rx_queue *rxq)
{
	struct nicpmd_aq_qid cmd = { .qid = rxq->queue_id };
	uint16_t i;

	/* Once destroyed, the device no longer writes into our buffers. */
	rxq->running = false;
	nicpmd_aq_simple(rxq->hw, NICPMD_AQ_DESTROY_RXQ, &cmd, sizeof(cmd));
	for (i = 0; i < rxq->nb_desc; i++) {
		if (rxq->sw_ring[i] != NULL) {
			rte_mbuf_raw_free(rxq->sw_ring[i]);
			rxq->sw_ring[i] = NULL;
		}
	}
	/* A frame half received when the queue stopped. */
	rte_pktmbuf_free(rxq->pkt_first);
	rxq->pkt_first = NULL;
	rxq->pkt_last = NULL;
	rxq->nb_hold = 0;
	/* No stale DD for a burst that comes anyway. */
	memset((void *)(uintptr_t)rxq->ring, 0,
	       sizeof(union nicpmd_rx_desc) * rxq->nb_desc);
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

uint16_t
nicpmd_recv_pkts(void *rx_queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	volatile union nicpmd_rx_desc *ring = rxq->ring;
	uint16_t idx = rxq->next, nb = 0;
	/*
	 * Only posted buffers can hold news: a slot consumed but not yet
	 * refilled still shows its old DD.
	 */
	uint16_t left = rxq->nb_desc - rxq->nb_hold;

	/* Applications poll stopped queues too (testpmd does). */
	if (unlikely(!rxq->running))
		return 0;

	while (nb < nb_pkts && left != 0) {
		volatile struct nicpmd_rx_desc_wb *wb = &ring[idx].wb;
		struct rte_mbuf *m;
		uint32_t status;
		uint16_t len;

		status = __atomic_load_n(&wb->status, __ATOMIC_ACQUIRE);
		if (!(status & NICPMD_RXD_DD))
			break;
		left--;
		len = wb->len;
		m = rxq->sw_ring[idx];
		rxq->sw_ring[idx] = NULL;
		/* The header of a buffer posted a ring ago is cold: ask early. */
		rte_prefetch0_write(rxq->sw_ring[(idx + 4) & rxq->mask]);
		idx = (idx + 1) & rxq->mask;
		if (unlikely(status & NICPMD_RXD_ERR)) {
			/* The device could not use it; counted there. */
			rte_mbuf_raw_free(m);
			rxq->nb_hold++;
			continue;
		}
		*(uint64_t *)&m->rearm_data = rxq->mbuf_initializer;
		m->pkt_len = len;
		m->data_len = len;
		if (likely(!(status & ~(NICPMD_RXD_DD | NICPMD_RXD_EOP)))) {
			m->ol_flags = 0;
			m->packet_type = RTE_PTYPE_L2_ETHER;
		} else if ((status & ~(NICPMD_RXD_DD | NICPMD_RXD_EOP)) ==
			   NICPMD_RXD_RSS_VALID) {
			/* Multi-queue RSS: the hash is all there is to say. */
			m->hash.rss = wb->rss_hash;
			m->ol_flags = rxq->rss_flag;
			m->packet_type = RTE_PTYPE_L2_ETHER;
		} else {
			/* Offloads turned on while running (VLAN strip). */
			nicpmd_rx_meta(rxq, m, wb, status);
		}
		pkts[nb++] = m;
	}
	rxq->next = idx;
	rxq->nb_hold += nb;
	if (nb == 0)
		nicpmd_rx_poll_empty(rxq);

	if (rxq->nb_hold >= rxq->free_thresh) {
		if (nicpmd_rxq_refill(rxq, rxq->nb_hold)) {
			rxq->nb_hold = 0;
		} else {
			struct rte_eth_dev *dev = &rte_eth_devices[rxq->port_id];

			dev->data->rx_mbuf_alloc_failed += rxq->nb_hold;
		}
	}
	return nb;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx queue lifecycle: setup and release, the device side of start/stop
 * (CREATE_TXQ / DESTROY_TXQ), per-queue start/stop while the port runs,
 * queue info. One descriptor per mbuf segment; RS on every rs_thresh-th
 * ring slot, where the device writes DD once it has read everything up
 * to that slot, so the driver frees rs_thresh segments at once.
 */

#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

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

/* An empty ring: no stale DD, every descriptor free. */
static void
txq_ring_reset(struct nicpmd_tx_queue *txq)
{
	memset((void *)(uintptr_t)txq->ring, 0,
	       sizeof(struct nicpmd_tx_desc) * txq->nb_desc);
	txq->tail = 0;
	txq->nb_free = txq->nb_desc;
	txq->next_dd = txq->rs_thresh - 1;
}

int
nicpmd_txq_hw_start(struct nicpmd_tx_queue *txq)
{
	int ret;

	txq_ring_reset(txq);
	memset(txq->sw_ring, 0, sizeof(*txq->sw_ring) * txq->nb_desc);
	txq->multi_seg = false;
	ret = nicpmd_aq_create_txq(txq->hw, txq->queue_id, txq->mz->iova,
				   txq->nb_desc);
	if (ret < 0)
		NICPMD_LOG(ERR, "port %u txq %u: device refused it: %s",
			   txq->port_id, txq->queue_id, rte_strerror(-ret));
	txq->running = ret == 0;
	return ret;
}

void
nicpmd_txq_hw_stop(struct nicpmd_tx_queue *txq)
{
	uint16_t i;

	/* Once destroyed, the device no longer reads our buffers. */
	txq->running = false;
	nicpmd_aq_destroy_txq(txq->hw, txq->queue_id);
	for (i = 0; i < txq->nb_desc; i++) {
		if (txq->sw_ring[i] != NULL) {
			rte_pktmbuf_free_seg(txq->sw_ring[i]);
			txq->sw_ring[i] = NULL;
		}
	}
	txq_ring_reset(txq);
}

/* rte_eth_dev_tx_queue_start() while the port runs. */
int
nicpmd_tx_queue_start(struct rte_eth_dev *dev, uint16_t qid)
{
	struct nicpmd_tx_queue *txq = dev->data->tx_queues[qid];
	int ret;

	if (!nicpmd_tx_burst_fits(dev, txq)) {
		NICPMD_LOG(ERR, "port %u txq %u: has Tx offloads the port did "
			   "not start with", dev->data->port_id, qid);
		return -EINVAL;
	}
	ret = nicpmd_txq_hw_start(txq);
	if (ret == 0)
		dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return ret;
}

int
nicpmd_tx_queue_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	if (dev->data->tx_queue_state[qid] == RTE_ETH_QUEUE_STATE_STARTED)
		nicpmd_txq_hw_stop(dev->data->tx_queues[qid]);
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
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

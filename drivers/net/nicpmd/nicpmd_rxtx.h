/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_RXTX_H_
#define _NICPMD_RXTX_H_

/*
 * The datapath: Rx and Tx queues, their bursts, the inline helpers every
 * burst shares (one Rx refill, one Tx segment loop, one Tx cleanup) and
 * the choice of burst at port start.
 *
 * Files: nicpmd_rxq.c / nicpmd_txq.c set queues up and start/stop them;
 * nicpmd_rx.c / nicpmd_tx.c hold the plain bursts, descriptor status and
 * the burst selection; nicpmd_rx_offload.c / nicpmd_tx_offload.c the
 * bursts that do offload work, so the plain ones never pay for it;
 * nicpmd_rxq_split.c / nicpmd_rx_split.c buffer split queues and their
 * burst.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <ethdev_driver.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "nicpmd_device.h"

/*
 * Default ring size. The device is software: every posted Rx buffer is
 * memory a CPU will write, and every Tx buffer one it will read. Small
 * rings keep that working set in cache (io-fwd with 256 measured 3-10%
 * faster than with 1024); apps needing deeper rings ask for them.
 */
#define NICPMD_DEFAULT_RING	256u
#define NICPMD_RX_FREE_THRESH	32u
#define NICPMD_TX_RS_THRESH	32u
#define NICPMD_TX_RS_MAX	256u	/* largest batch freed at once */

/* Offloads whose Tx work needs the offload burst (descriptor fields). */
#define NICPMD_TX_OFFLOAD_FIELDS (RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_UDP_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_TCP_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_SCTP_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_TCP_TSO | \
				  RTE_ETH_TX_OFFLOAD_VLAN_INSERT | \
				  RTE_ETH_TX_OFFLOAD_QINQ_INSERT)
#define NICPMD_RX_OFFLOAD_CSUM	(RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | \
				 RTE_ETH_RX_OFFLOAD_UDP_CKSUM | \
				 RTE_ETH_RX_OFFLOAD_TCP_CKSUM | \
				 RTE_ETH_RX_OFFLOAD_SCTP_CKSUM)
/* Outer checksums of UDP tunnels (F_TUNNEL_OFFLOAD): the same queue flag. */
#define NICPMD_RX_OFFLOAD_OUTER_CSUM (RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM | \
				      RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM)

/*
 * hw_flags bit of a split queue: the driver's own, never sent to the
 * device (CREATE_RXQ_SPLIT says it), so the burst selection sees it.
 */
#define NICPMD_RXQ_SW_SPLIT	(1u << 15)

struct nicpmd_rx_split;

struct nicpmd_rx_queue {
	volatile union nicpmd_rx_desc *ring;
	struct rte_mbuf **sw_ring;	/* mbuf behind each descriptor */
	struct rte_mempool *mp;
	struct nicpmd_hw *hw;
	uint64_t mbuf_initializer;	/* rearm data of a fresh mbuf */
	uint16_t nb_desc;
	uint16_t mask;
	uint16_t next;			/* next descriptor to look at */
	uint16_t nb_hold;		/* consumed, not yet refilled */
	uint16_t nb_nombuf;		/* of those, counted in rx_nombuf */
	uint16_t free_thresh;
	uint16_t buf_len;
	uint32_t tail;			/* buffers posted (free-running) */
	uint16_t port_id;
	uint16_t queue_id;
	bool deferred;			/* not started with the port */
	bool running;			/* the device has the queue */
	uint16_t hw_flags;		/* NICPMD_RXQ_F_* asked of the device */
	uint64_t offloads;		/* port + queue Rx offloads */
	uint64_t rss_flag;		/* RX_RSS_HASH if RSS_HASH is on */
	struct rte_mbuf *pkt_first;	/* frame being reassembled */
	struct rte_mbuf *pkt_last;
	uint16_t max_segs;		/* buffers the largest frame needs */
	bool discard;			/* dropping a bad frame up to its EOP */
	uint64_t bad_wb;		/* frames of write-backs refused */
	const struct rte_memzone *mz;
	struct nicpmd_rx_split *split;	/* NULL: not a buffer split queue */
};

/*
 * A buffer split queue: the segments the application gave (rx_seg, or
 * several mempools), and the layout programmed at start from them for
 * the MTU of the time (nicpmd_rxq_split.c). sw_ring holds nb_buf mbufs
 * per descriptor, buffer k of descriptor i at [i * nb_buf + k].
 */
struct nicpmd_rx_split_user {
	struct rte_mempool *mp;		/* NULL: a discarded segment */
	uint16_t length;		/* 0: the mbuf's room, or the rest */
	uint16_t offset;		/* from the data buffer's start */
	uint8_t hdr;			/* NICPMD_RX_HDR_*; 0: length split */
};

struct nicpmd_rx_split {
	volatile union nicpmd_rx_split_desc *ring;
	uint8_t nb_buf;			/* buffers per descriptor */
	uint8_t nb_seg;			/* layout entries programmed */
	uint8_t mode;			/* NICPMD_RX_SPLIT_MODE_* */
	uint32_t max_len;		/* longest frame the layout takes */
	struct rte_mempool *mp[NICPMD_RX_SPLIT_MAX_BUFS];
	uint16_t data_off[NICPMD_RX_SPLIT_MAX_BUFS];
	uint16_t room[NICPMD_RX_SPLIT_MAX_BUFS];	/* bytes buffer k takes */
	uint64_t mbuf_init[NICPMD_RX_SPLIT_MAX_BUFS];	/* rearm data */
	struct nicpmd_rx_split_seg seg[NICPMD_RX_SPLIT_MAX_SEGS];
	uint8_t nb_user;
	struct nicpmd_rx_split_user user[NICPMD_RX_SPLIT_MAX_SEGS];
};

struct nicpmd_tx_queue {
	volatile struct nicpmd_tx_desc *ring;
	struct rte_mbuf **sw_ring;	/* segment behind each descriptor */
	struct nicpmd_hw *hw;
	uint16_t nb_desc;
	uint16_t mask;
	uint16_t nb_free;		/* descriptors we may fill */
	uint16_t rs_thresh;		/* RS every rs_thresh descriptors */
	uint16_t free_thresh;
	uint16_t next_dd;		/* RS descriptor to check next */
	bool fast_free;			/* MBUF_FAST_FREE: bulk put to one pool */
	bool multi_seg;			/* a chain was sent since start */
	uint32_t tail;			/* descriptors posted (free-running) */
	uint16_t port_id;
	uint16_t queue_id;
	bool deferred;			/* not started with the port */
	bool running;			/* the device has the queue */
	uint64_t offloads;
	const struct rte_memzone *mz;
};

/* -- Rx queues (nicpmd_rxq.c) --------------------------------------- */
int nicpmd_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
			  uint16_t nb_desc, unsigned int socket,
			  const struct rte_eth_rxconf *conf,
			  struct rte_mempool *mp);
void nicpmd_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
/* Port start/stop: the device side of one queue, without ethdev state. */
int nicpmd_rxq_hw_start(struct nicpmd_rx_queue *rxq);
void nicpmd_rxq_hw_stop(struct nicpmd_rx_queue *rxq);
void nicpmd_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid,
			 struct rte_eth_rxq_info *qinfo);
int nicpmd_rxq_fits_mtu(struct nicpmd_rx_queue *rxq, uint16_t mtu);
uint64_t nicpmd_rxq_rearm_data(uint16_t port_id, uint16_t data_off);

/* -- Buffer split queues (nicpmd_rxq_split.c, nicpmd_rx_split.c) ---- */
/* From rx_seg or rx_mempools; 0 or -EINVAL with a log line. */
int nicpmd_rxq_split_config(struct rte_eth_dev *dev, uint16_t qid,
			    const struct rte_eth_rxconf *conf,
			    uint64_t offloads, struct nicpmd_rx_split **out);
/* The layout for frames the MTU allows; 0 or -EINVAL with a log line. */
int nicpmd_rxq_split_layout(struct nicpmd_rx_queue *rxq, uint16_t mtu);
int nicpmd_rxq_split_hw_start(struct nicpmd_rx_queue *rxq);
void nicpmd_rxq_split_free_bufs(struct nicpmd_rx_queue *rxq);
/* Post buffers for n descriptors at the tail; how many were posted. */
uint16_t nicpmd_rx_split_refill(struct nicpmd_rx_queue *rxq, uint16_t n);
uint16_t nicpmd_recv_split_pkts(void *rxq, struct rte_mbuf **pkts,
				uint16_t nb);
nicpmd_ptypes_get_t nicpmd_buffer_split_hdrs_get;
uint16_t nicpmd_rxq_hw_flags(const struct rte_eth_dev *dev,
			     const struct nicpmd_rx_queue *rxq);

/* -- Tx queues (nicpmd_txq.c) --------------------------------------- */
int nicpmd_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
			  uint16_t nb_desc, unsigned int socket,
			  const struct rte_eth_txconf *conf);
void nicpmd_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_tx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_tx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_txq_hw_start(struct nicpmd_tx_queue *txq);
void nicpmd_txq_hw_stop(struct nicpmd_tx_queue *txq);
void nicpmd_txq_info_get(struct rte_eth_dev *dev, uint16_t qid,
			 struct rte_eth_txq_info *qinfo);

/* -- Bursts ----------------------------------------------------------- */
uint16_t nicpmd_recv_pkts(void *rxq, struct rte_mbuf **pkts, uint16_t nb);
uint16_t nicpmd_recv_pkts_offload(void *rxq, struct rte_mbuf **pkts,
				  uint16_t nb);
uint16_t nicpmd_recv_scattered_pkts(void *rxq, struct rte_mbuf **pkts,
				    uint16_t nb);
uint16_t nicpmd_xmit_pkts(void *txq, struct rte_mbuf **pkts, uint16_t nb);
uint16_t nicpmd_xmit_pkts_offload(void *txq, struct rte_mbuf **pkts,
				  uint16_t nb);
uint16_t nicpmd_prep_pkts(void *txq, struct rte_mbuf **pkts, uint16_t nb);

/* RTE_PTYPE_* of a device ptype word without a tunnel nibble. */
#define NICPMD_PTYPE_LUT_SIZE \
	((NICPMD_PTYPE_L2 | NICPMD_PTYPE_L3 | NICPMD_PTYPE_L4) + 1)
extern uint32_t nicpmd_ptype_lut[NICPMD_PTYPE_LUT_SIZE];

static inline uint32_t
nicpmd_outer_ptype(uint16_t pt)
{
	return nicpmd_ptype_lut[pt & (NICPMD_PTYPE_LUT_SIZE - 1)];
}

/* Frame metadata of a first write-back onto its mbuf (offload bursts). */
void nicpmd_rx_meta(const struct nicpmd_rx_queue *rxq, struct rte_mbuf *m,
		    volatile const struct nicpmd_rx_desc_wb *wb,
		    uint32_t status);

/*
 * Burst selection (nicpmd_rx.c, nicpmd_tx.c): the cheapest bursts that do
 * what the port's queues ask, installed at port start (ethdev copies them
 * into its fast-path table at the end of start). A queue started later
 * must fit the burst in use.
 */
void nicpmd_rx_burst_select(struct rte_eth_dev *dev);
void nicpmd_tx_burst_select(struct rte_eth_dev *dev);
bool nicpmd_rx_burst_fits(const struct rte_eth_dev *dev,
			  const struct nicpmd_rx_queue *rxq);
bool nicpmd_tx_burst_fits(const struct rte_eth_dev *dev,
			  const struct nicpmd_tx_queue *txq);
int nicpmd_rx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
			     struct rte_eth_burst_mode *mode);
int nicpmd_tx_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
			     struct rte_eth_burst_mode *mode);

/* Descriptor-level introspection (nicpmd_rx.c, nicpmd_tx.c). */
nicpmd_rx_queue_count_t nicpmd_rx_queue_count(void *rxq);
int nicpmd_rx_descriptor_status(void *rxq, uint16_t offset);
int nicpmd_tx_descriptor_status(void *txq, uint16_t offset);
int nicpmd_tx_done_cleanup(void *txq, uint32_t free_cnt);

/* Packet types (nicpmd_rx_offload.c). */
nicpmd_ptypes_get_t nicpmd_supported_ptypes_get;
int nicpmd_ptypes_set(struct rte_eth_dev *dev, uint32_t ptype_mask);

/* -- Rx helpers ------------------------------------------------------- */

/* Post n fresh buffers at the tail; false if the pool ran dry. */
static inline bool
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
 * End of every Rx burst: give consumed slots back once enough are due.
 * A pool that stays dry fails every poll: each buffer we could not get
 * counts in rx_nombuf once, not once per poll that tried again.
 */
static inline void
nicpmd_rxq_replenish(struct nicpmd_rx_queue *rxq)
{
	if (rxq->nb_hold < rxq->free_thresh)
		return;
	if (nicpmd_rxq_refill(rxq, rxq->nb_hold)) {
		rxq->nb_hold = 0;
		rxq->nb_nombuf = 0;
	} else if (rxq->nb_hold > rxq->nb_nombuf) {
		rte_eth_devices[rxq->port_id].data->rx_mbuf_alloc_failed +=
			rxq->nb_hold - rxq->nb_nombuf;
		rxq->nb_nombuf = rxq->nb_hold;
	}
}

/*
 * Don't trust the device: a write-back of no bytes, of more than the
 * posted buffer holds, or (a queue without scatter) of a frame that does
 * not end in its buffer, is refused with the rest of its frame and
 * counted once. A broken device costs frames, never memory.
 */
static inline bool
nicpmd_rxd_ok(struct nicpmd_rx_queue *rxq, uint32_t status, uint16_t len,
	      bool scatter)
{
	bool eop = status & NICPMD_RXD_EOP;

	if (likely(!rxq->discard && len != 0 && len <= rxq->buf_len &&
		   (eop || scatter)))
		return true;
	if (!rxq->discard)
		rxq->bad_wb++;
	rxq->discard = !eop;
	return false;
}

/* A poll found nothing: let a device that needs it take frames in. */
static inline void
nicpmd_rx_poll_empty(struct nicpmd_rx_queue *rxq)
{
	if (unlikely(rxq->hw->rx_poll))
		nicpmd_write_reg(rxq->hw, NICPMD_REG_RX_POLL, rxq->queue_id);
}

/* The status word of a write-back, read before any other field of it. */
static inline uint32_t
nicpmd_rxd_status(volatile const struct nicpmd_rx_desc_wb *wb)
{
	return rte_atomic_load_explicit(NICPMD_ATOMIC32(&wb->status),
					rte_memory_order_acquire);
}

/* The write-back of descriptor idx, of either ring format. */
static inline volatile const struct nicpmd_rx_desc_wb *
nicpmd_rxq_wb(const struct nicpmd_rx_queue *rxq, uint16_t idx)
{
	if (unlikely(rxq->split != NULL))
		return &rxq->split->ring[idx].wb.wb;
	return &rxq->ring[idx].wb;
}

/* -- Tx helpers ------------------------------------------------------- */

static inline uint32_t
nicpmd_txd_status(volatile const struct nicpmd_tx_desc *d)
{
	return rte_atomic_load_explicit(NICPMD_ATOMIC32(&d->status),
					rte_memory_order_acquire);
}

/* One descriptor in four stores (layout: base/nicpmd_hw.h). */
static inline void
nicpmd_txd_fill(volatile struct nicpmd_tx_desc *d, uint64_t iova,
		uint64_t word1, uint64_t word2, uint64_t word3)
{
	volatile uint64_t *q = (volatile uint64_t *)d;

	q[0] = iova;
	q[1] = word1;
	q[2] = word2;
	q[3] = word3;
}

/*
 * Put every segment of the packet m at the ring from tail, one
 * descriptor each, and return the new tail; the caller made room. The
 * first descriptor carries the packet's offload request (ol_cmd, the mss
 * and header lengths, the tags) and its length; the others only their
 * own length. RS goes on every rs_thresh-th ring slot, EOP on the last.
 */
static inline uint32_t
nicpmd_tx_put_segs(struct nicpmd_tx_queue *txq, struct rte_mbuf *m,
		   uint32_t tail, uint16_t ol_cmd, bool ol_fields)
{
	volatile struct nicpmd_tx_desc *ring = txq->ring;
	uint16_t rs_mask = txq->rs_thresh - 1;
	uint64_t word2 = 0, word3 = m->pkt_len;
	uint16_t mss = 0;
	uint8_t l2 = 0, l4 = 0;

	if (ol_fields) {
		mss = m->tso_segsz;
		l2 = m->l2_len;
		l4 = m->l4_len;
		word2 = nicpmd_txd_word2(m->l3_len, m->vlan_tci,
					 m->vlan_tci_outer);
	}
	for (; m != NULL; m = m->next) {
		uint16_t idx = tail & txq->mask;
		uint16_t cmd = ol_cmd;

		if (m->next == NULL)
			cmd |= NICPMD_TXD_EOP;
		if ((idx & rs_mask) == rs_mask)
			cmd |= NICPMD_TXD_RS;
		nicpmd_txd_fill(&ring[idx], rte_mbuf_data_iova(m),
				nicpmd_txd_word1(m->data_len, cmd, mss, l2, l4),
				word2, word3);
		txq->sw_ring[idx] = m;
		tail++;
		/* Offload fields belong to the first descriptor only. */
		ol_cmd = 0;
		mss = 0;
		l2 = 0;
		l4 = 0;
		word2 = 0;
		word3 = 0;
	}
	return tail;
}

/*
 * Free one done batch. With MBUF_FAST_FREE the application promised one
 * pool and no other references: one bulk put. Otherwise each segment is
 * released properly and same-pool runs are put in bulk.
 */
static inline void
nicpmd_txq_free_batch(struct nicpmd_tx_queue *txq, struct rte_mbuf **slot,
		      uint16_t n)
{
	struct rte_mbuf *put[NICPMD_TX_RS_MAX];
	struct rte_mempool *mp = NULL;
	uint16_t i, k = 0;

	if (txq->fast_free && !txq->multi_seg) {
		/*
		 * Only single-segment packets ever sent: every slot holds a
		 * whole, pool-ready mbuf. Not touching them saves a miss each.
		 */
		rte_mempool_put_bulk(slot[0]->pool, (void **)slot, n);
		memset(slot, 0, n * sizeof(*slot));
		return;
	}
	if (txq->fast_free) {
		/* Every slot of a done batch holds a segment. */
		for (i = 0; i < n; i++) {
			put[i] = slot[i];
			if (put[i]->next != NULL) {	/* pool invariants */
				put[i]->next = NULL;
				put[i]->nb_segs = 1;
			}
		}
		rte_mempool_put_bulk(put[0]->pool, (void **)put, n);
		memset(slot, 0, n * sizeof(*slot));
		return;
	}
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = slot[i];

		if (m == NULL)
			continue;
		slot[i] = NULL;
		m = rte_pktmbuf_prefree_seg(m);
		if (m == NULL)
			continue;
		if (k == RTE_DIM(put) || (k != 0 && m->pool != mp)) {
			rte_mempool_put_bulk(mp, (void **)put, k);
			k = 0;
		}
		mp = m->pool;
		put[k++] = m;
	}
	if (k != 0)
		rte_mempool_put_bulk(mp, (void **)put, k);
}

/* Free every batch whose RS descriptor the device has marked done. */
static inline void
nicpmd_txq_cleanup(struct nicpmd_tx_queue *txq)
{
	while (nicpmd_txd_status(&txq->ring[txq->next_dd]) & NICPMD_TXD_DD) {
		uint16_t first = txq->next_dd - (txq->rs_thresh - 1);

		nicpmd_txq_free_batch(txq, &txq->sw_ring[first],
				      txq->rs_thresh);
		/* Consumed: the next time round this slot is a new one. */
		txq->ring[txq->next_dd].status = 0;
		txq->nb_free += txq->rs_thresh;
		txq->next_dd = (txq->next_dd + txq->rs_thresh) & txq->mask;
	}
}

/*
 * Start of a Tx burst: nothing on a stopped queue (applications send
 * there too; testpmd does); otherwise free done batches now rather than
 * at tx_free_thresh, so mbufs go back to the pool cache while warm.
 */
static inline bool
nicpmd_txq_begin(struct nicpmd_tx_queue *txq)
{
	if (unlikely(!txq->running))
		return false;
	nicpmd_txq_cleanup(txq);
	return true;
}

/* A packet of nb_segs descriptors: room for it, after a cleanup if need be. */
static inline bool
nicpmd_txq_room(struct nicpmd_tx_queue *txq, uint16_t nb_segs)
{
	if (likely(nb_segs <= txq->nb_free))
		return true;
	nicpmd_txq_cleanup(txq);
	return nb_segs <= txq->nb_free;
}

/* End of a Tx burst: hand the new descriptors to the device. */
static inline void
nicpmd_txq_doorbell(struct nicpmd_tx_queue *txq, uint32_t tail)
{
	txq->tail = tail;
	/* The write orders the descriptors before the doorbell. */
	nicpmd_write_reg(txq->hw, NICPMD_REG_TXQ_TAIL(txq->queue_id), tail);
}

#endif /* _NICPMD_RXTX_H_ */

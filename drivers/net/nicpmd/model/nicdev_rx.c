/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * MAC receive: frames from the wire pass the port's checks (link, length,
 * MTU, address filter), then are written into the buffers the driver
 * posted, with a write-back descriptor each. No buffer posted: the frame
 * is dropped and counted, as hardware does.
 */

#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_memcpy.h>
#include <rte_prefetch.h>

#include "nicdev_priv.h"
#include "nicdev_flow.h"
#include "nicdev_parse.h"

/* Queue flags that make the device look into a frame before delivery. */
#define RXQ_F_INSPECT	(NICPMD_RXQ_F_VLAN_STRIP | NICPMD_RXQ_F_QINQ_STRIP | \
			 NICPMD_RXQ_F_CSUM | NICPMD_RXQ_F_PTYPE)

/* Flags whose inspection may change the frame or needs all of it. */
#define RXQ_F_REWRITE	(RXQ_F_INSPECT & ~NICPMD_RXQ_F_PTYPE)

static const struct nicdev_rx_meta plain_meta = { .ptype = NICPMD_PTYPE_L2_ETHER };


/*
 * Frame length the MTU allows: header plus room for two VLAN tags, tagged
 * or not (NICs of this class size their limit the same way), so an
 * MTU-sized L3 packet passes with up to two tags and an untagged frame
 * may carry 8 bytes more.
 */
static inline uint32_t
mtu_frame_limit(uint16_t mtu)
{
	return (uint32_t)mtu + NICPMD_L2_OVERHEAD;
}

static bool
in_table(const uint8_t (*table)[6], unsigned int n, const uint8_t *addr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (memcmp(table[i], addr, NICDEV_ETH_ADDR_LEN) == 0)
			return true;
	return false;
}

static bool
address_ok(const struct nicdev *dev, const struct nicdev_frame *f,
	   uint32_t mode)
{
	uint8_t dst[NICDEV_ETH_ADDR_LEN];
	static const uint8_t bcast[NICDEV_ETH_ADDR_LEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (mode & NICPMD_RX_MODE_PROMISC)
		return true;
	nicdev_frame_peek(f, 0, NICDEV_ETH_ADDR_LEN, dst);
	if (!(dst[0] & 1))
		return memcmp(dst, dev->mac, NICDEV_ETH_ADDR_LEN) == 0 ||
			in_table(dev->uc_table, NICPMD_UC_TABLE_SIZE, dst);
	if (memcmp(dst, bcast, NICDEV_ETH_ADDR_LEN) == 0)
		return mode & NICPMD_RX_MODE_BROADCAST;
	return (mode & NICPMD_RX_MODE_ALLMULTI) ||
		in_table(dev->mc_table, NICPMD_MC_TABLE_SIZE, dst);
}

/*
 * A posted buffer the device cannot write: hand the first n descriptors
 * back with ERR and no data, so one bad address never wedges the queue.
 */
static void
rxq_buffer_error(struct nicdev_rxq *rxq, union nicpmd_rx_desc *ring,
		 uint32_t n)
{
	uint32_t b;

	for (b = 0; b < n; b++) {
		struct nicpmd_rx_desc_wb *wb =
			&ring[(rxq->head + b) & rxq->mask].wb;

		memset(wb, 0, sizeof(*wb) - sizeof(wb->status));
		rte_atomic_store_explicit(&wb->status, NICPMD_RXD_DD | NICPMD_RXD_EOP |
				 NICPMD_RXD_ERR, rte_memory_order_release);
	}
	rxq->head += n;
	rte_atomic_store_explicit(&rxq->buf_errors, rxq->buf_errors + 1, rte_memory_order_relaxed);
}

/* VLAN filter: untagged frames pass; tagged ones by their inner VID. */
static bool
vlan_ok(const struct nicdev *dev, const struct nicdev_frame *f)
{
	uint8_t hdr[12 + 2 * 4 + 2];
	struct nicdev_tags t;
	uint16_t vid;

	if (!nicdev_frame_peek(f, 0, RTE_MIN(f->len, sizeof(hdr)), hdr))
		return false;
	nicdev_parse_tags(hdr, RTE_MIN(f->len, sizeof(hdr)), dev->inner_tpid,
			  dev->outer_tpid, &t);
	if (t.nb == 0)
		return true;
	vid = t.tci[t.nb - 1] & 0xfff;
	return (dev->vlan_ok[vid / 64] >> (vid % 64)) & 1;
}

/* Copy a frame into buffers from the Rx ring; false if dropped. */
static bool
rxq_write_frame(struct nicdev *dev, struct nicdev_rxq *rxq,
		union nicpmd_rx_desc *ring,
		uint32_t avail, const struct nicdev_frame *f,
		const struct nicdev_rx_meta *meta)
{
	uint32_t buf_len = rxq->buf_len;
	uint32_t nb_buf = (f->len + buf_len - 1) / buf_len;
	uint32_t b, seg = 0, seg_off = 0, left = f->len;
	uint8_t *dst[NICPMD_MAX_FRAME / NICPMD_MIN_RX_BUF + 1];

	if (nb_buf > avail)
		return false;
	for (b = 0; b < nb_buf; b++) {
		union nicpmd_rx_desc *d = &ring[(rxq->head + b) & rxq->mask];

		dst[b] = nicdev_dma_map(d->read.addr, buf_len);
		if (unlikely(dst[b] == NULL)) {
			rxq_buffer_error(rxq, ring, b + 1);
			return false;
		}
	}

	if (likely(nb_buf == 1 && f->nb_seg == 1)) {
		rte_memcpy(dst[0], f->seg[0].data, f->len);
	} else {
		for (b = 0; b < nb_buf; b++) {
			uint32_t room = RTE_MIN(buf_len, left), off = 0;

			while (off < room) {
				uint32_t n = RTE_MIN(room - off,
						     f->seg[seg].len - seg_off);

				memcpy(dst[b] + off, f->seg[seg].data + seg_off, n);
				off += n;
				seg_off += n;
				if (seg_off == f->seg[seg].len) {
					seg++;
					seg_off = 0;
				}
			}
			left -= room;
		}
	}

	/*
	 * Write-back last buffer first: DD on the first descriptor of a
	 * frame then guarantees the whole frame is there.
	 */
	left = f->len - (nb_buf - 1) * buf_len;
	for (b = nb_buf; b-- > 0;) {
		struct nicpmd_rx_desc_wb *wb =
			&ring[(rxq->head + b) & rxq->mask].wb;
		uint32_t status = NICPMD_RXD_DD;

		wb->rss_hash = b == 0 ? meta->rss_hash : 0;
		wb->len = b == nb_buf - 1 ? left : buf_len;
		if (b == 0) {
			wb->ptype = meta->ptype;
			wb->vlan_tci = meta->vlan_tci;
			wb->vlan_tci_outer = meta->vlan_tci_outer;
			status |= meta->status;
		} else {
			wb->ptype = 0;
			wb->vlan_tci = 0;
			wb->vlan_tci_outer = 0;
		}
		if (b == nb_buf - 1)
			status |= NICPMD_RXD_EOP;
		if (nb_buf == 1 && nicdev_fault_wb_on(dev)) {
			uint16_t len = wb->len, pt = wb->ptype;

			nicdev_fault_wb(dev, buf_len, &len, &status, &pt);
			wb->len = len;
			wb->ptype = pt;
		}
		rte_atomic_store_explicit(&wb->status, status, rte_memory_order_release);
	}
	rxq->head += nb_buf;
	return true;
}

/*
 * The common case: one segment into one posted buffer, plain metadata.
 * The write-back is two 8-byte stores, status (in the second) last.
 */
static inline bool
rxq_write_simple(struct nicdev *dev, struct nicdev_rxq *rxq,
		 union nicpmd_rx_desc *ring, const struct nicdev_frame *f,
		 uint32_t hash, uint32_t rss, uint16_t ptype, uint32_t inner)
{
	union nicpmd_rx_desc *d = &ring[rxq->head & rxq->mask];
	uint32_t status = NICPMD_RXD_DD | NICPMD_RXD_EOP | rss | inner;
	uint64_t *wb = (uint64_t *)d;
	void *dst = nicdev_dma_map(d->read.addr, rxq->buf_len);
	uint16_t len = f->len;

	if (unlikely(dst == NULL))
		return false;
	/* The next buffer was posted long ago: start bringing it in. */
	if (likely(nicdev_iova_is_va))
		rte_prefetch0_write((void *)(uintptr_t)
				    ring[(rxq->head + 1) & rxq->mask].read.addr);
	rte_memcpy(dst, f->seg[0].data, f->len);
	if (nicdev_fault_wb_on(dev))
		nicdev_fault_wb(dev, rxq->buf_len, &len, &status, &ptype);
	/* rss_hash, len, ptype; then vlan tags 0 and status. */
	wb[0] = hash | (uint64_t)len << 32 | (uint64_t)ptype << 48;
	rte_atomic_store_explicit(&wb[1], (uint64_t)status << 32,
			 rte_memory_order_release);
	rxq->head++;
	return true;
}

/* The packet type of a one-segment frame, tags left in place. */
static inline uint16_t
frame_ptype(const struct nicdev *dev, const struct nicdev_frame *f,
	    uint32_t *inner)
{
	return nicdev_parse_ptype_frame(f->seg[0].data, f->len,
					dev->inner_tpid, dev->outer_tpid,
					&dev->udp_tunnels, inner);
}

/* A contiguous view of a frame: itself, or a copy in the queue's scratch. */
static const uint8_t *
frame_linear(struct nicdev_rxq *rxq, const struct nicdev_frame *f)
{
	if (f->nb_seg == 1)
		return f->seg[0].data;
	if (rxq->scratch == NULL) {
		rxq->scratch = malloc(NICDEV_FRAME_MAX);
		if (rxq->scratch == NULL)
			return NULL;
	}
	nicdev_frame_peek(f, 0, f->len, rxq->scratch);
	return rxq->scratch;
}

static inline uint16_t
be16_of(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/*
 * The queue's inspection work on one frame: strip tags, check checksums,
 * parse the packet type. out/segs describe the frame as delivered.
 */
static bool
rx_inspect(struct nicdev *dev, struct nicdev_rxq *rxq,
	   const struct nicdev_frame *f, struct nicdev_frame *out,
	   struct nicdev_seg segs[2], struct nicdev_rx_meta *meta)
{
	const uint8_t *data = frame_linear(rxq, f);
	struct nicdev_tags t, left;
	uint32_t inner, strip = 0;

	if (data == NULL)
		return false;
	memset(meta, 0, sizeof(*meta));
	nicdev_parse_tags(data, f->len, dev->inner_tpid, dev->outer_tpid, &t);
	/* Two tags are QinQ when the first has the outer TPID, or in
	 * extended VLAN mode whatever it has; otherwise two with the inner
	 * TPID are a VLAN frame whose payload starts with a tag.
	 */
	if (rxq->flags & NICPMD_RXQ_F_QINQ_STRIP)
		strip = t.nb == 2 && be16_of(data + 12) != dev->outer_tpid &&
			!(dev->vlan_cfg & NICPMD_VLAN_CFG_EXTEND) ? 1 : t.nb;
	else if (rxq->flags & NICPMD_RXQ_F_VLAN_STRIP)
		strip = RTE_MIN(t.nb, 1u);
	if (strip == 2) {
		meta->vlan_tci_outer = t.tci[0];
		meta->vlan_tci = t.tci[1];
		meta->status |= NICPMD_RXD_VLAN_STRIPPED |
			NICPMD_RXD_QINQ_STRIPPED;
	} else if (strip == 1) {
		meta->vlan_tci = t.tci[0];
		meta->status |= NICPMD_RXD_VLAN_STRIPPED;
	}
	if ((rxq->flags & NICPMD_RXQ_F_CSUM) &&
	    (dev->features & NICPMD_F_TUNNEL_OFFLOAD))
		meta->status |= nicdev_check_csum_tunnel(data, f->len, &t,
							 &dev->udp_tunnels);
	else if (rxq->flags & NICPMD_RXQ_F_CSUM)
		meta->status |= nicdev_check_csum(data, f->len, &t);
	left = t;
	left.nb -= strip;
	meta->ptype = NICPMD_PTYPE_L2_ETHER;
	if (rxq->flags & NICPMD_RXQ_F_PTYPE) {
		meta->ptype = nicdev_parse_ptype(data, f->len, &left,
						 &dev->udp_tunnels, &inner);
		meta->status |= inner;
	}

	/* The delivered frame: MAC addresses, then what follows the tags. */
	segs[0].data = data;
	segs[0].len = 12;
	segs[1].data = data + 12 + 4 * strip;
	segs[1].len = f->len - 12 - 4 * strip;
	out->seg = segs;
	out->nb_seg = 2;
	out->len = f->len - 4 * strip;
	return true;
}

/* How a frame was steered: what goes in rss_hash, and its status bits. */
struct rx_steer {
	uint32_t hash;		/* the RSS hash, or a flow rule's mark */
	uint32_t status;	/* RXD_RSS_VALID, RXD_FLOW_MARK, RXD_FLOW_FLAG */
};

/* Deliver accepted frames to one Rx queue; steer NULL: no hash at all. */
static void
rxq_deliver(struct nicdev *dev, uint16_t qid,
	    const struct nicdev_frame *const *frames,
	    const struct rx_steer *steer, uint16_t nb)
{
	struct nicdev_rxq *rxq = &dev->rxq[qid];
	uint64_t bytes = 0, packets = 0, drops = 0;
	union nicpmd_rx_desc *ring;
	uint32_t avail;
	uint16_t i;

	rte_spinlock_lock(&rxq->lock);
	ring = rxq->ring;
	if (ring == NULL || nicdev_fault_stalled(dev, NICPMD_FAULT_F_STALL_RX)) {
		drops = nb;
		goto out;
	}
	avail = nicdev_reg_read(dev, NICPMD_REG_RXQ_TAIL(qid)) - rxq->head;
	if (unlikely(avail > rxq->mask + 1))
		avail = 0;	/* driver posted a nonsense tail */
	for (i = 0; i < nb; i++) {
		const struct nicdev_frame *f = frames[i];
		const struct nicdev_rx_meta *meta = &plain_meta;
		uint32_t before = rxq->head;
		struct nicdev_frame inspected;
		struct nicdev_seg segs[2];
		struct nicdev_rx_meta m;

		uint32_t rss = steer != NULL ? steer[i].status : 0;
		uint32_t h = steer != NULL ? steer[i].hash : 0;

		/* Fast path: one segment into one buffer, nothing to inspect. */
		/* Packet types alone need no rewrite: typed in passing. */
		if (likely(!(rxq->flags & RXQ_F_REWRITE) && f->nb_seg == 1 &&
			   f->len <= rxq->buf_len && avail != 0)) {
			uint16_t pt = NICPMD_PTYPE_L2_ETHER;
			uint32_t inner = 0;

			if (rxq->flags & NICPMD_RXQ_F_PTYPE)
				pt = frame_ptype(dev, f, &inner);
			if (likely(rxq_write_simple(dev, rxq, ring, f, h, rss, pt,
						    inner))) {
				avail--;
				packets++;
				bytes += f->len;
				continue;
			}
		}
		if (unlikely(rxq->flags & RXQ_F_INSPECT)) {
			if (!rx_inspect(dev, rxq, f, &inspected, segs, &m)) {
				drops++;
				continue;
			}
			f = &inspected;
			meta = &m;
		} else if (rss) {
			m = plain_meta;
			meta = &m;
		}
		if (rss) {
			m.rss_hash = h;
			m.status |= rss;
		}
		if (unlikely(rxq->split_on)) {
			/* Split queues (buf_len 0) never take the fast path. */
			uint32_t kept = 0;
			enum nicdev_split_result r;

			r = nicdev_rxq_write_split(dev, rxq, avail, f, meta,
						   &kept);
			avail -= rxq->head - before;
			if (r != NICDEV_SPLIT_DELIVERED) {
				drops += r == NICDEV_SPLIT_NO_ROOM;
				continue;
			}
			packets++;
			bytes += kept;
		} else {
			if (unlikely(f->len > rxq->buf_len &&
				     !(rxq->flags & NICPMD_RXQ_F_SCATTER))) {
				nicdev_count(&dev->cnt.rx_too_long, 1);
				continue;
			}
			if (!rxq_write_frame(dev, rxq, ring, avail, f, meta)) {
				if (rxq->head == before)
					drops++; /* no room; else a buffer error */
				avail -= rxq->head - before;
				continue;
			}
			avail -= rxq->head - before;
			packets++;
			bytes += f->len;
		}
		/* Delivered with a bad checksum: flagged, and counted. */
		if (unlikely(meta->status &
			     (NICPMD_RXD_L3CS_BAD | NICPMD_RXD_L4CS_BAD))) {
			if (meta->status & NICPMD_RXD_L3CS_BAD)
				rxq->l3_bad++;
			if (meta->status & NICPMD_RXD_L4CS_BAD)
				rxq->l4_bad++;
		}
	}
	/* An armed queue interrupt fires once, then disarms. */
	if (packets != 0 &&
	    unlikely(nicdev_reg_read(dev, NICPMD_REG_RXQ_INTR(qid)) != 0) &&
	    rte_atomic_exchange_explicit((uint32_t *)(dev->bar +
					     NICPMD_REG_RXQ_INTR(qid)), 0,
				rte_memory_order_acq_rel) != 0)
		nicdev_irq_signal(dev, 1 + qid);
out:
	/* Counters change under the queue lock: a single writer. */
	rte_atomic_store_explicit(&rxq->packets, rxq->packets + packets, rte_memory_order_relaxed);
	rte_atomic_store_explicit(&rxq->bytes, rxq->bytes + bytes, rte_memory_order_relaxed);
	rte_atomic_store_explicit(&rxq->drops, rxq->drops + drops, rte_memory_order_relaxed);
	rte_spinlock_unlock(&rxq->lock);
}

/* The port's steering (RSS or queue 0) of one frame. */
static void
port_steer(const struct nicdev *dev, const struct nicdev_frame *f,
	   uint8_t *qid, struct rx_steer *st)
{
	*qid = 0;
	st->hash = 0;
	st->status = 0;
	if (dev->rss_types != 0 && nicdev_rss_hash(dev, f, &st->hash)) {
		st->status = NICPMD_RXD_RSS_VALID;
		*qid = dev->rss_reta[st->hash % NICPMD_RSS_RETA_SIZE];
	}
}

/* Frames to their queues: one delivery per queue, in arrival order. */
static void
deliver_by_queue(struct nicdev *dev, const struct nicdev_frame *const *fr,
		 const struct rx_steer *st, const uint8_t *qid, uint16_t n)
{
	const struct nicdev_frame *sel[NICDEV_BURST];
	struct rx_steer sel_st[NICDEV_BURST];
	uint64_t done = 0;
	uint16_t i, j, k;

	for (i = 0; i < n; i++) {
		if (done & (UINT64_C(1) << i))
			continue;
		for (j = i, k = 0; j < n; j++) {
			if (qid[j] != qid[i] || (done & (UINT64_C(1) << j)))
				continue;
			done |= UINT64_C(1) << j;
			sel[k] = fr[j];
			sel_st[k++] = st[j];
		}
		rxq_deliver(dev, qid[i], sel, sel_st, k);
	}
}

/*
 * Frames through the flow table first: dropped, sent to a queue, hashed
 * by a rule, or left to the port's steering; marked, maybe rewritten.
 */
static void
deliver_flow(struct nicdev *dev, const struct nicdev_frame *const *ok,
	     uint16_t n)
{
	struct nicdev_flow_result res[NICDEV_BURST];
	const struct nicdev_frame *fr[NICDEV_BURST];
	struct rx_steer st[NICDEV_BURST];
	uint8_t qid[NICDEV_BURST], q;
	uint16_t i, k = 0;

	for (i = 0; i < n; i++) {
		struct nicdev_flow_result *r = &res[i];

		nicdev_flow_lookup(dev, ok[i], r);
		if (r->verdict == NICDEV_FLOW_DROP)
			continue;	/* counted by the table */
		fr[k] = r->modified ? &r->frame : ok[i];
		switch (r->verdict) {
		case NICDEV_FLOW_QUEUE:
			port_steer(dev, fr[k], &q, &st[k]);	/* the hash only */
			qid[k] = r->queue;
			break;
		case NICDEV_FLOW_RSS:
			qid[k] = r->queue;
			st[k].hash = r->hashed ? r->hash : 0;
			st[k].status = r->hashed ? NICPMD_RXD_RSS_VALID : 0;
			break;
		default:
			port_steer(dev, fr[k], &qid[k], &st[k]);
			break;
		}
		/* The write-back holds a mark or a hash: the mark wins. */
		if (r->status & NICPMD_RXD_FLOW_MARK) {
			st[k].hash = r->mark;
			st[k].status = r->status;
		} else {
			st[k].status |= r->status;
		}
		k++;
	}
	if (k != 0)
		deliver_by_queue(dev, fr, st, qid, k);
}

/*
 * Accepted frames to their queues: all to queue 0 without RSS or flow
 * rules; with RSS to the queue the RETA names for their hash.
 */
static void
deliver(struct nicdev *dev, const struct nicdev_frame *const *ok, uint16_t n)
{
	struct rx_steer st[NICDEV_BURST];
	uint8_t qid[NICDEV_BURST];
	uint16_t i;

	if (unlikely(nicdev_flow_active(dev))) {
		deliver_flow(dev, ok, n);
		return;
	}
	if (likely(dev->rss_types == 0)) {
		rxq_deliver(dev, 0, ok, NULL, n);
		return;
	}
	for (i = 0; i < n; i++)
		port_steer(dev, ok[i], &qid[i], &st[i]);
	deliver_by_queue(dev, ok, st, qid, n);
}

void
nicdev_mac_rx(struct nicdev *dev, const struct nicdev_frame *frames,
	      uint16_t nb)
{
	const struct nicdev_frame *ok[NICDEV_BURST];
	uint32_t mode;
	uint16_t i, n = 0;
	uint16_t mtu;
	bool fast, fc = false;

	rte_rwlock_read_lock(&dev->rx_cfg_lock);
	if (unlikely(!dev->enabled || !nicdev_link_is_up(dev))) {
		nicdev_count(&dev->cnt.rx_port_down, nb);
		goto out;
	}
	mode = rte_atomic_load_explicit(&dev->rx_mode, rte_memory_order_relaxed);
	mtu = rte_atomic_load_explicit(&dev->mtu, rte_memory_order_relaxed);
	fc = nicdev_fc_active(dev);
	/*
	 * Frames that need no look at all: promiscuous. A promiscuous port
	 * is VLAN-promiscuous too (device spec, Receive filtering), as the
	 * NICs of its class are: the VLAN filter table applies only to a
	 * port that filters addresses.
	 */
	fast = mode & NICPMD_RX_MODE_PROMISC;
	for (i = 0; i < nb; i++) {
		const struct nicdev_frame *f = &frames[i];

		if (unlikely(fc)) {
			enum nicdev_fc_verdict v = nicdev_fc_rx_frame(dev, f);

			if (v == NICDEV_FC_CONSUMED)
				continue;
			if (v == NICDEV_FC_DELIVER) {
				ok[n++] = f;
				goto next;
			}
		}
		if (likely(fast && f->len >= NICDEV_ETH_HDR_LEN &&
			   f->len <= mtu_frame_limit(mtu))) {
			ok[n++] = f;
		} else if (unlikely(f->len < NICDEV_ETH_HDR_LEN)) {
			nicdev_count(&dev->cnt.rx_runt, 1);
		} else if (unlikely(f->len > mtu_frame_limit(mtu))) {
			nicdev_count(&dev->cnt.rx_oversize, 1);
		} else if (unlikely(!address_ok(dev, f, mode))) {
			nicdev_count(&dev->cnt.rx_filtered, 1);
		} else if (unlikely(!(mode & NICPMD_RX_MODE_PROMISC) &&
				    (dev->vlan_cfg & NICPMD_VLAN_CFG_FILTER) &&
				    !vlan_ok(dev, f))) {
			nicdev_count(&dev->cnt.rx_vlan_filtered, 1);
		} else {
			ok[n++] = f;
		}
next:
		if (n == RTE_DIM(ok)) {
			deliver(dev, ok, n);
			n = 0;
		}
	}
	if (n != 0)
		deliver(dev, ok, n);
out:
	rte_rwlock_read_unlock(&dev->rx_cfg_lock);
	/* Rx pressure may call for a PAUSE: sent with no lock held. */
	if (unlikely(fc))
		nicdev_fc_poll(dev);
}

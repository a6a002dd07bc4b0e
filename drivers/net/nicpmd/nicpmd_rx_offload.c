/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Rx bursts that report everything the device found: checksum status,
 * stripped VLAN tags, tunnel packet types; and the scattered burst, which
 * chains the buffers of one frame. The plain burst (nicpmd_rx.c) reports
 * only the outer packet type and the RSS hash, through the table here.
 */

#include <rte_common.h>
#include <rte_mbuf.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

/* Write-back NICPMD_RXD_CSUM field (L3 checked, bad, L4 checked, bad). */
static const uint64_t csum_flags[16] = {
#define L3(chk, bad) ((chk) ? ((bad) ? RTE_MBUF_F_RX_IP_CKSUM_BAD : \
			       RTE_MBUF_F_RX_IP_CKSUM_GOOD) : 0)
#define L4(chk, bad) ((chk) ? ((bad) ? RTE_MBUF_F_RX_L4_CKSUM_BAD : \
			       RTE_MBUF_F_RX_L4_CKSUM_GOOD) : 0)
	/* index bits: 0 L3 checked, 1 L3 bad, 2 L4 checked, 3 L4 bad */
	L3(0, 0) | L4(0, 0), L3(1, 0) | L4(0, 0),
	L3(0, 1) | L4(0, 0), L3(1, 1) | L4(0, 0),
	L3(0, 0) | L4(1, 0), L3(1, 0) | L4(1, 0),
	L3(0, 1) | L4(1, 0), L3(1, 1) | L4(1, 0),
	L3(0, 0) | L4(0, 1), L3(1, 0) | L4(0, 1),
	L3(0, 1) | L4(0, 1), L3(1, 1) | L4(0, 1),
	L3(0, 0) | L4(1, 1), L3(1, 0) | L4(1, 1),
	L3(0, 1) | L4(1, 1), L3(1, 1) | L4(1, 1),
#undef L4
#undef L3
};

/*
 * Write-back NICPMD_RXD_OUTER_CSUM field (outer IPv4 bad, outer UDP
 * checked, bad) of a UDP-tunnelled frame; outer IPv4 has no GOOD flag.
 */
static const uint64_t outer_csum_flags[8] = {
	[0x2] = RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD,
	[0x6] = RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD,
	[0x1] = RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD,
	[0x5] = RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD,	/* L4 bad, unchecked */
	[0x3] = RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD |
		RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD,
	[0x7] = RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD |
		RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD,
};

/* Device ptype nibbles -> RTE_PTYPE_*. */
static const uint32_t l2_ptype[16] = {
	[1] = RTE_PTYPE_L2_ETHER,
	[2] = RTE_PTYPE_L2_ETHER_VLAN,
	[3] = RTE_PTYPE_L2_ETHER_QINQ,
};
static const uint32_t l3_ptype[16] = {
	[1] = RTE_PTYPE_L3_IPV4,
	[2] = RTE_PTYPE_L3_IPV4_EXT,
	[3] = RTE_PTYPE_L3_IPV6,
	[4] = RTE_PTYPE_L3_IPV6_EXT,
};
static const uint32_t l4_ptype[16] = {
	[1] = RTE_PTYPE_L4_TCP,
	[2] = RTE_PTYPE_L4_UDP,
	[3] = RTE_PTYPE_L4_SCTP,
	[4] = RTE_PTYPE_L4_ICMP,
	[5] = RTE_PTYPE_L4_FRAG,
	[6] = RTE_PTYPE_L4_NONFRAG,
};
static const uint32_t tun_ptype[16] = {
	[1] = RTE_PTYPE_TUNNEL_VXLAN,
	[2] = RTE_PTYPE_TUNNEL_GRE,
	[3] = RTE_PTYPE_TUNNEL_VXLAN_GPE,
	[4] = RTE_PTYPE_TUNNEL_GENEVE,
};
static const uint32_t inner_l3_ptype[16] = {
	[1] = RTE_PTYPE_INNER_L3_IPV4,
	[2] = RTE_PTYPE_INNER_L3_IPV4_EXT,
	[3] = RTE_PTYPE_INNER_L3_IPV6,
	[4] = RTE_PTYPE_INNER_L3_IPV6_EXT,
};
static const uint32_t inner_l4_ptype[16] = {
	[1] = RTE_PTYPE_INNER_L4_TCP,
	[2] = RTE_PTYPE_INNER_L4_UDP,
	[3] = RTE_PTYPE_INNER_L4_SCTP,
	[4] = RTE_PTYPE_INNER_L4_ICMP,
	[5] = RTE_PTYPE_INNER_L4_FRAG,
	[6] = RTE_PTYPE_INNER_L4_NONFRAG,
};

/*
 * The RTE_PTYPE_* of every untunnelled device ptype word (L2, L3 and L4
 * nibbles), so the plain burst types a frame with one load.
 */
uint32_t nicpmd_ptype_lut[NICPMD_PTYPE_LUT_SIZE];

RTE_INIT(nicpmd_ptype_lut_init)
{
	unsigned int pt;

	for (pt = 0; pt < NICPMD_PTYPE_LUT_SIZE; pt++) {
		uint32_t p = l2_ptype[NICPMD_FIELD_GET(NICPMD_PTYPE_L2, pt)] |
			l3_ptype[NICPMD_FIELD_GET(NICPMD_PTYPE_L3, pt)] |
			l4_ptype[NICPMD_FIELD_GET(NICPMD_PTYPE_L4, pt)];

		nicpmd_ptype_lut[pt] = p ? p : RTE_PTYPE_L2_ETHER;
	}
}

static inline uint32_t
to_rte_ptype(uint16_t pt, uint32_t status)
{
	uint32_t p = nicpmd_outer_ptype(pt);

	if (NICPMD_FIELD_GET(NICPMD_PTYPE_TUN, pt) != 0) {
		p |= tun_ptype[NICPMD_FIELD_GET(NICPMD_PTYPE_TUN, pt)] |
			inner_l3_ptype[NICPMD_FIELD_GET(NICPMD_RXD_INNER_L3,
							status)] |
			inner_l4_ptype[NICPMD_FIELD_GET(NICPMD_RXD_INNER_L4,
							status)];
		if (status & NICPMD_RXD_INNER_L2_ETHER)
			p |= RTE_PTYPE_INNER_L2_ETHER;
	}
	return p;
}

/* The metadata of a frame's first descriptor onto its head mbuf. */
static inline void
rx_meta(const struct nicpmd_rx_queue *rxq, struct rte_mbuf *m,
	volatile const struct nicpmd_rx_desc_wb *wb, uint32_t status)
{
	uint64_t flags = 0;

	if (rxq->hw_flags & NICPMD_RXQ_F_CSUM) {
		flags |= csum_flags[NICPMD_FIELD_GET(NICPMD_RXD_CSUM, status)];
		flags |= outer_csum_flags[NICPMD_FIELD_GET(NICPMD_RXD_OUTER_CSUM,
							   status)];
	}
	if (status & NICPMD_RXD_VLAN_STRIPPED) {
		m->vlan_tci = wb->vlan_tci;
		flags |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
		if (status & NICPMD_RXD_QINQ_STRIPPED) {
			m->vlan_tci_outer = wb->vlan_tci_outer;
			flags |= RTE_MBUF_F_RX_QINQ |
				RTE_MBUF_F_RX_QINQ_STRIPPED;
		}
	}
	if (status & NICPMD_RXD_RSS_VALID) {
		m->hash.rss = wb->rss_hash;
		flags |= rxq->rss_flag;
	}
	/* A flow rule's mark comes where the hash would (never both). */
	if (unlikely(status & NICPMD_RXD_FLOW_FLAG)) {
		flags |= RTE_MBUF_F_RX_FDIR;
		if (status & NICPMD_RXD_FLOW_MARK) {
			m->hash.fdir.hi = wb->rss_hash;
			flags |= RTE_MBUF_F_RX_FDIR_ID;
		}
	}
	m->ol_flags = flags;
	/* Without NICPMD_RXQ_F_PTYPE the device writes L2_ETHER. */
	m->packet_type = to_rte_ptype(wb->ptype, status);
}

/* For the plain burst, when a frame unexpectedly carries metadata. */
void
nicpmd_rx_meta(const struct nicpmd_rx_queue *rxq, struct rte_mbuf *m,
	       volatile const struct nicpmd_rx_desc_wb *wb, uint32_t status)
{
	rx_meta(rxq, m, wb, status);
}

/*
 * The next completed descriptor's mbuf, rearmed, its data_len set, with
 * its write-back and status; NULL when none is ready. Buffers the device
 * could not use go back to the pool on the way (the device counted them).
 */
static inline struct rte_mbuf *
rx_take(struct nicpmd_rx_queue *rxq, uint16_t *idx,
	volatile struct nicpmd_rx_desc_wb **wbp, uint32_t *status,
	bool *refused)
{
	for (;;) {
		volatile struct nicpmd_rx_desc_wb *wb;
		struct rte_mbuf *m;
		uint32_t st;

		/* Consumed, unrefilled slots keep a stale DD: stop there. */
		if (rxq->nb_hold >= rxq->nb_desc)
			return NULL;
		wb = &rxq->ring[*idx].wb;
		st = nicpmd_rxd_status(wb);
		if (!(st & NICPMD_RXD_DD))
			return NULL;
		m = rxq->sw_ring[*idx];
		rxq->sw_ring[*idx] = NULL;
		*idx = (*idx + 1) & rxq->mask;
		rxq->nb_hold++;
		if (unlikely(st & NICPMD_RXD_ERR)) {
			rte_mbuf_raw_free(m);
			continue;
		}
		if (unlikely(!nicpmd_rxd_ok(rxq, st, wb->len, rxq->hw_flags &
					    NICPMD_RXQ_F_SCATTER))) {
			rte_mbuf_raw_free(m);
			*refused = true;
			continue;
		}
		*(uint64_t *)&m->rearm_data = rxq->mbuf_initializer;
		m->data_len = wb->len;
		*wbp = wb;
		*status = st;
		return m;
	}
}

static inline uint16_t
rx_done(struct nicpmd_rx_queue *rxq, uint16_t idx, uint16_t nb)
{
	rxq->next = idx;
	nicpmd_rxq_replenish(rxq);
	if (nb == 0)
		nicpmd_rx_poll_empty(rxq);
	return nb;
}

uint16_t
nicpmd_recv_pkts_offload(void *rx_queue, struct rte_mbuf **pkts,
			 uint16_t nb_pkts)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	volatile struct nicpmd_rx_desc_wb *wb;
	uint16_t idx = rxq->next, nb = 0;
	struct rte_mbuf *m;
	uint32_t status;
	bool refused;

	if (unlikely(!rxq->running))
		return 0;
	while (nb < nb_pkts &&
	       (m = rx_take(rxq, &idx, &wb, &status, &refused)) != NULL) {
		m->pkt_len = m->data_len;
		rx_meta(rxq, m, wb, status);
		pkts[nb++] = m;
	}
	return rx_done(rxq, idx, nb);
}

/*
 * Scattered Rx: a frame spans descriptors up to one with EOP. A frame cut
 * by the end of a burst is kept in pkt_first/pkt_last for the next call.
 */
uint16_t
nicpmd_recv_scattered_pkts(void *rx_queue, struct rte_mbuf **pkts,
			   uint16_t nb_pkts)
{
	struct nicpmd_rx_queue *rxq = rx_queue;
	struct rte_mbuf *first = rxq->pkt_first, *last = rxq->pkt_last, *m;
	volatile struct nicpmd_rx_desc_wb *wb;
	uint16_t idx = rxq->next, nb = 0;
	uint32_t status;
	bool refused = false;

	if (unlikely(!rxq->running))
		return 0;
	while (nb < nb_pkts &&
	       (m = rx_take(rxq, &idx, &wb, &status, &refused)) != NULL) {
		m->next = NULL;
		/* A refused buffer broke the frame in progress. */
		if (unlikely(refused)) {
			rte_pktmbuf_free(first);
			first = NULL;
			refused = false;
		}
		if (first == NULL) {
			first = m;
			m->pkt_len = m->data_len;
			rx_meta(rxq, m, wb, status);
		} else if (unlikely(first->nb_segs >= rxq->max_segs)) {
			/* More buffers than the largest frame needs: the
			 * device lost its EOP. Dropped up to the next one.
			 */
			rxq->bad_wb++;
			rxq->discard = !(status & NICPMD_RXD_EOP);
			rte_pktmbuf_free(first);
			rte_pktmbuf_free_seg(m);
			first = NULL;
			continue;
		} else {
			first->nb_segs++;
			first->pkt_len += m->data_len;
			last->next = m;
		}
		last = m;
		if (status & NICPMD_RXD_EOP) {
			pkts[nb++] = first;
			first = NULL;
		}
	}
	if (unlikely(refused)) {	/* the ring ended in the refusal */
		rte_pktmbuf_free(first);
		first = NULL;
	}
	rxq->pkt_first = first;
	rxq->pkt_last = last;
	return rx_done(rxq, idx, nb);
}

/* The packet types the device reports, by the features negotiated. */
const uint32_t *
nicpmd_supported_ptypes_get(NICPMD_PTYPES_GET_PARAMS)
{
	/*
	 * The types the UDP tunnel table (ABI 1.1) adds come first: a device
	 * without it reports the list from NB_TABLE_PTYPES on, with the same
	 * RTE_PTYPE_UNKNOWN end.
	 */
#define NB_TABLE_PTYPES 2
	static const uint32_t ptypes[] = {
		RTE_PTYPE_TUNNEL_VXLAN_GPE, RTE_PTYPE_TUNNEL_GENEVE,
		RTE_PTYPE_L2_ETHER, RTE_PTYPE_L2_ETHER_VLAN,
		RTE_PTYPE_L2_ETHER_QINQ, RTE_PTYPE_L3_IPV4,
		RTE_PTYPE_L3_IPV4_EXT, RTE_PTYPE_L3_IPV6,
		RTE_PTYPE_L3_IPV6_EXT, RTE_PTYPE_L4_TCP, RTE_PTYPE_L4_UDP,
		RTE_PTYPE_L4_SCTP, RTE_PTYPE_L4_ICMP, RTE_PTYPE_L4_FRAG,
		RTE_PTYPE_L4_NONFRAG, RTE_PTYPE_TUNNEL_VXLAN,
		RTE_PTYPE_TUNNEL_GRE, RTE_PTYPE_INNER_L2_ETHER,
		RTE_PTYPE_INNER_L3_IPV4, RTE_PTYPE_INNER_L3_IPV4_EXT,
		RTE_PTYPE_INNER_L3_IPV6, RTE_PTYPE_INNER_L3_IPV6_EXT,
		RTE_PTYPE_INNER_L4_TCP, RTE_PTYPE_INNER_L4_UDP,
		RTE_PTYPE_INNER_L4_SCTP, RTE_PTYPE_INNER_L4_ICMP,
		RTE_PTYPE_INNER_L4_FRAG, RTE_PTYPE_INNER_L4_NONFRAG,
		RTE_PTYPE_UNKNOWN
	};
	static const uint32_t l2_only[] = {
		RTE_PTYPE_L2_ETHER,
		RTE_PTYPE_UNKNOWN
	};
	const struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;

	if (!(hw->features & NICPMD_F_RX_PTYPE)) {
		NICPMD_PTYPES_SET_COUNT(RTE_DIM(l2_only) - 1);
		return l2_only;
	}
	if (!(hw->features & NICPMD_F_UDP_TUNNEL)) {
		NICPMD_PTYPES_SET_COUNT(RTE_DIM(ptypes) - 1 - NB_TABLE_PTYPES);
		return &ptypes[NB_TABLE_PTYPES];
	}
	NICPMD_PTYPES_SET_COUNT(RTE_DIM(ptypes) - 1);
	return ptypes;
#undef NB_TABLE_PTYPES
}

/*
 * rte_eth_dev_set_ptypes() says which types the application looks at; it
 * is a hint, not an order to hide the others. The device types every
 * frame at no cost to the plain burst, so nothing changes: NICs of this
 * class keep reporting what their parser finds, and applications that
 * call this with RTE_PTYPE_UNKNOWN at every start (testpmd does) still
 * see L3/L4 types.
 */
int
nicpmd_ptypes_set(struct rte_eth_dev *dev, uint32_t ptype_mask)
{
	NICPMD_LOG(DEBUG, "%s: ptype mask 0x%08x noted; the device keeps "
		   "reporting every type it parses", dev->data->name,
		   ptype_mask);
	return 0;
}

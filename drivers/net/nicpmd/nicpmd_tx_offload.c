/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx with offloads: the burst that fills the descriptor's offload fields
 * from the mbuf, and tx_prepare, which checks requests against what the
 * device accepts and seeds the pseudo-header checksums it expects.
 * Ports without Tx offloads use the plain burst and never pay for this.
 */

#include <errno.h>

#include <rte_errno.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_net.h>

#include "nicpmd_rxtx.h"

/* mbuf Tx flags each enabled offload lets through to the device. */
static uint64_t
txq_ol_mask(uint64_t offloads)
{
	uint64_t m = 0;

	if (offloads & RTE_ETH_TX_OFFLOAD_IPV4_CKSUM)
		m |= RTE_MBUF_F_TX_IP_CKSUM;
	if (offloads & RTE_ETH_TX_OFFLOAD_TCP_CKSUM)
		m |= RTE_MBUF_F_TX_TCP_CKSUM;
	if (offloads & RTE_ETH_TX_OFFLOAD_UDP_CKSUM)
		m |= RTE_MBUF_F_TX_UDP_CKSUM;
	if (offloads & RTE_ETH_TX_OFFLOAD_SCTP_CKSUM)
		m |= RTE_MBUF_F_TX_SCTP_CKSUM;
	if (offloads & RTE_ETH_TX_OFFLOAD_TCP_TSO)
		m |= RTE_MBUF_F_TX_TCP_SEG;
	if (offloads & RTE_ETH_TX_OFFLOAD_VLAN_INSERT)
		m |= RTE_MBUF_F_TX_VLAN;
	if (offloads & RTE_ETH_TX_OFFLOAD_QINQ_INSERT)
		m |= RTE_MBUF_F_TX_QINQ;
	return m;
}

/* The device command bits for an mbuf's (allowed) offload requests. */
static inline uint16_t
ol_to_cmd(uint64_t ol)
{
	uint16_t cmd = 0;

	if (ol & RTE_MBUF_F_TX_IP_CKSUM)
		cmd |= NICPMD_TXD_IPCS;
	switch (ol & RTE_MBUF_F_TX_L4_MASK) {
	case RTE_MBUF_F_TX_TCP_CKSUM:
		cmd |= NICPMD_TXD_L4CS_TCP;
		break;
	case RTE_MBUF_F_TX_UDP_CKSUM:
		cmd |= NICPMD_TXD_L4CS_UDP;
		break;
	case RTE_MBUF_F_TX_SCTP_CKSUM:
		cmd |= NICPMD_TXD_L4CS_SCTP;
		break;
	}
	if (ol & RTE_MBUF_F_TX_TCP_SEG)
		cmd |= NICPMD_TXD_TSO | NICPMD_TXD_L4CS_TCP;
	/* The L3 type matters only to the work on L3/L4 headers. */
	if ((cmd & (NICPMD_TXD_IPCS | NICPMD_TXD_L4CS_MASK)) &&
	    (ol & RTE_MBUF_F_TX_IPV6))
		cmd |= NICPMD_TXD_IPV6;
	if (ol & RTE_MBUF_F_TX_QINQ)
		cmd |= NICPMD_TXD_QINQ_INS;
	else if (ol & RTE_MBUF_F_TX_VLAN)
		cmd |= NICPMD_TXD_VLAN_INS;
	return cmd;
}

uint16_t
nicpmd_xmit_pkts_offload(void *tx_queue, struct rte_mbuf **pkts,
			 uint16_t nb_pkts)
{
	struct nicpmd_tx_queue *txq = tx_queue;
	uint64_t ol_mask = txq_ol_mask(txq->offloads);
	uint32_t tail = txq->tail;
	uint16_t nb;

	if (!nicpmd_txq_begin(txq))
		return 0;

	for (nb = 0; nb < nb_pkts; nb++) {
		struct rte_mbuf *m = pkts[nb];
		uint16_t nb_segs = m->nb_segs;

		txq->multi_seg |= nb_segs > 1;
		if (!nicpmd_txq_room(txq, nb_segs))
			break;
		tail = nicpmd_tx_put_segs(txq, m, tail,
					  ol_to_cmd(m->ol_flags & (ol_mask |
						    RTE_MBUF_F_TX_IPV6)),
					  true);
		txq->nb_free -= nb_segs;
	}
	if (nb != 0)
		nicpmd_txq_doorbell(txq, tail);
	return nb;
}

/* Can the device do what this packet asks? 0 or a negative errno. */
static int
prep_check(const struct nicpmd_tx_queue *txq, const struct rte_mbuf *m,
	   uint64_t ol_mask)
{
	const struct nicpmd_hw *hw = txq->hw;
	uint64_t ol = m->ol_flags;
	uint32_t hdr;

	if ((ol & RTE_MBUF_F_TX_OFFLOAD_MASK & ~(ol_mask |
	     RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)) != 0)
		return -ENOTSUP;
	if (m->nb_segs > hw->tx_max_segs)
		return -EINVAL;
	if ((ol & RTE_MBUF_F_TX_IP_CKSUM) && (ol & RTE_MBUF_F_TX_IPV6))
		return -EINVAL;
	if ((ol & (RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_IP_CKSUM |
		   RTE_MBUF_F_TX_L4_MASK)) &&
	    (m->l2_len < RTE_ETHER_HDR_LEN ||
	     m->l3_len < ((ol & RTE_MBUF_F_TX_IPV6) ?
			  sizeof(struct rte_ipv6_hdr) :
			  sizeof(struct rte_ipv4_hdr))))
		return -EINVAL;
	if (ol & RTE_MBUF_F_TX_TCP_SEG) {
		hdr = m->l2_len + m->l3_len + m->l4_len;
		if (m->tso_segsz < NICPMD_TSO_MIN_MSS ||
		    m->tso_segsz > NICPMD_TSO_MAX_MSS ||
		    m->l4_len < 20 || hdr > NICPMD_TSO_MAX_HDR ||
		    hdr > m->data_len || m->pkt_len <= hdr ||
		    m->pkt_len > NICPMD_TSO_MAX_LEN ||
		    hdr + m->tso_segsz > hw->max_frame)
			return -EINVAL;
		return 0;
	}
	if (m->pkt_len > hw->max_frame)
		return -EINVAL;
	if (ol & (RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK)) {
		hdr = m->l2_len + m->l3_len;
		if (hdr > m->data_len)
			return -EINVAL;
		/* The L4 header whose checksum field gets the seed. */
		if (((ol & RTE_MBUF_F_TX_L4_MASK) == RTE_MBUF_F_TX_TCP_CKSUM &&
		     hdr + 20 > m->data_len) ||
		    ((ol & RTE_MBUF_F_TX_L4_MASK) == RTE_MBUF_F_TX_UDP_CKSUM &&
		     hdr + 8 > m->data_len) ||
		    ((ol & RTE_MBUF_F_TX_L4_MASK) == RTE_MBUF_F_TX_SCTP_CKSUM &&
		     hdr + 12 > m->data_len))
			return -EINVAL;
	}
	return 0;
}

uint16_t
nicpmd_prep_pkts(void *tx_queue, struct rte_mbuf **pkts, uint16_t nb_pkts)
{
	struct nicpmd_tx_queue *txq = tx_queue;
	uint64_t ol_mask = txq_ol_mask(txq->offloads);
	uint16_t i;
	int ret;

	for (i = 0; i < nb_pkts; i++) {
		struct rte_mbuf *m = pkts[i];

		ret = prep_check(txq, m, ol_mask);
		if (ret != 0) {
			rte_errno = -ret;
			return i;
		}
		/* Pseudo-header seeds, as the device expects (spec). */
		ret = rte_net_intel_cksum_prepare(m);
		if (ret != 0) {
			rte_errno = -ret;
			return i;
		}
	}
	return i;
}

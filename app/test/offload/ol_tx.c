/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx mode: every input frame becomes an mbuf (chain) whose offload
 * requests are derived from its own headers (rte_net_get_ptype) and the
 * options; A prepares and sends it, B receives what the device made.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_net.h>

#include "ol_tool.h"

/* Port Tx offloads the options ask for. */
static uint64_t
tx_offloads(const struct ol_opts *o)
{
	uint64_t off = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;

	if (o->port_offloads_set)
		return o->port_offloads;
	if (o->tx_csum & OL_CSUM_IP)
		off |= RTE_ETH_TX_OFFLOAD_IPV4_CKSUM;
	if (o->tx_csum & OL_CSUM_TCP)
		off |= RTE_ETH_TX_OFFLOAD_TCP_CKSUM;
	if (o->tx_csum & OL_CSUM_UDP)
		off |= RTE_ETH_TX_OFFLOAD_UDP_CKSUM;
	if (o->tx_csum & OL_CSUM_SCTP)
		off |= RTE_ETH_TX_OFFLOAD_SCTP_CKSUM;
	if (o->tso_mss != 0)
		off |= RTE_ETH_TX_OFFLOAD_TCP_TSO;
	if (o->vlan || o->qinq)
		off |= RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
	if (o->qinq)
		off |= RTE_ETH_TX_OFFLOAD_QINQ_INSERT;
	return off;
}

/* Offload requests for a packet, from its headers and the options. */
static void
set_offload(const struct ol_opts *o, struct rte_mbuf *m)
{
	struct rte_net_hdr_lens hl;
	uint32_t pt, l4;
	uint64_t ol = 0;

	memset(&hl, 0, sizeof(hl));
	pt = rte_net_get_ptype(m, &hl, RTE_PTYPE_ALL_MASK);
	m->l2_len = hl.l2_len;
	m->l3_len = hl.l3_len;
	m->l4_len = hl.l4_len;
	l4 = pt & RTE_PTYPE_L4_MASK;
	if (RTE_ETH_IS_IPV4_HDR(pt)) {
		ol |= RTE_MBUF_F_TX_IPV4;
		if (o->tx_csum & OL_CSUM_IP)
			ol |= RTE_MBUF_F_TX_IP_CKSUM;
	} else if (RTE_ETH_IS_IPV6_HDR(pt)) {
		ol |= RTE_MBUF_F_TX_IPV6;
	}
	if (l4 == RTE_PTYPE_L4_TCP && (o->tx_csum & OL_CSUM_TCP))
		ol |= RTE_MBUF_F_TX_TCP_CKSUM;
	else if (l4 == RTE_PTYPE_L4_UDP && (o->tx_csum & OL_CSUM_UDP))
		ol |= RTE_MBUF_F_TX_UDP_CKSUM;
	else if (l4 == RTE_PTYPE_L4_SCTP && (o->tx_csum & OL_CSUM_SCTP))
		ol |= RTE_MBUF_F_TX_SCTP_CKSUM;
	if (o->tso_mss != 0 && l4 == RTE_PTYPE_L4_TCP) {
		ol |= RTE_MBUF_F_TX_TCP_SEG;
		m->tso_segsz = o->tso_mss;
	}
	if (o->qinq) {
		ol |= RTE_MBUF_F_TX_QINQ | RTE_MBUF_F_TX_VLAN;
		m->vlan_tci_outer = o->qinq_outer;
		m->vlan_tci = o->qinq_inner;
	} else if (o->vlan) {
		ol |= RTE_MBUF_F_TX_VLAN;
		m->vlan_tci = o->vlan_tci;
	}
	m->ol_flags |= ol;
}

/* Copy a frame into nseg mbufs; the first holds hdr bytes at least. */
static struct rte_mbuf *
build(struct rte_mempool *mp, const struct ol_pkt *p, unsigned int nseg,
      uint32_t hdr)
{
	struct rte_mbuf *head = NULL, *m;
	uint32_t off = 0, rest, chunk;
	unsigned int i;

	if (hdr > p->len)
		hdr = p->len;
	rest = p->len - hdr;
	if (nseg > rest + 1)
		nseg = rest + 1;
	if (nseg == 0)
		nseg = 1;
	chunk = rest / nseg;
	for (i = 0; i < nseg; i++) {
		uint32_t len = i == nseg - 1 ? p->len - off :
			(i == 0 ? hdr + chunk : chunk);

		m = rte_pktmbuf_alloc(mp);
		if (m == NULL || rte_pktmbuf_append(m, len) == NULL) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
		memcpy(rte_pktmbuf_mtod(m, void *), p->data + off, len);
		off += len;
		if (head == NULL) {
			head = m;
		} else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
	}
	return head;
}

static struct rte_mbuf *
make_pkt(const struct ol_opts *o, struct rte_mempool *mp,
	 const struct ol_pkt *p)
{
	struct rte_mbuf *m = build(mp, p, 1, p->len);
	struct rte_mbuf *c;

	if (m == NULL || o->segs <= 1)
		goto done;
	/* Headers of the single-segment copy say where the first cut is. */
	set_offload(o, m);
	c = build(mp, p, o->segs, m->l2_len + m->l3_len + m->l4_len);
	rte_pktmbuf_free(m);
	m = c;
done:
	if (m != NULL)
		set_offload(o, m);
	return m;
}

static int
write_cb(const struct rte_mbuf *m, unsigned int idx, void *arg)
{
	RTE_SET_USED(idx);
	return ol_pcap_write(arg, m);
}

int
ol_run_tx(const struct ol_opts *o, struct ol_ports *p,
	  const struct ol_pkt *pkts, unsigned int n, FILE *meta)
{
	struct rte_eth_conf ca, cb;
	struct rte_eth_txconf txc;
	struct rte_eth_dev_info info;
	unsigned int i, sent = 0, failed = 0, got;
	uint64_t off = tx_offloads(o);
	void *w;
	int ret;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	ret = rte_eth_dev_info_get(p->a, &info);
	if (ret != 0)
		return ret;
	txc = info.default_txconf;
	if (o->queue_level)
		txc.offloads = off;
	else
		ca.txmode.offloads = off;
	/* B takes anything: scatter, jumbo MTU, no offload. */
	cb.rxmode.offloads = RTE_ETH_RX_OFFLOAD_SCATTER;
	cb.rxmode.mtu = 9000;
	ret = ol_port_start(p->a, &ca, &txc, p->rx_pool, false, NULL);
	if (ret == 0)
		ret = ol_port_start(p->b, &cb, NULL, p->rx_pool, true, NULL);
	if (ret == 0)
		ret = ol_wait_link(p->a);
	if (ret == 0)
		ret = ol_wait_link(p->b);
	if (ret != 0)
		return ret;
	w = ol_pcap_writer(o->out);
	if (w == NULL)
		return -EIO;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = make_pkt(o, p->tx_pool, &pkts[i]);

		if (m == NULL) {
			fprintf(stderr, "packet %u: no mbuf\n", i);
			ret = -ENOMEM;
			break;
		}
		if (rte_eth_tx_prepare(p->a, 0, &m, 1) != 1) {
			if (meta != NULL)
				fprintf(meta, "{\"index\": %u, \"prep_errno\": %d, "
					"\"prep_error\": \"%s\"}\n", i,
					rte_errno, rte_errno == EINVAL ?
					"EINVAL" : rte_errno == ENOTSUP ?
					"ENOTSUP" : "other");
			rte_pktmbuf_free(m);
			failed++;
			continue;
		}
		if (ol_send(p->a, &m, 1) != 1) {
			fprintf(stderr, "packet %u: Tx ring stays full\n", i);
			rte_pktmbuf_free(m);
			ret = -EIO;
			break;
		}
		sent++;
	}
	got = ol_collect(p->b, o->expect, write_cb, w);
	ol_pcap_close(w);
	ol_meta_stats(meta, p, sent, got, failed);
	return ret;
}

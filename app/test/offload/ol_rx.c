/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Rx mode: A sends the input frames as they are (no Tx offload); B, with
 * the Rx offloads asked for, writes each frame it gets and one JSON line
 * of what its mbuf says: flags, tags, packet type, segments.
 */

#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_mbuf_ptype.h>

#include "ol_tool.h"

struct rx_ctx {
	void *w;
	FILE *meta;
};

static int
rx_cb(const struct rte_mbuf *m, unsigned int idx, void *arg)
{
	struct rx_ctx *c = arg;
	char flags[512], ptype[256];
	uint32_t seglen = 0;
	const struct rte_mbuf *s;

	for (s = m; s != NULL; s = s->next)
		seglen += s->data_len;
	if (rte_get_rx_ol_flag_list(m->ol_flags, flags, sizeof(flags)) != 0)
		snprintf(flags, sizeof(flags), "?");
	if (rte_get_ptype_name(m->packet_type, ptype, sizeof(ptype)) != 0)
		snprintf(ptype, sizeof(ptype), "?");
	if (c->meta != NULL)
		fprintf(c->meta, "{\"index\": %u, \"len\": %u, \"seg_bytes\": %u, "
			"\"nb_segs\": %u, \"ol_flags\": \"0x%" PRIx64 "\", "
			"\"ol_flag_names\": \"%s\", \"vlan_tci\": %u, "
			"\"vlan_tci_outer\": %u, \"packet_type\": \"0x%x\", "
			"\"ptype_names\": \"%s\"}\n", idx, m->pkt_len, seglen,
			m->nb_segs, m->ol_flags, flags, m->vlan_tci,
			m->vlan_tci_outer, m->packet_type, ptype);
	return ol_pcap_write(c->w, m);
}

static uint64_t
rx_offloads(const struct ol_opts *o)
{
	uint64_t off = 0;

	if (o->rx_csum)
		off |= RTE_ETH_RX_OFFLOAD_CHECKSUM |
			RTE_ETH_RX_OFFLOAD_SCTP_CKSUM;
	if (o->vlan_strip)
		off |= RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
	if (o->qinq_strip)
		off |= RTE_ETH_RX_OFFLOAD_QINQ_STRIP;
	if (o->nb_vids != 0)
		off |= RTE_ETH_RX_OFFLOAD_VLAN_FILTER;
	if (o->vlan_extend)
		off |= RTE_ETH_RX_OFFLOAD_VLAN_EXTEND;
	if (o->scatter)
		off |= RTE_ETH_RX_OFFLOAD_SCATTER;
	return off;
}

int
ol_run_rx(const struct ol_opts *o, struct ol_ports *p,
	  const struct ol_pkt *pkts, unsigned int n, FILE *meta)
{
	struct rte_eth_conf ca, cb;
	struct rte_mbuf **mbufs;
	struct rx_ctx ctx = { .meta = meta };
	unsigned int i, sent, got;
	int ret;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	ca.rxmode.mtu = 9000;
	ca.rxmode.offloads = RTE_ETH_RX_OFFLOAD_SCATTER;
	cb.rxmode.offloads = rx_offloads(o);
	cb.rxmode.mtu = o->mtu;
	ret = ol_port_start(p->a, &ca, NULL, p->rx_pool, false, NULL);
	if (ret == 0)
		ret = ol_port_start(p->b, &cb, NULL, p->rx_pool,
				    !o->no_promisc, o);
	if (ret == 0)
		ret = ol_wait_link(p->a);
	if (ret == 0)
		ret = ol_wait_link(p->b);
	if (ret != 0)
		return ret;

	mbufs = calloc(n ? n : 1, sizeof(*mbufs));
	if (mbufs == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		mbufs[i] = rte_pktmbuf_alloc(p->tx_pool);
		if (mbufs[i] == NULL ||
		    rte_pktmbuf_append(mbufs[i], pkts[i].len) == NULL) {
			rte_pktmbuf_free(mbufs[i]);
			rte_pktmbuf_free_bulk(mbufs, i);
			free(mbufs);
			return -ENOMEM;
		}
		memcpy(rte_pktmbuf_mtod(mbufs[i], void *), pkts[i].data,
		       pkts[i].len);
	}
	ctx.w = ol_pcap_writer(o->out);
	if (ctx.w == NULL) {
		rte_pktmbuf_free_bulk(mbufs, n);
		free(mbufs);
		return -EIO;
	}
	sent = ol_send(p->a, mbufs, n);
	if (sent < n)
		rte_pktmbuf_free_bulk(mbufs + sent, n - sent);
	free(mbufs);
	got = ol_collect(p->b, o->expect ? o->expect : sent, rx_cb, &ctx);
	ol_pcap_close(ctx.w);
	ol_meta_stats(meta, p, sent, got, 0);
	return sent == n ? 0 : -EIO;
}

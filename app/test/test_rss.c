/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Receive-side scaling: the hash each frame carries, the queue it lands
 * on, and the control API (hash types, key, redirection table).
 *
 * Port A sends hand-built frames over a peer cable to port B, configured
 * for RSS. The oracle is DPDK's rte_softrss() over an rte_thash tuple the
 * test fills from what it sent (not from what it received), with the key
 * the test believes is in force; Microsoft's published verification
 * vectors check that oracle itself. Every frame sent must be received
 * exactly once, on the queue reta[hash % 128].
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_thash.h>
#include <rte_udp.h>

#include "test_common.h"

#define RSS_KEY_LEN	40
#define RSS_RETA_SIZE	128
#define RSS_MAX_FRAMES	512
#define RSS_NB_RXD	1024

/* The 6 groups the device hashes. */
#define HF_IPV4	(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
		 RTE_ETH_RSS_NONFRAG_IPV4_OTHER)
#define HF_IPV6	(RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_FRAG_IPV6 | \
		 RTE_ETH_RSS_NONFRAG_IPV6_OTHER)
#define HF_ALL_GROUPS	(HF_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
			 RTE_ETH_RSS_NONFRAG_IPV4_UDP | HF_IPV6 | \
			 RTE_ETH_RSS_NONFRAG_IPV6_TCP | \
			 RTE_ETH_RSS_NONFRAG_IPV6_UDP)
/* What an application typically asks for. */
#define HF_ALL	(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
		 RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_IPV6 | \
		 RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_NONFRAG_IPV6_UDP)

/* Microsoft's RSS verification key. */
static const uint8_t ms_key[RSS_KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

/* One frame the test sends, described by what decides its hash. */
struct rss_flow {
	uint8_t ipv;		/* 0: not IP; 4 or 6 */
	uint8_t proto;		/* IPPROTO_* (L4 of an IP frame) */
	uint8_t frag;		/* 0; 1: first fragment (MF); 2: a later one */
	uint8_t vlan;		/* 802.1Q tags: 0, 1, or 2 (QinQ, 88a8 outer) */
	uint8_t ip_opt;		/* IPv4: 4-byte option words (IHL - 5) */
	uint8_t short_l4;	/* IP packet ends this many bytes into L4 */
	uint8_t nb_seg;		/* 1, or 2: sent as two mbufs */
	uint8_t src[16], dst[16];	/* network order; v4: first 4 bytes */
	uint16_t sport, dport;
	uint16_t len;		/* whole frame */
};

struct rss_env {
	struct rte_mempool *mp;
	uint16_t a, b;
	uint16_t nb_rxq;
	struct rte_ether_addr mac_a, mac_b;
};

/* What came back for frame i. */
struct rss_got {
	uint16_t count;
	uint16_t q;
	uint32_t hash;
	bool flag;
};

static struct rss_flow flows[RSS_MAX_FRAMES];
static struct rss_got got[RSS_MAX_FRAMES];

/* ---- set-up ------------------------------------------------------------- */

/*
 * A (1 Rx, 1 Tx queue, multi-segment Tx) and B (nb_rxq Rx queues in RSS
 * mode with rss_hf and key, NULL: the driver's default), cabled.
 */
static int
rss_env_start2(struct rss_env *e, uint16_t nb_rxq, uint64_t rss_hf,
	       const uint8_t *key, uint8_t key_len, uint64_t rx_offloads,
	       uint16_t b_data_room)
{
	struct rte_mempool *mp_b;
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	struct tu_port_conf ca;
	char args[TU_ARGS_LEN], cable[32];
	uint16_t q;
	int ret;

	memset(e, 0, sizeof(*e));
	e->nb_rxq = nb_rxq;
	e->mp = tu_pool(8192, RTE_MBUF_DEFAULT_BUF_SIZE);
	if (e->mp == NULL)
		return -ENOMEM;
	tu_cable("", cable, sizeof(cable));
	snprintf(args, sizeof(args), "wire=peer:%s,queues=8", cable);
	ret = tu_port("a", args, &e->a);
	if (ret == 0)
		ret = tu_port("b", args, &e->b);
	if (ret != 0)
		return ret;
	tu_port_conf_default(&ca);
	ca.nb_txd = 1024;
	ca.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	ret = tu_port_start(e->a, e->mp, &ca);
	if (ret != 0)
		return ret;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rxmode.offloads = rx_offloads;
	conf.rx_adv_conf.rss_conf.rss_hf = rss_hf;
	conf.rx_adv_conf.rss_conf.rss_key = (uint8_t *)(uintptr_t)key;
	conf.rx_adv_conf.rss_conf.rss_key_len = key_len;
	mp_b = e->mp;
	if (b_data_room != 0) {
		mp_b = tu_pool(8192, b_data_room);
		if (mp_b == NULL)
			return -ENOMEM;
	}
	ret = rte_eth_dev_configure(e->b, nb_rxq, 1, &conf);
	for (q = 0; ret == 0 && q < nb_rxq; q++)
		ret = rte_eth_rx_queue_setup(e->b, q, nb_rxq > 4 ?
					     RSS_NB_RXD / 2 : RSS_NB_RXD,
					     rte_socket_id(), NULL, mp_b);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(e->b, 0, 256, rte_socket_id(),
					     NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(e->b);
	if (ret == 0)
		ret = rte_eth_macaddr_get(e->a, &e->mac_a);
	if (ret == 0)
		ret = rte_eth_macaddr_get(e->b, &e->mac_b);
	if (ret == 0)
		ret = tu_wait_link(e->a, 1, &link);
	if (ret == 0)
		ret = tu_wait_link(e->b, 1, &link);
	return ret;
}

static int
rss_env_start(struct rss_env *e, uint16_t nb_rxq, uint64_t rss_hf,
	      const uint8_t *key, uint8_t key_len, bool hash_offload)
{
	return rss_env_start2(e, nb_rxq, rss_hf, key, key_len, hash_offload ?
			      RTE_ETH_RX_OFFLOAD_RSS_HASH : 0, 0);
}

static int
reta_get(uint16_t port, uint8_t reta[RSS_RETA_SIZE])
{
	struct rte_eth_rss_reta_entry64 c[RSS_RETA_SIZE /
					  RTE_ETH_RETA_GROUP_SIZE];
	unsigned int i;
	int ret;

	memset(c, 0, sizeof(c));
	for (i = 0; i < RTE_DIM(c); i++)
		c[i].mask = UINT64_MAX;
	ret = rte_eth_dev_rss_reta_query(port, c, RSS_RETA_SIZE);
	if (ret != 0)
		return ret;
	for (i = 0; i < RSS_RETA_SIZE; i++)
		reta[i] = (uint8_t)c[i / RTE_ETH_RETA_GROUP_SIZE].reta[
			i % RTE_ETH_RETA_GROUP_SIZE];
	return 0;
}

static int
reta_set(uint16_t port, const uint8_t *reta, uint16_t size)
{
	struct rte_eth_rss_reta_entry64 c[4];
	unsigned int i;

	memset(c, 0, sizeof(c));
	for (i = 0; i < size && i < 4 * RTE_ETH_RETA_GROUP_SIZE; i++) {
		c[i / RTE_ETH_RETA_GROUP_SIZE].mask |=
			UINT64_C(1) << (i % RTE_ETH_RETA_GROUP_SIZE);
		c[i / RTE_ETH_RETA_GROUP_SIZE].reta[
			i % RTE_ETH_RETA_GROUP_SIZE] = reta[i];
	}
	return rte_eth_dev_rss_reta_update(port, c, size);
}

/* ---- the oracle ---------------------------------------------------------- */

static uint32_t
be32_of(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

/*
 * The hash the device must give f with types hf and key, per
 * nicpmd_hw.h: false if f matches no enabled type (queue 0, no hash).
 */
static bool
rss_expect(const struct rss_flow *f, uint64_t hf, const uint8_t *key,
	   uint32_t *hash)
{
	union rte_thash_tuple t;
	bool l4 = f->frag == 0 &&
		((f->proto == IPPROTO_TCP &&
		  (f->short_l4 == 0 || f->short_l4 >= 20)) ||
		 (f->proto == IPPROTO_UDP &&
		  (f->short_l4 == 0 || f->short_l4 >= 8)));
	uint32_t len;

	memset(&t, 0, sizeof(t));
	if (f->ipv == 4) {
		uint64_t l4bit = f->proto == IPPROTO_TCP ?
			RTE_ETH_RSS_NONFRAG_IPV4_TCP :
			RTE_ETH_RSS_NONFRAG_IPV4_UDP;

		if (l4 && (hf & l4bit))
			len = RTE_THASH_V4_L4_LEN;
		else if (hf & HF_IPV4)
			len = RTE_THASH_V4_L3_LEN;
		else
			return false;
		t.v4.src_addr = be32_of(f->src);
		t.v4.dst_addr = be32_of(f->dst);
		t.v4.sport = f->sport;
		t.v4.dport = f->dport;
	} else if (f->ipv == 6) {
		struct rte_ipv6_hdr ip6;
		uint64_t l4bit = f->proto == IPPROTO_TCP ?
			RTE_ETH_RSS_NONFRAG_IPV6_TCP :
			RTE_ETH_RSS_NONFRAG_IPV6_UDP;

		if (l4 && (hf & l4bit))
			len = RTE_THASH_V6_L4_LEN;
		else if (hf & HF_IPV6)
			len = RTE_THASH_V6_L3_LEN;
		else
			return false;
		memset(&ip6, 0, sizeof(ip6));
		memcpy(&ip6.src_addr, f->src, 16);
		memcpy(&ip6.dst_addr, f->dst, 16);
		rte_thash_load_v6_addrs(&ip6, &t);
		t.v6.sport = f->sport;
		t.v6.dport = f->dport;
	} else {
		return false;
	}
	*hash = rte_softrss((uint32_t *)&t, len, key);
	return true;
}

/* ---- frames --------------------------------------------------------------- */

static uint32_t rnd_state;

static uint32_t
rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* Frame i of a varied mix; seq is its index, in the last two bytes. */
static void
flow_varied(struct rss_flow *f, unsigned int i)
{
	static const uint8_t protos[] = { IPPROTO_TCP, IPPROTO_UDP,
		IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, IPPROTO_SCTP, 253 };
	unsigned int j;

	memset(f, 0, sizeof(*f));
	f->ipv = i % 11 == 10 ? 0 : (i % 2 == 0 ? 4 : 6);
	f->proto = protos[(i / 2) % RTE_DIM(protos)];
	if (f->ipv == 6 && f->proto == IPPROTO_ICMP)
		f->proto = IPPROTO_ICMPV6;
	f->frag = i % 13 == 5 ? 1 : (i % 13 == 9 ? 2 : 0);
	f->vlan = i % 9 == 4 ? 1 : (i % 17 == 7 ? 2 : 0);
	f->ip_opt = f->ipv == 4 && i % 7 == 2 ? 1 + i % 3 : 0;
	/* Some IP packets end early (the rest is Ethernet padding): TCP
	 * with 19 or 20 bytes, UDP with 7 or 8 up to the IP length.
	 */
	if (i % 19 == 6 && f->frag == 0)
		f->short_l4 = (f->proto == IPPROTO_UDP ? 7 : 19) + i % 2;
	f->nb_seg = i % 10 == 3 ? 2 : 1;
	for (j = 0; j < 16; j++) {
		f->src[j] = (uint8_t)rnd();
		f->dst[j] = (uint8_t)rnd();
	}
	if (f->ipv == 4) {
		f->src[0] = 10;
		f->dst[0] = 192;
	} else {
		f->src[0] = 0xfd;
		f->dst[0] = 0x20;
	}
	f->sport = (uint16_t)rnd();
	f->dport = i % 3 == 0 ? 80 : (uint16_t)rnd();
	f->len = (uint16_t)(96 + (i * 37) % 300);
}

static void
flow_v4(struct rss_flow *f, const char *src, const char *dst,
	uint16_t sport, uint16_t dport, uint8_t proto)
{
	unsigned int a, b, c, d;

	memset(f, 0, sizeof(*f));
	f->ipv = 4;
	f->proto = proto;
	f->nb_seg = 1;
	f->len = 128;
	if (sscanf(src, "%u.%u.%u.%u", &a, &b, &c, &d) == 4) {
		f->src[0] = a; f->src[1] = b; f->src[2] = c; f->src[3] = d;
	}
	if (sscanf(dst, "%u.%u.%u.%u", &a, &b, &c, &d) == 4) {
		f->dst[0] = a; f->dst[1] = b; f->dst[2] = c; f->dst[3] = d;
	}
	f->sport = sport;
	f->dport = dport;
}

static void
flow_v6(struct rss_flow *f, const uint16_t src[8], const uint16_t dst[8],
	uint16_t sport, uint16_t dport, uint8_t proto)
{
	unsigned int j;

	memset(f, 0, sizeof(*f));
	f->ipv = 6;
	f->proto = proto;
	f->nb_seg = 1;
	f->len = 160;
	for (j = 0; j < 8; j++) {
		f->src[2 * j] = src[j] >> 8;
		f->src[2 * j + 1] = src[j] & 0xff;
		f->dst[2 * j] = dst[j] >> 8;
		f->dst[2 * j + 1] = dst[j] & 0xff;
	}
	f->sport = sport;
	f->dport = dport;
}

/* The bytes of flow f with sequence number seq. */
static void
flow_bytes(const struct rss_env *e, const struct rss_flow *f, uint16_t seq,
	   uint8_t *p)
{
	uint32_t off = 12, l3, l4hdr, j;

	memset(p, 0, f->len);
	for (j = 0; j < f->len; j++)
		p[j] = (uint8_t)(j * 11 + seq);
	memcpy(p, e->mac_b.addr_bytes, 6);
	memcpy(p + 6, e->mac_a.addr_bytes, 6);
	if (f->vlan == 2) {
		p[off++] = 0x88;
		p[off++] = 0xa8;
		p[off++] = 0x00;
		p[off++] = 0x07;	/* outer VID 7 */
	}
	if (f->vlan) {
		p[off++] = 0x81;
		p[off++] = 0x00;
		p[off++] = 0x00;
		p[off++] = 0x2a;	/* VID 42 */
	}
	l3 = off + 2;
	if (f->ipv == 4) {
		struct rte_ipv4_hdr *ip = (void *)(p + l3);

		p[off] = 0x08;
		p[off + 1] = 0x00;
		memset(ip, 0, sizeof(*ip));
		ip->version_ihl = 0x45 + f->ip_opt;
		ip->total_length = rte_cpu_to_be_16(f->short_l4 ?
			20u + 4u * f->ip_opt + f->short_l4 : f->len - l3);
		ip->packet_id = rte_cpu_to_be_16(seq);
		ip->fragment_offset = rte_cpu_to_be_16(
			f->frag == 1 ? RTE_IPV4_HDR_MF_FLAG :
			f->frag == 2 ? 100 : 0);
		ip->time_to_live = 64;
		ip->next_proto_id = f->proto;
		memcpy(&ip->src_addr, f->src, 4);
		memcpy(&ip->dst_addr, f->dst, 4);
		l4hdr = l3 + sizeof(*ip);
		for (j = 0; j < 4u * f->ip_opt; j++)
			p[l4hdr++] = 1;		/* NOP options */
		ip->hdr_checksum = rte_ipv4_cksum(ip);
	} else if (f->ipv == 6) {
		struct rte_ipv6_hdr *ip6 = (void *)(p + l3);

		p[off] = 0x86;
		p[off + 1] = 0xdd;
		memset(ip6, 0, sizeof(*ip6));
		ip6->vtc_flow = rte_cpu_to_be_32(0x60000000u | seq);
		ip6->payload_len = rte_cpu_to_be_16(f->short_l4 ?
			f->short_l4 : f->len - l3 - sizeof(*ip6));
		ip6->hop_limits = 64;
		memcpy(&ip6->src_addr, f->src, 16);
		memcpy(&ip6->dst_addr, f->dst, 16);
		l4hdr = l3 + sizeof(*ip6);
		if (f->frag) {
			uint16_t fo = f->frag == 1 ? 1 : 100 << 3;

			ip6->proto = 44;
			p[l4hdr] = f->proto;
			p[l4hdr + 1] = 0;
			p[l4hdr + 2] = fo >> 8;
			p[l4hdr + 3] = fo & 0xff;
			p[l4hdr + 4] = 0;
			p[l4hdr + 5] = 0;
			p[l4hdr + 6] = seq >> 8;
			p[l4hdr + 7] = seq & 0xff;
			l4hdr += 8;
		} else {
			ip6->proto = f->proto;
		}
	} else {
		p[off] = TU_ETHERTYPE >> 8;
		p[off + 1] = TU_ETHERTYPE & 0xff;
		goto tail;
	}
	/* L4: ports first for TCP, UDP and SCTP alike. */
	p[l4hdr] = f->sport >> 8;
	p[l4hdr + 1] = f->sport & 0xff;
	p[l4hdr + 2] = f->dport >> 8;
	p[l4hdr + 3] = f->dport & 0xff;
	if (f->proto == IPPROTO_TCP && f->frag != 2) {
		struct rte_tcp_hdr *tcp = (void *)(p + l4hdr);

		tcp->sent_seq = rte_cpu_to_be_32(seq);
		tcp->recv_ack = 0;
		tcp->data_off = 0x50;
		tcp->tcp_flags = RTE_TCP_ACK_FLAG;
		tcp->rx_win = rte_cpu_to_be_16(1024);
		tcp->cksum = 0;
		tcp->tcp_urp = 0;
	} else if (f->proto == IPPROTO_UDP && f->frag != 2) {
		struct rte_udp_hdr *udp = (void *)(p + l4hdr);

		udp->dgram_len = rte_cpu_to_be_16(f->short_l4 ?
			f->short_l4 : f->len - l4hdr);
		udp->dgram_cksum = 0;
	}
tail:
	p[f->len - 2] = seq >> 8;
	p[f->len - 1] = seq & 0xff;
}

static struct rte_mbuf *
flow_mbuf(const struct rss_env *e, const struct rss_flow *f, uint16_t seq)
{
	static uint8_t buf[2048];
	struct rte_mbuf *m, *m2;
	uint16_t cut = f->nb_seg == 2 ? 20 : f->len;
	uint8_t *p;

	flow_bytes(e, f, seq, buf);
	m = rte_pktmbuf_alloc(e->mp);
	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, cut);
	if (p == NULL)
		goto err;
	memcpy(p, buf, cut);
	if (cut == f->len)
		return m;
	m2 = rte_pktmbuf_alloc(e->mp);
	if (m2 == NULL)
		goto err;
	p = (uint8_t *)rte_pktmbuf_append(m2, f->len - cut);
	if (p == NULL || rte_pktmbuf_chain(m, m2) != 0) {
		rte_pktmbuf_free(m2);
		goto err;
	}
	memcpy(p, buf + cut, f->len - cut);
	return m;
err:
	rte_pktmbuf_free(m);
	return NULL;
}

static int
rss_send(const struct rss_env *e, unsigned int n)
{
	struct rte_mbuf *pkts[32];
	unsigned int i = 0, k;

	while (i < n) {
		for (k = 0; k < RTE_DIM(pkts) && i + k < n; k++) {
			pkts[k] = flow_mbuf(e, &flows[i + k], i + k);
			if (pkts[k] == NULL) {
				tu_free(pkts, k);
				return -ENOMEM;
			}
		}
		if (tu_tx(e->a, 0, pkts, k) != k)
			return -EIO;
		i += k;
	}
	return 0;
}

/* Poll every queue of B until n frames came (plus a short settle). */
static int
rss_collect(const struct rss_env *e, unsigned int n, unsigned int want,
	    char *why, size_t wl)
{
	struct rte_mbuf *pkts[32];
	unsigned int total = 0, iter, idle = 0;
	uint16_t q, k, i;
	int bad = 0;

	memset(got, 0, sizeof(got));
	for (iter = 0; iter < 4 * TU_POLL_ITERS; iter++) {
		uint16_t any = 0;

		for (q = 0; q < e->nb_rxq; q++) {
			k = rte_eth_rx_burst(e->b, q, pkts, RTE_DIM(pkts));
			any += k;
			for (i = 0; i < k; i++) {
				struct rte_mbuf *m = pkts[i];
				uint8_t tail[2];
				const uint8_t *t = rte_pktmbuf_read(m,
					m->pkt_len - 2, 2, tail);
				uint16_t seq = t == NULL ? UINT16_MAX :
					(uint16_t)(t[0] << 8 | t[1]);

				if (seq >= n || m->pkt_len + 4 * ((m->ol_flags &
				     RTE_MBUF_F_RX_VLAN_STRIPPED) ? 1 : 0) +
				    4 * ((m->ol_flags &
				     RTE_MBUF_F_RX_QINQ_STRIPPED) ? 1 : 0) !=
				    flows[seq].len) {
					if (!bad)
						snprintf(why, wl, "queue %u: "
							 "unexpected frame of "
							 "%u bytes (seq %u)", q,
							 m->pkt_len, seq);
					bad = 1;
				} else {
					struct rss_got *g = &got[seq];

					if (g->count++ == 0) {
						g->q = q;
						g->hash = m->hash.rss;
						g->flag = (m->ol_flags &
						   RTE_MBUF_F_RX_RSS_HASH) != 0;
					}
				}
				total++;
			}
			tu_free(pkts, k);
		}
		if (any == 0) {
			if (total >= want && ++idle > 20)
				break;
			rte_delay_us_sleep(TU_POLL_US);
		} else {
			idle = 0;
		}
	}
	if (bad)
		return -1;
	if (total != want) {
		snprintf(why, wl, "received %u frames over %u queues, sent %u, "
			 "expected %u", total, e->nb_rxq, n, want);
		return -1;
	}
	return 0;
}

static const char *
flow_name(const struct rss_flow *f, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s proto %u%s%s%s len %u l4 %u", f->ipv == 0 ?
		 "non-IP" : f->ipv == 4 ? "IPv4" : "IPv6",
		 f->vlan == 2 ? " QinQ" : f->vlan ? " VLAN" : "",
		 f->ip_opt ? " +options" : "", f->proto,
		 f->frag == 1 ? " first-frag" : f->frag == 2 ?
		 " later-frag" : "", f->nb_seg > 1 ? " 2-seg" : "",
		 f->ipv && !f->frag && (f->proto == IPPROTO_TCP ||
					 f->proto == IPPROTO_UDP) ?
		 " (ports)" : "", f->len, f->short_l4);
	return buf;
}

/*
 * Send flows[0..n) and check each arrived once where and as it must
 * with types hf, key and reta; flag: the RSS_HASH offload is on.
 * *nb_hashed (if not NULL): how many frames were hashed.
 */
static int
rss_run_drop(const struct rss_env *e, unsigned int n, uint64_t hf,
	     const uint8_t *key, const uint8_t *reta, bool flag,
	     unsigned int *nb_hashed, const char *what, int dropq,
	     unsigned int *nb_dropped)
{
	char why[200], name[96];
	unsigned int i, hashed = 0, want = 0;
	uint32_t h;
	int ret;

	for (i = 0; i < n; i++) {
		int q = rss_expect(&flows[i], hf, key, &h) ?
			reta[h % RSS_RETA_SIZE] : 0;

		want += q != dropq;
	}
	if (nb_dropped != NULL)
		*nb_dropped = n - want;

	ret = rss_send(e, n);
	if (ret != 0)
		return test_fail(__FILE__, __LINE__, "%s: sending %u frames: "
				 "%s", what, n, rte_strerror(-ret));
	if (rss_collect(e, n, want, why, sizeof(why)) != 0)
		return test_fail(__FILE__, __LINE__, "%s: %s", what, why);
	for (i = 0; i < n; i++) {
		const struct rss_flow *f = &flows[i];
		const struct rss_got *g = &got[i];

		if (g->count == 0 && dropq >= 0) {
			int q = rss_expect(f, hf, key, &h) ?
				reta[h % RSS_RETA_SIZE] : 0;

			if (q == dropq)
				continue;	/* expected: checked by count */
		}
		if (g->count != 1)
			return test_fail(__FILE__, __LINE__, "%s: frame %u "
					 "(%s) received %u times", what, i,
					 flow_name(f, name, sizeof(name)),
					 g->count);
		if (!rss_expect(f, hf, key, &h)) {
			if (g->q != 0 || g->flag)
				return test_fail(__FILE__, __LINE__, "%s: "
					"frame %u (%s) matches no enabled "
					"type (rss_hf 0x%" PRIx64 ") but came "
					"on queue %u%s", what, i,
					flow_name(f, name, sizeof(name)), hf,
					g->q, g->flag ? " with RSS_HASH" : "");
			continue;
		}
		hashed++;
		if (flag && (!g->flag || g->hash != h))
			return test_fail(__FILE__, __LINE__, "%s: frame %u "
				"(%s): hash 0x%08x%s, softrss 0x%08x", what,
				i, flow_name(f, name, sizeof(name)), g->hash,
				g->flag ? "" : " (no RSS_HASH flag)", h);
		if (!flag && g->flag)
			return test_fail(__FILE__, __LINE__, "%s: frame %u: "
				"RSS_HASH flag without the RSS_HASH offload",
				what, i);
		if (g->q != reta[h % RSS_RETA_SIZE])
			return test_fail(__FILE__, __LINE__, "%s: frame %u "
				"(%s) hash 0x%08x: queue %u, reta[%u] = %u",
				what, i, flow_name(f, name, sizeof(name)), h,
				g->q, h % RSS_RETA_SIZE,
				reta[h % RSS_RETA_SIZE]);
	}
	if (nb_hashed != NULL)
		*nb_hashed = hashed;
	return TEST_PASS;
}

static int
rss_run(const struct rss_env *e, unsigned int n, uint64_t hf,
	const uint8_t *key, const uint8_t *reta, bool flag,
	unsigned int *nb_hashed, const char *what)
{
	return rss_run_drop(e, n, hf, key, reta, flag, nb_hashed, what, -1,
			    NULL);
}

static unsigned int
flows_varied(unsigned int n, uint32_t seed)
{
	unsigned int i;

	rnd_state = seed;
	for (i = 0; i < n; i++)
		flow_varied(&flows[i], i);
	return n;
}

/* ---- tests --------------------------------------------------------------- */

/* Microsoft's verification suite: (IPv4-only, with TCP ports) hashes. */
struct ms_v4 {
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t l3, l4;
};

static const struct ms_v4 ms_v4[] = {
	{ "66.9.149.187", "161.142.100.80", 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ "199.92.111.2", "65.69.140.83", 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ "24.19.198.95", "12.22.207.184", 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ "38.27.205.30", "209.142.163.6", 48228, 2217,
	  0x82989176, 0xafc7327f },
	{ "153.39.163.191", "202.188.127.2", 44251, 1303,
	  0x5d1809c5, 0x10e828a2 },
};

struct ms_v6 {
	uint16_t src[8], dst[8];
	uint16_t sport, dport;
	uint32_t l3, l4;
};

static const struct ms_v6 ms_v6[] = {
	{ { 0x3ffe, 0x2501, 0x200, 0x1fff, 0, 0, 0, 7 },
	  { 0x3ffe, 0x2501, 0x200, 3, 0, 0, 0, 1 }, 2794, 1766,
	  0x2cc18cd5, 0x40207d3d },
	{ { 0x3ffe, 0x501, 8, 0, 0x260, 0x97ff, 0xfe40, 0xefab },
	  { 0xff02, 0, 0, 0, 0, 0, 0, 1 }, 14230, 4739,
	  0x0f0c461c, 0xdde51bbf },
	{ { 0x3ffe, 0x1900, 0x4545, 3, 0x200, 0xf8ff, 0xfe21, 0x67cf },
	  { 0xfe80, 0, 0, 0, 0x200, 0xf8ff, 0xfe21, 0x67cf }, 44251, 38024,
	  0x4b61e985, 0x02d1feef },
};

/*
 * The Microsoft vectors into flows[0..), each as TCP and as
 * ICMP (address-only hash); their expected hashes into want[].
 */
static unsigned int
flows_ms(uint32_t *want)
{
	unsigned int i, n = 0;

	for (i = 0; i < RTE_DIM(ms_v4); i++) {
		flow_v4(&flows[n], ms_v4[i].src, ms_v4[i].dst, ms_v4[i].sport,
			ms_v4[i].dport, IPPROTO_TCP);
		want[n++] = ms_v4[i].l4;
		flow_v4(&flows[n], ms_v4[i].src, ms_v4[i].dst, ms_v4[i].sport,
			ms_v4[i].dport, IPPROTO_ICMP);
		want[n++] = ms_v4[i].l3;
	}
	for (i = 0; i < RTE_DIM(ms_v6); i++) {
		flow_v6(&flows[n], ms_v6[i].src, ms_v6[i].dst, ms_v6[i].sport,
			ms_v6[i].dport, IPPROTO_TCP);
		want[n++] = ms_v6[i].l4;
		flow_v6(&flows[n], ms_v6[i].src, ms_v6[i].dst, ms_v6[i].sport,
			ms_v6[i].dport, IPPROTO_ICMPV6);
		want[n++] = ms_v6[i].l3;
	}
	return n;
}

static int
test_hash_equals_softrss(const void *arg __rte_unused)
{
	uint8_t key[64], reta[RSS_RETA_SIZE];
	struct rte_eth_rss_conf rc;
	uint32_t want[32], h;
	struct rss_env e;
	unsigned int i, n, nb_ms, hashed;
	int ret;

	test_step("start");
	ret = rss_env_start(&e, 4, HF_ALL, NULL, 0, true);
	CHECK(ret == 0, "RSS port set-up: %s", rte_strerror(-ret));

	memset(&rc, 0, sizeof(rc));
	memset(key, 0xee, sizeof(key));
	rc.rss_key = key;
	rc.rss_key_len = sizeof(key);
	ret = rte_eth_dev_rss_hash_conf_get(e.b, &rc);
	CHECK(ret == 0, "rss_hash_conf_get: %d", ret);
	CHECK(rc.rss_key_len == RSS_KEY_LEN, "key length %u, expected 40",
	      rc.rss_key_len);
	CHECK(memcmp(key, ms_key, RSS_KEY_LEN) == 0, "default key is not "
	      "the Microsoft one (first bytes %02x%02x%02x%02x)", key[0],
	      key[1], key[2], key[3]);
	CHECK(rc.rss_hf == HF_ALL, "rss_hf 0x%" PRIx64 ", configured 0x%"
	      PRIx64, rc.rss_hf, (uint64_t)HF_ALL);
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);
	for (i = 0; i < RSS_RETA_SIZE; i++)
		CHECK(reta[i] == i % 4, "default reta[%u] = %u, expected %u",
		      i, reta[i], i % 4);

	/* The oracle against the published vectors, then the device. */
	nb_ms = flows_ms(want);
	for (i = 0; i < nb_ms; i++) {
		CHECK(rss_expect(&flows[i], HF_ALL, key, &h), "vector %u "
		      "not hashed by the oracle", i);
		CHECK(h == want[i], "oracle: rte_softrss 0x%08x for Microsoft "
		      "vector %u, published 0x%08x", h, i, want[i]);
	}
	test_step("Microsoft vectors");
	ret = rss_run(&e, nb_ms, HF_ALL, key, reta, true, &hashed,
		      "Microsoft vectors");
	if (ret != TEST_PASS)
		return ret;
	CHECK(hashed == nb_ms, "%u of %u vectors hashed", hashed, nb_ms);

	/* 200 varied frames, then 300 more with other addresses. */
	test_step("200 varied frames");
	n = flows_varied(200, 1);
	ret = rss_run(&e, n, HF_ALL, key, reta, true, &hashed,
		      "200 varied frames");
	if (ret != TEST_PASS)
		return ret;
	CHECK(hashed > n / 2, "only %u of %u frames hashed", hashed, n);
	test_step("300 varied frames");
	n = flows_varied(300, 77);
	ret = rss_run(&e, n, HF_ALL, key, reta, true, NULL,
		      "300 more frames");
	if (ret != TEST_PASS)
		return ret;
	/* Every queue got something: the spread is real. */
	{
		unsigned int per_q[4] = { 0 };

		for (i = 0; i < n; i++)
			per_q[got[i].q]++;
		for (i = 0; i < 4; i++)
			CHECK(per_q[i] > 0, "queue %u received nothing of %u",
			      i, n);
	}
	return TEST_PASS;
}

static int
test_types(const void *arg __rte_unused)
{
	static const struct {
		uint64_t hf;
		const char *what;
	} cases[] = {
		{ RTE_ETH_RSS_IPV4, "IPv4 only" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_OTHER, "NONFRAG_IPV4_OTHER only" },
		{ RTE_ETH_RSS_FRAG_IPV4, "FRAG_IPV4 only" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_TCP, "TCP4 only" },
		{ RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_IPV6,
		  "UDP4 + IPv6" },
		{ RTE_ETH_RSS_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_TCP,
		  "IPv6 + TCP6" },
		{ RTE_ETH_RSS_NONFRAG_IPV6_UDP, "UDP6 only" },
		{ HF_ALL_GROUPS, "all groups" },
	};
	uint8_t reta[RSS_RETA_SIZE];
	struct rte_eth_rss_conf rc;
	struct rss_env e;
	unsigned int c, n, hashed;
	int ret;

	test_step("start");
	ret = rss_env_start(&e, 4, RTE_ETH_RSS_IPV4, NULL, 0, true);
	CHECK(ret == 0, "RSS port set-up: %s", rte_strerror(-ret));
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);

	/* IPv4 only, as configured: TCP/UDP over IPv4 by addresses only. */
	test_step("IPv4 only (configured)");
	n = flows_varied(200, 5);
	ret = rss_run(&e, n, RTE_ETH_RSS_IPV4, ms_key, reta, true, &hashed,
		      "IPv4 only (configured)");
	if (ret != TEST_PASS)
		return ret;
	CHECK(hashed > 0, "nothing hashed");

	for (c = 0; c < RTE_DIM(cases); c++) {
		test_step(cases[c].what);
		memset(&rc, 0, sizeof(rc));
		rc.rss_hf = cases[c].hf;
		ret = rte_eth_dev_rss_hash_update(e.b, &rc);
		CHECK(ret == 0, "%s: rss_hash_update: %d", cases[c].what, ret);
		memset(&rc, 0, sizeof(rc));
		ret = rte_eth_dev_rss_hash_conf_get(e.b, &rc);
		CHECK(ret == 0 && rc.rss_hf == cases[c].hf, "%s: conf_get %d "
		      "rss_hf 0x%" PRIx64, cases[c].what, ret, rc.rss_hf);
		n = flows_varied(150, 100 + c);
		ret = rss_run(&e, n, cases[c].hf, ms_key, reta, true, NULL,
			      cases[c].what);
		if (ret != TEST_PASS)
			return ret;
	}
	return TEST_PASS;
}

/*
 * RSS mode without the RSS_HASH offload: the driver turns the offload on
 * (the configuration says so) and every hashed frame carries its hash.
 */
static int
test_hash_without_offload(const void *arg __rte_unused)
{
	uint8_t reta[RSS_RETA_SIZE];
	struct rte_eth_conf conf;
	struct rss_env e;
	unsigned int n;
	int ret;

	ret = rss_env_start(&e, 4, HF_ALL, NULL, 0, false);
	CHECK(ret == 0, "RSS port set-up: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_conf_get(e.b, &conf) == 0 &&
	      (conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH),
	      "RSS mode without RSS_HASH: offload not turned on (0x%" PRIx64
	      ")", conf.rxmode.offloads);
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);
	n = flows_varied(200, 9);
	return rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		       "RSS_HASH offload not asked for");
}

/* RSS next to other Rx offloads: the inspect and scatter paths. */
static int
test_with_rx_offloads(const void *arg __rte_unused)
{
	uint8_t reta[RSS_RETA_SIZE];
	struct rss_env e;
	unsigned int n, i, nb_seg = 0;
	int ret;

	test_step("VLAN strip + checksum");
	ret = rss_env_start2(&e, 4, HF_ALL, NULL, 0,
			     RTE_ETH_RX_OFFLOAD_RSS_HASH |
			     RTE_ETH_RX_OFFLOAD_VLAN_STRIP |
			     RTE_ETH_RX_OFFLOAD_IPV4_CKSUM, 0);
	CHECK(ret == 0, "RSS + VLAN strip + checksum set-up: %s",
	      rte_strerror(-ret));
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);
	n = flows_varied(250, 31);
	ret = rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		      "with VLAN strip + checksum");
	if (ret != TEST_PASS)
		return ret;

	test_step("scatter");
	tu_cleanup();
	/* 256-byte buffers (the least the PMD takes): many frames span two. */
	ret = rss_env_start2(&e, 4, HF_ALL, NULL, 0,
			     RTE_ETH_RX_OFFLOAD_RSS_HASH |
			     RTE_ETH_RX_OFFLOAD_SCATTER,
			     256 + RTE_PKTMBUF_HEADROOM);
	CHECK(ret == 0, "RSS + scatter set-up: %s", rte_strerror(-ret));
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);
	n = flows_varied(250, 32);
	ret = rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		      "with Rx scatter");
	if (ret != TEST_PASS)
		return ret;
	for (i = 0; i < n; i++)
		nb_seg += flows[i].len > 256;
	CHECK(nb_seg > 50, "only %u frames over 256 bytes", nb_seg);
	return TEST_PASS;
}

/* Other queue counts: 1, 3 (not a power of two), 8; rss_hf 0 at configure. */
static int
test_queue_counts(const void *arg __rte_unused)
{
	static const struct {
		uint16_t nb_rxq;
		uint64_t hf;
	} cases[] = {
		{ 1, HF_ALL }, { 3, HF_ALL }, { 8, HF_ALL }, { 4, 0 },
	};
	uint8_t reta[RSS_RETA_SIZE];
	char what[64];
	struct rss_env e;
	unsigned int c, i, n;
	int ret;

	for (c = 0; c < RTE_DIM(cases); c++) {
		snprintf(what, sizeof(what), "%u Rx queues, rss_hf 0x%" PRIx64,
			 cases[c].nb_rxq, cases[c].hf);
		test_step(what);
		tu_cleanup();
		ret = rss_env_start(&e, cases[c].nb_rxq, cases[c].hf, NULL, 0,
				    true);
		CHECK(ret == 0, "%s: set-up: %s", what, rte_strerror(-ret));
		ret = reta_get(e.b, reta);
		CHECK(ret == 0, "%s: reta_query: %d", what, ret);
		for (i = 0; i < RSS_RETA_SIZE; i++)
			CHECK(reta[i] == i % cases[c].nb_rxq, "%s: default "
			      "reta[%u] = %u", what, i, reta[i]);
		n = flows_varied(300, 40 + c);
		ret = rss_run(&e, n, cases[c].hf, ms_key, reta, true, NULL,
			      what);
		if (ret != TEST_PASS)
			return ret;
		if (cases[c].hf != 0) {
			unsigned int per_q[8] = { 0 };

			for (i = 0; i < n; i++)
				per_q[got[i].q]++;
			for (i = 0; i < cases[c].nb_rxq; i++)
				CHECK(per_q[i] > 0, "%s: queue %u received "
				      "nothing of %u", what, i, n);
		}
	}
	return TEST_PASS;
}

/* A queue the RETA names that is stopped: its frames dropped, counted. */
static int
test_stopped_queue(const void *arg __rte_unused)
{
	uint8_t reta[RSS_RETA_SIZE];
	struct rte_eth_stats st0, st;
	struct tu_qstats qs0, qs;
	struct rss_env e;
	unsigned int n, dropped;
	int ret;

	ret = rss_env_start(&e, 4, HF_ALL, NULL, 0, true);
	CHECK(ret == 0, "RSS port set-up: %s", rte_strerror(-ret));
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);
	ret = rte_eth_dev_rx_queue_stop(e.b, 2);
	if (ret == -ENOTSUP)
		return test_skip("rx_queue_stop not supported");
	CHECK(ret == 0, "rx_queue_stop(2): %d", ret);
	CHECK(rte_eth_stats_get(e.b, &st0) == 0, "stats");
	CHECK(tu_queue_stats(e.b, 2, &qs0) == 0, "rxq 2 stats");
	n = flows_varied(200, 51);
	ret = rss_run_drop(&e, n, HF_ALL, ms_key, reta, true, NULL,
			   "queue 2 stopped", 2, &dropped);
	if (ret != TEST_PASS)
		return ret;
	CHECK(dropped > 10, "only %u frames hashed to queue 2", dropped);
	CHECK(tu_wait_stat(e.b, TU_STAT(imissed), st0.imissed + dropped,
			   &st) == 0, "imissed %" PRIu64 " -> %" PRIu64
	      ", %u frames for the stopped queue", st0.imissed, st.imissed,
	      dropped);
	CHECK(st.imissed == st0.imissed + dropped, "imissed grew by %"
	      PRIu64 ", %u frames for the stopped queue",
	      st.imissed - st0.imissed, dropped);
	CHECK(tu_queue_stats(e.b, 2, &qs) == 0, "rxq 2 stats");
	CHECK(qs.ierrors - qs0.ierrors == dropped, "rxq 2 errors grew by %"
	      PRIu64 ", expected %u", qs.ierrors - qs0.ierrors, dropped);
	ret = rte_eth_dev_rx_queue_start(e.b, 2);
	CHECK(ret == 0, "rx_queue_start(2): %d", ret);
	n = flows_varied(200, 52);
	return rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		       "queue 2 started again");
}

static int
test_reta_update(const void *arg __rte_unused)
{
	uint8_t reta[RSS_RETA_SIZE], now[RSS_RETA_SIZE], big[256];
	struct rte_eth_rss_reta_entry64 c[4];
	struct rss_env e;
	unsigned int i, n, hashed;
	int ret;

	test_step("start");
	ret = rss_env_start(&e, 4, HF_ALL, NULL, 0, true);
	CHECK(ret == 0, "RSS port set-up: %s", rte_strerror(-ret));

	/* Everything to queue 2. */
	test_step("all to queue 2");
	memset(reta, 2, sizeof(reta));
	ret = reta_set(e.b, reta, RSS_RETA_SIZE);
	CHECK(ret == 0, "reta_update (all 2): %d", ret);
	ret = reta_get(e.b, now);
	CHECK(ret == 0 && memcmp(now, reta, sizeof(now)) == 0,
	      "reta_query after all-2 update: %d, reta[0] %u", ret, now[0]);
	n = flows_varied(200, 11);
	ret = rss_run(&e, n, HF_ALL, ms_key, reta, true, &hashed,
		      "all entries queue 2");
	if (ret != TEST_PASS)
		return ret;
	for (i = 0; i < n; i++)
		CHECK(got[i].q == (rss_expect(&flows[i], HF_ALL, ms_key,
					      &(uint32_t){0}) ? 2 : 0),
		      "frame %u on queue %u", i, got[i].q);
	CHECK(hashed > 100, "only %u hashed", hashed);

	/* A per-entry pattern. */
	test_step("pattern");
	for (i = 0; i < RSS_RETA_SIZE; i++)
		reta[i] = (uint8_t)((i * 7 + i / 5) % 4);
	ret = reta_set(e.b, reta, RSS_RETA_SIZE);
	CHECK(ret == 0, "reta_update (pattern): %d", ret);
	ret = reta_get(e.b, now);
	CHECK(ret == 0 && memcmp(now, reta, sizeof(now)) == 0,
	      "reta_query does not return the pattern set");
	n = flows_varied(300, 12);
	ret = rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL, "pattern");
	if (ret != TEST_PASS)
		return ret;

	/* Part of the table: the masked entries only. */
	test_step("partial update");
	memset(c, 0, sizeof(c));
	c[1].mask = UINT64_C(0x00000000ffff0000);
	for (i = 16; i < 32; i++) {
		c[1].reta[i] = 3;
		reta[64 + i] = 3;
	}
	ret = rte_eth_dev_rss_reta_update(e.b, c, RSS_RETA_SIZE);
	CHECK(ret == 0, "partial reta_update: %d", ret);
	ret = reta_get(e.b, now);
	CHECK(ret == 0, "reta_query: %d", ret);
	for (i = 0; i < RSS_RETA_SIZE; i++)
		CHECK(now[i] == reta[i], "after a partial update reta[%u] = "
		      "%u, expected %u", i, now[i], reta[i]);

	/* Queues past nb_rxq (4; the device has 8): refused, unchanged. */
	test_step("bad queue");
	for (i = 0; i < 3; i++) {
		static const uint8_t bad_q[] = { 4, 7, 200 };

		memcpy(big, reta, RSS_RETA_SIZE);
		big[10 + i * 50] = bad_q[i];
		ret = reta_set(e.b, big, RSS_RETA_SIZE);
		CHECK(ret == -EINVAL, "reta entry %u -> queue %u (nb_rxq 4): "
		      "%d, expected -EINVAL", 10 + i * 50, bad_q[i], ret);
		ret = reta_get(e.b, now);
		CHECK(ret == 0 && memcmp(now, reta, sizeof(now)) == 0,
		      "RETA changed by a refused update (queue %u)",
		      bad_q[i]);
	}
	/* Wrong table sizes. */
	test_step("bad size");
	memset(big, 1, sizeof(big));
	{
		static const uint16_t sizes[] = { 64, 256, 127, 129 };

		for (i = 0; i < RTE_DIM(sizes); i++) {
			ret = reta_set(e.b, big, sizes[i]);
			CHECK(ret == -EINVAL, "reta_update of size %u: %d, "
			      "expected -EINVAL", sizes[i], ret);
			ret = reta_get(e.b, now);
			CHECK(ret == 0 && memcmp(now, reta, sizeof(now)) == 0,
			      "RETA changed by a size-%u update", sizes[i]);
		}
		memset(c, 0, sizeof(c));
		for (i = 0; i < 4; i++)
			c[i].mask = UINT64_MAX;
		ret = rte_eth_dev_rss_reta_query(e.b, c, 64);
		CHECK(ret == -EINVAL, "reta_query of size 64: %d", ret);
	}
	/* The frames still follow the table in force. */
	test_step("after refusals");
	n = flows_varied(200, 13);
	ret = rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		      "after refused updates");
	if (ret != TEST_PASS)
		return ret;

	/* Survives stop/start; an update while stopped applies at start. */
	test_step("stop/start");
	ret = rte_eth_dev_stop(e.b);
	CHECK(ret == 0, "stop: %d", ret);
	ret = rte_eth_dev_start(e.b);
	CHECK(ret == 0, "start: %d", ret);
	CHECK(tu_wait_link(e.b, 1, &(struct rte_eth_link){0}) == 0,
	      "link down after restart");
	ret = reta_get(e.b, now);
	CHECK(ret == 0 && memcmp(now, reta, sizeof(now)) == 0,
	      "reta_query after stop/start differs from the table set");
	n = flows_varied(200, 14);
	ret = rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		      "after stop/start");
	if (ret != TEST_PASS)
		return ret;
	test_step("update while stopped");
	ret = rte_eth_dev_stop(e.b);
	CHECK(ret == 0, "stop: %d", ret);
	for (i = 0; i < RSS_RETA_SIZE; i++)
		reta[i] = (uint8_t)(3 - i % 4);
	ret = reta_set(e.b, reta, RSS_RETA_SIZE);
	CHECK(ret == 0, "reta_update while stopped: %d", ret);
	ret = rte_eth_dev_start(e.b);
	CHECK(ret == 0, "start: %d", ret);
	CHECK(tu_wait_link(e.b, 1, &(struct rte_eth_link){0}) == 0,
	      "link down after restart");
	n = flows_varied(200, 15);
	return rss_run(&e, n, HF_ALL, ms_key, reta, true, NULL,
		       "updated while stopped");
}

static int
test_key_update(const void *arg __rte_unused)
{
	uint8_t key[RSS_KEY_LEN], key2[RSS_KEY_LEN], out[64], bad[64];
	uint8_t reta[RSS_RETA_SIZE];
	struct rte_eth_rss_conf rc;
	struct rss_env e;
	unsigned int i, n;
	int ret;

	test_step("start");
	ret = rss_env_start(&e, 4, HF_ALL, NULL, 0, true);
	CHECK(ret == 0, "RSS port set-up: %s", rte_strerror(-ret));
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);

	/* A new key while started. */
	test_step("new key");
	rnd_state = 4242;
	for (i = 0; i < RSS_KEY_LEN; i++)
		key[i] = (uint8_t)rnd();
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = key;
	rc.rss_key_len = RSS_KEY_LEN;
	rc.rss_hf = HF_ALL;
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret == 0, "rss_hash_update with a 40-byte key: %d", ret);
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = out;
	rc.rss_key_len = sizeof(out);
	ret = rte_eth_dev_rss_hash_conf_get(e.b, &rc);
	CHECK(ret == 0 && memcmp(out, key, RSS_KEY_LEN) == 0 &&
	      rc.rss_key_len == RSS_KEY_LEN && rc.rss_hf == HF_ALL,
	      "conf_get after the update: %d, len %u, rss_hf 0x%" PRIx64
	      ", key %s", ret, rc.rss_key_len, rc.rss_hf,
	      memcmp(out, key, RSS_KEY_LEN) == 0 ? "same" : "differs");
	n = flows_varied(200, 21);
	ret = rss_run(&e, n, HF_ALL, key, reta, true, NULL, "new key");
	if (ret != TEST_PASS)
		return ret;

	/* Wrong key lengths: refused, nothing changes. */
	test_step("bad key length");
	memset(bad, 0x33, sizeof(bad));
	{
		static const uint8_t lens[] = { 52, 20, 39, 41 };

		for (i = 0; i < RTE_DIM(lens); i++) {
			memset(&rc, 0, sizeof(rc));
			rc.rss_key = bad;
			rc.rss_key_len = lens[i];
			rc.rss_hf = RTE_ETH_RSS_IPV4;
			ret = rte_eth_dev_rss_hash_update(e.b, &rc);
			CHECK(ret == -EINVAL, "%u-byte key: %d, expected "
			      "-EINVAL", lens[i], ret);
		}
	}
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = out;
	rc.rss_key_len = sizeof(out);
	ret = rte_eth_dev_rss_hash_conf_get(e.b, &rc);
	CHECK(ret == 0 && memcmp(out, key, RSS_KEY_LEN) == 0 &&
	      rc.rss_hf == HF_ALL, "conf changed by a refused update: "
	      "rss_hf 0x%" PRIx64 ", key %s", rc.rss_hf,
	      memcmp(out, key, RSS_KEY_LEN) == 0 ? "same" : "differs");
	/* A type the device cannot hash: refused. */
	memset(&rc, 0, sizeof(rc));
	rc.rss_hf = RTE_ETH_RSS_NONFRAG_IPV4_SCTP;
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret < 0, "rss_hf SCTP4 (not offered) accepted");

	/* rss_hf 0: RSS off, all to queue 0 without a hash. */
	test_step("rss_hf 0");
	memset(&rc, 0, sizeof(rc));
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret == 0, "rss_hash_update rss_hf 0: %d", ret);
	memset(&rc, 0, sizeof(rc));
	ret = rte_eth_dev_rss_hash_conf_get(e.b, &rc);
	CHECK(ret == 0 && rc.rss_hf == 0, "conf_get rss_hf 0x%" PRIx64
	      " after setting 0", rc.rss_hf);
	n = flows_varied(200, 22);
	ret = rss_run(&e, n, 0, key, reta, true, NULL, "rss_hf 0");
	if (ret != TEST_PASS)
		return ret;

	/* Back on without a key: the last key is still in force. */
	test_step("back on");
	memset(&rc, 0, sizeof(rc));
	rc.rss_hf = HF_ALL;
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret == 0, "rss_hash_update back on: %d", ret);
	n = flows_varied(200, 23);
	ret = rss_run(&e, n, HF_ALL, key, reta, true, NULL,
		      "back on, key kept");
	if (ret != TEST_PASS)
		return ret;

	/* The key survives stop/start; a key set while stopped applies. */
	test_step("stop/start");
	ret = rte_eth_dev_stop(e.b);
	CHECK(ret == 0, "stop: %d", ret);
	for (i = 0; i < RSS_KEY_LEN; i++)
		key2[i] = (uint8_t)(key[i] ^ (i * 29 + 1));
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = key2;
	rc.rss_key_len = RSS_KEY_LEN;
	rc.rss_hf = HF_ALL;
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret == 0, "rss_hash_update while stopped: %d", ret);
	ret = rte_eth_dev_start(e.b);
	CHECK(ret == 0, "start: %d", ret);
	CHECK(tu_wait_link(e.b, 1, &(struct rte_eth_link){0}) == 0,
	      "link down after restart");
	n = flows_varied(200, 24);
	ret = rss_run(&e, n, HF_ALL, key2, reta, true, NULL,
		      "key set while stopped");
	if (ret != TEST_PASS)
		return ret;

	/* A key given at configure time; a wrong-size one refused there. */
	test_step("key at configure");
	tu_cleanup();
	ret = rss_env_start(&e, 4, HF_ALL, key, RSS_KEY_LEN, true);
	CHECK(ret == 0, "configure with a 40-byte key: %s",
	      rte_strerror(-ret));
	ret = reta_get(e.b, reta);
	CHECK(ret == 0, "reta_query: %d", ret);
	n = flows_varied(200, 25);
	ret = rss_run(&e, n, HF_ALL, key, reta, true, NULL,
		      "key given to configure");
	if (ret != TEST_PASS)
		return ret;
	tu_cleanup();
	ret = rss_env_start(&e, 4, HF_ALL, bad, 52, true);
	CHECK(ret == -EINVAL, "configure with a 52-byte key: %d, expected "
	      "-EINVAL", ret);
	return TEST_PASS;
}

static int
test_info(const void *arg __rte_unused)
{
	struct rte_eth_dev_info info;
	uint16_t port;
	int ret;

	ret = tu_port("a", "queues=8", &port);
	CHECK(ret == 0, "probe: %d", ret);
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	CHECK(info.hash_key_size == RSS_KEY_LEN, "hash_key_size %u, "
	      "expected 40", info.hash_key_size);
	CHECK(info.reta_size == RSS_RETA_SIZE, "reta_size %u, expected 128",
	      info.reta_size);
	/* The six groups, and both levels (F_TUNNEL_OFFLOAD, ABI 1.1). */
	CHECK(info.flow_type_rss_offloads ==
	      (HF_ALL_GROUPS | RTE_ETH_RSS_LEVEL_MASK),
	      "flow_type_rss_offloads 0x%" PRIx64 ", expected 0x%" PRIx64,
	      info.flow_type_rss_offloads,
	      (uint64_t)(HF_ALL_GROUPS | RTE_ETH_RSS_LEVEL_MASK));
	CHECK(info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_RSS_HASH,
	      "rx_offload_capa 0x%" PRIx64 " lacks RSS_HASH",
	      info.rx_offload_capa);
	return TEST_PASS;
}

void
register_rss_tests(void)
{
	test_register("rss", "info", test_info, NULL);
	test_register("rss", "hash_equals_softrss", test_hash_equals_softrss,
		      NULL);
	test_register("rss", "types", test_types, NULL);
	test_register("rss", "hash_without_offload", test_hash_without_offload,
		      NULL);
	test_register("rss", "with_rx_offloads", test_with_rx_offloads, NULL);
	test_register("rss", "queue_counts", test_queue_counts, NULL);
	test_register("rss", "stopped_queue", test_stopped_queue, NULL);
	test_register("rss", "reta_update", test_reta_update, NULL);
	test_register("rss", "key_update", test_key_update, NULL);
}

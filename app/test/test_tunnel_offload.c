/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Inner RSS and inner checksums of UDP tunnels (F_TUNNEL_OFFLOAD).
 *
 * Port A sends hand-built frames over a peer cable to port B: plain
 * IPv4/IPv6 frames, VXLAN (4789, in the table from reset), GENEVE (6081,
 * added to B's table) and VXLAN to 4790 (not a tunnel port: an ordinary
 * UDP frame to the device). The test computes every checksum itself (its
 * own one's complement sum and CRC32c, not the model's code), breaks the
 * ones a case asks for, and expects the verdicts DPDK defines for tunnel
 * packets from what it broke; the expected hash is rte_softrss() over the
 * tuple the test put in the frame, inner or outer by the level asked.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>
#include <rte_thash.h>

#include "test_common.h"

#define KEY_LEN		40
#define TUN_GENEVE_PORT	6081
#define NOT_TUN_PORT	4790

/* Microsoft's RSS verification key, the port's key in these tests. */
static const uint8_t ms_key[KEY_LEN] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

#define HF_L3L4	(RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
		 RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_IPV6 | \
		 RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_NONFRAG_IPV6_UDP)

enum tun_kind {
	TUN_NONE,	/* outer IP carries the L4 below directly */
	TUN_VXLAN,	/* UDP 4789 */
	TUN_GENEVE,	/* UDP 6081, added to B's table */
	TUN_NOT_PORT,	/* a VXLAN header to UDP 4790: no tunnel port */
};

/* What the test breaks. */
#define BAD_OUTER_IP	(1u << 0)
#define BAD_OUTER_UDP	(1u << 1)
#define ZERO_OUTER_UDP	(1u << 2)	/* outer UDP checksum 0 */
#define BAD_INNER_IP	(1u << 3)
#define BAD_INNER_L4	(1u << 4)

struct tframe {
	enum tun_kind tun;
	uint8_t outer_ipv;	/* 4 or 6 */
	uint8_t inner_ipv;	/* 4 or 6 (TUN_NONE: unused) */
	uint8_t proto;		/* IPPROTO_TCP, _UDP or _SCTP of the flow */
	uint32_t bad;		/* BAD_* */
	uint16_t seed;		/* varies addresses and ports */
	/* Filled by tframe_build: the tuples it wrote. */
	uint8_t osrc[16], odst[16], isrc[16], idst[16];
	uint16_t osport, odport, isport, idport;
};

/* ---- the test's own checksums ------------------------------------------- */

static uint32_t
sum16(const uint8_t *p, uint32_t len, uint32_t sum)
{
	uint32_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t
fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* TCP/UDP checksum of the segment l4 (len bytes) after header ip. */
static uint16_t
l4_csum(const uint8_t *ip, uint8_t ipv, uint8_t proto, const uint8_t *l4,
	uint32_t len)
{
	uint32_t sum;

	if (ipv == 4)
		sum = sum16(ip + 12, 8, 0);
	else
		sum = sum16(ip + 8, 32, 0);
	sum += proto + len;
	return fold(sum16(l4, len, sum));
}

/* CRC32c (Castagnoli, reflected), bit by bit. */
static uint32_t
crc32c(const uint8_t *p, uint32_t len)
{
	uint32_t crc = 0xffffffff, i;
	int b;

	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0x82f63b78 & (0u - (crc & 1)));
	}
	return ~crc;
}

/* ---- frames --------------------------------------------------------------- */

/*
 * An IP header at p (ipv), addresses src/dst, proto, payload plen bytes;
 * its length. The IPv4 checksum is left 0 (set by ip_finish).
 */
static uint32_t
ip_hdr(uint8_t *p, uint8_t ipv, uint8_t proto, uint32_t plen,
	const uint8_t *src, const uint8_t *dst)
{
	if (ipv == 4) {
		memset(p, 0, 20);
		p[0] = 0x45;
		put16(p + 2, (uint16_t)(20 + plen));
		put16(p + 4, 0x1234);
		p[8] = 64;
		p[9] = proto;
		memcpy(p + 12, src, 4);
		memcpy(p + 16, dst, 4);
		return 20;
	}
	memset(p, 0, 40);
	p[0] = 0x60;
	put16(p + 4, (uint16_t)plen);
	p[6] = proto;
	p[7] = 64;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
	return 40;
}

static void
ip_finish(uint8_t *p, uint8_t ipv, bool bad)
{
	if (ipv != 4)
		return;
	put16(p + 10, fold(sum16(p, 20, 0)));
	if (bad)
		p[11] ^= 0x5a;
}

static void
addr(uint8_t *a, uint8_t ipv, uint8_t net, uint16_t seed)
{
	unsigned int i;

	if (ipv == 4) {
		a[0] = 10;
		a[1] = net;
		a[2] = seed >> 8;
		a[3] = seed & 0xff;
		return;
	}
	for (i = 0; i < 16; i++)
		a[i] = (uint8_t)(0x20 + net * 7 + i * 13 + seed * 3);
	a[0] = 0xfd;
}

/* What l4_seg() writes for proto. */
static uint32_t
l4_len(uint8_t proto)
{
	return (proto == IPPROTO_TCP ? 20 : proto == IPPROTO_UDP ? 8 : 12) + 16;
}

/*
 * An L4 segment (proto) at p with ports sport/dport and 16 payload bytes
 * after IP header ip; its checksum (or CRC) right unless bad. Its length.
 */
static uint32_t
l4_seg(uint8_t *p, const uint8_t *ip, uint8_t ipv, uint8_t proto,
	uint16_t sport, uint16_t dport, uint16_t seed, bool bad)
{
	uint32_t len = l4_len(proto), hl = len - 16, i, crc;

	memset(p, 0, hl);
	put16(p, sport);
	put16(p + 2, dport);
	for (i = 0; i < 16; i++)
		p[hl + i] = (uint8_t)(seed + i * 31);
	if (proto == IPPROTO_TCP) {
		p[12] = 5 << 4;
		p[13] = 0x10;		/* ACK */
		put16(p + 14, 8192);
		put16(p + 16, l4_csum(ip, ipv, proto, p, len));
		if (bad)
			p[17] ^= 0x33;
	} else if (proto == IPPROTO_UDP) {
		put16(p + 4, (uint16_t)len);
		put16(p + 6, l4_csum(ip, ipv, proto, p, len));
		if (bad)
			p[7] ^= 0x33;
	} else {		/* SCTP: tag, CRC32c over the packet, stored LE */
		p[4] = 0xab;
		crc = crc32c(p, len);
		if (bad)
			crc ^= 0x1;
		memcpy(p + 8, &crc, 4);
	}
	return len;
}

/* The frame of tf into buf (dst, src MACs); its length. */
static uint32_t
tframe_build(struct tframe *tf, uint8_t *buf, const struct rte_ether_addr *dst,
	     const struct rte_ether_addr *src)
{
	uint8_t oipv = tf->outer_ipv;
	uint8_t *oip = buf + 14, *udp, *tun, *iip;
	uint32_t ohl = oipv == 4 ? 20 : 40, ihl, l4len, inner_len, udp_len;
	uint16_t s = tf->seed;

	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	put16(buf + 12, oipv == 4 ? 0x0800 : 0x86dd);
	addr(tf->osrc, oipv, 1, s);
	addr(tf->odst, oipv, 2, (uint16_t)(s * 7 + 1));
	if (tf->tun == TUN_NONE) {
		tf->osport = (uint16_t)(1000 + s * 3);
		tf->odport = (uint16_t)(2000 + s * 5);
		l4len = l4_len(tf->proto);
		ip_hdr(oip, oipv, tf->proto, l4len, tf->osrc, tf->odst);
		l4len = l4_seg(oip + ohl, oip, oipv, tf->proto, tf->osport,
			       tf->odport, s, tf->bad & BAD_INNER_L4);
		ip_finish(oip, oipv, tf->bad & BAD_OUTER_IP);
		return 14 + ohl + l4len;
	}

	/* The inner frame first: the outer UDP checksum covers it. */
	udp = oip + ohl;
	tun = udp + 8;
	memset(tun, 0, 8);
	if (tf->tun == TUN_GENEVE)
		put16(tun + 2, 0x6558);		/* Ethernet inside */
	else
		tun[0] = 0x08;			/* VXLAN: VNI valid */
	tun[4] = 0x12;				/* VNI 0x12xxxx */
	tun[5] = s & 0xff;
	memcpy(tun + 8, dst, 6);		/* inner Ethernet */
	memcpy(tun + 14, src, 6);
	tun[14] ^= 0x02;
	put16(tun + 20, tf->inner_ipv == 4 ? 0x0800 : 0x86dd);
	iip = tun + 22;
	addr(tf->isrc, tf->inner_ipv, 3, (uint16_t)(s * 11 + 5));
	addr(tf->idst, tf->inner_ipv, 4, (uint16_t)(s * 13 + 9));
	tf->isport = (uint16_t)(3000 + s * 17);
	tf->idport = (uint16_t)(4000 + s * 19);
	ihl = tf->inner_ipv == 4 ? 20 : 40;
	l4len = l4_len(tf->proto);
	ip_hdr(iip, tf->inner_ipv, tf->proto, l4len, tf->isrc, tf->idst);
	l4len = l4_seg(iip + ihl, iip, tf->inner_ipv, tf->proto, tf->isport,
		       tf->idport, s, tf->bad & BAD_INNER_L4);
	ip_finish(iip, tf->inner_ipv, tf->bad & BAD_INNER_IP);
	inner_len = 22 + ihl + l4len;

	udp_len = 8 + inner_len;
	ip_hdr(oip, oipv, IPPROTO_UDP, udp_len, tf->osrc, tf->odst);
	tf->osport = (uint16_t)(49152 + s);	/* entropy port, as VXLAN does */
	tf->odport = tf->tun == TUN_VXLAN ? 4789 :
		tf->tun == TUN_GENEVE ? TUN_GENEVE_PORT : NOT_TUN_PORT;
	put16(udp, tf->osport);
	put16(udp + 2, tf->odport);
	put16(udp + 4, (uint16_t)udp_len);
	put16(udp + 6, 0);
	if (!(tf->bad & ZERO_OUTER_UDP)) {
		uint16_t c = l4_csum(oip, oipv, IPPROTO_UDP, udp, udp_len);

		put16(udp + 6, c == 0 ? 0xffff : c);
		if (tf->bad & BAD_OUTER_UDP)
			udp[7] ^= 0x33;
	}
	ip_finish(oip, oipv, tf->bad & BAD_OUTER_IP);
	return 14 + ohl + udp_len;
}

/* ---- the oracle ----------------------------------------------------------- */

static uint32_t
be32_of(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

/* rte_softrss() over an IP pair and ports (l4: TCP/UDP hashed with ports). */
static uint32_t
softrss_of(uint8_t ipv, const uint8_t *src, const uint8_t *dst, bool l4,
	   uint16_t sport, uint16_t dport)
{
	union rte_thash_tuple t;
	uint32_t len;

	memset(&t, 0, sizeof(t));
	if (ipv == 4) {
		t.v4.src_addr = be32_of(src);
		t.v4.dst_addr = be32_of(dst);
		t.v4.sport = sport;
		t.v4.dport = dport;
		len = l4 ? RTE_THASH_V4_L4_LEN : RTE_THASH_V4_L3_LEN;
	} else {
		struct rte_ipv6_hdr ip6;

		memset(&ip6, 0, sizeof(ip6));
		memcpy(&ip6.src_addr, src, 16);
		memcpy(&ip6.dst_addr, dst, 16);
		rte_thash_load_v6_addrs(&ip6, &t);
		t.v6.sport = sport;
		t.v6.dport = dport;
		len = l4 ? RTE_THASH_V6_L4_LEN : RTE_THASH_V6_L3_LEN;
	}
	return rte_softrss((uint32_t *)&t, len, ms_key);
}

/* Whether the device treats tf as a UDP tunnel (its port is in the table). */
static bool
is_tunnel(const struct tframe *tf)
{
	return tf->tun == TUN_VXLAN || tf->tun == TUN_GENEVE;
}

/* The hash of tf with every L3/L4 type on, at the inner level or not. */
static uint32_t
expect_hash(const struct tframe *tf, bool inner)
{
	if (inner && is_tunnel(tf))
		return softrss_of(tf->inner_ipv, tf->isrc, tf->idst,
				  tf->proto != IPPROTO_SCTP, tf->isport,
				  tf->idport);
	if (tf->tun == TUN_NONE)
		return softrss_of(tf->outer_ipv, tf->osrc, tf->odst,
				  tf->proto != IPPROTO_SCTP, tf->osport,
				  tf->odport);
	return softrss_of(tf->outer_ipv, tf->osrc, tf->odst, true, tf->osport,
			  tf->odport);
}

#define CSUM_MASK (RTE_MBUF_F_RX_IP_CKSUM_MASK | RTE_MBUF_F_RX_L4_CKSUM_MASK | \
		   RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD | \
		   RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK)

/* The checksum flags DPDK defines for tf as the test broke it. */
static uint64_t
expect_csum(const struct tframe *tf)
{
	uint64_t f = 0;

	if (!is_tunnel(tf)) {
		/* Outer headers only: an ordinary UDP (or TCP/SCTP) frame. */
		f |= (tf->bad & BAD_OUTER_IP) && tf->outer_ipv == 4 ?
			RTE_MBUF_F_RX_IP_CKSUM_BAD : RTE_MBUF_F_RX_IP_CKSUM_GOOD;
		if (tf->tun == TUN_NONE)
			f |= (tf->bad & BAD_INNER_L4) ?
				RTE_MBUF_F_RX_L4_CKSUM_BAD :
				RTE_MBUF_F_RX_L4_CKSUM_GOOD;
		else if (!(tf->bad & ZERO_OUTER_UDP) || tf->outer_ipv == 6)
			f |= (tf->bad & (BAD_OUTER_UDP | ZERO_OUTER_UDP)) ?
				RTE_MBUF_F_RX_L4_CKSUM_BAD :
				RTE_MBUF_F_RX_L4_CKSUM_GOOD;
		return f;
	}
	/* The plain flags: the inner headers'; IPv6 has no bad header. */
	f |= (tf->bad & BAD_INNER_IP) && tf->inner_ipv == 4 ?
		RTE_MBUF_F_RX_IP_CKSUM_BAD : RTE_MBUF_F_RX_IP_CKSUM_GOOD;
	f |= (tf->bad & BAD_INNER_L4) ? RTE_MBUF_F_RX_L4_CKSUM_BAD :
		RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	if ((tf->bad & BAD_OUTER_IP) && tf->outer_ipv == 4)
		f |= RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD;
	/* A 0 outer UDP checksum over IPv4 is none: UNKNOWN (no flag). */
	if ((tf->bad & ZERO_OUTER_UDP) && tf->outer_ipv == 4)
		return f;
	if (tf->bad & (BAD_OUTER_UDP | ZERO_OUTER_UDP))
		return f | RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD;
	return f | RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD;
}

/* ---- the ports ------------------------------------------------------------ */

struct tenv {
	uint16_t a, b;
	struct rte_ether_addr mac_a, mac_b;
	struct rte_mempool *mp;
	uint64_t rx_offloads;	/* what B's queue has on */
};

/*
 * A (defaults) and B (one Rx queue; RSS with rss_hf and Microsoft's key
 * when rss_hf != 0; every Rx checksum offload it offers), cabled, with
 * 6081 as GENEVE in B's table. B's configure result in *cfg_ret.
 */
static int
tenv_start(struct tenv *e, const char *devargs, uint64_t rss_hf, int *cfg_ret)
{
	struct rte_eth_udp_tunnel geneve = {
		.udp_port = TUN_GENEVE_PORT,
		.prot_type = RTE_ETH_TUNNEL_TYPE_GENEVE,
	};
	char args[TU_ARGS_LEN], cable[32];
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	struct tu_port_conf ca;
	int ret;

	memset(e, 0, sizeof(*e));
	e->mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	if (e->mp == NULL)
		return -ENOMEM;
	tu_cable("", cable, sizeof(cable));
	snprintf(args, sizeof(args), "wire=peer:%s%s%s", cable,
		 devargs[0] ? "," : "", devargs);
	ret = tu_port("a", args, &e->a);
	if (ret == 0)
		ret = tu_port("b", args, &e->b);
	if (ret != 0)
		return ret;
	tu_port_conf_default(&ca);
	ret = tu_port_start(e->a, e->mp, &ca);
	if (ret == 0)
		ret = rte_eth_dev_info_get(e->b, &info);
	if (ret != 0)
		return ret;

	memset(&conf, 0, sizeof(conf));
	e->rx_offloads = info.rx_offload_capa &
		(RTE_ETH_RX_OFFLOAD_CHECKSUM | RTE_ETH_RX_OFFLOAD_SCTP_CKSUM |
		 RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM |
		 RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM | RTE_ETH_RX_OFFLOAD_RSS_HASH);
	if (rss_hf == 0)	/* RSS_HASH needs mq_mode RSS */
		e->rx_offloads &= ~RTE_ETH_RX_OFFLOAD_RSS_HASH;
	conf.rxmode.offloads = e->rx_offloads;
	if (rss_hf != 0) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = rss_hf;
		conf.rx_adv_conf.rss_conf.rss_key = (uint8_t *)(uintptr_t)ms_key;
		conf.rx_adv_conf.rss_conf.rss_key_len = KEY_LEN;
	}
	*cfg_ret = rte_eth_dev_configure(e->b, 1, 1, &conf);
	if (*cfg_ret != 0)
		return 0;
	ret = rte_eth_rx_queue_setup(e->b, 0, 512, rte_socket_id(), NULL,
				     e->mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(e->b, 0, 256, rte_socket_id(),
					     NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(e->b);
	if (ret == 0)
		ret = rte_eth_dev_udp_tunnel_port_add(e->b, &geneve);
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

/* Send tf from A; *got is B's mbuf of it (the bytes checked). */
static int
tsend(struct tenv *e, struct tframe *tf, struct rte_mbuf **got)
{
	uint8_t buf[256] = { 0 };
	struct rte_mbuf *m = rte_pktmbuf_alloc(e->mp);
	uint32_t len = tframe_build(tf, buf, &e->mac_b, &e->mac_a);
	char *p;

	*got = NULL;
	if (m == NULL)
		return -ENOMEM;
	p = rte_pktmbuf_append(m, (uint16_t)len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return -ENOSPC;
	}
	memcpy(p, buf, len);
	if (tu_tx(e->a, 0, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return -EIO;
	}
	if (tu_rx(e->b, 0, got, 1) != 1)
		return -ETIMEDOUT;
	if ((*got)->pkt_len != len || (*got)->nb_segs != 1 ||
	    memcmp(rte_pktmbuf_mtod(*got, void *), buf, len) != 0) {
		rte_pktmbuf_free(*got);
		*got = NULL;
		return -EBADMSG;
	}
	return 0;
}

static const char *
tun_name(enum tun_kind k)
{
	static const char *const n[] = { "plain", "vxlan", "geneve",
					 "udp-4790" };

	return n[k];
}

static const uint8_t protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP };

/* What the checksum test breaks, alone and together. */
static const uint32_t bads[] = {
	0, BAD_OUTER_IP, BAD_OUTER_UDP, ZERO_OUTER_UDP, BAD_INNER_IP,
	BAD_INNER_L4, BAD_OUTER_IP | BAD_INNER_L4,
	BAD_OUTER_UDP | BAD_INNER_IP | BAD_INNER_L4,
	ZERO_OUTER_UDP | BAD_INNER_IP,
};

/*
 * Case n of every kind of frame, outer and inner IPv4 and IPv6,
 * TCP/UDP/SCTP (and with_bad: each entry of bads[]); false past the last.
 * Cases that do not exist (a plain frame's inner header or outer UDP
 * checksum) have tf->tun = TUN_NOT_PORT + 1: skip them.
 */
static bool
tframe_case(unsigned int n, bool with_bad, struct tframe *tf)
{
	unsigned int nb_bad = with_bad ? RTE_DIM(bads) : 1;
	unsigned int b = n % nb_bad, p = n / nb_bad % RTE_DIM(protos);
	unsigned int rest = n / nb_bad / RTE_DIM(protos);

	if (rest >= (TUN_NOT_PORT + 1) * 4)
		return false;
	memset(tf, 0, sizeof(*tf));
	tf->tun = rest / 4;
	tf->outer_ipv = rest % 2 ? 6 : 4;
	tf->inner_ipv = rest / 2 % 2 ? 6 : 4;
	tf->proto = protos[p];
	tf->bad = with_bad ? bads[b] : 0;
	tf->seed = (uint16_t)(n * 37 + 1);
	if (tf->tun == TUN_NONE &&
	    (tf->inner_ipv == 6 ||
	     (tf->bad & (BAD_OUTER_UDP | ZERO_OUTER_UDP | BAD_INNER_IP))))
		tf->tun = TUN_NOT_PORT + 1;
	return true;
}

static const char *
tframe_name(const struct tframe *tf, char *buf, size_t len)
{
	snprintf(buf, len, "%s outer v%u inner v%u proto %u broken 0x%x",
		 tun_name(tf->tun), tf->outer_ipv, tf->inner_ipv, tf->proto,
		 tf->bad);
	return buf;
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * Every kind of frame at the inner level (inner) or the outer one:
 * hash.rss is rte_softrss() of the tuple the level names.
 */
static int
rss_level_run(bool inner)
{
	uint64_t hf = HF_L3L4 | (inner ? RTE_ETH_RSS_LEVEL_INNERMOST :
				 RTE_ETH_RSS_LEVEL_OUTERMOST);
	unsigned int c, n = 0, nb_inner = 0;
	struct rte_eth_rss_conf rc;
	uint8_t key[KEY_LEN];
	struct tframe tf;
	struct tenv e;
	char name[96];
	int ret, cfg;

	ret = tenv_start(&e, "", hf, &cfg);
	CHECK(ret == 0 && cfg == 0, "start: %d, configure %d", ret, cfg);
	memset(&rc, 0, sizeof(rc));
	rc.rss_key = key;
	rc.rss_key_len = sizeof(key);
	CHECK(rte_eth_dev_rss_hash_conf_get(e.b, &rc) == 0, "conf_get");
	CHECK(rc.rss_hf == hf, "rss_hf 0x%" PRIx64 " reported, 0x%" PRIx64
	      " configured", rc.rss_hf, hf);
	for (c = 0; tframe_case(c, false, &tf); c++) {
		struct rte_mbuf *m;
		uint32_t want;

		if (tf.tun > TUN_NOT_PORT)
			continue;
		ret = tsend(&e, &tf, &m);
		CHECK(ret == 0, "%s: %d", tframe_name(&tf, name, sizeof(name)),
		      ret);
		want = expect_hash(&tf, inner);
		nb_inner += inner && is_tunnel(&tf);
		CHECK(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH, "%s: no hash",
		      tframe_name(&tf, name, sizeof(name)));
		CHECK(m->hash.rss == want, "%s: hash 0x%08x, softrss of the %s "
		      "tuple 0x%08x", tframe_name(&tf, name, sizeof(name)),
		      m->hash.rss, inner && is_tunnel(&tf) ? "inner" : "outer",
		      want);
		rte_pktmbuf_free(m);
		n++;
	}
	CHECK(n == 42 && nb_inner == (inner ? 24u : 0u), "%u frames, %u inner",
	      n, nb_inner);
	return TEST_PASS;
}

static int
test_inner_rss(const void *arg __rte_unused)
{
	return rss_level_run(true);
}

static int
test_outer_rss(const void *arg __rte_unused)
{
	return rss_level_run(false);
}

/*
 * The level at run time: rss_hash_update to INNERMOST and back, the
 * same VXLAN frame hashed by its inner, then its outer tuple.
 */
static int
test_rss_level_update(const void *arg __rte_unused)
{
	struct rte_eth_rss_conf rc;
	struct tenv e;
	unsigned int round;
	int ret, cfg;

	ret = tenv_start(&e, "", HF_L3L4, &cfg);
	CHECK(ret == 0 && cfg == 0, "start: %d, configure %d", ret, cfg);
	for (round = 0; round < 3; round++) {
		bool inner = round == 1;
		struct tframe tf = { .tun = TUN_VXLAN, .outer_ipv = 4,
				     .inner_ipv = 6, .proto = IPPROTO_TCP,
				     .seed = (uint16_t)(round + 3) };
		struct rte_mbuf *m;

		memset(&rc, 0, sizeof(rc));
		rc.rss_hf = HF_L3L4 | (inner ? RTE_ETH_RSS_LEVEL_INNERMOST : 0);
		ret = rte_eth_dev_rss_hash_update(e.b, &rc);
		CHECK(ret == 0, "round %u: hash_update: %d", round, ret);
		memset(&rc, 0, sizeof(rc));
		CHECK(rte_eth_dev_rss_hash_conf_get(e.b, &rc) == 0, "conf_get");
		CHECK(RTE_ETH_RSS_LEVEL(rc.rss_hf) == (inner ? 2u : 0u),
		      "round %u: level %" PRIu64 " reported", round,
		      (uint64_t)RTE_ETH_RSS_LEVEL(rc.rss_hf));
		ret = tsend(&e, &tf, &m);
		CHECK(ret == 0, "round %u: send: %d", round, ret);
		CHECK(m->hash.rss == expect_hash(&tf, inner),
		      "round %u: hash 0x%08x, softrss of the %s tuple 0x%08x",
		      round, m->hash.rss, inner ? "inner" : "outer",
		      expect_hash(&tf, inner));
		CHECK(m->hash.rss != expect_hash(&tf, !inner),
		      "round %u: inner and outer hash alike", round);
		rte_pktmbuf_free(m);
	}
	return TEST_PASS;
}

/*
 * Checksum verdicts: every kind of frame, each checksum the test can
 * break broken alone and some together, against what DPDK defines.
 */
static int
test_inner_csum(const void *arg __rte_unused)
{
	unsigned int c, n = 0, nb_l3_bad = 0, nb_l4_bad = 0;
	struct rte_eth_dev_info info;
	struct tframe tf;
	struct tenv e;
	char name[96];
	int ret, cfg;

	ret = tenv_start(&e, "", 0, &cfg);
	CHECK(ret == 0 && cfg == 0, "start: %d, configure %d", ret, cfg);
	CHECK(rte_eth_dev_info_get(e.b, &info) == 0, "info");
	CHECK((info.rx_queue_offload_capa &
	       RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM) &&
	      (info.rx_queue_offload_capa & RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM),
	      "outer checksum offloads not offered per queue: 0x%" PRIx64,
	      info.rx_queue_offload_capa);
	for (c = 0; tframe_case(c, true, &tf); c++) {
		struct rte_mbuf *m;
		uint64_t want, got;

		if (tf.tun > TUN_NOT_PORT)
			continue;
		ret = tsend(&e, &tf, &m);
		CHECK(ret == 0, "%s: %d", tframe_name(&tf, name, sizeof(name)),
		      ret);
		want = expect_csum(&tf);
		got = m->ol_flags & CSUM_MASK;
		rte_pktmbuf_free(m);
		nb_l3_bad += (want & RTE_MBUF_F_RX_IP_CKSUM_MASK) ==
			RTE_MBUF_F_RX_IP_CKSUM_BAD;
		nb_l4_bad += (want & RTE_MBUF_F_RX_L4_CKSUM_MASK) ==
			RTE_MBUF_F_RX_L4_CKSUM_BAD;
		CHECK(got == want, "%s: checksum flags 0x%" PRIx64 ", expected "
		      "0x%" PRIx64, tframe_name(&tf, name, sizeof(name)), got,
		      want);
		n++;
	}
	CHECK(n == 348, "%u frames", n);
	/* The device's counters count the plain verdicts: inner for tunnels. */
	CHECK(tu_xstat(e.b, "rx_l3_checksum_errors") == nb_l3_bad &&
	      tu_xstat(e.b, "rx_l4_checksum_errors") == nb_l4_bad,
	      "checksum error xstats %" PRIu64 "/%" PRIu64 ", expected %u/%u",
	      tu_xstat(e.b, "rx_l3_checksum_errors"),
	      tu_xstat(e.b, "rx_l4_checksum_errors"), nb_l3_bad, nb_l4_bad);
	return TEST_PASS;
}

/*
 * Without F_TUNNEL_OFFLOAD (an ABI 1.0 device) there is no level to ask
 * for and no outer checksum offload; asking is refused, with a log line.
 * With it, both level bits at once is the default level.
 */
static int
test_refused(const void *arg __rte_unused)
{
	struct tframe tf = { .tun = TUN_VXLAN, .outer_ipv = 4, .inner_ipv = 4,
			     .proto = IPPROTO_UDP, .seed = 77 };
	struct rte_eth_dev_info info;
	struct rte_eth_rss_conf rc;
	struct rte_mbuf *m;
	struct tenv e;
	int ret, cfg;

	ret = tenv_start(&e, "hw_version=1.0",
			 HF_L3L4 | RTE_ETH_RSS_LEVEL_INNERMOST, &cfg);
	CHECK(ret == 0, "start: %d", ret);
	CHECK(cfg == -EINVAL, "configure INNERMOST on ABI 1.0: %d, expected "
	      "-EINVAL", cfg);
	CHECK(rte_eth_dev_info_get(e.b, &info) == 0, "info");
	CHECK((info.flow_type_rss_offloads & RTE_ETH_RSS_LEVEL_MASK) == 0,
	      "ABI 1.0 offers RSS levels: 0x%" PRIx64,
	      info.flow_type_rss_offloads);
	CHECK((info.rx_offload_capa & (RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM |
				       RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM)) == 0,
	      "ABI 1.0 offers outer checksums: 0x%" PRIx64,
	      info.rx_offload_capa);
	memset(&rc, 0, sizeof(rc));
	rc.rss_hf = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_LEVEL_INNERMOST;
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret == -EINVAL || ret == -ENOTSUP, "hash_update INNERMOST on ABI "
	      "1.0: %d", ret);

	/*
	 * An ABI 1.1 port offers both levels. Both bits at once (what an
	 * application asking for all of flow_type_rss_offloads sends) is the
	 * default level: a VXLAN frame hashes by its outer headers.
	 */
	tu_cleanup();
	ret = tenv_start(&e, "", HF_L3L4, &cfg);
	CHECK(ret == 0 && cfg == 0, "start 1.1: %d, configure %d", ret, cfg);
	CHECK(rte_eth_dev_info_get(e.b, &info) == 0, "info");
	CHECK((info.flow_type_rss_offloads & RTE_ETH_RSS_LEVEL_MASK) ==
	      RTE_ETH_RSS_LEVEL_MASK, "levels offered: 0x%" PRIx64,
	      info.flow_type_rss_offloads);
	memset(&rc, 0, sizeof(rc));
	rc.rss_hf = info.flow_type_rss_offloads;
	ret = rte_eth_dev_rss_hash_update(e.b, &rc);
	CHECK(ret == 0, "hash_update with all of flow_type_rss_offloads: %d",
	      ret);
	ret = tsend(&e, &tf, &m);
	CHECK(ret == 0, "send: %d", ret);
	CHECK(m->hash.rss == expect_hash(&tf, false), "level 3: hash 0x%08x, "
	      "softrss of the outer tuple 0x%08x", m->hash.rss,
	      expect_hash(&tf, false));
	rte_pktmbuf_free(m);
	return TEST_PASS;
}

void
register_tunnel_offload_tests(void)
{
	test_register("tunnel_offload", "inner_rss", test_inner_rss, NULL);
	test_register("tunnel_offload", "outer_rss", test_outer_rss, NULL);
	test_register("tunnel_offload", "rss_level_update",
		      test_rss_level_update, NULL);
	test_register("tunnel_offload", "inner_csum", test_inner_csum, NULL);
	test_register("tunnel_offload", "refused", test_refused, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The flow key of a frame: which headers it has and their bytes, found
 * by the same parser as packet types and RSS, so every part of the device
 * agrees on what a frame is.
 */

#include <netinet/in.h>
#include <string.h>

#include <rte_common.h>

#include "nicdev_flow.h"
#include "nicdev_parse.h"

#define ETHER_TYPE_ARP	0x0806u
#define VXLAN_PORT	4789u
#define ARP_LEN		28u

static inline uint16_t
be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void
window(uint8_t *dst, const uint8_t *f, uint32_t off, uint32_t len,
	struct nicdev_flow_offs *offs)
{
	memcpy(dst, f + off, len);
	offs->end = RTE_MAX(offs->end, off + len);
}

/* Ethernet/IPv4 ARP only: what the arp_eth_ipv4 window describes. */
static void
arp(const uint8_t *f, uint32_t len, uint32_t off, union nicdev_flow_kw *key,
	struct nicdev_flow_offs *offs)
{
	const uint8_t *a = f + off;

	if (off + ARP_LEN > len || be16_at(a) != 1 ||
	    be16_at(a + 2) != NICDEV_ETHER_TYPE_IPV4 || a[4] != 6 || a[5] != 4)
		return;
	window(key->k.arp, f, off, ARP_LEN, offs);
	key->k.layers |= NICPMD_FLOW_L_ARP;
}

/* IPv6 extension headers present, as layer bits (the chain is valid). */
static uint32_t
ipv6_ext_layers(const uint8_t *f, const struct nicdev_l3l4 *h)
{
	uint32_t pos = h->l3_off + 40, end = h->l3_off + h->l3_len;
	uint32_t layers = 0;
	uint8_t nh = f[h->l3_off + 6];

	while (pos < end) {
		uint8_t next = f[pos];
		uint32_t hl = nh == 44 ? 8u : (f[pos + 1] + 1u) * 8u;

		if (nh == 0)
			layers |= NICPMD_FLOW_L_IPV6_HOP;
		else if (nh == 43)
			layers |= NICPMD_FLOW_L_IPV6_ROUTE;
		else if (nh == 60)
			layers |= NICPMD_FLOW_L_IPV6_DEST;
		/* 44, the fragment header: FLOW_L_FRAG, from the parser */
		nh = next;
		pos += hl;
	}
	return layers;
}

static void
l4(const uint8_t *f, const struct nicdev_l3l4 *h, union nicdev_flow_kw *key,
	struct nicdev_flow_offs *offs)
{
	struct nicpmd_flow_key *k = &key->k;
	uint32_t off = h->l4_off, n = h->l4_len;

	offs->l4 = off;
	switch (h->l4_proto) {
	case IPPROTO_TCP:
		if (n >= sizeof(k->tcp)) {
			window(k->tcp, f, off, sizeof(k->tcp), offs);
			k->layers |= NICPMD_FLOW_L_TCP;
		}
		break;
	case IPPROTO_UDP:
		if (n < sizeof(k->udp))
			break;
		window(k->udp, f, off, sizeof(k->udp), offs);
		k->layers |= NICPMD_FLOW_L_UDP;
		if (be16_at(k->udp + 2) == VXLAN_PORT &&
		    n >= sizeof(k->udp) + sizeof(k->vxlan)) {
			window(k->vxlan, f, off + sizeof(k->udp),
			       sizeof(k->vxlan), offs);
			k->layers |= NICPMD_FLOW_L_VXLAN;
		}
		break;
	case IPPROTO_SCTP:
		if (n >= sizeof(k->sctp)) {
			window(k->sctp, f, off, sizeof(k->sctp), offs);
			k->layers |= NICPMD_FLOW_L_SCTP;
		}
		break;
	case IPPROTO_ICMP:
		if (h->is_ipv4 && n >= sizeof(k->icmp)) {
			window(k->icmp, f, off, sizeof(k->icmp), offs);
			k->layers |= NICPMD_FLOW_L_ICMP;
		}
		break;
	case IPPROTO_ICMPV6:
		if (h->is_ipv6 && n >= sizeof(k->icmp6)) {
			window(k->icmp6, f, off, sizeof(k->icmp6), offs);
			k->layers |= NICPMD_FLOW_L_ICMP6;
		}
		break;
	default:
		break;
	}
}

void
nicdev_flow_extract(const uint8_t *f, uint32_t len, uint16_t inner_tpid,
		    uint16_t outer_tpid, union nicdev_flow_kw *key,
		    struct nicdev_flow_offs *offs)
{
	struct nicpmd_flow_key *k = &key->k;
	struct nicdev_tags t;
	struct nicdev_l3l4 h;
	unsigned int i;

	memset(key, 0, sizeof(*key));
	memset(offs, 0, sizeof(*offs));
	/* Runts never get here: the Ethernet header is always there. */
	window(k->eth, f, 0, sizeof(k->eth), offs);
	k->layers = NICPMD_FLOW_L_ETH;
	nicdev_parse_tags(f, len, inner_tpid, outer_tpid, &t);
	for (i = 0; i < t.nb; i++)
		window(k->vlan[i], f, 12 + i * NICDEV_VLAN_TAG_LEN + 2,
		       sizeof(k->vlan[i]), offs);
	if (t.nb >= 1)
		k->layers |= NICPMD_FLOW_L_VLAN;
	if (t.nb == 2)
		k->layers |= NICPMD_FLOW_L_QINQ;
	if (t.ethertype_off + 2 <= len &&
	    be16_at(f + t.ethertype_off) == ETHER_TYPE_ARP) {
		arp(f, len, t.ethertype_off + 2, key, offs);
		return;
	}
	if (nicdev_parse_l3l4(f, len, &t, &h) == 0)
		return;
	offs->l3 = h.l3_off;
	if (h.is_ipv4) {
		window(k->ipv4, f, h.l3_off, sizeof(k->ipv4), offs);
		k->layers |= NICPMD_FLOW_L_IPV4;
	} else {
		window(k->ipv6, f, h.l3_off, sizeof(k->ipv6), offs);
		k->layers |= NICPMD_FLOW_L_IPV6 | ipv6_ext_layers(f, &h);
	}
	if (h.frag) {
		k->layers |= NICPMD_FLOW_L_FRAG;
		return;
	}
	/* The parser leaves l4_len unset when headers fill the packet. */
	if (h.l4_off <= h.l3_off + h.l3_total)
		l4(f, &h, key, offs);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The device's header parser: VLAN tags, L3/L4 and tunnel recognition,
 * and checksum verification, on a contiguous frame.
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_hash_crc.h>
#include <rte_ip.h>

#include "nicdev_frame.h"
#include "nicdev_parse.h"

#define VXLAN_PORT	4789
#define VXLAN_HDR_LEN	8	/* also VXLAN-GPE's, and GENEVE's without options */
#define GPE_NP_IPV4	1
#define GPE_NP_IPV6	2
#define GPE_NP_ETHER	3

void
nicdev_udp_tunnels_reset(struct nicdev_udp_tunnels *tun)
{
	memset(tun, 0, sizeof(*tun));
	tun->nb = 1;
	tun->e[0].port = VXLAN_PORT;
	tun->e[0].type = NICPMD_UDP_TUNNEL_VXLAN;
}

static uint8_t
udp_tunnel_type(const struct nicdev_udp_tunnels *tun, uint16_t port)
{
	unsigned int i;

	for (i = 0; i < tun->nb; i++)
		if (tun->e[i].port == port)
			return tun->e[i].type;
	return 0;
}

static inline uint16_t
be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

void
nicdev_parse_tags(const uint8_t *f, uint32_t len, uint16_t inner_tpid,
		  uint16_t outer_tpid, struct nicdev_tags *t)
{
	uint32_t off = 12;

	t->nb = 0;
	while (t->nb < 2 && off + NICDEV_VLAN_TAG_LEN + 2 <= len) {
		uint16_t type = be16_at(f + off);

		if (type != inner_tpid && type != outer_tpid)
			break;
		t->tci[t->nb++] = be16_at(f + off + 2);
		off += NICDEV_VLAN_TAG_LEN;
	}
	t->ethertype_off = off;
}

/* IPv6 extension headers the parser walks through. */
static bool
ipv6_ext(uint8_t nh)
{
	return nh == 0 || nh == 43 || nh == 60;	/* hop-by-hop, routing, dst */
}

/*
 * Parse L3 and L4 at off with the given EtherType. Fills h; returns the
 * device ptype nibbles for L3 and L4 ([7:4] and [11:8]).
 */
static uint16_t
parse_l3_l4(const uint8_t *f, uint32_t len, uint32_t off, uint16_t type,
	    struct nicdev_l3l4 *h)
{
	uint16_t ptype = 0;
	uint8_t proto;

	memset(h, 0, sizeof(*h));
	h->l3_off = off;
	if (type == NICDEV_ETHER_TYPE_IPV4) {
		const struct rte_ipv4_hdr *ip = (const void *)(f + off);
		uint32_t ihl, tot;

		if (off + sizeof(*ip) > len || (ip->version_ihl >> 4) != 4)
			return 0;
		ihl = (ip->version_ihl & 0xf) * 4u;
		tot = rte_be_to_cpu_16(ip->total_length);
		if (ihl < sizeof(*ip) || off + ihl > len || tot < ihl ||
		    off + tot > len)
			return 0;
		h->is_ipv4 = true;
		h->l3_len = ihl;
		h->l3_total = tot;
		ptype = ihl > sizeof(*ip) ? NICPMD_PTYPE_L3_IPV4_EXT : NICPMD_PTYPE_L3_IPV4;
		h->frag = (rte_be_to_cpu_16(ip->fragment_offset) &
			   (RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK)) != 0;
		proto = ip->next_proto_id;
	} else if (type == NICDEV_ETHER_TYPE_IPV6) {
		const struct rte_ipv6_hdr *ip6 = (const void *)(f + off);
		uint32_t hl = sizeof(*ip6);

		if (off + hl > len || (f[off] >> 4) != 6)
			return 0;
		h->l3_total = hl + rte_be_to_cpu_16(ip6->payload_len);
		if (off + h->l3_total > len)
			return 0;
		proto = ip6->proto;
		ptype = NICPMD_PTYPE_L3_IPV6;
		while (ipv6_ext(proto) || proto == 44) {
			if (off + hl + 8 > off + h->l3_total)
				return 0;
			ptype = NICPMD_PTYPE_L3_IPV6_EXT;
			if (proto == 44) {	/* fragment header */
				h->frag = true;
				proto = f[off + hl];
				hl += 8;
				continue;
			}
			proto = f[off + hl];
			hl += (f[off + hl + 1] + 1u) * 8;
		}
		h->is_ipv6 = true;
		h->l3_len = hl;
	} else {
		return 0;
	}

	h->l4_proto = proto;
	h->l4_off = off + h->l3_len;
	h->l4_len = off + h->l3_total - h->l4_off;
	if (h->l4_off > off + h->l3_total)
		return ptype;
	if (h->frag)
		return ptype | NICPMD_PTYPE_L4_FRAG;
	switch (proto) {
	case IPPROTO_TCP:
		return ptype | NICPMD_PTYPE_L4_TCP;
	case IPPROTO_UDP:
		return ptype | NICPMD_PTYPE_L4_UDP;
	case IPPROTO_SCTP:
		return ptype | NICPMD_PTYPE_L4_SCTP;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return ptype | NICPMD_PTYPE_L4_ICMP;
	default:
		return ptype | NICPMD_PTYPE_L4_OTHER;
	}
}

uint16_t
nicdev_parse_l3l4(const uint8_t *f, uint32_t len, const struct nicdev_tags *t,
		  struct nicdev_l3l4 *h)
{
	uint32_t off = t->ethertype_off;

	if (off + 2 > len)
		return 0;
	return parse_l3_l4(f, len, off + 2, be16_at(f + off), h);
}

/*
 * The inner frame of a UDP tunnel whose header starts at off (type from
 * the port table): sets *ptype's tunnel nibble, *next and *proto to the
 * inner L3 (and *inner_l2 when an inner Ethernet header comes first).
 * False if the header does not fit or announces nothing the parser types.
 */
static bool
udp_tunnel_inner(const uint8_t *f, uint32_t len, uint32_t off, uint8_t type,
		 uint16_t *ptype, uint32_t *next, uint16_t *proto,
		 bool *inner_l2)
{
	uint32_t hdr = VXLAN_HDR_LEN;

	if (off + VXLAN_HDR_LEN > len)
		return false;
	*inner_l2 = true;
	switch (type) {
	case NICPMD_UDP_TUNNEL_VXLAN:
		*ptype |= NICPMD_PTYPE_TUN_VXLAN;
		break;
	case NICPMD_UDP_TUNNEL_VXLAN_GPE:
		*ptype |= NICPMD_PTYPE_TUN_VXLAN_GPE;
		switch (f[off + 3]) {	/* next protocol */
		case GPE_NP_ETHER:
			break;
		case GPE_NP_IPV4:
			*inner_l2 = false;
			*proto = NICDEV_ETHER_TYPE_IPV4;
			break;
		case GPE_NP_IPV6:
			*inner_l2 = false;
			*proto = NICDEV_ETHER_TYPE_IPV6;
			break;
		default:
			return false;
		}
		break;
	case NICPMD_UDP_TUNNEL_GENEVE:
		*ptype |= NICPMD_PTYPE_TUN_GENEVE;
		hdr += (f[off] & 0x3f) * 4u;	/* options, 4-byte units */
		switch (be16_at(f + off + 2)) {
		case NICDEV_ETHER_TYPE_TEB:
			break;
		case NICDEV_ETHER_TYPE_IPV4:
		case NICDEV_ETHER_TYPE_IPV6:
			*inner_l2 = false;
			*proto = be16_at(f + off + 2);
			break;
		default:
			return false;
		}
		break;
	default:
		return false;
	}
	*next = off + hdr;
	if (*inner_l2) {
		if (*next + NICDEV_ETH_HDR_LEN > len)
			return false;
		*proto = be16_at(f + *next + 12);
		*next += NICDEV_ETH_HDR_LEN;
	}
	return *next <= len;
}

uint16_t
nicdev_parse_ptype(const uint8_t *f, uint32_t len, const struct nicdev_tags *t,
		   const struct nicdev_udp_tunnels *tun, uint32_t *inner_status)
{
	static const uint16_t l2[] = {
		NICPMD_PTYPE_L2_ETHER, NICPMD_PTYPE_L2_VLAN, NICPMD_PTYPE_L2_QINQ };
	struct nicdev_l3l4 h, in;
	uint32_t off = t->ethertype_off, next;
	uint16_t ptype = l2[t->nb];
	uint16_t inner, proto;
	uint8_t type;
	bool inner_l2;

	*inner_status = 0;
	if (off + 2 > len)
		return ptype;
	ptype |= parse_l3_l4(f, len, off + 2, be16_at(f + off), &h);

	/* Tunnels: UDP on the table's ports, GRE (protocol 47). */
	type = 0;
	if ((ptype & NICPMD_PTYPE_L4) == NICPMD_PTYPE_L4_UDP &&
	    h.l4_len >= 8 + VXLAN_HDR_LEN)
		type = udp_tunnel_type(tun, be16_at(f + h.l4_off + 2));
	if (type != 0) {
		uint16_t tunnelled = ptype;

		if (!udp_tunnel_inner(f, len, h.l4_off + 8, type, &tunnelled,
				      &next, &proto, &inner_l2))
			return ptype;	/* not what the port announces */
		ptype = tunnelled;
		inner = parse_l3_l4(f, len, next, proto, &in);
		if (inner_l2)
			*inner_status = NICPMD_RXD_INNER_L2_ETHER;
	} else if ((ptype & NICPMD_PTYPE_L4) == NICPMD_PTYPE_L4_OTHER &&
		   h.l4_proto == 47 && h.l4_len >= 4) {
		uint16_t gre_flags = be16_at(f + h.l4_off);
		uint32_t gl = 4 + ((gre_flags & 0x8000) ? 4 : 0) +
			((gre_flags & 0x2000) ? 4 : 0) +
			((gre_flags & 0x1000) ? 4 : 0);

		proto = be16_at(f + h.l4_off + 2);
		next = h.l4_off + gl;
		ptype = (ptype & ~NICPMD_PTYPE_L4) | NICPMD_PTYPE_TUN_GRE;
		if (proto == NICDEV_ETHER_TYPE_TEB &&
		    next + NICDEV_ETH_HDR_LEN <= len) {
			*inner_status = NICPMD_RXD_INNER_L2_ETHER;
			proto = be16_at(f + next + 12);
			next += NICDEV_ETH_HDR_LEN;
		}
		inner = parse_l3_l4(f, len, next, proto, &in);
	} else {
		return ptype;
	}
	*inner_status |= NICPMD_FIELD_PREP(NICPMD_RXD_INNER_L3,
			NICPMD_FIELD_GET(NICPMD_PTYPE_L3, (uint32_t)inner));
	*inner_status |= NICPMD_FIELD_PREP(NICPMD_RXD_INNER_L4,
			NICPMD_FIELD_GET(NICPMD_PTYPE_L4, (uint32_t)inner));
	return ptype;
}

/* 16-bit one's complement checksum of an IPv4/IPv6 TCP/UDP segment. */
static uint16_t
l4_sum(const uint8_t *f, const struct nicdev_l3l4 *h)
{
	const void *l3 = f + h->l3_off;
	const void *l4 = f + h->l4_off;
	uint32_t sum = 0;

	/* Pseudo-header over the actual L4 length, then the segment. */
	if (h->is_ipv4) {
		const struct rte_ipv4_hdr *ip = l3;

		sum += (ip->src_addr >> 16) + (ip->src_addr & 0xffff);
		sum += (ip->dst_addr >> 16) + (ip->dst_addr & 0xffff);
	} else {
		const struct rte_ipv6_hdr *ip6 = l3;

		/* src and dst: 32 bytes in a row (an array or, 24.11, a struct) */
		sum = __rte_raw_cksum(&ip6->src_addr, 32, 0);
	}
	sum += rte_cpu_to_be_16(h->l4_proto);
	sum += rte_cpu_to_be_16((uint16_t)h->l4_len);
	sum = __rte_raw_cksum(l4, h->l4_len, sum);
	return __rte_raw_cksum_reduce(sum);
}

bool
nicdev_parse_udp_tunnel(const uint8_t *f, uint32_t len,
			const struct nicdev_tags *t,
			const struct nicdev_udp_tunnels *tun,
			struct nicdev_l3l4 *outer, uint16_t *outer_pt,
			struct nicdev_l3l4 *in, uint16_t *inner_pt)
{
	uint32_t off = t->ethertype_off, next;
	uint16_t proto, tunnelled = 0;
	uint8_t type;
	bool inner_l2;

	if (off + 2 > len)
		return false;
	*outer_pt = parse_l3_l4(f, len, off + 2, be16_at(f + off), outer);
	if ((*outer_pt & NICPMD_PTYPE_L4) != NICPMD_PTYPE_L4_UDP ||
	    outer->l4_len < 8 + VXLAN_HDR_LEN)
		return false;
	type = udp_tunnel_type(tun, be16_at(f + outer->l4_off + 2));
	if (type == 0 || !udp_tunnel_inner(f, len, outer->l4_off + 8, type,
					   &tunnelled, &next, &proto,
					   &inner_l2))
		return false;
	*inner_pt = parse_l3_l4(f, len, next, proto, in);
	return *inner_pt != 0;
}

/* The L3CS and L4CS bits of one parsed L3/L4 header pair of type pt. */
static uint32_t
check_l3l4(const uint8_t *f, const struct nicdev_l3l4 *h, uint16_t pt)
{
	uint32_t status = 0;

	if (pt == 0)
		return 0;
	/* IPv6 has no header checksum: a header the parser could read
	 * (version 6, payload within the frame) is what there is to check.
	 */
	status |= NICPMD_RXD_L3CS_CHECKED;
	if (h->is_ipv4 && rte_raw_cksum(f + h->l3_off, h->l3_len) != 0xffff)
		status |= NICPMD_RXD_L3CS_BAD;
	if (h->frag)
		return status;
	switch (pt & NICPMD_PTYPE_L4) {
	case NICPMD_PTYPE_L4_TCP:
		if (h->l4_len < 20)
			return status;
		break;
	case NICPMD_PTYPE_L4_UDP:
		if (h->l4_len < 8 ||
		    (h->is_ipv4 && f[h->l4_off + 6] == 0 && f[h->l4_off + 7] == 0))
			return status;	/* no checksum over IPv4 */
		break;
	case NICPMD_PTYPE_L4_SCTP: {
		uint32_t crc, want;

		if (h->l4_len < 12)
			return status;
		memcpy(&want, f + h->l4_off + 8, 4);
		crc = nicdev_sctp_crc(f + h->l4_off, h->l4_len);
		status |= NICPMD_RXD_L4CS_CHECKED;
		if (crc != want)
			status |= NICPMD_RXD_L4CS_BAD;
		return status;
	}
	default:
		return status;
	}
	status |= NICPMD_RXD_L4CS_CHECKED;
	if (l4_sum(f, h) != 0xffff)
		status |= NICPMD_RXD_L4CS_BAD;
	return status;
}

uint32_t
nicdev_check_csum(const uint8_t *f, uint32_t len, const struct nicdev_tags *t)
{
	struct nicdev_l3l4 h;
	uint32_t off = t->ethertype_off;

	if (off + 2 > len)
		return 0;
	return check_l3l4(f, &h, parse_l3_l4(f, len, off + 2,
					     be16_at(f + off), &h));
}

uint32_t
nicdev_check_csum_tunnel(const uint8_t *f, uint32_t len,
			 const struct nicdev_tags *t,
			 const struct nicdev_udp_tunnels *tun)
{
	struct nicdev_l3l4 outer, in;
	uint16_t outer_pt, inner_pt;
	uint32_t o, status;

	if (!nicdev_parse_udp_tunnel(f, len, t, tun, &outer, &outer_pt, &in,
				     &inner_pt))
		return nicdev_check_csum(f, len, t);
	/* The plain bits are the inner headers', as DPDK reports tunnels. */
	status = check_l3l4(f, &in, inner_pt);
	o = check_l3l4(f, &outer, outer_pt);
	if (o & NICPMD_RXD_L3CS_BAD)
		status |= NICPMD_RXD_OUTER_L3CS_BAD;
	if (o & NICPMD_RXD_L4CS_CHECKED)
		status |= NICPMD_RXD_OUTER_L4CS_CHECKED;
	if (o & NICPMD_RXD_L4CS_BAD)
		status |= NICPMD_RXD_OUTER_L4CS_BAD;
	return status;
}

/* CRC32c of an SCTP packet with its checksum field taken as zero. */
uint32_t
nicdev_sctp_crc(const uint8_t *sctp, uint32_t len)
{
	static const uint8_t zero[4];
	uint32_t crc;

	crc = rte_hash_crc(sctp, 8, 0xffffffff);
	crc = rte_hash_crc(zero, 4, crc);
	crc = rte_hash_crc(sctp + 12, len - 12, crc);
	return ~crc;
}

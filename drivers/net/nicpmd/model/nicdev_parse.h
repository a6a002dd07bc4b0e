/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICDEV_PARSE_H_
#define _NICDEV_PARSE_H_

/* The device's header parser (nicdev_parse.c). */

#include <stdbool.h>
#include <stdint.h>

#include <rte_branch_prediction.h>

#include "nicpmd_hw.h"

/* VLAN tags at the front of a frame, outer first. */
struct nicdev_tags {
	uint8_t nb;			/* 0, 1 or 2 */
	uint16_t tci[2];
	uint32_t ethertype_off;		/* offset of the EtherType after tags */
};

/* What the parser learnt of one L3/L4 header pair. */
struct nicdev_l3l4 {
	bool is_ipv4;
	bool is_ipv6;
	bool frag;
	uint8_t l4_proto;
	uint32_t l3_off;
	uint32_t l3_len;		/* header(s) only */
	uint32_t l3_total;		/* header(s) + payload, from the header */
	uint32_t l4_off;
	uint32_t l4_len;		/* L4 header + payload */
};

/* UDP destination ports the parser treats as tunnels (F_UDP_TUNNEL). */
struct nicdev_udp_tunnels {
	uint8_t nb;
	struct {
		uint16_t port;
		uint8_t type;		/* NICPMD_UDP_TUNNEL_* */
	} e[NICPMD_UDP_TUNNEL_PORTS];
};

/* Reset contents: 4789 as VXLAN (also the table of a 1.0 device). */
void nicdev_udp_tunnels_reset(struct nicdev_udp_tunnels *tun);

void nicdev_parse_tags(const uint8_t *f, uint32_t len, uint16_t inner_tpid,
		       uint16_t outer_tpid, struct nicdev_tags *t);

/* L3/L4 after the tags: fills h; the L3 and L4 ptype nibbles, 0: no IP. */
uint16_t nicdev_parse_l3l4(const uint8_t *f, uint32_t len,
			   const struct nicdev_tags *t, struct nicdev_l3l4 *h);

/*
 * Device ptype of a frame whose tags are t, UDP tunnels on the ports of
 * tun; inner bits for the status.
 */
uint16_t nicdev_parse_ptype(const uint8_t *f, uint32_t len,
			    const struct nicdev_tags *t,
			    const struct nicdev_udp_tunnels *tun,
			    uint32_t *inner_status);

/*
 * The common frame, untagged IPv4 without options or fragmentation to
 * TCP, or UDP to no tunnel port, typed from four header fields as
 * nicdev_parse_ptype would type it; 0 for any other frame (and for every
 * frame while a TPID is 0x0800, which makes IPv4's EtherType a tag).
 */
static inline uint16_t
nicdev_parse_ptype_common(const uint8_t *p, uint32_t len, uint16_t inner_tpid,
			  uint16_t outer_tpid,
			  const struct nicdev_udp_tunnels *tun)
{
	uint32_t ip_len;
	unsigned int i;

	/* The length first: nothing past the frame is read. */
	if (len < 14 + 20 + 8 || inner_tpid == 0x0800 ||
	    outer_tpid == 0x0800 || p[12] != 0x08 || p[13] != 0x00 ||
	    p[14] != 0x45 || (p[20] & 0x3f) != 0 || p[21] != 0)
		return 0;
	ip_len = (uint32_t)(p[16] << 8 | p[17]);
	if (ip_len + 14 > len || ip_len < 20 + 8)
		return 0;
	if (p[23] == 6 && ip_len >= 20 + 20)		/* TCP */
		return NICPMD_PTYPE_L2_ETHER | NICPMD_PTYPE_L3_IPV4 |
			NICPMD_PTYPE_L4_TCP;
	if (p[23] != 17)				/* UDP */
		return 0;
	for (i = 0; i < tun->nb; i++)
		if (tun->e[i].port == (uint16_t)(p[36] << 8 | p[37]))
			return 0;	/* a tunnel: the parser's */
	return NICPMD_PTYPE_L2_ETHER | NICPMD_PTYPE_L3_IPV4 |
		NICPMD_PTYPE_L4_UDP;
}

/* The packet type of a contiguous frame, its tags parsed here. */
static inline uint16_t
nicdev_parse_ptype_frame(const uint8_t *p, uint32_t len, uint16_t inner_tpid,
			 uint16_t outer_tpid,
			 const struct nicdev_udp_tunnels *tun,
			 uint32_t *inner_status)
{
	uint16_t pt = nicdev_parse_ptype_common(p, len, inner_tpid,
						outer_tpid, tun);
	struct nicdev_tags t;

	if (likely(pt != 0)) {
		*inner_status = 0;
		return pt;
	}
	nicdev_parse_tags(p, len, inner_tpid, outer_tpid, &t);
	return nicdev_parse_ptype(p, len, &t, tun, inner_status);
}

/* Verify the L3 header and L4 checksum: NICPMD_RXD_L3CS_* / L4CS_* bits. */
uint32_t nicdev_check_csum(const uint8_t *f, uint32_t len,
			   const struct nicdev_tags *t);

/*
 * A UDP-tunnelled frame (F_TUNNEL_OFFLOAD's definition): UDP to a port of
 * tun, a tunnel header the parser reads, an inner IPv4/IPv6 header. Fills
 * the outer and inner header pairs and their ptype nibbles; false for any
 * other frame.
 */
bool nicdev_parse_udp_tunnel(const uint8_t *f, uint32_t len,
			     const struct nicdev_tags *t,
			     const struct nicdev_udp_tunnels *tun,
			     struct nicdev_l3l4 *outer, uint16_t *outer_pt,
			     struct nicdev_l3l4 *in, uint16_t *inner_pt);

/*
 * nicdev_check_csum() with F_TUNNEL_OFFLOAD: for a UDP-tunnelled frame the
 * inner headers' bits, and the outer ones as RXD_OUTER_* bits.
 */
uint32_t nicdev_check_csum_tunnel(const uint8_t *f, uint32_t len,
				  const struct nicdev_tags *t,
				  const struct nicdev_udp_tunnels *tun);

/* SCTP's CRC32c over a packet, its checksum field taken as zero. */
uint32_t nicdev_sctp_crc(const uint8_t *sctp, uint32_t len);

#endif /* _NICDEV_PARSE_H_ */

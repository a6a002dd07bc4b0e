/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICDEV_PARSE_H_
#define _NICDEV_PARSE_H_

/* The device's header parser (nicdev_parse.c). */

#include <stdbool.h>
#include <stdint.h>

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

/* Verify IPv4 and L4 checksums: NICPMD_RXD_L3CS_* / L4CS_* bits. */
uint32_t nicdev_check_csum(const uint8_t *f, uint32_t len,
			   const struct nicdev_tags *t);

/* SCTP's CRC32c over a packet, its checksum field taken as zero. */
uint32_t nicdev_sctp_crc(const uint8_t *sctp, uint32_t len);

#endif /* _NICDEV_PARSE_H_ */

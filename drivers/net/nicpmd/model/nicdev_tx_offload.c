/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Tx offloads: checksum insertion, TCP segmentation and VLAN/QinQ tag
 * insertion. A packet asking for any of them is checked once (begin),
 * then yields its output frames one at a time (next), each built in
 * memory the caller provides. L4 checksums use the pseudo-header seed the
 * driver left in the checksum field (see the spec).
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "nicdev_priv.h"
#include "nicdev_parse.h"

#define IPV4_MIN_HDR	20
#define IPV6_HDR_LEN	40
#define TCP_MIN_HDR	20
#define TCP_FLAG_FIN	0x01
#define TCP_FLAG_PSH	0x08
#define TCP_FLAG_CWR	0x80

static inline void
put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline uint16_t
get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Copy n bytes of the packet, from the iterator's read position. */
static void
copy_payload(struct nicdev_tx_offload *o, uint8_t *out, uint32_t n)
{
	while (n != 0) {
		const struct nicdev_seg *s = &o->seg[o->seg_idx];
		uint32_t k = RTE_MIN(n, s->len - o->seg_off);

		memcpy(out, s->data + o->seg_off, k);
		out += k;
		n -= k;
		o->seg_off += k;
		if (o->seg_off == s->len) {
			o->seg_idx++;
			o->seg_off = 0;
		}
	}
}

int
nicdev_tx_offload_begin(struct nicdev_tx_offload *o, const struct nicdev *dev,
			const struct nicpmd_tx_desc *d,
			const struct nicdev_seg *seg, uint16_t nb_seg,
			uint32_t len)
{
	uint16_t cmd = d->cmd;
	uint32_t l2 = d->l2_len, l3 = d->l3_len, l4 = d->l4_len;
	uint32_t l4cs = cmd & NICPMD_TXD_L4CS_MASK;
	bool v6 = cmd & NICPMD_TXD_IPV6;

	memset(o, 0, offsetof(struct nicdev_tx_offload, hdr));
	o->cmd = cmd;
	o->seg = seg;
	o->nb_seg = nb_seg;
	o->len = len;
	o->l2 = l2;
	o->l3 = l3;
	o->l4 = l4;
	o->nb_tags = (cmd & NICPMD_TXD_QINQ_INS) ? 2 :
		(cmd & NICPMD_TXD_VLAN_INS) ? 1 : 0;
	o->tci[0] = (cmd & NICPMD_TXD_QINQ_INS) ? d->vlan_tci_outer :
		d->vlan_tci;
	o->tci[1] = d->vlan_tci;
	o->tpid[0] = (cmd & NICPMD_TXD_QINQ_INS) ? dev->outer_tpid :
		dev->inner_tpid;
	o->tpid[1] = dev->inner_tpid;

	if (cmd & (NICPMD_TXD_IPCS | NICPMD_TXD_TSO | NICPMD_TXD_L4CS_MASK)) {
		if (l2 < 14 || l3 < (v6 ? IPV6_HDR_LEN : IPV4_MIN_HDR) ||
		    l2 + l3 > len || ((cmd & NICPMD_TXD_IPCS) && v6))
			return -1;
		o->hdr_len = l2 + l3;
	}
	if (cmd & NICPMD_TXD_TSO) {
		if (l4cs != NICPMD_TXD_L4CS_TCP || l4 < TCP_MIN_HDR ||
		    d->mss < NICPMD_TSO_MIN_MSS || d->mss > NICPMD_TSO_MAX_MSS ||
		    l2 + l3 + l4 > NICPMD_TSO_MAX_HDR ||
		    l2 + l3 + l4 >= len || len > NICPMD_TSO_MAX_LEN ||
		    l2 + l3 + l4 + d->mss > NICPMD_MAX_FRAME)
			return -1;
		o->hdr_len = l2 + l3 + l4;
		o->mss = d->mss;
		o->payload = len - o->hdr_len;
		o->nb_frames = (o->payload + o->mss - 1) / o->mss;
	} else {
		if (len > NICPMD_MAX_FRAME)
			return -1;
		o->hdr_len = 0;		/* copied whole, fixed up in place */
		o->payload = len;
		o->nb_frames = 1;
	}
	if (o->hdr_len != 0 && o->hdr_len > seg[0].len) {
		/* Headers must be in the first descriptor (spec). */
		if (cmd & NICPMD_TXD_TSO)
			return -1;
	}
	if (cmd & NICPMD_TXD_TSO) {
		memcpy(o->hdr, seg[0].data, o->hdr_len);
		o->seg_idx = 0;
		o->seg_off = o->hdr_len;
		if (o->seg_off == seg[0].len) {
			o->seg_idx = 1;
			o->seg_off = 0;
		}
	}
	return (int)o->nb_frames;
}

/* L4 checksum over [l4, l4 + l4_len) onto the seed in its field. */
static void
l4_csum_insert(uint8_t *l4p, uint32_t l4_len, uint32_t l4cs,
	       bool seed_has_len)
{
	uint32_t sum;
	uint16_t cs;

	if (l4cs == NICPMD_TXD_L4CS_SCTP) {
		uint32_t crc;

		if (l4_len < 12)
			return;
		crc = nicdev_sctp_crc(l4p, l4_len);
		memcpy(l4p + 8, &crc, 4);
		return;
	}
	if ((l4cs == NICPMD_TXD_L4CS_TCP && l4_len < TCP_MIN_HDR) ||
	    (l4cs == NICPMD_TXD_L4CS_UDP && l4_len < 8))
		return;
	sum = __rte_raw_cksum(l4p, l4_len, 0);
	if (!seed_has_len)
		sum += rte_cpu_to_be_16((uint16_t)l4_len);
	cs = (uint16_t)~__rte_raw_cksum_reduce(sum);
	if (l4cs == NICPMD_TXD_L4CS_UDP) {
		if (cs == 0)
			cs = 0xffff;
		memcpy(l4p + 6, &cs, 2);
	} else {
		memcpy(l4p + 16, &cs, 2);
	}
}

/* Insert the requested tags after the MAC addresses of out[len]. */
static uint32_t
insert_tags(const struct nicdev_tx_offload *o, uint8_t *out, uint32_t len)
{
	uint32_t room = NICDEV_VLAN_TAG_LEN * o->nb_tags;
	uint8_t i;

	if (room == 0)
		return len;
	memmove(out + NICDEV_ETH_ADDRS_LEN + room, out + NICDEV_ETH_ADDRS_LEN,
		len - NICDEV_ETH_ADDRS_LEN);
	for (i = 0; i < o->nb_tags; i++) {
		put_be16(out + NICDEV_ETH_ADDRS_LEN + i * 4, o->tpid[i]);
		put_be16(out + NICDEV_ETH_ADDRS_LEN + i * 4 + 2, o->tci[i]);
	}
	return len + room;
}

/* Checksums of a whole (non-TSO) packet, in place. */
static bool
fix_checksums(const struct nicdev_tx_offload *o, uint8_t *f, uint32_t len)
{
	uint8_t *l3p = f + o->l2, *l4p = f + o->l2 + o->l3;
	uint32_t l4cs = o->cmd & NICPMD_TXD_L4CS_MASK;
	uint32_t l3_end;

	if (o->cmd & NICPMD_TXD_IPV6) {
		l3_end = o->l2 + IPV6_HDR_LEN + get_be16(l3p + 4);
	} else {
		l3_end = o->l2 + get_be16(l3p + 2);
		if (o->cmd & NICPMD_TXD_IPCS) {
			uint16_t sum;

			/* The header may sit at any alignment: bytes only. */
			if (o->l3 != (l3p[0] & 0xfu) * 4)
				return false;
			memset(l3p + 10, 0, 2);
			sum = rte_ipv4_cksum((const struct rte_ipv4_hdr *)l3p);
			memcpy(l3p + 10, &sum, 2);
		}
	}
	/* L4 spans to the end of the IP packet, not of the frame (padding). */
	if (l3_end > len || l3_end < o->l2 + o->l3)
		return false;
	if (l4cs != NICPMD_TXD_L4CS_NONE)
		l4_csum_insert(l4p, l3_end - o->l2 - o->l3, l4cs, true);
	return true;
}

uint32_t
nicdev_tx_offload_next(struct nicdev_tx_offload *o, uint8_t *out)
{
	uint32_t plen, flen, i = o->index++;
	uint8_t *l3p, *l4p;

	if (!(o->cmd & NICPMD_TXD_TSO)) {
		copy_payload(o, out, o->len);
		if ((o->cmd & (NICPMD_TXD_IPCS | NICPMD_TXD_L4CS_MASK)) &&
		    !fix_checksums(o, out, o->len))
			return 0;
		return insert_tags(o, out, o->len);
	}

	plen = RTE_MIN(o->mss, o->payload - i * o->mss);
	memcpy(out, o->hdr, o->hdr_len);
	copy_payload(o, out + o->hdr_len, plen);
	flen = o->hdr_len + plen;
	l3p = out + o->l2;
	l4p = l3p + o->l3;

	if (o->cmd & NICPMD_TXD_IPV6) {
		put_be16(l3p + 4, o->l3 - IPV6_HDR_LEN + o->l4 + plen);
	} else {
		/* The headers sit where the packet put them: maybe at an
		 * odd address (l2_len is the driver's), so no field is
		 * loaded or stored in place as a wider type.
		 */
		uint16_t sum;

		put_be16(l3p + 2, o->l3 + o->l4 + plen);
		put_be16(l3p + 4, get_be16(o->hdr + o->l2 + 4) + i);
		memset(l3p + 10, 0, 2);
		sum = rte_ipv4_cksum((const struct rte_ipv4_hdr *)l3p);
		memcpy(l3p + 10, &sum, 2);
	}
	{
		uint32_t seq, be;

		memcpy(&be, o->hdr + o->l2 + o->l3 + 4, 4);
		seq = rte_be_to_cpu_32(be) + i * o->mss;
		be = rte_cpu_to_be_32(seq);
		memcpy(l4p + 4, &be, 4);
	}
	if (i + 1 < o->nb_frames)
		l4p[13] &= ~(TCP_FLAG_FIN | TCP_FLAG_PSH);
	if (i > 0)
		l4p[13] &= ~TCP_FLAG_CWR;
	l4_csum_insert(l4p, o->l4 + plen, NICPMD_TXD_L4CS_TCP, false);
	return insert_tags(o, out, flen);
}

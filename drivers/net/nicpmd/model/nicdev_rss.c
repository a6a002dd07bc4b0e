/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Receive-side scaling: the Toeplitz hash of a frame's flow and the Rx
 * queue its RETA entry names. The hash is DPDK's own (rte_thash), so an
 * application computing rte_softrss() over the same tuple gets the same.
 */

#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>
#include <rte_thash.h>

#include "nicdev_priv.h"
#include "nicdev_parse.h"

/* A linear copy of a multi-segment frame's headers, per device thread. */
static RTE_DEFINE_PER_LCORE(uint8_t, rss_hdr[NICDEV_FRAME_MAX]);

void
nicdev_rss_set_key(struct nicdev *dev, const uint8_t *key)
{
	uint32_t words[NICPMD_RSS_KEY_LEN / 4];

	memcpy(dev->rss_key, key, NICPMD_RSS_KEY_LEN);
	/*
	 * rte_softrss_be() wants the key as big-endian words;
	 * rte_convert_rss_key() reads whole words, so from a word-aligned
	 * copy (rss_key sits wherever the structure puts it: UBSan saw it
	 * misaligned in a 24.11 build).
	 */
	memcpy(words, key, sizeof(words));
	rte_convert_rss_key(words, dev->rss_key_be, NICPMD_RSS_KEY_LEN);
}

/*
 * The hash of f for the enabled types; false if f matches none (then it
 * goes to queue 0 without a hash).
 */
bool
nicdev_rss_hash(const struct nicdev *dev, const struct nicdev_frame *f,
		uint32_t *hash)
{
	union rte_thash_tuple tuple;
	const uint8_t *data;
	struct nicdev_tags t;
	struct nicdev_l3l4 h;
	uint32_t types = dev->rss_types, len;
	uint16_t pt;
	bool l4;

	if (f->nb_seg == 1) {
		data = f->seg[0].data;
	} else {
		data = RTE_PER_LCORE(rss_hdr);
		nicdev_frame_copy(f, RTE_PER_LCORE(rss_hdr));
	}
	nicdev_parse_tags(data, f->len, dev->inner_tpid, dev->outer_tpid, &t);
	pt = nicdev_parse_l3l4(data, f->len, &t, &h);
	if (pt == 0)
		return false;
	/* Inner level: a tunnelled frame's flow is its inner one. */
	if (dev->rss_inner) {
		struct nicdev_l3l4 outer, in;
		uint16_t outer_pt, inner_pt;

		if (nicdev_parse_udp_tunnel(data, f->len, &t, &dev->udp_tunnels,
					    &outer, &outer_pt, &in, &inner_pt)) {
			h = in;
			pt = inner_pt;
		}
	}
	l4 = !h.frag && (((pt & 0xf00) == NICPMD_PTYPE_L4_TCP &&
			  h.l4_len >= 20) ||
			 ((pt & 0xf00) == NICPMD_PTYPE_L4_UDP && h.l4_len >= 8));
	if (h.is_ipv4) {
		const struct rte_ipv4_hdr *ip = (const void *)(data + h.l3_off);

		if (l4 && (((pt & 0xf00) == NICPMD_PTYPE_L4_TCP &&
			    (types & NICPMD_RSS_TCP_IPV4)) ||
			   ((pt & 0xf00) == NICPMD_PTYPE_L4_UDP &&
			    (types & NICPMD_RSS_UDP_IPV4))))
			len = RTE_THASH_V4_L4_LEN;
		else if (types & NICPMD_RSS_IPV4)
			len = RTE_THASH_V4_L3_LEN;
		else
			return false;
		tuple.v4.src_addr = rte_be_to_cpu_32(ip->src_addr);
		tuple.v4.dst_addr = rte_be_to_cpu_32(ip->dst_addr);
	} else {
		const struct rte_ipv6_hdr *ip6 = (const void *)(data + h.l3_off);

		if (l4 && (((pt & 0xf00) == NICPMD_PTYPE_L4_TCP &&
			    (types & NICPMD_RSS_TCP_IPV6)) ||
			   ((pt & 0xf00) == NICPMD_PTYPE_L4_UDP &&
			    (types & NICPMD_RSS_UDP_IPV6))))
			len = RTE_THASH_V6_L4_LEN;
		else if (types & NICPMD_RSS_IPV6)
			len = RTE_THASH_V6_L3_LEN;
		else
			return false;
		rte_thash_load_v6_addrs(ip6, &tuple);
	}
	if (len == RTE_THASH_V4_L4_LEN || len == RTE_THASH_V6_L4_LEN) {
		const uint8_t *p = data + h.l4_off;
		uint16_t sport = (uint16_t)(p[0] << 8 | p[1]);
		uint16_t dport = (uint16_t)(p[2] << 8 | p[3]);

		if (h.is_ipv4) {
			tuple.v4.sport = sport;
			tuple.v4.dport = dport;
		} else {
			tuple.v6.sport = sport;
			tuple.v6.dport = dport;
		}
	}
	*hash = rte_softrss_be((uint32_t *)&tuple, len,
			       (const uint8_t *)dev->rss_key_be);
	return true;
}

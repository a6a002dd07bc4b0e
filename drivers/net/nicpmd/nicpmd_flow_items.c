/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * rte_flow pattern -> the match of a device rule. Every item the device
 * matches is a header laid out as on the wire at the start of its
 * rte_flow_item_* structure, and the device keeps the same bytes in a
 * window of its key: spec & mask and mask go there byte for byte. What
 * follows the header in an item (has_vlan, IPv6 extension flags) becomes
 * layer bits; ranges (spec .. last) become the rule's ranges.
 */

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_flow.h"

/*
 * A field of an item's header: where it is in the header (and the key's
 * window), where in the item (the same but for arp_eth_ipv4 before
 * DPDK 23.03, whose fields have padding), its size; its name for
 * messages. Every item's fields cover its whole header.
 */
struct item_field {
	const char *name;
	uint8_t off;
	uint8_t ioff;
	uint8_t len;
};

#define F(n, o, l) { n, o, o, l }
static const struct item_field eth_fields[] = {
	F("dst", 0, 6), F("src", 6, 6), F("type", 12, 2),
};
static const struct item_field vlan_fields[] = {
	F("tci", 0, 2), F("inner_type", 2, 2),
};
static const struct item_field ipv4_fields[] = {
	F("version_ihl", 0, 1), F("type_of_service", 1, 1),
	F("total_length", 2, 2), F("packet_id", 4, 2),
	F("fragment_offset", 6, 2), F("time_to_live", 8, 1),
	F("next_proto_id", 9, 1), F("hdr_checksum", 10, 2),
	F("src_addr", 12, 4), F("dst_addr", 16, 4),
};
static const struct item_field ipv6_fields[] = {
	F("vtc_flow", 0, 4), F("payload_len", 4, 2), F("proto", 6, 1),
	F("hop_limits", 7, 1), F("src_addr", 8, 16), F("dst_addr", 24, 16),
};
static const struct item_field tcp_fields[] = {
	F("src_port", 0, 2), F("dst_port", 2, 2), F("sent_seq", 4, 4),
	F("recv_ack", 8, 4), F("data_off", 12, 1), F("tcp_flags", 13, 1),
	F("rx_win", 14, 2), F("cksum", 16, 2), F("tcp_urp", 18, 2),
};
static const struct item_field udp_fields[] = {
	F("src_port", 0, 2), F("dst_port", 2, 2), F("dgram_len", 4, 2),
	F("dgram_cksum", 6, 2),
};
static const struct item_field sctp_fields[] = {
	F("src_port", 0, 2), F("dst_port", 2, 2), F("tag", 4, 4),
	F("cksum", 8, 4),
};
static const struct item_field icmp_fields[] = {
	F("icmp_type", 0, 1), F("icmp_code", 1, 1), F("icmp_cksum", 2, 2),
	F("icmp_ident", 4, 2), F("icmp_seq_nb", 6, 2),
};
static const struct item_field icmp6_fields[] = {
	F("type", 0, 1), F("code", 1, 1), F("checksum", 2, 2),
};
static const struct item_field arp_fields[] = {
	F("hrd", 0, 2), F("pro", 2, 2), F("hln", 4, 1), F("pln", 5, 1),
	F("op", 6, 2), F("sha", 8, 6),
	{ "spa", 14, NICPMD_ARP_ITEM_SPA, 4 },
	{ "tha", 18, NICPMD_ARP_ITEM_THA, 6 },
	{ "tpa", 24, NICPMD_ARP_ITEM_TPA, 4 },
};
static const struct item_field vxlan_fields[] = {
	F("flags", 0, 1), F("rsvd0", 1, 3), F("vni", 4, 3), F("rsvd1", 7, 1),
};
#undef F

#define L(x) NICPMD_FLOW_L_##x
#define KEY(w) offsetof(struct nicpmd_flow_key, w)

/* The items the device matches. */
static const struct item_info {
	enum rte_flow_item_type type;
	const char *name;
	uint32_t layer;
	uint16_t key_off;		/* its window in the key */
	uint8_t len;			/* header bytes */
	uint8_t size;			/* sizeof(struct rte_flow_item_...) */
	uint32_t after;			/* what may come just before it */
	const void *def_mask;
	const struct item_field *fields;
	uint8_t nb_fields;
} items[] = {
	{ RTE_FLOW_ITEM_TYPE_ETH, "eth", L(ETH), KEY(eth), 14,
	  sizeof(struct rte_flow_item_eth), 0, &rte_flow_item_eth_mask,
	  eth_fields, RTE_DIM(eth_fields) },
	{ RTE_FLOW_ITEM_TYPE_VLAN, "vlan", L(VLAN), KEY(vlan), 4,
	  sizeof(struct rte_flow_item_vlan), L(ETH) | L(VLAN),
	  &rte_flow_item_vlan_mask, vlan_fields, RTE_DIM(vlan_fields) },
	{ RTE_FLOW_ITEM_TYPE_IPV4, "ipv4", L(IPV4), KEY(ipv4), 20,
	  sizeof(struct rte_flow_item_ipv4), L(ETH) | L(VLAN) | L(QINQ),
	  &rte_flow_item_ipv4_mask, ipv4_fields, RTE_DIM(ipv4_fields) },
	{ RTE_FLOW_ITEM_TYPE_IPV6, "ipv6", L(IPV6), KEY(ipv6), 40,
	  sizeof(struct rte_flow_item_ipv6), L(ETH) | L(VLAN) | L(QINQ),
	  &rte_flow_item_ipv6_mask, ipv6_fields, RTE_DIM(ipv6_fields) },
	{ RTE_FLOW_ITEM_TYPE_TCP, "tcp", L(TCP), KEY(tcp), 20,
	  sizeof(struct rte_flow_item_tcp), L(IPV4) | L(IPV6),
	  &rte_flow_item_tcp_mask, tcp_fields, RTE_DIM(tcp_fields) },
	{ RTE_FLOW_ITEM_TYPE_UDP, "udp", L(UDP), KEY(udp), 8,
	  sizeof(struct rte_flow_item_udp), L(IPV4) | L(IPV6),
	  &rte_flow_item_udp_mask, udp_fields, RTE_DIM(udp_fields) },
	{ RTE_FLOW_ITEM_TYPE_SCTP, "sctp", L(SCTP), KEY(sctp), 12,
	  sizeof(struct rte_flow_item_sctp), L(IPV4) | L(IPV6),
	  &rte_flow_item_sctp_mask, sctp_fields, RTE_DIM(sctp_fields) },
	{ RTE_FLOW_ITEM_TYPE_ICMP, "icmp", L(ICMP), KEY(icmp), 8,
	  sizeof(struct rte_flow_item_icmp), L(IPV4),
	  &rte_flow_item_icmp_mask, icmp_fields, RTE_DIM(icmp_fields) },
	{ RTE_FLOW_ITEM_TYPE_ICMP6, "icmp6", L(ICMP6), KEY(icmp6), 4,
	  sizeof(struct rte_flow_item_icmp6), L(IPV6),
	  &rte_flow_item_icmp6_mask, icmp6_fields, RTE_DIM(icmp6_fields) },
	{ RTE_FLOW_ITEM_TYPE_ARP_ETH_IPV4, "arp_eth_ipv4", L(ARP), KEY(arp), 28,
	  sizeof(struct rte_flow_item_arp_eth_ipv4),
	  L(ETH) | L(VLAN) | L(QINQ), &rte_flow_item_arp_eth_ipv4_mask,
	  arp_fields, RTE_DIM(arp_fields) },
	{ RTE_FLOW_ITEM_TYPE_VXLAN, "vxlan", L(VXLAN), KEY(vxlan), 8,
	  sizeof(struct rte_flow_item_vxlan), L(UDP),
	  &rte_flow_item_vxlan_mask, vxlan_fields, RTE_DIM(vxlan_fields) },
};

/* Item state while walking a pattern. */
struct walk {
	uint32_t prev;			/* layer of the previous item, 0: none */
	uint32_t flag_mask;		/* layer bits the items' flags set */
	uint32_t flag_value;
	unsigned int nb_vlan;
};

static const struct item_info *
item_find(enum rte_flow_item_type type)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(items); i++)
		if (items[i].type == type)
			return &items[i];
	return NULL;
}

static const char *
layer_name(uint32_t layer)
{
	unsigned int i;

	if (layer == L(QINQ))
		return "vlan";
	for (i = 0; i < RTE_DIM(items); i++)
		if (items[i].layer == layer)
			return items[i].name;
	return "?";
}

static bool
all_zero(const uint8_t *b, size_t len)
{
	while (len-- > 0)
		if (*b++ != 0)
			return false;
	return true;
}

/* A flag of an item (has_vlan, ...) as a presence bit of the key. */
static void
flag(struct walk *w, uint32_t layer, unsigned int mask, unsigned int spec)
{
	if (!mask)
		return;
	w->flag_mask |= layer;
	if (spec)
		w->flag_value |= layer;
	else
		w->flag_value &= ~layer;
}

/*
 * What follows the header in the item: the flags the device knows
 * become layer bits, anything else masked is refused.
 */
static int
item_flags(struct nicpmd_flow_parse *p, struct walk *w,
	   const struct item_info *ii, const struct rte_flow_item *it,
	   const void *spec, const void *mask)
{
	union {
		uint8_t b[64];
		struct rte_flow_item_eth eth;
		struct rte_flow_item_vlan vlan;
		struct rte_flow_item_ipv6 ipv6;
	} rest;

	unsigned int i;

	RTE_BUILD_BUG_ON(sizeof(struct rte_flow_item_arp_eth_ipv4) >
			 sizeof(rest.b));
	memcpy(rest.b, mask, ii->size);
	for (i = 0; i < ii->nb_fields; i++)
		memset(rest.b + ii->fields[i].ioff, 0, ii->fields[i].len);
	if (it->type == RTE_FLOW_ITEM_TYPE_ETH) {
		const struct rte_flow_item_eth *s = spec, *m = mask;
		struct rte_flow_item_eth *r = &rest.eth;

		flag(w, L(VLAN), m->has_vlan, s->has_vlan);
		r->has_vlan = 0;
	} else if (it->type == RTE_FLOW_ITEM_TYPE_VLAN) {
		const struct rte_flow_item_vlan *s = spec, *m = mask;
		struct rte_flow_item_vlan *r = &rest.vlan;

		if (m->has_more_vlan && w->nb_vlan == 2)
			return nicpmd_flow_error(p, ENOTSUP,
				RTE_FLOW_ERROR_TYPE_ITEM_MASK, it,
				"vlan item 2: has_more_vlan: the device "
				"parses two tags");
		flag(w, L(QINQ), m->has_more_vlan, s->has_more_vlan);
		r->has_more_vlan = 0;
	} else if (it->type == RTE_FLOW_ITEM_TYPE_IPV6) {
		const struct rte_flow_item_ipv6 *s = spec, *m = mask;
		struct rte_flow_item_ipv6 *r = &rest.ipv6;

		flag(w, L(IPV6_HOP), m->has_hop_ext, s->has_hop_ext);
		flag(w, L(IPV6_ROUTE), m->has_route_ext, s->has_route_ext);
		flag(w, L(FRAG), m->has_frag_ext, s->has_frag_ext);
		flag(w, L(IPV6_DEST), m->has_dest_ext, s->has_dest_ext);
		r->has_hop_ext = 0;
		r->has_route_ext = 0;
		r->has_frag_ext = 0;
		r->has_dest_ext = 0;
		if (!all_zero(rest.b, ii->size))
			return nicpmd_flow_error(p, ENOTSUP,
				RTE_FLOW_ERROR_TYPE_ITEM_MASK, it,
				"ipv6 item: only has_hop_ext, has_route_ext, "
				"has_frag_ext and has_dest_ext are matched");
	}
	if (!all_zero(rest.b, ii->size))
		return nicpmd_flow_error(p, ENOTSUP,
			RTE_FLOW_ERROR_TYPE_ITEM_MASK, it,
			"%s item: mask on reserved bits", ii->name);
	return 0;
}

/* The big-endian number of a field of b, ANDed with the same of m. */
static uint32_t
be_value(const uint8_t *b, const uint8_t *m, unsigned int len)
{
	uint32_t v = 0;

	while (len-- > 0)
		v = v << 8 | (*b++ & *m++);
	return v;
}

/* spec .. last of a field, as one of the rule's ranges. */
static int
item_range(struct nicpmd_flow_parse *p, const struct item_info *ii,
	   const struct rte_flow_item *it, const struct item_field *f,
	   uint16_t key_off, const uint8_t *spec, const uint8_t *last,
	   const uint8_t *mask)
{
	struct nicpmd_flow_rule *r = p->rule;
	struct nicpmd_flow_range *rg;

	const uint8_t *fm = mask + f->ioff;
	unsigned int len = f->len;
	uint32_t lo, hi;

	if (all_zero(last + f->ioff, len) ||
	    memcmp(last + f->ioff, spec + f->ioff, len) == 0 ||
	    all_zero(fm, len))
		return 0;	/* no range: rte_flow's rule for last */
	if (len != 1 && len != 2 && len != 4)
		return nicpmd_flow_error(p, ENOTSUP,
			RTE_FLOW_ERROR_TYPE_ITEM_LAST, it,
			"%s item: no range on %s (%u bytes; ranges take 1, "
			"2 or 4)", ii->name, f->name, len);
	lo = be_value(spec + f->ioff, fm, len);
	hi = be_value(last + f->ioff, fm, len);
	if (hi < lo)
		return nicpmd_flow_error(p, EINVAL,
			RTE_FLOW_ERROR_TYPE_ITEM_LAST, it,
			"%s item: %s: last below spec", ii->name, f->name);
	if (r->nb_ranges == NICPMD_FLOW_MAX_RANGES)
		return nicpmd_flow_error(p, ENOTSUP,
			RTE_FLOW_ERROR_TYPE_ITEM_LAST, it,
			"%s item: %s: more than %u ranges in a rule",
			ii->name, f->name, NICPMD_FLOW_MAX_RANGES);
	rg = &r->range[r->nb_ranges++];
	rg->offset = key_off + f->off;
	rg->width = f->len;
	rg->mask = be_value(fm, fm, len);
	rg->min = lo;
	rg->max = hi;
	/* The range decides this field: out of the exact match. */
	memset((uint8_t *)&r->value + rg->offset, 0, f->len);
	memset((uint8_t *)&r->mask + rg->offset, 0, f->len);
	return 0;
}

static int
item_match(struct nicpmd_flow_parse *p, struct walk *w,
	   const struct item_info *ii, const struct rte_flow_item *it)
{
	const uint8_t *spec = it->spec, *last = it->last, *mask;
	uint16_t key_off = ii->key_off;
	uint8_t *val, *msk;
	unsigned int i;
	int ret;

	if (it->type == RTE_FLOW_ITEM_TYPE_VLAN && w->nb_vlan == 2)
		key_off += sizeof(((struct nicpmd_flow_key *)0)->vlan[0]);
	if (spec == NULL) {
		if (it->mask != NULL || last != NULL)
			return nicpmd_flow_error(p, EINVAL,
				RTE_FLOW_ERROR_TYPE_ITEM, it,
				"%s item: mask or last without spec",
				ii->name);
		return 0;	/* the header's presence only */
	}
	mask = it->mask != NULL ? it->mask : ii->def_mask;
	val = (uint8_t *)&p->rule->value + key_off;
	msk = (uint8_t *)&p->rule->mask + key_off;
	for (i = 0; i < ii->nb_fields; i++) {
		const struct item_field *f = &ii->fields[i];
		unsigned int b;

		for (b = 0; b < f->len; b++) {
			msk[f->off + b] = mask[f->ioff + b];
			val[f->off + b] = spec[f->ioff + b] & mask[f->ioff + b];
		}
	}
	ret = item_flags(p, w, ii, it, spec, mask);
	if (ret < 0 || last == NULL)
		return ret;
	for (i = 0; i < ii->nb_fields; i++) {
		ret = item_range(p, ii, it, &ii->fields[i], key_off, spec,
				 last, mask);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int
nicpmd_flow_parse_pattern(struct nicpmd_flow_parse *p,
			  const struct rte_flow_item pattern[])
{
	struct nicpmd_flow_rule *r = p->rule;
	const struct rte_flow_item *it;
	struct walk w = { 0 };
	uint32_t conflict;
	int ret;

	if (pattern == NULL)
		return nicpmd_flow_error(p, EINVAL,
			RTE_FLOW_ERROR_TYPE_ITEM_NUM, NULL, "no pattern");
	for (it = pattern; it->type != RTE_FLOW_ITEM_TYPE_END; it++) {
		const struct item_info *ii;
		uint32_t layer;

		if (it->type == RTE_FLOW_ITEM_TYPE_VOID)
			continue;
		ii = item_find(it->type);
		if (ii == NULL)
			return nicpmd_flow_error(p, ENOTSUP,
				RTE_FLOW_ERROR_TYPE_ITEM, it,
				"item type %d is not matched by the device "
				"(eth, vlan, ipv4, ipv6, tcp, udp, sctp, icmp, "
				"icmp6, arp_eth_ipv4, vxlan)", it->type);
		if (w.prev == L(VXLAN))
			return nicpmd_flow_error(p, ENOTSUP,
				RTE_FLOW_ERROR_TYPE_ITEM, it,
				"%s item after vxlan: the device does not match "
				"inner headers", ii->name);
		layer = ii->layer;
		if (layer == L(VLAN) && ++w.nb_vlan == 2)
			layer = L(QINQ);
		if (w.nb_vlan > 2)
			return nicpmd_flow_error(p, ENOTSUP,
				RTE_FLOW_ERROR_TYPE_ITEM, it,
				"third vlan item: the device parses two tags");
		if (w.prev != 0 && !(ii->after & w.prev))
			return nicpmd_flow_error(p, EINVAL,
				RTE_FLOW_ERROR_TYPE_ITEM, it,
				"%s item cannot follow %s", ii->name,
				layer_name(w.prev));
		ret = item_match(p, &w, ii, it);
		if (ret < 0)
			return ret;
		p->layers |= layer;
		w.prev = layer;
	}
	/* A first vlan item needs a tag, a second one two. */
	conflict = p->layers & w.flag_mask & ~w.flag_value;
	if (conflict)
		return nicpmd_flow_error(p, EINVAL,
			RTE_FLOW_ERROR_TYPE_ITEM, NULL,
			"pattern has a %s item and a flag saying there is "
			"none", layer_name(conflict & -conflict));
	r->mask.layers = p->layers | w.flag_mask;
	r->value.layers = p->layers | (w.flag_value & w.flag_mask);
	return 0;
}

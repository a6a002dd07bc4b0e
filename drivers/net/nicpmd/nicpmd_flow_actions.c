/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * rte_flow attributes and actions -> a device rule's group, priority,
 * fate, mark/flag and header rewrites. Each rewrite action becomes one
 * device rewrite of the header the pattern names; the device fixes the
 * checksums itself.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "nicpmd_ethdev.h"
#include "nicpmd_flow.h"

#define ERR(p, code, type, cause, ...) \
	nicpmd_flow_error(p, code, RTE_FLOW_ERROR_TYPE_##type, cause, \
			  __VA_ARGS__)

/* A header field rewrite actions can change: where it is, how wide. */
struct mod_field {
	uint8_t hdr;		/* NICPMD_FLOW_HDR_* */
	uint8_t offset;
	uint8_t bits;		/* from the first byte's top bit */
	uint32_t layer;		/* the pattern must name it; 0: every frame has it */
	const char *name;
};

static const struct mod_field mac_dst = {
	NICPMD_FLOW_HDR_ETH, 0, 48, 0, "mac_dst" };
static const struct mod_field mac_src = {
	NICPMD_FLOW_HDR_ETH, 6, 48, 0, "mac_src" };
static const struct mod_field ipv4_src = {
	NICPMD_FLOW_HDR_IPV4, 12, 32, NICPMD_FLOW_L_IPV4, "ipv4_src" };
static const struct mod_field ipv4_dst = {
	NICPMD_FLOW_HDR_IPV4, 16, 32, NICPMD_FLOW_L_IPV4, "ipv4_dst" };
static const struct mod_field ipv4_ttl = {
	NICPMD_FLOW_HDR_IPV4, 8, 8, NICPMD_FLOW_L_IPV4, "ipv4_ttl" };
static const struct mod_field ipv6_src = {
	NICPMD_FLOW_HDR_IPV6, 8, 128, NICPMD_FLOW_L_IPV6, "ipv6_src" };
static const struct mod_field ipv6_dst = {
	NICPMD_FLOW_HDR_IPV6, 24, 128, NICPMD_FLOW_L_IPV6, "ipv6_dst" };
static const struct mod_field ipv6_hop = {
	NICPMD_FLOW_HDR_IPV6, 7, 8, NICPMD_FLOW_L_IPV6, "ipv6_hoplimit" };
static const struct mod_field tcp_src = {
	NICPMD_FLOW_HDR_TCP, 0, 16, NICPMD_FLOW_L_TCP, "tcp_port_src" };
static const struct mod_field tcp_dst = {
	NICPMD_FLOW_HDR_TCP, 2, 16, NICPMD_FLOW_L_TCP, "tcp_port_dst" };
static const struct mod_field udp_src = {
	NICPMD_FLOW_HDR_UDP, 0, 16, NICPMD_FLOW_L_UDP, "udp_port_src" };
static const struct mod_field udp_dst = {
	NICPMD_FLOW_HDR_UDP, 2, 16, NICPMD_FLOW_L_UDP, "udp_port_dst" };

/*
 * Rewrite bits [skip, skip + width) of field f (counted from its first
 * byte's top bit) with the same bits of value (laid out as the field).
 */
static int
add_mod(struct nicpmd_flow_parse *p, const struct rte_flow_action *a,
	const struct mod_field *f, uint8_t op, const uint8_t *value,
	unsigned int skip, unsigned int width)
{
	struct nicpmd_flow_rule *r = p->rule;
	struct nicpmd_flow_mod *m;
	unsigned int b;

	if (f->layer != 0 && !(p->layers & f->layer))
		return ERR(p, EINVAL, ACTION, a, "action on %s: the pattern "
			   "has no such header to match first", f->name);
	if (r->nb_mods == NICPMD_FLOW_MAX_MODS)
		return ERR(p, ENOTSUP, ACTION, a, "action on %s: more than %u "
			   "rewrites in a rule", f->name, NICPMD_FLOW_MAX_MODS);
	m = &r->mod[r->nb_mods++];
	m->hdr = f->hdr;
	m->op = op;
	m->offset = f->offset;
	m->len = (f->bits + 7) / 8;
	if (op == NICPMD_FLOW_MOD_DEC)
		return 0;
	for (b = skip; b < skip + width; b++)
		m->mask[b / 8] |= 0x80u >> (b % 8);
	for (b = 0; b < m->len; b++)
		m->value[b] = value[b] & m->mask[b];
	return 0;
}

static int
set_whole(struct nicpmd_flow_parse *p, const struct rte_flow_action *a,
	  const struct mod_field *f, const void *value)
{
	return add_mod(p, a, f, NICPMD_FLOW_MOD_SET, value, 0, f->bits);
}

/* Which of two fields the pattern's headers choose (TTL, L4 ports). */
static const struct mod_field *
pick(const struct nicpmd_flow_parse *p, const struct mod_field *a,
	const struct mod_field *b)
{
	return (p->layers & a->layer) ? a : b;
}

static int
set_dscp(struct nicpmd_flow_parse *p, const struct rte_flow_action *a,
	 bool v6)
{
	const struct rte_flow_action_set_dscp *c = a->conf;
	struct mod_field f = { NICPMD_FLOW_HDR_IPV4, 1, 8, NICPMD_FLOW_L_IPV4,
			       "ipv4_dscp" };
	uint8_t value[2];

	if (c->dscp > 63)
		return ERR(p, EINVAL, ACTION_CONF, a, "dscp %u above 63",
			   c->dscp);
	if (!v6) {		/* TOS: DSCP in the top six bits */
		value[0] = c->dscp << 2;
		return add_mod(p, a, &f, NICPMD_FLOW_MOD_SET, value, 0, 6);
	}
	/* IPv6: version (4 bits), then traffic class, DSCP first. */
	f = (struct mod_field){ NICPMD_FLOW_HDR_IPV6, 0, 16,
				NICPMD_FLOW_L_IPV6, "ipv6_dscp" };
	value[0] = c->dscp >> 2;
	value[1] = (c->dscp & 3) << 6;
	return add_mod(p, a, &f, NICPMD_FLOW_MOD_SET, value, 4, 6);
}

static const struct mod_field *
modify_dst(enum rte_flow_field_id id)
{
	switch (id) {
	case RTE_FLOW_FIELD_MAC_DST: return &mac_dst;
	case RTE_FLOW_FIELD_MAC_SRC: return &mac_src;
	case RTE_FLOW_FIELD_IPV4_TTL: return &ipv4_ttl;
	case RTE_FLOW_FIELD_IPV4_SRC: return &ipv4_src;
	case RTE_FLOW_FIELD_IPV4_DST: return &ipv4_dst;
	case RTE_FLOW_FIELD_IPV6_HOPLIMIT: return &ipv6_hop;
	case RTE_FLOW_FIELD_IPV6_SRC: return &ipv6_src;
	case RTE_FLOW_FIELD_IPV6_DST: return &ipv6_dst;
	case RTE_FLOW_FIELD_TCP_PORT_SRC: return &tcp_src;
	case RTE_FLOW_FIELD_TCP_PORT_DST: return &tcp_dst;
	case RTE_FLOW_FIELD_UDP_PORT_SRC: return &udp_src;
	case RTE_FLOW_FIELD_UDP_PORT_DST: return &udp_dst;
	default:
		return NULL;
	}
}

static int
parse_modify_field(struct nicpmd_flow_parse *p,
		   const struct rte_flow_action *a)
{
	const struct rte_flow_action_modify_field *c = a->conf;
	const struct mod_field *f = modify_dst(c->dst.field);
	const uint8_t *value;

	if (c->operation != RTE_FLOW_MODIFY_SET)
		return ERR(p, ENOTSUP, ACTION_CONF, a, "modify_field: only "
			   "op set (no add, sub)");
	if (f == NULL)
		return ERR(p, ENOTSUP, ACTION_CONF, a, "modify_field: dst field "
			   "%d not rewritable (mac, ipv4/ipv6 addresses, ttl, "
			   "hop limit, tcp/udp ports)", c->dst.field);
	if (c->dst.level > 1)
		return ERR(p, ENOTSUP, ACTION_CONF, a, "modify_field %s: level "
			   "%u: outer headers only", f->name, c->dst.level);
	if (c->src.field == RTE_FLOW_FIELD_VALUE)
		value = c->src.value;
	else if (c->src.field == RTE_FLOW_FIELD_POINTER &&
		 c->src.pvalue != NULL)
		value = c->src.pvalue;
	else
		return ERR(p, ENOTSUP, ACTION_CONF, a, "modify_field %s: src "
			   "must be an immediate value or pointer", f->name);
	if (c->width == 0 || c->dst.offset + c->width > f->bits)
		return ERR(p, EINVAL, ACTION_CONF, a, "modify_field %s: bits "
			   "%u..%u outside its %u bits", f->name,
			   c->dst.offset, c->dst.offset + c->width, f->bits);
	return add_mod(p, a, f, NICPMD_FLOW_MOD_SET, value, c->dst.offset,
		       c->width);
}

#define RSS_ONLY_BITS (RTE_ETH_RSS_L3_SRC_ONLY | RTE_ETH_RSS_L3_DST_ONLY | \
		       RTE_ETH_RSS_L4_SRC_ONLY | RTE_ETH_RSS_L4_DST_ONLY | \
		       RTE_ETH_RSS_L2_SRC_ONLY | RTE_ETH_RSS_L2_DST_ONLY)

/* RTE_ETH_HASH_FUNCTION_* -> NICPMD_FLOW_RSS_*; -1: not offered. */
static int
rss_func(enum rte_eth_hash_function func)
{
	switch (func) {
	case RTE_ETH_HASH_FUNCTION_DEFAULT:
	case RTE_ETH_HASH_FUNCTION_TOEPLITZ:
		return NICPMD_FLOW_RSS_TOEPLITZ;
	case RTE_ETH_HASH_FUNCTION_SIMPLE_XOR:
		return NICPMD_FLOW_RSS_SIMPLE_XOR;
	case RTE_ETH_HASH_FUNCTION_SYMMETRIC_TOEPLITZ:
		return NICPMD_FLOW_RSS_SYM_TOEPLITZ;
	default:
		return NICPMD_COMPAT_HASH_SORT(func, NICPMD_FLOW_RSS_SORT_TOEPLITZ);
	}
}

static int
action_rss(struct nicpmd_flow_parse *p, struct rte_eth_dev *dev,
	   const struct rte_flow_action *a)
{
	const struct rte_flow_action_rss *c = a->conf;
	struct nicpmd_flow_rss *rss = &p->rule->rss;
	uint64_t offloads = nicpmd_rss_offloads(&NICPMD_ADAPTER(dev)->hw);
	int func = rss_func(c->func);
	unsigned int i;

	if (func < 0)
		return ERR(p, ENOTSUP, ACTION_CONF, a, "rss: hash function %d "
			   "(default, toeplitz, simple_xor, symmetric_toeplitz"
			   "%s)", c->func, NICPMD_COMPAT_HASH_SORT_NAME);
	if (c->level > 1)
		return ERR(p, ENOTSUP, ACTION_CONF, a, "rss: level %u: the "
			   "device hashes outer headers only", c->level);
	if (offloads == 0)
		return ERR(p, ENOTSUP, ACTION, a, "rss: the device has no RSS");
	/*
	 * Types the device cannot hash are ignored as rte_flow says of
	 * types that do not apply, as long as one of them is hashed; the
	 * _ONLY modifiers and inner levels would change what a hashed type
	 * means, so they are refused.
	 */
	if (c->types & (RSS_ONLY_BITS | RTE_ETH_RSS_LEVEL_MASK))
		return ERR(p, ENOTSUP, ACTION_CONF, a, "rss: types 0x%" PRIx64
			   ": no source/destination-only or inner hashing",
			   c->types & (RSS_ONLY_BITS | RTE_ETH_RSS_LEVEL_MASK));
	if (c->types != 0 && !(c->types & offloads))
		return ERR(p, ENOTSUP, ACTION_CONF, a, "rss: types 0x%" PRIx64
			   ": none hashed (the device offers 0x%" PRIx64 ")",
			   c->types, offloads);
	if (c->key_len != 0 && (c->key_len != NICPMD_RSS_KEY_LEN ||
				c->key == NULL))
		return ERR(p, EINVAL, ACTION_CONF, a, "rss: key of %u bytes, "
			   "the device takes %u", c->key_len,
			   NICPMD_RSS_KEY_LEN);
	if (c->queue_num > NICPMD_RSS_RETA_SIZE)
		return ERR(p, ENOTSUP, ACTION_CONF, a, "rss: %u queues, at "
			   "most %u", c->queue_num, NICPMD_RSS_RETA_SIZE);
	for (i = 0; i < c->queue_num; i++)
		if (c->queue[i] >= p->nb_rxq)
			return ERR(p, EINVAL, ACTION_CONF, a, "rss: queue %u: "
				   "the port has %u Rx queues", c->queue[i],
				   p->nb_rxq);
	rss->func = func;
	rss->types = nicpmd_rss_dev_types(c->types & offloads);
	if (c->key_len != 0) {
		rss->flags |= NICPMD_FLOW_RSS_OWN_KEY;
		memcpy(rss->key, c->key, NICPMD_RSS_KEY_LEN);
	}
	/* The rule's queues spread over a table of its own. */
	if (c->queue_num != 0) {
		rss->flags |= NICPMD_FLOW_RSS_OWN_RETA;
		for (i = 0; i < NICPMD_RSS_RETA_SIZE; i++)
			rss->reta[i] = c->queue[i % c->queue_num];
	}
	return 0;
}

static int
set_fate(struct nicpmd_flow_parse *p, const struct rte_flow_action *a,
	 uint8_t fate, bool *have)
{
	if (*have)
		return ERR(p, EINVAL, ACTION, a, "a second fate action (queue, "
			   "drop, rss, jump, passthru): one per rule");
	*have = true;
	p->rule->fate = fate;
	return 0;
}

int
nicpmd_flow_parse_attr(struct nicpmd_flow_parse *p,
		       const struct rte_flow_attr *attr)
{
	if (attr == NULL)
		return ERR(p, EINVAL, ATTR, NULL, "no attributes");
	if (attr->transfer)
		return ERR(p, ENOTSUP, ATTR_TRANSFER, attr,
			   "transfer: the device has no switch");
	if (attr->egress)
		return ERR(p, ENOTSUP, ATTR_EGRESS, attr,
			   "egress: the table is on the Rx side");
	if (!attr->ingress)
		return ERR(p, EINVAL, ATTR_INGRESS, attr, "ingress is required");
	if (attr->group >= NICPMD_FLOW_MAX_GROUPS)
		return ERR(p, ENOTSUP, ATTR_GROUP, attr, "group %u: the device "
			   "has groups 0 to %u", attr->group,
			   NICPMD_FLOW_MAX_GROUPS - 1);
	if (attr->priority > NICPMD_FLOW_MAX_PRIORITY)
		return ERR(p, ENOTSUP, ATTR_PRIORITY, attr, "priority %u: the "
			   "device has 0 to %u", attr->priority,
			   NICPMD_FLOW_MAX_PRIORITY);
	p->rule->group = attr->group;
	p->rule->priority = attr->priority;
	return 0;
}

static int
one_action(struct nicpmd_flow_parse *p, struct rte_eth_dev *dev,
	   const struct rte_flow_attr *attr, const struct rte_flow_action *a,
	   bool *fate)
{
	struct nicpmd_flow_rule *r = p->rule;
	const void *c = a->conf;

	switch (a->type) {
	case RTE_FLOW_ACTION_TYPE_QUEUE: {
		uint16_t q = ((const struct rte_flow_action_queue *)c)->index;

		if (q >= p->nb_rxq)
			return ERR(p, EINVAL, ACTION_CONF, a, "queue %u: the port "
				   "has %u Rx queues", q, p->nb_rxq);
		r->queue = q;
		return set_fate(p, a, NICPMD_FLOW_FATE_QUEUE, fate);
	}
	case RTE_FLOW_ACTION_TYPE_DROP:
		return set_fate(p, a, NICPMD_FLOW_FATE_DROP, fate);
	case RTE_FLOW_ACTION_TYPE_PASSTHRU:
		return set_fate(p, a, NICPMD_FLOW_FATE_PASSTHRU, fate);
	case RTE_FLOW_ACTION_TYPE_JUMP: {
		uint32_t g = ((const struct rte_flow_action_jump *)c)->group;

		if (g <= attr->group || g >= NICPMD_FLOW_MAX_GROUPS)
			return ERR(p, ENOTSUP, ACTION_CONF, a, "jump to group %u "
				   "from %u: the device jumps to a higher group, "
				   "up to %u", g, attr->group,
				   NICPMD_FLOW_MAX_GROUPS - 1);
		r->jump = g;
		return set_fate(p, a, NICPMD_FLOW_FATE_JUMP, fate);
	}
	case RTE_FLOW_ACTION_TYPE_RSS: {
		int ret = action_rss(p, dev, a);

		if (ret < 0)
			return ret;
		return set_fate(p, a, NICPMD_FLOW_FATE_RSS, fate);
	}
	case RTE_FLOW_ACTION_TYPE_MARK:
		r->flags |= NICPMD_FLOW_F_MARK;
		r->mark = ((const struct rte_flow_action_mark *)c)->id;
		return 0;
	case RTE_FLOW_ACTION_TYPE_FLAG:
		r->flags |= NICPMD_FLOW_F_FLAG;
		return 0;
	case RTE_FLOW_ACTION_TYPE_COUNT:
		p->count = true;
		return 0;
	case RTE_FLOW_ACTION_TYPE_SET_MAC_SRC:
		return set_whole(p, a, &mac_src,
			((const struct rte_flow_action_set_mac *)c)->mac_addr);
	case RTE_FLOW_ACTION_TYPE_SET_MAC_DST:
		return set_whole(p, a, &mac_dst,
			((const struct rte_flow_action_set_mac *)c)->mac_addr);
	case RTE_FLOW_ACTION_TYPE_SET_IPV4_SRC:
		return set_whole(p, a, &ipv4_src,
			&((const struct rte_flow_action_set_ipv4 *)c)->ipv4_addr);
	case RTE_FLOW_ACTION_TYPE_SET_IPV4_DST:
		return set_whole(p, a, &ipv4_dst,
			&((const struct rte_flow_action_set_ipv4 *)c)->ipv4_addr);
	case RTE_FLOW_ACTION_TYPE_SET_IPV6_SRC:
		return set_whole(p, a, &ipv6_src,
			&((const struct rte_flow_action_set_ipv6 *)c)->ipv6_addr);
	case RTE_FLOW_ACTION_TYPE_SET_IPV6_DST:
		return set_whole(p, a, &ipv6_dst,
			&((const struct rte_flow_action_set_ipv6 *)c)->ipv6_addr);
	case RTE_FLOW_ACTION_TYPE_SET_TP_SRC:
		return set_whole(p, a, pick(p, &tcp_src, &udp_src),
			&((const struct rte_flow_action_set_tp *)c)->port);
	case RTE_FLOW_ACTION_TYPE_SET_TP_DST:
		return set_whole(p, a, pick(p, &tcp_dst, &udp_dst),
			&((const struct rte_flow_action_set_tp *)c)->port);
	case RTE_FLOW_ACTION_TYPE_SET_TTL:
		return set_whole(p, a, pick(p, &ipv4_ttl, &ipv6_hop),
			&((const struct rte_flow_action_set_ttl *)c)->ttl_value);
	case RTE_FLOW_ACTION_TYPE_DEC_TTL:
		return add_mod(p, a, pick(p, &ipv4_ttl, &ipv6_hop),
			       NICPMD_FLOW_MOD_DEC, NULL, 0, 0);
	case RTE_FLOW_ACTION_TYPE_SET_IPV4_DSCP:
		return set_dscp(p, a, false);
	case RTE_FLOW_ACTION_TYPE_SET_IPV6_DSCP:
		return set_dscp(p, a, true);
	case RTE_FLOW_ACTION_TYPE_MODIFY_FIELD:
		return parse_modify_field(p, a);
	default:
		return ERR(p, ENOTSUP, ACTION, a, "action type %d is not done by "
			   "the device", a->type);
	}
}

int
nicpmd_flow_parse_actions(struct nicpmd_flow_parse *p,
			  const struct rte_flow_attr *attr,
			  const struct rte_flow_action actions[])
{
	struct rte_eth_dev *dev = &rte_eth_devices[p->port_id];
	const struct rte_flow_action *a;
	unsigned int n = 0;
	bool fate = false;
	int ret;

	if (actions == NULL)
		return ERR(p, EINVAL, ACTION_NUM, NULL, "no actions");
	for (a = actions; a->type != RTE_FLOW_ACTION_TYPE_END; a++) {
		if (a->type == RTE_FLOW_ACTION_TYPE_VOID)
			continue;
		if (a->conf == NULL && a->type != RTE_FLOW_ACTION_TYPE_DROP &&
		    a->type != RTE_FLOW_ACTION_TYPE_PASSTHRU &&
		    a->type != RTE_FLOW_ACTION_TYPE_FLAG &&
		    a->type != RTE_FLOW_ACTION_TYPE_COUNT &&
		    a->type != RTE_FLOW_ACTION_TYPE_DEC_TTL)
			return ERR(p, EINVAL, ACTION_CONF, a, "action type %d "
				   "needs a configuration", a->type);
		ret = one_action(p, dev, attr, a, &fate);
		if (ret < 0)
			return ret;
		n++;
	}
	if (n == 0)
		return ERR(p, EINVAL, ACTION_NUM, actions, "no actions");
	/* Without a fate the port steers matching frames (FATE_DEFAULT). */
	if ((p->rule->flags & NICPMD_FLOW_F_MARK) &&
	    p->rule->fate == NICPMD_FLOW_FATE_RSS)
		return ERR(p, ENOTSUP, ACTION, actions, "mark with rss: the Rx "
			   "write-back carries the mark or the hash, not both");
	return 0;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * rte_flow through the public API: refusals (errno, error type and a
 * message naming the culprit), the table's size, rules kept across stop,
 * start and reset, isolation, and what rules do to frames (queue, drop,
 * mark, flag, counters, header rewrites with valid checksums, RSS with
 * the rule's own key and queues against rte_softrss()).
 *
 * One port on wire=loop with four Rx queues: what it sends comes back to
 * it, through its own rules.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_flow.h>
#include <rte_ip.h>
#include <rte_thash.h>
#include <rte_udp.h>

#include "test_common.h"

#define NB_RXQ		4
#define FRAME_LEN	96

static const struct rte_flow_attr ingress = { .ingress = 1 };

static int
flow_port(uint16_t *port, struct rte_ether_addr *mac, struct rte_mempool **mp)
{
	struct tu_port_conf c;
	struct rte_eth_link link;
	int ret;

	*mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	if (*mp == NULL)
		return -ENOMEM;
	ret = tu_port("a", "wire=loop,queues=4", port);
	if (ret != 0)
		return ret;
	tu_port_conf_default(&c);
	c.nb_rxq = NB_RXQ;
	ret = tu_port_start(*port, *mp, &c);
	if (ret == 0)
		ret = rte_eth_macaddr_get(*port, mac);
	if (ret == 0)
		ret = tu_wait_link(*port, 1, &link);
	return ret;
}

/* ---- refusals ---------------------------------------------------------- */

/* One bad rule: what it is and how it must be refused. */
struct bad_rule {
	const char *what;
	const struct rte_flow_attr *attr;
	const struct rte_flow_item *pattern;
	const struct rte_flow_action *actions;
	int err;				/* positive errno */
	enum rte_flow_error_type type;
	const char *msg;			/* in error.message */
};

#define ITEM(t, ...) { .type = RTE_FLOW_ITEM_TYPE_##t, __VA_ARGS__ }
#define END_ITEM { .type = RTE_FLOW_ITEM_TYPE_END }
#define ACTION(t, c) { .type = RTE_FLOW_ACTION_TYPE_##t, .conf = c }
#define END_ACTION { .type = RTE_FLOW_ACTION_TYPE_END }

static int
check_refused(uint16_t port, const struct bad_rule *b)
{
	struct rte_flow_error error;
	struct rte_flow *f;
	int ret;

	test_step(b->what);
	memset(&error, 0, sizeof(error));
	ret = rte_flow_validate(port, b->attr, b->pattern, b->actions, &error);
	CHECK(ret == -b->err, "%s: validate returned %d, want %d (%s)",
	      b->what, ret, -b->err, error.message ? error.message : "-");
	CHECK(error.type == b->type, "%s: error type %d, want %d (%s)",
	      b->what, error.type, b->type, error.message);
	CHECK(error.message != NULL && strstr(error.message, b->msg) != NULL,
	      "%s: message '%s' does not name '%s'", b->what,
	      error.message ? error.message : "(none)", b->msg);
	memset(&error, 0, sizeof(error));
	f = rte_flow_create(port, b->attr, b->pattern, b->actions, &error);
	CHECK(f == NULL && rte_errno == b->err && error.type == b->type,
	      "%s: create gave %p, rte_errno %d, type %d", b->what,
	      (void *)f, rte_errno, error.type);
	return TEST_PASS;
}

static int
test_refusals(const void *arg __rte_unused)
{
	static const struct rte_flow_attr egress = { .egress = 1 };
	static const struct rte_flow_attr transfer = { .transfer = 1 };
	static const struct rte_flow_attr none = { .priority = 0 };
	static const struct rte_flow_attr group16 = { .ingress = 1,
						      .group = 16 };
	static const struct rte_flow_attr prio = { .ingress = 1,
						   .priority = 0x10000 };
	static const struct rte_flow_item_tcp tcp_s = {
		.hdr.src_port = RTE_BE16(300) };
	static const struct rte_flow_item_tcp tcp_l = {
		.hdr.src_port = RTE_BE16(200) };
	static const struct rte_flow_item_eth eth_s = {
		.hdr.dst_addr.addr_bytes = { 2, 0, 0, 0, 0, 1 } };
	static const struct rte_flow_item_eth eth_l = {
		.hdr.dst_addr.addr_bytes = { 2, 0, 0, 0, 0, 9 } };
	static const struct rte_flow_item_eth no_vlan = { .has_vlan = 0 };
	static const struct rte_flow_item_eth has_vlan_m = { .has_vlan = 1 };
	static const struct rte_flow_item_eth eth_rsvd_m = { .reserved = 1 };
	static const struct rte_flow_item_ipv6 esp_m = { .has_esp_ext = 1 };
	static const struct rte_flow_item_ipv6 ipv6_s = { .hdr.proto = 0 };
	static const struct rte_flow_item_ipv4 ip_m = {
		.hdr.dst_addr = RTE_BE32(0xffffffff) };
	static const struct rte_flow_item_udp udp_s = {
		.hdr.src_port = RTE_BE16(1), .hdr.dst_port = RTE_BE16(1),
		.hdr.dgram_len = RTE_BE16(1), .hdr.dgram_cksum = RTE_BE16(1) };
	static const struct rte_flow_item_udp udp_l = {
		.hdr.src_port = RTE_BE16(9), .hdr.dst_port = RTE_BE16(9),
		.hdr.dgram_len = RTE_BE16(9), .hdr.dgram_cksum = RTE_BE16(9) };
	static const struct rte_flow_item_ipv4 ip_s = {
		.hdr.packet_id = RTE_BE16(1) };
	static const struct rte_flow_item_ipv4 ip_l = {
		.hdr.packet_id = RTE_BE16(2) };
	static const struct rte_flow_item_ipv4 ip_pm = {
		.hdr.packet_id = RTE_BE16(0xffff) };
	static const struct rte_flow_item_udp udp_fm = {
		.hdr.src_port = RTE_BE16(0xffff), .hdr.dst_port = RTE_BE16(0xffff),
		.hdr.dgram_len = RTE_BE16(0xffff),
		.hdr.dgram_cksum = RTE_BE16(0xffff) };
	static const struct rte_flow_action_queue q0 = { .index = 0 };
	static const struct rte_flow_action_queue q4 = { .index = 4 };
	static const struct rte_flow_action_jump j0 = { .group = 0 };
	static const struct rte_flow_action_mark mark = { .id = 7 };
	static const uint8_t key52[52];
	static const uint16_t rq[] = { 1, 7 };
	static const struct rte_flow_action_rss rss = { .types = 0 };
	static const struct rte_flow_action_rss rss_key = {
		.key_len = 52, .key = key52 };
	static const struct rte_flow_action_rss rss_level = { .level = 2 };
	static const struct rte_flow_action_rss rss_only = {
		.types = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_L3_SRC_ONLY };
	static const struct rte_flow_action_rss rss_q = {
		.queue_num = 2, .queue = rq };
	static const struct rte_flow_action_set_ipv4 sip = {
		.ipv4_addr = RTE_BE32(0x0a000001) };
	static const struct rte_flow_action_modify_field mf_add = {
		.operation = RTE_FLOW_MODIFY_ADD,
		.dst = { .field = RTE_FLOW_FIELD_IPV4_TTL },
		.src = { .field = RTE_FLOW_FIELD_VALUE }, .width = 8 };
	static const struct rte_flow_action_modify_field mf_vni = {
		.operation = RTE_FLOW_MODIFY_SET,
		.dst = { .field = RTE_FLOW_FIELD_VXLAN_VNI },
		.src = { .field = RTE_FLOW_FIELD_VALUE }, .width = 24 };
	static const struct rte_flow_action_modify_field mf_wide = {
		.operation = RTE_FLOW_MODIFY_SET,
		.dst = { .field = RTE_FLOW_FIELD_IPV4_TTL, .offset = 4 },
		.src = { .field = RTE_FLOW_FIELD_VALUE }, .width = 8 };

	static const struct rte_flow_item p_eth[] = { ITEM(ETH), END_ITEM };
	static const struct rte_flow_item p_ipv4[] = {
		ITEM(ETH), ITEM(IPV4), END_ITEM };
	static const struct rte_flow_item p_gre[] = {
		ITEM(ETH), ITEM(IPV4), ITEM(GRE), END_ITEM };
	static const struct rte_flow_item p_eth_udp[] = {
		ITEM(ETH), ITEM(UDP), END_ITEM };
	static const struct rte_flow_item p_inner[] = {
		ITEM(ETH), ITEM(IPV4), ITEM(UDP), ITEM(VXLAN), ITEM(ETH),
		END_ITEM };
	static const struct rte_flow_item p_3vlan[] = {
		ITEM(ETH), ITEM(VLAN), ITEM(VLAN), ITEM(VLAN), END_ITEM };
	static const struct rte_flow_item p_mask_only[] = {
		ITEM(ETH), ITEM(IPV4, .mask = &ip_m), END_ITEM };
	static const struct rte_flow_item p_last_low[] = {
		ITEM(ETH), ITEM(IPV4),
		ITEM(TCP, .spec = &tcp_s, .last = &tcp_l), END_ITEM };
	static const struct rte_flow_item p_mac_range[] = {
		ITEM(ETH, .spec = &eth_s, .last = &eth_l), END_ITEM };
	static const struct rte_flow_item p_5ranges[] = {
		ITEM(ETH), ITEM(IPV4, .spec = &ip_s, .last = &ip_l, .mask = &ip_pm),
		ITEM(UDP, .spec = &udp_s, .last = &udp_l, .mask = &udp_fm),
		END_ITEM };
	static const struct rte_flow_item p_esp[] = {
		ITEM(ETH), ITEM(IPV6, .spec = &ipv6_s, .mask = &esp_m), END_ITEM };
	static const struct rte_flow_item p_rsvd[] = {
		ITEM(ETH, .spec = &no_vlan, .mask = &eth_rsvd_m), END_ITEM };
	static const struct rte_flow_item p_vlan_conflict[] = {
		ITEM(ETH, .spec = &no_vlan, .mask = &has_vlan_m), ITEM(VLAN),
		END_ITEM };

	static const struct rte_flow_action a_q0[] = {
		ACTION(QUEUE, &q0), END_ACTION };
	static const struct rte_flow_action a_q4[] = {
		ACTION(QUEUE, &q4), END_ACTION };
	static const struct rte_flow_action a_two[] = {
		ACTION(QUEUE, &q0), ACTION(DROP, NULL), END_ACTION };
	static const struct rte_flow_action a_jump0[] = {
		ACTION(JUMP, &j0), END_ACTION };
	static const struct rte_flow_action a_meter[] = {
		ACTION(PORT_ID, &q0), END_ACTION };
	static const struct rte_flow_action a_mark_rss[] = {
		ACTION(MARK, &mark), ACTION(RSS, &rss), END_ACTION };
	static const struct rte_flow_action a_rss_key[] = {
		ACTION(RSS, &rss_key), END_ACTION };
	static const struct rte_flow_action a_rss_level[] = {
		ACTION(RSS, &rss_level), END_ACTION };
	static const struct rte_flow_action a_rss_only[] = {
		ACTION(RSS, &rss_only), END_ACTION };
	static const struct rte_flow_action a_rss_q[] = {
		ACTION(RSS, &rss_q), END_ACTION };
	static const struct rte_flow_action a_sip[] = {
		ACTION(SET_IPV4_DST, &sip), ACTION(QUEUE, &q0), END_ACTION };
	static const struct rte_flow_action a_mf_add[] = {
		ACTION(MODIFY_FIELD, &mf_add), END_ACTION };
	static const struct rte_flow_action a_mf_vni[] = {
		ACTION(MODIFY_FIELD, &mf_vni), END_ACTION };
	static const struct rte_flow_action a_mf_wide[] = {
		ACTION(MODIFY_FIELD, &mf_wide), END_ACTION };
	static const struct rte_flow_action a_9mods[] = {
		ACTION(SET_IPV4_SRC, &sip), ACTION(SET_IPV4_SRC, &sip),
		ACTION(SET_IPV4_SRC, &sip), ACTION(SET_IPV4_SRC, &sip),
		ACTION(SET_IPV4_SRC, &sip), ACTION(SET_IPV4_SRC, &sip),
		ACTION(SET_IPV4_SRC, &sip), ACTION(SET_IPV4_SRC, &sip),
		ACTION(SET_IPV4_SRC, &sip), END_ACTION };
	static const struct rte_flow_action a_none[] = { END_ACTION };

#define T(e) RTE_FLOW_ERROR_TYPE_##e
	static const struct bad_rule bad[] = {
		{ "egress", &egress, p_eth, a_q0, ENOTSUP, T(ATTR_EGRESS),
		  "egress" },
		{ "transfer", &transfer, p_eth, a_q0, ENOTSUP, T(ATTR_TRANSFER),
		  "transfer" },
		{ "no direction", &none, p_eth, a_q0, EINVAL, T(ATTR_INGRESS),
		  "ingress" },
		{ "group 16", &group16, p_eth, a_q0, ENOTSUP, T(ATTR_GROUP),
		  "group 16" },
		{ "priority", &prio, p_eth, a_q0, ENOTSUP, T(ATTR_PRIORITY),
		  "priority 65536" },
		{ "gre item", &ingress, p_gre, a_q0, ENOTSUP, T(ITEM),
		  "item type" },
		{ "udp after eth", &ingress, p_eth_udp, a_q0, EINVAL, T(ITEM),
		  "udp item cannot follow eth" },
		{ "inner eth", &ingress, p_inner, a_q0, ENOTSUP, T(ITEM),
		  "eth item after vxlan" },
		{ "three tags", &ingress, p_3vlan, a_q0, ENOTSUP, T(ITEM),
		  "third vlan" },
		{ "mask without spec", &ingress, p_mask_only, a_q0, EINVAL,
		  T(ITEM), "ipv4 item: mask or last without spec" },
		{ "last below spec", &ingress, p_last_low, a_q0, EINVAL,
		  T(ITEM_LAST), "tcp item: src_port: last below spec" },
		{ "mac range", &ingress, p_mac_range, a_q0, ENOTSUP,
		  T(ITEM_LAST), "no range on dst" },
		{ "five ranges", &ingress, p_5ranges, a_q0, ENOTSUP,
		  T(ITEM_LAST), "more than 4 ranges" },
		{ "ipv6 esp flag", &ingress, p_esp, a_q0, ENOTSUP,
		  T(ITEM_MASK), "ipv6 item: only has_hop_ext" },
		{ "eth reserved", &ingress, p_rsvd, a_q0, ENOTSUP, T(ITEM_MASK),
		  "eth item: mask on reserved bits" },
		{ "has_vlan 0 with vlan", &ingress, p_vlan_conflict, a_q0,
		  EINVAL, T(ITEM), "vlan item and a flag" },
		{ "queue 4", &ingress, p_eth, a_q4, EINVAL, T(ACTION_CONF),
		  "queue 4: the port has 4 Rx queues" },
		{ "two fates", &ingress, p_eth, a_two, EINVAL, T(ACTION),
		  "second fate" },
		{ "jump back", &ingress, p_eth, a_jump0, ENOTSUP,
		  T(ACTION_CONF), "jump to group 0 from 0" },
		{ "port_id action", &ingress, p_eth, a_meter, ENOTSUP,
		  T(ACTION), "action type" },
		{ "mark with rss", &ingress, p_eth, a_mark_rss, ENOTSUP,
		  T(ACTION), "mark with rss" },
		{ "rss key 52", &ingress, p_eth, a_rss_key, EINVAL,
		  T(ACTION_CONF), "key of 52 bytes" },
		{ "rss level 2", &ingress, p_eth, a_rss_level, ENOTSUP,
		  T(ACTION_CONF), "level 2" },
		{ "rss src only", &ingress, p_eth, a_rss_only, ENOTSUP,
		  T(ACTION_CONF), "source/destination-only" },
		{ "rss queue 7", &ingress, p_eth, a_rss_q, EINVAL,
		  T(ACTION_CONF), "rss: queue 7" },
		{ "set_ipv4_dst, no ipv4", &ingress, p_eth, a_sip, EINVAL,
		  T(ACTION), "action on ipv4_dst: the pattern has no such" },
		{ "modify add", &ingress, p_ipv4, a_mf_add, ENOTSUP,
		  T(ACTION_CONF), "only op set" },
		{ "modify vni", &ingress, p_ipv4, a_mf_vni, ENOTSUP,
		  T(ACTION_CONF), "not rewritable" },
		{ "modify too wide", &ingress, p_ipv4, a_mf_wide, EINVAL,
		  T(ACTION_CONF), "ipv4_ttl: bits 4..12 outside its 8 bits" },
		{ "nine rewrites", &ingress, p_ipv4, a_9mods, ENOTSUP,
		  T(ACTION), "more than 8 rewrites" },
		{ "no action", &ingress, p_eth, a_none, EINVAL, T(ACTION_NUM),
		  "no actions" },
	};
#undef T
	struct rte_ether_addr mac;
	struct rte_mempool *mp;
	unsigned int i;
	uint16_t port;
	int ret;

	ret = flow_port(&port, &mac, &mp);
	CHECK(ret == 0, "port setup: %s", rte_strerror(-ret));
	for (i = 0; i < RTE_DIM(bad); i++) {
		ret = check_refused(port, &bad[i]);
		if (ret != TEST_PASS)
			return ret;
	}
	/* What was refused left nothing behind: the first slot is free. */
	CHECK(rte_flow_validate(port, &ingress, p_eth, a_q0, NULL) == 0,
	      "a plain rule no longer validates");
	return TEST_PASS;
}

/* ---- the table's size ----------------------------------------------------- */

static struct rte_flow *
eth_dst_rule(uint16_t port, uint32_t n, struct rte_flow_error *error)
{
	struct rte_flow_item_eth spec = {
		.hdr.dst_addr.addr_bytes = { 2, 0xee, 0, 0, n >> 8, n & 0xff },
	};
	const struct rte_flow_item pattern[] = {
		ITEM(ETH, .spec = &spec, .mask = &rte_flow_item_eth_mask),
		END_ITEM };
	static const struct rte_flow_action_queue q1 = { .index = 1 };
	static const struct rte_flow_action actions[] = {
		ACTION(QUEUE, &q1), END_ACTION };

	return rte_flow_create(port, &ingress, pattern, actions, error);
}

static int
test_table_full(const void *arg __rte_unused)
{
	static struct rte_flow *flows[256];
	struct rte_flow_error error;
	struct rte_ether_addr mac;
	struct rte_mempool *mp;
	unsigned int i;
	uint16_t port;
	int ret;

	ret = flow_port(&port, &mac, &mp);
	CHECK(ret == 0, "port setup: %s", rte_strerror(-ret));
	for (i = 0; i < RTE_DIM(flows); i++) {
		flows[i] = eth_dst_rule(port, i, &error);
		CHECK(flows[i] != NULL, "rule %u of 256: %s", i,
		      error.message ? error.message : "-");
	}
	memset(&error, 0, sizeof(error));
	CHECK(eth_dst_rule(port, 999, &error) == NULL && rte_errno == ENOSPC &&
	      error.message != NULL && strstr(error.message, "table full"),
	      "rule 257 not refused as table full (rte_errno %d, %s)",
	      rte_errno, error.message ? error.message : "-");
	CHECK(rte_flow_destroy(port, flows[100], &error) == 0, "destroy");
	flows[100] = eth_dst_rule(port, 1000, &error);
	CHECK(flows[100] != NULL, "no room after a destroy: %s",
	      error.message ? error.message : "-");
	CHECK(rte_flow_flush(port, &error) == 0, "flush");
	for (i = 0; i < RTE_DIM(flows); i++) {
		flows[i] = eth_dst_rule(port, i, &error);
		CHECK(flows[i] != NULL, "after flush, rule %u: %s", i,
		      error.message ? error.message : "-");
	}
	return TEST_PASS;
}

/* ---- frames ----------------------------------------------------------------- */

static const struct rte_ether_addr dst1 = { { 2, 0xee, 0, 0, 0, 1 } };
static const struct rte_ether_addr dst2 = { { 2, 0xee, 0, 0, 0, 2 } };
static const struct rte_ether_addr dst3 = { { 2, 0xee, 0, 0, 0, 3 } };

/* An IPv4/UDP frame of len bytes with valid checksums. */
static struct rte_mbuf *
udp4(struct rte_mempool *mp, const struct rte_ether_addr *dst,
     const struct rte_ether_addr *src, uint32_t sip, uint32_t dip,
     uint16_t sport, uint16_t dport, uint8_t ttl, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *udp;
	uint16_t i;

	if (m == NULL || rte_pktmbuf_append(m, len) == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	rte_ether_addr_copy(dst, &eth->dst_addr);
	rte_ether_addr_copy(src, &eth->src_addr);
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16(len - sizeof(*eth));
	ip->time_to_live = ttl;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(sip);
	ip->dst_addr = rte_cpu_to_be_32(dip);
	udp = (struct rte_udp_hdr *)(ip + 1);
	udp->src_port = rte_cpu_to_be_16(sport);
	udp->dst_port = rte_cpu_to_be_16(dport);
	udp->dgram_len = rte_cpu_to_be_16(len - sizeof(*eth) - sizeof(*ip));
	udp->dgram_cksum = 0;
	for (i = sizeof(*eth) + sizeof(*ip) + sizeof(*udp); i < len; i++)
		rte_pktmbuf_mtod(m, uint8_t *)[i] = (uint8_t)(i * 7);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp->dgram_cksum = rte_ipv4_udptcp_cksum(ip, udp);
	return m;
}

/* An Ethernet/IPv4 ARP packet with opcode op. */
static struct rte_mbuf *
arp(struct rte_mempool *mp, const struct rte_ether_addr *src, uint16_t op)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;

	if (m == NULL || (p = (uint8_t *)rte_pktmbuf_append(m, 60)) == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 60);
	memset(p, 0xff, 6);
	memcpy(p + 6, src->addr_bytes, 6);
	p[12] = 0x08;
	p[13] = 0x06;
	p[15] = 1;		/* Ethernet */
	p[16] = 0x08;		/* IPv4 */
	p[18] = 6;
	p[19] = 4;
	p[21] = op;
	return m;
}

/* Send n frames, then read what comes back on every queue: per queue. */
static int
exchange(uint16_t port, struct rte_mbuf **tx, uint16_t n,
	 struct rte_mbuf *rx[NB_RXQ][64], uint16_t nb[NB_RXQ], uint16_t want)
{
	uint16_t q, total = 0;
	unsigned int iter;

	CHECK(tu_tx(port, 0, tx, n) == n, "send of %u frames", n);
	memset(nb, 0, sizeof(uint16_t) * NB_RXQ);
	for (iter = 0; iter < TU_POLL_ITERS && total < want; iter++) {
		for (q = 0; q < NB_RXQ; q++) {
			uint16_t k = rte_eth_rx_burst(port, q, rx[q] + nb[q],
						      64 - nb[q]);

			nb[q] += k;
			total += k;
		}
		if (total < want)
			rte_delay_us_sleep(TU_POLL_US);
	}
	/* Anything more would be a frame too many: give it the time. */
	rte_delay_us_sleep(20000);
	for (q = 0; q < NB_RXQ; q++)
		nb[q] += rte_eth_rx_burst(port, q, rx[q] + nb[q], 64 - nb[q]);
	return TEST_PASS;
}

static void
free_rx(struct rte_mbuf *rx[NB_RXQ][64], const uint16_t nb[NB_RXQ])
{
	uint16_t q;

	for (q = 0; q < NB_RXQ; q++)
		tu_free(rx[q], nb[q]);
}

static int
xstat(uint16_t port, const char *name, uint64_t *value)
{
	uint64_t id;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) != 0)
		return -ENOENT;
	return rte_eth_xstats_get_by_id(port, &id, value, 1) == 1 ? 0 : -EIO;
}

static struct rte_flow *
dst_rule(uint16_t port, const struct rte_ether_addr *dst,
	 const struct rte_flow_action *actions)
{
	static const struct rte_flow_item_eth mask = {
		.hdr.dst_addr.addr_bytes = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
	struct rte_flow_item_eth spec = { .hdr.dst_addr = *dst };
	const struct rte_flow_item pattern[] = {
		ITEM(ETH, .spec = &spec, .mask = &mask), END_ITEM };
	struct rte_flow_error error;
	struct rte_flow *f;

	f = rte_flow_create(port, &ingress, pattern, actions, &error);
	if (f == NULL)
		printf("rule refused: %s\n", error.message ? error.message : "-");
	return f;
}

/* ---- what rules do ------------------------------------------------------- */

static int
test_mark_flag_drop_count(const void *arg __rte_unused)
{
	static const struct rte_flow_action_queue q1 = { .index = 1 };
	static const struct rte_flow_action_queue q2 = { .index = 2 };
	static const struct rte_flow_action_queue q3 = { .index = 3 };
	static const struct rte_flow_action_mark mark = { .id = 0x123456 };
	static const struct rte_flow_action_count count = { .id = 0 };
	static const struct rte_flow_action a_mark[] = {
		ACTION(COUNT, &count), ACTION(MARK, &mark), ACTION(QUEUE, &q2),
		END_ACTION };
	static const struct rte_flow_action a_flag[] = {
		ACTION(FLAG, NULL), ACTION(QUEUE, &q3), END_ACTION };
	static const struct rte_flow_action a_drop[] = {
		ACTION(COUNT, &count), ACTION(DROP, NULL), END_ACTION };
	static const struct rte_flow_action a_q1[] = {
		ACTION(QUEUE, &q1), END_ACTION };
	static const struct rte_flow_action q_count[] = {
		ACTION(COUNT, &count), END_ACTION };
	/* arp_eth_ipv4 op is at the same place in every release's item. */
	static const struct rte_flow_item_arp_eth_ipv4 arp_s = {
		.op = RTE_BE16(2) };
	static const struct rte_flow_item_arp_eth_ipv4 arp_m = {
		.op = RTE_BE16(0xffff) };
	static const struct rte_flow_item p_arp[] = {
		ITEM(ETH), ITEM(ARP_ETH_IPV4, .spec = &arp_s, .mask = &arp_m),
		END_ITEM };
	const struct rte_ether_addr *dsts[] = { &dst1, &dst2, &dst3, NULL };
	struct rte_mbuf *tx[32], *rx[NB_RXQ][64];
	struct rte_flow *f_mark, *f_drop, *f_arp;
	struct rte_flow_query_count qc;
	struct rte_flow_error error;
	struct rte_ether_addr mac;
	struct rte_mempool *mp;
	uint16_t port, nb[NB_RXQ], n = 0, i;
	uint64_t drops;
	int ret;

	ret = flow_port(&port, &mac, &mp);
	CHECK(ret == 0, "port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_promiscuous_enable(port) == 0, "promisc");
	f_mark = dst_rule(port, &dst1, a_mark);
	CHECK(f_mark != NULL && dst_rule(port, &dst2, a_flag) != NULL,
	      "mark/flag rules");
	f_drop = dst_rule(port, &dst3, a_drop);
	f_arp = rte_flow_create(port, &ingress, p_arp, a_q1, &error);
	CHECK(f_drop != NULL && f_arp != NULL, "drop/arp rules");
	for (i = 0; i < 16; i++) {
		const struct rte_ether_addr *d = dsts[i % 4];

		tx[n++] = udp4(mp, d != NULL ? d : &mac, &mac, 0x0a000001 + i,
			       0x0a000002, 1000 + i, 2000, 64, FRAME_LEN);
	}
	tx[n++] = arp(mp, &mac, 2);
	tx[n++] = arp(mp, &mac, 1);
	for (i = 0; i < n; i++)
		CHECK(tx[i] != NULL, "no mbuf for frame %u", i);
	ret = exchange(port, tx, n, rx, nb, 14);
	if (ret != TEST_PASS)
		return ret;
	CHECK(nb[0] == 5 && nb[1] == 1 && nb[2] == 4 && nb[3] == 4,
	      "per queue %u %u %u %u, want 5 1 4 4 (4 dropped)", nb[0], nb[1],
	      nb[2], nb[3]);
	for (i = 0; i < nb[2]; i++)
		CHECK((rx[2][i]->ol_flags & RTE_MBUF_F_RX_FDIR_ID) &&
		      rx[2][i]->hash.fdir.hi == 0x123456,
		      "marked frame: ol_flags 0x%" PRIx64 " mark 0x%x",
		      rx[2][i]->ol_flags, rx[2][i]->hash.fdir.hi);
	for (i = 0; i < nb[3]; i++)
		CHECK((rx[3][i]->ol_flags & RTE_MBUF_F_RX_FDIR) &&
		      !(rx[3][i]->ol_flags & RTE_MBUF_F_RX_FDIR_ID),
		      "flagged frame: ol_flags 0x%" PRIx64, rx[3][i]->ol_flags);
	for (i = 0; i < nb[0]; i++)
		CHECK(!(rx[0][i]->ol_flags & RTE_MBUF_F_RX_FDIR),
		      "frame no rule took is flagged");
	free_rx(rx, nb);

	memset(&qc, 0, sizeof(qc));
	CHECK(rte_flow_query(port, f_mark, q_count, &qc, &error) == 0 &&
	      qc.hits_set && qc.bytes_set && qc.hits == 4 &&
	      qc.bytes == 4 * FRAME_LEN, "mark rule: %" PRIu64 " hits, %"
	      PRIu64 " bytes, want 4, %u", qc.hits, qc.bytes, 4 * FRAME_LEN);
	qc.reset = 1;
	CHECK(rte_flow_query(port, f_drop, q_count, &qc, &error) == 0 &&
	      qc.hits == 4, "drop rule: %" PRIu64 " hits", qc.hits);
	qc.reset = 0;
	CHECK(rte_flow_query(port, f_drop, q_count, &qc, &error) == 0 &&
	      qc.hits == 0 && qc.bytes == 0, "after reset: %" PRIu64 " hits",
	      qc.hits);
	CHECK(rte_flow_query(port, f_arp, q_count, &qc, &error) == -EINVAL &&
	      strstr(error.message, "no count action"),
	      "query of a rule without count not refused");
	CHECK(xstat(port, "rx_flow_drops", &drops) == 0 && drops == 4,
	      "rx_flow_drops %" PRIu64 ", want 4", drops);
	CHECK(rte_eth_xstats_reset(port) == 0 &&
	      xstat(port, "rx_flow_drops", &drops) == 0 && drops == 0,
	      "rx_flow_drops %" PRIu64 " after reset", drops);
	return TEST_PASS;
}

/* Frames to dst on queue want, n of them. */
static int
expect_queue(struct rte_mempool *mp, uint16_t port,
	     const struct rte_ether_addr *src, const struct rte_ether_addr *dst,
	     uint16_t want_q, uint16_t want_n, const char *when)
{
	struct rte_mbuf *tx[4], *rx[NB_RXQ][64];
	uint16_t nb[NB_RXQ], q, i;
	int ret;

	for (i = 0; i < 4; i++) {
		tx[i] = udp4(mp, dst, src, 0x0a000001, 0x0a000002 + i, 7, 8, 64,
			     FRAME_LEN);
		CHECK(tx[i] != NULL, "no mbuf");
	}
	ret = exchange(port, tx, 4, rx, nb, want_n);
	if (ret != TEST_PASS)
		return ret;
	free_rx(rx, nb);
	for (q = 0; q < NB_RXQ; q++)
		CHECK(nb[q] == (q == want_q ? want_n : 0), "%s: %u frames on "
		      "queue %u, want %u on queue %u", when, nb[q], q, want_n,
		      want_q);
	return TEST_PASS;
}

static int
test_keep_reset_isolate(const void *arg __rte_unused)
{
	static const struct rte_flow_action_queue q2 = { .index = 2 };
	static const struct rte_flow_action_queue q3 = { .index = 3 };
	static const struct rte_flow_action a_q2[] = {
		ACTION(QUEUE, &q2), END_ACTION };
	static const struct rte_flow_action a_q3[] = {
		ACTION(QUEUE, &q3), END_ACTION };
	struct rte_eth_dev_info info;
	struct rte_flow_error error;
	struct rte_ether_addr mac;
	struct rte_mempool *mp;
	struct tu_port_conf c;
	uint64_t iso;
	uint16_t port;
	int ret;

	ret = flow_port(&port, &mac, &mp);
	CHECK(ret == 0, "port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_info_get(port, &info) == 0 &&
	      (info.dev_capa & RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP),
	      "no RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP");
	CHECK(rte_eth_promiscuous_enable(port) == 0, "promisc");
	CHECK(dst_rule(port, &dst1, a_q3) != NULL, "rule");
	ret = expect_queue(mp, port, &mac, &dst1, 3, 4, "started");
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	CHECK(dst_rule(port, &dst2, a_q2) != NULL, "rule while stopped");
	CHECK(rte_eth_dev_start(port) == 0 &&
	      tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "start");
	ret = expect_queue(mp, port, &mac, &dst1, 3, 4, "after stop/start");
	if (ret == TEST_PASS)
		ret = expect_queue(mp, port, &mac, &dst2, 2, 4,
				   "rule made while stopped");
	if (ret != TEST_PASS)
		return ret;

	/* A reset empties the device's table; the driver puts it back. */
	CHECK(rte_eth_dev_reset(port) == 0, "rte_eth_dev_reset");
	tu_port_conf_default(&c);
	c.nb_rxq = NB_RXQ;
	CHECK(tu_port_start(port, mp, &c) == 0 &&
	      tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "restart after reset");
	CHECK(rte_eth_promiscuous_enable(port) == 0, "promisc");
	ret = expect_queue(mp, port, &mac, &dst1, 3, 4, "after reset");
	if (ret == TEST_PASS)
		ret = expect_queue(mp, port, &mac, &dst2, 2, 4,
				   "after reset, second rule");
	if (ret != TEST_PASS)
		return ret;

	/* Isolated: what no rule takes is dropped, and counted. */
	CHECK(rte_flow_isolate(port, 1, &error) == 0, "isolate: %s",
	      error.message ? error.message : "-");
	ret = expect_queue(mp, port, &mac, &dst3, 0, 0, "isolated, no rule");
	if (ret == TEST_PASS)
		ret = expect_queue(mp, port, &mac, &dst1, 3, 4,
				   "isolated, rule");
	if (ret != TEST_PASS)
		return ret;
	CHECK(xstat(port, "rx_flow_isolated_drops", &iso) == 0 && iso == 4,
	      "rx_flow_isolated_drops %" PRIu64 ", want 4", iso);
	CHECK(rte_flow_isolate(port, 0, &error) == 0, "isolate off");
	ret = expect_queue(mp, port, &mac, &dst3, 0, 4, "not isolated");
	if (ret != TEST_PASS)
		return ret;
	/* Reconfiguring below a rule's queue is refused. */
	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	c.nb_rxq = 2;
	CHECK(tu_port_start(port, mp, &c) == -EINVAL,
	      "configure to 2 queues with a rule for queue 3 not refused");
	CHECK(rte_flow_flush(port, &error) == 0, "flush");
	CHECK(tu_port_start(port, mp, &c) == 0, "configure after flush");
	return TEST_PASS;
}

static int
csum_ok(const struct rte_mbuf *m, const char **why)
{
	const struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m,
			const struct rte_ipv4_hdr *, sizeof(struct rte_ether_hdr));
	struct rte_ipv4_hdr copy = *ip;

	copy.hdr_checksum = 0;
	if (rte_ipv4_cksum(&copy) != ip->hdr_checksum) {
		*why = "IPv4 header checksum";
		return 0;
	}
	if (rte_ipv4_udptcp_cksum_verify(ip, ip + 1) != 0) {
		*why = "UDP checksum";
		return 0;
	}
	return 1;
}

static int
test_rewrites(const void *arg __rte_unused)
{
	static const struct rte_flow_item_ipv4 src_a = {
		.hdr.src_addr = RTE_BE32(0x0a000001) };
	static const struct rte_flow_item_ipv4 src_b = {
		.hdr.src_addr = RTE_BE32(0x0a000002) };
	static const struct rte_flow_item_ipv4 src_m = {
		.hdr.src_addr = RTE_BE32(0xffffffff) };
	static const struct rte_flow_item p_a[] = {
		ITEM(ETH), ITEM(IPV4, .spec = &src_a, .mask = &src_m), ITEM(UDP),
		END_ITEM };
	static const struct rte_flow_item p_b[] = {
		ITEM(ETH), ITEM(IPV4, .spec = &src_b, .mask = &src_m), ITEM(UDP),
		END_ITEM };
	static const struct rte_flow_action_set_ipv4 dip = {
		.ipv4_addr = RTE_BE32(0xc0a80201) };
	static const struct rte_flow_action_set_tp tp = {
		.port = RTE_BE16(4242) };
	static const struct rte_flow_action_queue q1 = { .index = 1 };
	static const struct rte_flow_action_queue q2 = { .index = 2 };
	/* The last byte of the destination address, the source MAC. */
	static const struct rte_flow_action_modify_field mf_ip = {
		.operation = RTE_FLOW_MODIFY_SET,
		.dst = { .field = RTE_FLOW_FIELD_IPV4_DST, .offset = 24 },
		.src = { .field = RTE_FLOW_FIELD_VALUE,
			 .value = { 0, 0, 0, 0x63 } },
		.width = 8 };
	static const struct rte_flow_action_modify_field mf_mac = {
		.operation = RTE_FLOW_MODIFY_SET,
		.dst = { .field = RTE_FLOW_FIELD_MAC_SRC },
		.src = { .field = RTE_FLOW_FIELD_VALUE,
			 .value = { 2, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc } },
		.width = 48 };
	static const struct rte_flow_action a_a[] = {
		ACTION(SET_IPV4_DST, &dip), ACTION(DEC_TTL, NULL),
		ACTION(SET_TP_DST, &tp), ACTION(QUEUE, &q1), END_ACTION };
	static const struct rte_flow_action a_b[] = {
		ACTION(MODIFY_FIELD, &mf_ip), ACTION(MODIFY_FIELD, &mf_mac),
		ACTION(QUEUE, &q2), END_ACTION };
	struct rte_mbuf *tx[4], *rx[NB_RXQ][64];
	struct rte_flow_error error;
	struct rte_ether_addr mac;
	struct rte_mempool *mp;
	uint16_t port, nb[NB_RXQ], i;
	const char *why = "";
	int ret;

	ret = flow_port(&port, &mac, &mp);
	CHECK(ret == 0, "port setup: %s", rte_strerror(-ret));
	CHECK(rte_flow_create(port, &ingress, p_a, a_a, &error) != NULL,
	      "rule a: %s", error.message);
	CHECK(rte_flow_create(port, &ingress, p_b, a_b, &error) != NULL,
	      "rule b: %s", error.message);
	for (i = 0; i < 4; i++) {
		tx[i] = udp4(mp, &mac, &mac, 0x0a000001 + i % 2, 0x0a0a0a0a,
			     1000 + i, 2000, 64, FRAME_LEN);
		CHECK(tx[i] != NULL, "no mbuf");
	}
	ret = exchange(port, tx, 4, rx, nb, 4);
	if (ret != TEST_PASS)
		return ret;
	CHECK(nb[1] == 2 && nb[2] == 2, "queues 1, 2 got %u, %u frames",
	      nb[1], nb[2]);
	for (i = 0; i < 2; i++) {
		const struct rte_mbuf *m = rx[1][i];
		const struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m,
			const struct rte_ipv4_hdr *, sizeof(struct rte_ether_hdr));
		const struct rte_udp_hdr *udp = (const void *)(ip + 1);

		CHECK(ip->dst_addr == RTE_BE32(0xc0a80201) &&
		      ip->time_to_live == 63 && udp->dst_port == RTE_BE16(4242),
		      "set_ipv4_dst/dec_ttl/set_tp_dst: dst 0x%08x ttl %u "
		      "port %u", rte_be_to_cpu_32(ip->dst_addr),
		      ip->time_to_live, rte_be_to_cpu_16(udp->dst_port));
		CHECK(csum_ok(m, &why), "rule a: %s wrong after rewrite", why);
	}
	for (i = 0; i < 2; i++) {
		const struct rte_mbuf *m = rx[2][i];
		const struct rte_ether_hdr *eth =
			rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
		const struct rte_ipv4_hdr *ip = (const void *)(eth + 1);
		static const struct rte_ether_addr want = {
			{ 2, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc } };

		CHECK(ip->dst_addr == RTE_BE32(0x0a0a0a63) &&
		      rte_is_same_ether_addr(&eth->src_addr, &want),
		      "modify_field: dst 0x%08x", rte_be_to_cpu_32(ip->dst_addr));
		CHECK(csum_ok(m, &why), "rule b: %s wrong after rewrite", why);
	}
	free_rx(rx, nb);
	return TEST_PASS;
}

/* RSS rules with a key and queues of their own, three functions. */
static int
test_rss_rules(const void *arg __rte_unused)
{
	static const uint8_t key[40] = {
		0x2c, 0xc6, 0x81, 0xd1, 0x5b, 0xdb, 0xf4, 0xf7, 0xfc, 0xa2,
		0x83, 0x19, 0xdb, 0x1a, 0x3e, 0x94, 0x6b, 0x9e, 0x38, 0xd9,
		0x2c, 0x9c, 0x03, 0xd1, 0xad, 0x99, 0x44, 0xa7, 0xd9, 0x56,
		0x3d, 0x59, 0x06, 0x3c, 0x25, 0xf3, 0xfc, 0x1f, 0xdc, 0x2a };
	static const uint16_t queues[] = { 3, 1 };
	static const enum rte_eth_hash_function funcs[] = {
		RTE_ETH_HASH_FUNCTION_TOEPLITZ,
		RTE_ETH_HASH_FUNCTION_SYMMETRIC_TOEPLITZ,
		RTE_ETH_HASH_FUNCTION_SIMPLE_XOR };
	struct rte_mbuf *tx[32], *rx[NB_RXQ][64];
	struct rte_flow_action_rss rss = {
		.types = RTE_ETH_RSS_NONFRAG_IPV4_UDP, .key_len = 40,
		.key = key, .queue_num = 2, .queue = queues };
	const struct rte_flow_action actions[] = {
		ACTION(RSS, &rss), END_ACTION };
	const struct rte_flow_item pattern[] = {
		ITEM(ETH), ITEM(IPV4), ITEM(UDP), END_ITEM };
	struct rte_flow_error error;
	struct rte_ether_addr mac;
	struct rte_mempool *mp;
	struct rte_flow *f;
	struct rte_eth_conf conf;
	uint16_t port, nb[NB_RXQ], i, q, k;
	int ret;

	mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	CHECK(mp != NULL, "no mempool");
	ret = tu_port("a", "wire=loop,queues=4", &port);
	CHECK(ret == 0, "port: %s", rte_strerror(-ret));
	/* mq_mode RSS: the queues report hashes (RSS_HASH). */
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_IPV6;
	ret = rte_eth_dev_configure(port, NB_RXQ, 1, &conf);
	for (q = 0; ret == 0 && q < NB_RXQ; q++)
		ret = rte_eth_rx_queue_setup(port, q, 256, rte_socket_id(),
					     NULL, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, 256, rte_socket_id(),
					     NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	CHECK(ret == 0 && rte_eth_macaddr_get(port, &mac) == 0 &&
	      tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "port start: %d", ret);
	for (k = 0; k < RTE_DIM(funcs); k++) {
		uint32_t want[32];

		rss.func = funcs[k];
		f = rte_flow_create(port, &ingress, pattern, actions, &error);
		CHECK(f != NULL, "rss func %d: %s", funcs[k], error.message);
		for (i = 0; i < 16; i++) {
			uint32_t sip = 0x0a000001 + i, dip = 0xc0a80001;
			uint16_t sp = 1000 + 3 * i, dp = 53;
			union rte_thash_tuple t;

			/* Odd frames: the even one's reverse direction. */
			if (i & 1) {
				sip = 0xc0a80001;
				dip = 0x0a000001 + i - 1;
				sp = 53;
				dp = 1000 + 3 * (i - 1);
			}
			tx[i] = udp4(mp, &mac, &mac, sip, dip, sp, dp, 64,
				     FRAME_LEN);
			CHECK(tx[i] != NULL, "no mbuf");
			t.v4.src_addr = sip;
			t.v4.dst_addr = dip;
			t.v4.sport = sp;
			t.v4.dport = dp;
			if (funcs[k] == RTE_ETH_HASH_FUNCTION_SYMMETRIC_TOEPLITZ) {
				t.v4.src_addr = t.v4.dst_addr = sip ^ dip;
				t.v4.sport = t.v4.dport = sp ^ dp;
			}
			want[i] = funcs[k] == RTE_ETH_HASH_FUNCTION_SIMPLE_XOR ?
				sip ^ dip ^ ((uint32_t)sp << 16 | dp) :
				rte_softrss((uint32_t *)&t,
					    RTE_THASH_V4_L4_LEN, key);
		}
		ret = exchange(port, tx, 16, rx, nb, 16);
		if (ret != TEST_PASS)
			return ret;
		CHECK(nb[0] + nb[1] + nb[2] + nb[3] == 16 && nb[0] == 0 &&
		      nb[2] == 0, "func %d: per queue %u %u %u %u", funcs[k],
		      nb[0], nb[1], nb[2], nb[3]);
		for (q = 1; q < NB_RXQ; q += 2) {
			for (i = 0; i < nb[q]; i++) {
				const struct rte_mbuf *m = rx[q][i];
				const struct rte_udp_hdr *udp =
					rte_pktmbuf_mtod_offset(m,
						const struct rte_udp_hdr *, 34);
				uint16_t j = rte_be_to_cpu_16(udp->src_port) == 53 ?
					(rte_be_to_cpu_16(udp->dst_port) - 1000) /
					3 + 1 :
					(rte_be_to_cpu_16(udp->src_port) - 1000) / 3;

				CHECK(j < 16 && (m->ol_flags &
						 RTE_MBUF_F_RX_RSS_HASH) &&
				      m->hash.rss == want[j] &&
				      q == queues[(want[j] % 128) % 2],
				      "func %d frame %u: hash 0x%08x on queue "
				      "%u, want 0x%08x on %u", funcs[k], j,
				      m->hash.rss, q, want[j],
				      queues[(want[j] % 128) % 2]);
			}
		}
		free_rx(rx, nb);
		CHECK(rte_flow_destroy(port, f, &error) == 0, "destroy");
	}
	return TEST_PASS;
}

/* A device of ABI 1.0 (hw_version=1.0) has no flow table. */
static int
test_abi_1_0(const void *arg __rte_unused)
{
	static const struct rte_flow_item pattern[] = { ITEM(ETH), END_ITEM };
	static const struct rte_flow_action actions[] = {
		ACTION(DROP, NULL), END_ACTION };
	struct rte_flow_error error;
	struct rte_mempool *mp;
	struct tu_port_conf c;
	uint64_t v;
	uint16_t port;
	int ret;

	mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	CHECK(mp != NULL, "no mempool");
	ret = tu_port("a", "wire=loop,hw_version=1.0", &port);
	CHECK(ret == 0, "port: %s", rte_strerror(-ret));
	tu_port_conf_default(&c);
	CHECK(tu_port_start(port, mp, &c) == 0, "start");
	ret = rte_flow_validate(port, &ingress, pattern, actions, &error);
	CHECK(ret == -ENOSYS, "rte_flow_validate on ABI 1.0: %d", ret);
	CHECK(rte_flow_create(port, &ingress, pattern, actions, &error) == NULL,
	      "a rule created on ABI 1.0");
	CHECK(xstat(port, "rx_flow_drops", &v) == -ENOENT,
	      "rx_flow_drops listed without a flow table");
	return TEST_PASS;
}

void
register_flow_tests(void)
{
	test_register("flow", "refusals", test_refusals, NULL);
	test_register("flow", "table_full", test_table_full, NULL);
	test_register("flow", "mark_flag_drop_count", test_mark_flag_drop_count,
		      NULL);
	test_register("flow", "keep_reset_isolate", test_keep_reset_isolate,
		      NULL);
	test_register("flow", "rewrites", test_rewrites, NULL);
	test_register("flow", "rss_rules", test_rss_rules, NULL);
	test_register("flow", "abi_1_0", test_abi_1_0, NULL);
}

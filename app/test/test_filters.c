/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Receive filters: promiscuous and all-multicast modes, the unicast
 * MAC table, the multicast list and the default MAC.
 */

#include <errno.h>
#include <string.h>

#include "test_common.h"

static const struct rte_ether_addr other_uc = {
	.addr_bytes = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 } };
static const struct rte_ether_addr bcast = {
	.addr_bytes = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
static const struct rte_ether_addr mcast = {
	.addr_bytes = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb } };

static int
test_filters(const void *arg __rte_unused)
{
	static const struct tu_fspec off[] = {
		{ &other_uc, 100, false, false },
		{ NULL, 100, false, true },
		{ &bcast, 100, false, true },
		{ &mcast, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct tu_fspec allmulti[] = {
		{ &mcast, 100, false, true },
		{ &other_uc, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct tu_fspec promisc[] = {
		{ &other_uc, 100, false, true },
		{ &mcast, 100, false, true },
		{ &bcast, 100, false, true },
		{ NULL, 60, false, true },
	};
	static const struct tu_fspec back_off[] = {
		{ &other_uc, 100, false, false },
		{ &mcast, 100, false, false },
		{ NULL, 60, false, true },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_promiscuous_disable(p.b) == 0, "promisc disable");
	CHECK(rte_eth_allmulticast_disable(p.b) == 0, "allmulti disable");
	CHECK(rte_eth_promiscuous_get(p.b) == 0 &&
	      rte_eth_allmulticast_get(p.b) == 0, "modes not off");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, off,
			     RTE_DIM(off), 0);
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_allmulticast_enable(p.b) == 0, "allmulti enable");
	CHECK(rte_eth_allmulticast_get(p.b) == 1, "allmulti not on");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, allmulti,
			     RTE_DIM(allmulti), 10);
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_allmulticast_disable(p.b) == 0, "allmulti disable");
	CHECK(rte_eth_promiscuous_enable(p.b) == 0, "promisc enable");
	CHECK(rte_eth_promiscuous_get(p.b) == 1, "promisc not on");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, promisc,
			     RTE_DIM(promisc), 20);
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_promiscuous_disable(p.b) == 0, "promisc disable");
	return tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, back_off,
			      RTE_DIM(back_off), 30);
}

/* Modes set while stopped hold after start. */
static int
test_filters_before_start(const void *arg __rte_unused)
{
	static const struct tu_fspec promisc[] = {
		{ &other_uc, 100, false, true },
		{ &mcast, 100, false, true },
		{ NULL, 60, false, true },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_stop(p.b) == 0, "stop B");
	CHECK(rte_eth_promiscuous_enable(p.b) == 0, "promisc enable");
	CHECK(rte_eth_dev_start(p.b) == 0, "start B");
	CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "link A not up again");
	return tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, promisc,
			      RTE_DIM(promisc), 0);
}

/* A new default MAC filters at once; the old one no longer does. */
static int
test_mac_addr_set(const void *arg __rte_unused)
{
	static struct rte_ether_addr new_mac = {
		.addr_bytes = { 0x02, 0x00, 0x00, 0x00, 0x12, 0x34 } };
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr old, cur;
	struct tu_fspec f[3] = {
		{ &new_mac, 100, false, true },
		{ &old, 100, false, false },
		{ &new_mac, 60, false, true },
	};
	struct rte_ether_addr mcast_mac = mcast;
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	old = p.mac_b;
	ret = rte_eth_dev_default_mac_addr_set(p.b, &new_mac);
	CHECK(ret == 0, "default_mac_addr_set: %d", ret);
	CHECK(rte_eth_macaddr_get(p.b, &cur) == 0 &&
	      rte_is_same_ether_addr(&cur, &new_mac), "MAC not updated");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &new_mac, f,
			     RTE_DIM(f), 0);
	if (ret != TEST_PASS)
		return ret;
	/* Kept over a stop/start. */
	CHECK(rte_eth_dev_stop(p.b) == 0 && rte_eth_dev_start(p.b) == 0,
	      "restart B");
	CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &new_mac, f,
			     RTE_DIM(f), 10);
	if (ret != TEST_PASS)
		return ret;
	ret = rte_eth_dev_default_mac_addr_set(p.b, &mcast_mac);
	CHECK(ret < 0, "multicast default MAC accepted");
	CHECK(rte_eth_macaddr_get(p.b, &cur) == 0 &&
	      rte_is_same_ether_addr(&cur, &new_mac), "MAC changed by a "
	      "refused set");
	return TEST_PASS;
}

/* Extra unicast MACs: received while in the table, dropped once out. */
static int
test_mac_table(const void *arg __rte_unused)
{
	static struct rte_ether_addr extra[3] = {
		{{ 0x02, 0, 0, 0, 0x10, 1 }}, {{ 0x02, 0, 0, 0, 0x10, 2 }},
		{{ 0x02, 0, 0, 0, 0x10, 3 }} };
	static struct rte_ether_addr stranger = {{ 0x02, 0, 0, 0, 0x10, 9 }};
	static const struct tu_fspec with3[] = {
		{ &extra[0], 100, false, true },
		{ &extra[1], 100, false, true },
		{ &extra[2], 100, false, true },
		{ &stranger, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct tu_fspec without1[] = {
		{ &extra[0], 100, false, true },
		{ &extra[1], 100, false, false },
		{ &extra[2], 100, false, true },
		{ NULL, 60, false, true },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr a;
	struct rte_eth_dev_info info;
	struct rte_eth_link link;
	struct tu_pair p;
	unsigned int i;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_dev_info_get(p.b, &info) == 0, "dev info");
	CHECK(info.max_mac_addrs == 16, "max_mac_addrs %u, want 16",
	      info.max_mac_addrs);
	CHECK(rte_eth_promiscuous_disable(p.b) == 0, "promisc off");
	for (i = 0; i < RTE_DIM(extra); i++)
		CHECK(rte_eth_dev_mac_addr_add(p.b, &extra[i], 0) == 0,
		      "add extra MAC %u", i);
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, with3,
			     RTE_DIM(with3), 0);
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_dev_mac_addr_remove(p.b, &extra[1]) == 0, "remove");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, without1,
			     RTE_DIM(without1), 10);
	if (ret != TEST_PASS)
		return ret;
	/* The table survives a restart (ethdev replays it, device keeps it). */
	CHECK(rte_eth_dev_stop(p.b) == 0 && rte_eth_dev_start(p.b) == 0,
	      "restart");
	CHECK(tu_wait_link(p.a, 1, &link) == 0, "link after restart");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, without1,
			     RTE_DIM(without1), 20);
	if (ret != TEST_PASS)
		return ret;
	/* The port MAC cannot be removed; the table holds 15 more. */
	CHECK(rte_eth_dev_mac_addr_remove(p.b, &p.mac_b) < 0,
	      "port MAC removed");
	for (i = 0; i < 13; i++) {
		a = (struct rte_ether_addr){{ 0x02, 0, 0, 0, 0x20, (uint8_t)i }};
		CHECK(rte_eth_dev_mac_addr_add(p.b, &a, 0) == 0,
		      "add MAC %u of 15", i + 3);
	}
	a = (struct rte_ether_addr){{ 0x02, 0, 0, 0, 0x30, 0 }};
	CHECK(rte_eth_dev_mac_addr_add(p.b, &a, 0) < 0,
	      "a 16th extra MAC accepted (table holds 15)");
	a = (struct rte_ether_addr){{ 0x03, 0, 0, 0, 0x30, 0 }};
	CHECK(rte_eth_dev_mac_addr_add(p.b, &a, 0) < 0,
	      "a multicast address accepted as unicast MAC");
	return TEST_PASS;
}

/* The multicast list: listed groups pass without allmulticast. */
static int
test_mc_list(const void *arg __rte_unused)
{
	static struct rte_ether_addr groups[2] = {
		{{ 0x01, 0x00, 0x5e, 0, 0, 1 }}, {{ 0x33, 0x33, 0, 0, 0, 1 }} };
	static struct rte_ether_addr other = {{ 0x01, 0x00, 0x5e, 0, 0, 9 }};
	static const struct tu_fspec listed[] = {
		{ &groups[0], 100, false, true },
		{ &groups[1], 100, false, true },
		{ &other, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct tu_fspec cleared[] = {
		{ &groups[0], 100, false, false },
		{ &groups[1], 100, false, false },
		{ NULL, 60, false, true },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	static struct rte_ether_addr many[33];
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	struct tu_pair p;
	unsigned int i;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_promiscuous_disable(p.b) == 0 &&
	      rte_eth_allmulticast_disable(p.b) == 0, "modes off");
	CHECK(rte_eth_dev_set_mc_addr_list(p.b, groups, 2) == 0, "set list");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, listed,
			     RTE_DIM(listed), 0);
	if (ret != TEST_PASS)
		return ret;
	for (i = 0; i < RTE_DIM(many); i++)
		many[i] = (struct rte_ether_addr){{ 0x01, 0x00, 0x5e, 1, 0,
						    (uint8_t)i }};
	CHECK(rte_eth_dev_set_mc_addr_list(p.b, many, 33) == -EINVAL,
	      "33 multicast addresses accepted (device holds 32)");
	CHECK(rte_eth_dev_set_mc_addr_list(p.b, many, 32) == 0, "32 refused");
	CHECK(rte_eth_dev_set_mc_addr_list(p.b, NULL, 0) == 0, "clear list");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, cleared,
			     RTE_DIM(cleared), 10);
	if (ret != TEST_PASS)
		return ret;
	/* The list outlives a device reset (the driver replays it). */
	CHECK(rte_eth_dev_set_mc_addr_list(p.b, groups, 2) == 0, "set list");
	CHECK(rte_eth_dev_stop(p.b) == 0 && rte_eth_dev_reset(p.b) == 0,
	      "reset B");
	memset(&conf, 0, sizeof(conf));
	CHECK(rte_eth_dev_configure(p.b, 1, 1, &conf) == 0 &&
	      rte_eth_rx_queue_setup(p.b, 0, 256, SOCKET_ID_ANY, NULL,
				     mp) == 0 &&
	      rte_eth_tx_queue_setup(p.b, 0, 256, SOCKET_ID_ANY, NULL) == 0 &&
	      rte_eth_dev_start(p.b) == 0, "reconfigure B after reset");
	CHECK(rte_eth_promiscuous_disable(p.b) == 0 &&
	      rte_eth_allmulticast_disable(p.b) == 0, "modes off");
	CHECK(tu_wait_link(p.a, 1, &link) == 0, "link after reset");
	ret = tu_send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, listed,
			     RTE_DIM(listed), 20);
	if (ret != TEST_PASS)
		return ret;
	return TEST_PASS;
}

void
register_filters_tests(void)
{
	test_register("filters", "mac_table", test_mac_table, NULL);
	test_register("filters", "mc_list", test_mc_list, NULL);
	test_register("filters", "promisc_allmulti", test_filters, NULL);
	test_register("filters", "set_while_stopped",
		      test_filters_before_start, NULL);
	test_register("filters", "mac_addr_set", test_mac_addr_set, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Device arguments: bad values fail probe cleanly, good ones take effect. */

#include <stdio.h>
#include <string.h>

#include "test_common.h"

struct bad_arg {
	const char *name;
	const char *args;
	bool with_engine;	/* append ,engine=<engine> */
};

static const struct bad_arg bad_args[] = {
	{ "wire_bogus", "wire=bogus", true },
	{ "wire_peer_empty", "wire=peer:", true },
	{ "wire_peer_bad_char", "wire=peer:a/b", true },
	{ "wire_loop_arg", "wire=loop:x", true },
	{ "wire_cable_too_long",
	  "wire=peer:abcdefghijklmnopqrstuvwxyz0123456", true },
	{ "queues_0", "queues=0", true },
	{ "queues_65", "queues=65", true },
	{ "queues_abc", "queues=abc", true },
	{ "queues_no_value", "queues", true },
	{ "engine_turbo", "engine=turbo", false },
	{ "engine_twice", "engine=inline", true },
	{ "development_2", "development=2", true },
	{ "mac_zz", "mac=zz", true },
	{ "mac_multicast", "mac=01:00:5e:00:00:01", true },
	{ "mac_zero", "mac=00:00:00:00:00:00", true },
	{ "unknown_key", "foo=1", true },
	{ "hw_version_2_0", "hw_version=2.0", true },
	{ "hw_version_0_9", "hw_version=0.9", true },
	{ "hw_version_x", "hw_version=x", true },
	{ "hw_version_1", "hw_version=1", true },
	{ "hw_version_1_0_0", "hw_version=1.0.0", true },
	{ "hw_version_plus", "hw_version=+1.0", true },
	{ "hw_version_space", "hw_version= 1.0", true },
	{ "hw_version_minor_plus", "hw_version=1.+0", true },
	{ "hw_version_minor_minus", "hw_version=1.-1", true },
	{ "hw_version_minor_space", "hw_version=1. 0", true },
	{ "hw_version_trailing_dot", "hw_version=1.", true },
	{ "hw_version_huge", "hw_version=1.65536", true },
};

/* Probe fails, leaves no port, and the name can be probed right after. */
static int
test_reject(const void *arg)
{
	const struct bad_arg *b = arg;
	uint16_t before = rte_eth_dev_count_avail(), port;
	char name[TU_NAME_LEN];
	int ret;

	tu_vdev_name("a", name, sizeof(name));
	ret = tu_vdev_create("a", b->args, b->with_engine, &port);
	CHECK(ret < 0, "probe with '%s' succeeded", b->args);
	CHECK(rte_eth_dev_get_port_by_name(name, &port) != 0,
	      "failed probe left port %u", port);
	CHECK(rte_eth_dev_count_avail() == before, "port count %u -> %u",
	      before, rte_eth_dev_count_avail());
	ret = tu_vdev_create("a", "", true, &port);
	CHECK(ret == 0, "probe of the same name with good args after the "
	      "failure: %d", ret);
	return TEST_PASS;
}

static int
test_hw_version_minor(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_port_conf c;
	struct rte_ether_addr mac;
	struct rte_mbuf *m;
	char fw[32];
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_port("a", "hw_version=1.7", &port);
	CHECK(ret == 0, "newer minor 1.7 refused: %d", ret);
	ret = rte_eth_dev_fw_version_get(port, fw, sizeof(fw));
	CHECK(ret == 0 && strcmp(fw, "abi 1.7") == 0,
	      "fw_version '%s' (%d), expected 'abi 1.7'", fw, ret);
	/* And it works. */
	tu_port_conf_default(&c);
	CHECK(tu_port_start(port, mp, &c) == 0, "start");
	CHECK(rte_eth_macaddr_get(port, &mac) == 0, "mac");
	CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	m = tu_frame(mp, &mac, &mac, 100, 7, false);
	CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send");
	CHECK(tu_rx(port, 0, &m, 1) == 1, "no frame back");
	ret = tu_frame_seq(m);
	rte_pktmbuf_free(m);
	CHECK(ret == 7, "got seq %d", ret);
	return TEST_PASS;
}

static int
test_queues(const void *arg __rte_unused)
{
	static const uint16_t counts[] = { 1, 8, 64 };
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	char args[32], tag[4];
	unsigned int i;
	uint16_t port;

	memset(&conf, 0, sizeof(conf));
	for (i = 0; i < RTE_DIM(counts); i++) {
		snprintf(args, sizeof(args), "queues=%u", counts[i]);
		snprintf(tag, sizeof(tag), "%c", 'a' + i);
		CHECK(tu_port(tag, args, &port) == 0, "probe %s", args);
		CHECK(rte_eth_dev_info_get(port, &info) == 0, "dev info");
		CHECK(info.max_rx_queues == counts[i] &&
		      info.max_tx_queues == counts[i],
		      "%s: max queues rx %u tx %u", args, info.max_rx_queues,
		      info.max_tx_queues);
		CHECK(rte_eth_dev_configure(port, counts[i], counts[i],
					    &conf) == 0,
		      "%s: configure %u queues", args, counts[i]);
	}
	return TEST_PASS;
}

static int
test_mac(const void *arg __rte_unused)
{
	static const struct rte_ether_addr want = {
		.addr_bytes = { 0x02, 0, 0, 0, 0, 0x42 } };
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac, mac_b, mac_c;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	uint16_t port, b, cp;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "mac=02:00:00:00:00:42", &port) == 0, "probe");
	CHECK(rte_eth_macaddr_get(port, &mac) == 0, "mac");
	CHECK(rte_is_same_ether_addr(&mac, &want),
	      "MAC " RTE_ETHER_ADDR_PRT_FMT ", expected 02:00:00:00:00:42",
	      RTE_ETHER_ADDR_BYTES(&mac));
	/* The device filters on it. */
	tu_port_conf_default(&c);
	CHECK(tu_port_start(port, mp, &c) == 0, "start");
	CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	m = tu_frame(mp, &want, &want, 100, 3, false);
	CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send");
	CHECK(tu_rx(port, 0, &m, 1) == 1, "frame to the devarg MAC dropped");
	ret = tu_frame_seq(m);
	rte_pktmbuf_free(m);
	CHECK(ret == 3, "got seq %d", ret);

	/* Default MACs: valid unicast, distinct per port. */
	CHECK(tu_port("b", "", &b) == 0 && tu_port("c", "", &cp) == 0,
	      "probe");
	CHECK(rte_eth_macaddr_get(b, &mac_b) == 0 &&
	      rte_eth_macaddr_get(cp, &mac_c) == 0, "mac");
	CHECK(rte_is_valid_assigned_ether_addr(&mac_b) &&
	      rte_is_valid_assigned_ether_addr(&mac_c),
	      "default MAC not a valid unicast address");
	CHECK(!rte_is_same_ether_addr(&mac_b, &mac_c),
	      "two ports share default MAC " RTE_ETHER_ADDR_PRT_FMT,
	      RTE_ETHER_ADDR_BYTES(&mac_b));
	return TEST_PASS;
}

static int
test_development(const void *arg __rte_unused)
{
	uint16_t port;

	CHECK(tu_port("a", "development=1", &port) == 0, "development=1");
	CHECK(tu_port("b", "development=0", &port) == 0, "development=0");
	return TEST_PASS;
}

/* A cable has two ends: a third port is refused, a freed end reused. */
static int
test_third_on_cable(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	char args[TU_ARGS_LEN], cable[32];
	struct rte_ether_addr mac_c;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	struct tu_pair p;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	tu_cable("", cable, sizeof(cable));
	snprintf(args, sizeof(args), "wire=peer:%s", cable);
	ret = tu_port("c", args, &port);
	CHECK(ret < 0, "third port on cable %s accepted", cable);
	/* A and B still talk. */
	m = tu_frame(mp, &p.mac_b, &p.mac_a, 100, 1, false);
	CHECK(m != NULL && tu_tx(p.a, 0, &m, 1) == 1, "send");
	CHECK(tu_rx(p.b, 0, &m, 1) == 1, "A-B broken by the refused port");
	rte_pktmbuf_free(m);
	/* B unplugged: its end is free for C. */
	CHECK(tu_vdev_destroy("b") == 0, "remove B");
	ret = tu_port("c", args, &port);
	CHECK(ret == 0, "C refused on the end B left: %d", ret);
	tu_port_conf_default(&c);
	CHECK(tu_port_start(port, mp, &c) == 0, "start C");
	CHECK(rte_eth_macaddr_get(port, &mac_c) == 0, "mac");
	CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "A link not up with C");
	m = tu_frame(mp, &mac_c, &p.mac_a, 100, 2, false);
	CHECK(m != NULL && tu_tx(p.a, 0, &m, 1) == 1, "send");
	CHECK(tu_rx(port, 0, &m, 1) == 1, "A-C: nothing received");
	ret = tu_frame_seq(m);
	rte_pktmbuf_free(m);
	CHECK(ret == 2, "got seq %d", ret);
	return TEST_PASS;
}

void
register_devargs_tests(void)
{
	static char names[RTE_DIM(bad_args)][48];
	unsigned int i;

	for (i = 0; i < RTE_DIM(bad_args); i++) {
		snprintf(names[i], sizeof(names[i]), "reject_%s",
			 bad_args[i].name);
		test_register("devargs", names[i], test_reject, &bad_args[i]);
	}
	test_register("devargs", "hw_version_newer_minor",
		      test_hw_version_minor, NULL);
	test_register("devargs", "queues", test_queues, NULL);
	test_register("devargs", "mac", test_mac, NULL);
	test_register("devargs", "development", test_development, NULL);
	test_register("devargs", "third_port_on_cable", test_third_on_cable,
		      NULL);
}

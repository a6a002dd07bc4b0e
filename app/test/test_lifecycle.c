/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Start, stop, close, re-probe, reset, reconfigure: nothing leaks. */

#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>

#include "test_common.h"

#define POOL_SIZE	2048

/* Send nb frames tx -> dst; returns how many the driver took. */
static uint16_t
send_n(struct rte_mempool *mp, uint16_t tx, uint16_t q,
       const struct rte_ether_addr *dst, const struct rte_ether_addr *src,
       uint16_t nb, uint16_t seq0)
{
	struct rte_mbuf *pkts[64];
	uint16_t i;

	nb = RTE_MIN(nb, RTE_DIM(pkts));
	for (i = 0; i < nb; i++) {
		pkts[i] = tu_frame(mp, dst, src, 60 + (i * 37) % 1400,
				   seq0 + i, false);
		if (pkts[i] == NULL) {
			tu_free(pkts, i);
			return 0;
		}
	}
	return tu_tx(tx, q, pkts, nb);
}

/* A three-segment frame, left for the driver to free. */
static int
send_chain(struct rte_mempool *mp, uint16_t tx,
	   const struct rte_ether_addr *dst, const struct rte_ether_addr *src)
{
	struct rte_mbuf *m[3];
	unsigned int i;

	for (i = 0; i < 3; i++) {
		m[i] = tu_frame(mp, dst, src, 60, 900 + i, false);
		if (m[i] == NULL)
			return -1;
		if (i > 0 && rte_pktmbuf_chain(m[0], m[i]) != 0)
			return -1;
	}
	return tu_tx(tx, 0, m, 1) == 1 ? 0 : -1;
}

static int
test_mempool_no_leak(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL_SIZE, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *got[64];
	struct tu_port_conf c;
	struct tu_pair p;
	unsigned int avail, round;
	uint16_t n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(rte_mempool_avail_count(mp) == POOL_SIZE, "pool not full");
	tu_port_conf_default(&c);
	c.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	ret = tu_pair_start(&p, mp, &c, &c);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	for (round = 0; round < 3; round++) {
		avail = rte_mempool_avail_count(mp);
		CHECK(avail < POOL_SIZE, "round %u: started ports hold no Rx "
		      "buffers (%u free): the test proves nothing", round,
		      avail);
		/* Some received and freed, some left in B's ring. */
		CHECK(send_n(mp, p.a, 0, &p.mac_b, &p.mac_a, 64, 0) == 64,
		      "send A");
		n = tu_rx(p.b, 0, got, 40);
		tu_free(got, n);
		CHECK(n == 40, "round %u: B received %u of 40", round, n);
		/* Left in A's Rx ring, and Tx just posted (in flight). */
		CHECK(send_n(mp, p.b, 0, &p.mac_a, &p.mac_b, 50, 100) == 50,
		      "send B");
		CHECK(send_chain(mp, p.a, &p.mac_b, &p.mac_a) == 0,
		      "send chain");
		CHECK(send_n(mp, p.a, 0, &p.mac_b, &p.mac_a, 30, 200) == 30,
		      "send A");
		CHECK(rte_eth_dev_stop(p.a) == 0 && rte_eth_dev_stop(p.b) == 0,
		      "stop");
		avail = rte_mempool_avail_count(mp);
		CHECK(avail == POOL_SIZE, "round %u: %u of %u mbufs back in "
		      "the pool after stop: %d leaked", round, avail,
		      POOL_SIZE, POOL_SIZE - (int)avail);
		CHECK(rte_eth_dev_start(p.a) == 0 && rte_eth_dev_start(p.b) == 0,
		      "restart");
		CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0,
		      "link after restart");
	}
	CHECK(tu_vdev_destroy("a") == 0 && tu_vdev_destroy("b") == 0,
	      "remove ports");
	avail = rte_mempool_avail_count(mp);
	CHECK(avail == POOL_SIZE, "%u of %u mbufs back after close", avail,
	      POOL_SIZE);
	return TEST_PASS;
}

static int
test_start_stop_20(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	struct rte_mbuf *m;
	unsigned int i, avail;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (i = 0; i < 20; i++) {
		if (i > 0) {
			ret = rte_eth_dev_start(port);
			CHECK(ret == 0, "start %u: %d", i, ret);
		}
		CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
		      "cycle %u: link down", i);
		CHECK(send_n(mp, port, 0, &mac, &mac, 3, i * 3) == 3,
		      "cycle %u: send", i);
		CHECK(tu_rx(port, 0, &m, 1) == 1, "cycle %u: nothing back", i);
		ret = tu_frame_seq(m);
		rte_pktmbuf_free(m);
		CHECK(ret == (int)i * 3, "cycle %u: seq %d, expected %u", i,
		      ret, i * 3);
		/* The other two stay in the ring over the stop. */
		ret = rte_eth_dev_stop(port);
		CHECK(ret == 0, "stop %u: %d", i, ret);
		avail = rte_mempool_avail_count(mp);
		CHECK(avail == 1024, "cycle %u: %u of 1024 mbufs free after "
		      "stop", i, avail);
	}
	/* A stale frame from before a stop must not show up after start. */
	CHECK(rte_eth_dev_start(port) == 0, "final start");
	CHECK(tu_rx_drain(port, 0) == 0, "frames from before stop delivered");
	return TEST_PASS;
}

static int
test_close_reprobe(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac, mac2;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	char name[TU_NAME_LEN];
	unsigned int i;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_vdev_name("a", name, sizeof(name));
	tu_port_conf_default(&c);
	for (i = 0; i < 3; i++) {
		if (i == 0)
			ret = tu_loop_start(&port, &mac, mp, NULL);
		else
			ret = tu_vdev_recreate("a", &port);
		CHECK(ret == 0, "probe %u of %s: %d", i, name, ret);
		if (i > 0) {
			CHECK(tu_port_start(port, mp, &c) == 0, "start %u", i);
			CHECK(rte_eth_macaddr_get(port, &mac2) == 0, "mac");
			CHECK(rte_is_same_ether_addr(&mac, &mac2),
			      "re-probed port has another MAC");
			CHECK(tu_wait_link(port, 1,
					   &(struct rte_eth_link){ 0 }) == 0,
			      "link");
		}
		CHECK(send_n(mp, port, 0, &mac, &mac, 1, i) == 1, "send");
		CHECK(tu_rx(port, 0, &m, 1) == 1, "probe %u: no frame back",
		      i);
		rte_pktmbuf_free(m);
		CHECK(rte_eth_dev_stop(port) == 0, "stop");
		CHECK(rte_eth_dev_close(port) == 0, "close");
		CHECK(!rte_eth_dev_is_valid_port(port) ||
		      rte_eth_dev_get_port_by_name(name, &port) != 0,
		      "port still there after close");
		CHECK(rte_vdev_uninit(name) == 0, "uninit %s", name);
		CHECK(rte_mempool_avail_count(mp) == 1024,
		      "probe %u: mbufs leaked over close", i);
	}
	return TEST_PASS;
}

/* One end of a cable removed and probed again: the cable works. */
static int
test_reprobe_peer_end(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_port_conf c;
	struct rte_mbuf *m;
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(tu_vdev_destroy("b") == 0, "remove B");
	CHECK(tu_wait_link(p.a, 0, &(struct rte_eth_link){ 0 }) == 0,
	      "A up without B");
	ret = tu_vdev_recreate("b", &p.b);
	CHECK(ret == 0, "re-probe B: %d", ret);
	tu_port_conf_default(&c);
	CHECK(tu_port_start(p.b, mp, &c) == 0, "start B");
	CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "A link not up with B back");
	CHECK(send_n(mp, p.a, 0, &p.mac_b, &p.mac_a, 1, 5) == 1, "send");
	CHECK(tu_rx(p.b, 0, &m, 1) == 1, "B got nothing after re-probe");
	ret = tu_frame_seq(m);
	rte_pktmbuf_free(m);
	CHECK(ret == 5, "seq %d", ret);
	return TEST_PASS;
}

static int
test_four_queues(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *got[8];
	struct rte_eth_rxq_info rxq;
	struct rte_eth_txq_info txq;
	struct rte_ether_addr mac;
	struct tu_port_conf c;
	uint16_t port, q, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxq = 4;
	c.nb_txq = 4;
	c.nb_rxd = 64;
	c.nb_txd = 64;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "4-queue port setup: %s", rte_strerror(-ret));
	for (q = 0; q < 4; q++) {
		CHECK(rte_eth_rx_queue_info_get(port, q, &rxq) == 0 &&
		      rxq.queue_state == RTE_ETH_QUEUE_STATE_STARTED,
		      "rxq %u not started (state %u)", q, rxq.queue_state);
		CHECK(rte_eth_tx_queue_info_get(port, q, &txq) == 0 &&
		      txq.queue_state == RTE_ETH_QUEUE_STATE_STARTED,
		      "txq %u not started (state %u)", q, txq.queue_state);
	}
	CHECK(rte_eth_stats_reset(port) == 0, "stats reset");
	for (q = 0; q < 4; q++)
		CHECK(send_n(mp, port, q, &mac, &mac, 1, q) == 1,
		      "send on txq %u", q);
	/* No RSS: everything lands on rxq 0. */
	n = tu_rx(port, 0, got, 4);
	tu_free(got, n);
	CHECK(n == 4, "rxq 0 received %u of 4", n);
	for (q = 0; q < 4; q++) {
		struct tu_qstats qs;

		CHECK(tu_queue_stats(port, q, &qs) == 0, "txq %u stats", q);
		CHECK(qs.opackets == 1, "txq %u packets %" PRIu64
		      ", expected 1", q, qs.opackets);
	}
	for (q = 1; q < 4; q++)
		CHECK(tu_rx_drain(port, q) == 0, "rxq %u received frames", q);
	return TEST_PASS;
}

/* 4 queues, then 1, then 2: every configuration works. */
static int
test_reconfigure(const void *arg __rte_unused)
{
	static const uint16_t counts[] = { 4, 1, 2 };
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	unsigned int i;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(rte_eth_macaddr_get(port, &mac) == 0, "mac");
	tu_port_conf_default(&c);
	c.nb_rxd = 64;
	c.nb_txd = 64;
	for (i = 0; i < RTE_DIM(counts); i++) {
		c.nb_rxq = counts[i];
		c.nb_txq = counts[i];
		ret = tu_port_start(port, mp, &c);
		CHECK(ret == 0, "%u queues: %d", counts[i], ret);
		CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
		      "link");
		CHECK(send_n(mp, port, counts[i] - 1, &mac, &mac, 1, i) == 1,
		      "send");
		CHECK(tu_rx(port, 0, &m, 1) == 1, "%u queues: nothing back",
		      counts[i]);
		rte_pktmbuf_free(m);
		CHECK(rte_eth_dev_stop(port) == 0, "stop");
	}
	CHECK(rte_mempool_avail_count(mp) == 1024, "mbufs leaked");
	return TEST_PASS;
}

static int
test_dev_reset(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac, mac2;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(send_n(mp, port, 0, &mac, &mac, 8, 0) == 8, "send");
	ret = rte_eth_dev_reset(port);
	CHECK(ret == 0, "rte_eth_dev_reset: %d", ret);
	CHECK(rte_mempool_avail_count(mp) == 1024, "mbufs leaked by reset");
	tu_port_conf_default(&c);
	ret = tu_port_start(port, mp, &c);
	CHECK(ret == 0, "reconfigure and start after reset: %d", ret);
	CHECK(rte_eth_macaddr_get(port, &mac2) == 0 &&
	      rte_is_same_ether_addr(&mac, &mac2), "MAC changed by reset");
	CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "link after reset");
	CHECK(tu_rx_drain(port, 0) == 0, "frames from before reset arrived");
	CHECK(send_n(mp, port, 0, &mac, &mac, 1, 77) == 1, "send");
	CHECK(tu_rx(port, 0, &m, 1) == 1, "nothing back after reset");
	ret = tu_frame_seq(m);
	rte_pktmbuf_free(m);
	CHECK(ret == 77, "seq %d", ret);
	return TEST_PASS;
}

/* A reset port starts from zero, like a new one. */
static int
test_reset_clears_stats(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct tu_qstats qs;
	struct tu_port_conf c;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(send_n(mp, port, 0, &mac, &mac, 8, 0) == 8, "send");
	ret = tu_wait_stat(port, TU_STAT(ipackets), 8, &st);
	CHECK(ret == 0, "ipackets %" PRIu64 ", waited for 8", st.ipackets);
	CHECK(tu_rx_drain(port, 0) == 8, "frames not received");
	CHECK(rte_eth_dev_reset(port) == 0, "rte_eth_dev_reset");
	tu_port_conf_default(&c);
	CHECK(tu_port_start(port, mp, &c) == 0, "restart after reset");
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(tu_queue_stats(port, 0, &qs) == 0, "queue stats");
	CHECK(st.ipackets == 0 && st.opackets == 0 && st.ibytes == 0 &&
	      st.obytes == 0 && qs.ipackets == 0,
	      "after rte_eth_dev_reset, before any traffic: ipackets %"
	      PRIu64 " opackets %" PRIu64 " ibytes %" PRIu64 " (pre-reset "
	      "traffic still counted)", st.ipackets, st.opackets, st.ibytes);
	return TEST_PASS;
}

/* rte_vdev_uninit() of started ports with traffic in flight. */
static int
test_uninit_started(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL_SIZE, RTE_MBUF_DEFAULT_BUF_SIZE);
	char name_a[TU_NAME_LEN], name_b[TU_NAME_LEN];
	struct tu_pair p;
	unsigned int avail;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(send_n(mp, p.a, 0, &p.mac_b, &p.mac_a, 64, 0) == 64, "send");
	CHECK(send_n(mp, p.b, 0, &p.mac_a, &p.mac_b, 64, 0) == 64, "send");
	tu_vdev_name("a", name_a, sizeof(name_a));
	tu_vdev_name("b", name_b, sizeof(name_b));
	CHECK(rte_vdev_uninit(name_a) == 0, "uninit started A");
	CHECK(rte_vdev_uninit(name_b) == 0, "uninit started B");
	CHECK(rte_eth_dev_get_port_by_name(name_a, &p.a) != 0 &&
	      rte_eth_dev_get_port_by_name(name_b, &p.b) != 0,
	      "ports still there");
	avail = rte_mempool_avail_count(mp);
	CHECK(avail == POOL_SIZE, "%u of %u mbufs back after uninit", avail,
	      POOL_SIZE);
	/* The names and the cable are free again. */
	CHECK(tu_vdev_recreate("a", &p.a) == 0 &&
	      tu_vdev_recreate("b", &p.b) == 0, "re-probe");
	return TEST_PASS;
}

void
register_lifecycle_tests(void)
{
	test_register("lifecycle", "mempool_no_leak", test_mempool_no_leak,
		      NULL);
	test_register("lifecycle", "start_stop_20", test_start_stop_20, NULL);
	test_register("lifecycle", "close_reprobe", test_close_reprobe, NULL);
	test_register("lifecycle", "reprobe_peer_end", test_reprobe_peer_end,
		      NULL);
	test_register("lifecycle", "uninit_started", test_uninit_started, NULL);
	test_register("lifecycle", "four_queues", test_four_queues, NULL);
	test_register("lifecycle", "reconfigure", test_reconfigure, NULL);
	test_register("lifecycle", "dev_reset", test_dev_reset, NULL);
	test_register("lifecycle", "reset_clears_stats",
		      test_reset_clears_stats, NULL);
}

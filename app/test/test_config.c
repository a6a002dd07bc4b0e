/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Configurations the port must refuse, and the edges it must accept. */

#include <errno.h>
#include <string.h>

#include "test_common.h"

static int
configure(uint16_t port, uint16_t nb_rxq, uint16_t nb_txq,
	  const struct rte_eth_conf *conf)
{
	struct rte_eth_conf zero;

	if (conf == NULL) {
		memset(&zero, 0, sizeof(zero));
		conf = &zero;
	}
	return rte_eth_dev_configure(port, nb_rxq, nb_txq, conf);
}

static int
test_ring_size(const void *arg __rte_unused)
{
	static const uint16_t bad[] = { 1000, 192, 96, 32, 63, 0, 8192 };
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	uint16_t port;
	unsigned int i;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(configure(port, 1, 1, NULL) == 0, "configure");
	for (i = 0; i < RTE_DIM(bad); i++) {
		/* 0 asks ethdev for the driver's default: that one is fine. */
		if (bad[i] == 0)
			continue;
		ret = rte_eth_rx_queue_setup(port, 0, bad[i], rte_socket_id(),
					     NULL, mp);
		CHECK(ret == -EINVAL, "rx ring of %u: %d, expected -EINVAL",
		      bad[i], ret);
		ret = rte_eth_tx_queue_setup(port, 0, bad[i], rte_socket_id(),
					     NULL);
		CHECK(ret == -EINVAL, "tx ring of %u: %d, expected -EINVAL",
		      bad[i], ret);
	}
	ret = rte_eth_rx_queue_setup(port, 0, 64, rte_socket_id(), NULL, mp);
	CHECK(ret == 0, "rx ring of 64: %d", ret);
	ret = rte_eth_tx_queue_setup(port, 0, 64, rte_socket_id(), NULL);
	CHECK(ret == 0, "tx ring of 64: %d", ret);
	ret = rte_eth_rx_queue_setup(port, 0, 4096, rte_socket_id(), NULL, mp);
	CHECK(ret == 0, "rx ring of 4096: %d", ret);
	ret = rte_eth_tx_queue_setup(port, 0, 4096, rte_socket_id(), NULL);
	CHECK(ret == 0, "tx ring of 4096: %d", ret);
	/* ethdev's default (0): the driver's preferred size. */
	ret = rte_eth_rx_queue_setup(port, 0, 0, rte_socket_id(), NULL, mp);
	CHECK(ret == 0, "rx ring of default size: %d", ret);
	ret = rte_eth_tx_queue_setup(port, 0, 0, rte_socket_id(), NULL);
	CHECK(ret == 0, "tx ring of default size: %d", ret);
	return TEST_PASS;
}

static int
test_queue_count(const void *arg __rte_unused)
{
	struct rte_eth_dev_info info;
	uint16_t port;
	int ret;

	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	ret = configure(port, info.max_rx_queues + 1, 1, NULL);
	CHECK(ret < 0, "%u rx queues (max %u) accepted",
	      info.max_rx_queues + 1, info.max_rx_queues);
	ret = configure(port, 1, info.max_tx_queues + 1, NULL);
	CHECK(ret < 0, "%u tx queues (max %u) accepted",
	      info.max_tx_queues + 1, info.max_tx_queues);
	ret = configure(port, info.max_rx_queues, info.max_tx_queues, NULL);
	CHECK(ret == 0, "max queues %u/%u refused: %d", info.max_rx_queues,
	      info.max_tx_queues, ret);
	return TEST_PASS;
}

static int
test_bad_modes(const void *arg __rte_unused)
{
	struct rte_eth_conf conf;
	uint16_t port;
	int ret;

	CHECK(tu_port("a", "", &port) == 0, "probe");
	static uint8_t short_key[20];

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_VMDQ_ONLY;
	ret = configure(port, 1, 1, &conf);
	CHECK(ret < 0, "mq_mode VMDQ_ONLY accepted");
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
	conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IPV4 |
		RTE_ETH_RSS_NONFRAG_IPV4_TCP;
	conf.rx_adv_conf.rss_conf.rss_key = short_key;
	conf.rx_adv_conf.rss_conf.rss_key_len = sizeof(short_key);
	ret = configure(port, 4, 4, &conf);
	CHECK(ret < 0, "RSS with a %zu-byte key accepted", sizeof(short_key));
	conf.rx_adv_conf.rss_conf.rss_key = NULL;
	conf.rx_adv_conf.rss_conf.rss_key_len = 0;
	ret = configure(port, 4, 4, &conf);
	CHECK(ret == 0, "RSS with the default key refused: %d", ret);
	memset(&conf, 0, sizeof(conf));
	conf.lpbk_mode = 2;
	ret = configure(port, 1, 1, &conf);
	CHECK(ret < 0, "lpbk_mode 2 accepted");
	memset(&conf, 0, sizeof(conf));
	conf.lpbk_mode = 1;
	ret = configure(port, 1, 1, &conf);
	CHECK(ret == 0, "lpbk_mode 1 refused: %d", ret);
	return TEST_PASS;
}

/* link_speeds: autoneg, or speeds the device reports; nothing else. */
static int
test_link_speeds(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(rte_eth_dev_info_get(port, &info) == 0 &&
	      info.speed_capa == RTE_ETH_LINK_SPEED_100G,
	      "speed_capa 0x%x, want 100G", info.speed_capa);
	memset(&conf, 0, sizeof(conf));
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_10G;
	CHECK(configure(port, 1, 1, &conf) < 0, "fixed 10G accepted");
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_100G |
		RTE_ETH_LINK_SPEED_25G;
	CHECK(configure(port, 1, 1, &conf) < 0, "two fixed speeds accepted");
	conf.link_speeds = RTE_ETH_LINK_SPEED_FIXED | RTE_ETH_LINK_SPEED_100G;
	ret = configure(port, 1, 1, &conf);
	CHECK(ret == 0, "fixed 100G refused: %d", ret);
	CHECK(rte_eth_rx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL,
				     mp) == 0 &&
	      rte_eth_tx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL) == 0 &&
	      rte_eth_dev_start(port) == 0, "start");
	CHECK(tu_wait_link(port, 1, &link) == 0, "link");
	CHECK(link.link_speed == RTE_ETH_SPEED_NUM_100G &&
	      link.link_autoneg == RTE_ETH_LINK_FIXED,
	      "link %u Mbps autoneg %u, want 100G fixed", link.link_speed,
	      link.link_autoneg);
	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	conf.link_speeds = RTE_ETH_LINK_SPEED_AUTONEG;
	CHECK(configure(port, 1, 1, &conf) == 0, "autoneg refused");
	return TEST_PASS;
}

static int
test_small_mbuf(const void *arg __rte_unused)
{
	struct rte_mempool *tiny, *edge;
	struct rte_eth_dev_info info;
	uint16_t port;
	int ret;

	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	tiny = tu_pool(256, RTE_PKTMBUF_HEADROOM + info.min_rx_bufsize / 2);
	edge = tu_pool(256, RTE_PKTMBUF_HEADROOM + info.min_rx_bufsize);
	CHECK(tiny != NULL && edge != NULL, "no mempool");
	CHECK(configure(port, 1, 1, NULL) == 0, "configure");
	ret = rte_eth_rx_queue_setup(port, 0, 64, rte_socket_id(), NULL, tiny);
	CHECK(ret == -EINVAL, "%u-byte buffers: %d, expected -EINVAL",
	      info.min_rx_bufsize / 2, ret);
	ret = rte_eth_rx_queue_setup(port, 0, 64, rte_socket_id(), NULL, edge);
	CHECK(ret == 0, "%u-byte buffers (min_rx_bufsize) refused: %d",
	      info.min_rx_bufsize, ret);
	return TEST_PASS;
}

/*
 * The driver refuses an MTU whose frames would not fit one Rx buffer
 * (no scatter). The same must hold the other way round: buffers too
 * small for the current MTU's frames must be refused at queue setup or
 * start, not silently drop MTU-legal frames as "too long".
 */
static int
test_buffer_vs_mtu(const void *arg __rte_unused)
{
	struct rte_eth_dev_info info;
	struct rte_mempool *mp;
	uint16_t port, mtu;
	int ret;

	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	/* Scatter may be offered; it is not enabled here, so limits hold. */
	mp = tu_pool(256, RTE_PKTMBUF_HEADROOM + 512);
	CHECK(mp != NULL, "no mempool");
	CHECK(configure(port, 1, 1, NULL) == 0, "configure");
	CHECK(rte_eth_dev_get_mtu(port, &mtu) == 0 && mtu == 1500, "MTU %u",
	      mtu);
	ret = rte_eth_rx_queue_setup(port, 0, 64, rte_socket_id(), NULL, mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, 64, rte_socket_id(),
					     NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	if (ret < 0)
		return TEST_PASS;	/* refused: consistent */
	/* Accepted: show what happens to a frame the MTU allows. */
	{
		struct rte_ether_addr mac;
		struct rte_eth_stats st;
		struct rte_mempool *txmp;
		struct rte_mbuf *m;
		uint16_t n;

		txmp = tu_pool(64, RTE_MBUF_DEFAULT_BUF_SIZE);
		CHECK(txmp != NULL, "no mempool");

		CHECK(rte_eth_macaddr_get(port, &mac) == 0, "mac");
		CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
		      "link");
		m = tu_frame(txmp, &mac, &mac, 500, 1, false);
		CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send");
		m = tu_frame(txmp, &mac, &mac, 1000, 2, false);
		CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send");
		ret = tu_wait_stat(port, TU_STAT(ierrors), 1, &st);
		n = tu_rx_drain(port, 0);
		CHECK(ret < 0 && n == 2, "512-byte Rx buffers without scatter "
		      "at MTU 1500 accepted by queue setup and start, but a "
		      "1000-byte frame the MTU allows is then dropped "
		      "(received %u of 2, ierrors %" PRIu64 "); "
		      "rte_eth_dev_set_mtu refuses the same combination",
		      n, st.ierrors);
	}
	return TEST_PASS;
}

/* Start refused when the pool cannot fill the rings; nothing leaks. */
static int
test_start_pool_too_small(const void *arg __rte_unused)
{
	struct rte_mempool *small = tu_pool(100, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_link link;
	struct rte_ether_addr mac;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	uint16_t port;
	int ret;

	CHECK(small != NULL && mp != NULL, "no mempool");
	CHECK(tu_port("a", "", &port) == 0, "probe");
	CHECK(rte_eth_macaddr_get(port, &mac) == 0, "mac");
	/* Never set up: refused. */
	CHECK(configure(port, 1, 1, NULL) == 0, "configure");
	ret = rte_eth_dev_start(port);
	CHECK(ret < 0, "start without queue setup: %d", ret);
	/* Two rings of 64 from a pool of 100: the second cannot fill. */
	tu_port_conf_default(&c);
	c.nb_rxq = 2;
	c.nb_txq = 2;
	c.nb_rxd = 64;
	c.nb_txd = 64;
	ret = tu_port_start(port, small, &c);
	CHECK(ret < 0, "start with 128 Rx buffers from a pool of 100: %d",
	      ret);
	CHECK(rte_mempool_avail_count(small) == 100, "failed start leaked "
	      "%d mbufs", 100 - (int)rte_mempool_avail_count(small));
	CHECK(rte_eth_link_get_nowait(port, &link) == 0 &&
	      link.link_status == RTE_ETH_LINK_DOWN, "link up after a failed "
	      "start");
	/* And the port recovers with a proper pool. */
	ret = tu_port_start(port, mp, &c);
	CHECK(ret == 0, "start after the failed one: %d", ret);
	CHECK(tu_wait_link(port, 1, &link) == 0, "link");
	m = tu_frame(mp, &mac, &mac, 100, 1, false);
	CHECK(m != NULL && tu_tx(port, 1, &m, 1) == 1, "send");
	CHECK(tu_rx(port, 0, &m, 1) == 1, "no traffic after recovery");
	rte_pktmbuf_free(m);
	return TEST_PASS;
}

void
register_config_tests(void)
{
	test_register("config", "ring_size", test_ring_size, NULL);
	test_register("config", "queue_count", test_queue_count, NULL);
	test_register("config", "bad_modes", test_bad_modes, NULL);
	test_register("config", "link_speeds", test_link_speeds, NULL);
	test_register("config", "small_mbuf", test_small_mbuf, NULL);
	test_register("config", "buffer_vs_mtu", test_buffer_vs_mtu, NULL);
	test_register("config", "start_pool_too_small",
		      test_start_pool_too_small, NULL);
}

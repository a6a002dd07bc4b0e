/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * MTU: the range, the Rx buffer limit, oversize frames dropped and
 * counted, changes while started and while stopped.
 */

#include <errno.h>

#include "test_common.h"

static int
test_mtu_range(const void *arg __rte_unused)
{
	uint16_t room = RTE_PKTMBUF_HEADROOM + 9728;
	struct rte_mempool *mp = tu_pool(256, room);
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;
	struct tu_port_conf c;
	uint16_t port, mtu;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxd = 64;
	c.nb_txd = 64;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	CHECK(rte_eth_dev_get_mtu(port, &mtu) == 0 && mtu == RTE_ETHER_MTU,
	      "default MTU %u", mtu);
	CHECK(info.min_mtu < info.max_mtu, "min_mtu %u max_mtu %u",
	      info.min_mtu, info.max_mtu);
	ret = rte_eth_dev_set_mtu(port, info.min_mtu);
	CHECK(ret == 0, "set min_mtu %u: %d", info.min_mtu, ret);
	CHECK(rte_eth_dev_get_mtu(port, &mtu) == 0 && mtu == info.min_mtu,
	      "MTU %u after setting %u", mtu, info.min_mtu);
	ret = rte_eth_dev_set_mtu(port, info.max_mtu);
	CHECK(ret == 0, "set max_mtu %u (buffers %u): %d", info.max_mtu,
	      room, ret);
	ret = rte_eth_dev_set_mtu(port, info.min_mtu - 1);
	CHECK(ret == -EINVAL, "MTU min_mtu-1 %u: %d, expected -EINVAL",
	      info.min_mtu - 1, ret);
	ret = rte_eth_dev_set_mtu(port, info.max_mtu + 1);
	CHECK(ret == -EINVAL, "MTU max_mtu+1 %u: %d, expected -EINVAL",
	      info.max_mtu + 1, ret);
	CHECK(rte_eth_dev_get_mtu(port, &mtu) == 0 && mtu == info.max_mtu,
	      "MTU %u after refused changes, expected %u", mtu, info.max_mtu);
	ret = rte_eth_dev_set_mtu(port, 1500);
	CHECK(ret == 0, "set MTU 1500: %d", ret);
	return TEST_PASS;
}

/* Without scatter, a frame the MTU allows must fit one Rx buffer. */
static int
test_mtu_buffer_limit(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	uint16_t buf = RTE_MBUF_DEFAULT_BUF_SIZE - RTE_PKTMBUF_HEADROOM;
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;
	uint16_t port, over;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "no dev info");
	/* Scatter may be offered; it is not enabled here, so limits hold. */
	/* max_rx_pktlen - max_mtu: the L2 overhead the driver allows for. */
	over = info.max_rx_pktlen - info.max_mtu;
	ret = rte_eth_dev_set_mtu(port, buf - over);
	CHECK(ret == 0, "MTU %u (frame %u = buffer): %d", buf - over, buf,
	      ret);
	ret = rte_eth_dev_set_mtu(port, buf - over + 1);
	CHECK(ret == -EINVAL, "MTU %u needs frames over the %u-byte buffers "
	      "and there is no scatter: got %d, expected -EINVAL",
	      buf - over + 1, buf, ret);
	return TEST_PASS;
}

static int
test_mtu_drop(const void *arg __rte_unused)
{
	/* A frame may be MTU + 22 bytes (header, two tags' room), tagged
	 * or not; DTS's mtu suite sends MTU + 18 and expects it through.
	 */
	static const struct tu_fspec at1500[] = {
		{ NULL, 1514, false, true },
		{ NULL, 1522, false, true },
		{ NULL, 1523, false, false },
		{ NULL, 1522, true, true },
		{ NULL, 1523, true, false },
		{ NULL, 60, false, true },
	};
	static const struct tu_fspec at1000[] = {
		{ NULL, 1014, false, true },
		{ NULL, 1022, false, true },
		{ NULL, 1023, false, false },
		{ NULL, 1514, false, false },
		{ NULL, 1022, true, true },
		{ NULL, 1023, true, false },
		{ NULL, 60, false, true },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_stats st;
	struct rte_ether_addr mac;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_stats_reset(port) == 0, "stats reset");
	ret = tu_send_expect(mp, port, port, &mac, &mac, at1500,
			     RTE_DIM(at1500), 0);
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.ierrors == 2 && st.ipackets == 4,
	      "MTU 1500: ierrors %" PRIu64 " ipackets %" PRIu64
	      ", expected 2/4", st.ierrors, st.ipackets);

	/* Changed while started: applies at once. */
	CHECK(rte_eth_dev_set_mtu(port, 1000) == 0, "set MTU 1000");
	ret = tu_send_expect(mp, port, port, &mac, &mac, at1000,
			     RTE_DIM(at1000), 10);
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.ierrors == 5 && st.ipackets == 8,
	      "MTU 1000: ierrors %" PRIu64 " ipackets %" PRIu64
	      ", expected 5/8", st.ierrors, st.ipackets);
	return TEST_PASS;
}

/* MTU set while stopped holds after start. */
static int
test_mtu_before_start(const void *arg __rte_unused)
{
	static const struct tu_fspec at800[] = {
		{ NULL, 822, false, true },
		{ NULL, 823, false, false },
		{ NULL, 60, false, true },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	CHECK(rte_eth_dev_set_mtu(port, 800) == 0, "set MTU 800 stopped");
	CHECK(rte_eth_dev_start(port) == 0, "start");
	CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0,
	      "link not up");
	return tu_send_expect(mp, port, port, &mac, &mac, at800,
			      RTE_DIM(at800), 0);
}

void
register_mtu_tests(void)
{
	test_register("mtu", "set_range", test_mtu_range, NULL);
	test_register("mtu", "buffer_limit", test_mtu_buffer_limit, NULL);
	test_register("mtu", "oversize_dropped", test_mtu_drop, NULL);
	test_register("mtu", "set_while_stopped", test_mtu_before_start, NULL);
}

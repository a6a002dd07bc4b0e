/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * MTU: the range, the Rx buffer limit, oversize frames dropped and
 * counted, changes while started and while stopped.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

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

/* The burst mode of rx queue 0 and its scattered_rx. */
static int
rx_mode_is(uint16_t port, const char *want, uint8_t scattered)
{
	struct rte_eth_burst_mode mode;
	struct rte_eth_rxq_info qi;

	CHECK(rte_eth_rx_burst_mode_get(port, 0, &mode) == 0 &&
	      rte_eth_rx_queue_info_get(port, 0, &qi) == 0, "rxq 0 info");
	CHECK(strcmp(mode.info, want) == 0 && qi.scattered_rx == scattered,
	      "rx burst '%s' scattered_rx %u, expected '%s' %u", mode.info,
	      qi.scattered_rx, want, scattered);
	return TEST_PASS;
}

/*
 * An MTU over the Rx buffer size without the scatter offload: the queue
 * scatters anyway from its next start (as i40e/ixgbe/ice-class NICs do;
 * DTS's buffer_scatter.scatter_mbuf_2048 relies on it); a running queue
 * without scatter refuses such an MTU.
 */
static int
test_mtu_implicit_scatter(const void *arg __rte_unused)
{
	struct rte_mempool *small = tu_pool(512, RTE_PKTMBUF_HEADROOM + 512);
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	struct rte_mbuf *m, *got[4];
	char why[160];
	uint16_t port, n;
	int ret;

	CHECK(small != NULL && mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, small, NULL);
	CHECK(ret == 0, "start with 512-byte buffers at MTU 1500: %s",
	      rte_strerror(-ret));
	ret = rx_mode_is(port, "Scalar scattered", 1);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	m = tu_frame(mp, &mac, &mac, 1400, 7, false);
	CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send 1400 bytes");
	n = tu_rx(port, 0, got, RTE_DIM(got));
	CHECK(n == 1, "received %u of 1 frame", n);
	ret = got[0]->nb_segs == 3 && got[0]->pkt_len == 1400;
	if (ret) {
		/* tu_frame_check wants one segment: compare a linear copy. */
		m = rte_pktmbuf_alloc(mp);
		ret = m != NULL && rte_pktmbuf_append(m, 1400) != NULL &&
			rte_pktmbuf_read(got[0], 0, 1400,
					 rte_pktmbuf_mtod(m, void *)) ==
			rte_pktmbuf_mtod(m, void *) &&
			tu_frame_check(m, &mac, &mac, 1400, 7, false, why,
				       sizeof(why)) == 0;
		if (!ret)
			snprintf(why, sizeof(why), "bytes differ");
		rte_pktmbuf_free(m);
	} else {
		snprintf(why, sizeof(why), "nb_segs %u pkt_len %u, expected 3 "
			 "segments of 1400", got[0]->nb_segs, got[0]->pkt_len);
	}
	tu_free(got, n);
	CHECK(ret, "scattered frame: %s", why);
	/* Scattering already: a jumbo MTU is fine while started. */
	CHECK(rte_eth_dev_set_mtu(port, 9000) == 0, "MTU 9000, scattering");

	/* 2 KiB buffers, no scatter while running; from the next start. */
	CHECK(rte_eth_dev_stop(port) == 0 && rte_eth_dev_set_mtu(port, 1500) ==
	      0, "stop, MTU 1500");
	CHECK(rte_eth_rx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL, mp) ==
	      0 && rte_eth_dev_start(port) == 0, "restart with 2 KiB buffers");
	ret = rx_mode_is(port, "Scalar", 0);
	if (ret != TEST_PASS)
		return ret;
	ret = rte_eth_dev_set_mtu(port, 9000);
	CHECK(ret == -EINVAL, "MTU 9000 on a running queue without scatter: "
	      "%d, expected -EINVAL", ret);
	CHECK(rte_eth_dev_stop(port) == 0 && rte_eth_dev_set_mtu(port, 9000) ==
	      0, "MTU 9000 while stopped");
	CHECK(rte_eth_dev_start(port) == 0, "start at MTU 9000");
	return rx_mode_is(port, "Scalar scattered", 1);
}

void
register_mtu_tests(void)
{
	test_register("mtu", "set_range", test_mtu_range, NULL);
	test_register("mtu", "buffer_limit", test_mtu_buffer_limit, NULL);
	test_register("mtu", "oversize_dropped", test_mtu_drop, NULL);
	test_register("mtu", "set_while_stopped", test_mtu_before_start, NULL);
	test_register("mtu", "implicit_scatter", test_mtu_implicit_scatter,
		      NULL);
}

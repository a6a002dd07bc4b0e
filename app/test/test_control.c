/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Receive filters, MTU, MAC loopback and link state. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "test_common.h"

static const struct rte_ether_addr other_uc = {
	.addr_bytes = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 } };
static const struct rte_ether_addr bcast = {
	.addr_bytes = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
static const struct rte_ether_addr mcast = {
	.addr_bytes = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb } };

struct fspec {
	const struct rte_ether_addr *dst;	/* NULL: the receiver's MAC */
	uint16_t len;
	bool vlan;
	bool accept;
};

/*
 * Send frames in order from tx to rx, then check that exactly the
 * accepted ones arrived, in order, intact. The last frame should be an
 * accepted one: once it is in, every frame before it was dealt with.
 */
static int
send_expect(struct rte_mempool *mp, uint16_t tx, uint16_t rx,
	    const struct rte_ether_addr *src, const struct rte_ether_addr *own,
	    const struct fspec *f, uint16_t nb, uint16_t seq0)
{
	struct rte_mbuf *pkts[16], *got[16];
	uint16_t i, n, want = 0, k;
	char why[160];

	for (i = 0; i < nb; i++) {
		pkts[i] = tu_frame(mp, f[i].dst != NULL ? f[i].dst : own, src,
				   f[i].len, seq0 + i, f[i].vlan);
		CHECK(pkts[i] != NULL, "cannot build frame %u", i);
		want += f[i].accept;
	}
	CHECK(tu_tx(tx, 0, pkts, nb) == nb, "send failed");
	n = tu_rx(rx, 0, got, want);
	for (i = 0, k = 0; k < n; i++) {
		const struct rte_ether_addr *dst =
			f[i].dst != NULL ? f[i].dst : own;

		if (!f[i].accept)
			continue;
		if (tu_frame_check(got[k], dst, src, f[i].len, seq0 + i,
				   f[i].vlan, why, sizeof(why)) < 0) {
			tu_free(got, n);
			return test_fail(__FILE__, __LINE__, "frame %u: %s "
					 "(a dropped frame got through?)",
					 i, why);
		}
		k++;
	}
	tu_free(got, n);
	CHECK(n == want, "received %u of the %u accepted frames", n, want);
	n = tu_rx_drain(rx, 0);
	CHECK(n == 0, "%u frames arrived that should have been dropped", n);
	return TEST_PASS;
}

static int
test_filters(const void *arg __rte_unused)
{
	static const struct fspec off[] = {
		{ &other_uc, 100, false, false },
		{ NULL, 100, false, true },
		{ &bcast, 100, false, true },
		{ &mcast, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct fspec allmulti[] = {
		{ &mcast, 100, false, true },
		{ &other_uc, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct fspec promisc[] = {
		{ &other_uc, 100, false, true },
		{ &mcast, 100, false, true },
		{ &bcast, 100, false, true },
		{ NULL, 60, false, true },
	};
	static const struct fspec back_off[] = {
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
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, off,
			  RTE_DIM(off), 0);
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_allmulticast_enable(p.b) == 0, "allmulti enable");
	CHECK(rte_eth_allmulticast_get(p.b) == 1, "allmulti not on");
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, allmulti,
			  RTE_DIM(allmulti), 10);
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_allmulticast_disable(p.b) == 0, "allmulti disable");
	CHECK(rte_eth_promiscuous_enable(p.b) == 0, "promisc enable");
	CHECK(rte_eth_promiscuous_get(p.b) == 1, "promisc not on");
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, promisc,
			  RTE_DIM(promisc), 20);
	if (ret != TEST_PASS)
		return ret;

	CHECK(rte_eth_promiscuous_disable(p.b) == 0, "promisc disable");
	return send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, back_off,
			   RTE_DIM(back_off), 30);
}

/* Modes set while stopped hold after start. */
static int
test_filters_before_start(const void *arg __rte_unused)
{
	static const struct fspec promisc[] = {
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
	return send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, promisc,
			   RTE_DIM(promisc), 0);
}

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
	static const struct fspec at1500[] = {
		{ NULL, 1514, false, true },
		{ NULL, 1515, false, false },
		{ NULL, 1518, true, true },
		{ NULL, 1519, true, false },
		{ NULL, 60, false, true },
	};
	static const struct fspec at1000[] = {
		{ NULL, 1014, false, true },
		{ NULL, 1015, false, false },
		{ NULL, 1514, false, false },
		{ NULL, 1018, true, true },
		{ NULL, 1019, true, false },
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
	ret = send_expect(mp, port, port, &mac, &mac, at1500,
			  RTE_DIM(at1500), 0);
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.ierrors == 2 && st.ipackets == 3,
	      "MTU 1500: ierrors %" PRIu64 " ipackets %" PRIu64
	      ", expected 2/3", st.ierrors, st.ipackets);

	/* Changed while started: applies at once. */
	CHECK(rte_eth_dev_set_mtu(port, 1000) == 0, "set MTU 1000");
	ret = send_expect(mp, port, port, &mac, &mac, at1000,
			  RTE_DIM(at1000), 10);
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.ierrors == 5 && st.ipackets == 6,
	      "MTU 1000: ierrors %" PRIu64 " ipackets %" PRIu64
	      ", expected 5/6", st.ierrors, st.ipackets);
	return TEST_PASS;
}

/* MTU set while stopped holds after start. */
static int
test_mtu_before_start(const void *arg __rte_unused)
{
	static const struct fspec at800[] = {
		{ NULL, 814, false, true },
		{ NULL, 815, false, false },
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
	return send_expect(mp, port, port, &mac, &mac, at800, RTE_DIM(at800),
			   0);
}

/* lpbk_mode 1 on a peer wire: Tx returns to own Rx, not to the peer. */
static int
test_lpbk_mode(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[8], *got[8];
	struct tu_port_conf ca;
	struct rte_eth_stats sb;
	struct tu_pair p;
	char why[160];
	uint16_t i, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&ca);
	ca.lpbk_mode = 1;
	ret = tu_pair_start(&p, mp, &ca, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_stats_reset(p.b) == 0, "stats reset");
	for (i = 0; i < RTE_DIM(pkts); i++) {
		pkts[i] = tu_frame(mp, &p.mac_a, &p.mac_a, 64 + i * 100, i,
				   false);
		CHECK(pkts[i] != NULL, "cannot build frame");
	}
	CHECK(tu_tx(p.a, 0, pkts, RTE_DIM(pkts)) == RTE_DIM(pkts),
	      "send failed");
	n = tu_rx(p.a, 0, got, RTE_DIM(got));
	for (i = 0; i < n; i++) {
		if (tu_frame_check(got[i], &p.mac_a, &p.mac_a, 64 + i * 100, i,
				   false, why, sizeof(why)) < 0) {
			tu_free(got, n);
			return test_fail(__FILE__, __LINE__, "%s", why);
		}
	}
	tu_free(got, n);
	CHECK(n == RTE_DIM(pkts), "A got back %u of %zu", n, RTE_DIM(pkts));
	n = tu_rx_drain(p.b, 0);
	CHECK(n == 0, "peer B received %u frames of a looped-back port", n);
	CHECK(rte_eth_stats_get(p.b, &sb) == 0, "stats B");
	CHECK(sb.ipackets == 0 && sb.imissed == 0 && sb.ierrors == 0,
	      "B saw traffic: ipackets %" PRIu64 " imissed %" PRIu64,
	      sb.ipackets, sb.imissed);
	return TEST_PASS;
}

static int
test_link(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[5], *got[1];
	struct rte_eth_link la, lb;
	struct rte_eth_stats sa;
	struct tu_pair p;
	uint16_t i, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_link_get(p.a, &la) == 0 && rte_eth_link_get(p.b, &lb) == 0,
	      "link get");
	CHECK(la.link_status == RTE_ETH_LINK_UP &&
	      lb.link_status == RTE_ETH_LINK_UP, "links %u/%u, expected up",
	      la.link_status, lb.link_status);
	CHECK(la.link_speed == RTE_ETH_SPEED_NUM_100G &&
	      la.link_duplex == RTE_ETH_LINK_FULL_DUPLEX,
	      "speed %u duplex %u", la.link_speed, la.link_duplex);

	CHECK(rte_eth_dev_stop(p.b) == 0, "stop B");
	ret = tu_wait_link(p.a, 0, &la);
	CHECK(ret == 0, "A link still up with B stopped");
	CHECK(rte_eth_link_get_nowait(p.b, &lb) == 0 &&
	      lb.link_status == RTE_ETH_LINK_DOWN, "stopped B link up");
	/* No carrier: A's frames are dropped and counted. */
	CHECK(rte_eth_stats_reset(p.a) == 0, "stats reset");
	for (i = 0; i < RTE_DIM(pkts); i++) {
		pkts[i] = tu_frame(mp, &p.mac_b, &p.mac_a, 100, i, false);
		CHECK(pkts[i] != NULL, "cannot build frame");
	}
	CHECK(tu_tx(p.a, 0, pkts, RTE_DIM(pkts)) == RTE_DIM(pkts),
	      "send failed");
	ret = tu_wait_stat(p.a, TU_STAT(oerrors), RTE_DIM(pkts), &sa);
	CHECK(ret == 0 && sa.opackets == 0, "link down: A oerrors %" PRIu64
	      " opackets %" PRIu64 ", expected 5/0", sa.oerrors, sa.opackets);

	CHECK(rte_eth_dev_start(p.b) == 0, "restart B");
	CHECK(tu_wait_link(p.a, 1, &la) == 0, "A link not up after restart");
	CHECK(tu_wait_link(p.b, 1, &lb) == 0, "B link not up after restart");
	CHECK(tu_rx_drain(p.b, 0) == 0, "frames sent with link down arrived");
	pkts[0] = tu_frame(mp, &p.mac_b, &p.mac_a, 100, 99, false);
	CHECK(pkts[0] != NULL && tu_tx(p.a, 0, pkts, 1) == 1, "send failed");
	n = tu_rx(p.b, 0, got, 1);
	tu_free(got, n);
	CHECK(n == 1, "no traffic after link came back");

	/* Optional op: either unsupported or really takes the link down. */
	ret = rte_eth_dev_set_link_down(p.a);
	CHECK(ret == 0 || ret == -ENOTSUP, "set_link_down: %d", ret);
	if (ret == 0) {
		CHECK(tu_wait_link(p.b, 0, &lb) == 0,
		      "set_link_down on A: B still up");
		CHECK(rte_eth_dev_set_link_up(p.a) == 0, "set_link_up");
		CHECK(tu_wait_link(p.b, 1, &lb) == 0,
		      "set_link_up on A: B still down");
	}

	/* Unplugging B (close) takes A's link down too. */
	CHECK(tu_vdev_destroy("b") == 0, "remove B");
	CHECK(tu_wait_link(p.a, 0, &la) == 0, "A link up with B removed");
	return TEST_PASS;
}

/* A new default MAC filters at once; the old one no longer does. */
static int
test_mac_addr_set(const void *arg __rte_unused)
{
	static struct rte_ether_addr new_mac = {
		.addr_bytes = { 0x02, 0x00, 0x00, 0x00, 0x12, 0x34 } };
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr old, cur;
	struct fspec f[3] = {
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
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &new_mac, f, RTE_DIM(f), 0);
	if (ret != TEST_PASS)
		return ret;
	/* Kept over a stop/start. */
	CHECK(rte_eth_dev_stop(p.b) == 0 && rte_eth_dev_start(p.b) == 0,
	      "restart B");
	CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &new_mac, f, RTE_DIM(f), 10);
	if (ret != TEST_PASS)
		return ret;
	ret = rte_eth_dev_default_mac_addr_set(p.b, &mcast_mac);
	CHECK(ret < 0, "multicast default MAC accepted");
	CHECK(rte_eth_macaddr_get(p.b, &cur) == 0 &&
	      rte_is_same_ether_addr(&cur, &new_mac), "MAC changed by a "
	      "refused set");
	return TEST_PASS;
}

/* lpbk_mode back to 0 on reconfigure: Tx goes to the wire again. */
static int
test_lpbk_off_again(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_port_conf ca;
	struct rte_mbuf *m;
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&ca);
	ca.lpbk_mode = 1;
	ret = tu_pair_start(&p, mp, &ca, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	m = tu_frame(mp, &p.mac_b, &p.mac_a, 100, 1, false);
	CHECK(m != NULL && tu_tx(p.a, 0, &m, 1) == 1, "send");
	ret = tu_rx_drain(p.b, 0);
	CHECK(ret == 0, "lpbk_mode 1: B received %d frames", ret);
	CHECK(rte_eth_dev_stop(p.a) == 0, "stop A");
	ca.lpbk_mode = 0;
	ret = tu_port_start(p.a, mp, &ca);
	CHECK(ret == 0, "reconfigure A with lpbk_mode 0: %d", ret);
	CHECK(tu_wait_link(p.a, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	m = tu_frame(mp, &p.mac_b, &p.mac_a, 100, 2, false);
	CHECK(m != NULL && tu_tx(p.a, 0, &m, 1) == 1, "send");
	CHECK(tu_rx(p.b, 0, &m, 1) == 1, "lpbk_mode 0 after 1: B got nothing");
	ret = tu_frame_seq(m);
	rte_pktmbuf_free(m);
	CHECK(ret == 2, "seq %d", ret);
	CHECK(tu_rx_drain(p.a, 0) == 0, "A still loops back");
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
	static const struct fspec with3[] = {
		{ &extra[0], 100, false, true },
		{ &extra[1], 100, false, true },
		{ &extra[2], 100, false, true },
		{ &stranger, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct fspec without1[] = {
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
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, with3,
			  RTE_DIM(with3), 0);
	if (ret != TEST_PASS)
		return ret;
	CHECK(rte_eth_dev_mac_addr_remove(p.b, &extra[1]) == 0, "remove");
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, without1,
			  RTE_DIM(without1), 10);
	if (ret != TEST_PASS)
		return ret;
	/* The table survives a restart (ethdev replays it, device keeps it). */
	CHECK(rte_eth_dev_stop(p.b) == 0 && rte_eth_dev_start(p.b) == 0,
	      "restart");
	CHECK(tu_wait_link(p.a, 1, &link) == 0, "link after restart");
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, without1,
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
	static const struct fspec listed[] = {
		{ &groups[0], 100, false, true },
		{ &groups[1], 100, false, true },
		{ &other, 100, false, false },
		{ NULL, 60, false, true },
	};
	static const struct fspec cleared[] = {
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
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, listed,
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
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, cleared,
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
	ret = send_expect(mp, p.a, p.b, &p.mac_a, &p.mac_b, listed,
			  RTE_DIM(listed), 20);
	if (ret != TEST_PASS)
		return ret;
	return TEST_PASS;
}

void
register_control_tests(void)
{
	test_register("filters", "mac_table", test_mac_table, NULL);
	test_register("filters", "mc_list", test_mc_list, NULL);
	test_register("filters", "promisc_allmulti", test_filters, NULL);
	test_register("filters", "set_while_stopped",
		      test_filters_before_start, NULL);
	test_register("mtu", "set_range", test_mtu_range, NULL);
	test_register("mtu", "buffer_limit", test_mtu_buffer_limit, NULL);
	test_register("mtu", "oversize_dropped", test_mtu_drop, NULL);
	test_register("mtu", "set_while_stopped", test_mtu_before_start, NULL);
	test_register("filters", "mac_addr_set", test_mac_addr_set, NULL);
	test_register("lpbk", "mode1_peer", test_lpbk_mode, NULL);
	test_register("lpbk", "mode0_after_mode1", test_lpbk_off_again, NULL);
	test_register("link", "peer_up_down", test_link, NULL);
}

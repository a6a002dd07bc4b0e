/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Link state: carrier between cabled ports, administrative link
 * down/up, and link state change interrupts.
 */

#include <errno.h>
#include <string.h>

#include "test_common.h"

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

/* Administrative link down takes the far end down too; up restores. */
static int
test_set_link(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_link link;
	struct tu_pair p;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_dev_set_link_down(p.b) == 0, "set link down");
	CHECK(tu_wait_link(p.b, 0, &link) == 0, "B still up");
	CHECK(tu_wait_link(p.a, 0, &link) == 0, "A up with B down");
	CHECK(tu_pass_frames(mp, &p, 4) == 0, "frames crossed a down link");
	CHECK(rte_eth_dev_set_link_up(p.b) == 0, "set link up");
	CHECK(tu_wait_link(p.a, 1, &link) == 0 &&
	      tu_wait_link(p.b, 1, &link) == 0, "links not back up");
	CHECK(tu_pass_frames(mp, &p, 4) == 4, "traffic after link up");
	return TEST_PASS;
}

struct lsc_seen {
	uint32_t events;	/* RTE_ETH_EVENT_INTR_LSC callbacks */
	int last_status;	/* link status read in the last one */
};

static int
lsc_cb(uint16_t port, enum rte_eth_event_type type, void *arg,
       void *ret_param __rte_unused)
{
	struct lsc_seen *s = arg;
	struct rte_eth_link link;

	if (type != RTE_ETH_EVENT_INTR_LSC)
		return 0;
	if (rte_eth_link_get_nowait(port, &link) != 0)
		link.link_status = RTE_ETH_LINK_DOWN;
	__atomic_store_n(&s->last_status, link.link_status, __ATOMIC_RELAXED);
	__atomic_fetch_add(&s->events, 1, __ATOMIC_RELEASE);
	return 0;
}

/* Wait (bounded) until s->events reaches n. */
static bool
lsc_wait(struct lsc_seen *s, uint32_t n)
{
	unsigned int i;

	for (i = 0; i < TU_POLL_ITERS; i++) {
		if (__atomic_load_n(&s->events, __ATOMIC_ACQUIRE) >= n)
			return true;
		rte_delay_us_sleep(TU_POLL_US);
	}
	return false;
}

/* A's peer goes down and up: A gets two LSC events from its interrupt. */
static int
test_lsc_interrupt(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct lsc_seen seen = { 0, -1 }, quiet = { 0, -1 };
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	struct tu_pair p;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_dev_info_get(p.a, &info) == 0 &&
	      (*info.dev_flags & RTE_ETH_DEV_INTR_LSC), "no LSC capability");
	/* Reconfigure A with LSC interrupts on; B keeps them off. */
	CHECK(rte_eth_dev_stop(p.a) == 0, "stop A");
	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.lsc = 1;
	CHECK(rte_eth_dev_configure(p.a, 1, 1, &conf) == 0, "configure lsc");
	CHECK(rte_eth_rx_queue_setup(p.a, 0, 256, SOCKET_ID_ANY, NULL,
				     mp) == 0 &&
	      rte_eth_tx_queue_setup(p.a, 0, 256, SOCKET_ID_ANY, NULL) == 0,
	      "queues");
	CHECK(rte_eth_dev_callback_register(p.a, RTE_ETH_EVENT_INTR_LSC,
					    lsc_cb, &seen) == 0, "register A");
	CHECK(rte_eth_dev_callback_register(p.b, RTE_ETH_EVENT_INTR_LSC,
					    lsc_cb, &quiet) == 0, "register B");
	CHECK(rte_eth_dev_start(p.a) == 0, "start A");
	CHECK(tu_wait_link(p.a, 1, &link) == 0, "A link up");
	lsc_wait(&seen, 1);	/* the up of A's own start, if it came */
	__atomic_store_n(&seen.events, 0, __ATOMIC_RELEASE);

	CHECK(rte_eth_dev_stop(p.b) == 0, "stop B");
	CHECK(lsc_wait(&seen, 1), "no LSC event on A when its peer stopped");
	CHECK(seen.last_status == RTE_ETH_LINK_DOWN,
	      "A's link %d in the down event", seen.last_status);
	CHECK(rte_eth_dev_start(p.b) == 0, "start B");
	CHECK(lsc_wait(&seen, 2), "no LSC event on A when its peer started");
	CHECK(seen.last_status == RTE_ETH_LINK_UP,
	      "A's link %d in the up event", seen.last_status);
	/* B never asked for LSC interrupts: it heard nothing. */
	CHECK(quiet.events == 0, "B got %u LSC events without intr_conf.lsc",
	      quiet.events);
	rte_eth_dev_callback_unregister(p.a, RTE_ETH_EVENT_INTR_LSC, lsc_cb,
					&seen);
	rte_eth_dev_callback_unregister(p.b, RTE_ETH_EVENT_INTR_LSC, lsc_cb,
					&quiet);
	return TEST_PASS;
}

void
register_link_tests(void)
{
	test_register("link", "peer_up_down", test_link, NULL);
	test_register("link", "lsc_interrupt", test_lsc_interrupt, NULL);
	test_register("link", "set_link_down_up", test_set_link, NULL);
}

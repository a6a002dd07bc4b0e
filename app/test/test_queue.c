/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Queue control: per-queue start/stop, deferred start, runtime
 * setup, descriptor status and Rx queue interrupts.
 */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "test_common.h"

/* A stopped Rx queue takes nothing (and holds no mbuf); restarted, it does. */
static int
test_queue_start_stop(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_stats st;
	struct rte_eth_rxq_info qi;
	struct tu_pair p;
	uint16_t n;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(tu_pass_frames(mp, &p, 10) == 10, "traffic before stop");
	CHECK(rte_eth_dev_rx_queue_stop(p.b, 0) == 0, "rxq stop");
	CHECK(rte_eth_rx_queue_info_get(p.b, 0, &qi) == 0 &&
	      qi.queue_state == RTE_ETH_QUEUE_STATE_STOPPED, "state not stopped");
	/* A's posted buffers stay; B gave all of its own back. */
	CHECK(rte_eth_stats_reset(p.b) == 0, "stats reset");
	n = tu_pass_frames(mp, &p, 10);
	CHECK(n == 0, "%u frames received on a stopped queue", n);
	CHECK(rte_eth_stats_get(p.b, &st) == 0 && st.imissed == 10,
	      "imissed %" PRIu64 " with the queue stopped, want 10", st.imissed);
	/* Bursts on stopped queues do nothing (and must not crash). */
	{
		struct rte_mbuf *m[4];

		CHECK(rte_eth_rx_burst(p.b, 0, m, 4) == 0, "rx on a stopped queue");
		CHECK(rte_eth_dev_tx_queue_stop(p.a, 0) == 0, "txq stop");
		m[0] = tu_frame(mp, &p.mac_b, &p.mac_a, 64, 0, false);
		CHECK(rte_eth_tx_burst(p.a, 0, m, 1) == 0,
		      "tx on a stopped queue took the frame");
		rte_pktmbuf_free(m[0]);
		CHECK(rte_eth_dev_tx_queue_start(p.a, 0) == 0, "txq start");
	}
	CHECK(rte_eth_dev_rx_queue_start(p.b, 0) == 0, "rxq start");
	CHECK(tu_pass_frames(mp, &p, 10) == 10, "traffic after restart");
	return TEST_PASS;
}

/* A deferred queue waits for its own start; the port runs without it. */
static int
test_deferred_start(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_rxconf rxconf = { .rx_deferred_start = 1 };
	struct rte_eth_conf conf;
	struct rte_eth_rxq_info qi;
	struct rte_eth_link link;
	struct tu_pair p;
	uint16_t n;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_dev_stop(p.b) == 0, "stop B");
	memset(&conf, 0, sizeof(conf));
	CHECK(rte_eth_dev_configure(p.b, 1, 1, &conf) == 0, "configure");
	CHECK(rte_eth_rx_queue_setup(p.b, 0, 256, SOCKET_ID_ANY, &rxconf,
				     mp) == 0, "deferred rxq setup");
	CHECK(rte_eth_tx_queue_setup(p.b, 0, 256, SOCKET_ID_ANY, NULL) == 0,
	      "txq setup");
	CHECK(rte_eth_dev_start(p.b) == 0, "start B");
	CHECK(rte_eth_promiscuous_enable(p.b) == 0, "promisc");
	CHECK(tu_wait_link(p.a, 1, &link) == 0, "link");
	CHECK(rte_eth_rx_queue_info_get(p.b, 0, &qi) == 0 &&
	      qi.queue_state == RTE_ETH_QUEUE_STATE_STOPPED,
	      "deferred queue started with the port");
	n = tu_pass_frames(mp, &p, 8);
	CHECK(n == 0, "%u frames on a deferred queue before its start", n);
	CHECK(rte_eth_dev_rx_queue_start(p.b, 0) == 0, "rxq start");
	CHECK(tu_pass_frames(mp, &p, 8) == 8, "traffic after the queue start");
	return TEST_PASS;
}

/* Set a stopped queue up again, bigger, while the port runs. */
static int
test_runtime_ring_size(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_dev_info info;
	struct rte_eth_rxq_info qi;
	struct tu_pair p;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_dev_info_get(p.b, &info) == 0 &&
	      (info.dev_capa & RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP),
	      "no runtime Rx queue setup capability");
	CHECK(rte_eth_rx_queue_setup(p.b, 0, 512, SOCKET_ID_ANY, NULL, mp) < 0,
	      "setup of a started queue accepted");
	CHECK(rte_eth_dev_rx_queue_stop(p.b, 0) == 0, "rxq stop");
	CHECK(rte_eth_rx_queue_setup(p.b, 0, 512, SOCKET_ID_ANY, NULL,
				     mp) == 0, "runtime setup of 512");
	CHECK(rte_eth_dev_rx_queue_start(p.b, 0) == 0, "rxq start");
	CHECK(rte_eth_rx_queue_info_get(p.b, 0, &qi) == 0 && qi.nb_desc == 512,
	      "ring size %u after runtime setup, want 512", qi.nb_desc);
	CHECK(tu_pass_frames(mp, &p, 20) == 20, "traffic on the new ring");
	return TEST_PASS;
}

/*
 * The first offset in [from, to) whose Tx descriptor status is not want;
 * to if there is none.
 */
static uint16_t
tx_status_other(uint16_t port, uint16_t from, uint16_t to, int want)
{
	for (; from < to; from++)
		if (rte_eth_tx_descriptor_status(port, 0, from) != want)
			break;
	return from;
}

/* Poll (bounded) until Tx descriptor offset reports want. */
static bool
tx_status_wait(uint16_t port, uint16_t offset, int want)
{
	unsigned int i;

	for (i = 0; i < TU_POLL_ITERS; i++) {
		if (rte_eth_tx_descriptor_status(port, 0, offset) == want)
			return true;
		rte_delay_us_sleep(TU_POLL_US);
	}
	return false;
}

/*
 * rx_queue_count and descriptor status follow what the device did.
 *
 * Tx offsets count from the slot the next frame will take (ethdev's
 * definition): the free slots come first and are DONE (reusable); the
 * frames in flight, oldest first, fill the last offsets of the ring and
 * are FULL until the device has marked their batch done and the driver
 * may reclaim their mbufs. The device marks a batch done only at its
 * tx_rs_thresh-th descriptor, so a short send stays FULL in both
 * engines, and completing the batch turns it DONE without a burst in
 * between (nothing reclaims it but tx_done_cleanup()). The Tx frames
 * come from their own pool, so its available count says exactly which
 * mbufs the driver still holds.
 */
static int
test_descriptor_status(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mempool *txmp;
	struct rte_mbuf *pkts[64];
	struct rte_eth_rxq_info rxq;
	struct rte_eth_txq_info txq;
	struct rte_eth_stats st;
	uint16_t nd, rs, first, pool_n, i;
	struct tu_pair p;
	int count, ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_rx_queue_info_get(p.b, 0, &rxq) == 0, "rxq info");
	CHECK(rte_eth_tx_queue_info_get(p.a, 0, &txq) == 0, "txq info");
	nd = txq.nb_desc;
	rs = txq.conf.tx_rs_thresh;
	CHECK(rs > 5 && rs <= RTE_DIM(pkts) && rs < nd,
	      "tx_rs_thresh %u with %u descriptors: the test needs 5 < "
	      "rs <= %zu", rs, nd, RTE_DIM(pkts));
	pool_n = 2 * rs;
	txmp = tu_pool(pool_n, RTE_MBUF_DEFAULT_BUF_SIZE);
	CHECK(txmp != NULL, "no Tx mempool");

	/* Idle rings: all Tx slots free, all Rx slots posted to the device. */
	first = tx_status_other(p.a, 0, nd, RTE_ETH_TX_DESC_DONE);
	CHECK(first == nd, "idle Tx ring: offset %u status %d, want DONE",
	      first, rte_eth_tx_descriptor_status(p.a, 0, first));
	ret = rte_eth_tx_descriptor_status(p.a, 0, nd);
	CHECK(ret == -EINVAL, "Tx offset %u (ring size): %d, want -EINVAL",
	      nd, ret);
	ret = rte_eth_tx_descriptor_status(p.a, 0, UINT16_MAX);
	CHECK(ret == -EINVAL, "Tx offset %u: %d, want -EINVAL", UINT16_MAX,
	      ret);
	CHECK(rte_eth_rx_queue_count(p.b, 0) == 0, "idle rx_queue_count");
	ret = rte_eth_rx_descriptor_status(p.b, 0, 0);
	CHECK(ret == RTE_ETH_RX_DESC_AVAIL, "idle Rx offset 0: %d, want "
	      "AVAIL", ret);
	ret = rte_eth_rx_descriptor_status(p.b, 0, rxq.nb_desc);
	CHECK(ret == -EINVAL, "Rx offset %u (ring size): %d, want -EINVAL",
	      rxq.nb_desc, ret);

	/* Five frames in flight, their batch not complete. */
	for (i = 0; i < 5; i++) {
		pkts[i] = tu_frame(txmp, &p.mac_b, &p.mac_a, 64, i, false);
		CHECK(pkts[i] != NULL, "cannot build frame %u", i);
	}
	CHECK(tu_tx(p.a, 0, pkts, 5) == 5, "send");
	CHECK(tu_wait_stat(p.b, TU_STAT(ipackets), 5, &st) == 0, "arrive");
	CHECK(rte_mempool_avail_count(txmp) == pool_n - 5u,
	      "Tx pool has %u of %u after sending 5: the driver should hold "
	      "the 5", rte_mempool_avail_count(txmp), pool_n);
	first = tx_status_other(p.a, 0, nd - 5, RTE_ETH_TX_DESC_DONE);
	CHECK(first == nd - 5, "5 in flight: free offset %u status %d, want "
	      "DONE", first, rte_eth_tx_descriptor_status(p.a, 0, first));
	first = tx_status_other(p.a, nd - 5, nd, RTE_ETH_TX_DESC_FULL);
	CHECK(first == nd, "5 in flight, batch of %u not done: offset %u "
	      "status %d, want FULL", rs, first,
	      rte_eth_tx_descriptor_status(p.a, 0, first));
	ret = rte_eth_tx_done_cleanup(p.a, 0, 0);
	CHECK(ret == 0, "tx_done_cleanup freed %d of an incomplete batch",
	      ret);
	CHECK(rte_mempool_avail_count(txmp) == pool_n - 5u,
	      "Tx pool has %u of %u after a cleanup that freed nothing",
	      rte_mempool_avail_count(txmp), pool_n);

	/* Rx: the 5 frames wait in the first 5 slots. */
	count = rte_eth_rx_queue_count(p.b, 0);
	CHECK(count == 5, "rx_queue_count %d, want 5", count);
	CHECK(rte_eth_rx_descriptor_status(p.b, 0, 4) == RTE_ETH_RX_DESC_DONE,
	      "descriptor 4 not done");
	CHECK(rte_eth_rx_descriptor_status(p.b, 0, 5) == RTE_ETH_RX_DESC_AVAIL,
	      "descriptor 5 not available");
	CHECK(tu_rx(p.b, 0, pkts, 5) == 5, "read");
	tu_free(pkts, 5);
	CHECK(rte_eth_rx_queue_count(p.b, 0) == 0, "count after reading");
	CHECK(rte_eth_rx_descriptor_status(p.b, 0, 0) == RTE_ETH_RX_DESC_AVAIL,
	      "Rx offset 0 after reading: not available");

	/* The rest of the batch: once the device is done, all of it DONE. */
	for (i = 0; i < rs - 5; i++) {
		pkts[i] = tu_frame(txmp, &p.mac_b, &p.mac_a, 64, 5 + i, false);
		CHECK(pkts[i] != NULL, "cannot build frame %u", 5 + i);
	}
	CHECK(tu_tx(p.a, 0, pkts, rs - 5) == rs - 5, "send");
	CHECK(tx_status_wait(p.a, nd - rs, RTE_ETH_TX_DESC_DONE),
	      "a complete batch of %u: offset %u status %d, never DONE", rs,
	      nd - rs, rte_eth_tx_descriptor_status(p.a, 0, nd - rs));
	first = tx_status_other(p.a, 0, nd, RTE_ETH_TX_DESC_DONE);
	CHECK(first == nd, "batch done: offset %u status %d, want DONE",
	      first, rte_eth_tx_descriptor_status(p.a, 0, first));
	/* Done, but not reclaimed until someone cleans up. */
	CHECK(rte_mempool_avail_count(txmp) == (unsigned int)(pool_n - rs),
	      "Tx pool has %u of %u with a done batch of %u not cleaned up",
	      rte_mempool_avail_count(txmp), pool_n, rs);
	ret = rte_eth_tx_done_cleanup(p.a, 0, 0);
	CHECK(ret == rs, "tx_done_cleanup freed %d, want the batch of %u",
	      ret, rs);
	CHECK(rte_mempool_avail_count(txmp) == pool_n,
	      "Tx pool has %u of %u after tx_done_cleanup: mbufs not given "
	      "back", rte_mempool_avail_count(txmp), pool_n);
	ret = rte_eth_tx_done_cleanup(p.a, 0, 0);
	CHECK(ret == 0, "a second tx_done_cleanup freed %d", ret);
	CHECK(tu_rx(p.b, 0, pkts, rs - 5) == rs - 5, "B received the batch");
	tu_free(pkts, rs - 5);
	return TEST_PASS;
}

/* Frames A sends wake a thread sleeping on B's Rx queue interrupt. */
static int
test_rxq_interrupt(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_epoll_event ev[1];
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	struct rte_mbuf *m;
	struct tu_pair p;
	int n;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_pair_start(&p, mp, NULL, NULL) == 0, "pair setup");
	CHECK(rte_eth_dev_stop(p.b) == 0, "stop B");
	memset(&conf, 0, sizeof(conf));
	conf.intr_conf.rxq = 1;
	CHECK(rte_eth_dev_configure(p.b, 1, 1, &conf) == 0, "configure rxq");
	CHECK(rte_eth_rx_queue_setup(p.b, 0, 256, SOCKET_ID_ANY, NULL,
				     mp) == 0 &&
	      rte_eth_tx_queue_setup(p.b, 0, 256, SOCKET_ID_ANY, NULL) == 0,
	      "queues");
	CHECK(rte_eth_dev_start(p.b) == 0, "start B");
	CHECK(rte_eth_promiscuous_enable(p.b) == 0, "promisc");
	CHECK(tu_wait_link(p.a, 1, &link) == 0, "link");
	CHECK(rte_eth_dev_rx_intr_ctl_q(p.b, 0, RTE_EPOLL_PER_THREAD,
					RTE_INTR_EVENT_ADD, NULL) == 0,
	      "add the queue's interrupt to epoll");

	CHECK(rte_eth_dev_rx_intr_enable(p.b, 0) == 0, "enable");
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 1, 100);
	CHECK(n == 0, "woken (%d) with no traffic", n);
	m = tu_frame(mp, &p.mac_b, &p.mac_a, 64, 1, false);
	CHECK(tu_tx(p.a, 0, &m, 1) == 1, "send");
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 1, 1000);
	CHECK(n == 1, "no wake-up (%d) for a frame", n);
	CHECK(rte_eth_dev_rx_intr_disable(p.b, 0) == 0, "disable");
	CHECK(tu_rx_drain(p.b, 0) == 1, "the frame");

	/* Disabled: frames arrive without waking anyone. */
	m = tu_frame(mp, &p.mac_b, &p.mac_a, 64, 2, false);
	CHECK(tu_tx(p.a, 0, &m, 1) == 1, "send");
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 1, 100);
	CHECK(n == 0, "woken (%d) with the interrupt disabled", n);
	/* Enabled with that frame still unread: wake at once. */
	CHECK(rte_eth_dev_rx_intr_enable(p.b, 0) == 0, "enable again");
	n = rte_epoll_wait(RTE_EPOLL_PER_THREAD, ev, 1, 1000);
	CHECK(n == 1, "no wake-up (%d) for a frame waiting at enable", n);
	CHECK(rte_eth_dev_rx_intr_disable(p.b, 0) == 0, "disable");
	CHECK(tu_rx_drain(p.b, 0) == 1, "the second frame");
	rte_eth_dev_rx_intr_ctl_q(p.b, 0, RTE_EPOLL_PER_THREAD,
				  RTE_INTR_EVENT_DEL, NULL);
	return TEST_PASS;
}

void
register_queue_tests(void)
{
	test_register("queue", "rx_interrupt", test_rxq_interrupt, NULL);
	test_register("queue", "start_stop", test_queue_start_stop, NULL);
	test_register("queue", "deferred_start", test_deferred_start, NULL);
	test_register("queue", "runtime_ring_size", test_runtime_ring_size,
		      NULL);
	test_register("queue", "descriptor_status", test_descriptor_status,
		      NULL);
}

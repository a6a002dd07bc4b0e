/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* MAC loopback (lpbk_mode): Tx to the own Rx path, not to the wire. */

#include "test_common.h"

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

void
register_lpbk_tests(void)
{
	test_register("lpbk", "mode1_peer", test_lpbk_mode, NULL);
	test_register("lpbk", "mode0_after_mode1", test_lpbk_off_again, NULL);
}

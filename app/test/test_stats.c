/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Counters: basic stats exact to the frame and byte, per queue, reset;
 * extended stats agree with them and count each drop reason.
 */

#include <stdio.h>
#include <string.h>

#include "test_common.h"

/* Port counters and those of the port's nb_q queues all zero. */
static int
stats_zero(uint16_t port, uint16_t nb_q, const struct rte_eth_stats *s)
{
	struct tu_qstats qs;
	uint16_t q;

	if (s->ipackets || s->opackets || s->ibytes || s->obytes ||
	    s->imissed || s->ierrors || s->oerrors || s->rx_nombuf)
		return 0;
	for (q = 0; q < nb_q; q++)
		if (tu_queue_stats(port, q, &qs) != 0 || qs.ipackets ||
		    qs.opackets || qs.ibytes || qs.obytes || qs.ierrors)
			return 0;
	return 1;
}

/* Exact packet and byte deltas, per port and per queue. */
static int
check_deltas(struct rte_mempool *mp, const struct tu_pair *p, uint16_t nb,
	     uint16_t len, uint16_t seq0)
{
	struct rte_mbuf *pkts[64], *got[64];
	struct rte_eth_stats sa, sb;
	struct tu_qstats qa, qb;
	uint64_t bytes = (uint64_t)nb * len;
	uint16_t i, n;
	int ret;

	for (i = 0; i < nb; i++) {
		pkts[i] = tu_frame(mp, &p->mac_b, &p->mac_a, len, seq0 + i,
				   false);
		CHECK(pkts[i] != NULL, "cannot build frame");
	}
	CHECK(tu_tx(p->a, 0, pkts, nb) == nb, "send failed");
	ret = tu_wait_stat(p->b, TU_STAT(ipackets), nb, &sb);
	CHECK(ret == 0, "B ipackets %" PRIu64 ", waited for %u", sb.ipackets,
	      nb);
	CHECK(rte_eth_stats_get(p->a, &sa) == 0, "stats A");
	CHECK(sa.opackets == nb && sa.obytes == bytes,
	      "A opackets %" PRIu64 " obytes %" PRIu64 ", expected %u/%" PRIu64,
	      sa.opackets, sa.obytes, nb, bytes);
	CHECK(tu_queue_stats(p->a, 0, &qa) == 0, "queue stats A");
	CHECK(qa.opackets == nb && qa.obytes == bytes,
	      "A txq 0 packets %" PRIu64 " bytes %" PRIu64
	      ", expected %u/%" PRIu64, qa.opackets, qa.obytes, nb, bytes);
	CHECK(sb.ipackets == nb && sb.ibytes == bytes,
	      "B ipackets %" PRIu64 " ibytes %" PRIu64 ", expected %u/%" PRIu64,
	      sb.ipackets, sb.ibytes, nb, bytes);
	CHECK(tu_queue_stats(p->b, 0, &qb) == 0, "queue stats B");
	CHECK(qb.ipackets == nb && qb.ibytes == bytes,
	      "B rxq 0 packets %" PRIu64 " bytes %" PRIu64
	      ", expected %u/%" PRIu64, qb.ipackets, qb.ibytes, nb, bytes);
	CHECK(sa.ipackets == 0 && sb.opackets == 0,
	      "A ipackets %" PRIu64 " B opackets %" PRIu64 ", expected 0",
	      sa.ipackets, sb.opackets);
	CHECK(sa.oerrors == 0 && sb.ierrors == 0 && sb.imissed == 0,
	      "errors: A oerrors %" PRIu64 " B ierrors %" PRIu64
	      " imissed %" PRIu64, sa.oerrors, sb.ierrors, sb.imissed);
	n = tu_rx(p->b, 0, got, nb);
	tu_free(got, n);
	CHECK(n == nb, "B received %u of %u", n, nb);
	return TEST_PASS;
}

static int
test_stats_deltas(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_stats_reset(p.a) == 0 && rte_eth_stats_reset(p.b) == 0,
	      "stats reset failed");
	ret = check_deltas(mp, &p, 37, 200, 0);
	if (ret != TEST_PASS)
		return ret;
	/* A second reset: the deltas start from zero again. */
	CHECK(rte_eth_stats_reset(p.a) == 0 && rte_eth_stats_reset(p.b) == 0,
	      "stats reset failed");
	return check_deltas(mp, &p, 5, 64, 100);
}

static int
test_stats_reset(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[16];
	struct rte_eth_stats st;
	struct rte_ether_addr mac;
	uint16_t port, i, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (i = 0; i < RTE_DIM(pkts); i++) {
		/* Half to us, half oversize (ierrors). */
		pkts[i] = tu_frame(mp, &mac, &mac, i % 2 ? 1600 : 100, i,
				   false);
		CHECK(pkts[i] != NULL, "cannot build frame");
	}
	CHECK(tu_tx(port, 0, pkts, RTE_DIM(pkts)) == RTE_DIM(pkts),
	      "send failed");
	ret = tu_wait_stat(port, TU_STAT(ierrors), 8, &st);
	CHECK(ret == 0, "ierrors %" PRIu64 ", waited for 8", st.ierrors);
	n = tu_rx_drain(port, 0);
	CHECK(n == 8, "received %u, expected 8", n);
	CHECK(rte_eth_stats_get(port, &st) == 0 && !stats_zero(port, 1, &st),
	      "stats are zero before reset: the test proves nothing");
	CHECK(rte_eth_stats_reset(port) == 0, "stats reset failed");
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats get failed");
	CHECK(stats_zero(port, 1, &st), "not zero after reset: ipackets %"
	      PRIu64 " opackets %" PRIu64 " ierrors %" PRIu64 " (or a queue "
	      "counter)", st.ipackets, st.opackets, st.ierrors);
	return TEST_PASS;
}

/* Extended stats agree with the basic ones. */
static int
test_xstats(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	static struct rte_eth_xstat_name names[256];
	static struct rte_eth_xstat xs[256];
	uint64_t good_rx = UINT64_MAX, good_tx = UINT64_MAX;
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct rte_mbuf *pkts[3];
	uint16_t port, i;
	int n, k, ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (i = 0; i < 3; i++) {
		pkts[i] = tu_frame(mp, &mac, &mac, 100, i, false);
		CHECK(pkts[i] != NULL, "frame");
	}
	CHECK(tu_tx(port, 0, pkts, 3) == 3, "send");
	CHECK(tu_wait_stat(port, TU_STAT(ipackets), 3, &st) == 0, "ipackets");
	n = rte_eth_xstats_get_names(port, names, RTE_DIM(names));
	k = rte_eth_xstats_get(port, xs, RTE_DIM(xs));
	CHECK(n > 0 && n == k && n <= (int)RTE_DIM(xs), "xstats %d names %d",
	      k, n);
	for (i = 0; i < n; i++) {
		if (strcmp(names[xs[i].id].name, "rx_good_packets") == 0)
			good_rx = xs[i].value;
		if (strcmp(names[xs[i].id].name, "tx_good_packets") == 0)
			good_tx = xs[i].value;
	}
	CHECK(good_rx == 3 && good_tx == 3, "rx_good_packets %" PRIu64
	      " tx_good_packets %" PRIu64 ", expected 3", good_rx, good_tx);
	CHECK(rte_eth_xstats_reset(port) == 0, "xstats reset");
	CHECK(rte_eth_stats_get(port, &st) == 0 && st.ipackets == 0,
	      "ipackets %" PRIu64 " after xstats reset", st.ipackets);
	return TEST_PASS;
}

/* The value of the xstat called name, or UINT64_MAX if there is none. */

/* Ether/IPv4/UDP, 60 bytes, its IPv4 header checksum deliberately wrong. */
static struct rte_mbuf *
bad_ipv4_frame(struct rte_mempool *mp, const struct rte_ether_addr *dst)
{
	static const uint8_t l3l4[] = {
		0x08, 0x00,				/* EtherType IPv4 */
		0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00,
		0x40, 0x11, 0xde, 0xad,			/* wrong checksum */
		10, 0, 0, 1, 10, 0, 0, 2,
		0x12, 0x34, 0x56, 0x78, 0x00, 0x08, 0x00, 0x00,
	};
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	uint8_t *p;

	if (m == NULL)
		return NULL;
	p = (uint8_t *)rte_pktmbuf_append(m, 60);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memset(p, 0, 60);
	memcpy(p, dst, RTE_ETHER_ADDR_LEN);
	memcpy(p + 6, dst, RTE_ETHER_ADDR_LEN);
	memcpy(p + 12, l3l4, sizeof(l3l4));
	return m;
}

static int
test_xstats_counters(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac, other = {{ 0x02, 0, 0, 0, 0, 0x99 }};
	struct rte_eth_conf conf;
	struct rte_mbuf *pkts[4];
	uint16_t port, i, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "", &port) == 0, "probe");
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_IPV4_CKSUM;
	CHECK(rte_eth_dev_configure(port, 1, 1, &conf) == 0, "configure");
	CHECK(rte_eth_rx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL,
				     mp) == 0, "rxq");
	CHECK(rte_eth_tx_queue_setup(port, 0, 256, SOCKET_ID_ANY, NULL) == 0,
	      "txq");
	CHECK(rte_eth_dev_start(port) == 0, "start");
	CHECK(rte_eth_promiscuous_disable(port) == 0, "promisc off");
	rte_eth_macaddr_get(port, &mac);
	CHECK(rte_eth_xstats_reset(port) == 0, "reset");
	CHECK(tu_xstat(port, "rx_l3_checksum_errors") == 0 &&
	      tu_xstat(port, "rx_mtu_exceeded_errors") == 0 &&
	      tu_xstat(port, "rx_mac_filter_drops") == 0, "not zero after reset");

	/* 2 frames over the MTU limit (MTU + 22), 3 to a foreign MAC, 4 with a
	 * bad IPv4 sum.
	 */
	for (i = 0; i < 2; i++)
		pkts[i] = tu_frame(mp, &mac, &mac, RTE_ETHER_MTU + 23, i, false);
	CHECK(tu_tx(port, 0, pkts, 2) == 2, "send oversize");
	for (i = 0; i < 3; i++)
		pkts[i] = tu_frame(mp, &other, &mac, 64, i, false);
	CHECK(tu_tx(port, 0, pkts, 3) == 3, "send foreign");
	for (i = 0; i < 4; i++) {
		pkts[i] = bad_ipv4_frame(mp, &mac);
		CHECK(pkts[i] != NULL, "frame");
	}
	CHECK(tu_tx(port, 0, pkts, 4) == 4, "send bad checksums");
	n = tu_rx(port, 0, pkts, 4);
	ret = 0;
	for (i = 0; i < n; i++)
		ret += (pkts[i]->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) ==
			RTE_MBUF_F_RX_IP_CKSUM_BAD;
	tu_free(pkts, n);
	CHECK(n == 4 && ret == 4, "%u frames delivered, %d flagged IP bad", n,
	      ret);
	CHECK(tu_xstat(port, "rx_mtu_exceeded_errors") == 2,
	      "rx_mtu_exceeded_errors %" PRIu64,
	      tu_xstat(port, "rx_mtu_exceeded_errors"));
	CHECK(tu_xstat(port, "rx_mac_filter_drops") == 3,
	      "rx_mac_filter_drops %" PRIu64, tu_xstat(port, "rx_mac_filter_drops"));
	CHECK(tu_xstat(port, "rx_l3_checksum_errors") == 4,
	      "rx_l3_checksum_errors %" PRIu64,
	      tu_xstat(port, "rx_l3_checksum_errors"));
	CHECK(tu_xstat(port, "rx_l4_checksum_errors") == 0,
	      "rx_l4_checksum_errors %" PRIu64,
	      tu_xstat(port, "rx_l4_checksum_errors"));
	return TEST_PASS;
}

/*
 * A pool that runs dry: each buffer the driver could not get counts in
 * rx_nombuf once, however often Rx polls while the pool stays dry (it
 * once added the whole deficit on every poll).
 */
static int
test_rx_nombuf_once(const void *arg __rte_unused)
{
	/* The Rx ring's 256 buffers and 40 frames: then nothing is left. */
	struct rte_mempool *mp = tu_pool(256 + 40, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[40], *more[32];
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	uint16_t port, i, n;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_loop_start(&port, &mac, mp, NULL) == 0, "loop port");
	CHECK(rte_eth_stats_reset(port) == 0, "reset");
	for (i = 0; i < RTE_DIM(pkts); i++) {
		pkts[i] = tu_frame(mp, &mac, &mac, 64, i, false);
		CHECK(pkts[i] != NULL, "frame %u", i);
	}
	/* The sent mbufs stay on the Tx ring: no Tx burst frees them. */
	CHECK(tu_tx(port, 0, pkts, RTE_DIM(pkts)) == RTE_DIM(pkts), "send");
	n = tu_rx(port, 0, pkts, RTE_DIM(pkts));
	CHECK(n == RTE_DIM(pkts), "received %u of %zu", n, RTE_DIM(pkts));
	for (i = 0; i < 1000; i++)
		CHECK(rte_eth_rx_burst(port, 0, more, RTE_DIM(more)) == 0,
		      "a frame from nowhere");
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.rx_nombuf == RTE_DIM(pkts), "rx_nombuf %" PRIu64 " after 1000 "
	      "polls of a dry pool, %zu buffers missing", st.rx_nombuf,
	      RTE_DIM(pkts));
	/* Buffers back: the refill goes through, nothing more is counted. */
	tu_free(pkts, n);
	for (i = 0; i < 100; i++)
		CHECK(rte_eth_rx_burst(port, 0, more, RTE_DIM(more)) == 0,
		      "a frame from nowhere");
	CHECK(rte_eth_stats_get(port, &st) == 0 &&
	      st.rx_nombuf == RTE_DIM(pkts), "rx_nombuf %" PRIu64 " once the "
	      "pool had buffers again", st.rx_nombuf);
	return TEST_PASS;
}

/*
 * The wire counters are the 1.1 statistics extension: a 1.0 device (the
 * hw_version devarg) has none and its 1.0 block still reads right; a 1.1
 * device has all five.
 */
static int
test_wire_counters_version(const void *arg __rte_unused)
{
	static const char *const names[] = {
		"rx_wire_errors", "rx_wire_resyncs", "tx_wire_drops",
		"wire_handshake_errors", "rx_wire_drops" };
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct tu_port_conf c;
	struct rte_mbuf *m;
	uint16_t old, cur, i;

	CHECK(mp != NULL, "no mempool");
	CHECK(tu_port("a", "hw_version=1.0", &old) == 0, "1.0 device");
	CHECK(tu_port("b", "", &cur) == 0, "1.1 device");
	for (i = 0; i < RTE_DIM(names); i++) {
		CHECK(tu_xstat(old, names[i]) == UINT64_MAX,
		      "a 1.0 device has %s", names[i]);
		CHECK(tu_xstat(cur, names[i]) == 0, "1.1 device: %s %" PRIu64,
		      names[i], tu_xstat(cur, names[i]));
	}
	tu_port_conf_default(&c);
	CHECK(tu_port_start(old, mp, &c) == 0, "start 1.0 device");
	CHECK(rte_eth_macaddr_get(old, &mac) == 0 &&
	      tu_wait_link(old, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	m = tu_frame(mp, &mac, &mac, 64, 0, false);
	CHECK(m != NULL && tu_tx(old, 0, &m, 1) == 1, "send");
	CHECK(tu_wait_stat(old, TU_STAT(ipackets), 1, &st) == 0 &&
	      st.opackets == 1 && st.ierrors == 0 && st.oerrors == 0,
	      "1.0 device stats: ipackets %" PRIu64 " opackets %" PRIu64,
	      st.ipackets, st.opackets);
	return TEST_PASS;
}

void
register_stats_tests(void)
{
	test_register("stats", "exact_deltas", test_stats_deltas, NULL);
	test_register("stats", "reset_zeroes", test_stats_reset, NULL);
	test_register("stats", "xstats_counters", test_xstats_counters, NULL);
	test_register("stats", "xstats", test_xstats, NULL);
	test_register("stats", "rx_nombuf_once", test_rx_nombuf_once, NULL);
	test_register("stats", "wire_counters_version",
		      test_wire_counters_version, NULL);
}

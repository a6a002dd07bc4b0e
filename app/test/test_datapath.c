/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Frames in, frames out: bytes, lengths, flags, ring limits. */

#include <stdio.h>
#include <string.h>

#include "test_common.h"

static const uint16_t sizes[] = { 60, 64, 128, 1000, 1514 };

/*
 * Send one frame of every size from tx (source mac src) to dst, then
 * receive them on rx and compare each, in order, byte for byte.
 */
static int
send_sizes(struct rte_mempool *mp, uint16_t tx, uint16_t rx,
	   const struct rte_ether_addr *src, const struct rte_ether_addr *dst,
	   uint16_t seq0)
{
	struct rte_mbuf *pkts[RTE_DIM(sizes)], *got[RTE_DIM(sizes) + 4];
	char why[160];
	uint16_t i, n;

	for (i = 0; i < RTE_DIM(sizes); i++) {
		pkts[i] = tu_frame(mp, dst, src, sizes[i], seq0 + i, false);
		CHECK(pkts[i] != NULL, "cannot build frame %u", i);
	}
	n = tu_tx(tx, 0, pkts, RTE_DIM(sizes));
	CHECK(n == RTE_DIM(sizes), "port %u sent %u of %zu", tx, n,
	      RTE_DIM(sizes));
	n = tu_rx(rx, 0, got, RTE_DIM(sizes));
	CHECK(n == RTE_DIM(sizes), "port %u received %u of %zu", rx, n,
	      RTE_DIM(sizes));
	for (i = 0; i < n; i++) {
		if (tu_frame_check(got[i], dst, src, sizes[i], seq0 + i,
				   false, why, sizeof(why)) < 0) {
			tu_free(got, n);
			return test_fail(__FILE__, __LINE__, "port %u: %s",
					 rx, why);
		}
		if (got[i]->port != rx ||
		    (got[i]->packet_type & RTE_PTYPE_L2_MASK) !=
		    RTE_PTYPE_L2_ETHER) {
			uint16_t p = got[i]->port;
			uint32_t pt = got[i]->packet_type;

			tu_free(got, n);
			return test_fail(__FILE__, __LINE__, "frame %u: port "
					 "%u (want %u) packet_type 0x%x", i,
					 p, rx, pt);
		}
	}
	tu_free(got, n);
	n = tu_rx_drain(rx, 0);
	CHECK(n == 0, "port %u received %u unexpected extra frames", rx, n);
	return TEST_PASS;
}

/* nb frames of 100 bytes to mac, sequence numbers from seq0. */
static int
send_n_frames(struct rte_mempool *mp, uint16_t port,
	      const struct rte_ether_addr *mac, uint16_t nb, uint16_t seq0)
{
	struct rte_mbuf *pkts[32];
	uint16_t i;

	if (nb > RTE_DIM(pkts))
		return -1;
	for (i = 0; i < nb; i++) {
		pkts[i] = tu_frame(mp, mac, mac, 100, seq0 + i, false);
		if (pkts[i] == NULL) {
			tu_free(pkts, i);
			return -1;
		}
	}
	return tu_tx(port, 0, pkts, nb) == nb ? 0 : -1;
}

static int
test_peer_forward(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	ret = send_sizes(mp, p.a, p.b, &p.mac_a, &p.mac_b, 100);
	if (ret != TEST_PASS)
		return ret;
	/* Nothing came back to the sender on a peer wire. */
	CHECK(tu_rx_drain(p.a, 0) == 0, "A received its own frames");
	ret = send_sizes(mp, p.b, p.a, &p.mac_b, &p.mac_a, 200);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_rx_drain(p.b, 0) == 0, "B received its own frames");
	return TEST_PASS;
}

static int
test_loop_wire(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_ether_addr mac;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	return send_sizes(mp, port, port, &mac, &mac, 300);
}

/* A chain of three segments leaves as one frame, arrives contiguous. */
static int
send_chain(struct rte_mempool *mp, uint16_t port,
	   const struct rte_ether_addr *mac, const uint16_t seg_len[3],
	   uint16_t seq)
{
	static uint8_t bytes[2048];
	struct rte_mbuf *segs[3], *got[4];
	uint16_t i, n, off = 0, len = 0;
	char why[160];

	for (i = 0; i < 3; i++)
		len += seg_len[i];
	tu_frame_bytes(bytes, len, mac, mac, seq, false);
	for (i = 0; i < 3; i++) {
		char *d;

		segs[i] = rte_pktmbuf_alloc(mp);
		CHECK(segs[i] != NULL, "no mbuf");
		d = rte_pktmbuf_append(segs[i], seg_len[i]);
		CHECK(d != NULL, "cannot append %u bytes", seg_len[i]);
		memcpy(d, bytes + off, seg_len[i]);
		off += seg_len[i];
		if (i > 0)
			CHECK(rte_pktmbuf_chain(segs[0], segs[i]) == 0,
			      "cannot chain");
	}
	CHECK(segs[0]->nb_segs == 3 && segs[0]->pkt_len == len,
	      "chain built wrong: %u segs %u bytes", segs[0]->nb_segs,
	      segs[0]->pkt_len);
	n = tu_tx(port, 0, segs, 1);
	CHECK(n == 1, "3-segment frame not sent");
	n = tu_rx(port, 0, got, 1);
	CHECK(n == 1, "3-segment frame (%u+%u+%u) not received",
	      seg_len[0], seg_len[1], seg_len[2]);
	if (tu_frame_check(got[0], mac, mac, len, seq, false, why,
			   sizeof(why)) < 0) {
		tu_free(got, 1);
		return test_fail(__FILE__, __LINE__, "segments %u+%u+%u: %s",
				 seg_len[0], seg_len[1], seg_len[2], why);
	}
	tu_free(got, 1);
	return TEST_PASS;
}

static int
test_multi_seg_tx(const void *arg __rte_unused)
{
	static const uint16_t chains[][3] = {
		{ 50, 700, 250 }, { 14, 1, 45 }, { 500, 500, 514 },
	};
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_port_conf c;
	struct rte_ether_addr mac;
	uint16_t port;
	unsigned int i;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (i = 0; i < RTE_DIM(chains); i++) {
		ret = send_chain(mp, port, &mac, chains[i], 400 + i);
		if (ret != TEST_PASS)
			return ret;
	}
	return TEST_PASS;
}

/*
 * Rx ring of 64 and 200 frames sent without polling: exactly 64 are
 * delivered, the other 136 are counted in imissed, nothing else lost.
 */
static int
test_rx_ring_overflow(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct tu_port_conf ca, cb;
	struct rte_eth_stats sa, sb;
	struct rte_mbuf *pkts[200], *got[80];
	struct tu_pair p;
	char why[160];
	uint16_t i, n;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&ca);
	ca.nb_txd = 512;
	tu_port_conf_default(&cb);
	cb.nb_rxd = 64;
	ret = tu_pair_start(&p, mp, &ca, &cb);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_stats_reset(p.a) == 0 && rte_eth_stats_reset(p.b) == 0,
	      "stats reset failed");
	for (i = 0; i < RTE_DIM(pkts); i++) {
		pkts[i] = tu_frame(mp, &p.mac_b, &p.mac_a, 100, i, false);
		CHECK(pkts[i] != NULL, "cannot build frame %u", i);
	}
	n = tu_tx(p.a, 0, pkts, RTE_DIM(pkts));
	CHECK(n == RTE_DIM(pkts), "sent %u of %zu", n, RTE_DIM(pkts));
	/* Wait until the device dealt with all of them. */
	ret = tu_wait_stat(p.b, TU_STAT(imissed), 136, &sb);
	CHECK(ret == 0, "B imissed %" PRIu64 " ipackets %" PRIu64
	      ", waited for imissed 136", sb.imissed, sb.ipackets);
	CHECK(rte_eth_stats_get(p.a, &sa) == 0, "stats A");
	CHECK(sa.opackets == 200 && sa.oerrors == 0,
	      "A opackets %" PRIu64 " oerrors %" PRIu64 ", expected 200/0",
	      sa.opackets, sa.oerrors);
	CHECK(sb.ipackets == 64 && sb.imissed == 136 && sb.ierrors == 0,
	      "B ipackets %" PRIu64 " imissed %" PRIu64 " ierrors %" PRIu64
	      ", expected 64/136/0", sb.ipackets, sb.imissed, sb.ierrors);
	CHECK(sb.ibytes == 64 * 100, "B ibytes %" PRIu64 ", expected 6400",
	      sb.ibytes);
	n = tu_rx(p.b, 0, got, RTE_DIM(got));
	for (i = 0; i < n && i < 64; i++) {
		if (tu_frame_check(got[i], &p.mac_b, &p.mac_a, 100, i, false,
				   why, sizeof(why)) < 0) {
			tu_free(got, n);
			return test_fail(__FILE__, __LINE__, "%s", why);
		}
	}
	tu_free(got, n);
	CHECK(n == 64, "B received %u frames, expected exactly 64", n);
	/* The ring is usable again. */
	for (i = 0; i < 10; i++) {
		pkts[i] = tu_frame(mp, &p.mac_b, &p.mac_a, 100, 1000 + i, false);
		CHECK(pkts[i] != NULL, "cannot build frame %u", i);
	}
	CHECK(tu_tx(p.a, 0, pkts, 10) == 10, "second send failed");
	n = tu_rx(p.b, 0, got, 10);
	tu_free(got, n);
	CHECK(n == 10, "after overflow B received %u of 10", n);
	return TEST_PASS;
}

/* Many more frames than either ring holds, in bursts: all arrive. */
static int
test_ring_wrap(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[20], *got[20];
	struct rte_ether_addr mac;
	struct tu_port_conf c;
	uint16_t port, seq = 0, i, n, burst;
	char why[160];
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxd = 64;
	c.nb_txd = 64;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (burst = 0; burst < 25; burst++) {
		uint16_t nb = 1 + (burst * 7) % RTE_DIM(pkts);

		for (i = 0; i < nb; i++) {
			pkts[i] = tu_frame(mp, &mac, &mac, 60 + (seq + i) % 200,
					   seq + i, false);
			CHECK(pkts[i] != NULL, "cannot build frame");
		}
		n = tu_tx(port, 0, pkts, nb);
		CHECK(n == nb, "burst %u: sent %u of %u", burst, n, nb);
		n = tu_rx(port, 0, got, nb);
		for (i = 0; i < n; i++) {
			if (tu_frame_check(got[i], &mac, &mac,
					   60 + (seq + i) % 200, seq + i,
					   false, why, sizeof(why)) < 0) {
				tu_free(got, n);
				return test_fail(__FILE__, __LINE__,
						 "burst %u: %s", burst, why);
			}
		}
		tu_free(got, n);
		CHECK(n == nb, "burst %u: received %u of %u", burst, n, nb);
		seq += nb;
	}
	CHECK(seq > 2 * 64, "test sent only %u frames", seq);
	return TEST_PASS;
}

/* Malformed packets are dropped and counted; the queue carries on. */
static int
test_tx_bad_packets(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_dev_info info;
	struct rte_mbuf *pkts[2], *seg, *m;
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct tu_port_conf c;
	uint16_t port, i, nb_segs;
	char why[160];
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.tx_offloads = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_info_get(port, &info) == 0, "dev info");
	CHECK(rte_eth_stats_reset(port) == 0, "stats reset");
	/* Shorter than an Ethernet header. */
	pkts[0] = tu_frame(mp, &mac, &mac, 10, 1, false);
	/* One segment more than the port takes. */
	nb_segs = info.tx_desc_lim.nb_seg_max + 1;
	pkts[1] = tu_frame(mp, &mac, &mac, 60, 2, false);
	CHECK(pkts[0] != NULL && pkts[1] != NULL, "cannot build frames");
	for (i = 1; i < nb_segs; i++) {
		seg = tu_frame(mp, &mac, &mac, 20, 3, false);
		CHECK(seg != NULL && rte_pktmbuf_chain(pkts[1], seg) == 0,
		      "cannot chain segment %u", i);
	}
	CHECK(tu_tx(port, 0, pkts, 2) == 2, "send");
	ret = tu_wait_stat(port, TU_STAT(oerrors), 2, &st);
	CHECK(ret == 0, "oerrors %" PRIu64 ", expected 2 (runt, %u segments)",
	      st.oerrors, nb_segs);
	CHECK(st.opackets == 0, "opackets %" PRIu64, st.opackets);
	m = tu_frame(mp, &mac, &mac, 200, 4, false);
	CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send good frame");
	CHECK(tu_rx(port, 0, &m, 1) == 1, "good frame after bad ones lost");
	ret = tu_frame_check(m, &mac, &mac, 200, 4, false, why, sizeof(why));
	rte_pktmbuf_free(m);
	CHECK(ret == 0, "%s", why);
	CHECK(tu_rx_drain(port, 0) == 0, "a bad frame was delivered");
	CHECK(rte_eth_dev_stop(port) == 0, "stop");
	CHECK(rte_mempool_avail_count(mp) == 1024,
	      "%u of 1024 mbufs back: bad packets leaked",
	      rte_mempool_avail_count(mp));
	return TEST_PASS;
}

/*
 * Rx pool runs dry while the application holds every buffer: frames are
 * missed, refills fail and are counted, and Rx recovers once mbufs are
 * back.
 */
static int
test_rx_pool_exhaustion(const void *arg __rte_unused)
{
	struct rte_mempool *rxmp = tu_pool(90, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mempool *txmp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *held[64], *got[10];
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct tu_port_conf c;
	uint16_t port, n, i;
	int ret;

	CHECK(rxmp != NULL && txmp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxd = 64;
	ret = tu_port("a", "wire=loop", &port);
	CHECK(ret == 0, "probe");
	ret = tu_port_start(port, rxmp, &c);
	CHECK(ret == 0, "start: %d", ret);
	CHECK(rte_eth_macaddr_get(port, &mac) == 0, "mac");
	CHECK(tu_wait_link(port, 1, &(struct rte_eth_link){ 0 }) == 0, "link");
	CHECK(rte_eth_stats_reset(port) == 0, "stats reset");
	for (i = 0; i < 64; i += 8)
		CHECK(send_n_frames(txmp, port, &mac, 8, i) == 0, "send");
	test_step("rx_burst after the whole ring was consumed with refills "
		  "failing (pool dry)");
	n = tu_rx(port, 0, held, 64);
	CHECK(n == 64, "received %u of 64", n);
	/* 26 mbufs left in the pool: refills of 32 cannot succeed. */
	CHECK(send_n_frames(txmp, port, &mac, 10, 100) == 0, "send");
	ret = tu_wait_stat(port, TU_STAT(imissed), 10, &st);
	n = tu_rx(port, 0, got, 10);
	test_step(NULL);
	tu_free(got, n);
	if (ret != 0 || n != 0) {
		tu_free(held, 64);
		return test_fail(__FILE__, __LINE__, "pool dry: imissed %"
				 PRIu64 " (want 10), received %u (want 0)",
				 st.imissed, n);
	}
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	if (st.rx_nombuf == 0) {
		tu_free(held, 64);
		return test_fail(__FILE__, __LINE__, "rx_nombuf 0 after failed "
				 "refills");
	}
	tu_free(held, 64);
	/* Buffers back: the next polls refill, traffic flows again. */
	tu_rx_drain(port, 0);
	CHECK(send_n_frames(txmp, port, &mac, 10, 200) == 0, "send");
	n = tu_rx(port, 0, got, 10);
	for (i = 0; i < n; i++)
		if (tu_frame_seq(got[i]) != 200 + i)
			break;
	tu_free(got, n);
	CHECK(n == 10 && i == 10, "after recovery received %u of 10 (%u in "
	      "order)", n, i);
	return TEST_PASS;
}

/*
 * A full ring polled with a burst larger than the ring: every frame
 * once, then nothing (consumed descriptors must not look new).
 */
static int
test_rx_burst_over_ring(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *got[128];
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct tu_port_conf c;
	uint16_t port, n, i;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxd = 64;
	ret = tu_loop_start(&port, &mac, mp, &c);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	for (i = 0; i < 64; i += 16)
		CHECK(send_n_frames(mp, port, &mac, 16, i) == 0, "send");
	ret = tu_wait_stat(port, TU_STAT(ipackets), 64, &st);
	CHECK(ret == 0, "ipackets %" PRIu64 ", waited for 64", st.ipackets);
	test_step("rte_eth_rx_burst(128) on a full 64-descriptor ring");
	n = rte_eth_rx_burst(port, 0, got, RTE_DIM(got));
	test_step(NULL);
	for (i = 0; i < n && i < 64; i++)
		if (tu_frame_seq(got[i]) != i)
			break;
	tu_free(got, n);
	CHECK(n == 64 && i == 64, "one burst of 128 on a full ring of 64 "
	      "returned %u frames (%u in order), expected 64", n, i);
	n = tu_rx_drain(port, 0);
	CHECK(n == 0, "%u more frames after the ring was drained", n);
	return TEST_PASS;
}

void
register_datapath_tests(void)
{
	test_register("datapath", "peer_forward", test_peer_forward, NULL);
	test_register("datapath", "loop_wire", test_loop_wire, NULL);
	test_register("datapath", "multi_seg_tx", test_multi_seg_tx, NULL);
	test_register("datapath", "rx_ring_overflow", test_rx_ring_overflow,
		      NULL);
	test_register("datapath", "ring_wrap", test_ring_wrap, NULL);
	test_register("datapath", "rx_burst_over_ring", test_rx_burst_over_ring,
		      NULL);
	test_register("datapath", "tx_bad_packets", test_tx_bad_packets, NULL);
	test_register("datapath", "rx_pool_exhaustion",
		      test_rx_pool_exhaustion, NULL);
}

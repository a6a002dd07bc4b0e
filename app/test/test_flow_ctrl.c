/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Ethernet flow control: settings round trip and validation, and PAUSE
 * frames on a peer cable checked byte for byte against IEEE 802.3x
 * (Annex 31B) by the receiving port, which forwards MAC control frames.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "test_common.h"


static int
fc_set(uint16_t port, enum rte_eth_fc_mode mode, uint32_t high,
       uint32_t low, uint16_t pause, uint16_t xon, uint8_t fwd)
{
	struct rte_eth_fc_conf fc = {
		.mode = mode, .high_water = high, .low_water = low,
		.pause_time = pause, .send_xon = xon,
		.mac_ctrl_frame_fwd = fwd,
	};

	return rte_eth_dev_flow_ctrl_set(port, &fc);
}

static int
test_fc_settings(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(512, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_eth_fc_conf fc;
	struct rte_ether_addr mac;
	uint16_t port;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_loop_start(&port, &mac, mp, NULL);
	CHECK(ret == 0, "loop port setup: %s", rte_strerror(-ret));
	CHECK(rte_eth_dev_flow_ctrl_get(port, &fc) == 0 &&
	      fc.mode == RTE_ETH_FC_NONE, "default: get %d mode %d",
	      rte_eth_dev_flow_ctrl_get(port, &fc), fc.mode);
	CHECK(fc_set(port, RTE_ETH_FC_FULL, 200, 100, 0x1234, 1, 0) == 0,
	      "set full");
	CHECK(rte_eth_dev_stop(port) == 0 && rte_eth_dev_start(port) == 0,
	      "restart");
	memset(&fc, 0xff, sizeof(fc));
	CHECK(rte_eth_dev_flow_ctrl_get(port, &fc) == 0 &&
	      fc.mode == RTE_ETH_FC_FULL && fc.high_water == 200 &&
	      fc.low_water == 100 && fc.pause_time == 0x1234 &&
	      fc.send_xon == 1 && fc.mac_ctrl_frame_fwd == 0 &&
	      fc.autoneg == 0, "after restart: mode %d high %u low %u pause "
	      "0x%x xon %u fwd %u autoneg %u", fc.mode, fc.high_water,
	      fc.low_water, fc.pause_time, fc.send_xon,
	      fc.mac_ctrl_frame_fwd, fc.autoneg);
	/* testpmd's "set flow_ctrl rx on tx off 0 0 0 0 ...": defaults. */
	CHECK(fc_set(port, RTE_ETH_FC_RX_PAUSE, 0, 0, 0, 0, 0) == 0,
	      "rx pause, default marks");
	CHECK(rte_eth_dev_flow_ctrl_get(port, &fc) == 0 &&
	      fc.mode == RTE_ETH_FC_RX_PAUSE && fc.high_water == 0,
	      "rx pause: mode %d", fc.mode);

	CHECK(fc_set(port, RTE_ETH_FC_FULL, 100, 200, 0, 0, 0) == -EINVAL,
	      "low over high accepted");
	CHECK(fc_set(port, RTE_ETH_FC_FULL, 100, 0, 0, 0, 0) == -EINVAL,
	      "one mark 0 accepted");
	CHECK(fc_set(port, RTE_ETH_FC_FULL, 5000, 10, 0, 0, 0) == -EINVAL,
	      "high over the largest ring accepted");
	CHECK(fc_set(port, (enum rte_eth_fc_mode)7, 0, 0, 0, 0, 0) == -EINVAL,
	      "mode 7 accepted");
	CHECK(fc_set(port, RTE_ETH_FC_FULL, 0, 0, 0, 2, 0) == -EINVAL,
	      "send_xon 2 accepted");
	CHECK(rte_eth_dev_flow_ctrl_get(port, &fc) == 0 &&
	      fc.mode == RTE_ETH_FC_RX_PAUSE, "refused sets changed mode %d",
	      fc.mode);
	return TEST_PASS;
}

/* A PAUSE frame as 802.3x defines it, from src, quanta q; "" if it is. */
static const char *
pause_frame_wrong(const struct rte_mbuf *m, const struct rte_ether_addr *src,
		  uint16_t *q)
{
	static const uint8_t dst[6] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x01 };
	static char why[96];
	unsigned int i;

	const uint8_t *b;
	uint8_t copy[60];

	if (m->pkt_len != sizeof(copy) ||
	    (b = rte_pktmbuf_read(m, 0, sizeof(copy), copy)) == NULL)
		return "not a 60-byte frame";
	if (memcmp(b, dst, 6) != 0 || memcmp(b + 6, src->addr_bytes, 6) != 0) {
		snprintf(why, sizeof(why), "addresses %02x:%02x:%02x:%02x:%02x:"
			 "%02x > %02x:%02x:%02x:%02x:%02x:%02x", b[6], b[7],
			 b[8], b[9], b[10], b[11], b[0], b[1], b[2], b[3], b[4],
			 b[5]);
		return why;
	}
	if (b[12] != 0x88 || b[13] != 0x08 || b[14] != 0x00 || b[15] != 0x01)
		return "not MAC control PAUSE";
	for (i = 18; i < sizeof(copy); i++)
		if (b[i] != 0) {
			snprintf(why, sizeof(why), "padding byte %u is 0x%02x",
				 i, b[i]);
			return why;
		}
	*q = (uint16_t)(b[16] << 8 | b[17]);
	return "";
}

/*
 * A (Tx pause, 64-descriptor ring, marks 32/8) receives 100 frames it
 * does not read: it sends XOFF with its pause time (again every half
 * pause time while full). B (Rx pause, forwarding MAC control frames)
 * counts each and delivers or counts it as missed. A is drained, one
 * more frame arrives: A sends XON (0 quanta), the last PAUSE.
 */
static int
test_fc_pause_frames(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *pkts[32];
	struct tu_port_conf c;
	struct rte_eth_stats st;
	uint64_t sent, got_b = 0;
	uint16_t i, n, q = 1, last_q = 1, nb_xoff = 0;
	const char *why;
	struct tu_pair p;
	int ret;

	CHECK(mp != NULL, "no mempool");
	tu_port_conf_default(&c);
	c.nb_rxd = 64;
	ret = tu_pair_start(&p, mp, &c, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	CHECK(fc_set(p.a, RTE_ETH_FC_TX_PAUSE, 32, 8, 0xffff, 1, 0) == 0,
	      "A: tx pause");
	CHECK(fc_set(p.b, RTE_ETH_FC_RX_PAUSE, 0, 0, 0, 0, 1) == 0,
	      "B: rx pause, forward MAC control");
	CHECK(rte_eth_stats_reset(p.a) == 0 && rte_eth_xstats_reset(p.b) == 0,
	      "reset");

	for (i = 0; i < 100; i += n) {
		for (n = 0; n < 20; n++) {
			pkts[n] = tu_frame(mp, &p.mac_a, &p.mac_b, 64, i + n,
					   false);
			CHECK(pkts[n] != NULL, "frame");
		}
		CHECK(tu_tx(p.b, 0, pkts, n) == n, "B sent less than %u", n);
	}
	/* A holds 64 (its ring), the other 36 find no buffer. */
	ret = tu_wait_stat(p.a, TU_STAT(imissed), 36, &st);
	CHECK(ret == 0 && st.ipackets == 64, "A: ipackets %" PRIu64
	      " imissed %" PRIu64 ", expected 64/36", st.ipackets, st.imissed);
	sent = tu_xstat(p.a, "tx_pause_frames");
	CHECK(sent >= 1 && sent != UINT64_MAX, "A sent %" PRIu64 " PAUSE",
	      sent);

	/* Drain A under its low mark; the next frame brings the XON. */
	CHECK(tu_rx_drain(p.a, 0) == 64, "A drained");
	pkts[0] = tu_frame(mp, &p.mac_a, &p.mac_b, 64, 500, false);
	CHECK(pkts[0] != NULL && tu_tx(p.b, 0, pkts, 1) == 1, "B: one more");
	n = tu_rx(p.a, 0, pkts, 1);
	tu_free(pkts, n);
	CHECK(n == 1, "A: the frame after the drain");

	/* B has every PAUSE A sent, or missed it: XOFFs, then the XON. */
	sent = tu_xstat(p.a, "tx_pause_frames");
	CHECK(rte_eth_stats_get(p.b, &st) == 0, "B stats");
	sent -= st.imissed;
	while ((n = tu_rx(p.b, 0, pkts, (uint16_t)RTE_MIN(UINT64_C(32), sent - got_b))) != 0) {
		for (i = 0; i < n; i++) {
			why = pause_frame_wrong(pkts[i], &p.mac_a, &q);
			if (why[0] != '\0') {
				tu_free(pkts, n);
				return test_fail(__FILE__, __LINE__, "B's frame "
						 "%" PRIu64 ": %s", got_b + i,
						 why);
			}
			nb_xoff += q != 0;
			CHECK(q == 0xffff || q == 0, "quanta 0x%x", q);
			last_q = q;
		}
		tu_free(pkts, n);
		got_b += n;
		if (got_b == sent)
			break;
	}
	CHECK(got_b == sent && nb_xoff == sent - 1 && last_q == 0,
	      "B received %" PRIu64 " of %" PRIu64 " PAUSE frames, %u XOFF, "
	      "last quanta 0x%x (want all, XON last)", got_b, sent, nb_xoff,
	      last_q);
	CHECK(tu_xstat(p.b, "rx_pause_frames") == sent + st.imissed,
	      "B counted %" PRIu64 " PAUSE received, A sent %" PRIu64,
	      tu_xstat(p.b, "rx_pause_frames"), sent + st.imissed);
	CHECK(tu_rx_drain(p.b, 0) == 0, "B: unexpected frames");
	return TEST_PASS;
}

/*
 * With flow control on and no forwarding, PAUSE frames are the MAC's:
 * counted, not delivered; with flow control off they are frames.
 */
static int
test_fc_pause_consumed(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(2048, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_mbuf *m, *got[4];
	uint8_t pause[60] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x01 };
	struct tu_pair p;
	uint16_t n, round;
	int ret;

	CHECK(mp != NULL, "no mempool");
	ret = tu_pair_start(&p, mp, NULL, NULL);
	CHECK(ret == 0, "pair setup: %s", rte_strerror(-ret));
	memcpy(pause + 6, p.mac_a.addr_bytes, 6);
	pause[12] = 0x88;
	pause[13] = 0x08;
	pause[15] = 0x01;
	pause[17] = 0x10;
	CHECK(rte_eth_promiscuous_enable(p.b) == 0, "promisc");
	for (round = 0; round < 2; round++) {
		/* Round 0: rx pause on (consumed); round 1: off (a frame). */
		CHECK(fc_set(p.b, round == 0 ? RTE_ETH_FC_RX_PAUSE :
			     RTE_ETH_FC_NONE, 0, 0, 0, 0, 0) == 0, "B fc");
		CHECK(rte_eth_xstats_reset(p.b) == 0, "reset");
		m = rte_pktmbuf_alloc(mp);
		CHECK(m != NULL && rte_pktmbuf_append(m, sizeof(pause)) != NULL,
		      "mbuf");
		memcpy(rte_pktmbuf_mtod(m, void *), pause, sizeof(pause));
		CHECK(tu_tx(p.a, 0, &m, 1) == 1, "A sends PAUSE");
		m = tu_frame(mp, &p.mac_b, &p.mac_a, 64, 9, false);
		CHECK(m != NULL && tu_tx(p.a, 0, &m, 1) == 1, "A sends data");
		n = tu_rx(p.b, 0, got, round == 0 ? 1 : 2);
		tu_free(got, n);
		n += tu_rx_drain(p.b, 0);
		CHECK(n == (round == 0 ? 1 : 2), "round %u: B received %u",
		      round, n);
		CHECK(tu_xstat(p.b, "rx_pause_frames") == (round == 0 ? 1 : 0),
		      "round %u: rx_pause_frames %" PRIu64, round,
		      tu_xstat(p.b, "rx_pause_frames"));
	}
	return TEST_PASS;
}

/* An ABI 1.0 device has no flow control (F_FLOW_CTRL came with 1.1). */
static int
test_fc_abi_1_0(const void *arg __rte_unused)
{
	struct rte_eth_fc_conf fc;
	uint16_t port;
	int ret;

	CHECK(tu_port("a", "hw_version=1.0", &port) == 0, "probe ABI 1.0");
	ret = rte_eth_dev_flow_ctrl_get(port, &fc);
	CHECK(ret == -ENOTSUP, "flow_ctrl_get on ABI 1.0: %d, expected "
	      "-ENOTSUP", ret);
	ret = fc_set(port, RTE_ETH_FC_FULL, 0, 0, 0, 0, 0);
	CHECK(ret == -ENOTSUP, "flow_ctrl_set on ABI 1.0: %d", ret);
	return TEST_PASS;
}

void
register_flow_ctrl_tests(void)
{
	test_register("flow_ctrl", "abi_1_0", test_fc_abi_1_0, NULL);
	test_register("flow_ctrl", "settings", test_fc_settings, NULL);
	test_register("flow_ctrl", "pause_frames", test_fc_pause_frames, NULL);
	test_register("flow_ctrl", "pause_consumed", test_fc_pause_consumed,
		      NULL);
}

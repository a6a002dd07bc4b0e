/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The xproc rings against a far end that writes anything into them
 * (issue 10): bad lengths, indexes out of the ring, its own view of our
 * indexes, a ring it never drains. Every frame is delivered byte for
 * byte or counted, and the far end's bytes are the oracle. Also two
 * cores polling two queues of one xproc port: each frame exactly once.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "xproc_harness.h"

#define LEN	100u	/* bytes of every good frame here */

static const struct rte_ether_addr far_mac = {{ 0x02, 0, 0, 0, 0x0f, 0x01 }};

/* Frames seq0.. into the port's Rx ring (ring 0: we are the listener). */
static void
put_frames(struct xp_shm *shm, uint32_t *tail,
	   const struct rte_ether_addr *dst, uint16_t seq0, uint16_t n)
{
	uint8_t buf[LEN];
	uint16_t i;

	for (i = 0; i < n; i++) {
		tu_frame_bytes(buf, LEN, dst, &far_mac, seq0 + i, false);
		xp_put(&shm->ring[0], tail, buf, LEN);
	}
}

/* Exactly frames seq0..seq0+n-1 arrive, intact and in order. A verdict. */
static int
expect_frames(uint16_t port, const struct rte_ether_addr *dst, uint16_t seq0,
	      uint16_t n)
{
	struct rte_mbuf *pkts[64];
	char why[128];
	uint16_t got, i, extra;
	int bad = -1;

	got = tu_rx(port, 0, pkts, n);
	for (i = 0; i < got && bad < 0; i++)
		if (tu_frame_check(pkts[i], dst, &far_mac, LEN, seq0 + i, false,
				   why, sizeof(why)) != 0)
			bad = i;
	tu_free(pkts, got);
	extra = tu_rx_drain(port, 0);
	CHECK(got == n && bad < 0 && extra == 0, "received %u of %u frames "
	      "from seq %u (+%u more), frame %d wrong: %s", got, n, seq0, extra,
	      bad, bad >= 0 ? why : "-");
	return TEST_PASS;
}

/* Poll the port (inline devices take frames in when polled) until the
 * xstat reaches val; no frame may arrive meanwhile.
 */
static int
poll_for(uint16_t port, const char *name, uint64_t val)
{
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() / 1000 *
		WAIT_MS;
	struct rte_mbuf *pkts[32];
	uint16_t n, got = 0;

	while (tu_xstat(port, name) < val && rte_get_timer_cycles() < end) {
		n = rte_eth_rx_burst(port, 0, pkts, RTE_DIM(pkts));
		tu_free(pkts, n);
		got += n;
		rte_delay_us_sleep(500);
	}
	CHECK(tu_xstat(port, name) >= val && got == 0, "%s %" PRIu64 ", waited "
	      "for %" PRIu64 "; %u frames arrived", name, tu_xstat(port, name),
	      val, got);
	return TEST_PASS;
}

/*
 * What the far end writes into our Rx ring: good frames arrive exactly;
 * lengths no frame has (0, 1, 13, over the slot) are dropped and counted
 * one by one; a tail beyond one ring from our head is a resync (counted,
 * what it claimed skipped); our own published indexes overwritten by the
 * far end change nothing.
 */
static int
rx_lies_body(struct xt *t, struct rte_mempool *mp)
{
	static const uint32_t bad_len[] = {
		0, 1, 13, XP_FRAME_MAX + 1, UINT32_MAX };
	struct rte_ether_addr mac;
	uint64_t errs, resyncs;
	uint32_t tail = 0, i;
	struct xp_shm *shm;
	int ret;

	t->lfd = xp_listen(t->path, 4);
	CHECK(t->lfd >= 0, "listen");
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	ret = xt_accept_good(t);
	if (ret != TEST_PASS)
		return ret;
	shm = t->shm;
	rte_eth_macaddr_get(t->port, &mac);
	put_frames(shm, &tail, &mac, 0, 8);
	ret = expect_frames(t->port, &mac, 0, 8);
	if (ret != TEST_PASS)
		return ret;

	errs = tu_xstat(t->port, "rx_wire_errors");
	put_frames(shm, &tail, &mac, 100, 1);
	for (i = 0; i < RTE_DIM(bad_len); i++)
		xp_put_raw_len(&shm->ring[0], &tail, bad_len[i]);
	put_frames(shm, &tail, &mac, 101, 1);
	ret = expect_frames(t->port, &mac, 100, 2);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_xstat(t->port, "rx_wire_errors") - errs == RTE_DIM(bad_len),
	      "rx_wire_errors +%" PRIu64 " for %zu bad lengths",
	      tu_xstat(t->port, "rx_wire_errors") - errs, RTE_DIM(bad_len));

	resyncs = tu_xstat(t->port, "rx_wire_resyncs");
	tail += 5000;
	__atomic_store_n(&shm->ring[0].tail, tail, __ATOMIC_RELEASE);
	ret = poll_for(t->port, "rx_wire_resyncs", resyncs + 1);
	if (ret != TEST_PASS)
		return ret;
	put_frames(shm, &tail, &mac, 200, 4);
	ret = expect_frames(t->port, &mac, 200, 4);
	if (ret != TEST_PASS)
		return ret;

	/* Our indexes as the far end sees them: nonsense, ignored. */
	__atomic_store_n(&shm->ring[0].head, 0x12345678, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->ring[1].tail, 0x9abcdef0, __ATOMIC_RELEASE);
	put_frames(shm, &tail, &mac, 300, 4);
	ret = expect_frames(t->port, &mac, 300, 4);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_xstat(t->port, "rx_wire_resyncs") == resyncs + 1,
	      "rx_wire_resyncs %" PRIu64 ", want %" PRIu64,
	      tu_xstat(t->port, "rx_wire_resyncs"), resyncs + 1);
	return TEST_PASS;
}

static int
test_rx_lies(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = rx_lies_body(&t, mp);
	xt_close(&t);
	return ret;
}

/* Send n frames seq0.. from the port; how many tx_burst took. */
static uint16_t
send_frames(uint16_t port, struct rte_mempool *mp, uint16_t seq0, uint16_t n)
{
	struct rte_mbuf *pkts[32];
	uint16_t sent = 0, k, i;

	while (sent < n) {
		k = RTE_MIN(n - sent, (uint16_t)RTE_DIM(pkts));
		for (i = 0; i < k; i++) {
			pkts[i] = tu_frame(mp, &far_mac, &far_mac, LEN,
					   seq0 + sent + i, false);
			if (pkts[i] == NULL) {
				tu_free(pkts, i);
				return sent;
			}
		}
		i = tu_tx(port, 0, pkts, k);
		sent += i;
		if (i < k)
			break;
	}
	return sent;
}

/* The ring the port sends into holds frames seq0.. from head, exactly. */
static int
check_ring(const struct xp_ring *r, uint32_t head, uint32_t n, uint16_t seq0)
{
	uint8_t want[LEN], got[XP_FRAME_MAX];
	uint32_t i, len;

	CHECK(xp_pending(r, head) == n, "%u frames in the ring, want %u",
	      xp_pending(r, head), n);
	for (i = 0; i < n; i++) {
		tu_frame_bytes(want, LEN, &far_mac, &far_mac, seq0 + i, false);
		len = xp_peek(r, head + i, got);
		CHECK(len == LEN && memcmp(got, want, LEN) == 0,
		      "frame %u in the ring: %u bytes, %s", i, len,
		      len == LEN ? "other bytes" : "other length");
	}
	return TEST_PASS;
}

/*
 * A far end that never drains its ring: the port carries exactly what
 * fits, counts the rest as the wire's drops (not as sent), and a head
 * the far end puts beyond our tail leaves no room at all.
 */
static int
tx_body(struct xt *t, struct rte_mempool *mp)
{
	struct rte_eth_stats st;
	struct xp_shm *shm;
	uint64_t drops;
	int ret;

	t->lfd = xp_listen(t->path, 4);
	CHECK(t->lfd >= 0, "listen");
	CHECK(xt_port(t, mp, NULL, NULL) == 0, "port start");
	ret = xt_accept_good(t);
	if (ret != TEST_PASS)
		return ret;
	shm = t->shm;
	CHECK(rte_eth_stats_reset(t->port) == 0, "stats reset");
	CHECK(send_frames(t->port, mp, 0, 300) == 300, "tx_burst refused");
	CHECK(tu_wait_xstat(t->port, "tx_wire_drops", 300 - XP_SLOTS,
			    WAIT_MS) == 0, "tx_wire_drops %" PRIu64 ", want %u",
	      tu_xstat(t->port, "tx_wire_drops"), 300 - XP_SLOTS);
	CHECK(rte_eth_stats_get(t->port, &st) == 0, "stats");
	CHECK(st.opackets == XP_SLOTS && st.oerrors == 300 - XP_SLOTS &&
	      tu_xstat(t->port, "tx_wire_drops") == 300 - XP_SLOTS,
	      "opackets %" PRIu64 " oerrors %" PRIu64 " tx_wire_drops %" PRIu64
	      ", want %u %u %u", st.opackets, st.oerrors,
	      tu_xstat(t->port, "tx_wire_drops"), XP_SLOTS, 300 - XP_SLOTS,
	      300 - XP_SLOTS);
	ret = check_ring(&shm->ring[1], 0, XP_SLOTS, 0);
	if (ret != TEST_PASS)
		return ret;

	/* Drained: room again; then a head beyond the tail: none. */
	__atomic_store_n(&shm->ring[1].head, XP_SLOTS, __ATOMIC_RELEASE);
	CHECK(send_frames(t->port, mp, 1000, 10) == 10, "tx_burst refused");
	CHECK(tu_wait_stat(t->port, TU_STAT(opackets), XP_SLOTS + 10, &st) == 0,
	      "opackets %" PRIu64 " after draining", st.opackets);
	ret = check_ring(&shm->ring[1], XP_SLOTS, 10, 1000);
	if (ret != TEST_PASS)
		return ret;
	drops = tu_xstat(t->port, "tx_wire_drops");
	__atomic_store_n(&shm->ring[1].head, XP_SLOTS + 10 + 1000,
			 __ATOMIC_RELEASE);
	CHECK(send_frames(t->port, mp, 2000, 10) == 10, "tx_burst refused");
	CHECK(tu_wait_xstat(t->port, "tx_wire_drops", drops + 10, WAIT_MS) == 0,
	      "tx_wire_drops +%" PRIu64 " for 10 frames behind a nonsense head",
	      tu_xstat(t->port, "tx_wire_drops") - drops);
	CHECK(rte_eth_stats_get(t->port, &st) == 0 &&
	      st.opackets == XP_SLOTS + 10, "opackets %" PRIu64, st.opackets);
	return TEST_PASS;
}

static int
test_tx_accounting(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(1024, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct xt t;
	int ret;

	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = tx_body(&t, mp);
	xt_close(&t);
	return ret;
}

struct q1_poller {
	uint16_t port;
	int stop;
	uint32_t got;		/* frames queue 1 received (none expected) */
};

/* The second core: polls queue 1, which RSS-less traffic never fills. */
static int
poll_q1(void *arg)
{
	struct q1_poller *p = arg;
	struct rte_mbuf *pkts[32];
	uint16_t n;

	while (!__atomic_load_n(&p->stop, __ATOMIC_ACQUIRE)) {
		n = rte_eth_rx_burst(p->port, 1, pkts, RTE_DIM(pkts));
		p->got += n;
		tu_free(pkts, n);
	}
	return 0;
}

/* B sends n frames in bursts of 32; A's queue 0 must see each once. */
static int
two_queues_traffic(struct rte_mempool *mp, uint16_t a, uint16_t b,
		   uint16_t n, uint32_t *seen)
{
	struct rte_ether_addr mac_a;
	struct rte_mbuf *pkts[32];
	uint16_t seq, i, got, k;

	rte_eth_macaddr_get(a, &mac_a);
	for (seq = 0; seq < n; seq += RTE_DIM(pkts)) {
		k = RTE_MIN((uint16_t)RTE_DIM(pkts), n - seq);
		for (i = 0; i < k; i++) {
			pkts[i] = tu_frame(mp, &mac_a, &far_mac, LEN, seq + i,
					   false);
			CHECK(pkts[i] != NULL, "frame");
		}
		CHECK(tu_tx(b, 0, pkts, k) == k, "B tx");
		got = tu_rx(a, 0, pkts, k);
		for (i = 0; i < got; i++) {
			uint16_t s = tu_frame_seq(pkts[i]);

			if (s < n)
				seen[s]++;
		}
		tu_free(pkts, got);
		CHECK(got == k, "A received %u of burst %u..%u", got, seq,
		      seq + k - 1);
	}
	got = tu_rx_drain(a, 0);
	CHECK(got == 0, "%u more frames than sent", got);
	return TEST_PASS;
}

/*
 * Two cores poll two queues of one xproc port (inline: each empty poll
 * asks the wire for frames): every frame arrives exactly once, none is
 * dropped for lack of buffers.
 */
static int
two_queues_body(struct xt *t, struct rte_mempool *mp, struct q1_poller *p,
		unsigned int lcore)
{
	static uint32_t seen[2048];
	struct tu_port_conf ca;
	struct rte_eth_stats st;
	uint16_t b, n = RTE_DIM(seen), i;
	int ret;

	tu_port_conf_default(&ca);
	ca.nb_rxq = 2;
	CHECK(xt_port(t, mp, NULL, &ca) == 0, "port A start");
	CHECK(tu_vdev_create("b", t->args, true, &b) == 0, "port B probe");
	tu_port_conf_default(&ca);
	CHECK(tu_port_start(b, mp, &ca) == 0, "port B start");
	CHECK(xt_wait_link(t->port, 1, WAIT_MS) && xt_wait_link(b, 1, WAIT_MS),
	      "no link between A and B");
	p->port = t->port;
	CHECK(rte_eal_remote_launch(poll_q1, p, lcore) == 0, "launch");
	memset(seen, 0, sizeof(seen));
	ret = two_queues_traffic(mp, t->port, b, n, seen);
	__atomic_store_n(&p->stop, 1, __ATOMIC_RELEASE);
	rte_eal_wait_lcore(lcore);
	if (ret != TEST_PASS)
		return ret;
	for (i = 0; i < n; i++)
		CHECK(seen[i] == 1, "frame %u received %u times", i, seen[i]);
	CHECK(p->got == 0, "queue 1 received %u frames", p->got);
	CHECK(rte_eth_stats_get(t->port, &st) == 0 && st.imissed == 0 &&
	      st.ipackets == n, "A ipackets %" PRIu64 " imissed %" PRIu64,
	      st.ipackets, st.imissed);
	CHECK(tu_xstat(b, "tx_wire_drops") == 0, "B tx_wire_drops %" PRIu64,
	      tu_xstat(b, "tx_wire_drops"));
	return TEST_PASS;
}

static int
test_two_queues(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(4096, RTE_MBUF_DEFAULT_BUF_SIZE);
	unsigned int lcore = rte_get_next_lcore(-1, 1, 0);
	struct q1_poller p = { 0 };
	struct xt t;
	int ret;

	if (lcore >= RTE_MAX_LCORE)
		return test_skip("needs a second lcore");
	CHECK(mp != NULL && xt_open(&t) == 0, "setup");
	ret = two_queues_body(&t, mp, &p, lcore);
	tu_vdev_destroy("b");
	xt_close(&t);
	return ret;
}

void
register_xproc_ring_tests(void)
{
	test_register("xproc_ring", "rx_lies", test_rx_lies, NULL);
	test_register("xproc_ring", "tx_accounting", test_tx_accounting, NULL);
	test_register("xproc_ring", "two_queues", test_two_queues, NULL);
}

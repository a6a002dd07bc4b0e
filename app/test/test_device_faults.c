/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Don't trust the device (issue 10): with FAULT_INJECT (development=1)
 * the device writes Rx write-backs with no bytes, more bytes than the
 * buffer, frames that never end and garbage metadata, stops serving its
 * queues, and answers an admin command with another's completion. The
 * driver must drop exactly the frames it cannot trust, count them, hand
 * over the others intact, never hang and never lose an mbuf. What the
 * driver should do is worked out here from the fault rules, frame by
 * frame: the oracle is this file, not the driver.
 */

#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_pmd_nicpmd.h>

#include "test_common.h"

typedef int (*fault_set_t)(uint16_t port_id,
			   const struct rte_pmd_nicpmd_fault *f);

#define ALL_KINDS (RTE_PMD_NICPMD_FAULT_WB_LEN_ZERO | \
		   RTE_PMD_NICPMD_FAULT_WB_LEN_OVER | \
		   RTE_PMD_NICPMD_FAULT_WB_NO_EOP | RTE_PMD_NICPMD_FAULT_WB_FLAGS)
#define POOL	1024u

static fault_set_t
find_fault_set(void)
{
	/* By SONAME, as EAL loaded it (test_private_api.c does the same). */
	void *h = dlopen(NICPMD_PMD_SONAME, RTLD_NOW | RTLD_NOLOAD);

	if (h == NULL)
		return NULL;
	return (fault_set_t)(uintptr_t)dlsym(h, "rte_pmd_nicpmd_fault_set");
}

/* A started loop port probed with development=1, its Rx offloads. */
static int
fault_port(struct rte_mempool *mp, uint64_t rx_offloads, uint16_t *port,
	   struct rte_ether_addr *mac)
{
	struct rte_eth_conf conf;
	struct rte_eth_link link;
	int ret;

	ret = tu_port("a", "wire=loop,development=1", port);
	if (ret != 0)
		return ret;
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.offloads = rx_offloads;
	ret = rte_eth_dev_configure(*port, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(*port, 0, 256, SOCKET_ID_ANY, NULL,
					     mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(*port, 0, 256, SOCKET_ID_ANY, NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(*port);
	if (ret == 0)
		ret = rte_eth_macaddr_get(*port, mac);
	if (ret == 0)
		ret = tu_wait_link(*port, 1, &link);
	return ret;
}

/*
 * Which of n frames the driver delivers when every 4th write-back is
 * corrupted with the four kinds in turn: LEN_ZERO and LEN_OVER lose that
 * frame; NO_EOP loses it and the next one (for the driver the frame goes
 * on into the next buffer, which ends it); FLAGS loses nothing. How many
 * write-backs are refused goes into *refused.
 */
static void
expected(uint16_t n, bool *deliver, unsigned int *refused)
{
	uint16_t i, k = 0;

	*refused = 0;
	for (i = 0; i < n; i++)
		deliver[i] = true;
	for (i = 3; i < n; i += 4, k++) {
		switch (k % 4) {
		case 0:	/* LEN_ZERO */
		case 1:	/* LEN_OVER */
			deliver[i] = false;
			(*refused)++;
			break;
		case 2:	/* NO_EOP */
			deliver[i] = false;
			if (i + 1 < n)
				deliver[i + 1] = false;
			(*refused)++;
			break;
		default: /* FLAGS: the data is right */
			break;
		}
	}
}

/* Send frames 0..n-1 one at a time; check what arrives against deliver. */
static int
send_check(struct rte_mempool *mp, uint16_t port,
	   const struct rte_ether_addr *mac, uint16_t n, const bool *deliver)
{
	struct rte_mbuf *m, *got[4];
	char why[128];
	uint16_t i, k;

	for (i = 0; i < n; i++) {
		m = tu_frame(mp, mac, mac, 100, i, false);
		CHECK(m != NULL && tu_tx(port, 0, &m, 1) == 1, "send %u", i);
		/* Every frame is dealt with before the next one goes. */
		k = deliver[i] ? tu_rx(port, 0, got, 1) : tu_rx_drain(port, 0);
		if (!deliver[i]) {
			CHECK(k == 0, "frame %u arrived; the device broke its "
			      "write-back", i);
			continue;
		}
		CHECK(k == 1, "frame %u lost", i);
		k = tu_frame_check(got[0], mac, mac, 100, i, false, why,
				   sizeof(why));
		tu_free(got, 1);
		CHECK(k == 0, "frame %u: %s", i, why);
	}
	return TEST_PASS;
}

/* Every mbuf back in the pool once the port is gone. */
static int
pool_full(struct rte_mempool *mp)
{
	CHECK(tu_vdev_destroy("a") == 0, "close");
	CHECK(rte_mempool_avail_count(mp) == POOL, "%u of %u mbufs back in "
	      "the pool after close", rte_mempool_avail_count(mp), POOL);
	return TEST_PASS;
}

static int
bad_writebacks(uint64_t rx_offloads)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault f = {
		.rx_wb_every = 4, .rx_wb_kinds = ALL_KINDS };
	fault_set_t fault_set = find_fault_set();
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	unsigned int refused;
	bool deliver[64];
	uint16_t port;
	int ret;

	CHECK(mp != NULL && fault_set != NULL, "pool %p, fault_set %s",
	      (void *)mp, fault_set ? "found" : "not exported");
	CHECK(fault_port(mp, rx_offloads, &port, &mac) == 0, "port");
	CHECK(rte_eth_stats_reset(port) == 0, "reset");
	CHECK(fault_set(port, &f) == 0, "fault_set");
	expected(RTE_DIM(deliver), deliver, &refused);
	ret = send_check(mp, port, &mac, RTE_DIM(deliver), deliver);
	if (ret != TEST_PASS)
		return ret;
	CHECK(tu_xstat(port, "rx_bad_writebacks") == refused,
	      "rx_bad_writebacks %" PRIu64 ", want %u",
	      tu_xstat(port, "rx_bad_writebacks"), refused);
	CHECK(rte_eth_stats_get(port, &st) == 0 && st.ierrors == refused,
	      "ierrors %" PRIu64 ", want %u", st.ierrors, refused);
	/* Faults off: every frame arrives again. */
	memset(&f, 0, sizeof(f));
	CHECK(fault_set(port, &f) == 0, "faults off");
	memset(deliver, 1, sizeof(deliver));
	ret = send_check(mp, port, &mac, 16, deliver);
	if (ret != TEST_PASS)
		return ret;
	return pool_full(mp);
}

static int
test_bad_writebacks(const void *arg __rte_unused)
{
	return bad_writebacks(0);
}

static int
test_bad_writebacks_offload(const void *arg __rte_unused)
{
	return bad_writebacks(RTE_ETH_RX_OFFLOAD_IPV4_CKSUM |
			      RTE_ETH_RX_OFFLOAD_VLAN_STRIP);
}

/*
 * A scattered queue whose device never writes EOP: every frame would go
 * on for ever. The driver drops each chain at the largest frame's buffer
 * count, delivers nothing, counts it and keeps no mbuf.
 */
static int
test_endless_frame(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault f = {
		.rx_wb_every = 1, .rx_wb_kinds = RTE_PMD_NICPMD_FAULT_WB_NO_EOP };
	fault_set_t fault_set = find_fault_set();
	struct rte_mbuf *pkts[32];
	struct rte_ether_addr mac;
	uint16_t port, i, n = 0;

	CHECK(mp != NULL && fault_set != NULL, "setup");
	CHECK(fault_port(mp, RTE_ETH_RX_OFFLOAD_SCATTER, &port, &mac) == 0,
	      "port");
	CHECK(fault_set(port, &f) == 0, "fault_set");
	for (i = 0; i < 200; i += RTE_DIM(pkts)) {
		uint16_t j;

		for (j = 0; j < RTE_DIM(pkts); j++) {
			pkts[j] = tu_frame(mp, &mac, &mac, 100, i + j, false);
			CHECK(pkts[j] != NULL, "frame");
		}
		CHECK(tu_tx(port, 0, pkts, RTE_DIM(pkts)) == RTE_DIM(pkts),
		      "send");
		n += tu_rx_drain(port, 0);
	}
	CHECK(n == 0, "%u frames delivered without an end", n);
	CHECK(tu_xstat(port, "rx_bad_writebacks") >= 1,
	      "rx_bad_writebacks %" PRIu64, tu_xstat(port, "rx_bad_writebacks"));
	return pool_full(mp);
}

/* Send n frames seq0.. one burst at a time; how many tx_burst took. */
static uint16_t
push(struct rte_mempool *mp, uint16_t port, const struct rte_ether_addr *mac,
     uint16_t seq0, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = tu_frame(mp, mac, mac, 64, seq0 + i, false);

		if (m == NULL)
			break;
		if (rte_eth_tx_burst(port, 0, &m, 1) != 1) {
			rte_pktmbuf_free(m);
			break;
		}
	}
	return i;
}

/*
 * Queues the device stops serving: nothing arrives; served again (one
 * more frame rings the doorbell), exactly the queued frames come
 * through, in order; a stalled ring fills up and tx_burst says so; stop
 * and close with it full and stalled give every mbuf back.
 */
static int
test_stalled_queues(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault f = {
		.flags = RTE_PMD_NICPMD_FAULT_F_STALL_RX |
			RTE_PMD_NICPMD_FAULT_F_STALL_TX };
	fault_set_t fault_set = find_fault_set();
	struct rte_ether_addr mac;
	struct rte_mbuf *pkts[128];
	uint16_t port, i, got, queued;
	char why[128];

	CHECK(mp != NULL && fault_set != NULL, "setup");
	CHECK(fault_port(mp, 0, &port, &mac) == 0, "port");
	CHECK(fault_set(port, &f) == 0, "stall");
	CHECK(push(mp, port, &mac, 0, 100) == 100, "a stalled ring refused "
	      "frames it has room for");
	CHECK(tu_rx_drain(port, 0) == 0, "frames arrived while stalled");
	memset(&f, 0, sizeof(f));
	CHECK(fault_set(port, &f) == 0, "unstall");
	CHECK(push(mp, port, &mac, 100, 1) == 1, "the doorbell frame");
	got = tu_rx(port, 0, pkts, 101);
	for (i = 0; i < got; i++)
		if (tu_frame_check(pkts[i], &mac, &mac, 64, i, false, why,
				   sizeof(why)) != 0)
			break;
	tu_free(pkts, got);
	CHECK(got == 101 && i == got, "%u of 101 frames once served, frame %u "
	      "wrong", got, i);
	f.flags = RTE_PMD_NICPMD_FAULT_F_STALL_TX;
	CHECK(fault_set(port, &f) == 0, "stall Tx again");
	queued = push(mp, port, &mac, 0, 600);
	CHECK(queued < 600, "a stalled 256-slot Tx ring took %u frames",
	      queued);
	CHECK(rte_eth_dev_stop(port) == 0, "stop with a stalled, full ring");
	return pool_full(mp);
}

/* A completion that answers another command fails this one, not more. */
static int
test_aq_cookie(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault f = {
		.flags = RTE_PMD_NICPMD_FAULT_F_AQ_COOKIE };
	fault_set_t fault_set = find_fault_set();
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	uint16_t port;
	int ret;

	CHECK(mp != NULL && fault_set != NULL, "setup");
	CHECK(fault_port(mp, 0, &port, &mac) == 0, "port");
	CHECK(fault_set(port, &f) == 0, "fault_set");
	ret = rte_eth_stats_get(port, &st);
	CHECK(ret == -EIO, "stats with another command's completion: %d, "
	      "want -EIO", ret);
	ret = rte_eth_stats_get(port, &st);
	CHECK(ret == 0, "the next command: %d", ret);
	return pool_full(mp);
}

/* A command the device takes and never answers times out, alone. */
static int
test_aq_silent(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault f = {
		.flags = RTE_PMD_NICPMD_FAULT_F_AQ_SILENT };
	fault_set_t fault_set = find_fault_set();
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	uint16_t port;
	int ret;

	CHECK(mp != NULL && fault_set != NULL, "setup");
	CHECK(fault_port(mp, 0, &port, &mac) == 0, "port");
	CHECK(fault_set(port, &f) == 0, "fault_set");
	ret = rte_eth_stats_get(port, &st);
	CHECK(ret == -ETIMEDOUT, "stats never answered: %d, want -ETIMEDOUT",
	      ret);
	ret = rte_eth_stats_get(port, &st);
	CHECK(ret == 0, "the next command: %d", ret);
	return pool_full(mp);
}

/*
 * 100 link flaps under traffic: each frame sent while the carrier is
 * gone counts in oerrors and never arrives, each sent while it is there
 * arrives; the link follows every flap, and nothing leaks.
 */
static int
test_link_flaps(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault down = {
		.flags = RTE_PMD_NICPMD_FAULT_F_LINK_DOWN };
	struct rte_pmd_nicpmd_fault up = { 0 };
	fault_set_t fault_set = find_fault_set();
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct rte_eth_link link;
	struct rte_mbuf *pkts[2];
	uint64_t changes;
	uint16_t port, i, k;

	CHECK(mp != NULL && fault_set != NULL, "setup");
	CHECK(fault_port(mp, 0, &port, &mac) == 0, "port");
	CHECK(rte_eth_stats_reset(port) == 0, "reset");
	changes = tu_xstat(port, "link_changes");
	for (i = 0; i < 100; i++) {
		CHECK(fault_set(port, &down) == 0 &&
		      tu_wait_link(port, 0, &link) == 0, "flap %u: no link down",
		      i);
		for (k = 0; k < 2; k++) {
			pkts[k] = tu_frame(mp, &mac, &mac, 64, k, false);
			CHECK(pkts[k] != NULL, "frame");
		}
		CHECK(tu_tx(port, 0, pkts, 2) == 2, "send while down");
		/* The device (its thread, maybe) has dealt with them. */
		CHECK(tu_wait_stat(port, TU_STAT(oerrors), 2u * (i + 1), &st) == 0,
		      "flap %u: oerrors %" PRIu64 ", want %u", i, st.oerrors,
		      2u * (i + 1));
		CHECK(fault_set(port, &up) == 0 &&
		      tu_wait_link(port, 1, &link) == 0, "flap %u: no link up",
		      i);
		CHECK(tu_rx_drain(port, 0) == 0, "flap %u: a frame sent while "
		      "down arrived", i);
		for (k = 0; k < 2; k++) {
			pkts[k] = tu_frame(mp, &mac, &mac, 64, k, false);
			CHECK(pkts[k] != NULL, "frame");
		}
		CHECK(tu_tx(port, 0, pkts, 2) == 2, "send while up");
		k = tu_rx(port, 0, pkts, 2);
		tu_free(pkts, k);
		CHECK(k == 2, "flap %u: %u of 2 frames while up", i, k);
	}
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.opackets == 200 && st.ipackets == 200 && st.oerrors == 200 &&
	      tu_xstat(port, "link_changes") - changes == 200,
	      "opackets %" PRIu64 " ipackets %" PRIu64 " oerrors %" PRIu64
	      " link changes %" PRIu64 ", want 200 each", st.opackets,
	      st.ipackets, st.oerrors, tu_xstat(port, "link_changes") - changes);
	return pool_full(mp);
}

/*
 * Send frames seq..seq+n-1 and receive them back, byte for byte (the
 * loop wire: what goes out comes in, in order).
 */
static int
round_trip(struct rte_mempool *mp, uint16_t port,
	   const struct rte_ether_addr *mac, uint32_t seq, uint16_t n,
	   const char *when, uint32_t round)
{
	struct rte_mbuf *pkts[8];
	char why[128];
	uint16_t k, got;
	int bad = 0;

	for (k = 0; k < n; k++) {
		pkts[k] = tu_frame(mp, mac, mac, 64 + k, seq + k, false);
		CHECK(pkts[k] != NULL, "round %u %s: frame", round, when);
	}
	CHECK(tu_tx(port, 0, pkts, n) == n, "round %u %s: send", round, when);
	got = tu_rx(port, 0, pkts, n);
	for (k = 0; k < got && bad == 0; k++)
		bad = tu_frame_check(pkts[k], mac, mac, 64 + k, seq + k, false,
				     why, sizeof(why));
	tu_free(pkts, got);
	CHECK(got == n && bad == 0, "round %u %s: %u of %u frames back%s%s",
	      round, when, got, n, bad ? ": " : "", bad ? why : "");
	return TEST_PASS;
}

/* NICPMD_SOAK_ROUNDS (devtools/soak.sh: 10000), 50 by default. */
static uint32_t
soak_rounds(void)
{
	const char *v = getenv("NICPMD_SOAK_ROUNDS");
	char *end;
	unsigned long n;

	if (v == NULL)
		return 50;
	n = strtoul(v, &end, 10);
	return *v != '\0' && *end == '\0' && n > 0 && n <= 1000000 ? n : 50;
}

/*
 * The soak: rounds of a link flap, a queue stop/start and a port
 * restart, with traffic around each. Frames sent while the carrier is
 * gone count in oerrors and never arrive; every other frame arrives
 * intact; after every port stop the pool is full; at the end every
 * counter adds up to what this test sent.
 */
static int
test_soak(const void *arg __rte_unused)
{
	struct rte_mempool *mp = tu_pool(POOL, RTE_MBUF_DEFAULT_BUF_SIZE);
	struct rte_pmd_nicpmd_fault down = {
		.flags = RTE_PMD_NICPMD_FAULT_F_LINK_DOWN };
	struct rte_pmd_nicpmd_fault up = { 0 };
	fault_set_t fault_set = find_fault_set();
	uint32_t i, rounds = soak_rounds(), seq = 0;
	struct rte_ether_addr mac;
	struct rte_eth_stats st;
	struct rte_eth_link link;
	struct rte_mbuf *pkts[2];
	uint16_t port, k;
	int ret;

	CHECK(mp != NULL && fault_set != NULL, "setup");
	CHECK(fault_port(mp, 0, &port, &mac) == 0, "port");
	CHECK(rte_eth_stats_reset(port) == 0, "reset");
	for (i = 0; i < rounds; i++) {
		/* The link flaps. */
		CHECK(fault_set(port, &down) == 0 &&
		      tu_wait_link(port, 0, &link) == 0, "round %u: no link "
		      "down", i);
		for (k = 0; k < 2; k++) {
			pkts[k] = tu_frame(mp, &mac, &mac, 64, k, false);
			CHECK(pkts[k] != NULL, "frame");
		}
		CHECK(tu_tx(port, 0, pkts, 2) == 2, "send while down");
		CHECK(tu_wait_stat(port, TU_STAT(oerrors), 2ull * (i + 1),
				   &st) == 0, "round %u: oerrors %" PRIu64
		      ", want %u", i, st.oerrors, 2u * (i + 1));
		CHECK(fault_set(port, &up) == 0 &&
		      tu_wait_link(port, 1, &link) == 0, "round %u: no link up",
		      i);
		CHECK(tu_rx_drain(port, 0) == 0, "round %u: a frame sent while "
		      "down arrived", i);
		ret = round_trip(mp, port, &mac, seq, 2, "after the flap", i);
		if (ret != TEST_PASS)
			return ret;
		seq += 2;
		/* The queues stop and start again. */
		CHECK(rte_eth_dev_rx_queue_stop(port, 0) == 0 &&
		      rte_eth_dev_tx_queue_stop(port, 0) == 0 &&
		      rte_eth_dev_rx_queue_start(port, 0) == 0 &&
		      rte_eth_dev_tx_queue_start(port, 0) == 0,
		      "round %u: queue stop/start", i);
		ret = round_trip(mp, port, &mac, seq, 3, "after the queues "
				 "restarted", i);
		if (ret != TEST_PASS)
			return ret;
		seq += 3;
		/* The port stops (every mbuf home) and starts again. */
		CHECK(rte_eth_dev_stop(port) == 0, "round %u: stop", i);
		CHECK(rte_mempool_avail_count(mp) == POOL, "round %u: %u of %u "
		      "mbufs in the pool after stop", i,
		      rte_mempool_avail_count(mp), POOL);
		CHECK(rte_eth_dev_start(port) == 0 &&
		      tu_wait_link(port, 1, &link) == 0, "round %u: restart",
		      i);
		ret = round_trip(mp, port, &mac, seq, 4, "after the restart",
				 i);
		if (ret != TEST_PASS)
			return ret;
		seq += 4;
	}
	CHECK(rte_eth_stats_get(port, &st) == 0, "stats");
	CHECK(st.opackets == seq && st.ipackets == seq &&
	      st.oerrors == 2ull * rounds && st.imissed == 0 &&
	      st.ierrors == 0 && st.rx_nombuf == 0,
	      "%u rounds: opackets %" PRIu64 " ipackets %" PRIu64 " (want %u)"
	      " oerrors %" PRIu64 " (want %u) imissed %" PRIu64 " ierrors %"
	      PRIu64 " rx_nombuf %" PRIu64, rounds, st.opackets, st.ipackets,
	      seq, st.oerrors, 2 * rounds, st.imissed, st.ierrors,
	      st.rx_nombuf);
	printf("soak: %u rounds (a link flap, a queue stop/start and a port "
	       "restart each): %u frames delivered, %" PRIu64 " counted in "
	       "oerrors, pool full after each stop\n", rounds, seq,
	       st.oerrors);
	return pool_full(mp);
}

void
register_device_faults_tests(void)
{
	test_register("device_faults", "bad_writebacks", test_bad_writebacks,
		      NULL);
	test_register("device_faults", "bad_writebacks_offload",
		      test_bad_writebacks_offload, NULL);
	test_register("device_faults", "endless_frame", test_endless_frame,
		      NULL);
	test_register("device_faults", "stalled_queues", test_stalled_queues,
		      NULL);
	test_register("device_faults", "aq_cookie", test_aq_cookie, NULL);
	test_register("device_faults", "aq_silent", test_aq_silent, NULL);
	test_register("device_faults", "link_flaps", test_link_flaps, NULL);
	test_register("device_faults", "soak", test_soak, NULL);
}

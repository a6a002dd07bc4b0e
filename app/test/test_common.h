/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_TEST_COMMON_H_
#define _NICPMD_TEST_COMMON_H_

/*
 * nicpmd functional tests: shared framework and helpers.
 *
 * Tests use DPDK's public API only; the PMD is loaded at run time (-d).
 * Every resource a test creates through the tu_* helpers is registered
 * and released by the framework after the test, pass or fail, so a test
 * may simply return on the first failed check.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ether.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define TEST_PASS	0
#define TEST_FAIL	1
#define TEST_SKIP	2

typedef int (*test_fn_t)(const void *arg);

/* test_main.c */
void test_register(const char *group, const char *name, test_fn_t fn,
		   const void *arg);
int test_fail(const char *file, int line, const char *fmt, ...)
	__rte_format_printf(3, 4);
int test_skip(const char *fmt, ...) __rte_format_printf(1, 2);
/* What the test is doing, named in the verdict if it crashes. */
void test_step(const char *what);
const char *test_engine(void);
unsigned int test_id(void);

#define CHECK(cond, ...) do { \
	if (!(cond)) \
		return test_fail(__FILE__, __LINE__, __VA_ARGS__); \
} while (0)

/* Every test_<group>.c registers its tests, all in group <group>. */
void register_config_tests(void);
void register_datapath_tests(void);
void register_device_faults_tests(void);
void register_devargs_tests(void);
void register_filters_tests(void);
void register_flow_tests(void);
void register_flow_ctrl_tests(void);
void register_info_tests(void);
void register_lifecycle_tests(void);
void register_link_tests(void);
void register_lpbk_tests(void);
void register_mtu_tests(void);
void register_private_api_tests(void);
void register_queue_tests(void);
void register_rss_tests(void);
void register_rx_split_tests(void);
void register_pcap_tests(void);
void register_stats_tests(void);
void register_tunnel_tests(void);
void register_tunnel_offload_tests(void);
void register_xproc_tests(void);
void register_xproc_ring_tests(void);

/* test_util.c: per-test resources, released by tu_cleanup(). */
#define TU_MAX_VDEVS	8
#define TU_NAME_LEN	64
#define TU_ARGS_LEN	192

void tu_cleanup(void);
/* Name of this test's vdev with the given tag, e.g. net_nicpmd_t12a. */
void tu_vdev_name(const char *tag, char *buf, size_t len);
/* Cable name unique to this test. */
void tu_cable(const char *tag, char *buf, size_t len);
/* rte_vdev_init() of this test's vdev <tag> with args (plus ",engine=E"
 * when with_engine); returns its result, *port set on success.
 */
int tu_vdev_create(const char *tag, const char *args, bool with_engine,
		   uint16_t *port);
/* rte_vdev_init() again with the last args of <tag>. */
int tu_vdev_recreate(const char *tag, uint16_t *port);
/* Stop, close and rte_vdev_uninit() this test's vdev <tag>. */
int tu_vdev_destroy(const char *tag);
/* Loop or peer port helpers: probe and fail the test on error. */
int tu_port(const char *tag, const char *args, uint16_t *port);
/* tu_port() (port may be NULL), and what it logged in *log (free it). */
int tu_port_logged(const char *tag, const char *args, uint16_t *port,
		   char **log);

struct rte_mempool *tu_pool(unsigned int n, uint16_t data_room);

struct tu_port_conf {
	uint16_t nb_rxq;
	uint16_t nb_txq;
	uint16_t nb_rxd;
	uint16_t nb_txd;
	uint32_t lpbk_mode;
	uint64_t tx_offloads;
};
void tu_port_conf_default(struct tu_port_conf *c);
/* Configure, set up every queue and start; negative errno on failure. */
int tu_port_start(uint16_t port, struct rte_mempool *mp,
		  const struct tu_port_conf *c);

/* Two ports cabled back to back (peer:<cable>), started, link up. */
struct tu_pair {
	uint16_t a, b;
	struct rte_ether_addr mac_a, mac_b;
};
int tu_pair_start(struct tu_pair *p, struct rte_mempool *mp,
		  const struct tu_port_conf *ca, const struct tu_port_conf *cb);
/* One started port on wire=loop. */
int tu_loop_start(uint16_t *port, struct rte_ether_addr *mac,
		  struct rte_mempool *mp, const struct tu_port_conf *c);

/* Test frames: dst, src, ethertype 0x88b5, 16-bit sequence, pattern. */
#define TU_ETHERTYPE	0x88b5
void tu_frame_bytes(uint8_t *buf, uint16_t len,
		    const struct rte_ether_addr *dst,
		    const struct rte_ether_addr *src, uint16_t seq,
		    bool vlan);
struct rte_mbuf *tu_frame(struct rte_mempool *mp,
			  const struct rte_ether_addr *dst,
			  const struct rte_ether_addr *src, uint16_t len,
			  uint16_t seq, bool vlan);
uint16_t tu_frame_seq(const struct rte_mbuf *m);
/* Compare m with the frame tu_frame() would build; 0 or -1 with why. */
int tu_frame_check(const struct rte_mbuf *m, const struct rte_ether_addr *dst,
		   const struct rte_ether_addr *src, uint16_t len,
		   uint16_t seq, bool vlan, char *why, size_t why_len);

/* Bounded polling; never waits more than about a second per call. */
#define TU_POLL_ITERS	4000
#define TU_POLL_US	250
uint16_t tu_tx(uint16_t port, uint16_t q, struct rte_mbuf **pkts,
	       uint16_t n);
uint16_t tu_rx(uint16_t port, uint16_t q, struct rte_mbuf **pkts,
	       uint16_t want);
/* Frames that arrive within a short settle time (freed). */
uint16_t tu_rx_drain(uint16_t port, uint16_t q);
void tu_free(struct rte_mbuf **pkts, uint16_t n);
/* Poll stats until the uint64_t at offset off reaches at least val. */
int tu_wait_stat(uint16_t port, size_t off, uint64_t val,
		 struct rte_eth_stats *st);
/*
 * One queue's counters, from the per-queue xstats ethdev fills from the
 * driver's stats (rx_q<N>_packets, ...): the one way every DPDK release
 * offers (25.11 took the q_* arrays out of struct rte_eth_stats).
 */
struct tu_qstats {
	uint64_t ipackets, ibytes, ierrors;
	uint64_t opackets, obytes;
};
int tu_queue_stats(uint16_t port, uint16_t q, struct tu_qstats *qs);
/* An xstat by name; UINT64_MAX if the port has none of that name. */
uint64_t tu_xstat(uint16_t port, const char *name);
/*
 * Poll an xstat until it reaches val, for up to ms milliseconds (for
 * events on the device's own clock: a wire's retries, timeouts).
 */
int tu_wait_xstat(uint16_t port, const char *name, uint64_t val,
		  unsigned int ms);
/* Poll the link (no wait) until its status is up (1) or down (0). */
int tu_wait_link(uint16_t port, int up, struct rte_eth_link *link);

/* One frame for tu_send_expect(): where it goes, whether it must arrive. */
struct tu_fspec {
	const struct rte_ether_addr *dst;	/* NULL: the receiver's MAC */
	uint16_t len;
	bool vlan;
	bool accept;
};
/* Send the frames f[] in order from tx to rx; exactly the accepted ones
 * must arrive, in order and intact, and nothing else (a test verdict).
 */
int tu_send_expect(struct rte_mempool *mp, uint16_t tx, uint16_t rx,
		   const struct rte_ether_addr *src,
		   const struct rte_ether_addr *own,
		   const struct tu_fspec *f, uint16_t nb, uint16_t seq0);
/* Send n 64-byte frames A -> B; the number B reads within the settle time. */
uint16_t tu_pass_frames(struct rte_mempool *mp, const struct tu_pair *p,
			uint16_t n);

#define TU_STAT(field) offsetof(struct rte_eth_stats, field)

#endif /* _NICPMD_TEST_COMMON_H_ */

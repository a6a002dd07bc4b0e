/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_OL_TOOL_H_
#define _NICPMD_OL_TOOL_H_

/*
 * nicpmd_offload_tool: pushes pcap frames through two nicpmd ports on a
 * peer cable (A sends, B receives) and writes what B got to a pcap, with
 * per-packet metadata as JSON lines. It judges nothing itself: the
 * offload results are checked by an independent oracle (scapy).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define OL_CSUM_IP	(1u << 0)
#define OL_CSUM_TCP	(1u << 1)
#define OL_CSUM_UDP	(1u << 2)
#define OL_CSUM_SCTP	(1u << 3)

#define OL_MAX_VIDS	64
#define NICPMD_OL_BENCH_MAX_SEGS	64	/* mbufs per tso-bench send */

struct ol_opts {
	const char *engine;
	const char *mode;		/* "tx", "rx" or "tso-bench" */
	const char *in;
	const char *out;
	const char *meta;
	unsigned int expect;		/* frames B should get; 0: unknown */
	/* Tx mode */
	unsigned int segs;		/* split each packet in this many */
	uint32_t tx_csum;		/* OL_CSUM_* */
	uint16_t tso_mss;		/* 0: no TSO */
	bool vlan;
	uint16_t vlan_tci;
	bool qinq;
	uint16_t qinq_outer;
	uint16_t qinq_inner;
	bool port_offloads_set;		/* port gets exactly port_offloads */
	uint64_t port_offloads;
	bool queue_level;		/* Tx offloads per queue, not port */
	/* Rx mode */
	bool rx_csum;
	bool vlan_strip;
	bool qinq_strip;
	bool ptype;
	bool scatter;
	unsigned int nb_vids;		/* > 0: VLAN filter on */
	bool no_promisc;		/* B filters addresses (and VLANs) */
	bool vlan_extend;		/* extended (double) VLAN on B */
	uint16_t vids[OL_MAX_VIDS];
	uint16_t mbuf_size;		/* B's data room, headroom included */
	uint16_t mtu;			/* 0: default */
	/* tso-bench mode (ol_bench.c); the MSS is tso_mss */
	unsigned int bench_seconds;
	uint32_t bench_payload;		/* TCP payload bytes per send */
	uint16_t bench_seg_size;	/* payload bytes per mbuf */
	unsigned int bench_inflight;	/* sends outstanding at most */
	bool bench_verify_all;		/* check every payload byte */
};

/* A frame read from a pcap. */
struct ol_pkt {
	uint8_t *data;
	uint32_t len;
};

/* ol_pcap.c */
int ol_pcap_read(const char *path, struct ol_pkt **pkts, unsigned int *n);
void ol_pcap_free(struct ol_pkt *pkts, unsigned int n);
void *ol_pcap_writer(const char *path);
/* Writes the mbuf's segments as one frame. */
int ol_pcap_write(void *w, const struct rte_mbuf *m);
void ol_pcap_close(void *w);

/* ol_port.c */
struct ol_ports {
	uint16_t a, b;
	struct rte_mempool *tx_pool;	/* A: large single-segment mbufs */
	struct rte_mempool *rx_pool;	/* B (and A's unused Rx queue) */
	struct rte_mempool *bench_pool;	/* tso-bench sends, or NULL */
};
int ol_ports_create(const struct ol_opts *o, struct ol_ports *p);
/* Configure and start a port; B is made promiscuous. */
int ol_port_start(uint16_t port, const struct rte_eth_conf *conf,
		  const struct rte_eth_txconf *txconf,
		  struct rte_mempool *rx_pool, bool promisc,
		  const struct ol_opts *o);
int ol_wait_link(uint16_t port);
void ol_ports_destroy(struct ol_ports *p);
/* Poll B, writing each frame; returns frames received. */
typedef int (*ol_rx_cb)(const struct rte_mbuf *m, unsigned int idx,
			void *arg);
unsigned int ol_collect(uint16_t port, unsigned int expect, ol_rx_cb cb,
			void *arg);
/* Send all pkts (bounded retries); returns how many went. */
unsigned int ol_send(uint16_t port, struct rte_mbuf **pkts, unsigned int n);
void ol_meta_stats(FILE *meta, const struct ol_ports *p, unsigned int sent,
		   unsigned int received, unsigned int prep_failed);

/* ol_tx.c / ol_rx.c */
int ol_run_tx(const struct ol_opts *o, struct ol_ports *p,
	      const struct ol_pkt *pkts, unsigned int n, FILE *meta);
int ol_run_rx(const struct ol_opts *o, struct ol_ports *p,
	      const struct ol_pkt *pkts, unsigned int n, FILE *meta);
/* ol_bench.c */
int ol_run_tso_bench(const struct ol_opts *o, struct ol_ports *p);

#endif /* _NICPMD_OL_TOOL_H_ */

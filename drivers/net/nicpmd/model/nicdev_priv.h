/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICDEV_PRIV_H_
#define _NICDEV_PRIV_H_

/* Device-internal state of the software nicpmd device. */

#include <stdalign.h>
#include <stdbool.h>
#include <sys/queue.h>
#include <sys/types.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_log.h>
#include <rte_rwlock.h>
#include <rte_spinlock.h>

#include "nicdev.h"
#include "nicpmd_compat.h"
#include "nicdev_frame.h"
#include "nicdev_parse.h"

extern int nicdev_logtype;
#define RTE_LOGTYPE_NICDEV nicdev_logtype
/* NICDEV_LOG(level, "format", args...): one line, after "NICDEV: ". */
#define NICDEV_LOG(level, ...) RTE_LOG_LINE(level, NICDEV, __VA_ARGS__)

/* Frames handled per pass: one wire call, one lock round per batch. */
#define NICDEV_BURST		32u

/* Where a Tx queue builds frames that offloads changed. */
#define NICDEV_TX_SCRATCH	(64u * 1024u)

/* A packet's offload work in progress (nicdev_tx_offload.c). */
struct nicdev_tx_offload {
	const struct nicdev_seg *seg;
	uint32_t len;
	uint16_t nb_seg;
	uint16_t cmd;
	uint16_t l2, l3, l4;
	uint16_t mss;
	uint8_t nb_tags;
	uint16_t tpid[2], tci[2];	/* tags to insert, outer first */
	uint32_t hdr_len;		/* TSO: headers replicated per frame */
	uint32_t payload;
	uint32_t nb_frames;
	uint32_t index;			/* next frame to produce */
	uint16_t seg_idx;		/* read position in the packet */
	uint32_t seg_off;
	uint8_t hdr[NICPMD_TSO_MAX_HDR];
};

struct __rte_cache_aligned nicdev_txq {
	struct nicpmd_tx_desc *ring;	/* NULL: queue does not exist */
	uint8_t *scratch;		/* NICDEV_TX_SCRATCH bytes, lazily */
	uint32_t mask;
	uint32_t head;			/* next descriptor to fetch */
	uint64_t packets;
	uint64_t bytes;
	uint64_t drops;
};

/* A split queue's layout and counters (CREATE_RXQ_SPLIT). */
struct nicdev_rx_split {
	struct nicpmd_rx_split_seg seg[NICPMD_RX_SPLIT_MAX_SEGS];
	uint8_t nb_seg;
	uint8_t nb_buf;			/* kept entries: buffers per frame */
	uint8_t mode;			/* NICPMD_RX_SPLIT_MODE_* */
	bool hdr;			/* some entry splits at a header */
	uint64_t frames;		/* counters: one writer, the queue lock */
	uint64_t discard_bytes;
	uint64_t hdr_miss;
	uint64_t empty_drops;
};

struct __rte_cache_aligned nicdev_rxq {
	rte_spinlock_t lock;		/* one delivering core at a time */
	/* union nicpmd_rx_desc, or nicpmd_rx_split_desc with split_on */
	union nicpmd_rx_desc *ring;	/* NULL: queue does not exist */
	uint32_t mask;
	uint32_t head;			/* next descriptor to fill */
	uint16_t buf_len;		/* 0 on a split queue: no fast path */
	uint16_t flags;			/* NICPMD_RXQ_F_* */
	bool split_on;			/* split holds the queue's layout */
	uint64_t packets;
	uint64_t bytes;			/* bytes written into buffers */
	uint64_t drops;
	uint64_t buf_errors;		/* buffers handed back with ERR */
	uint64_t l3_bad;		/* delivered with L3CS_BAD */
	uint64_t l4_bad;		/* delivered with L4CS_BAD */
	uint8_t *scratch;		/* a linear copy of a gathered frame */
	uint8_t *split_scratch;		/* the same, for the split parser */
	struct nicdev_rx_split split;
};

/* What an Rx write-back says about a frame besides its length. */
struct nicdev_rx_meta {
	uint32_t rss_hash;
	uint32_t status;	/* NICPMD_RXD_* beyond DD/EOP, inner ptype */
	uint16_t ptype;
	uint16_t vlan_tci;
	uint16_t vlan_tci_outer;
};

/* Counters updated by several cores at once (relaxed atomics). */
struct nicdev_port_counters {
	uint64_t rx_filtered;
	uint64_t rx_oversize;
	uint64_t rx_too_long;
	uint64_t rx_runt;
	uint64_t rx_port_down;
	uint64_t tx_bad_desc;
	uint64_t tx_link_down;
	uint64_t tx_fault_drops;
	uint64_t link_changes;
	uint64_t rx_vlan_filtered;
	uint64_t tx_tso_frames;
	/* The wire's own (struct nicpmd_hw_stats_ext). */
	uint64_t rx_wire_errors;
	uint64_t rx_wire_resyncs;
	uint64_t tx_wire_drops;
	uint64_t wire_handshake_errors;
	uint64_t rx_wire_drops;
};

/* Ethernet flow control state (nicdev_fc.c). */
struct nicdev_fc {
	rte_spinlock_t lock;		/* configuration and XOFF state */
	uint8_t mode;			/* NICPMD_FC_RX_PAUSE/TX_PAUSE */
	uint8_t flags;			/* NICPMD_FC_F_* */
	uint16_t pause_time;
	uint16_t high_water;
	uint16_t low_water;
	bool xoff;			/* XOFF sent, no XON since */
	uint64_t xoff_tsc;		/* when the last XOFF went out */
	bool __rte_atomic active;	/* mode != 0: MAC control consumed */
	uint64_t __rte_atomic tx_hold_until; /* TSC; 0: Tx not held */
	bool __rte_atomic hold_counted;	/* this hold is in tx_held */
	uint64_t rx_pause;
	uint64_t tx_pause;
	uint64_t tx_held;
};

/* FAULT_INJECT beyond Tx drops (nicdev_fault.c). */
struct nicdev_fault {
	uint32_t wb_every;		/* 0: write-backs are right */
	uint32_t wb_kinds;
	uint32_t wb_count;		/* write-backs since the command */
	uint32_t wb_turn;		/* corrupted so far: the next kind */
	uint32_t flags;			/* NICPMD_FAULT_F_* */
};

struct nicdev_wire;
struct nicdev_flow_table;

struct nicdev {
	/* The register window; the driver maps it. */
	alignas(RTE_CACHE_LINE_SIZE) uint8_t bar[NICPMD_BAR_SIZE];

	TAILQ_ENTRY(nicdev) next;	/* all devices (engine, peers) */
	struct nicdev_params params;
	/*
	 * The wire (its code, its state, its descriptors) lives in the
	 * process that built the device; a secondary process trapping in
	 * has its own copy of the code at another address and must not
	 * follow these. See nicdev_foreign().
	 */
	pid_t owner;
	const struct nicdev_wire *wire;
	void *wire_priv;		/* the wire type's own state */

	/* Device configuration, set by reset and admin commands. */
	uint64_t features;		/* accepted by the driver */
	uint16_t tx_cmd_ok;		/* Tx cmd bits the features allow */
	uint32_t ctrl_seen;		/* CTRL as last acted upon */
	uint32_t status;		/* STATUS; the BAR has a copy */
	bool link_up;			/* LINK_UP; the BAR has a copy */
	uint8_t mac[6];
	uint32_t rx_mode;
	uint16_t mtu;
	bool enabled;			/* PORT_ENABLE */
	bool link_admin_up;		/* SET_LINK */
	bool loopback;			/* SET_LOOPBACK */
	uint32_t vlan_cfg;		/* NICPMD_VLAN_CFG_* */
	uint16_t inner_tpid;
	uint16_t outer_tpid;
	uint64_t vlan_ok[4096 / 64];	/* VIDs the filter accepts */
	/* Address filter tables: a zero entry is empty (never a frame's). */
	uint8_t uc_table[NICPMD_UC_TABLE_SIZE][6];
	uint8_t mc_table[NICPMD_MC_TABLE_SIZE][6];
	uint32_t rss_types;		/* NICPMD_RSS_*; 0: RSS off */
	bool rss_inner;			/* NICPMD_RSS_INNER */
	uint8_t rss_key[NICPMD_RSS_KEY_LEN];
	uint32_t rss_key_be[NICPMD_RSS_KEY_LEN / 4];	/* for rte_softrss_be */
	uint8_t rss_reta[NICPMD_RSS_RETA_SIZE];
	uint32_t fault_drop_every;
	uint32_t fault_count;
	struct nicdev_fault fault;	/* FAULT_INJECT's other faults */
	struct nicdev_fc fc;
	struct nicdev_udp_tunnels udp_tunnels;	/* under rx_cfg_lock */
	/* F_FLOW: allocated by the first flow command (nicdev_flow.c). */
	struct nicdev_flow_table *flow;

	/* Admin queue. */
	struct nicpmd_aq_desc *aq;
	uint32_t aq_mask;
	uint32_t aq_head;

	uint16_t nb_queues;
	/* 1 + the highest Tx queue with a ring: the threaded engine polls no
	 * further, so queues the driver never set up cost no time.
	 */
	uint16_t __rte_atomic txq_span;
	int irq_fd[NICPMD_MAX_VECTORS];	/* vector 0 misc, 1 + q Rx queue q */
	struct nicdev_port_counters cnt;
	struct nicdev_txq txq[NICPMD_MAX_QUEUES];
	struct nicdev_rxq rxq[NICPMD_MAX_QUEUES];

	/* Held while reading rxq state for delivery, taken for writing by
	 * anything that changes which queues exist or the port's state.
	 */
	rte_rwlock_t rx_cfg_lock;
};

/* Register access from the device side. */
static inline uint32_t
nicdev_reg_read(const struct nicdev *dev, uint32_t reg)
{
	return rte_atomic_load_explicit(NICPMD_ATOMIC32(dev->bar + reg),
					rte_memory_order_acquire);
}

static inline void
nicdev_reg_write(struct nicdev *dev, uint32_t reg, uint32_t val)
{
	rte_atomic_store_explicit(NICPMD_ATOMIC32(dev->bar + reg), val,
				  rte_memory_order_release);
}

/* A counter others update at once, read for a snapshot. */
static inline uint64_t
nicdev_counter_read(const uint64_t *counter)
{
	return rte_atomic_load_explicit(NICPMD_ATOMIC64(counter),
					rte_memory_order_relaxed);
}

static inline void
nicdev_count(uint64_t *counter, uint64_t n)
{
	rte_atomic_fetch_add_explicit(NICPMD_ATOMIC64(counter), n,
				      rte_memory_order_relaxed);
}

/* The link speed the device reports (LINK_SPEED), in Mbit/s. */
#define NICDEV_LINK_MBPS	100000u

/* nicdev_adminq.c: SET_UDP_TUNNEL. */
uint16_t nicdev_udp_tunnel_set(struct nicdev *dev,
			       const struct nicpmd_aq_udp_tunnel *c);

/* nicdev_fc.c: Ethernet flow control. */
uint16_t nicdev_fc_set(struct nicdev *dev, const struct nicpmd_aq_flow_ctrl *c);
uint16_t nicdev_fc_get(struct nicdev *dev, struct nicpmd_aq_flow_ctrl *c);
void nicdev_fc_reset(struct nicdev *dev);
enum nicdev_fc_verdict {
	NICDEV_FC_NOT_MINE,	/* not MAC control: the usual Rx path */
	NICDEV_FC_CONSUMED,	/* handled by the MAC */
	NICDEV_FC_DELIVER,	/* handled, and forwarded to the queues */
};
enum nicdev_fc_verdict nicdev_fc_rx_frame(struct nicdev *dev,
					  const struct nicdev_frame *f);
bool nicdev_fc_tx_held(struct nicdev *dev);
void nicdev_fc_poll(struct nicdev *dev);

static inline bool
nicdev_fc_active(struct nicdev *dev)
{
	return rte_atomic_load_explicit(&dev->fc.active,
					rte_memory_order_acquire);
}

/* nicdev_dma.c: DMA, i.e. turning an IOVA into something to read/write. */
extern bool nicdev_iova_is_va;
void nicdev_dma_init(void);
void *nicdev_dma_map_slow(uint64_t iova, uint64_t len);

/* NULL if [iova, iova + len) cannot be reached. Inline: once per packet. */
static inline void *
nicdev_dma_map(uint64_t iova, uint64_t len)
{
	if (likely(nicdev_iova_is_va && iova != 0 && iova + len > iova))
		return (void *)(uintptr_t)iova;
	return nicdev_dma_map_slow(iova, len);
}

/* nicdev_core.c */
void nicdev_handle_ctrl(struct nicdev *dev);
void nicdev_fatal(struct nicdev *dev, const char *why);
void nicdev_irq_signal(struct nicdev *dev, unsigned int vector);
void nicdev_link_refresh(struct nicdev *dev);
void nicdev_link_follow(struct nicdev *dev);
bool nicdev_link_is_up(const struct nicdev *dev);

/* nicdev_adminq.c */
void nicdev_aq_process(struct nicdev *dev);

/* This process's id, taken when the plugin loads (getpid() is a syscall). */
extern pid_t nicdev_self_pid;

/* Is the caller a process other than the device's (a DPDK secondary)? */
static inline bool
nicdev_foreign(const struct nicdev *dev)
{
	return unlikely(dev->owner != nicdev_self_pid);
}

/* nicdev_fault.c: FAULT_INJECT. */
uint16_t nicdev_fault_set(struct nicdev *dev, const struct nicpmd_aq_fault *c);
/* Corrupt this Rx write-back (len, status, ptype) if one is due. */
void nicdev_fault_wb(struct nicdev *dev, uint16_t buf_len, uint16_t *len,
		     uint32_t *status, uint16_t *ptype);
/* Is FAULT_INJECT corrupting write-backs? One relaxed load per frame. */
static inline bool
nicdev_fault_wb_on(const struct nicdev *dev)
{
	return unlikely(rte_atomic_load_explicit(&dev->fault.wb_every,
						 rte_memory_order_relaxed) != 0);
}
static inline bool
nicdev_fault_stalled(const struct nicdev *dev, uint32_t what)
{
	return unlikely(rte_atomic_load_explicit(&dev->fault.flags,
						 rte_memory_order_relaxed) &
			what);
}

/* nicdev_queue.c: queues the admin commands create and destroy. */
uint16_t nicdev_txq_create(struct nicdev *dev, const struct nicpmd_aq_txq *c);
uint16_t nicdev_txq_destroy(struct nicdev *dev, uint16_t qid);
uint16_t nicdev_rxq_create(struct nicdev *dev, const struct nicpmd_aq_rxq *c);
uint16_t nicdev_rxq_create_split(struct nicdev *dev,
				 const struct nicpmd_aq_rxq_split *c);
uint16_t nicdev_rxq_destroy(struct nicdev *dev, uint16_t qid);
uint16_t nicdev_rxq_set_flags(struct nicdev *dev,
			      const struct nicpmd_aq_rxq_flags *c);
void nicdev_queues_destroy(struct nicdev *dev);

/* nicdev_tx_offload.c: returns the number of frames, or -1: malformed. */
int nicdev_tx_offload_begin(struct nicdev_tx_offload *o,
			    const struct nicdev *dev,
			    const struct nicpmd_tx_desc *d,
			    const struct nicdev_seg *seg, uint16_t nb_seg,
			    uint32_t len);
/* Build the next frame in out (NICDEV_FRAME_MAX); its length, 0: bad. */
uint32_t nicdev_tx_offload_next(struct nicdev_tx_offload *o, uint8_t *out);

/* nicdev_tx.c */
void nicdev_txq_process(struct nicdev *dev, uint16_t qid);

/* nicdev_rx.c: frames arriving from the wire (or MAC loopback). */
void nicdev_mac_rx(struct nicdev *dev, const struct nicdev_frame *frames,
		   uint16_t nb);

/* nicdev_rx_split.c: split queues (F_RX_SPLIT). */
uint16_t nicdev_rx_split_check(const struct nicdev *dev,
			       const struct nicpmd_aq_rxq_split *c);
void nicdev_rx_split_stats(const struct nicdev *dev,
			   struct nicpmd_aq_rx_split_stats *out);
enum nicdev_split_result {
	NICDEV_SPLIT_DELIVERED,
	NICDEV_SPLIT_NO_ROOM,		/* no descriptor posted */
	NICDEV_SPLIT_COUNTED,		/* dropped, counted where it belongs */
};
enum nicdev_split_result nicdev_rxq_write_split(struct nicdev *dev,
		struct nicdev_rxq *rxq, uint32_t avail,
		const struct nicdev_frame *f,
		const struct nicdev_rx_meta *meta, uint32_t *bytes);

/* nicdev_rss.c */
void nicdev_rss_set_key(struct nicdev *dev, const uint8_t *key);
bool nicdev_rss_hash(const struct nicdev *dev, const struct nicdev_frame *f,
		     uint32_t *hash);

/* nicdev_engine.c */
int nicdev_engine_attach(struct nicdev *dev);
void nicdev_engine_detach(struct nicdev *dev);
struct nicdev *nicdev_lookup(const char *name);

/* wire.c: one small interface per wire type. */
struct nicdev_wire {
	const char *type;		/* the part of wire= before ':' */
	const char *syntax;		/* wire= as users write it */
	/* Check the argument after ':' (may be ""); fill why on error. */
	int (*check)(const char *arg, char *why, size_t why_len);
	int (*attach)(struct nicdev *dev, const char *arg);
	void (*detach)(struct nicdev *dev);
	/*
	 * Frames the MAC transmits; the wire copies what it keeps. Returns
	 * how many it carried: frames[0..n) left, the rest are counted as
	 * the wire's drops (tx_wire_drops), not as sent.
	 */
	uint16_t (*xmit)(struct nicdev *dev, const struct nicdev_frame *frames,
			 uint16_t nb);
	/*
	 * Can the wire carry this frame at all (an interface's MTU)? NULL:
	 * any frame. Frames it cannot are the wire's drops, never sent.
	 */
	bool (*fits)(const struct nicdev *dev, const struct nicdev_frame *f);
	/* Carrier: is the far end there and willing? NULL: always. */
	bool (*carrier)(const struct nicdev *dev);
	/* This port's link changed: tell whoever is at the far end. NULL:
	 * nobody to tell.
	 */
	void (*link_changed)(struct nicdev *dev);
	/*
	 * Frames from outside: take in up to budget of them through
	 * nicdev_mac_rx(), return how many. NULL for wires whose frames
	 * arrive by a peer's transmit. May be called from several cores at
	 * once: a wire serializes itself.
	 */
	uint16_t (*poll)(struct nicdev *dev, uint16_t budget);
	/*
	 * Events on the wire's own clock (an interface's carrier): looked
	 * at by the device thread every pass, for inline devices too. NULL:
	 * none.
	 */
	void (*watch)(struct nicdev *dev);
	/*
	 * Drops counted outside the process (the kernel's Rx ring): fold
	 * them into the port's counters. Called before GET_STATS reads
	 * them, from any core. NULL: the wire counts everything itself.
	 */
	void (*collect)(struct nicdev *dev);
};

extern const struct nicdev_wire nicdev_wire_loop;
extern const struct nicdev_wire nicdev_wire_peer;
extern const struct nicdev_wire nicdev_wire_pcap;
extern const struct nicdev_wire nicdev_wire_iface;
extern const struct nicdev_wire nicdev_wire_xproc;

const struct nicdev_wire *nicdev_wire_find(const char *wire,
					   const char **arg);
/* "known: loop, peer:<cable>, ..." from the table, for messages. */
void nicdev_wire_list(char *buf, size_t len);

#endif /* _NICDEV_PRIV_H_ */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICDEV_FLOW_H_
#define _NICDEV_FLOW_H_

/*
 * The device's flow table (F_FLOW): the table and its admin commands
 * (nicdev_flow.c), the key a frame yields (nicdev_flow_key.c), and what a
 * matching rule does to it (nicdev_flow_act.c).
 */

#include <stdbool.h>
#include <stdint.h>

#include "nicpmd_hw.h"
#include "nicdev_frame.h"

struct nicdev;

#define NICDEV_FLOW_KEY_WORDS	(sizeof(struct nicpmd_flow_key) / 8)
/* The rewrite engine's view of a frame: its first bytes (spec). */
#define NICDEV_FLOW_HDR_MAX	256u
/* A rewritten frame: its first bytes, then what follows of the original. */
#define NICDEV_FLOW_SEGS	(1u + NICPMD_TX_MAX_SEGS)

/* A key, also as words: rules compare 8 bytes at a time. */
union nicdev_flow_kw {
	struct nicpmd_flow_key k;
	uint64_t w[NICDEV_FLOW_KEY_WORDS];
};

/* Where the key's windows are in the frame (valid while their bit is). */
struct nicdev_flow_offs {
	uint32_t l3;		/* IPv4 or IPv6 header */
	uint32_t l4;		/* TCP, UDP, SCTP, ICMP, ICMPv6 header */
	uint32_t end;		/* end of the deepest window */
};

/* Windows a rewrite changed, to be written back into the frame. */
#define NICDEV_FLOW_DIRTY_ETH	(1u << 0)
#define NICDEV_FLOW_DIRTY_IPV4	(1u << 1)
#define NICDEV_FLOW_DIRTY_IPV6	(1u << 2)
#define NICDEV_FLOW_DIRTY_TCP	(1u << 3)
#define NICDEV_FLOW_DIRTY_UDP	(1u << 4)
#define NICDEV_FLOW_DIRTY_ICMP6	(1u << 5)

/* What the table decided for one frame. */
enum nicdev_flow_verdict {
	NICDEV_FLOW_STEER,	/* the port's steering (RSS / queue 0) */
	NICDEV_FLOW_QUEUE,	/* to 'queue', with the port's hash if any */
	NICDEV_FLOW_RSS,	/* to 'queue', with 'hash' if 'hashed' */
	NICDEV_FLOW_DROP,	/* dropped and counted */
};

struct nicdev_flow_result {
	enum nicdev_flow_verdict verdict;
	uint16_t queue;
	bool hashed;		/* a flow RSS hash in 'hash' */
	uint32_t hash;
	uint32_t status;	/* NICPMD_RXD_FLOW_MARK / _FLOW_FLAG */
	uint32_t mark;
	/* Set when rewritten: the frame as it goes on, in 'frame'. */
	bool modified;
	struct nicdev_frame frame;
	struct nicdev_seg segs[NICDEV_FLOW_SEGS];
	uint8_t hdr[NICDEV_FLOW_HDR_MAX];
};

/* nicdev_flow.c: the table. Lookup runs under rx_cfg_lock (read). */
bool nicdev_flow_active(const struct nicdev *dev);
void nicdev_flow_lookup(struct nicdev *dev, const struct nicdev_frame *f,
			struct nicdev_flow_result *res);
uint16_t nicdev_flow_add(struct nicdev *dev,
			 const struct nicpmd_aq_flow_add *c);
uint16_t nicdev_flow_del(struct nicdev *dev, uint16_t index);
uint16_t nicdev_flow_flush(struct nicdev *dev);
uint16_t nicdev_flow_query(struct nicdev *dev,
			   const struct nicpmd_aq_flow_query *c,
			   uint32_t *ret);
uint16_t nicdev_flow_stats(struct nicdev *dev, const struct nicpmd_aq_dma *c,
			   uint32_t *ret);
uint16_t nicdev_flow_config(struct nicdev *dev,
			    const struct nicpmd_aq_flow_config *c);
/* Reset: no rules, not isolated, counters zero (rx_cfg_lock held). */
void nicdev_flow_reset(struct nicdev *dev);
void nicdev_flow_free(struct nicdev *dev);

/* nicdev_flow_key.c: the key of a contiguous frame. */
void nicdev_flow_extract(const uint8_t *f, uint32_t len, uint16_t inner_tpid,
			 uint16_t outer_tpid, union nicdev_flow_kw *key,
			 struct nicdev_flow_offs *offs);

/* nicdev_flow_act.c */
/* A rule's rewrites on the key, checksums updated; DIRTY_* bits. */
uint32_t nicdev_flow_rewrite(union nicdev_flow_kw *key,
			     const struct nicpmd_flow_rule *r);
/* The frame with its dirty windows written back (res->frame). */
void nicdev_flow_splice(const struct nicdev_frame *f, const uint8_t *data,
			const union nicdev_flow_kw *key,
			const struct nicdev_flow_offs *offs, uint32_t dirty,
			struct nicdev_flow_result *res);
/* Can a rewrite be valid for the device (FLOW_ADD's checks)? */
bool nicdev_flow_mod_ok(const struct nicpmd_flow_mod *m);
/* A flow RSS hash of the key; false if no type of the rule applies. */
bool nicdev_flow_rss_hash(const union nicdev_flow_kw *key,
			  const struct nicpmd_flow_rss *rss,
			  const uint8_t *port_key, uint32_t *hash);

#endif /* _NICDEV_FLOW_H_ */

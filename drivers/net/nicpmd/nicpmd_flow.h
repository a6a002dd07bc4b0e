/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_FLOW_H_
#define _NICPMD_FLOW_H_

/*
 * rte_flow on the device's flow table (F_FLOW): a flow is one device
 * rule in one slot. nicpmd_flow.c has the ops and the driver's list of
 * rules (kept for replay and dumps), nicpmd_flow_items.c turns a
 * pattern into the rule's match, nicpmd_flow_actions.c the actions into
 * its fate and rewrites, nicpmd_flow_dump.c prints rules and reads the
 * table's counters.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/queue.h>

#include <rte_flow.h>
#include <rte_flow_driver.h>

#include "nicpmd_hw.h"

struct rte_eth_dev;

struct rte_flow {
	TAILQ_ENTRY(rte_flow) next;
	uint16_t index;			/* the device slot */
	bool count;			/* has a COUNT action: may be queried */
	struct nicpmd_flow_rule rule;	/* as given to the device */
};

/* What parsing a flow rule produces, and the context errors need. */
struct nicpmd_flow_parse {
	struct nicpmd_flow_rule *rule;
	uint32_t layers;		/* headers the pattern names */
	bool count;
	uint16_t port_id;
	uint16_t nb_rxq;
	struct rte_flow_error *error;
};

/*
 * Fill error (type, cause) with a message naming the culprit, log it,
 * and return -code. The message lives in a per-thread buffer, so it
 * outlasts the call as rte_flow_error wants.
 */
int nicpmd_flow_error(struct nicpmd_flow_parse *p, int code,
		      enum rte_flow_error_type type, const void *cause,
		      const char *fmt, ...) __rte_format_printf(5, 6);

/* nicpmd_flow_items.c / nicpmd_flow_actions.c: 0 or -errno, in order. */
int nicpmd_flow_parse_attr(struct nicpmd_flow_parse *p,
			   const struct rte_flow_attr *attr);
int nicpmd_flow_parse_pattern(struct nicpmd_flow_parse *p,
			      const struct rte_flow_item pattern[]);
int nicpmd_flow_parse_actions(struct nicpmd_flow_parse *p,
			      const struct rte_flow_attr *attr,
			      const struct rte_flow_action actions[]);

/* nicpmd_flow.c: the ops and the port's rules. */
int nicpmd_flow_ops_get(struct rte_eth_dev *dev,
			const struct rte_flow_ops **ops);
/* Rules naming a queue at or above nb_rxq make configure fail. */
int nicpmd_flow_check_queues(struct rte_eth_dev *dev, uint16_t nb_rxq);
/* After a device reset: every rule and the isolation back in. */
int nicpmd_flow_replay(struct rte_eth_dev *dev);
/* Close: every rule gone, memory freed. */
void nicpmd_flow_uninit(struct rte_eth_dev *dev);
/*
 * The flow memzone, reserved on first use: a rule at DMA_RULE, a rule's
 * counters at DMA_COUNTERS (flow ops: serialized by ethdev), the table's
 * stats at DMA_STATS (xstats).
 */
#define NICPMD_FLOW_DMA_RULE		0u
#define NICPMD_FLOW_DMA_COUNTERS	1024u
#define NICPMD_FLOW_DMA_STATS		1536u
#define NICPMD_FLOW_DMA_SIZE		2048u
const struct rte_memzone *nicpmd_flow_dma(struct rte_eth_dev *dev);
/* A rule's counters (no reset), for dumps. */
int nicpmd_flow_counters(struct rte_eth_dev *dev, const struct rte_flow *flow,
			 bool reset, struct nicpmd_flow_counters *out);

/* nicpmd_flow_dump.c */
int nicpmd_flow_dev_dump(struct rte_eth_dev *dev, struct rte_flow *flow,
			 FILE *file, struct rte_flow_error *error);
/* xstats of the table (0 without F_FLOW); values are since the baseline. */
unsigned int nicpmd_flow_xstats_count(struct rte_eth_dev *dev);
int nicpmd_flow_xstats_names(struct rte_eth_dev *dev,
			     struct rte_eth_xstat_name *names);
int nicpmd_flow_xstats_get(struct rte_eth_dev *dev, uint64_t *values);
int nicpmd_flow_xstats_reset(struct rte_eth_dev *dev);

#endif /* _NICPMD_FLOW_H_ */

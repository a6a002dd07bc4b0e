/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * rte_flow ops: each flow is one rule of the device's flow table, in the
 * lowest free slot. The driver keeps every rule it added: the device
 * keeps them across port stop and start, but forgets them at a reset,
 * after which they go back in (nicpmd_flow_replay()).
 */

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_memzone.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_flow.h"

/* rte_flow_error keeps a pointer to the message: one per thread. */
static RTE_DEFINE_PER_LCORE(char, flow_msg[192]);

int
nicpmd_flow_error(struct nicpmd_flow_parse *p, int code,
		  enum rte_flow_error_type type, const void *cause,
		  const char *fmt, ...)
{
	char *msg = RTE_PER_LCORE(flow_msg);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(RTE_PER_LCORE(flow_msg)), fmt, ap);
	va_end(ap);
	NICPMD_LOG(ERR, "port %u: flow rule refused: %s", p->port_id, msg);
	return rte_flow_error_set(p->error, code, type, cause, msg);
}

const struct rte_memzone *
nicpmd_flow_dma(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	char name[RTE_MEMZONE_NAMESIZE];

	if (ad->flow_mz == NULL) {
		RTE_BUILD_BUG_ON(sizeof(struct nicpmd_flow_rule) >
				 NICPMD_FLOW_DMA_COUNTERS);
		snprintf(name, sizeof(name), "%s_flow", dev->device->name);
		ad->flow_mz = rte_memzone_reserve_aligned(name,
				NICPMD_FLOW_DMA_SIZE, SOCKET_ID_ANY,
				RTE_MEMZONE_IOVA_CONTIG, RTE_CACHE_LINE_SIZE);
	}
	return ad->flow_mz;
}

/* Attributes, pattern, actions -> rule; 0 or -errno with error set. */
static int
flow_parse(struct rte_eth_dev *dev, const struct rte_flow_attr *attr,
	   const struct rte_flow_item pattern[],
	   const struct rte_flow_action actions[],
	   struct rte_flow_error *error, struct nicpmd_flow_rule *rule,
	   bool *count)
{
	struct nicpmd_flow_parse p = {
		.rule = rule,
		.port_id = dev->data->port_id,
		.nb_rxq = dev->data->nb_rx_queues,
		.error = error,
	};
	int ret;

	memset(rule, 0, sizeof(*rule));
	if (!(NICPMD_ADAPTER(dev)->hw.features & NICPMD_F_FLOW))
		return nicpmd_flow_error(&p, ENOTSUP,
			RTE_FLOW_ERROR_TYPE_UNSPECIFIED, NULL,
			"the device has no flow table");
	ret = nicpmd_flow_parse_attr(&p, attr);
	if (ret == 0)
		ret = nicpmd_flow_parse_pattern(&p, pattern);
	if (ret == 0)
		ret = nicpmd_flow_parse_actions(&p, attr, actions);
	*count = p.count;
	return ret;
}

/* The lowest free slot, or -1: the table is full. */
static int
slot_find(const struct nicpmd_adapter *ad)
{
	unsigned int w;

	for (w = 0; w < RTE_DIM(ad->flow_slots); w++)
		if (~ad->flow_slots[w] != 0)
			return w * 64 + rte_bsf64(~ad->flow_slots[w]);
	return -1;
}

static int
table_full(struct rte_eth_dev *dev, struct rte_flow_error *error)
{
	NICPMD_LOG(ERR, "port %u: flow rule refused: the table is full "
		   "(%u rules)", dev->data->port_id, NICPMD_FLOW_TABLE_SIZE);
	return rte_flow_error_set(error, ENOSPC, RTE_FLOW_ERROR_TYPE_HANDLE,
				  NULL, "flow table full (256 rules per port)");
}

/* The rule into the device, at the flow's slot. */
static int
rule_add(struct rte_eth_dev *dev, const struct rte_flow *flow)
{
	const struct rte_memzone *mz = nicpmd_flow_dma(dev);

	if (mz == NULL)
		return -ENOMEM;
	memcpy((uint8_t *)mz->addr + NICPMD_FLOW_DMA_RULE, &flow->rule,
	       sizeof(flow->rule));
	return nicpmd_aq_flow_add(&NICPMD_ADAPTER(dev)->hw, flow->index,
				  mz->iova + NICPMD_FLOW_DMA_RULE,
				  sizeof(flow->rule));
}

static int
nicpmd_flow_validate(struct rte_eth_dev *dev, const struct rte_flow_attr *attr,
		     const struct rte_flow_item pattern[],
		     const struct rte_flow_action actions[],
		     struct rte_flow_error *error)
{
	struct nicpmd_flow_rule rule;
	bool count;
	int ret;

	ret = flow_parse(dev, attr, pattern, actions, error, &rule, &count);
	if (ret < 0)
		return ret;
	if (slot_find(NICPMD_ADAPTER(dev)) < 0)
		return table_full(dev, error);
	return 0;
}

static struct rte_flow *
nicpmd_flow_create(struct rte_eth_dev *dev, const struct rte_flow_attr *attr,
		   const struct rte_flow_item pattern[],
		   const struct rte_flow_action actions[],
		   struct rte_flow_error *error)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct rte_flow *flow;
	int slot, ret;

	flow = rte_zmalloc("nicpmd_flow", sizeof(*flow), 0);
	if (flow == NULL) {
		rte_flow_error_set(error, ENOMEM, RTE_FLOW_ERROR_TYPE_HANDLE,
				   NULL, "no memory for the flow");
		return NULL;
	}
	ret = flow_parse(dev, attr, pattern, actions, error, &flow->rule,
			 &flow->count);
	slot = ret < 0 ? -1 : slot_find(ad);
	if (ret == 0 && slot < 0)
		table_full(dev, error);
	if (slot < 0) {
		rte_free(flow);
		return NULL;
	}
	flow->index = slot;
	ret = rule_add(dev, flow);
	if (ret < 0) {
		NICPMD_LOG(ERR, "port %u: the device refused flow rule (slot "
			   "%d): %s", dev->data->port_id, slot,
			   rte_strerror(-ret));
		rte_flow_error_set(error, -ret, RTE_FLOW_ERROR_TYPE_HANDLE,
				   NULL, "the device refused the rule");
		rte_free(flow);
		return NULL;
	}
	ad->flow_slots[slot / 64] |= UINT64_C(1) << (slot % 64);
	ad->nb_flows++;
	TAILQ_INSERT_TAIL(&ad->flows, flow, next);
	return flow;
}

static bool
flow_known(const struct nicpmd_adapter *ad, const struct rte_flow *flow)
{
	const struct rte_flow *f;

	TAILQ_FOREACH(f, &ad->flows, next)
		if (f == flow)
			return true;
	return false;
}

static void
flow_forget(struct nicpmd_adapter *ad, struct rte_flow *flow)
{
	ad->flow_slots[flow->index / 64] &= ~(UINT64_C(1) << (flow->index % 64));
	ad->nb_flows--;
	TAILQ_REMOVE(&ad->flows, flow, next);
	rte_free(flow);
}

static int
nicpmd_flow_destroy(struct rte_eth_dev *dev, struct rte_flow *flow,
		    struct rte_flow_error *error)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	int ret;

	if (flow == NULL || !flow_known(ad, flow))
		return rte_flow_error_set(error, EINVAL,
			RTE_FLOW_ERROR_TYPE_HANDLE, flow,
			"not a flow of this port");
	ret = nicpmd_aq_flow_del(&ad->hw, flow->index);
	/* A device that forgot the rule (reset) has nothing to remove. */
	if (ret < 0 && ret != -ENOENT)
		return rte_flow_error_set(error, -ret,
			RTE_FLOW_ERROR_TYPE_HANDLE, flow,
			"the device did not remove the rule");
	flow_forget(ad, flow);
	return 0;
}

static void
flows_free(struct nicpmd_adapter *ad)
{
	struct rte_flow *flow;

	while ((flow = TAILQ_FIRST(&ad->flows)) != NULL)
		flow_forget(ad, flow);
}

static int
nicpmd_flow_flush(struct rte_eth_dev *dev, struct rte_flow_error *error)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	int ret;

	if (!(ad->hw.features & NICPMD_F_FLOW))
		return 0;
	ret = nicpmd_aq_flow_flush(&ad->hw);
	if (ret < 0)
		return rte_flow_error_set(error, -ret,
			RTE_FLOW_ERROR_TYPE_UNSPECIFIED, NULL,
			"the device did not flush its table");
	flows_free(ad);
	return 0;
}

int
nicpmd_flow_counters(struct rte_eth_dev *dev, const struct rte_flow *flow,
		     bool reset, struct nicpmd_flow_counters *out)
{
	const struct rte_memzone *mz = nicpmd_flow_dma(dev);
	int ret;

	if (mz == NULL)
		return -ENOMEM;
	ret = nicpmd_aq_flow_query(&NICPMD_ADAPTER(dev)->hw, flow->index,
				   reset, mz->iova + NICPMD_FLOW_DMA_COUNTERS,
				   sizeof(*out));
	if (ret == 0)
		memcpy(out, (uint8_t *)mz->addr + NICPMD_FLOW_DMA_COUNTERS,
		       sizeof(*out));
	return ret;
}

static int
nicpmd_flow_query(struct rte_eth_dev *dev, struct rte_flow *flow,
		  const struct rte_flow_action *action, void *data,
		  struct rte_flow_error *error)
{
	struct rte_flow_query_count *qc = data;
	struct nicpmd_flow_counters c;
	int ret;

	if (flow == NULL || !flow_known(NICPMD_ADAPTER(dev), flow))
		return rte_flow_error_set(error, EINVAL,
			RTE_FLOW_ERROR_TYPE_HANDLE, flow,
			"not a flow of this port");
	if (action == NULL || action->type != RTE_FLOW_ACTION_TYPE_COUNT)
		return rte_flow_error_set(error, ENOTSUP,
			RTE_FLOW_ERROR_TYPE_ACTION, action,
			"only count can be queried");
	if (!flow->count)
		return rte_flow_error_set(error, EINVAL,
			RTE_FLOW_ERROR_TYPE_ACTION, action,
			"the rule has no count action");
	ret = nicpmd_flow_counters(dev, flow, qc->reset, &c);
	if (ret < 0)
		return rte_flow_error_set(error, -ret,
			RTE_FLOW_ERROR_TYPE_HANDLE, flow,
			"the device did not read the counters");
	qc->hits_set = 1;
	qc->bytes_set = 1;
	qc->hits = c.hits;
	qc->bytes = c.bytes;
	return 0;
}

static int
nicpmd_flow_isolate(struct rte_eth_dev *dev, int set,
		    struct rte_flow_error *error)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	int ret;

	if (!(ad->hw.features & NICPMD_F_FLOW))
		return rte_flow_error_set(error, ENOTSUP,
			RTE_FLOW_ERROR_TYPE_UNSPECIFIED, NULL,
			"the device has no flow table");
	ret = nicpmd_aq_flow_config(&ad->hw, set ? NICPMD_FLOW_CFG_ISOLATE : 0);
	if (ret < 0)
		return rte_flow_error_set(error, -ret,
			RTE_FLOW_ERROR_TYPE_UNSPECIFIED, NULL,
			"the device did not change isolation");
	ad->flow_isolated = set != 0;
	return 0;
}

static const struct rte_flow_ops nicpmd_flow_ops = {
	.validate = nicpmd_flow_validate,
	.create = nicpmd_flow_create,
	.destroy = nicpmd_flow_destroy,
	.flush = nicpmd_flow_flush,
	.query = nicpmd_flow_query,
	.isolate = nicpmd_flow_isolate,
	.dev_dump = nicpmd_flow_dev_dump,
};

int
nicpmd_flow_ops_get(struct rte_eth_dev *dev, const struct rte_flow_ops **ops)
{
	/* No flow table (a 1.0 device): no ops, ethdev says ENOSYS. */
	*ops = (NICPMD_ADAPTER(dev)->hw.features & NICPMD_F_FLOW) ?
		&nicpmd_flow_ops : NULL;
	return 0;
}

int
nicpmd_flow_check_queues(struct rte_eth_dev *dev, uint16_t nb_rxq)
{
	const struct rte_flow *flow;
	unsigned int i;

	TAILQ_FOREACH(flow, &NICPMD_ADAPTER(dev)->flows, next) {
		const struct nicpmd_flow_rule *r = &flow->rule;
		unsigned int q = 0;

		if (r->fate == NICPMD_FLOW_FATE_QUEUE)
			q = r->queue;
		if (r->fate == NICPMD_FLOW_FATE_RSS &&
		    (r->rss.flags & NICPMD_FLOW_RSS_OWN_RETA))
			for (i = 0; i < NICPMD_RSS_RETA_SIZE; i++)
				q = RTE_MAX(q, r->rss.reta[i]);
		if (q >= nb_rxq) {
			NICPMD_LOG(ERR, "port %u: flow rule in slot %u sends to "
				   "Rx queue %u, %u queues configured: destroy "
				   "it first", dev->data->port_id, flow->index,
				   q, nb_rxq);
			return -EINVAL;
		}
	}
	return 0;
}

int
nicpmd_flow_replay(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct rte_flow *flow;
	int ret;

	memset(&ad->flow_stats_base, 0, sizeof(ad->flow_stats_base));
	if (!(ad->hw.features & NICPMD_F_FLOW)) {
		flows_free(ad);
		return 0;
	}
	TAILQ_FOREACH(flow, &ad->flows, next) {
		ret = rule_add(dev, flow);
		if (ret < 0) {
			NICPMD_LOG(ERR, "port %u: flow rule in slot %u not "
				   "restored: %s", dev->data->port_id,
				   flow->index, rte_strerror(-ret));
			return ret;
		}
	}
	return ad->flow_isolated ?
		nicpmd_aq_flow_config(&ad->hw, NICPMD_FLOW_CFG_ISOLATE) : 0;
}

void
nicpmd_flow_uninit(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);

	flows_free(ad);
	ad->flow_isolated = false;
	rte_memzone_free(ad->flow_mz);
	ad->flow_mz = NULL;
}

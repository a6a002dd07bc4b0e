/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Looking at the flow table: rules as the device holds them
 * (rte_flow_dev_dump, testpmd's "flow dump"), and the table's drop
 * counters as xstats.
 */

#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include <rte_memzone.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_flow.h"

#define W(n, f) { n, offsetof(struct nicpmd_flow_key, f), \
		  sizeof(((struct nicpmd_flow_key *)0)->f) }
static const struct {
	const char *name;
	uint16_t off;
	uint16_t len;
} windows[] = {
	W("eth", eth), W("vlan", vlan[0]), W("vlan2", vlan[1]),
	W("ipv4", ipv4), W("ipv6", ipv6), W("tcp", tcp), W("udp", udp),
	W("sctp", sctp), W("icmp", icmp), W("icmp6", icmp6), W("arp", arp),
	W("vxlan", vxlan),
};
#undef W

static const char *const layer_names[] = {
	"eth", "vlan", "qinq", "ipv4", "ipv6", "tcp", "udp", "sctp", "icmp",
	"icmp6", "arp", "vxlan", "frag", "ipv6_hop", "ipv6_route", "ipv6_dest",
};
static const char *const fate_names[] = {
	"default", "queue", "drop", "rss", "jump", "passthru",
};
static const char *const rss_func_names[] = {
	"toeplitz", "symmetric_toeplitz", "simple_xor",
	"symmetric_toeplitz_sort",
};
static const char *const hdr_names[] = { "eth", "ipv4", "ipv6", "tcp", "udp" };

static void
hex(FILE *f, const uint8_t *b, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		fprintf(f, "%02x", b[i]);
}

static void
dump_match(FILE *f, const struct nicpmd_flow_rule *r)
{
	const uint8_t *v = (const uint8_t *)&r->value;
	const uint8_t *m = (const uint8_t *)&r->mask;
	unsigned int i, j;

	fprintf(f, "  headers:");
	for (i = 0; i < RTE_DIM(layer_names); i++)
		if (r->mask.layers & (1u << i))
			fprintf(f, " %s%s", (r->value.layers & (1u << i)) ?
				"" : "!", layer_names[i]);
	fprintf(f, "\n");
	for (i = 0; i < RTE_DIM(windows); i++) {
		const uint8_t *wm = m + windows[i].off;

		for (j = 0; j < windows[i].len && wm[j] == 0; j++)
			;
		if (j == windows[i].len)
			continue;
		fprintf(f, "  %-6s value ", windows[i].name);
		hex(f, v + windows[i].off, windows[i].len);
		fprintf(f, "\n         mask  ");
		hex(f, wm, windows[i].len);
		fprintf(f, "\n");
	}
	for (i = 0; i < r->nb_ranges; i++)
		fprintf(f, "  range  key+%u/%u & 0x%x in [%u, %u]\n",
			r->range[i].offset, r->range[i].width,
			r->range[i].mask, r->range[i].min, r->range[i].max);
}

static void
dump_actions(FILE *f, const struct nicpmd_flow_rule *r)
{
	unsigned int i;

	fprintf(f, "  fate:  %s", r->fate < RTE_DIM(fate_names) ?
		fate_names[r->fate] : "?");
	if (r->fate == NICPMD_FLOW_FATE_QUEUE)
		fprintf(f, " %u", r->queue);
	if (r->fate == NICPMD_FLOW_FATE_JUMP)
		fprintf(f, " group %u", r->jump);
	if (r->fate == NICPMD_FLOW_FATE_RSS)
		fprintf(f, " %s types 0x%x key %s reta %s",
			r->rss.func < RTE_DIM(rss_func_names) ?
			rss_func_names[r->rss.func] : "?", r->rss.types,
			(r->rss.flags & NICPMD_FLOW_RSS_OWN_KEY) ? "own" : "port",
			(r->rss.flags & NICPMD_FLOW_RSS_OWN_RETA) ? "own" : "port");
	if (r->flags & NICPMD_FLOW_F_MARK)
		fprintf(f, ", mark 0x%x", r->mark);
	if (r->flags & NICPMD_FLOW_F_FLAG)
		fprintf(f, ", flag");
	fprintf(f, "\n");
	for (i = 0; i < r->nb_mods; i++) {
		const struct nicpmd_flow_mod *m = &r->mod[i];

		fprintf(f, "  %s    %s+%u/%u", m->op == NICPMD_FLOW_MOD_DEC ?
			"dec" : "set", m->hdr < RTE_DIM(hdr_names) ?
			hdr_names[m->hdr] : "?", m->offset, m->len);
		if (m->op == NICPMD_FLOW_MOD_SET) {
			fprintf(f, " value ");
			hex(f, m->value, m->len);
			fprintf(f, " mask ");
			hex(f, m->mask, m->len);
		}
		fprintf(f, "\n");
	}
}

static void
dump_rule(struct rte_eth_dev *dev, const struct rte_flow *flow, FILE *f)
{
	const struct nicpmd_flow_rule *r = &flow->rule;
	struct nicpmd_flow_counters c;

	fprintf(f, "slot %u: group %u priority %u\n", flow->index, r->group,
		r->priority);
	dump_match(f, r);
	dump_actions(f, r);
	if (flow->count && nicpmd_flow_counters(dev, flow, false, &c) == 0)
		fprintf(f, "  count: %" PRIu64 " hits, %" PRIu64 " bytes\n",
			c.hits, c.bytes);
}

int
nicpmd_flow_dev_dump(struct rte_eth_dev *dev, struct rte_flow *flow,
		     FILE *file, struct rte_flow_error *error)
{
	const struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct rte_flow *fl;

	if (flow != NULL) {
		TAILQ_FOREACH(fl, &ad->flows, next)
			if (fl == flow)
				break;
		if (fl == NULL)
			return rte_flow_error_set(error, EINVAL,
				RTE_FLOW_ERROR_TYPE_HANDLE, flow,
				"not a flow of this port");
		dump_rule(dev, flow, file);
		return 0;
	}
	fprintf(file, "nicpmd port %u flow table: %u of %u rules, %s\n",
		dev->data->port_id, ad->nb_flows, NICPMD_FLOW_TABLE_SIZE,
		ad->flow_isolated ? "isolated" : "not isolated");
	TAILQ_FOREACH(fl, &ad->flows, next)
		dump_rule(dev, fl, file);
	return 0;
}

/* ---- xstats -------------------------------------------------------------- */

static const struct {
	const char *name;
	size_t off;
} flow_xstats[] = {
	{ "rx_flow_drops", offsetof(struct nicpmd_flow_stats, dropped) },
	{ "rx_flow_isolated_drops", offsetof(struct nicpmd_flow_stats, isolated) },
	{ "rx_flow_unmodified", offsetof(struct nicpmd_flow_stats, unmodified) },
};

unsigned int
nicpmd_flow_xstats_count(struct rte_eth_dev *dev)
{
	return (NICPMD_ADAPTER(dev)->hw.features & NICPMD_F_FLOW) ?
		RTE_DIM(flow_xstats) : 0;
}

int
nicpmd_flow_xstats_names(struct rte_eth_dev *dev,
			 struct rte_eth_xstat_name *names)
{
	unsigned int i, n = nicpmd_flow_xstats_count(dev);

	for (i = 0; i < n; i++)
		snprintf(names[i].name, sizeof(names[i].name), "%s",
			 flow_xstats[i].name);
	return n;
}

static int
table_stats(struct rte_eth_dev *dev, struct nicpmd_flow_stats *out)
{
	const struct rte_memzone *mz = nicpmd_flow_dma(dev);
	int ret;

	if (mz == NULL)
		return -ENOMEM;
	ret = nicpmd_aq_flow_stats(&NICPMD_ADAPTER(dev)->hw,
				   mz->iova + NICPMD_FLOW_DMA_STATS,
				   sizeof(*out));
	if (ret == 0)
		memcpy(out, (uint8_t *)mz->addr + NICPMD_FLOW_DMA_STATS,
		       sizeof(*out));
	return ret;
}

int
nicpmd_flow_xstats_get(struct rte_eth_dev *dev, uint64_t *values)
{
	const struct nicpmd_flow_stats *b = &NICPMD_ADAPTER(dev)->flow_stats_base;
	unsigned int i, n = nicpmd_flow_xstats_count(dev);
	struct nicpmd_flow_stats s;
	uint64_t now, base;
	int ret;

	if (n == 0)
		return 0;
	ret = table_stats(dev, &s);
	if (ret < 0)
		return ret;
	for (i = 0; i < n; i++) {
		memcpy(&now, (const uint8_t *)&s + flow_xstats[i].off, 8);
		memcpy(&base, (const uint8_t *)b + flow_xstats[i].off, 8);
		values[i] = now - base;
	}
	return n;
}

int
nicpmd_flow_xstats_reset(struct rte_eth_dev *dev)
{
	if (nicpmd_flow_xstats_count(dev) == 0)
		return 0;
	return table_stats(dev, &NICPMD_ADAPTER(dev)->flow_stats_base);
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The flow table: rules in slots, kept per group in lookup order, the
 * admin commands that change them, and the lookup every received frame
 * goes through while the table is in use (spec, "Flow table").
 */

#include <string.h>

#include <rte_malloc.h>

#include "nicdev_priv.h"
#include "nicdev_flow.h"

struct nicdev_flow_entry {
	bool used;
	uint8_t nb_words;			/* key words the mask looks at */
	uint8_t word[NICDEV_FLOW_KEY_WORDS];
	uint64_t value[NICDEV_FLOW_KEY_WORDS];
	uint64_t mask[NICDEV_FLOW_KEY_WORDS];
	struct nicpmd_flow_rule rule;
	uint64_t hits;				/* updated by any Rx core */
	uint64_t bytes;
};

struct nicdev_flow_table {
	uint16_t nb_rules;
	uint32_t config;			/* NICPMD_FLOW_CFG_* */
	/* Slots of each group by (priority, slot): the lookup order. */
	uint16_t nb_order[NICPMD_FLOW_MAX_GROUPS];
	uint16_t order[NICPMD_FLOW_MAX_GROUPS][NICPMD_FLOW_TABLE_SIZE];
	struct nicpmd_flow_stats stats;		/* updated by any Rx core */
	struct nicdev_flow_entry e[NICPMD_FLOW_TABLE_SIZE];
};

/* A linear copy of a gathered frame, per delivering thread. */
static RTE_DEFINE_PER_LCORE(uint8_t, flow_lin[NICDEV_FRAME_MAX]);

bool
nicdev_flow_active(const struct nicdev *dev)
{
	const struct nicdev_flow_table *t = dev->flow;

	return t != NULL && (t->nb_rules != 0 ||
			     (t->config & NICPMD_FLOW_CFG_ISOLATE));
}

/* ---- lookup ---------------------------------------------------------- */

static bool
entry_matches(const struct nicdev_flow_entry *e,
	      const union nicdev_flow_kw *key)
{
	const struct nicpmd_flow_rule *r = &e->rule;
	unsigned int i;

	for (i = 0; i < e->nb_words; i++) {
		unsigned int w = e->word[i];

		if ((key->w[w] & e->mask[w]) != e->value[w])
			return false;
	}
	for (i = 0; i < r->nb_ranges; i++) {
		const struct nicpmd_flow_range *rg = &r->range[i];
		const uint8_t *p = (const uint8_t *)&key->k + rg->offset;
		uint32_t v = 0, b;

		for (b = 0; b < rg->width; b++)
			v = v << 8 | p[b];
		v &= rg->mask;
		if (v < rg->min || v > rg->max)
			return false;
	}
	return true;
}

/* The first rule of group g from position *pos on that matches. */
static struct nicdev_flow_entry *
group_find(struct nicdev_flow_table *t, unsigned int g, unsigned int *pos,
	   const union nicdev_flow_kw *key)
{
	unsigned int i;

	for (i = *pos; i < t->nb_order[g]; i++) {
		struct nicdev_flow_entry *e = &t->e[t->order[g][i]];

		if (entry_matches(e, key)) {
			*pos = i;
			return e;
		}
	}
	return NULL;
}

/* A matching rule's fate; true when the lookup ends with it. */
static bool
apply_fate(struct nicdev *dev, const struct nicpmd_flow_rule *r,
	   const union nicdev_flow_kw *key, struct nicdev_flow_result *res,
	   unsigned int *g, unsigned int *pos)
{
	struct nicdev_flow_table *t = dev->flow;
	const uint8_t *reta;

	switch (r->fate) {
	case NICPMD_FLOW_FATE_QUEUE:
		res->verdict = NICDEV_FLOW_QUEUE;
		res->queue = r->queue;
		return true;
	case NICPMD_FLOW_FATE_DROP:
		nicdev_count(&t->stats.dropped, 1);
		res->verdict = NICDEV_FLOW_DROP;
		return true;
	case NICPMD_FLOW_FATE_RSS:
		res->verdict = NICDEV_FLOW_RSS;
		res->hashed = nicdev_flow_rss_hash(key, &r->rss, dev->rss_key,
						   &res->hash);
		reta = (r->rss.flags & NICPMD_FLOW_RSS_OWN_RETA) ?
			r->rss.reta : dev->rss_reta;
		res->queue = reta[res->hashed ?
				  res->hash % NICPMD_RSS_RETA_SIZE : 0];
		return true;
	case NICPMD_FLOW_FATE_JUMP:
		*g = r->jump;		/* above the rule's group: no loop */
		*pos = 0;
		return false;
	case NICPMD_FLOW_FATE_PASSTHRU:
		(*pos)++;
		return false;
	default:
		res->verdict = NICDEV_FLOW_STEER;
		return true;
	}
}

void
nicdev_flow_lookup(struct nicdev *dev, const struct nicdev_frame *f,
		   struct nicdev_flow_result *res)
{
	struct nicdev_flow_table *t = dev->flow;
	struct nicdev_flow_offs offs;
	union nicdev_flow_kw key;
	unsigned int g = 0, pos = 0;
	const uint8_t *data;
	bool matched = false;
	uint32_t dirty = 0;

	res->verdict = NICDEV_FLOW_STEER;
	res->hashed = false;
	res->status = 0;
	res->mark = 0;
	res->modified = false;
	if (f->nb_seg == 1) {
		data = f->seg[0].data;
	} else {
		nicdev_frame_copy(f, RTE_PER_LCORE(flow_lin));
		data = RTE_PER_LCORE(flow_lin);
	}
	nicdev_flow_extract(data, f->len, dev->inner_tpid, dev->outer_tpid,
			    &key, &offs);
	nicdev_count(&t->stats.lookups, 1);
	for (;;) {
		struct nicdev_flow_entry *e = group_find(t, g, &pos, &key);
		const struct nicpmd_flow_rule *r;

		if (e == NULL) {
			/* A miss: isolated tables take nothing on their own. */
			if (t->config & NICPMD_FLOW_CFG_ISOLATE) {
				nicdev_count(&t->stats.isolated, 1);
				res->verdict = NICDEV_FLOW_DROP;
			}
			break;
		}
		r = &e->rule;
		matched = true;
		nicdev_count(&e->hits, 1);
		nicdev_count(&e->bytes, f->len);
		if (r->nb_mods != 0) {
			if (offs.end > NICDEV_FLOW_HDR_MAX)
				nicdev_count(&t->stats.unmodified, 1);
			else
				dirty |= nicdev_flow_rewrite(&key, r);
		}
		if (r->flags & NICPMD_FLOW_F_MARK) {
			res->mark = r->mark;
			res->status |= NICPMD_RXD_FLOW_MARK |
				NICPMD_RXD_FLOW_FLAG;
		}
		if (r->flags & NICPMD_FLOW_F_FLAG)
			res->status |= NICPMD_RXD_FLOW_FLAG;
		if (apply_fate(dev, r, &key, res, &g, &pos))
			break;
	}
	if (matched)
		nicdev_count(&t->stats.matched, 1);
	if (dirty != 0 && res->verdict != NICDEV_FLOW_DROP)
		nicdev_flow_splice(f, data, &key, &offs, dirty, res);
}

/* ---- the table -------------------------------------------------------- */

static struct nicdev_flow_table *
table_get(struct nicdev *dev)
{
	if (dev->flow == NULL) {
		struct nicdev_flow_table *t;

		t = rte_zmalloc_socket("nicdev_flow", sizeof(*t),
				       RTE_CACHE_LINE_SIZE, SOCKET_ID_ANY);
		if (t == NULL)
			return NULL;
		rte_rwlock_write_lock(&dev->rx_cfg_lock);
		dev->flow = t;
		rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	}
	return dev->flow;
}

static bool
all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static bool
range_ok(const struct nicpmd_flow_range *rg)
{
	uint32_t lim;

	if ((rg->width != 1 && rg->width != 2 && rg->width != 4) ||
	    rg->offset < 4 ||
	    rg->offset + rg->width > sizeof(struct nicpmd_flow_key) ||
	    rg->rsvd != 0 || rg->min > rg->max)
		return false;
	lim = rg->width == 4 ? UINT32_MAX : (1u << (8 * rg->width)) - 1;
	return rg->mask <= lim && rg->max <= lim;
}

static bool
fate_ok(const struct nicdev *dev, const struct nicpmd_flow_rule *r)
{
	const struct nicpmd_flow_rss *rss = &r->rss;
	unsigned int i;

	if (r->fate != NICPMD_FLOW_FATE_QUEUE && r->queue != 0)
		return false;
	if (r->fate != NICPMD_FLOW_FATE_JUMP && r->jump != 0)
		return false;
	if (r->fate != NICPMD_FLOW_FATE_RSS && !all_zero(rss, sizeof(*rss)))
		return false;
	switch (r->fate) {
	case NICPMD_FLOW_FATE_QUEUE:
		return r->queue < dev->nb_queues;
	case NICPMD_FLOW_FATE_JUMP:
		return r->jump > r->group && r->jump < NICPMD_FLOW_MAX_GROUPS;
	case NICPMD_FLOW_FATE_RSS:
		if (rss->func > NICPMD_FLOW_RSS_SORT_TOEPLITZ ||
		    (rss->flags & ~(NICPMD_FLOW_RSS_OWN_KEY |
				    NICPMD_FLOW_RSS_OWN_RETA)) ||
		    (rss->types & ~NICPMD_RSS_TYPES) || rss->rsvd != 0)
			return false;
		if (rss->flags & NICPMD_FLOW_RSS_OWN_RETA)
			for (i = 0; i < NICPMD_RSS_RETA_SIZE; i++)
				if (rss->reta[i] >= dev->nb_queues)
					return false;
		return true;
	default:
		return r->fate <= NICPMD_FLOW_FATE_PASSTHRU;
	}
}

/* FLOW_ADD's checks (spec, in order) on a private copy of the rule. */
static bool
rule_ok(const struct nicdev *dev, const struct nicpmd_flow_rule *r)
{
	const uint8_t *v = (const uint8_t *)&r->value;
	const uint8_t *m = (const uint8_t *)&r->mask;
	unsigned int i;

	if (r->group >= NICPMD_FLOW_MAX_GROUPS ||
	    (r->flags & ~(NICPMD_FLOW_F_MARK | NICPMD_FLOW_F_FLAG)) ||
	    r->nb_ranges > NICPMD_FLOW_MAX_RANGES ||
	    r->nb_mods > NICPMD_FLOW_MAX_MODS)
		return false;
	if (!(r->flags & NICPMD_FLOW_F_MARK) && r->mark != 0)
		return false;
	for (i = 0; i < sizeof(r->value); i++)
		if (v[i] & ~m[i])
			return false;
	if ((r->mask.layers & ~NICPMD_FLOW_L_ALL) ||
	    !all_zero(r->mask.rsvd, sizeof(r->mask.rsvd)))
		return false;
	if (!fate_ok(dev, r))
		return false;
	for (i = 0; i < NICPMD_FLOW_MAX_RANGES; i++) {
		if (i >= r->nb_ranges ? !all_zero(&r->range[i],
						  sizeof(r->range[i])) :
		    !range_ok(&r->range[i]))
			return false;
	}
	for (i = 0; i < NICPMD_FLOW_MAX_MODS; i++) {
		if (i >= r->nb_mods ? !all_zero(&r->mod[i], sizeof(r->mod[i])) :
		    !nicdev_flow_mod_ok(&r->mod[i]))
			return false;
	}
	return true;
}

/* Put slot in its group's lookup order: by priority, then slot. */
static void
order_insert(struct nicdev_flow_table *t, uint16_t slot)
{
	const struct nicpmd_flow_rule *r = &t->e[slot].rule;
	uint16_t *o = t->order[r->group];
	unsigned int n = t->nb_order[r->group], i = n;

	while (i > 0) {
		const struct nicpmd_flow_rule *p = &t->e[o[i - 1]].rule;

		if (p->priority < r->priority ||
		    (p->priority == r->priority && o[i - 1] < slot))
			break;
		o[i] = o[i - 1];
		i--;
	}
	o[i] = slot;
	t->nb_order[r->group] = n + 1;
}

static void
order_remove(struct nicdev_flow_table *t, uint16_t slot)
{
	unsigned int g = t->e[slot].rule.group, i, j = 0;

	for (i = 0; i < t->nb_order[g]; i++)
		if (t->order[g][i] != slot)
			t->order[g][j++] = t->order[g][i];
	t->nb_order[g] = j;
}

uint16_t
nicdev_flow_add(struct nicdev *dev, const struct nicpmd_aq_flow_add *c)
{
	struct nicdev_flow_table *t;
	struct nicdev_flow_entry *e;
	struct nicpmd_flow_rule r;
	const void *src;
	unsigned int w;

	if (!(dev->features & NICPMD_F_FLOW))
		return NICPMD_AQ_S_EPERM;
	if (c->rsvd != 0 || c->index >= NICPMD_FLOW_TABLE_SIZE ||
	    c->len < sizeof(r))
		return NICPMD_AQ_S_EINVAL;
	t = table_get(dev);
	if (t == NULL)
		return NICPMD_AQ_S_EFAULT;	/* the device has no memory */
	if (t->e[c->index].used)
		return NICPMD_AQ_S_EBUSY;
	src = nicdev_dma_map(c->iova, sizeof(r));
	if (src == NULL)
		return NICPMD_AQ_S_EFAULT;
	/* Checked and used from our copy: host memory may change later. */
	memcpy(&r, src, sizeof(r));
	if (!rule_ok(dev, &r))
		return NICPMD_AQ_S_EINVAL;

	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	e = &t->e[c->index];
	memset(e, 0, sizeof(*e));
	e->rule = r;
	memcpy(e->value, &r.value, sizeof(e->value));
	memcpy(e->mask, &r.mask, sizeof(e->mask));
	for (w = 0; w < NICDEV_FLOW_KEY_WORDS; w++)
		if (e->mask[w] != 0)
			e->word[e->nb_words++] = w;
	e->used = true;
	order_insert(t, c->index);
	t->nb_rules++;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_flow_del(struct nicdev *dev, uint16_t index)
{
	struct nicdev_flow_table *t = dev->flow;

	if (!(dev->features & NICPMD_F_FLOW))
		return NICPMD_AQ_S_EPERM;
	if (index >= NICPMD_FLOW_TABLE_SIZE)
		return NICPMD_AQ_S_EINVAL;
	if (t == NULL || !t->e[index].used)
		return NICPMD_AQ_S_ENOENT;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	order_remove(t, index);
	t->e[index].used = false;
	t->nb_rules--;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

/* Every rule out; the caller holds rx_cfg_lock for writing. */
static void
table_clear(struct nicdev_flow_table *t)
{
	unsigned int i;

	for (i = 0; i < NICPMD_FLOW_TABLE_SIZE; i++)
		t->e[i].used = false;
	memset(t->nb_order, 0, sizeof(t->nb_order));
	t->nb_rules = 0;
}

uint16_t
nicdev_flow_flush(struct nicdev *dev)
{
	if (!(dev->features & NICPMD_F_FLOW))
		return NICPMD_AQ_S_EPERM;
	if (dev->flow == NULL)
		return NICPMD_AQ_S_OK;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	table_clear(dev->flow);
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_flow_query(struct nicdev *dev, const struct nicpmd_aq_flow_query *c,
		  uint32_t *ret)
{
	struct nicdev_flow_table *t = dev->flow;
	struct nicpmd_flow_counters *out;
	struct nicdev_flow_entry *e;

	if (!(dev->features & NICPMD_F_FLOW))
		return NICPMD_AQ_S_EPERM;
	if (c->index >= NICPMD_FLOW_TABLE_SIZE ||
	    (c->flags & ~NICPMD_FLOW_QUERY_RESET) || c->rsvd != 0 ||
	    c->len < sizeof(*out))
		return NICPMD_AQ_S_EINVAL;
	if (t == NULL || !t->e[c->index].used)
		return NICPMD_AQ_S_ENOENT;
	out = nicdev_dma_map(c->iova, sizeof(*out));
	if (out == NULL)
		return NICPMD_AQ_S_EFAULT;
	e = &t->e[c->index];
	if (c->flags & NICPMD_FLOW_QUERY_RESET) {
		out->hits = rte_atomic_exchange_explicit(&e->hits, 0,
				rte_memory_order_relaxed);
		out->bytes = rte_atomic_exchange_explicit(&e->bytes, 0,
				rte_memory_order_relaxed);
	} else {
		out->hits = nicdev_counter_read(&e->hits);
		out->bytes = nicdev_counter_read(&e->bytes);
	}
	*ret = sizeof(*out);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_flow_stats(struct nicdev *dev, const struct nicpmd_aq_dma *c,
		  uint32_t *ret)
{
	const struct nicdev_flow_table *t = dev->flow;
	struct nicpmd_flow_stats *out;

	if (!(dev->features & NICPMD_F_FLOW))
		return NICPMD_AQ_S_EPERM;
	if (c->len < sizeof(*out))
		return NICPMD_AQ_S_EINVAL;
	out = nicdev_dma_map(c->iova, sizeof(*out));
	if (out == NULL)
		return NICPMD_AQ_S_EFAULT;
	memset(out, 0, sizeof(*out));
	if (t != NULL) {
		out->lookups = nicdev_counter_read(&t->stats.lookups);
		out->matched = nicdev_counter_read(&t->stats.matched);
		out->dropped = nicdev_counter_read(&t->stats.dropped);
		out->isolated = nicdev_counter_read(&t->stats.isolated);
		out->unmodified = nicdev_counter_read(&t->stats.unmodified);
	}
	*ret = sizeof(*out);
	return NICPMD_AQ_S_OK;
}

uint16_t
nicdev_flow_config(struct nicdev *dev, const struct nicpmd_aq_flow_config *c)
{
	struct nicdev_flow_table *t;

	if (!(dev->features & NICPMD_F_FLOW))
		return NICPMD_AQ_S_EPERM;
	if (c->flags & ~NICPMD_FLOW_CFG_ISOLATE)
		return NICPMD_AQ_S_EINVAL;
	t = table_get(dev);
	if (t == NULL)
		return NICPMD_AQ_S_EFAULT;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	t->config = c->flags;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

void
nicdev_flow_reset(struct nicdev *dev)
{
	struct nicdev_flow_table *t = dev->flow;

	if (t == NULL)
		return;
	table_clear(t);
	t->config = 0;
	memset(&t->stats, 0, sizeof(t->stats));
}

void
nicdev_flow_free(struct nicdev *dev)
{
	rte_free(dev->flow);
	dev->flow = NULL;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The admin queue: configuration commands, checked and executed (queue
 * commands in nicdev_queue.c).
 */

#include <string.h>

#include "nicdev_priv.h"
#include "nicdev_flow.h"

static uint16_t
aq_vlan_filter(struct nicdev *dev, const struct nicpmd_aq_vlan_filter *c)
{
	uint64_t bit = UINT64_C(1) << (c->vid % 64);

	if (!(dev->features & NICPMD_F_VLAN))
		return NICPMD_AQ_S_EPERM;
	if (c->vid > 4095 || c->on > 1)
		return NICPMD_AQ_S_EINVAL;
	if (c->on)
		rte_atomic_fetch_or_explicit(&dev->vlan_ok[c->vid / 64], bit,
				  rte_memory_order_relaxed);
	else
		rte_atomic_fetch_and_explicit(&dev->vlan_ok[c->vid / 64], ~bit,
				   rte_memory_order_relaxed);
	return NICPMD_AQ_S_OK;
}

static uint16_t
aq_vlan_config(struct nicdev *dev, const struct nicpmd_aq_vlan_config *c)
{
	if (!(dev->features & NICPMD_F_VLAN))
		return NICPMD_AQ_S_EPERM;
	if ((c->flags & ~(NICPMD_VLAN_CFG_FILTER | NICPMD_VLAN_CFG_EXTEND)) ||
	    c->inner_tpid == 0 || c->outer_tpid == 0)
		return NICPMD_AQ_S_EINVAL;
	if ((c->flags & NICPMD_VLAN_CFG_EXTEND) &&
	    !(dev->features & NICPMD_F_QINQ))
		return NICPMD_AQ_S_EPERM;
	if (c->outer_tpid != NICPMD_DEFAULT_OUTER_TPID &&
	    !(dev->features & NICPMD_F_QINQ))
		return NICPMD_AQ_S_EPERM;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	dev->vlan_cfg = c->flags;
	dev->inner_tpid = c->inner_tpid;
	dev->outer_tpid = c->outer_tpid;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

static uint16_t
aq_rss_key(struct nicdev *dev, const struct nicpmd_aq_rss_key *c)
{
	if (!(dev->features & NICPMD_F_RSS))
		return NICPMD_AQ_S_EPERM;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	nicdev_rss_set_key(dev, c->key);
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

static uint16_t
aq_rss_reta(struct nicdev *dev, const struct nicpmd_aq_rss_reta *c)
{
	uint16_t i;

	if (!(dev->features & NICPMD_F_RSS))
		return NICPMD_AQ_S_EPERM;
	if (c->count == 0 || c->count > NICPMD_RSS_RETA_PER_CMD ||
	    c->first + c->count > NICPMD_RSS_RETA_SIZE)
		return NICPMD_AQ_S_EINVAL;
	for (i = 0; i < c->count; i++)
		if (c->queue[i] >= dev->nb_queues)
			return NICPMD_AQ_S_EINVAL;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	memcpy(&dev->rss_reta[c->first], c->queue, c->count);
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

static uint16_t
aq_rss(struct nicdev *dev, const struct nicpmd_aq_rss *c)
{
	if (!(dev->features & NICPMD_F_RSS))
		return NICPMD_AQ_S_EPERM;
	if (c->types & ~(NICPMD_RSS_TYPES | NICPMD_RSS_INNER))
		return NICPMD_AQ_S_EINVAL;
	if ((c->types & NICPMD_RSS_INNER) &&
	    !(dev->features & NICPMD_F_TUNNEL_OFFLOAD))
		return NICPMD_AQ_S_EPERM;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	/* The level apart: rss_types != 0 is what turns RSS on. */
	dev->rss_types = c->types & NICPMD_RSS_TYPES;
	dev->rss_inner = (c->types & NICPMD_RSS_INNER) != 0;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

static uint16_t
aq_addr_filter(struct nicdev *dev, const struct nicpmd_aq_addr_filter *c)
{
	static const uint8_t zero[6];
	uint8_t (*entry)[6];

	if (!(dev->features & NICPMD_F_MAC_FILTER))
		return NICPMD_AQ_S_EPERM;
	if (c->valid > 1 || c->rsvd != 0)
		return NICPMD_AQ_S_EINVAL;
	if (c->table == NICPMD_ADDR_TABLE_UC && c->index < NICPMD_UC_TABLE_SIZE) {
		if (c->valid && (c->addr[0] & 1))
			return NICPMD_AQ_S_EINVAL;	/* group address */
		entry = &dev->uc_table[c->index];
	} else if (c->table == NICPMD_ADDR_TABLE_MC &&
		   c->index < NICPMD_MC_TABLE_SIZE) {
		if (c->valid && !(c->addr[0] & 1))
			return NICPMD_AQ_S_EINVAL;	/* not a group address */
		entry = &dev->mc_table[c->index];
	} else {
		return NICPMD_AQ_S_EINVAL;
	}
	if (c->valid && memcmp(c->addr, zero, sizeof(zero)) == 0)
		return NICPMD_AQ_S_EINVAL;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	memcpy(*entry, c->valid ? c->addr : zero, sizeof(*entry));
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return NICPMD_AQ_S_OK;
}

static void
set_enabled(struct nicdev *dev, bool on)
{
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	dev->enabled = on;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	nicdev_link_refresh(dev);
}

/*
 * F_STATS_EXT: the extension after the block, as many whole counters as
 * the driver's buffer holds; the bytes written.
 */
static uint32_t
stats_ext_write(const struct nicdev *dev, const struct nicpmd_aq_dma *c,
		uint32_t base)
{
	const struct nicdev_port_counters *cnt = &dev->cnt;
	struct nicpmd_hw_stats_ext e;
	uint32_t len;
	void *dst;

	len = RTE_MIN(c->len - base, (uint32_t)sizeof(e));
	len -= len % sizeof(uint64_t);
	if (len == 0)
		return 0;
	dst = nicdev_dma_map(c->iova + base, len);
	if (dst == NULL)
		return 0;
	e.rx_wire_errors = nicdev_counter_read(&cnt->rx_wire_errors);
	e.rx_wire_resyncs = nicdev_counter_read(&cnt->rx_wire_resyncs);
	e.tx_wire_drops = nicdev_counter_read(&cnt->tx_wire_drops);
	e.wire_handshake_errors =
		nicdev_counter_read(&cnt->wire_handshake_errors);
	e.rx_wire_drops = nicdev_counter_read(&cnt->rx_wire_drops);
	memcpy(dst, &e, len);
	return len;
}

/* Add or remove one port of the UDP tunnel table; rules in nicpmd_hw.h. */
uint16_t
nicdev_udp_tunnel_set(struct nicdev *dev, const struct nicpmd_aq_udp_tunnel *c)
{
	struct nicdev_udp_tunnels *tun = &dev->udp_tunnels;
	uint16_t st = NICPMD_AQ_S_OK;
	unsigned int i;

	if (!(dev->features & NICPMD_F_UDP_TUNNEL))
		return NICPMD_AQ_S_EPERM;
	if (c->port == 0 || c->add > 1 || c->type < NICPMD_UDP_TUNNEL_VXLAN ||
	    c->type > NICPMD_UDP_TUNNEL_GENEVE)
		return NICPMD_AQ_S_EINVAL;
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	for (i = 0; i < tun->nb && tun->e[i].port != c->port; i++)
		;
	if (c->add) {
		if (i < tun->nb) {
			st = tun->e[i].type == c->type ? NICPMD_AQ_S_OK :
				NICPMD_AQ_S_EBUSY;
		} else if (tun->nb == NICPMD_UDP_TUNNEL_PORTS) {
			st = NICPMD_AQ_S_ENOSPC;
		} else {
			tun->e[tun->nb].port = c->port;
			tun->e[tun->nb].type = c->type;
			tun->nb++;
		}
	} else if (i == tun->nb || tun->e[i].type != c->type) {
		st = NICPMD_AQ_S_ENOENT;
	} else {
		tun->e[i] = tun->e[--tun->nb];
	}
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	return st;
}

static uint16_t
aq_get_stats(struct nicdev *dev, const struct nicpmd_aq_dma *c, uint32_t *ret)
{
	const struct nicdev_port_counters *cnt = &dev->cnt;
	struct nicpmd_hw_stats *s;
	uint64_t drops = 0;
	unsigned int q;

	if (c->len < sizeof(*s))
		return NICPMD_AQ_S_EINVAL;
	/*
	 * Counters the wire's far side keeps (the kernel's) are taken now,
	 * by the device's own process; another one sees the last taken.
	 */
	if (!nicdev_foreign(dev) && dev->wire->collect != NULL)
		dev->wire->collect(dev);
	s = nicdev_dma_map(c->iova, sizeof(*s));
	if (s == NULL)
		return NICPMD_AQ_S_EFAULT;
	memset(s, 0, sizeof(*s));
	s->nb_rxq = dev->nb_queues;
	s->nb_txq = dev->nb_queues;
	for (q = 0; q < dev->nb_queues; q++) {
		s->rxq[q].packets = nicdev_counter_read(&dev->rxq[q].packets);
		s->rxq[q].bytes = nicdev_counter_read(&dev->rxq[q].bytes);
		s->rxq[q].drops = nicdev_counter_read(&dev->rxq[q].drops);
		s->txq[q].packets = nicdev_counter_read(&dev->txq[q].packets);
		s->txq[q].bytes = nicdev_counter_read(&dev->txq[q].bytes);
		s->txq[q].drops = nicdev_counter_read(&dev->txq[q].drops);
		s->rx_packets += s->rxq[q].packets;
		s->rx_bytes += s->rxq[q].bytes;
		drops += s->rxq[q].drops;
		s->rx_buf_errors += nicdev_counter_read(&dev->rxq[q].buf_errors);
		s->rx_l3_csum_bad += nicdev_counter_read(&dev->rxq[q].l3_bad);
		s->rx_l4_csum_bad += nicdev_counter_read(&dev->rxq[q].l4_bad);
		s->tx_packets += s->txq[q].packets;
		s->tx_bytes += s->txq[q].bytes;
	}
	s->rx_no_buffer = drops;
	s->rx_filtered = nicdev_counter_read(&cnt->rx_filtered);
	s->rx_oversize = nicdev_counter_read(&cnt->rx_oversize);
	s->rx_too_long = nicdev_counter_read(&cnt->rx_too_long);
	s->rx_runt = nicdev_counter_read(&cnt->rx_runt);
	s->rx_port_down = nicdev_counter_read(&cnt->rx_port_down);
	s->tx_bad_desc = nicdev_counter_read(&cnt->tx_bad_desc);
	s->tx_link_down = nicdev_counter_read(&cnt->tx_link_down);
	s->tx_fault_drops = nicdev_counter_read(&cnt->tx_fault_drops);
	s->link_changes = nicdev_counter_read(&cnt->link_changes);
	s->rx_vlan_filtered = nicdev_counter_read(&cnt->rx_vlan_filtered);
	s->tx_tso_frames = nicdev_counter_read(&cnt->tx_tso_frames);
	*ret = sizeof(*s);
	if (dev->features & NICPMD_F_STATS_EXT)
		*ret += stats_ext_write(dev, c, sizeof(*s));
	return NICPMD_AQ_S_OK;
}

/* Commands that change nothing: all another process may run. */
static bool
aq_reads_only(uint16_t opcode)
{
	return opcode == NICPMD_AQ_NOP || opcode == NICPMD_AQ_GET_STATS ||
		opcode == NICPMD_AQ_GET_FLOW_CTRL ||
		opcode == NICPMD_AQ_FLOW_STATS ||
		opcode == NICPMD_AQ_GET_RX_SPLIT_STATS;
}

static uint16_t
aq_execute(struct nicdev *dev, struct nicpmd_aq_desc *d)
{
	/* A change would reach the wire, which is the owner's alone. */
	if (nicdev_foreign(dev) && !aq_reads_only(d->opcode))
		return NICPMD_AQ_S_EPERM;
	switch (d->opcode) {
	case NICPMD_AQ_NOP:
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_CREATE_TXQ:
		return nicdev_txq_create(dev, &d->u.txq);
	case NICPMD_AQ_DESTROY_TXQ:
		return nicdev_txq_destroy(dev, d->u.qid.qid);
	case NICPMD_AQ_CREATE_RXQ:
		return nicdev_rxq_create(dev, &d->u.rxq);
	case NICPMD_AQ_DESTROY_RXQ:
		return nicdev_rxq_destroy(dev, d->u.qid.qid);
	case NICPMD_AQ_PORT_ENABLE:
		set_enabled(dev, true);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_PORT_DISABLE:
		set_enabled(dev, false);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_SET_MAC:
		if (d->u.mac.addr[0] & 1)	/* group address: not a port's */
			return NICPMD_AQ_S_EINVAL;
		rte_rwlock_write_lock(&dev->rx_cfg_lock);
		memcpy(dev->mac, d->u.mac.addr, sizeof(dev->mac));
		rte_rwlock_write_unlock(&dev->rx_cfg_lock);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_SET_RX_MODE:
		if (d->u.rx_mode.mode & ~(NICPMD_RX_MODE_PROMISC |
		    NICPMD_RX_MODE_ALLMULTI | NICPMD_RX_MODE_BROADCAST))
			return NICPMD_AQ_S_EINVAL;
		rte_atomic_store_explicit(&dev->rx_mode, d->u.rx_mode.mode,
				 rte_memory_order_relaxed);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_SET_MTU:
		if (d->u.mtu.mtu < NICPMD_MIN_MTU ||
		    d->u.mtu.mtu > NICPMD_MAX_FRAME - NICPMD_L2_OVERHEAD)
			return NICPMD_AQ_S_EINVAL;
		rte_atomic_store_explicit(&dev->mtu, d->u.mtu.mtu, rte_memory_order_relaxed);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_SET_UDP_TUNNEL:
		return nicdev_udp_tunnel_set(dev, &d->u.udp_tunnel);
	case NICPMD_AQ_SET_FLOW_CTRL:
		return nicdev_fc_set(dev, &d->u.flow_ctrl);
	case NICPMD_AQ_GET_FLOW_CTRL:
		return nicdev_fc_get(dev, &d->u.flow_ctrl);
	case NICPMD_AQ_CREATE_RXQ_SPLIT:
		return nicdev_rxq_create_split(dev, &d->u.rxq_split);
	case NICPMD_AQ_GET_RX_SPLIT_STATS:
		if (!(dev->features & NICPMD_F_RX_SPLIT))
			return NICPMD_AQ_S_EPERM;
		nicdev_rx_split_stats(dev, &d->u.rx_split_stats);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_GET_STATS:
		return aq_get_stats(dev, &d->u.dma, &d->ret);
	case NICPMD_AQ_SET_LINK:
		if (d->u.link.up > 1)
			return NICPMD_AQ_S_EINVAL;
		dev->link_admin_up = d->u.link.up;
		nicdev_link_refresh(dev);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_SET_LOOPBACK:
		if (!(dev->features & NICPMD_F_LOOPBACK))
			return NICPMD_AQ_S_EPERM;
		if (d->u.loopback.enable > 1)
			return NICPMD_AQ_S_EINVAL;
		dev->loopback = d->u.loopback.enable;
		nicdev_link_refresh(dev);
		return NICPMD_AQ_S_OK;
	case NICPMD_AQ_SET_VLAN_FILTER:
		return aq_vlan_filter(dev, &d->u.vlan_filter);
	case NICPMD_AQ_SET_VLAN_CONFIG:
		return aq_vlan_config(dev, &d->u.vlan_config);
	case NICPMD_AQ_SET_RXQ_FLAGS:
		return nicdev_rxq_set_flags(dev, &d->u.rxq_flags);
	case NICPMD_AQ_SET_RSS_KEY:
		return aq_rss_key(dev, &d->u.rss_key);
	case NICPMD_AQ_SET_RSS_RETA:
		return aq_rss_reta(dev, &d->u.rss_reta);
	case NICPMD_AQ_SET_RSS:
		return aq_rss(dev, &d->u.rss);
	case NICPMD_AQ_SET_ADDR_FILTER:
		return aq_addr_filter(dev, &d->u.addr_filter);
	case NICPMD_AQ_FLOW_ADD:
		return nicdev_flow_add(dev, &d->u.flow_add);
	case NICPMD_AQ_FLOW_DEL:
		return nicdev_flow_del(dev, d->u.flow_index.index);
	case NICPMD_AQ_FLOW_FLUSH:
		return nicdev_flow_flush(dev);
	case NICPMD_AQ_FLOW_QUERY:
		return nicdev_flow_query(dev, &d->u.flow_query, &d->ret);
	case NICPMD_AQ_FLOW_STATS:
		return nicdev_flow_stats(dev, &d->u.dma, &d->ret);
	case NICPMD_AQ_FLOW_CONFIG:
		return nicdev_flow_config(dev, &d->u.flow_config);
	case NICPMD_AQ_FAULT_INJECT:
		return nicdev_fault_set(dev, &d->u.fault);
	default:
		return NICPMD_AQ_S_ENOSYS;
	}
}

/* Execute every command between our head and the driver's tail. */
void
nicdev_aq_process(struct nicdev *dev)
{
	uint32_t tail = nicdev_reg_read(dev, NICPMD_REG_AQ_TAIL);
	struct nicpmd_aq_desc *d;
	uint16_t status;

	if (dev->aq == NULL)
		return;
	if (tail - dev->aq_head > dev->aq_mask + 1) {
		nicdev_fatal(dev, "admin queue tail beyond the ring");
		return;
	}
	while (dev->aq_head != tail) {
		d = &dev->aq[dev->aq_head & dev->aq_mask];
		/* FAULT_INJECT: this one is taken and never answered. */
		if (unlikely(dev->fault.flags & NICPMD_FAULT_F_AQ_SILENT) &&
		    d->opcode != NICPMD_AQ_FAULT_INJECT) {
			dev->fault.flags &= ~NICPMD_FAULT_F_AQ_SILENT;
			dev->aq_head++;
			nicdev_reg_write(dev, NICPMD_REG_AQ_HEAD, dev->aq_head);
			continue;
		}
		d->ret = 0;
		status = aq_execute(dev, d);
		if (status != NICPMD_AQ_S_OK)
			NICDEV_LOG(DEBUG, "%s: admin opcode 0x%x: status %u",
				   dev->params.name, d->opcode, status);
		d->status = status;
		/* FAULT_INJECT: this completion answers another command. */
		if (unlikely(dev->fault.flags & NICPMD_FAULT_F_AQ_COOKIE) &&
		    d->opcode != NICPMD_AQ_FAULT_INJECT) {
			d->cookie ^= 0x8000;
			dev->fault.flags &= ~NICPMD_FAULT_F_AQ_COOKIE;
		}
		rte_atomic_store_explicit(&d->flags, d->flags | NICPMD_AQ_F_DONE,
				 rte_memory_order_release);
		dev->aq_head++;
		nicdev_reg_write(dev, NICPMD_REG_AQ_HEAD, dev->aq_head);
		rte_atomic_fetch_or_explicit((uint32_t *)(dev->bar + NICPMD_REG_INTR_CAUSE),
				  NICPMD_INTR_AQ, rte_memory_order_release);
	}
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Typed admin commands: each packs its own parameter block (the layouts
 * are base/nicpmd_hw.h's, size-checked there) and runs it on the admin
 * queue. Nothing else in the driver builds a command.
 */

#include <errno.h>
#include <string.h>

#include <rte_memzone.h>

#include "nicpmd_admin.h"
#include "nicpmd_adminq.h"

/* One command with a parameter block of len bytes (0: none). */
static int
aq_run(struct nicpmd_hw *hw, uint16_t opcode, const void *params, size_t len)
{
	struct nicpmd_aq_desc cmd;

	RTE_ASSERT(len <= sizeof(cmd.u));
	memset(&cmd, 0, sizeof(cmd));
	cmd.opcode = opcode;
	if (len != 0)
		memcpy(&cmd.u, params, len);
	return nicpmd_aq_exec(hw, &cmd);
}

#define AQ_RUN(hw, opcode, p) aq_run(hw, opcode, &(p), sizeof(p))

int
nicpmd_aq_create_txq(struct nicpmd_hw *hw, uint16_t qid, uint64_t ring_iova,
		     uint16_t nb_desc)
{
	struct nicpmd_aq_txq p = {
		.ring_iova = ring_iova,
		.qid = qid,
		.nb_desc = nb_desc,
	};

	return AQ_RUN(hw, NICPMD_AQ_CREATE_TXQ, p);
}

int
nicpmd_aq_destroy_txq(struct nicpmd_hw *hw, uint16_t qid)
{
	struct nicpmd_aq_qid p = { .qid = qid };

	return AQ_RUN(hw, NICPMD_AQ_DESTROY_TXQ, p);
}

int
nicpmd_aq_create_rxq(struct nicpmd_hw *hw, uint16_t qid, uint64_t ring_iova,
		     uint16_t nb_desc, uint16_t buf_len, uint16_t flags)
{
	struct nicpmd_aq_rxq p = {
		.ring_iova = ring_iova,
		.qid = qid,
		.nb_desc = nb_desc,
		.buf_len = buf_len,
		.flags = flags,
	};

	return AQ_RUN(hw, NICPMD_AQ_CREATE_RXQ, p);
}

int
nicpmd_aq_destroy_rxq(struct nicpmd_hw *hw, uint16_t qid)
{
	struct nicpmd_aq_qid p = { .qid = qid };

	return AQ_RUN(hw, NICPMD_AQ_DESTROY_RXQ, p);
}

int
nicpmd_aq_set_rxq_flags(struct nicpmd_hw *hw, uint16_t qid, uint16_t flags)
{
	struct nicpmd_aq_rxq_flags p = { .qid = qid, .flags = flags };

	return AQ_RUN(hw, NICPMD_AQ_SET_RXQ_FLAGS, p);
}

int
nicpmd_aq_port_enable(struct nicpmd_hw *hw, bool enable)
{
	return aq_run(hw, enable ? NICPMD_AQ_PORT_ENABLE :
		      NICPMD_AQ_PORT_DISABLE, NULL, 0);
}

int
nicpmd_aq_set_mac(struct nicpmd_hw *hw, const struct rte_ether_addr *mac)
{
	struct nicpmd_aq_mac p;

	memcpy(p.addr, mac->addr_bytes, sizeof(p.addr));
	return AQ_RUN(hw, NICPMD_AQ_SET_MAC, p);
}

int
nicpmd_aq_set_rx_mode(struct nicpmd_hw *hw, uint32_t mode)
{
	struct nicpmd_aq_rx_mode p = { .mode = mode };

	return AQ_RUN(hw, NICPMD_AQ_SET_RX_MODE, p);
}

int
nicpmd_aq_set_mtu(struct nicpmd_hw *hw, uint16_t mtu)
{
	struct nicpmd_aq_mtu p = { .mtu = mtu };

	return AQ_RUN(hw, NICPMD_AQ_SET_MTU, p);
}

int
nicpmd_aq_set_link(struct nicpmd_hw *hw, bool up)
{
	struct nicpmd_aq_link p = { .up = up };

	return AQ_RUN(hw, NICPMD_AQ_SET_LINK, p);
}

int
nicpmd_aq_set_loopback(struct nicpmd_hw *hw, bool enable)
{
	struct nicpmd_aq_loopback p = { .enable = enable };

	return AQ_RUN(hw, NICPMD_AQ_SET_LOOPBACK, p);
}

/* One DMA buffer for all calls: control ops are not run concurrently. */
int
nicpmd_aq_get_stats(struct nicpmd_hw *hw, struct nicpmd_stats *out)
{
	bool ext = hw->features & NICPMD_F_STATS_EXT;
	struct nicpmd_aq_desc cmd;
	struct nicpmd_aq_dma p = {
		.iova = hw->stats_mz->iova,
		.len = ext ? sizeof(*out) : sizeof(out->hw),
	};
	uint32_t got;
	int ret;

	memset(&cmd, 0, sizeof(cmd));
	cmd.opcode = NICPMD_AQ_GET_STATS;
	memcpy(&cmd.u, &p, sizeof(p));
	ret = nicpmd_aq_exec(hw, &cmd);
	if (ret < 0)
		return ret;
	/* ret says how much the device wrote: never read past it. */
	got = RTE_MIN(cmd.ret, p.len);
	if (got < sizeof(out->hw))
		return -EIO;
	memset(out, 0, sizeof(*out));
	memcpy(out, hw->stats_mz->addr, got);
	return 0;
}

int
nicpmd_aq_set_vlan_filter(struct nicpmd_hw *hw, uint16_t vid, bool on)
{
	struct nicpmd_aq_vlan_filter p = { .vid = vid, .on = on };

	return AQ_RUN(hw, NICPMD_AQ_SET_VLAN_FILTER, p);
}

int
nicpmd_aq_set_vlan_config(struct nicpmd_hw *hw, uint32_t flags,
			  uint16_t inner_tpid, uint16_t outer_tpid)
{
	struct nicpmd_aq_vlan_config p = {
		.flags = flags,
		.inner_tpid = inner_tpid,
		.outer_tpid = outer_tpid,
	};

	return AQ_RUN(hw, NICPMD_AQ_SET_VLAN_CONFIG, p);
}

int
nicpmd_aq_set_addr_filter(struct nicpmd_hw *hw, uint8_t table, uint8_t index,
			  const struct rte_ether_addr *addr)
{
	struct nicpmd_aq_addr_filter p = {
		.table = table,
		.index = index,
		.valid = addr != NULL,
	};

	if (addr != NULL)
		memcpy(p.addr, addr->addr_bytes, sizeof(p.addr));
	return AQ_RUN(hw, NICPMD_AQ_SET_ADDR_FILTER, p);
}

int
nicpmd_aq_set_rss_key(struct nicpmd_hw *hw,
		      const uint8_t key[NICPMD_RSS_KEY_LEN])
{
	struct nicpmd_aq_rss_key p;

	memcpy(p.key, key, sizeof(p.key));
	return AQ_RUN(hw, NICPMD_AQ_SET_RSS_KEY, p);
}

int
nicpmd_aq_set_rss_reta(struct nicpmd_hw *hw,
		       const uint8_t reta[NICPMD_RSS_RETA_SIZE])
{
	struct nicpmd_aq_rss_reta p;
	unsigned int i;
	int ret;

	for (i = 0; i < NICPMD_RSS_RETA_SIZE; i += NICPMD_RSS_RETA_PER_CMD) {
		p.first = i;
		p.count = NICPMD_RSS_RETA_PER_CMD;
		memcpy(p.queue, &reta[i], p.count);
		ret = AQ_RUN(hw, NICPMD_AQ_SET_RSS_RETA, p);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int
nicpmd_aq_set_rss(struct nicpmd_hw *hw, uint32_t types)
{
	struct nicpmd_aq_rss p = { .types = types };

	return AQ_RUN(hw, NICPMD_AQ_SET_RSS, p);
}

int
nicpmd_aq_flow_add(struct nicpmd_hw *hw, uint16_t index, uint64_t iova,
		   uint32_t len)
{
	struct nicpmd_aq_flow_add p = {
		.iova = iova,
		.len = len,
		.index = index,
	};

	return AQ_RUN(hw, NICPMD_AQ_FLOW_ADD, p);
}

int
nicpmd_aq_flow_del(struct nicpmd_hw *hw, uint16_t index)
{
	struct nicpmd_aq_flow_index p = { .index = index };

	return AQ_RUN(hw, NICPMD_AQ_FLOW_DEL, p);
}

int
nicpmd_aq_flow_flush(struct nicpmd_hw *hw)
{
	return aq_run(hw, NICPMD_AQ_FLOW_FLUSH, NULL, 0);
}

int
nicpmd_aq_flow_query(struct nicpmd_hw *hw, uint16_t index, bool reset,
		     uint64_t iova, uint32_t len)
{
	struct nicpmd_aq_flow_query p = {
		.iova = iova,
		.len = len,
		.index = index,
		.flags = reset ? NICPMD_FLOW_QUERY_RESET : 0,
	};

	return AQ_RUN(hw, NICPMD_AQ_FLOW_QUERY, p);
}

int
nicpmd_aq_flow_stats(struct nicpmd_hw *hw, uint64_t iova, uint32_t len)
{
	struct nicpmd_aq_dma p = { .iova = iova, .len = len };

	return AQ_RUN(hw, NICPMD_AQ_FLOW_STATS, p);
}

int
nicpmd_aq_flow_config(struct nicpmd_hw *hw, uint32_t flags)
{
	struct nicpmd_aq_flow_config p = { .flags = flags };

	return AQ_RUN(hw, NICPMD_AQ_FLOW_CONFIG, p);
}

int
nicpmd_aq_fault_inject(struct nicpmd_hw *hw, const struct nicpmd_aq_fault *f)
{
	return aq_run(hw, NICPMD_AQ_FAULT_INJECT, f, sizeof(*f));
}

int
nicpmd_aq_set_flow_ctrl(struct nicpmd_hw *hw,
			const struct nicpmd_aq_flow_ctrl *fc)
{
	struct nicpmd_aq_flow_ctrl p = {
		.mode = fc->mode,
		.flags = fc->flags,
		.pause_time = fc->pause_time,
		.high_water = fc->high_water,
		.low_water = fc->low_water,
	};

	return AQ_RUN(hw, NICPMD_AQ_SET_FLOW_CTRL, p);
}

/* The device fills the parameter block: settings, state, counters. */
int
nicpmd_aq_get_flow_ctrl(struct nicpmd_hw *hw, struct nicpmd_aq_flow_ctrl *out)
{
	struct nicpmd_aq_desc cmd;
	int ret;

	memset(&cmd, 0, sizeof(cmd));
	cmd.opcode = NICPMD_AQ_GET_FLOW_CTRL;
	ret = nicpmd_aq_exec(hw, &cmd);
	if (ret == 0)
		memcpy(out, &cmd.u.flow_ctrl, sizeof(*out));
	return ret;
}

int
nicpmd_aq_create_rxq_split(struct nicpmd_hw *hw, uint16_t qid,
			   uint64_t ring_iova, uint16_t nb_desc,
			   uint16_t flags, uint8_t mode, uint8_t nb_seg,
			   const struct nicpmd_rx_split_seg *seg)
{
	struct nicpmd_aq_rxq_split p = {
		.ring_iova = ring_iova,
		.qid = qid,
		.nb_desc = nb_desc,
		.flags = flags,
		.nb_seg = nb_seg,
		.mode = mode,
	};

	if (nb_seg > RTE_DIM(p.seg))
		return -EINVAL;
	memcpy(p.seg, seg, sizeof(*seg) * nb_seg);
	return AQ_RUN(hw, NICPMD_AQ_CREATE_RXQ_SPLIT, p);
}

int
nicpmd_aq_get_rx_split_stats(struct nicpmd_hw *hw,
			     struct nicpmd_aq_rx_split_stats *out)
{
	struct nicpmd_aq_desc cmd;
	int ret;

	memset(&cmd, 0, sizeof(cmd));
	cmd.opcode = NICPMD_AQ_GET_RX_SPLIT_STATS;
	ret = nicpmd_aq_exec(hw, &cmd);
	if (ret == 0)
		memcpy(out, &cmd.u.rx_split_stats, sizeof(*out));
	return ret;
}

int
nicpmd_aq_set_udp_tunnel(struct nicpmd_hw *hw, uint16_t port, uint8_t type,
			 bool add)
{
	struct nicpmd_aq_udp_tunnel p = {
		.port = port, .type = type, .add = add,
	};

	return AQ_RUN(hw, NICPMD_AQ_SET_UDP_TUNNEL, p);
}

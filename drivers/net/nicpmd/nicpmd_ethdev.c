/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* ethdev glue: probe/remove on the vdev bus and the control-path ops. */

#include <errno.h>
#include <string.h>

#include <bus_vdev_driver.h>
#include <ethdev_vdev.h>
#include <rte_cycles.h>
#include <rte_malloc.h>

#include "nicpmd.h"

RTE_LOG_REGISTER_DEFAULT(nicpmd_logtype, NOTICE);

#define NICPMD_LINK_WAIT_MS	1000

/* The device's speeds, as ethdev names them. */
static uint32_t
nicpmd_speed_capa(const struct nicpmd_hw *hw)
{
	uint32_t reg = nicpmd_read_reg(hw, NICPMD_REG_SPEED_CAPA), capa = 0;

	if (reg & NICPMD_SPEED_10G)
		capa |= RTE_ETH_LINK_SPEED_10G;
	if (reg & NICPMD_SPEED_25G)
		capa |= RTE_ETH_LINK_SPEED_25G;
	if (reg & NICPMD_SPEED_40G)
		capa |= RTE_ETH_LINK_SPEED_40G;
	if (reg & NICPMD_SPEED_100G)
		capa |= RTE_ETH_LINK_SPEED_100G;
	return capa;
}

/* Autonegotiation, or speeds the device has; fixed means exactly one. */
static int
nicpmd_check_link_speeds(struct rte_eth_dev *dev, uint32_t speeds)
{
	uint32_t capa = nicpmd_speed_capa(&NICPMD_ADAPTER(dev)->hw);
	uint32_t want = speeds & ~RTE_ETH_LINK_SPEED_FIXED;

	if (speeds == RTE_ETH_LINK_SPEED_AUTONEG)
		return 0;
	if ((want & ~capa) != 0 || want == 0 ||
	    ((speeds & RTE_ETH_LINK_SPEED_FIXED) &&
	     !rte_is_power_of_2(want))) {
		NICPMD_LOG(ERR, "port %u: link_speeds 0x%x: the device has "
			   "0x%x%s", dev->data->port_id, speeds, capa,
			   (speeds & RTE_ETH_LINK_SPEED_FIXED) ?
			   " (fixed: exactly one)" : "");
		return -EINVAL;
	}
	return 0;
}

static int
nicpmd_dev_configure(struct rte_eth_dev *dev)
{
	const struct rte_eth_conf *conf = &dev->data->dev_conf;
	int ret;

	if (conf->rxmode.mq_mode != RTE_ETH_MQ_RX_NONE &&
	    conf->rxmode.mq_mode != RTE_ETH_MQ_RX_RSS) {
		NICPMD_LOG(ERR, "port %u: Rx multi-queue mode %d not supported "
			   "(none or RSS)", dev->data->port_id,
			   conf->rxmode.mq_mode);
		return -EINVAL;
	}
	if (conf->txmode.mq_mode != RTE_ETH_MQ_TX_NONE) {
		NICPMD_LOG(ERR, "port %u: Tx multi-queue mode %d not supported",
			   dev->data->port_id, conf->txmode.mq_mode);
		return -EINVAL;
	}
	if (conf->lpbk_mode > 1) {
		NICPMD_LOG(ERR, "port %u: loopback mode %u not supported "
			   "(0: off, 1: MAC loopback)", dev->data->port_id,
			   conf->lpbk_mode);
		return -EINVAL;
	}
	ret = nicpmd_check_link_speeds(dev, conf->link_speeds);
	if (ret < 0)
		return ret;
	if ((conf->intr_conf.lsc || conf->intr_conf.rxq) &&
	    !(NICPMD_ADAPTER(dev)->hw.features & NICPMD_F_LSC_INTR)) {
		NICPMD_LOG(ERR, "port %u: the device has no interrupts",
			   dev->data->port_id);
		return -ENOTSUP;
	}
	return nicpmd_rss_configure(dev);
}

/*
 * Offloads are what the negotiated features allow. Per-queue: what the
 * device does per descriptor (all Tx) or per Rx queue (checksum, strip).
 */
static void
nicpmd_offload_capa(const struct nicpmd_hw *hw, struct rte_eth_dev_info *info)
{
	uint64_t f = hw->features, rx = 0, rxq = 0, tx;

	tx = RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	if (f & NICPMD_F_MULTI_SEG_TX)
		tx |= RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	if (f & NICPMD_F_TX_CSUM)
		tx |= RTE_ETH_TX_OFFLOAD_IPV4_CKSUM |
			RTE_ETH_TX_OFFLOAD_UDP_CKSUM |
			RTE_ETH_TX_OFFLOAD_TCP_CKSUM |
			RTE_ETH_TX_OFFLOAD_SCTP_CKSUM;
	/* TSO input spans buffers; its segments carry device checksums. */
	if ((f & NICPMD_F_TSO) && (f & NICPMD_F_MULTI_SEG_TX))
		tx |= RTE_ETH_TX_OFFLOAD_TCP_TSO;
	if (f & NICPMD_F_VLAN)
		tx |= RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
	if (f & NICPMD_F_QINQ)
		tx |= RTE_ETH_TX_OFFLOAD_QINQ_INSERT;

	if (f & NICPMD_F_RX_CSUM)
		rxq |= NICPMD_RX_OFFLOAD_CSUM;
	if (f & NICPMD_F_VLAN) {
		rxq |= RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
		rx |= RTE_ETH_RX_OFFLOAD_VLAN_FILTER;
	}
	if (f & NICPMD_F_QINQ)
		rxq |= RTE_ETH_RX_OFFLOAD_QINQ_STRIP;
	if (f & NICPMD_F_SCATTER)
		rx |= RTE_ETH_RX_OFFLOAD_SCATTER;
	if (f & NICPMD_F_RSS)
		rxq |= RTE_ETH_RX_OFFLOAD_RSS_HASH;

	info->tx_offload_capa = tx;
	info->tx_queue_offload_capa = tx;
	info->rx_offload_capa = rx | rxq;
	info->rx_queue_offload_capa = rxq;
}

static int
nicpmd_dev_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;

	info->max_rx_queues = hw->max_queues;
	info->max_tx_queues = hw->max_queues;
	info->max_mac_addrs = (hw->features & NICPMD_F_MAC_FILTER) ?
		1 + NICPMD_UC_TABLE_SIZE : 1;
	info->min_rx_bufsize = NICPMD_MIN_RX_BUF;
	info->max_rx_pktlen = hw->max_frame;
	info->min_mtu = NICPMD_MIN_MTU;
	info->max_mtu = hw->max_frame - NICPMD_L2_OVERHEAD;

	info->rx_desc_lim.nb_max = hw->max_ring;
	info->rx_desc_lim.nb_min = hw->min_ring;
	info->rx_desc_lim.nb_align = hw->min_ring;
	info->tx_desc_lim.nb_max = hw->max_ring;
	info->tx_desc_lim.nb_min = hw->min_ring;
	info->tx_desc_lim.nb_align = hw->min_ring;
	info->tx_desc_lim.nb_seg_max = hw->tx_max_segs;
	info->tx_desc_lim.nb_mtu_seg_max = hw->tx_max_segs;

	nicpmd_offload_capa(hw, info);
	info->flow_type_rss_offloads = nicpmd_rss_offloads(hw);
	if (info->flow_type_rss_offloads != 0) {
		info->hash_key_size = NICPMD_RSS_KEY_LEN;
		info->reta_size = NICPMD_RSS_RETA_SIZE;
	}

	info->default_rxconf.rx_free_thresh = NICPMD_RX_FREE_THRESH;
	info->default_rxconf.rx_drop_en = 1;
	info->default_txconf.tx_rs_thresh = NICPMD_TX_RS_THRESH;
	info->default_txconf.tx_free_thresh = NICPMD_TX_RS_THRESH;
	info->default_rxportconf.ring_size = NICPMD_DEFAULT_RING;
	info->default_txportconf.ring_size = NICPMD_DEFAULT_RING;
	info->default_rxportconf.nb_queues = 1;
	info->default_txportconf.nb_queues = 1;
	info->default_rxportconf.burst_size = 32;
	info->default_txportconf.burst_size = 32;

	info->speed_capa = nicpmd_speed_capa(hw);
	/* A queue is its own device object: set up while the port runs. */
	info->dev_capa = RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP |
		RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP;
	return 0;
}

static int
nicpmd_aq_rx_mode(struct rte_eth_dev *dev, bool promisc, bool allmulti)
{
	struct nicpmd_aq_rx_mode mode = { .mode = NICPMD_RX_MODE_BROADCAST };

	if (promisc)
		mode.mode |= NICPMD_RX_MODE_PROMISC;
	if (allmulti)
		mode.mode |= NICPMD_RX_MODE_ALLMULTI;
	return nicpmd_aq_simple(&NICPMD_ADAPTER(dev)->hw,
				NICPMD_AQ_SET_RX_MODE, &mode, sizeof(mode));
}

/* Receive filters and modes the device forgets across a queue rebuild. */
static int
nicpmd_program_port(struct rte_eth_dev *dev)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	struct rte_eth_dev_data *data = dev->data;
	struct nicpmd_aq_mtu mtu = { .mtu = data->mtu };
	struct nicpmd_aq_mac mac;
	struct nicpmd_aq_loopback lb = {
		.enable = data->dev_conf.lpbk_mode == 1,
	};
	int ret;

	memcpy(mac.addr, data->mac_addrs[0].addr_bytes, sizeof(mac.addr));
	ret = nicpmd_aq_simple(hw, NICPMD_AQ_SET_MAC, &mac, sizeof(mac));
	if (ret == 0)
		ret = nicpmd_aq_simple(hw, NICPMD_AQ_SET_MTU, &mtu, sizeof(mtu));
	if (ret == 0)
		ret = nicpmd_aq_rx_mode(dev, data->promiscuous,
					data->all_multicast);
	if (ret == 0 && (lb.enable || (hw->features & NICPMD_F_LOOPBACK)))
		ret = nicpmd_aq_simple(hw, NICPMD_AQ_SET_LOOPBACK, &lb,
				       sizeof(lb));
	return ret;
}

static int nicpmd_dev_stop(struct rte_eth_dev *dev);

/*
 * The cheapest bursts that do what the queues ask: offload work stays out
 * of the plain paths. ethdev copies these at the end of start.
 */
static void
nicpmd_select_bursts(struct rte_eth_dev *dev)
{
	struct rte_eth_dev_data *data = dev->data;
	uint16_t inspect = 0, scatter = 0, i;
	uint64_t tx_off = 0;

	for (i = 0; i < data->nb_rx_queues; i++) {
		const struct nicpmd_rx_queue *rxq = data->rx_queues[i];

		scatter |= rxq->hw_flags & NICPMD_RXQ_F_SCATTER;
		inspect |= rxq->hw_flags & NICPMD_RXQ_F_LIVE;
	}
	for (i = 0; i < data->nb_tx_queues; i++)
		tx_off |= ((const struct nicpmd_tx_queue *)
			   data->tx_queues[i])->offloads;

	dev->rx_queue_count = nicpmd_rx_queue_count;
	dev->rx_descriptor_status = nicpmd_rx_descriptor_status;
	dev->tx_descriptor_status = nicpmd_tx_descriptor_status;
	data->scattered_rx = scatter != 0;
	if (scatter)
		dev->rx_pkt_burst = nicpmd_recv_scattered_pkts;
	else if (inspect)
		dev->rx_pkt_burst = nicpmd_recv_pkts_offload;
	else
		dev->rx_pkt_burst = nicpmd_recv_pkts;
	dev->tx_pkt_burst = (tx_off & NICPMD_TX_OFFLOAD_FIELDS) ?
		nicpmd_xmit_pkts_offload : nicpmd_xmit_pkts;
	dev->tx_pkt_prepare = nicpmd_prep_pkts;
}

static int
nicpmd_dev_start(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct rte_eth_dev_data *data = dev->data;
	uint16_t i;
	int ret;

	for (i = 0; i < data->nb_rx_queues; i++)
		if (data->rx_queues[i] == NULL) {
			NICPMD_LOG(ERR, "port %u: rxq %u was never set up",
				   data->port_id, i);
			return -EINVAL;
		}
	for (i = 0; i < data->nb_tx_queues; i++)
		if (data->tx_queues[i] == NULL) {
			NICPMD_LOG(ERR, "port %u: txq %u was never set up",
				   data->port_id, i);
			return -EINVAL;
		}
	for (i = 0; i < data->nb_rx_queues; i++) {
		struct nicpmd_rx_queue *rxq = data->rx_queues[i];

		rxq->hw_flags = nicpmd_rxq_hw_flags(dev, rxq);
		ret = nicpmd_rxq_fits_mtu(rxq, data->mtu);
		if (ret < 0)
			return ret;
	}
	ret = nicpmd_program_port(dev);
	if (ret == 0)
		ret = nicpmd_vlan_apply(dev);
	if (ret == 0)
		ret = nicpmd_mc_list_program(dev);
	if (ret == 0)
		ret = nicpmd_rss_program(dev);
	if (ret < 0) {
		NICPMD_LOG(ERR, "port %u: cannot program the device: %s",
			   data->port_id, rte_strerror(-ret));
		return ret;
	}
	ad->started = true;	/* from here on, stop undoes what is done */
	/* Deferred queues wait for rte_eth_dev_*_queue_start(). */
	for (i = 0; i < data->nb_tx_queues; i++) {
		struct nicpmd_tx_queue *txq = data->tx_queues[i];

		data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
		if (txq->deferred)
			continue;
		ret = nicpmd_tx_queue_hw_start(txq);
		if (ret < 0)
			goto fail;
		data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	for (i = 0; i < data->nb_rx_queues; i++) {
		struct nicpmd_rx_queue *rxq = data->rx_queues[i];

		data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
		if (rxq->deferred)
			continue;
		ret = nicpmd_rx_queue_hw_start(rxq);
		if (ret < 0)
			goto fail;
		data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	ret = nicpmd_rxq_intr_setup(dev);
	if (ret < 0)
		goto fail;
	nicpmd_intr_set_mask(dev, true);
	ret = nicpmd_aq_simple(&ad->hw, NICPMD_AQ_PORT_ENABLE, NULL, 0);
	if (ret < 0)
		goto fail;

	nicpmd_select_bursts(dev);
	return 0;
fail:
	nicpmd_dev_stop(dev);
	return ret;
}

static int
nicpmd_dev_stop(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct rte_eth_dev_data *data = dev->data;
	struct rte_eth_link link;
	uint16_t i;

	if (!ad->started)
		return 0;
	nicpmd_intr_set_mask(dev, false);
	nicpmd_rxq_intr_teardown(dev);
	nicpmd_aq_simple(&ad->hw, NICPMD_AQ_PORT_DISABLE, NULL, 0);
	for (i = 0; i < data->nb_rx_queues; i++) {
		if (data->rx_queue_state[i] == RTE_ETH_QUEUE_STATE_STARTED)
			nicpmd_rx_queue_hw_stop(data->rx_queues[i]);
		data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	}
	for (i = 0; i < data->nb_tx_queues; i++) {
		if (data->tx_queue_state[i] == RTE_ETH_QUEUE_STATE_STARTED)
			nicpmd_tx_queue_hw_stop(data->tx_queues[i]);
		data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	}
	memset(&link, 0, sizeof(link));
	rte_eth_linkstatus_set(dev, &link);
	ad->lsc_announced = 0;	/* down, as a stopped port is */
	ad->started = false;
	return 0;
}

int
nicpmd_link_update(struct rte_eth_dev *dev, int wait_to_complete)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct rte_eth_link link;
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * NICPMD_LINK_WAIT_MS / 1000;
	uint32_t reg;

	for (;;) {
		reg = nicpmd_read_reg(&ad->hw, NICPMD_REG_LINK);
		if ((reg & NICPMD_LINK_UP) || !wait_to_complete ||
		    !ad->started || rte_get_timer_cycles() > deadline)
			break;
		rte_delay_us_sleep(1000);
	}
	memset(&link, 0, sizeof(link));
	link.link_status = !!(reg & NICPMD_LINK_UP);
	link.link_duplex = (reg & NICPMD_LINK_FULL_DUPLEX) ?
		RTE_ETH_LINK_FULL_DUPLEX : RTE_ETH_LINK_HALF_DUPLEX;
	/* A fixed configuration is what the port runs with. */
	link.link_autoneg = (reg & NICPMD_LINK_AUTONEG) &&
		!(dev->data->dev_conf.link_speeds & RTE_ETH_LINK_SPEED_FIXED);
	link.link_speed = link.link_status ?
		(reg >> NICPMD_LINK_SPEED_SHIFT) * 100 : RTE_ETH_SPEED_NUM_NONE;
	return rte_eth_linkstatus_set(dev, &link);
}

/* Administrative link state; the far end of the wire follows. */
static int
nicpmd_set_link(struct rte_eth_dev *dev, uint8_t up)
{
	struct nicpmd_aq_link cmd = { .up = up };
	int ret;

	ret = nicpmd_aq_simple(&NICPMD_ADAPTER(dev)->hw, NICPMD_AQ_SET_LINK,
			       &cmd, sizeof(cmd));
	if (ret == 0)
		nicpmd_link_update(dev, 0);
	return ret;
}

static int
nicpmd_dev_set_link_up(struct rte_eth_dev *dev)
{
	return nicpmd_set_link(dev, 1);
}

static int
nicpmd_dev_set_link_down(struct rte_eth_dev *dev)
{
	return nicpmd_set_link(dev, 0);
}

static int
nicpmd_promiscuous_enable(struct rte_eth_dev *dev)
{
	return nicpmd_aq_rx_mode(dev, true, dev->data->all_multicast);
}

static int
nicpmd_promiscuous_disable(struct rte_eth_dev *dev)
{
	return nicpmd_aq_rx_mode(dev, false, dev->data->all_multicast);
}

static int
nicpmd_allmulticast_enable(struct rte_eth_dev *dev)
{
	return nicpmd_aq_rx_mode(dev, dev->data->promiscuous, true);
}

static int
nicpmd_allmulticast_disable(struct rte_eth_dev *dev)
{
	return nicpmd_aq_rx_mode(dev, dev->data->promiscuous, false);
}

static int
nicpmd_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	struct nicpmd_aq_mac mac;

	memcpy(mac.addr, addr->addr_bytes, sizeof(mac.addr));
	return nicpmd_aq_simple(&NICPMD_ADAPTER(dev)->hw, NICPMD_AQ_SET_MAC,
				&mac, sizeof(mac));
}

static int
nicpmd_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	struct nicpmd_aq_mtu cmd = { .mtu = mtu };
	uint16_t i;

	for (i = 0; i < dev->data->nb_rx_queues; i++) {
		struct nicpmd_rx_queue *rxq = dev->data->rx_queues[i];

		if (rxq != NULL && nicpmd_rxq_fits_mtu(rxq, mtu) < 0)
			return -EINVAL;
	}
	return nicpmd_aq_simple(&NICPMD_ADAPTER(dev)->hw, NICPMD_AQ_SET_MTU,
				&cmd, sizeof(cmd));
}

static int
nicpmd_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const struct nicpmd_hw_stats *b = &ad->stats_base;
	struct nicpmd_hw_stats s;
	unsigned int q;
	int ret;

	ret = nicpmd_aq_get_stats(&ad->hw, &s);
	if (ret < 0)
		return ret;
	stats->ipackets = s.rx_packets - b->rx_packets;
	stats->ibytes = s.rx_bytes - b->rx_bytes;
	stats->imissed = (s.rx_no_buffer - b->rx_no_buffer) +
		(s.rx_port_down - b->rx_port_down);
	/* Checksum-bad frames are delivered (flagged), not errors here. */
	stats->ierrors = (s.rx_oversize - b->rx_oversize) +
		(s.rx_too_long - b->rx_too_long) + (s.rx_runt - b->rx_runt) +
		(s.rx_buf_errors - b->rx_buf_errors);
	stats->opackets = s.tx_packets - b->tx_packets;
	stats->obytes = s.tx_bytes - b->tx_bytes;
	stats->oerrors = (s.tx_bad_desc - b->tx_bad_desc) +
		(s.tx_link_down - b->tx_link_down) +
		(s.tx_fault_drops - b->tx_fault_drops);
	stats->rx_nombuf = dev->data->rx_mbuf_alloc_failed;
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < s.nb_rxq; q++) {
		stats->q_ipackets[q] = s.rxq[q].packets - b->rxq[q].packets;
		stats->q_ibytes[q] = s.rxq[q].bytes - b->rxq[q].bytes;
		stats->q_errors[q] = s.rxq[q].drops - b->rxq[q].drops;
	}
	for (q = 0; q < RTE_ETHDEV_QUEUE_STAT_CNTRS && q < s.nb_txq; q++) {
		stats->q_opackets[q] = s.txq[q].packets - b->txq[q].packets;
		stats->q_obytes[q] = s.txq[q].bytes - b->txq[q].bytes;
	}
	return 0;
}

static int
nicpmd_stats_reset(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	int ret;

	/* Device counters never clear: remember where zero is. */
	ret = nicpmd_aq_get_stats(&ad->hw, &ad->stats_base);
	if (ret == 0)
		dev->data->rx_mbuf_alloc_failed = 0;
	return ret;
}

static int
nicpmd_fw_version_get(struct rte_eth_dev *dev, char *fw, size_t fw_size)
{
	const struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	int n;

	n = snprintf(fw, fw_size, "abi %u.%u",
		     NICPMD_VERSION_MAJOR(hw->version),
		     NICPMD_VERSION_MINOR(hw->version));
	if (n < 0)
		return -EINVAL;
	return (size_t)n < fw_size ? 0 : n + 1;
}

int
nicpmd_burst_mode_get(struct rte_eth_dev *dev __rte_unused,
		      uint16_t qid __rte_unused,
		      struct rte_eth_burst_mode *mode)
{
	snprintf(mode->info, sizeof(mode->info), "Scalar");
	return 0;
}

static int nicpmd_dev_close(struct rte_eth_dev *dev);
static int nicpmd_dev_reset(struct rte_eth_dev *dev);

static const struct eth_dev_ops nicpmd_ops = {
	.dev_configure = nicpmd_dev_configure,
	.dev_infos_get = nicpmd_dev_infos_get,
	.dev_start = nicpmd_dev_start,
	.dev_stop = nicpmd_dev_stop,
	.dev_close = nicpmd_dev_close,
	.dev_reset = nicpmd_dev_reset,
	.link_update = nicpmd_link_update,
	.promiscuous_enable = nicpmd_promiscuous_enable,
	.promiscuous_disable = nicpmd_promiscuous_disable,
	.allmulticast_enable = nicpmd_allmulticast_enable,
	.allmulticast_disable = nicpmd_allmulticast_disable,
	.mac_addr_set = nicpmd_mac_addr_set,
	.mac_addr_add = nicpmd_mac_addr_add,
	.mac_addr_remove = nicpmd_mac_addr_remove,
	.set_mc_addr_list = nicpmd_set_mc_addr_list,
	.mtu_set = nicpmd_mtu_set,
	.stats_get = nicpmd_stats_get,
	.stats_reset = nicpmd_stats_reset,
	.xstats_get = nicpmd_xstats_get,
	.xstats_get_names = nicpmd_xstats_get_names,
	.xstats_reset = nicpmd_stats_reset,	/* one baseline for both */
	.dev_set_link_up = nicpmd_dev_set_link_up,
	.dev_set_link_down = nicpmd_dev_set_link_down,
	.rx_queue_start = nicpmd_rx_queue_start,
	.rx_queue_stop = nicpmd_rx_queue_stop,
	.tx_queue_start = nicpmd_tx_queue_start,
	.tx_queue_stop = nicpmd_tx_queue_stop,
	.tx_done_cleanup = nicpmd_tx_done_cleanup,
	.rx_queue_intr_enable = nicpmd_rx_queue_intr_enable,
	.rx_queue_intr_disable = nicpmd_rx_queue_intr_disable,
	.rx_queue_setup = nicpmd_rx_queue_setup,
	.rx_queue_release = nicpmd_rx_queue_release,
	.tx_queue_setup = nicpmd_tx_queue_setup,
	.tx_queue_release = nicpmd_tx_queue_release,
	.rxq_info_get = nicpmd_rxq_info_get,
	.txq_info_get = nicpmd_txq_info_get,
	.rx_burst_mode_get = nicpmd_burst_mode_get,
	.tx_burst_mode_get = nicpmd_burst_mode_get,
	.fw_version_get = nicpmd_fw_version_get,
	.get_reg = nicpmd_get_reg,
	.eth_dev_priv_dump = nicpmd_priv_dump,
	.eth_rx_descriptor_dump = nicpmd_rx_descriptor_dump,
	.eth_tx_descriptor_dump = nicpmd_tx_descriptor_dump,
	.reta_update = nicpmd_reta_update,
	.reta_query = nicpmd_reta_query,
	.rss_hash_update = nicpmd_rss_hash_update,
	.rss_hash_conf_get = nicpmd_rss_hash_conf_get,
	.vlan_filter_set = nicpmd_vlan_filter_set,
	.vlan_offload_set = nicpmd_vlan_offload_set,
	.vlan_tpid_set = nicpmd_vlan_tpid_set,
	.vlan_strip_queue_set = nicpmd_vlan_strip_queue_set,
	.dev_supported_ptypes_get = nicpmd_supported_ptypes_get,
	.dev_ptypes_set = nicpmd_ptypes_set,
};

/* Bring the device to a known state and learn what it is. */
static int
nicpmd_dev_init(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	const char *name = dev->device->name;
	int ret;

	ret = nicpmd_hw_init(&ad->hw, name, ad->args.development);
	if (ret < 0)
		return ret;
	if (!ad->args.has_mac)
		nicpmd_hw_perm_mac(&ad->hw, &ad->args.mac);
	rte_ether_addr_copy(&ad->args.mac, &dev->data->mac_addrs[0]);
	memset(&ad->stats_base, 0, sizeof(ad->stats_base));
	dev->data->mtu = RTE_ETHER_MTU;
	ad->ptype_parse = ad->hw.features & NICPMD_F_RX_PTYPE;
	ad->inner_tpid = NICPMD_DEFAULT_INNER_TPID;
	ad->outer_tpid = NICPMD_DEFAULT_OUTER_TPID;
	return 0;
}

static int
nicpmd_dev_close(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	uint16_t i;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	nicpmd_dev_stop(dev);
	for (i = 0; i < dev->data->nb_rx_queues; i++)
		nicpmd_rx_queue_release(dev, i);
	for (i = 0; i < dev->data->nb_tx_queues; i++)
		nicpmd_tx_queue_release(dev, i);
	nicpmd_intr_uninit(dev);
	nicpmd_hw_uninit(&ad->hw);
	nicpmd_slot_unplug(&ad->hw);
	return 0;
}

/* rte_eth_dev_reset(): reset the device; the app then reconfigures. */
static int
nicpmd_dev_reset(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);

	nicpmd_dev_stop(dev);
	nicpmd_hw_uninit(&ad->hw);
	return nicpmd_dev_init(dev);
}

/*
 * A secondary process (dpdk-proc-info, dpdk-pdump) sees the primary's
 * port: it may read state, statistics and dumps, with admin commands that
 * change nothing; configuration and the datapath stay the primary's.
 */
static const struct eth_dev_ops nicpmd_secondary_ops = {
	.dev_infos_get = nicpmd_dev_infos_get,
	.link_update = nicpmd_link_update,
	.stats_get = nicpmd_stats_get,
	.xstats_get = nicpmd_xstats_get,
	.xstats_get_names = nicpmd_xstats_get_names,
	.rxq_info_get = nicpmd_rxq_info_get,
	.txq_info_get = nicpmd_txq_info_get,
	.rx_burst_mode_get = nicpmd_burst_mode_get,
	.tx_burst_mode_get = nicpmd_burst_mode_get,
	.fw_version_get = nicpmd_fw_version_get,
	.get_reg = nicpmd_get_reg,
	.eth_dev_priv_dump = nicpmd_priv_dump,
	.reta_query = nicpmd_reta_query,
	.rss_hash_conf_get = nicpmd_rss_hash_conf_get,
};

static int
nicpmd_probe_secondary(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_attach_secondary(name);
	if (dev == NULL) {
		NICPMD_LOG(ERR, "%s: not found in the primary process", name);
		return -ENODEV;
	}
	dev->dev_ops = &nicpmd_secondary_ops;
	dev->device = &vdev->device;
	dev->rx_pkt_burst = rte_eth_pkt_burst_dummy;
	dev->tx_pkt_burst = rte_eth_pkt_burst_dummy;
	rte_eth_dev_probing_finish(dev);
	return 0;
}

static int
nicpmd_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct nicpmd_adapter *ad;
	struct nicpmd_devargs args;
	struct rte_eth_dev *dev;
	int ret;

	if (rte_eal_process_type() == RTE_PROC_SECONDARY)
		return nicpmd_probe_secondary(vdev);
	ret = nicpmd_devargs_parse(name, rte_vdev_device_args(vdev), &args);
	if (ret < 0)
		return ret;

	dev = rte_eth_vdev_allocate(vdev, sizeof(*ad));
	if (dev == NULL)
		return -ENOMEM;
	ad = dev->data->dev_private;
	ad->args = args;
	dev->dev_ops = &nicpmd_ops;
	dev->rx_pkt_burst = nicpmd_recv_pkts;
	dev->tx_pkt_burst = nicpmd_xmit_pkts;
	dev->data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;

	/* Own allocation, room for the whole table: ethdev frees it. */
	dev->data->mac_addrs = rte_zmalloc(name, RTE_ETHER_ADDR_LEN *
					   (1 + NICPMD_UC_TABLE_SIZE), 0);
	if (dev->data->mac_addrs == NULL) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = nicpmd_slot_plug(name, &args.slot, &ad->hw);
	if (ret < 0)
		goto fail;
	ret = nicpmd_dev_init(dev);
	if (ret == 0) {
		ret = nicpmd_intr_init(dev);
		if (ret < 0)
			nicpmd_hw_uninit(&ad->hw);
	}
	if (ret < 0) {
		nicpmd_slot_unplug(&ad->hw);
		goto fail;
	}
	rte_eth_dev_probing_finish(dev);
	NICPMD_LOG(INFO, "%s: port %u, MAC " RTE_ETHER_ADDR_PRT_FMT, name,
		   dev->data->port_id,
		   RTE_ETHER_ADDR_BYTES(&dev->data->mac_addrs[0]));
	return 0;
fail:
	rte_eth_dev_release_port(dev);
	return ret;
}

static int
nicpmd_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_allocated(rte_vdev_device_name(vdev));
	if (dev == NULL)
		return 0;	/* already closed */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		nicpmd_dev_close(dev);
	return rte_eth_dev_release_port(dev);
}

static struct rte_vdev_driver nicpmd_vdev_driver = {
	.probe = nicpmd_probe,
	.remove = nicpmd_remove,
};

RTE_PMD_REGISTER_VDEV(net_nicpmd, nicpmd_vdev_driver);
RTE_PMD_REGISTER_PARAM_STRING(net_nicpmd,
	"wire=loop|peer:<cable>|pcap:rx:<file>:tx:<file>|iface:<netdev>|"
	"xproc:<socket path> "
	"mac=<xx:xx:xx:xx:xx:xx> "
	"queues=<1-64> "
	"engine=inline|thread "
	"development=0|1 "
	"hw_version=<major.minor>");

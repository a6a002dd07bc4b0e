/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * The port: probe/remove on the vdev bus, configure, info, start/stop,
 * close/reset, and the ops table (the ops themselves live in the file of
 * their concern: nicpmd_ethdev.h lists them).
 */

#include <errno.h>
#include <string.h>

#include <bus_vdev_driver.h>
#include <ethdev_vdev.h>
#include <rte_malloc.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"
#include "nicpmd_flow.h"
#include "nicpmd_rxtx.h"

RTE_LOG_REGISTER_DEFAULT(nicpmd_logtype, NOTICE);

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
	ret = nicpmd_flow_check_queues(dev, dev->data->nb_rx_queues);
	if (ret < 0)
		return ret;
	if ((conf->intr_conf.lsc || conf->intr_conf.rxq) &&
	    !(NICPMD_ADAPTER(dev)->hw.features & NICPMD_F_LSC_INTR)) {
		NICPMD_LOG(ERR, "port %u: the device has no interrupts",
			   dev->data->port_id);
		return -ENOTSUP;
	}
	/*
	 * RSS distribution comes with its hash in every mbuf, asked for or
	 * not, as on NICs of this class (gve, ena, bnxt): applications and
	 * DTS's rss suite read hash.rss after configuring only mq_mode.
	 */
	if ((conf->rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) &&
	    (NICPMD_ADAPTER(dev)->hw.features & NICPMD_F_RSS))
		dev->data->dev_conf.rxmode.offloads |=
			RTE_ETH_RX_OFFLOAD_RSS_HASH;
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
	/* The device checks the outer headers of UDP tunnels apart. */
	if ((f & NICPMD_F_RX_CSUM) && (f & NICPMD_F_TUNNEL_OFFLOAD))
		rxq |= NICPMD_RX_OFFLOAD_OUTER_CSUM;
	if (f & NICPMD_F_VLAN) {
		rxq |= RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
		rx |= RTE_ETH_RX_OFFLOAD_VLAN_FILTER;
	}
	if (f & NICPMD_F_QINQ) {
		rxq |= RTE_ETH_RX_OFFLOAD_QINQ_STRIP;
		rx |= RTE_ETH_RX_OFFLOAD_VLAN_EXTEND;
	}
	if (f & NICPMD_F_SCATTER)
		rx |= RTE_ETH_RX_OFFLOAD_SCATTER;
	if (f & NICPMD_F_RSS)
		rxq |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
	if (f & NICPMD_F_RX_SPLIT)
		rxq |= RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT;

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

	/* Buffer split: the device's layout limits (see base/nicpmd_hw.h). */
	if (hw->features & NICPMD_F_RX_SPLIT) {
		info->rx_seg_capa.max_nseg = NICPMD_RX_SPLIT_MAX_SEGS;
		info->rx_seg_capa.multi_pools = 1;
		info->rx_seg_capa.offset_allowed = 1;
		info->rx_seg_capa.offset_align_log2 = 0;
		NICPMD_RXSEG_CAPA_SELECTIVE_RX(&info->rx_seg_capa);
		info->max_rx_mempools = NICPMD_RX_SPLIT_MAX_BUFS;
	}

	info->speed_capa = nicpmd_speed_capa(hw);
	/* A queue is its own device object: set up while the port runs. */
	info->dev_capa = RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP |
		RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP;
	/* The device keeps its flow table while the port is stopped. */
	if (hw->features & NICPMD_F_FLOW)
		info->dev_capa |= RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP;
	return 0;
}

/* Receive filters and modes the device forgets across a queue rebuild. */
static int
nicpmd_program_port(struct rte_eth_dev *dev)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	struct rte_eth_dev_data *data = dev->data;
	bool loopback = data->dev_conf.lpbk_mode == 1;
	int ret;

	ret = nicpmd_aq_set_mac(hw, &data->mac_addrs[0]);
	if (ret == 0)
		ret = nicpmd_aq_set_mtu(hw, data->mtu);
	if (ret == 0)
		ret = nicpmd_rx_mode_program(dev);
	if (ret == 0 && (loopback || (hw->features & NICPMD_F_LOOPBACK)))
		ret = nicpmd_aq_set_loopback(hw, loopback);
	return ret;
}

static int nicpmd_dev_stop(struct rte_eth_dev *dev);

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
		ret = nicpmd_flow_ctrl_program(dev);
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
		ret = nicpmd_txq_hw_start(txq);
		if (ret < 0)
			goto fail;
		data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	for (i = 0; i < data->nb_rx_queues; i++) {
		struct nicpmd_rx_queue *rxq = data->rx_queues[i];

		data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
		if (rxq->deferred)
			continue;
		ret = nicpmd_rxq_hw_start(rxq);
		if (ret < 0)
			goto fail;
		data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	ret = nicpmd_rxq_intr_setup(dev);
	if (ret < 0)
		goto fail;
	nicpmd_intr_set_mask(dev, true);
	ret = nicpmd_aq_port_enable(&ad->hw, true);
	if (ret < 0)
		goto fail;

	nicpmd_rx_burst_select(dev);
	nicpmd_tx_burst_select(dev);
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
	nicpmd_aq_port_enable(&ad->hw, false);
	for (i = 0; i < data->nb_rx_queues; i++) {
		if (data->rx_queue_state[i] == RTE_ETH_QUEUE_STATE_STARTED)
			nicpmd_rxq_hw_stop(data->rx_queues[i]);
		data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	}
	for (i = 0; i < data->nb_tx_queues; i++) {
		if (data->tx_queue_state[i] == RTE_ETH_QUEUE_STATE_STARTED)
			nicpmd_txq_hw_stop(data->tx_queues[i]);
		data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	}
	memset(&link, 0, sizeof(link));
	rte_eth_linkstatus_set(dev, &link);
	ad->lsc_announced = 0;	/* down, as a stopped port is */
	ad->started = false;
	return 0;
}

static int
nicpmd_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	uint16_t i;

	for (i = 0; i < dev->data->nb_rx_queues; i++) {
		struct nicpmd_rx_queue *rxq = dev->data->rx_queues[i];

		if (rxq != NULL && nicpmd_rxq_fits_mtu(rxq, mtu) < 0)
			return -EINVAL;
	}
	return nicpmd_aq_set_mtu(&NICPMD_ADAPTER(dev)->hw, mtu);
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
	.flow_ctrl_get = nicpmd_flow_ctrl_get,
	.flow_ctrl_set = nicpmd_flow_ctrl_set,
	.udp_tunnel_port_add = nicpmd_udp_tunnel_port_add,
	.udp_tunnel_port_del = nicpmd_udp_tunnel_port_del,
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
	.rx_burst_mode_get = nicpmd_rx_burst_mode_get,
	.tx_burst_mode_get = nicpmd_tx_burst_mode_get,
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
	.flow_ops_get = nicpmd_flow_ops_get,
	.buffer_split_supported_hdr_ptypes_get = nicpmd_buffer_split_hdrs_get,
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
	nicpmd_flow_uninit(dev);
	for (i = 0; i < dev->data->nb_rx_queues; i++)
		nicpmd_rx_queue_release(dev, i);
	for (i = 0; i < dev->data->nb_tx_queues; i++)
		nicpmd_tx_queue_release(dev, i);
	nicpmd_intr_uninit(dev);
	nicpmd_hw_uninit(&ad->hw);
	nicpmd_slot_unplug(ad->hw.slot);
	ad->hw.slot = NULL;
	return 0;
}

/* rte_eth_dev_reset(): reset the device; the app then reconfigures. */
static int
nicpmd_dev_reset(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	int ret;

	nicpmd_dev_stop(dev);
	nicpmd_hw_uninit(&ad->hw);
	ret = nicpmd_dev_init(dev);
	/* The reset emptied the device's flow table: the rules go back. */
	if (ret == 0)
		ret = nicpmd_flow_replay(dev);
	return ret;
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
	.rx_burst_mode_get = nicpmd_rx_burst_mode_get,
	.tx_burst_mode_get = nicpmd_tx_burst_mode_get,
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
	struct nicpmd_slot_resources res;
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
	TAILQ_INIT(&ad->flows);
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
	ret = nicpmd_slot_plug(name, &args.slot, &ad->hw.slot, &res);
	if (ret < 0)
		goto fail;
	ad->hw.bar = res.bar;
	ad->hw.trapped = res.trapped;
	memcpy(ad->hw.irq_fd, res.irq_fd, sizeof(ad->hw.irq_fd));
	ad->hw.nb_irq = res.nb_irq;
	ret = nicpmd_dev_init(dev);
	if (ret == 0) {
		ret = nicpmd_intr_init(dev);
		if (ret < 0)
			nicpmd_hw_uninit(&ad->hw);
	}
	if (ret < 0) {
		nicpmd_slot_unplug(ad->hw.slot);
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

struct rte_eth_dev *
nicpmd_port_dev(uint16_t port_id)
{
	struct rte_eth_dev *dev;

	if (!rte_eth_dev_is_valid_port(port_id))
		return NULL;
	dev = &rte_eth_devices[port_id];
	if (dev->device == NULL || dev->device->driver == NULL ||
	    strcmp(dev->device->driver->name, NICPMD_DRIVER_NAME) != 0)
		return NULL;
	return dev;
}

static struct rte_vdev_driver nicpmd_vdev_driver = {
	.probe = nicpmd_probe,
	.remove = nicpmd_remove,
};

RTE_PMD_REGISTER_VDEV(net_nicpmd, nicpmd_vdev_driver);
RTE_PMD_REGISTER_PARAM_STRING(net_nicpmd, NICPMD_DEVARGS_HELP);

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_ETHDEV_H_
#define _NICPMD_ETHDEV_H_

/*
 * The control path: a port's private data and the ethdev ops the other
 * control files implement, grouped by file. The ops table itself is in
 * nicpmd_ethdev.c.
 */

#include <stdbool.h>
#include <stdio.h>
#include <sys/queue.h>

#include <ethdev_driver.h>

#include "nicpmd_admin.h"
#include "nicpmd_devargs.h"
#include "nicpmd_device.h"

/* PAUSE counters reported as xstats (nicpmd_fc.c). */
#define NICPMD_FC_NB_XSTATS	3u
struct rte_flow;
TAILQ_HEAD(nicpmd_flow_list, rte_flow);

/* Buffer split counters reported as xstats (nicpmd_rxq_split.c). */
#define NICPMD_SPLIT_NB_XSTATS	4u

struct nicpmd_adapter {
	struct nicpmd_hw hw;
	struct nicpmd_devargs args;
	struct nicpmd_stats stats_base;	/* counters at last reset */
	bool started;
	bool ptype_parse;		/* the device types frames (F_RX_PTYPE) */
	/*
	 * Link status the last LSC event announced: a change recorded by
	 * another path (set_link_down) still gets its event.
	 */
	int lsc_announced;
	uint16_t inner_tpid;		/* vlan_tpid_set */
	uint16_t outer_tpid;
	struct rte_ether_addr mc_list[NICPMD_MC_TABLE_SIZE];
	uint32_t nb_mc;			/* set_mc_addr_list, replayed at start */
	uint64_t rss_hf;		/* 0: RSS off */
	uint8_t rss_key[NICPMD_RSS_KEY_LEN];
	uint8_t rss_reta[NICPMD_RSS_RETA_SIZE];
	/* rte_flow (nicpmd_flow.c): the rules, also kept for replay. */
	struct nicpmd_flow_list flows;
	uint64_t flow_slots[NICPMD_FLOW_TABLE_SIZE / 64];	/* in use */
	uint16_t nb_flows;
	bool flow_isolated;
	const struct rte_memzone *flow_mz;
	struct nicpmd_flow_stats flow_stats_base;	/* xstats baseline */
	struct nicpmd_aq_flow_ctrl fc;	/* flow_ctrl_set, replayed at start */
	uint64_t fc_base[NICPMD_FC_NB_XSTATS];	/* PAUSE counters at reset */
	uint64_t split_base[NICPMD_SPLIT_NB_XSTATS]; /* split counters too */
	/*
	 * Bursts chosen at start (indexes into nicpmd_rx.c / nicpmd_tx.c's
	 * tables): here, so a secondary process can report them too.
	 */
	uint8_t rx_burst;
	uint8_t tx_burst;
};

#define NICPMD_ADAPTER(dev) ((struct nicpmd_adapter *)(dev)->data->dev_private)

/* nicpmd_link.c: link state, speeds, administrative up/down. */
uint32_t nicpmd_speed_capa(const struct nicpmd_hw *hw);
int nicpmd_check_link_speeds(struct rte_eth_dev *dev, uint32_t speeds);
int nicpmd_link_update(struct rte_eth_dev *dev, int wait_to_complete);
int nicpmd_dev_set_link_up(struct rte_eth_dev *dev);
int nicpmd_dev_set_link_down(struct rte_eth_dev *dev);

/* nicpmd_addr.c: port MAC, unicast/multicast tables, Rx modes. */
int nicpmd_mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr);
int nicpmd_mac_addr_add(struct rte_eth_dev *dev, struct rte_ether_addr *addr,
			uint32_t index, uint32_t vmdq);
void nicpmd_mac_addr_remove(struct rte_eth_dev *dev, uint32_t index);
int nicpmd_set_mc_addr_list(struct rte_eth_dev *dev,
			    struct rte_ether_addr *list, uint32_t nb);
int nicpmd_mc_list_program(struct rte_eth_dev *dev);
int nicpmd_rx_mode_program(struct rte_eth_dev *dev);
int nicpmd_promiscuous_enable(struct rte_eth_dev *dev);
int nicpmd_promiscuous_disable(struct rte_eth_dev *dev);
int nicpmd_allmulticast_enable(struct rte_eth_dev *dev);
int nicpmd_allmulticast_disable(struct rte_eth_dev *dev);

/* nicpmd_vlan.c */
int nicpmd_vlan_filter_set(struct rte_eth_dev *dev, uint16_t vid, int on);
int nicpmd_vlan_offload_set(struct rte_eth_dev *dev, int mask);
int nicpmd_vlan_tpid_set(struct rte_eth_dev *dev,
			 enum rte_vlan_type type, uint16_t tpid);
void nicpmd_vlan_strip_queue_set(struct rte_eth_dev *dev, uint16_t qid,
				 int on);
int nicpmd_vlan_apply(struct rte_eth_dev *dev);

/* nicpmd_rss.c */
uint64_t nicpmd_rss_offloads(const struct nicpmd_hw *hw);
uint32_t nicpmd_rss_dev_types(uint64_t rss_hf);	/* RTE_ETH_RSS_* -> RSS_* */
int nicpmd_rss_configure(struct rte_eth_dev *dev);
int nicpmd_rss_program(struct rte_eth_dev *dev);
int nicpmd_reta_update(struct rte_eth_dev *dev,
		       struct rte_eth_rss_reta_entry64 *conf, uint16_t size);
int nicpmd_reta_query(struct rte_eth_dev *dev,
		      struct rte_eth_rss_reta_entry64 *conf, uint16_t size);
int nicpmd_rss_hash_update(struct rte_eth_dev *dev,
			   struct rte_eth_rss_conf *conf);
int nicpmd_rss_hash_conf_get(struct rte_eth_dev *dev,
			     struct rte_eth_rss_conf *conf);

/* nicpmd_fc.c: Ethernet flow control and its counters. */
int nicpmd_flow_ctrl_get(struct rte_eth_dev *dev, struct rte_eth_fc_conf *fc);
int nicpmd_flow_ctrl_set(struct rte_eth_dev *dev, struct rte_eth_fc_conf *fc);
int nicpmd_flow_ctrl_program(struct rte_eth_dev *dev);
unsigned int nicpmd_fc_xstats_count(const struct rte_eth_dev *dev);
int nicpmd_fc_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
			 uint64_t id0);
void nicpmd_fc_xstats_names(const struct rte_eth_dev *dev,
			    struct rte_eth_xstat_name *names);
int nicpmd_fc_xstats_reset(struct rte_eth_dev *dev);

/* nicpmd_rxq_split.c: the buffer split counters. */
unsigned int nicpmd_split_xstats_count(const struct rte_eth_dev *dev);
int nicpmd_split_xstats_get(struct rte_eth_dev *dev,
			    struct rte_eth_xstat *xstats, uint64_t id0);
void nicpmd_split_xstats_names(const struct rte_eth_dev *dev,
			       struct rte_eth_xstat_name *names);
int nicpmd_split_xstats_reset(struct rte_eth_dev *dev);
/* nicpmd_tunnel.c: the device's UDP tunnel port table. */
int nicpmd_udp_tunnel_port_add(struct rte_eth_dev *dev,
			       struct rte_eth_udp_tunnel *t);
int nicpmd_udp_tunnel_port_del(struct rte_eth_dev *dev,
			       struct rte_eth_udp_tunnel *t);

/* nicpmd_stats.c: basic and extended statistics, one baseline. */
nicpmd_stats_get_t nicpmd_stats_get;
int nicpmd_stats_reset(struct rte_eth_dev *dev);
int nicpmd_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		      unsigned int n);
int nicpmd_xstats_get_names(struct rte_eth_dev *dev,
			    struct rte_eth_xstat_name *names,
			    unsigned int size);

/* nicpmd_intr.c: LSC and Rx queue interrupts. */
int nicpmd_intr_init(struct rte_eth_dev *dev);
void nicpmd_intr_uninit(struct rte_eth_dev *dev);
void nicpmd_intr_set_mask(struct rte_eth_dev *dev, bool started);
int nicpmd_rxq_intr_setup(struct rte_eth_dev *dev);
void nicpmd_rxq_intr_teardown(struct rte_eth_dev *dev);
int nicpmd_rx_queue_intr_enable(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_rx_queue_intr_disable(struct rte_eth_dev *dev, uint16_t qid);

/* nicpmd_dump.c: registers, private state, descriptors, telemetry. */
int nicpmd_fw_version_get(struct rte_eth_dev *dev, char *fw, size_t fw_size);
int nicpmd_get_reg(struct rte_eth_dev *dev, struct rte_dev_reg_info *info);
int nicpmd_priv_dump(struct rte_eth_dev *dev, FILE *f);
int nicpmd_rx_descriptor_dump(const struct rte_eth_dev *dev, uint16_t qid,
			      uint16_t offset, uint16_t num, FILE *f);
int nicpmd_tx_descriptor_dump(const struct rte_eth_dev *dev, uint16_t qid,
			      uint16_t offset, uint16_t num, FILE *f);

/* The nicpmd port behind port_id, or NULL (rte_pmd_nicpmd.c, telemetry). */
struct rte_eth_dev *nicpmd_port_dev(uint16_t port_id);

#endif /* _NICPMD_ETHDEV_H_ */

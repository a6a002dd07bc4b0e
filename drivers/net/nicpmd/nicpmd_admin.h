/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_ADMIN_H_
#define _NICPMD_ADMIN_H_

/*
 * Admin commands, one typed function each (nicpmd_admin.c): the only way
 * the driver configures the device. Each returns 0 or a negative errno
 * mapped from the device's completion status (-EINVAL a parameter out of
 * range, -EPERM a feature not negotiated, -ENOTSUP unknown opcode, -EBUSY,
 * -ENOENT, -EFAULT, -ETIMEDOUT no completion, -EIO anything else).
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>

#include "nicpmd_device.h"

/* The queue itself (nicpmd_adminq.c): set up at init, gone at uninit. */
int nicpmd_aq_init(struct nicpmd_hw *hw, const char *name);
void nicpmd_aq_uninit(struct nicpmd_hw *hw);

/* Queues. */
int nicpmd_aq_create_txq(struct nicpmd_hw *hw, uint16_t qid,
			 uint64_t ring_iova, uint16_t nb_desc);
int nicpmd_aq_destroy_txq(struct nicpmd_hw *hw, uint16_t qid);
int nicpmd_aq_create_rxq(struct nicpmd_hw *hw, uint16_t qid,
			 uint64_t ring_iova, uint16_t nb_desc,
			 uint16_t buf_len, uint16_t flags);
int nicpmd_aq_destroy_rxq(struct nicpmd_hw *hw, uint16_t qid);
int nicpmd_aq_set_rxq_flags(struct nicpmd_hw *hw, uint16_t qid,
			    uint16_t flags);
/* Rx buffer split (F_RX_SPLIT): a queue cut by seg[0 .. nb_seg - 1]. */
int nicpmd_aq_create_rxq_split(struct nicpmd_hw *hw, uint16_t qid,
			       uint64_t ring_iova, uint16_t nb_desc,
			       uint16_t flags, uint8_t mode, uint8_t nb_seg,
			       const struct nicpmd_rx_split_seg *seg);
int nicpmd_aq_get_rx_split_stats(struct nicpmd_hw *hw,
				 struct nicpmd_aq_rx_split_stats *out);

/* Port. */
int nicpmd_aq_port_enable(struct nicpmd_hw *hw, bool enable);
int nicpmd_aq_set_mac(struct nicpmd_hw *hw, const struct rte_ether_addr *mac);
int nicpmd_aq_set_rx_mode(struct nicpmd_hw *hw, uint32_t mode);
int nicpmd_aq_set_mtu(struct nicpmd_hw *hw, uint16_t mtu);
int nicpmd_aq_set_link(struct nicpmd_hw *hw, bool up);
int nicpmd_aq_set_loopback(struct nicpmd_hw *hw, bool enable);
/*
 * The device's counters: the block and, with F_STATS_EXT, the
 * extension (counters a device did not write read as 0).
 */
struct nicpmd_stats {
	struct nicpmd_hw_stats hw;
	struct nicpmd_hw_stats_ext ext;
};
int nicpmd_aq_get_stats(struct nicpmd_hw *hw, struct nicpmd_stats *out);

/*
 * Ethernet flow control: SET sends the settings, GET reads them back
 * with the device's state and counters.
 */
int nicpmd_aq_set_flow_ctrl(struct nicpmd_hw *hw,
			    const struct nicpmd_aq_flow_ctrl *fc);
int nicpmd_aq_get_flow_ctrl(struct nicpmd_hw *hw,
			    struct nicpmd_aq_flow_ctrl *out);

/* UDP tunnel port table: add or remove one port (NICPMD_UDP_TUNNEL_*). */
int nicpmd_aq_set_udp_tunnel(struct nicpmd_hw *hw, uint16_t port,
			     uint8_t type, bool add);

/* Filters. */
int nicpmd_aq_set_vlan_filter(struct nicpmd_hw *hw, uint16_t vid, bool on);
int nicpmd_aq_set_vlan_config(struct nicpmd_hw *hw, uint32_t flags,
			      uint16_t inner_tpid, uint16_t outer_tpid);
/* addr NULL clears the entry. */
int nicpmd_aq_set_addr_filter(struct nicpmd_hw *hw, uint8_t table,
			      uint8_t index,
			      const struct rte_ether_addr *addr);

/* RSS: the whole key, the whole table (sent in pieces), the types. */
int nicpmd_aq_set_rss_key(struct nicpmd_hw *hw,
			  const uint8_t key[NICPMD_RSS_KEY_LEN]);
int nicpmd_aq_set_rss_reta(struct nicpmd_hw *hw,
			   const uint8_t reta[NICPMD_RSS_RETA_SIZE]);
int nicpmd_aq_set_rss(struct nicpmd_hw *hw, uint32_t types);

/*
 * Flow table (F_FLOW). Rules, counters and table stats travel through
 * host memory the caller provides (an IOVA-contiguous memzone).
 */
int nicpmd_aq_flow_add(struct nicpmd_hw *hw, uint16_t index, uint64_t iova,
		       uint32_t len);
int nicpmd_aq_flow_del(struct nicpmd_hw *hw, uint16_t index);
int nicpmd_aq_flow_flush(struct nicpmd_hw *hw);
int nicpmd_aq_flow_query(struct nicpmd_hw *hw, uint16_t index, bool reset,
			 uint64_t iova, uint32_t len);
int nicpmd_aq_flow_stats(struct nicpmd_hw *hw, uint64_t iova, uint32_t len);
int nicpmd_aq_flow_config(struct nicpmd_hw *hw, uint32_t flags);

/* Experimental (F_EXP_FAULT_INJECT). */
int nicpmd_aq_fault_inject(struct nicpmd_hw *hw,
			   const struct nicpmd_aq_fault *f);

#endif /* _NICPMD_ADMIN_H_ */

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_H_
#define _NICPMD_H_

#include <stdbool.h>

#include <ethdev_driver.h>
#include <rte_io.h>
#include <rte_log.h>
#include <rte_spinlock.h>

#include "base/nicpmd_hw.h"

extern int nicpmd_logtype;
#define NICPMD_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, nicpmd_logtype, "%s(): " fmt "\n", \
		__func__, ##__VA_ARGS__)

#define NICPMD_DRIVER_NAME	"net_nicpmd"
/*
 * Default ring size. The device is software: every posted Rx buffer is
 * memory a CPU will write, and every Tx buffer one it will read. Small
 * rings keep that working set in cache (io-fwd with 256 measured 3-10%
 * faster than with 1024); apps needing deeper rings ask for them.
 */
#define NICPMD_DEFAULT_RING	256u
#define NICPMD_DEFAULT_QUEUES	4u
#define NICPMD_AQ_LEN		64u
#define NICPMD_RX_FREE_THRESH	32u
#define NICPMD_TX_RS_THRESH	32u
#define NICPMD_TX_RS_MAX	256u	/* largest batch freed at once */
#define NICPMD_DRIVER_FEATURES	(NICPMD_F_LOOPBACK | NICPMD_F_MULTI_SEG_TX | \
				 NICPMD_F_SCATTER | NICPMD_F_RX_CSUM | \
				 NICPMD_F_TX_CSUM | NICPMD_F_TSO | \
				 NICPMD_F_VLAN | NICPMD_F_QINQ | \
				 NICPMD_F_RX_PTYPE | NICPMD_F_RSS | \
				 NICPMD_F_MAC_FILTER | NICPMD_F_LSC_INTR | \
				 NICPMD_F_EXP_FAULT_INJECT)

/* Offloads whose Tx work needs the offload burst (descriptor fields). */
#define NICPMD_TX_OFFLOAD_FIELDS (RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_UDP_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_TCP_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_SCTP_CKSUM | \
				  RTE_ETH_TX_OFFLOAD_TCP_TSO | \
				  RTE_ETH_TX_OFFLOAD_VLAN_INSERT | \
				  RTE_ETH_TX_OFFLOAD_QINQ_INSERT)
#define NICPMD_RX_OFFLOAD_CSUM	(RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | \
				 RTE_ETH_RX_OFFLOAD_UDP_CKSUM | \
				 RTE_ETH_RX_OFFLOAD_TCP_CKSUM | \
				 RTE_ETH_RX_OFFLOAD_SCTP_CKSUM)

struct nicdev;

/*
 * The register write trap of a software device's platform (see slot).
 * Process-local: every process has its own copy of the plugin's code.
 */
typedef void (*nicpmd_trap_t)(struct nicdev *dev, uint32_t reg);
extern const nicpmd_trap_t nicpmd_platform_trap;

/* Driver view of the hardware: registers and the admin queue. */
struct nicpmd_hw {
	volatile uint8_t *bar;
	bool trapped;			/* writes go through the platform trap */
	struct nicdev *trap_dev;	/* the trap's argument (shared) */
	uint32_t version;
	uint64_t features;		/* negotiated */
	uint16_t max_queues;
	uint16_t min_ring, max_ring;
	uint16_t max_frame;
	uint8_t tx_max_segs;
	bool rx_poll;			/* device asks for RX_POLL doorbells */

	rte_spinlock_t aq_lock;
	const struct rte_memzone *aq_mz;
	struct nicpmd_aq_desc *aq;
	uint32_t aq_tail;
	uint16_t aq_cookie;
	const struct rte_memzone *stats_mz;	/* GET_STATS target */
	int irq_fd[NICPMD_MAX_VECTORS];	/* from the platform, device-owned */
	uint16_t nb_irq;
};

/* Slot configuration: how the device is built and cabled. */
struct nicpmd_slot_args {
	char wire[256];		
	bool threaded;
	uint16_t nb_queues;
	uint32_t version;
};

struct nicpmd_devargs {
	struct nicpmd_slot_args slot;
	bool development;
	bool has_mac;
	struct rte_ether_addr mac;
};

struct nicpmd_rx_queue {
	volatile union nicpmd_rx_desc *ring;
	struct rte_mbuf **sw_ring;	/* mbuf behind each descriptor */
	struct rte_mempool *mp;
	struct nicpmd_hw *hw;
	uint64_t mbuf_initializer;	/* rearm data of a fresh mbuf */
	uint16_t nb_desc;
	uint16_t mask;
	uint16_t next;			/* next descriptor to look at */
	uint16_t nb_hold;		/* consumed, not yet refilled */
	uint16_t free_thresh;
	uint16_t buf_len;
	uint32_t tail;			/* buffers posted (free-running) */
	uint16_t port_id;
	uint16_t queue_id;
	bool deferred;			/* not started with the port */
	bool running;			/* the device has the queue */
	uint16_t hw_flags;		/* NICPMD_RXQ_F_* asked of the device */
	uint64_t offloads;		/* port + queue Rx offloads */
	uint64_t rss_flag;		/* RX_RSS_HASH if RSS_HASH is on */
	struct rte_mbuf *pkt_first;	/* frame being reassembled */
	struct rte_mbuf *pkt_last;
	const struct rte_memzone *mz;
};

struct nicpmd_tx_queue {
	volatile struct nicpmd_tx_desc *ring;
	struct rte_mbuf **sw_ring;	/* segment behind each descriptor */
	struct nicpmd_hw *hw;
	uint16_t nb_desc;
	uint16_t mask;
	uint16_t nb_free;		/* descriptors we may fill */
	uint16_t rs_thresh;		/* RS every rs_thresh descriptors */
	uint16_t free_thresh;
	uint16_t next_dd;		/* RS descriptor to check next */
	bool fast_free;			/* MBUF_FAST_FREE: bulk put to one pool */
	bool multi_seg;			/* a chain was sent since start */
	uint32_t tail;			/* descriptors posted (free-running) */
	uint16_t port_id;
	uint16_t queue_id;
	bool deferred;			/* not started with the port */
	bool running;			/* the device has the queue */
	uint64_t offloads;
	const struct rte_memzone *mz;
};

struct nicpmd_adapter {
	struct nicpmd_hw hw;
	struct nicpmd_devargs args;
	struct nicpmd_hw_stats stats_base;	/* counters at last reset */
	bool started;
	bool ptype_parse;		/* dev_ptypes_set: parsing wanted */
	/* Link status the last LSC event announced: a change recorded by
	 * another path (set_link_down) still gets its event. */
	int lsc_announced;
	uint16_t inner_tpid;		/* vlan_tpid_set */
	uint16_t outer_tpid;
	struct rte_ether_addr mc_list[NICPMD_MC_TABLE_SIZE];
	uint32_t nb_mc;			/* set_mc_addr_list, replayed at start */
	uint64_t rss_hf;		/* 0: RSS off */
	uint8_t rss_key[NICPMD_RSS_KEY_LEN];
	uint8_t rss_reta[NICPMD_RSS_RETA_SIZE];
};

#define NICPMD_ADAPTER(dev) ((struct nicpmd_adapter *)(dev)->data->dev_private)

/* Register access, as to silicon: write, then let a trapping platform see it. */
static inline uint32_t
nicpmd_read_reg(const struct nicpmd_hw *hw, uint32_t reg)
{
	return rte_read32(hw->bar + reg);
}

static inline void
nicpmd_write_reg(struct nicpmd_hw *hw, uint32_t reg, uint32_t val)
{
	rte_write32(val, hw->bar + reg);
	if (hw->trapped)
		nicpmd_platform_trap(hw->trap_dev, reg);
}

/* nicpmd_devargs.c */
int nicpmd_devargs_parse(const char *name, const char *args,
			 struct nicpmd_devargs *out);

/* nicpmd_slot.c */
int nicpmd_slot_wire_check(const char *wire, char *why, size_t why_len);
int nicpmd_slot_plug(const char *name, const struct nicpmd_slot_args *slot,
		     struct nicpmd_hw *hw);
void nicpmd_slot_unplug(struct nicpmd_hw *hw);

/* nicpmd_hw.c */
int nicpmd_hw_init(struct nicpmd_hw *hw, const char *name, bool development);
void nicpmd_hw_uninit(struct nicpmd_hw *hw);
void nicpmd_hw_perm_mac(const struct nicpmd_hw *hw, struct rte_ether_addr *mac);

/* nicpmd_adminq.c */
int nicpmd_aq_init(struct nicpmd_hw *hw, const char *name);
void nicpmd_aq_uninit(struct nicpmd_hw *hw);
int nicpmd_aq_exec(struct nicpmd_hw *hw, struct nicpmd_aq_desc *cmd);
int nicpmd_aq_simple(struct nicpmd_hw *hw, uint16_t opcode,
		     const void *params, size_t len);
int nicpmd_aq_get_stats(struct nicpmd_hw *hw, struct nicpmd_hw_stats *out);

/* nicpmd_rx.c */
int nicpmd_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
			  uint16_t nb_desc, unsigned int socket,
			  const struct rte_eth_rxconf *conf,
			  struct rte_mempool *mp);
void nicpmd_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_rx_queue_hw_start(struct nicpmd_rx_queue *rxq);
void nicpmd_rx_queue_hw_stop(struct nicpmd_rx_queue *rxq);
void nicpmd_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid,
			 struct rte_eth_rxq_info *qinfo);
uint16_t nicpmd_recv_pkts(void *rxq, struct rte_mbuf **pkts, uint16_t nb);
bool nicpmd_rxq_refill(struct nicpmd_rx_queue *rxq, uint16_t n);
int nicpmd_rxq_fits_mtu(const struct nicpmd_rx_queue *rxq, uint16_t mtu);

/* A poll found nothing: let a device that needs it take frames in. */
static inline void
nicpmd_rx_poll_empty(struct nicpmd_rx_queue *rxq)
{
	if (unlikely(rxq->hw->rx_poll))
		nicpmd_write_reg(rxq->hw, NICPMD_REG_RX_POLL, rxq->queue_id);
}
uint16_t nicpmd_rxq_hw_flags(const struct rte_eth_dev *dev,
			     const struct nicpmd_rx_queue *rxq);

/* nicpmd_rx_offload.c */
void nicpmd_rx_meta(const struct nicpmd_rx_queue *rxq, struct rte_mbuf *m,
		    volatile const struct nicpmd_rx_desc_wb *wb,
		    uint32_t status);
uint16_t nicpmd_recv_pkts_offload(void *rxq, struct rte_mbuf **pkts,
				  uint16_t nb);
uint16_t nicpmd_recv_scattered_pkts(void *rxq, struct rte_mbuf **pkts,
				    uint16_t nb);
const uint32_t *nicpmd_supported_ptypes_get(struct rte_eth_dev *dev);
int nicpmd_ptypes_set(struct rte_eth_dev *dev, uint32_t ptype_mask);

/* nicpmd_tx.c */
int nicpmd_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
			  uint16_t nb_desc, unsigned int socket,
			  const struct rte_eth_txconf *conf);
void nicpmd_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_tx_queue_hw_start(struct nicpmd_tx_queue *txq);
void nicpmd_tx_queue_hw_stop(struct nicpmd_tx_queue *txq);
void nicpmd_txq_info_get(struct rte_eth_dev *dev, uint16_t qid,
			 struct rte_eth_txq_info *qinfo);
uint16_t nicpmd_xmit_pkts(void *txq, struct rte_mbuf **pkts, uint16_t nb);
void nicpmd_txq_cleanup(struct nicpmd_tx_queue *txq);

/*
 * Start of a Tx burst: nothing on a stopped queue (applications send
 * there too; testpmd does); otherwise free done batches now rather than
 * at tx_free_thresh, so mbufs go back to the pool cache while warm.
 */
static inline bool
nicpmd_txq_begin(struct nicpmd_tx_queue *txq)
{
	if (unlikely(!txq->running))
		return false;
	nicpmd_txq_cleanup(txq);
	return true;
}

/* nicpmd_tx_offload.c */
uint16_t nicpmd_xmit_pkts_offload(void *txq, struct rte_mbuf **pkts,
				  uint16_t nb);
uint16_t nicpmd_prep_pkts(void *txq, struct rte_mbuf **pkts, uint16_t nb);

/* nicpmd_intr.c */
int nicpmd_intr_init(struct rte_eth_dev *dev);
void nicpmd_intr_uninit(struct rte_eth_dev *dev);
void nicpmd_intr_set_mask(struct rte_eth_dev *dev, bool started);
int nicpmd_rxq_intr_setup(struct rte_eth_dev *dev);
void nicpmd_rxq_intr_teardown(struct rte_eth_dev *dev);
int nicpmd_rx_queue_intr_enable(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_rx_queue_intr_disable(struct rte_eth_dev *dev, uint16_t qid);

/* nicpmd_ethdev.c */
int nicpmd_link_update(struct rte_eth_dev *dev, int wait_to_complete);

/* nicpmd_dump.c */
int nicpmd_get_reg(struct rte_eth_dev *dev, struct rte_dev_reg_info *info);
int nicpmd_priv_dump(struct rte_eth_dev *dev, FILE *f);
int nicpmd_rx_descriptor_dump(const struct rte_eth_dev *dev, uint16_t qid,
			      uint16_t offset, uint16_t num, FILE *f);
int nicpmd_tx_descriptor_dump(const struct rte_eth_dev *dev, uint16_t qid,
			      uint16_t offset, uint16_t num, FILE *f);

/* nicpmd_queue.c */
int nicpmd_rx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_rx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_tx_queue_start(struct rte_eth_dev *dev, uint16_t qid);
int nicpmd_tx_queue_stop(struct rte_eth_dev *dev, uint16_t qid);
uint32_t nicpmd_rx_queue_count(void *rxq);
int nicpmd_rx_descriptor_status(void *rxq, uint16_t offset);
int nicpmd_tx_descriptor_status(void *txq, uint16_t offset);
int nicpmd_tx_done_cleanup(void *txq, uint32_t free_cnt);

/* nicpmd_addr.c */
int nicpmd_mac_addr_add(struct rte_eth_dev *dev, struct rte_ether_addr *addr,
			uint32_t index, uint32_t vmdq);
void nicpmd_mac_addr_remove(struct rte_eth_dev *dev, uint32_t index);
int nicpmd_set_mc_addr_list(struct rte_eth_dev *dev,
			    struct rte_ether_addr *list, uint32_t nb);
int nicpmd_mc_list_program(struct rte_eth_dev *dev);

/* nicpmd_rss.c */
uint64_t nicpmd_rss_offloads(const struct nicpmd_hw *hw);
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

/* nicpmd_xstats.c */
int nicpmd_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		      unsigned int n);
int nicpmd_xstats_get_names(struct rte_eth_dev *dev,
			    struct rte_eth_xstat_name *names,
			    unsigned int size);

/* nicpmd_vlan.c */
int nicpmd_vlan_filter_set(struct rte_eth_dev *dev, uint16_t vid, int on);
int nicpmd_vlan_offload_set(struct rte_eth_dev *dev, int mask);
int nicpmd_vlan_tpid_set(struct rte_eth_dev *dev,
			 enum rte_vlan_type type, uint16_t tpid);
void nicpmd_vlan_strip_queue_set(struct rte_eth_dev *dev, uint16_t qid,
				 int on);
int nicpmd_vlan_apply(struct rte_eth_dev *dev);

/* nicpmd_ethdev.c */
int nicpmd_burst_mode_get(struct rte_eth_dev *dev, uint16_t qid,
			  struct rte_eth_burst_mode *mode);

#endif /* _NICPMD_H_ */

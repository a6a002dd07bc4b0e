/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Device life cycle: power-on, reset, feature negotiation, link state. */

#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <inttypes.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "nicdev_priv.h"
#include "nicdev_flow.h"

RTE_LOG_REGISTER_SUFFIX(nicdev_logtype, model, NOTICE);

/* What this device implementation can do, by the ABI minor adding it. */
#define NICDEV_FEATURES_1_0 (NICPMD_F_LOOPBACK | NICPMD_F_MULTI_SEG_TX | \
			 NICPMD_F_SCATTER | NICPMD_F_RX_CSUM | \
			 NICPMD_F_TX_CSUM | NICPMD_F_TSO | NICPMD_F_VLAN | \
			 NICPMD_F_QINQ | NICPMD_F_RX_PTYPE | NICPMD_F_RSS | \
			 NICPMD_F_MAC_FILTER | NICPMD_F_LSC_INTR | \
			 NICPMD_F_EXP_FAULT_INJECT)
#define NICDEV_FEATURES_1_1 (NICPMD_F_FLOW_CTRL | NICPMD_F_STATS_EXT | \
			     NICPMD_F_RX_SPLIT | NICPMD_F_UDP_TUNNEL | \
			     NICPMD_F_FLOW | NICPMD_F_TUNNEL_OFFLOAD)

/* A device of an older minor (hw_version devarg) offers only its own. */
static uint64_t
device_features(const struct nicdev *dev)
{
	uint64_t f = NICDEV_FEATURES_1_0;

	if (NICPMD_VERSION_MINOR(dev->params.version) >= 1)
		f |= NICDEV_FEATURES_1_1;
	return f;
}

static void
nicdev_write_identity(struct nicdev *dev)
{
	const uint8_t *m = dev->params.mac;

	nicdev_reg_write(dev, NICPMD_REG_MAGIC, NICPMD_MAGIC);
	nicdev_reg_write(dev, NICPMD_REG_VERSION, dev->params.version);
	nicdev_reg_write(dev, NICPMD_REG_DEV_FEATURES_LO,
			 (uint32_t)device_features(dev));
	nicdev_reg_write(dev, NICPMD_REG_DEV_FEATURES_HI,
			 (uint32_t)(device_features(dev) >> 32));
	nicdev_reg_write(dev, NICPMD_REG_MAX_QUEUES,
			 dev->nb_queues | ((uint32_t)dev->nb_queues << 16));
	nicdev_reg_write(dev, NICPMD_REG_RING_LIMITS,
			 NICPMD_MIN_RING | (NICPMD_MAX_RING << 16));
	nicdev_reg_write(dev, NICPMD_REG_FRAME_LIMITS,
			 NICPMD_MIN_FRAME | (NICPMD_MAX_FRAME << 16));
	nicdev_reg_write(dev, NICPMD_REG_PERM_MAC_LO,
			 m[0] | m[1] << 8 | m[2] << 16 | (uint32_t)m[3] << 24);
	nicdev_reg_write(dev, NICPMD_REG_PERM_MAC_HI, m[4] | m[5] << 8);
	nicdev_reg_write(dev, NICPMD_REG_SPEED_CAPA, NICPMD_SPEED_100G);
	nicdev_reg_write(dev, NICPMD_REG_TX_SEG_LIMITS,
			 NICPMD_TX_MAX_SEGS | (NICPMD_TX_MAX_SEGS << 8));
	nicdev_reg_write(dev, NICPMD_REG_ADMIN_LIMITS, NICPMD_AQ_MAX_LEN);
}

/*
 * STATUS and LINK are the device's own state; the BAR holds a copy for
 * the driver to read. What a driver writes into a read-only register is
 * never read back as state.
 */
static void
status_update(struct nicdev *dev, uint32_t set, uint32_t clear)
{
	dev->status = (dev->status & ~clear) | set;
	nicdev_reg_write(dev, NICPMD_REG_STATUS, dev->status);
}

/* Send an interrupt message: one write to the vector's eventfd. */
void
nicdev_irq_signal(struct nicdev *dev, unsigned int vector)
{
	/* Without the feature there are no interrupt messages at all. */
	if (!(dev->features & NICPMD_F_LSC_INTR))
		return;
	if (vector < RTE_DIM(dev->irq_fd) && dev->irq_fd[vector] >= 0 &&
	    eventfd_write(dev->irq_fd[vector], 1) < 0)
		NICDEV_LOG(DEBUG, "%s: vector %u: %s", dev->params.name,
			   vector, strerror(errno));
}

/* Raise causes; those the driver unmasked signal vector 0. */
static void
intr_raise(struct nicdev *dev, uint32_t cause)
{
	rte_atomic_fetch_or_explicit((uint32_t *)(dev->bar + NICPMD_REG_INTR_CAUSE),
			  cause, rte_memory_order_release);
	if (cause & nicdev_reg_read(dev, NICPMD_REG_INTR_MASK))
		nicdev_irq_signal(dev, 0);
}

void
nicdev_fatal(struct nicdev *dev, const char *why)
{
	NICDEV_LOG(ERR, "%s: fatal: %s", dev->params.name, why);
	/* Only a reset brings a device back from here. */
	dev->aq = NULL;
	status_update(dev, NICPMD_STATUS_FATAL, NICPMD_STATUS_AQ_LIVE);
	intr_raise(dev, NICPMD_INTR_FATAL);
}

static void
counters_clear(struct nicdev *dev)
{
	unsigned int q;

	memset(&dev->cnt, 0, sizeof(dev->cnt));
	for (q = 0; q < NICPMD_MAX_QUEUES; q++) {
		dev->txq[q].packets = 0;
		dev->txq[q].bytes = 0;
		dev->txq[q].drops = 0;
		dev->rxq[q].packets = 0;
		dev->rxq[q].bytes = 0;
		dev->rxq[q].drops = 0;
		dev->rxq[q].buf_errors = 0;
		dev->rxq[q].l3_bad = 0;
		dev->rxq[q].l4_bad = 0;
		dev->rxq[q].split.frames = 0;
		dev->rxq[q].split.discard_bytes = 0;
		dev->rxq[q].split.hdr_miss = 0;
		dev->rxq[q].split.empty_drops = 0;
	}
}

/* Tx descriptor requests that the negotiated features make valid. */
static uint16_t
tx_cmd_allowed(uint64_t features)
{
	uint16_t ok = NICPMD_TXD_EOP | NICPMD_TXD_RS;

	if (features & NICPMD_F_TX_CSUM)
		ok |= NICPMD_TXD_IPCS | NICPMD_TXD_L4CS_MASK | NICPMD_TXD_IPV6;
	if (features & NICPMD_F_TSO)	/* segments carry fresh checksums */
		ok |= NICPMD_TXD_TSO | NICPMD_TXD_IPV6 | NICPMD_TXD_IPCS |
			NICPMD_TXD_L4CS_TCP;
	if (features & NICPMD_F_VLAN)
		ok |= NICPMD_TXD_VLAN_INS;
	if (features & NICPMD_F_QINQ)
		ok |= NICPMD_TXD_QINQ_INS;
	return ok;
}

/* Back to power-on state: no queues, no admin queue, port disabled. */
static void
nicdev_reset(struct nicdev *dev)
{
	nicdev_queues_destroy(dev);

	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	dev->enabled = false;
	dev->link_admin_up = true;
	dev->loopback = false;
	dev->features = 0;
	dev->tx_cmd_ok = tx_cmd_allowed(0);
	dev->rx_mode = NICPMD_RX_MODE_BROADCAST;
	dev->mtu = NICPMD_DEFAULT_MTU;
	memcpy(dev->mac, dev->params.mac, sizeof(dev->mac));
	dev->fault_drop_every = 0;
	dev->fault_count = 0;
	memset(&dev->fault, 0, sizeof(dev->fault));
	nicdev_fc_reset(dev);
	nicdev_udp_tunnels_reset(&dev->udp_tunnels);
	dev->vlan_cfg = 0;
	dev->inner_tpid = NICPMD_DEFAULT_INNER_TPID;
	dev->outer_tpid = NICPMD_DEFAULT_OUTER_TPID;
	memset(dev->vlan_ok, 0, sizeof(dev->vlan_ok));
	memset(dev->uc_table, 0, sizeof(dev->uc_table));
	memset(dev->mc_table, 0, sizeof(dev->mc_table));
	dev->rss_types = 0;
	dev->rss_inner = false;
	memset(dev->rss_reta, 0, sizeof(dev->rss_reta));
	{
		static const uint8_t zero_key[NICPMD_RSS_KEY_LEN];

		nicdev_rss_set_key(dev, zero_key);
	}
	counters_clear(dev);
	nicdev_flow_reset(dev);
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);

	dev->aq = NULL;
	dev->aq_mask = 0;
	dev->aq_head = 0;
	nicdev_reg_write(dev, NICPMD_REG_AQ_HEAD, 0);
	nicdev_reg_write(dev, NICPMD_REG_AQ_TAIL, 0);
	nicdev_reg_write(dev, NICPMD_REG_INTR_CAUSE, 0);
	nicdev_reg_write(dev, NICPMD_REG_INTR_MASK, 0);
	for (unsigned int q = 0; q < NICPMD_MAX_QUEUES; q++)
		nicdev_reg_write(dev, NICPMD_REG_RXQ_INTR(q), 0);
	nicdev_reg_write(dev, NICPMD_REG_DRV_FEATURES_LO, 0);
	nicdev_reg_write(dev, NICPMD_REG_DRV_FEATURES_HI, 0);
	nicdev_write_identity(dev);
	nicdev_link_refresh(dev);

	dev->ctrl_seen = 0;
	/* Inline: outside frames come in when the driver polls for them. */
	status_update(dev, NICPMD_STATUS_READY |
		      (dev->wire->poll != NULL &&
		       dev->params.engine == NICDEV_ENGINE_INLINE ?
		       NICPMD_STATUS_RX_POLL : 0), UINT32_MAX);
	nicdev_reg_write(dev, NICPMD_REG_CTRL, 0);
}

/* Features are accepted once per reset; later attempts are ignored. */
static void
nicdev_accept_features(struct nicdev *dev)
{
	uint64_t want;

	if (dev->status & (NICPMD_STATUS_FEATURES_OK | NICPMD_STATUS_FEATURES_BAD))
		return;
	want = nicdev_reg_read(dev, NICPMD_REG_DRV_FEATURES_LO) |
		(uint64_t)nicdev_reg_read(dev, NICPMD_REG_DRV_FEATURES_HI) << 32;
	if (want & ~device_features(dev)) {
		NICDEV_LOG(ERR, "%s: driver accepted features 0x%" PRIx64
			   " the device does not offer", dev->params.name,
			   want & ~device_features(dev));
		status_update(dev, NICPMD_STATUS_FEATURES_BAD, 0);
		return;
	}
	dev->features = want;
	dev->tx_cmd_ok = tx_cmd_allowed(want);
	status_update(dev, NICPMD_STATUS_FEATURES_OK, 0);
}

static void
nicdev_enable_aq(struct nicdev *dev)
{
	uint32_t len = nicdev_reg_read(dev, NICPMD_REG_AQ_LEN);
	uint64_t base = nicdev_reg_read(dev, NICPMD_REG_AQ_BASE_LO) |
		(uint64_t)nicdev_reg_read(dev, NICPMD_REG_AQ_BASE_HI) << 32;

	if (dev->status & NICPMD_STATUS_FATAL)
		return;
	if (!(dev->status & NICPMD_STATUS_FEATURES_OK) || len == 0 ||
	    len > NICPMD_AQ_MAX_LEN || (len & (len - 1)) != 0) {
		nicdev_fatal(dev, "admin queue enabled before features or "
			     "with a bad length");
		return;
	}
	dev->aq = nicdev_dma_map(base, (uint64_t)len * sizeof(*dev->aq));
	if (dev->aq == NULL) {
		nicdev_fatal(dev, "admin queue IOVA not accessible");
		return;
	}
	dev->aq_mask = len - 1;
	dev->aq_head = nicdev_reg_read(dev, NICPMD_REG_AQ_TAIL);
	nicdev_reg_write(dev, NICPMD_REG_AQ_HEAD, dev->aq_head);
	status_update(dev, NICPMD_STATUS_AQ_LIVE, 0);
}

/* React to a change of the CTRL register. */
void
nicdev_handle_ctrl(struct nicdev *dev)
{
	uint32_t ctrl = nicdev_reg_read(dev, NICPMD_REG_CTRL);
	uint32_t rising = ctrl & ~dev->ctrl_seen;

	if (ctrl & NICPMD_CTRL_RESET) {
		nicdev_reset(dev);
		return;
	}
	if (rising & NICPMD_CTRL_FEATURES_OK)
		nicdev_accept_features(dev);
	if (rising & NICPMD_CTRL_AQ_ENABLE)
		nicdev_enable_aq(dev);
	if ((dev->ctrl_seen & NICPMD_CTRL_AQ_ENABLE) &&
	    !(ctrl & NICPMD_CTRL_AQ_ENABLE)) {
		dev->aq = NULL;
		status_update(dev, 0, NICPMD_STATUS_AQ_LIVE);
	}
	dev->ctrl_seen = ctrl;
}

bool
nicdev_link_is_up(const struct nicdev *dev)
{
	return rte_atomic_load_explicit(&dev->link_up, rte_memory_order_acquire);
}

/* Link changes of all devices are serialized: a change at one end of a
 * wire is followed by the other end under the same lock.
 */
static rte_spinlock_t link_lock = RTE_SPINLOCK_INITIALIZER;

/* Recompute the link from the port's state and the wire's carrier. */
static bool
link_update(struct nicdev *dev)
{
	bool was_up = nicdev_link_is_up(dev);
	bool up = dev->enabled && dev->link_admin_up &&
		!(dev->fault.flags & NICPMD_FAULT_F_LINK_DOWN) &&
		(dev->loopback || dev->wire->carrier == NULL ||
		 dev->wire->carrier(dev));
	uint32_t link = NICPMD_LINK_FULL_DUPLEX | NICPMD_LINK_AUTONEG;

	if (up)
		link |= NICPMD_LINK_UP |
			NICPMD_FIELD_PREP(NICPMD_LINK_SPEED,
					  NICDEV_LINK_MBPS / 100u);
	rte_atomic_store_explicit(&dev->link_up, up, rte_memory_order_release);
	nicdev_reg_write(dev, NICPMD_REG_LINK, link);
	if (up == was_up)
		return false;
	nicdev_count(&dev->cnt.link_changes, 1);
	intr_raise(dev, NICPMD_INTR_LSC);
	return true;
}

/* A change is counted, raises the LSC cause and is told to the far end. */
void
nicdev_link_refresh(struct nicdev *dev)
{
	rte_spinlock_lock(&link_lock);
	if (link_update(dev) && dev->wire->link_changed != NULL)
		dev->wire->link_changed(dev);
	rte_spinlock_unlock(&link_lock);
}

/* For wires: the far end's state changed; called under the link lock. */
void
nicdev_link_follow(struct nicdev *dev)
{
	link_update(dev);
}

int
nicdev_wire_check(const char *wire, char *why, size_t why_len)
{
	const struct nicdev_wire *w;
	const char *arg;

	w = nicdev_wire_find(wire, &arg);
	if (w == NULL) {
		char known[128];

		nicdev_wire_list(known, sizeof(known));
		snprintf(why, why_len, "unknown wire type (known: %s)", known);
		return -EINVAL;
	}
	return w->check(arg, why, why_len);
}

static void
irq_close(struct nicdev *dev)
{
	for (unsigned int v = 0; v < RTE_DIM(dev->irq_fd); v++) {
		if (dev->irq_fd[v] >= 0)
			close(dev->irq_fd[v]);
		dev->irq_fd[v] = -1;
	}
}

int
nicdev_create(const struct nicdev_params *params, struct nicdev_window *win)
{
	const struct nicdev_wire *wire;
	struct nicdev *dev;
	const char *arg;
	char why[128];
	int ret;

	ret = nicdev_wire_check(params->wire, why, sizeof(why));
	if (ret < 0) {
		NICDEV_LOG(ERR, "%s: wire '%s': %s", params->name,
			   params->wire, why);
		return ret;
	}
	if (params->nb_queues == 0 || params->nb_queues > NICPMD_MAX_QUEUES)
		return -EINVAL;
	if (nicdev_lookup(params->name) != NULL)
		return -EEXIST;

	nicdev_dma_init();
	dev = rte_zmalloc_socket(params->name, sizeof(*dev),
				 RTE_CACHE_LINE_SIZE, SOCKET_ID_ANY);
	if (dev == NULL)
		return -ENOMEM;
	dev->params = *params;
	dev->nb_queues = params->nb_queues;
	for (unsigned int v = 0; v < RTE_DIM(dev->irq_fd); v++)
		dev->irq_fd[v] = v <= dev->nb_queues ?
			eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC) : -1;
	if (dev->irq_fd[0] < 0) {
		NICDEV_LOG(ERR, "%s: no eventfd for interrupts: %s",
			   params->name, strerror(errno));
		irq_close(dev);
		rte_free(dev);
		return -errno;
	}
	rte_rwlock_init(&dev->rx_cfg_lock);
	for (unsigned int q = 0; q < NICPMD_MAX_QUEUES; q++)
		rte_spinlock_init(&dev->rxq[q].lock);

	wire = nicdev_wire_find(params->wire, &arg);
	dev->owner = nicdev_self_pid;
	dev->wire = wire;
	/* Cabled before power-on: a wire may burn in its MAC (iface). */
	ret = wire->attach(dev, arg);
	if (ret < 0) {
		NICDEV_LOG(ERR, "%s: cannot attach wire '%s': %s",
			   params->name, params->wire, rte_strerror(-ret));
		irq_close(dev);
		rte_free(dev);
		return ret;
	}
	nicdev_reset(dev);
	ret = nicdev_engine_attach(dev);
	if (ret < 0) {
		wire->detach(dev);
		irq_close(dev);
		rte_free(dev);
		return ret;
	}

	win->bar = dev->bar;
	win->trap = params->engine == NICDEV_ENGINE_INLINE ? nicdev_trap : NULL;
	win->dev = dev;
	win->nb_irq = 1 + dev->nb_queues;
	memcpy(win->irq_fd, dev->irq_fd, sizeof(win->irq_fd));
	NICDEV_LOG(INFO, "%s: device up, wire %s, %s engine, %u queues",
		   params->name, params->wire,
		   params->engine == NICDEV_ENGINE_INLINE ? "inline" : "thread",
		   params->nb_queues);
	return 0;
}

void
nicdev_destroy(struct nicdev *dev)
{
	if (dev == NULL)
		return;
	/* Stop polling first, then no one but us touches the device. */
	nicdev_engine_detach(dev);
	rte_rwlock_write_lock(&dev->rx_cfg_lock);
	dev->enabled = false;
	rte_rwlock_write_unlock(&dev->rx_cfg_lock);
	nicdev_queues_destroy(dev);
	dev->wire->detach(dev);
	irq_close(dev);
	nicdev_flow_free(dev);
	rte_free(dev);
}

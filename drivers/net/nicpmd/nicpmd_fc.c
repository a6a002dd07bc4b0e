/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Ethernet flow control (F_FLOW_CTRL): rte_eth_dev_flow_ctrl_get/set and
 * the PAUSE counters as xstats. The settings live in the adapter too and
 * are programmed again at every start, so they survive a device reset.
 */

#include <stdio.h>
#include <string.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"

static bool
has_fc(const struct rte_eth_dev *dev)
{
	const struct nicpmd_adapter *ad = dev->data->dev_private;

	return (ad->hw.features & NICPMD_F_FLOW_CTRL) != 0;
}

int
nicpmd_flow_ctrl_get(struct rte_eth_dev *dev, struct rte_eth_fc_conf *fc)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_aq_flow_ctrl st;
	int ret;

	if (!has_fc(dev))
		return -ENOTSUP;
	ret = nicpmd_aq_get_flow_ctrl(&ad->hw, &st);
	if (ret < 0)
		return ret;
	memset(fc, 0, sizeof(*fc));
	switch (st.mode & (NICPMD_FC_RX_PAUSE | NICPMD_FC_TX_PAUSE)) {
	case NICPMD_FC_RX_PAUSE:
		fc->mode = RTE_ETH_FC_RX_PAUSE;
		break;
	case NICPMD_FC_TX_PAUSE:
		fc->mode = RTE_ETH_FC_TX_PAUSE;
		break;
	case NICPMD_FC_RX_PAUSE | NICPMD_FC_TX_PAUSE:
		fc->mode = RTE_ETH_FC_FULL;
		break;
	default:
		fc->mode = RTE_ETH_FC_NONE;
	}
	fc->high_water = st.high_water;
	fc->low_water = st.low_water;
	fc->pause_time = st.pause_time;
	fc->send_xon = (st.flags & NICPMD_FC_F_SEND_XON) != 0;
	fc->mac_ctrl_frame_fwd = (st.flags & NICPMD_FC_F_FWD_MAC_CTRL) != 0;
	fc->autoneg = (st.flags & NICPMD_FC_F_AUTONEG) != 0;
	return 0;
}

/*
 * Water marks count Rx descriptors (see the device spec); both 0 leaves
 * them to the device (3/4 and 1/4 of each ring).
 */
int
nicpmd_flow_ctrl_set(struct rte_eth_dev *dev, struct rte_eth_fc_conf *fc)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_aq_flow_ctrl c;
	uint16_t port = dev->data->port_id;
	int ret;

	if (!has_fc(dev)) {
		NICPMD_LOG(ERR, "port %u: the device has no flow control", port);
		return -ENOTSUP;
	}
	memset(&c, 0, sizeof(c));
	switch (fc->mode) {
	case RTE_ETH_FC_NONE:
		break;
	case RTE_ETH_FC_RX_PAUSE:
		c.mode = NICPMD_FC_RX_PAUSE;
		break;
	case RTE_ETH_FC_TX_PAUSE:
		c.mode = NICPMD_FC_TX_PAUSE;
		break;
	case RTE_ETH_FC_FULL:
		c.mode = NICPMD_FC_RX_PAUSE | NICPMD_FC_TX_PAUSE;
		break;
	default:
		NICPMD_LOG(ERR, "port %u: flow control mode %d unknown", port,
			   fc->mode);
		return -EINVAL;
	}
	if (fc->high_water > NICPMD_MAX_RING ||
	    !fc->high_water != !fc->low_water ||
	    (fc->high_water != 0 && fc->low_water >= fc->high_water)) {
		NICPMD_LOG(ERR, "port %u: flow control water marks high %u low "
			   "%u: give 0 < low < high <= %u descriptors, or both "
			   "0 for the defaults", port, fc->high_water,
			   fc->low_water, NICPMD_MAX_RING);
		return -EINVAL;
	}
	if (fc->send_xon > 1) {
		NICPMD_LOG(ERR, "port %u: flow control send_xon %u (0 or 1)",
			   port, fc->send_xon);
		return -EINVAL;
	}
	c.pause_time = fc->pause_time;
	c.high_water = fc->high_water;
	c.low_water = fc->low_water;
	if (fc->send_xon)
		c.flags |= NICPMD_FC_F_SEND_XON;
	if (fc->mac_ctrl_frame_fwd)
		c.flags |= NICPMD_FC_F_FWD_MAC_CTRL;
	if (fc->autoneg)
		c.flags |= NICPMD_FC_F_AUTONEG;
	ret = nicpmd_aq_set_flow_ctrl(&ad->hw, &c);
	if (ret < 0) {
		NICPMD_LOG(ERR, "port %u: SET_FLOW_CTRL: %s", port,
			   rte_strerror(-ret));
		return ret;
	}
	ad->fc = c;
	return 0;
}

/* At start: the settings again, in case the device was reset. */
int
nicpmd_flow_ctrl_program(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);

	if (!has_fc(dev))
		return 0;
	return nicpmd_aq_set_flow_ctrl(&ad->hw, &ad->fc);
}

/* The PAUSE counters, after the hardware statistics' xstats. */
static const char *const fc_xstat_names[NICPMD_FC_NB_XSTATS] = {
	"rx_pause_frames", "tx_pause_frames", "tx_pause_holds",
};

static void
fc_counters(const struct nicpmd_aq_flow_ctrl *st,
	    uint64_t v[NICPMD_FC_NB_XSTATS])
{
	v[0] = st->rx_pause;
	v[1] = st->tx_pause;
	v[2] = st->tx_held;
}

unsigned int
nicpmd_fc_xstats_count(const struct rte_eth_dev *dev)
{
	return has_fc(dev) ? NICPMD_FC_NB_XSTATS : 0;
}

int
nicpmd_fc_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		     uint64_t id0)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_aq_flow_ctrl st;
	uint64_t v[NICPMD_FC_NB_XSTATS];
	unsigned int i;
	int ret;

	if (!has_fc(dev))
		return 0;
	ret = nicpmd_aq_get_flow_ctrl(&ad->hw, &st);
	if (ret < 0)
		return ret;
	fc_counters(&st, v);
	for (i = 0; i < NICPMD_FC_NB_XSTATS; i++) {
		xstats[i].id = id0 + i;
		xstats[i].value = v[i] - ad->fc_base[i];
	}
	return NICPMD_FC_NB_XSTATS;
}

void
nicpmd_fc_xstats_names(const struct rte_eth_dev *dev,
		       struct rte_eth_xstat_name *names)
{
	unsigned int i;

	for (i = 0; i < nicpmd_fc_xstats_count(dev); i++)
		snprintf(names[i].name, sizeof(names[i].name), "%s",
			 fc_xstat_names[i]);
}

int
nicpmd_fc_xstats_reset(struct rte_eth_dev *dev)
{
	struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
	struct nicpmd_aq_flow_ctrl st;
	int ret;

	if (!has_fc(dev))
		return 0;
	ret = nicpmd_aq_get_flow_ctrl(&ad->hw, &st);
	if (ret == 0)
		fc_counters(&st, ad->fc_base);
	return ret;
}

/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Link: the speeds the device has, the link state it reports in
 * NICPMD_REG_LINK, and the administrative up/down of set_link_up/down
 * (the far end of the wire follows).
 */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "nicpmd_admin.h"
#include "nicpmd_ethdev.h"

#define NICPMD_LINK_WAIT_MS	1000

/* The device's speeds, as ethdev names them. */
uint32_t
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
int
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
		NICPMD_FIELD_GET(NICPMD_LINK_SPEED, reg) * 100 :
		RTE_ETH_SPEED_NUM_NONE;
	return rte_eth_linkstatus_set(dev, &link);
}

static int
link_set(struct rte_eth_dev *dev, bool up)
{
	int ret;

	ret = nicpmd_aq_set_link(&NICPMD_ADAPTER(dev)->hw, up);
	if (ret == 0)
		nicpmd_link_update(dev, 0);
	return ret;
}

int
nicpmd_dev_set_link_up(struct rte_eth_dev *dev)
{
	return link_set(dev, true);
}

int
nicpmd_dev_set_link_down(struct rte_eth_dev *dev)
{
	return link_set(dev, false);
}

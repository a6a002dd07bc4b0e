/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/* Bringing the device up: identify, reset, negotiate features. */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>

#include "nicpmd_admin.h"
#include "nicpmd_device.h"

#define NICPMD_RESET_TIMEOUT_MS	1000

/* What this driver knows how to use; the device may offer more. */
#define NICPMD_DRIVER_FEATURES	(NICPMD_F_LOOPBACK | NICPMD_F_MULTI_SEG_TX | \
				 NICPMD_F_SCATTER | NICPMD_F_RX_CSUM | \
				 NICPMD_F_TX_CSUM | NICPMD_F_TSO | \
				 NICPMD_F_VLAN | NICPMD_F_QINQ | \
				 NICPMD_F_RX_PTYPE | NICPMD_F_RSS | \
				 NICPMD_F_MAC_FILTER | NICPMD_F_LSC_INTR | \
				 NICPMD_F_FLOW_CTRL | NICPMD_F_STATS_EXT | \
				 NICPMD_F_RX_SPLIT | NICPMD_F_UDP_TUNNEL | \
				 NICPMD_F_FLOW | NICPMD_F_TUNNEL_OFFLOAD | \
				 NICPMD_F_EXP_FAULT_INJECT)

/* Wait until (STATUS & mask) != 0; false on timeout. */
static bool
wait_status(struct nicpmd_hw *hw, uint32_t mask)
{
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * NICPMD_RESET_TIMEOUT_MS / 1000;

	while (!(nicpmd_read_reg(hw, NICPMD_REG_STATUS) & mask)) {
		if (rte_get_timer_cycles() > deadline)
			return false;
		rte_delay_us_sleep(10);
	}
	return true;
}

static int
hw_reset(struct nicpmd_hw *hw, const char *name)
{
	uint64_t deadline;

	nicpmd_write_reg(hw, NICPMD_REG_CTRL, NICPMD_CTRL_RESET);
	deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * NICPMD_RESET_TIMEOUT_MS / 1000;
	/* RESET self-clears once the device is back in power-on state. */
	while (nicpmd_read_reg(hw, NICPMD_REG_CTRL) & NICPMD_CTRL_RESET) {
		if (rte_get_timer_cycles() > deadline) {
			NICPMD_LOG(ERR, "%s: device did not leave reset", name);
			return -ETIMEDOUT;
		}
		rte_delay_us_sleep(10);
	}
	if (!wait_status(hw, NICPMD_STATUS_READY)) {
		NICPMD_LOG(ERR, "%s: device not ready after reset", name);
		return -ETIMEDOUT;
	}
	return 0;
}

static int
hw_negotiate(struct nicpmd_hw *hw, const char *name, bool development)
{
	uint64_t offered, accepted;

	offered = nicpmd_read_reg(hw, NICPMD_REG_DEV_FEATURES_LO) |
		(uint64_t)nicpmd_read_reg(hw, NICPMD_REG_DEV_FEATURES_HI) << 32;
	accepted = offered & NICPMD_DRIVER_FEATURES;
	if (!development && (accepted & NICPMD_F_EXPERIMENTAL_MASK)) {
		NICPMD_LOG(NOTICE, "%s: experimental features 0x%" PRIx64
			   " left off (enable with development=1)", name,
			   accepted & NICPMD_F_EXPERIMENTAL_MASK);
		accepted &= ~NICPMD_F_EXPERIMENTAL_MASK;
	}
	nicpmd_write_reg(hw, NICPMD_REG_DRV_FEATURES_LO, (uint32_t)accepted);
	nicpmd_write_reg(hw, NICPMD_REG_DRV_FEATURES_HI,
			 (uint32_t)(accepted >> 32));
	nicpmd_write_reg(hw, NICPMD_REG_CTRL, NICPMD_CTRL_FEATURES_OK);
	if (!wait_status(hw, NICPMD_STATUS_FEATURES_OK |
			 NICPMD_STATUS_FEATURES_BAD) ||
	    (nicpmd_read_reg(hw, NICPMD_REG_STATUS) &
	     NICPMD_STATUS_FEATURES_BAD)) {
		NICPMD_LOG(ERR, "%s: device refused features 0x%" PRIx64,
			   name, accepted);
		return -EIO;
	}
	hw->features = accepted;
	return 0;
}

int
nicpmd_hw_init(struct nicpmd_hw *hw, const char *name, bool development)
{
	uint32_t magic, v;
	int ret;

	magic = nicpmd_read_reg(hw, NICPMD_REG_MAGIC);
	if (magic != NICPMD_MAGIC) {
		NICPMD_LOG(ERR, "%s: not a nicpmd device (magic 0x%08x)",
			   name, magic);
		return -ENODEV;
	}
	hw->version = nicpmd_read_reg(hw, NICPMD_REG_VERSION);
	if (NICPMD_VERSION_MAJOR(hw->version) != NICPMD_ABI_MAJOR) {
		NICPMD_LOG(ERR, "%s: device ABI %u.%u is not supported: this "
			   "driver knows ABI major %u only", name,
			   NICPMD_VERSION_MAJOR(hw->version),
			   NICPMD_VERSION_MINOR(hw->version), NICPMD_ABI_MAJOR);
		return -ENOTSUP;
	}

	ret = hw_reset(hw, name);
	if (ret < 0)
		return ret;
	ret = hw_negotiate(hw, name, development);
	if (ret < 0)
		return ret;

	v = nicpmd_read_reg(hw, NICPMD_REG_MAX_QUEUES);
	/* ethdev's queue pairs: as many as both directions have. */
	hw->max_queues = RTE_MIN(NICPMD_FIELD_GET(NICPMD_MAX_QUEUES_RX, v),
				 NICPMD_FIELD_GET(NICPMD_MAX_QUEUES_TX, v));
	v = nicpmd_read_reg(hw, NICPMD_REG_RING_LIMITS);
	hw->min_ring = NICPMD_FIELD_GET(NICPMD_RING_LIMITS_MIN, v);
	hw->max_ring = NICPMD_FIELD_GET(NICPMD_RING_LIMITS_MAX, v);
	v = nicpmd_read_reg(hw, NICPMD_REG_FRAME_LIMITS);
	hw->max_frame = NICPMD_FIELD_GET(NICPMD_FRAME_LIMITS_MAX, v);
	hw->tx_max_segs = NICPMD_FIELD_GET(NICPMD_TX_SEG_LIMITS_ANY,
			nicpmd_read_reg(hw, NICPMD_REG_TX_SEG_LIMITS));
	hw->rx_poll = nicpmd_read_reg(hw, NICPMD_REG_STATUS) &
		NICPMD_STATUS_RX_POLL;
	if (hw->max_queues == 0 || hw->min_ring == 0 ||
	    hw->max_ring < hw->min_ring || hw->max_frame <= NICPMD_L2_OVERHEAD ||
	    hw->tx_max_segs == 0) {
		NICPMD_LOG(ERR, "%s: device reports impossible limits", name);
		return -EIO;
	}

	ret = nicpmd_aq_init(hw, name);
	if (ret < 0)
		return ret;
	NICPMD_LOG(INFO, "%s: device ABI %u.%u, features 0x%" PRIx64
		   ", %u queues", name, NICPMD_VERSION_MAJOR(hw->version),
		   NICPMD_VERSION_MINOR(hw->version), hw->features,
		   hw->max_queues);
	return 0;
}

void
nicpmd_hw_uninit(struct nicpmd_hw *hw)
{
	if (hw->bar == NULL)
		return;
	/* Reset stops all DMA before the rings' memory goes away. */
	hw_reset(hw, "nicpmd");
	nicpmd_aq_uninit(hw);
}

void
nicpmd_hw_perm_mac(const struct nicpmd_hw *hw, struct rte_ether_addr *mac)
{
	uint32_t lo = nicpmd_read_reg(hw, NICPMD_REG_PERM_MAC_LO);
	uint32_t hi = nicpmd_read_reg(hw, NICPMD_REG_PERM_MAC_HI);

	/* Byte 0 of the address in the low byte of LO (spec). */
	lo = rte_cpu_to_le_32(lo);
	hi = rte_cpu_to_le_32(NICPMD_FIELD_GET(NICPMD_PERM_MAC_HI_BYTES, hi));
	memcpy(&mac->addr_bytes[0], &lo, 4);
	memcpy(&mac->addr_bytes[4], &hi, 2);
}

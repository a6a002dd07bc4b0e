/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Admin queue transport: one command at a time, posted at the tail and
 * polled for DONE. Commands are rare (configuration, stats), so
 * simplicity beats batching here. The typed commands are nicpmd_admin.c.
 */

#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_memzone.h>

#include "nicpmd_admin.h"
#include "nicpmd_adminq.h"

#define NICPMD_AQ_TIMEOUT_MS	2000
/* Entries: one command is in flight at a time, so any power of two. */
#define NICPMD_AQ_LEN		64u

int
nicpmd_aq_init(struct nicpmd_hw *hw, const char *name)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	uint64_t deadline;

	rte_spinlock_init(&hw->aq_lock);
	snprintf(mz_name, sizeof(mz_name), "%s_aq", name);
	hw->aq_mz = rte_memzone_reserve_aligned(mz_name,
			NICPMD_AQ_LEN * sizeof(struct nicpmd_aq_desc),
			SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG,
			RTE_CACHE_LINE_SIZE);
	snprintf(mz_name, sizeof(mz_name), "%s_stats", name);
	hw->stats_mz = rte_memzone_reserve_aligned(mz_name,
			sizeof(struct nicpmd_stats), SOCKET_ID_ANY,
			RTE_MEMZONE_IOVA_CONTIG, RTE_CACHE_LINE_SIZE);
	if (hw->aq_mz == NULL || hw->stats_mz == NULL) {
		NICPMD_LOG(ERR, "%s: no memory for the admin queue", name);
		nicpmd_aq_uninit(hw);
		return -ENOMEM;
	}
	hw->aq = hw->aq_mz->addr;
	memset(hw->aq, 0, hw->aq_mz->len);
	hw->aq_tail = 0;

	nicpmd_write_reg(hw, NICPMD_REG_AQ_BASE_LO, (uint32_t)hw->aq_mz->iova);
	nicpmd_write_reg(hw, NICPMD_REG_AQ_BASE_HI,
			 (uint32_t)(hw->aq_mz->iova >> 32));
	nicpmd_write_reg(hw, NICPMD_REG_AQ_LEN, NICPMD_AQ_LEN);
	nicpmd_write_reg(hw, NICPMD_REG_AQ_TAIL, 0);
	nicpmd_write_reg(hw, NICPMD_REG_CTRL,
			 NICPMD_CTRL_FEATURES_OK | NICPMD_CTRL_AQ_ENABLE);

	deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * NICPMD_AQ_TIMEOUT_MS / 1000;
	while (!(nicpmd_read_reg(hw, NICPMD_REG_STATUS) &
		 (NICPMD_STATUS_AQ_LIVE | NICPMD_STATUS_FATAL))) {
		if (rte_get_timer_cycles() > deadline)
			break;
		rte_delay_us_sleep(10);
	}
	if (!(nicpmd_read_reg(hw, NICPMD_REG_STATUS) & NICPMD_STATUS_AQ_LIVE)) {
		NICPMD_LOG(ERR, "%s: admin queue did not come up", name);
		nicpmd_aq_uninit(hw);
		return -EIO;
	}
	return 0;
}

void
nicpmd_aq_uninit(struct nicpmd_hw *hw)
{
	rte_memzone_free(hw->aq_mz);
	rte_memzone_free(hw->stats_mz);
	hw->aq_mz = NULL;
	hw->stats_mz = NULL;
	hw->aq = NULL;
}

static int
aq_status_to_errno(uint16_t status)
{
	switch (status) {
	case NICPMD_AQ_S_OK: return 0;
	case NICPMD_AQ_S_EINVAL: return -EINVAL;
	case NICPMD_AQ_S_ENOSYS: return -ENOTSUP;
	case NICPMD_AQ_S_EPERM: return -EPERM;
	case NICPMD_AQ_S_EBUSY: return -EBUSY;
	case NICPMD_AQ_S_ENOENT: return -ENOENT;
	case NICPMD_AQ_S_EFAULT: return -EFAULT;
	case NICPMD_AQ_S_ENOSPC: return -ENOSPC;
	default: return -EIO;
	}
}

/* Run one command; on return cmd holds the device's completion. */
int
nicpmd_aq_exec(struct nicpmd_hw *hw, struct nicpmd_aq_desc *cmd)
{
	volatile struct nicpmd_aq_desc *slot;
	uint64_t deadline;
	uint16_t flags, sent;
	int ret;

	if (hw->aq == NULL)
		return -EIO;
	rte_spinlock_lock(&hw->aq_lock);
	slot = &hw->aq[hw->aq_tail & (NICPMD_AQ_LEN - 1)];
	cmd->flags = 0;
	cmd->status = 0;
	cmd->cookie = ++hw->aq_cookie;
	sent = cmd->cookie;
	memcpy((void *)(uintptr_t)slot, cmd, sizeof(*cmd));
	hw->aq_tail++;
	/* rte_write32 orders the entry before the doorbell. */
	nicpmd_write_reg(hw, NICPMD_REG_AQ_TAIL, hw->aq_tail);

	deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * NICPMD_AQ_TIMEOUT_MS / 1000;
	for (;;) {
		flags = rte_atomic_load_explicit(NICPMD_ATOMIC16(&slot->flags),
						 rte_memory_order_acquire);
		if (flags & NICPMD_AQ_F_DONE)
			break;
		if (rte_get_timer_cycles() > deadline) {
			rte_spinlock_unlock(&hw->aq_lock);
			NICPMD_LOG(ERR, "admin opcode 0x%x timed out",
				   cmd->opcode);
			return -ETIMEDOUT;
		}
		rte_delay_us_sleep(5);
	}
	memcpy(cmd, (const void *)(uintptr_t)slot, sizeof(*cmd));
	rte_spinlock_unlock(&hw->aq_lock);
	/* Don't trust the device: the completion must answer this command. */
	if (unlikely(cmd->cookie != sent)) {
		NICPMD_LOG(ERR, "admin opcode 0x%x: completion for cookie %u, "
			   "sent %u: device out of step", cmd->opcode,
			   cmd->cookie, sent);
		return -EIO;
	}

	ret = aq_status_to_errno(cmd->status);
	if (ret < 0)
		NICPMD_LOG(DEBUG, "admin opcode 0x%x: device status %u",
			   cmd->opcode, cmd->status);
	return ret;
}

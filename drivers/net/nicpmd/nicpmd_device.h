/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

#ifndef _NICPMD_DEVICE_H_
#define _NICPMD_DEVICE_H_

/*
 * The driver's view of one device: its register window, what was
 * negotiated at init, and the logging every driver file uses. Register
 * access goes only through nicpmd_read_reg()/nicpmd_write_reg(), as it
 * would on silicon.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_io.h>
#include <rte_log.h>
#include <rte_spinlock.h>

#include "nicpmd_compat.h"
#include "nicpmd_hw.h"
#include "nicpmd_slot.h"

extern int nicpmd_logtype;
#define RTE_LOGTYPE_NICPMD nicpmd_logtype
#define NICPMD_LOG(level, ...) \
	RTE_LOG_LINE_PREFIX(level, NICPMD, "%s(): ", __func__, __VA_ARGS__)

#define NICPMD_DRIVER_NAME	"net_nicpmd"

struct rte_memzone;
struct nicpmd_aq_desc;

/* The device as the driver found and configured it. */
struct nicpmd_hw {
	volatile uint8_t *bar;		/* the register window */
	struct nicpmd_slot *slot;	/* the platform's handle on it */
	bool trapped;			/* writes go through the slot's trap */
	uint32_t version;
	uint64_t features;		/* negotiated */
	uint16_t max_queues;
	uint16_t min_ring, max_ring;
	uint16_t max_frame;
	uint8_t tx_max_segs;
	bool rx_poll;			/* device asks for RX_POLL doorbells */

	/* Admin queue (nicpmd_adminq.c). */
	rte_spinlock_t aq_lock;
	const struct rte_memzone *aq_mz;
	struct nicpmd_aq_desc *aq;
	uint32_t aq_tail;
	uint16_t aq_cookie;
	const struct rte_memzone *stats_mz;	/* GET_STATS target */

	/* Interrupt vectors the slot handed over (device-owned eventfds). */
	int irq_fd[NICPMD_MAX_VECTORS];
	uint16_t nb_irq;
};

static inline uint32_t
nicpmd_read_reg(const struct nicpmd_hw *hw, uint32_t reg)
{
	return rte_read32(hw->bar + reg);
}

/* Write, then let a trapping platform see it (see base/nicpmd_hw.h). */
static inline void
nicpmd_write_reg(struct nicpmd_hw *hw, uint32_t reg, uint32_t val)
{
	rte_write32(val, hw->bar + reg);
	if (hw->trapped)
		nicpmd_slot_trap(hw->slot, reg);
}

/* nicpmd_hw.c: identify, reset and negotiate; undo. */
int nicpmd_hw_init(struct nicpmd_hw *hw, const char *name, bool development);
void nicpmd_hw_uninit(struct nicpmd_hw *hw);
void nicpmd_hw_perm_mac(const struct nicpmd_hw *hw, struct rte_ether_addr *mac);

#endif /* _NICPMD_DEVICE_H_ */

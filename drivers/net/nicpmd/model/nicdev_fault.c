/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * FAULT_INJECT (experimental, development=1): the device breaks its own
 * promises on purpose, so the driver's distrust is tested, not assumed.
 * Rx write-backs with impossible lengths, a missing EOP or garbage
 * metadata; queues that stop being served; an admin completion that
 * answers another command. Tx drops are in nicdev_tx.c.
 */

#include "nicdev_priv.h"

uint16_t
nicdev_fault_set(struct nicdev *dev, const struct nicpmd_aq_fault *c)
{
	if (!(dev->features & NICPMD_F_EXP_FAULT_INJECT))
		return NICPMD_AQ_S_EPERM;
	if ((c->wb_kinds & ~NICPMD_FAULT_WB_KINDS) ||
	    (c->wb_every != 0 && c->wb_kinds == 0) ||
	    (c->flags & ~NICPMD_FAULT_F_ALL))
		return NICPMD_AQ_S_EINVAL;
	dev->fault_count = 0;
	rte_atomic_store_explicit(&dev->fault_drop_every, c->drop_every,
				  rte_memory_order_relaxed);
	dev->fault.wb_count = 0;
	dev->fault.wb_turn = 0;
	dev->fault.wb_kinds = c->wb_kinds;
	rte_atomic_store_explicit(&dev->fault.wb_every, c->wb_every,
				  rte_memory_order_relaxed);
	rte_atomic_store_explicit(&dev->fault.flags, c->flags,
				  rte_memory_order_relaxed);
	/* FAULT_F_LINK_DOWN set or cleared: the link follows at once. */
	nicdev_link_refresh(dev);
	return NICPMD_AQ_S_OK;
}

/* The kind of the turn-th corruption: the enabled kinds in turn. */
static uint32_t
kind_of(uint32_t kinds, uint32_t turn)
{
	uint32_t n = 0, k;

	for (k = 0; k < 32; k++)
		n += (kinds >> k) & 1;
	turn %= n;
	for (k = 0; k < 32; k++)
		if (((kinds >> k) & 1) && turn-- == 0)
			return 1u << k;
	return 0;
}

void
nicdev_fault_wb(struct nicdev *dev, uint16_t buf_len, uint16_t *len,
		uint32_t *status, uint16_t *ptype)
{
	struct nicdev_fault *f = &dev->fault;
	uint32_t every = rte_atomic_load_explicit(&f->wb_every,
						  rte_memory_order_relaxed);
	uint32_t turn;

	if (every == 0)
		return;
	/* Under the Rx queue's lock: one writer per queue, counts shared. */
	if ((rte_atomic_fetch_add_explicit(&f->wb_count, 1,
					   rte_memory_order_relaxed) + 1) %
	    every != 0)
		return;
	turn = rte_atomic_fetch_add_explicit(&f->wb_turn, 1,
					     rte_memory_order_relaxed);
	switch (kind_of(f->wb_kinds, turn)) {
	case NICPMD_FAULT_WB_LEN_ZERO:
		*len = 0;
		break;
	case NICPMD_FAULT_WB_LEN_OVER:
		*len = buf_len < UINT16_MAX ? buf_len + 1 : UINT16_MAX;
		break;
	case NICPMD_FAULT_WB_NO_EOP:
		*status &= ~NICPMD_RXD_EOP;
		break;
	case NICPMD_FAULT_WB_FLAGS:
		*status = ~NICPMD_RXD_ERR;
		*ptype = UINT16_MAX;
		break;
	}
}

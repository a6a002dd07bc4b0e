/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The nicpmd authors
 */

/*
 * Interrupts: the device signals vector 0 (an eventfd from the platform)
 * for the causes the driver unmasked. EAL's interrupt thread runs the
 * handler, which acknowledges the causes and turns a link change into
 * RTE_ETH_EVENT_INTR_LSC. Nobody polls the link for it.
 */

#include <errno.h>
#include <sys/eventfd.h>

#include <rte_interrupts.h>

#include "nicpmd.h"

static void
nicpmd_intr_handler(void *arg)
{
	struct rte_eth_dev *dev = arg;
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	eventfd_t n;
	uint32_t cause;

	/* The message first, then the causes: none can be missed. */
	eventfd_read(hw->irq_fd[0], &n);
	cause = __atomic_fetch_and((uint32_t *)(uintptr_t)
				   (hw->bar + NICPMD_REG_INTR_CAUSE),
				   ~NICPMD_INTR_LSC, __ATOMIC_ACQ_REL);
	if (cause & NICPMD_INTR_LSC) {
		/* 0: the recorded link changed, an event for the app. */
		if (nicpmd_link_update(dev, 0) == 0)
			rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC,
						     NULL);
	}
	if (cause & NICPMD_INTR_FATAL & nicpmd_read_reg(hw, NICPMD_REG_INTR_MASK))
		rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_RESET,
					     NULL);
}

int
nicpmd_intr_init(struct rte_eth_dev *dev)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	int ret;

	dev->intr_handle = rte_intr_instance_alloc(RTE_INTR_INSTANCE_F_PRIVATE);
	if (dev->intr_handle == NULL)
		return -ENOMEM;
	if (rte_intr_type_set(dev->intr_handle, RTE_INTR_HANDLE_EXT) < 0 ||
	    rte_intr_fd_set(dev->intr_handle, hw->irq_fd[0]) < 0) {
		ret = -EINVAL;
		goto fail;
	}
	ret = rte_intr_callback_register(dev->intr_handle, nicpmd_intr_handler,
					 dev);
	if (ret < 0)
		goto fail;
	dev->data->dev_flags |= RTE_ETH_DEV_INTR_LSC;
	return 0;
fail:
	rte_intr_instance_free(dev->intr_handle);
	dev->intr_handle = NULL;
	return ret;
}

void
nicpmd_intr_uninit(struct rte_eth_dev *dev)
{
	if (dev->intr_handle == NULL)
		return;
	/* Waits for a running handler; never called from one. */
	rte_intr_callback_unregister_sync(dev->intr_handle,
					  nicpmd_intr_handler, dev);
	rte_intr_instance_free(dev->intr_handle);
	dev->intr_handle = NULL;
}

/* The causes the application asked for, unmasked while started. */
void
nicpmd_intr_set_mask(struct rte_eth_dev *dev, bool started)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	uint32_t mask = 0;

	if (started && dev->data->dev_conf.intr_conf.lsc)
		mask |= NICPMD_INTR_LSC;
	nicpmd_write_reg(hw, NICPMD_REG_INTR_MASK, mask);
}

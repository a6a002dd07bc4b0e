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

#include "nicpmd_ethdev.h"
#include "nicpmd_rxtx.h"

static void
nicpmd_intr_handler(void *arg)
{
	struct rte_eth_dev *dev = arg;
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	eventfd_t n;
	uint32_t cause;

	/* The message first, then the causes: none can be missed. */
	eventfd_read(hw->irq_fd[0], &n);
	cause = rte_atomic_fetch_and_explicit(NICPMD_ATOMIC32(hw->bar +
						NICPMD_REG_INTR_CAUSE),
					      ~NICPMD_INTR_LSC,
					      rte_memory_order_acq_rel);
	if (cause & NICPMD_INTR_LSC) {
		struct nicpmd_adapter *ad = NICPMD_ADAPTER(dev);
		int status;

		nicpmd_link_update(dev, 0);
		status = dev->data->dev_link.link_status;
		/* One event per change the application has not been told. */
		if (status != ad->lsc_announced) {
			ad->lsc_announced = status;
			rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC,
						     NULL);
		}
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

	if (!(hw->features & NICPMD_F_LSC_INTR))
		return 0;	/* a device without interrupt messages */
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

/*
 * Rx queue interrupts (intr_conf.rxq): the queues' vectors become the
 * handle's event fds, so rte_eth_dev_rx_intr_ctl_q() can add them to an
 * epoll set; EAL waits on them edge-triggered.
 */
int
nicpmd_rxq_intr_setup(struct rte_eth_dev *dev)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	struct rte_intr_handle *h = dev->intr_handle;
	uint16_t q, nb = dev->data->nb_rx_queues;

	if (!dev->data->dev_conf.intr_conf.rxq)
		return 0;
	if (h == NULL) {
		NICPMD_LOG(ERR, "port %u: the device has no interrupts",
			   dev->data->port_id);
		return -ENOTSUP;
	}
	if (nb + 1u > hw->nb_irq) {
		NICPMD_LOG(ERR, "port %u: %u Rx queues, %u interrupt vectors",
			   dev->data->port_id, nb, hw->nb_irq);
		return -EINVAL;
	}
	if (rte_intr_vec_list_alloc(h, "nicpmd_rxq_vec", nb) < 0 ||
	    rte_intr_nb_efd_set(h, nb) < 0 ||
	    rte_intr_max_intr_set(h, nb + 1) < 0)
		return -ENOMEM;
	for (q = 0; q < nb; q++) {
		if (rte_intr_efds_index_set(h, q, hw->irq_fd[1 + q]) < 0 ||
		    rte_intr_vec_list_index_set(h, q,
					RTE_INTR_VEC_RXTX_OFFSET + q) < 0)
			return -EINVAL;
	}
	return 0;
}

void
nicpmd_rxq_intr_teardown(struct rte_eth_dev *dev)
{
	if (dev->intr_handle == NULL)
		return;
	rte_intr_vec_list_free(dev->intr_handle);
	rte_intr_nb_efd_set(dev->intr_handle, 0);
}

int
nicpmd_rx_queue_intr_enable(struct rte_eth_dev *dev, uint16_t qid)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	struct nicpmd_rx_queue *rxq = dev->data->rx_queues[qid];

	nicpmd_write_reg(hw, NICPMD_REG_RXQ_INTR(qid), 1);
	/*
	 * The device signals only what it completes after the arm. A frame
	 * that landed just before would wait for the next one: signal it
	 * ourselves so a sleeping application wakes up for it.
	 */
	if (nicpmd_rx_queue_count(rxq) != 0 &&
	    rte_atomic_exchange_explicit(NICPMD_ATOMIC32(hw->bar +
					 NICPMD_REG_RXQ_INTR(qid)), 0,
					 rte_memory_order_acq_rel) != 0)
		eventfd_write(hw->irq_fd[1 + qid], 1);
	return 0;
}

int
nicpmd_rx_queue_intr_disable(struct rte_eth_dev *dev, uint16_t qid)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	eventfd_t n;

	nicpmd_write_reg(hw, NICPMD_REG_RXQ_INTR(qid), 0);
	/* Edge-triggered waiters do not read: drain for the next edge. */
	eventfd_read(hw->irq_fd[1 + qid], &n);
	return 0;
}

/* The causes the application asked for, unmasked while started. */
void
nicpmd_intr_set_mask(struct rte_eth_dev *dev, bool started)
{
	struct nicpmd_hw *hw = &NICPMD_ADAPTER(dev)->hw;
	uint32_t mask = 0;

	if (!(hw->features & NICPMD_F_LSC_INTR))
		return;
	if (started && dev->data->dev_conf.intr_conf.lsc)
		mask |= NICPMD_INTR_LSC;
	nicpmd_write_reg(hw, NICPMD_REG_INTR_MASK, mask);
}
